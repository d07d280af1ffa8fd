// Which postgres.js release the driver benchmark last vouched for. postgres.js 3.4.9 and
// 3.4.10 have a pool queue whose remove() scans every slot ever used, so a query costs more
// the longer the process runs (3.5 times the CPU after 200,000 queries); `npm ci` patches it
// (patches/postgres+3.4.10.patch). 4.2.0's rewritten pool stays level, but after ten seconds
// without its server it did not try the server again for 10 to 20 s, even once it was back,
// and held or refused every query meanwhile, so we went back to 3.4.10 (README, "Limits,
// honestly").
// tests/db/postgres-driver-release.test.ts fails when another release is installed, until
// someone runs `npm run bench -- driver` on it and records the figures here.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const checkedPostgresRelease = {
  version: '3.4.10',
  /**
   * CPU per query after 200,000 queries over CPU per query on a fresh pool (target ≤ 1.25),
   * with patches/postgres+3.4.10.patch applied: 0.98 (2 cores, load 3.1 to 3.7); the same
   * run on the released files gave 3.81. 4.2.0 gave 0.69 to 1.19.
   */
  afterOverFresh: 0.98,
  measuredOn: '2026-12-06',
} as const;

/** The version of the postgres.js package this project resolves. */
export function installedPostgresVersion(): string {
  // The package exports only its entry points (cjs/src/index.js here), not its package.json:
  // walk up from the entry point to the package's own folder.
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
