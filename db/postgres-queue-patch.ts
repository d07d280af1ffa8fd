// postgres.js 3.4.9 (the latest release) keeps its pool's connections in small queues whose
// `shift` leaves an empty slot behind and whose `remove` scans every slot ever used. A
// connection taken from a queue with `shift` is then `remove`d from it again when it moves on,
// so under a steady load every query scans an array that grows by one slot per query: in
// `npm run bench -- driver`, a query's CPU cost doubles after 150,000 queries and never comes
// back, and a long-running bot would slow down day after day. `npm install` runs
// scripts/patch-dependencies.ts, which replaces that queue with the one below (same
// interface, same order, but `remove` looks only at live entries and the array is compacted).
// Upstream's file is recognised by its hash: a new postgres.js release is left untouched and
// reported, so that whoever upgrades checks whether the bug is still there.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const MARK = 'Patched by voisins-solidaires-bot (db/postgres-queue-patch.ts)';

/** The queue files of postgres.js 3.4.9 (ES module builds, then the CommonJS build). */
const UPSTREAM = {
  esm: '15e6345adb6708bf3b99ad39fc2231c2fb61de5f6cba4b7a7a6be881482a4ec3',
  cjs: '7d20fa53a3930be070609d7912ecd14c347df3526805bca2f6cb7eb35d2e62cf',
} as const;

const FILES: { path: string; flavour: keyof typeof UPSTREAM }[] = [
  { path: 'src/queue.js', flavour: 'esm' },
  { path: 'cf/src/queue.js', flavour: 'esm' },
  { path: 'cjs/src/queue.js', flavour: 'cjs' },
];

/** A FIFO whose `remove` costs the number of live entries, not the number ever pushed. */
function patchedQueue(flavour: keyof typeof UPSTREAM): string {
  return `// ${MARK}: the same queue, whose remove()
// looks only at live entries and whose array is compacted as entries are shifted out.
${flavour === 'esm' ? 'export default Queue' : 'module.exports = Queue'}

function Queue(initial = []) {
  let entries = initial.slice()
  let head = 0

  return {
    get length() {
      return entries.length - head
    },
    remove: (x) => {
      const at = entries.indexOf(x, head)
      if (at === -1)
        return null
      entries.splice(at, 1)
      return x
    },
    push: (x) => (entries.push(x), x),
    shift: () => {
      if (head === entries.length)
        return undefined
      const out = entries[head]
      entries[head++] = undefined
      if (head === entries.length) {
        entries = []
        head = 0
      } else if (head >= 64 && head * 2 >= entries.length) {
        entries = entries.slice(head)
        head = 0
      }
      return out
    }
  }
}
`;
}

export type QueuePatchState = 'patched' | 'upstream' | 'unknown';

export interface QueuePatchFile {
  path: string;
  state: QueuePatchState;
}

/** The installed postgres.js package's folder. */
export function postgresPackageDir(): string {
  // The package exports only its entry points: its CommonJS entry is <package>/cjs/src/index.js.
  const entry = createRequire(import.meta.url).resolve('postgres');
  return dirname(dirname(dirname(entry)));
}

/** What each of the driver's queue files is now. */
export function inspectPostgresQueue(packageDir = postgresPackageDir()): QueuePatchFile[] {
  return FILES.map(({ path, flavour }) => {
    const text = readFileSync(join(packageDir, path), 'utf8');
    const state: QueuePatchState = text.includes(MARK)
      ? 'patched'
      : createHash('sha256').update(text).digest('hex') === UPSTREAM[flavour]
        ? 'upstream'
        : 'unknown';
    return { path, state };
  });
}

/** Patches the files that are upstream's; returns every file's state afterwards. */
export function applyPostgresQueuePatch(packageDir = postgresPackageDir()): QueuePatchFile[] {
  return inspectPostgresQueue(packageDir).map((file) => {
    if (file.state !== 'upstream') return file;
    const flavour = FILES.find((f) => f.path === file.path)!.flavour;
    writeFileSync(join(packageDir, file.path), patchedQueue(flavour));
    return { path: file.path, state: 'patched' as const };
  });
}

/** The installed ES module build (the one this project loads) is patched. */
export function isPostgresQueuePatched(): boolean {
  try {
    return inspectPostgresQueue().every((file) => file.state === 'patched');
  } catch {
    return false;
  }
}
