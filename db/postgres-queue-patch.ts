// postgres.js 3.4.10's pool queue makes every query cost more the longer the process runs
// (patches/postgres+3.4.10.patch says how and why). `npm install` and `npm ci` apply that
// patch (scripts/patch-dependencies.ts); the bot refuses a server database on an unpatched
// driver (bot/create-app.ts). Each file is recognised by its sha256: upstream's is patched and
// checked after, a patched one is left as it is, and any other (a new release, an edit) is
// left alone and reported, so that whoever upgrades checks whether the bug is still there.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const POSTGRES_QUEUE_PATCH: {
  version: string;
  /** From the repository's root. */
  patch: string;
  files: Record<string, { upstream: string; patched: string }>;
} = {
  version: '3.4.10',
  patch: 'patches/postgres+3.4.10.patch',
  /** sha256 of each file as released (identical in 3.4.9) and as patched. */
  files: {
    'src/queue.js': {
      upstream: '15e6345adb6708bf3b99ad39fc2231c2fb61de5f6cba4b7a7a6be881482a4ec3',
      patched: '57a4fd97127131c566fb5068b8e7fb7182fd237cadeb75b1815129e2172eb267',
    },
    'cf/src/queue.js': {
      upstream: '15e6345adb6708bf3b99ad39fc2231c2fb61de5f6cba4b7a7a6be881482a4ec3',
      patched: '57a4fd97127131c566fb5068b8e7fb7182fd237cadeb75b1815129e2172eb267',
    },
    'cjs/src/queue.js': {
      upstream: '7d20fa53a3930be070609d7912ecd14c347df3526805bca2f6cb7eb35d2e62cf',
      patched: '681999bf7806db9c8f9ba68e04279e81bbe5adba8e282e8271a300aaab6c6f91',
    },
  },
};

export type QueueFileState = 'patched' | 'upstream' | 'unknown';

export interface QueueFile {
  path: string;
  state: QueueFileState;
}

/** The installed postgres.js package's folder. */
export function postgresPackageDir(): string {
  // The package exports only its entry points; its CommonJS one is <package>/cjs/src/index.js.
  return dirname(dirname(dirname(createRequire(import.meta.url).resolve('postgres'))));
}

/** What each of the driver's queue files is now. */
export function inspectPostgresQueue(packageDir = postgresPackageDir()): QueueFile[] {
  return Object.entries(POSTGRES_QUEUE_PATCH.files).map(([path, hashes]) => {
    const hash = existsSync(join(packageDir, path))
      ? sha256(readFileSync(join(packageDir, path), 'utf8'))
      : undefined;
    const state: QueueFileState =
      hash === hashes.patched ? 'patched' : hash === hashes.upstream ? 'upstream' : 'unknown';
    return { path, state };
  });
}

/**
 * Applies the patch to the files that are upstream's and checks each result's sha256 before
 * writing it; returns every file's state afterwards.
 */
export function applyPostgresQueuePatch(packageDir = postgresPackageDir()): QueueFile[] {
  const diff = readPostgresQueuePatch();
  return inspectPostgresQueue(packageDir).map((file) => {
    if (file.state !== 'upstream') return file;
    const target = join(packageDir, file.path);
    const patched = applyUnifiedDiff(readFileSync(target, 'utf8'), diff, file.path);
    if (sha256(patched) !== POSTGRES_QUEUE_PATCH.files[file.path]!.patched) {
      throw new Error(`${file.path}: the patch gave another file than the one recorded`);
    }
    writeFileSync(target, patched);
    return { path: file.path, state: 'patched' as const };
  });
}

export function readPostgresQueuePatch(): string {
  const url = new URL(`../${POSTGRES_QUEUE_PATCH.patch}`, import.meta.url);
  return readFileSync(fileURLToPath(url), 'utf8');
}

/** The bot will not run a server database on a driver whose pool queue is not patched. */
export class UnpatchedDriverError extends Error {
  constructor(readonly files: QueueFile[]) {
    const other = files.some((file) => file.state === 'unknown');
    super(
      other
        ? `postgres.js's pool queue is not ${POSTGRES_QUEUE_PATCH.version}'s (another release?), ` +
            'so it could not be patched. Install the pinned release (`npm ci`), or check the new ' +
            'one with `npm run bench -- driver` and update db/postgres-queue-patch.ts.'
        : "postgres.js's pool queue is not patched (was `npm ci` run with --ignore-scripts?): " +
            'every query would cost more the longer the bot runs (3.5 times the CPU after ' +
            `200,000 queries). Run \`npm run postinstall\` to apply ${POSTGRES_QUEUE_PATCH.patch}.`,
    );
    this.name = 'UnpatchedDriverError';
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface Hunk {
  /** First line the hunk replaces, from 1. */
  from: number;
  /** The hunk's lines, each starting with ' ', '-' or '+'. */
  lines: string[];
}

/**
 * `text` with the hunks that a git-style unified diff (patch-package's format) has for the file
 * at `path` (from the package's folder), each line checked before it is replaced.
 */
export function applyUnifiedDiff(text: string, diff: string, path: string): string {
  const hunks = parseUnifiedDiff(diff).get(`node_modules/postgres/${path}`);
  if (!hunks) throw new Error(`${POSTGRES_QUEUE_PATCH.patch} has no part for ${path}`);
  const old = text.split('\n');
  const out: string[] = [];
  let at = 0;
  for (const { from, lines } of hunks) {
    out.push(...old.slice(at, from - 1));
    at = from - 1;
    for (const line of lines) {
      const [mark, rest] = [line[0], line.slice(1)];
      if (mark !== '+' && old[at++] !== rest) throw new Error(`${path}:${at} is not "${rest}"`);
      if (mark !== '-') out.push(rest);
    }
  }
  return [...out, ...old.slice(at)].join('\n');
}

interface Hunk {
  /** First line the hunk replaces, from 1. */
  from: number;
  /** The hunk's lines, each starting with ' ', '-' or '+'. */
  lines: string[];
}

function parseUnifiedDiff(diff: string): Map<string, Hunk[]> {
  const files = new Map<string, Hunk[]>();
  let hunks: Hunk[] | undefined;
  // Lines still to read in the current hunk, as its header counts them (old side, new side).
  let [olds, news] = [0, 0];
  for (const line of diff.split('\n')) {
    if (olds > 0 || news > 0) {
      hunks!.at(-1)!.lines.push(line);
      if (line[0] !== '+') olds--;
      if (line[0] !== '-') news--;
      continue;
    }
    const header = /^diff --git a\/(\S+) b\/\S+$/.exec(line);
    const range = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line);
    if (header) files.set(header[1]!, (hunks = []));
    else if (range && hunks) {
      hunks.push({ from: Number(range[1]), lines: [] });
      [olds, news] = [Number(range[2] ?? 1), Number(range[3] ?? 1)];
    }
  }
  return files;
}
