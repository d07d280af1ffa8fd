// The production build (scripts/build-production.sh, what `npm run build` and the Dockerfile
// run), made into tmp/build-<hash of its sources>/dist (inside the repository, so that node
// finds node_modules from it as it does from dist/), never racing a developer's own dist/.
// About 20 s of tsc, once: CI's second run of the suite (and any rerun with the same sources)
// finds it made. Made aside, then renamed into place, so a build is whole or absent.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const SOURCES = [
  'bot',
  'handlers',
  'db',
  'web',
  'scripts',
  'locales',
  'kits',
  'patches',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
];

export interface ProductionBuild {
  /** The build's folder: dist/ of a real build. */
  dir: string;
}

export async function buildProduction(): Promise<ProductionBuild> {
  const root = join(repoRoot, 'tmp', `build-${hashSources()}`);
  const dir = join(root, 'dist');
  if (existsSync(dir)) return { dir };
  mkdirSync(join(repoRoot, 'tmp'), { recursive: true });
  const partial = `${root}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    await promisify(execFile)('sh', ['scripts/build-production.sh', join(partial, 'dist')], {
      cwd: repoRoot,
      env: { ...process.env },
    });
    try {
      renameSync(partial, root);
    } catch (error) {
      // Another run finished the same build first: theirs is as good.
      if (!existsSync(dir)) throw error;
    }
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  // Builds of other sources are of no further use.
  for (const name of readdirSync(join(repoRoot, 'tmp'))) {
    const other = join(repoRoot, 'tmp', name);
    if (/^build-[0-9a-f]{16}$/.test(name) && other !== root) {
      rmSync(other, { recursive: true, force: true });
    }
  }
  return { dir };
}

function hashSources(): string {
  const hash = createHash('sha256');
  const add = (path: string) => {
    const full = join(repoRoot, path);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) add(join(path, name));
      return;
    }
    hash.update(path).update('\0').update(readFileSync(full)).update('\0');
  };
  for (const source of SOURCES) add(source);
  return hash.digest('hex').slice(0, 16);
}
