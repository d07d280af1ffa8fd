// Which postgres.js release the driver benchmark last vouched for. postgres.js 3.4.9 and
// 3.4.10 had a pool queue whose remove() scanned every slot ever used, so a query cost more
// the longer the process ran (3.5 times the CPU after 200,000 queries); until December 2026
// an install-time patch fixed it. 4.x rewrote the pool and stays level, so the patch is gone;
// tests/db/postgres-driver-release.test.ts fails when another release is installed, until
// someone runs `npm run bench -- driver` on it and records the figures here.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const checkedPostgresRelease = {
  version: '4.2.0',
  /**
   * CPU per query after 200,000 queries over CPU per query on a fresh pool (target ≤ 1.25):
   * the median of six runs (0.69 to 1.19, on 2 cores under a load of 3 to 12); 3.4.10 gave
   * 2.64 to 4.00 unpatched, 0.77 and 0.86 patched.
   */
  afterOverFresh: 0.89,
  measuredOn: '2026-12-06',
} as const;

/** The version of the postgres.js package this project resolves. */
export function installedPostgresVersion(): string {
  // The package exports only its entry points (src/index.js in 4.x, cjs/src/index.js in 3.x),
  // not its package.json: walk up from the entry point to the package's own folder.
  let dir = dirname(createRequire(import.meta.url).resolve('postgres'));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (manifest.name === 'postgres') return manifest.version;
    }
    if (dirname(dir) === dir) throw new Error('postgres.js is not installed (npm ci)');
    dir = dirname(dir);
  }
}
