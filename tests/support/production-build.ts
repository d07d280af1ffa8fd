// The production build (scripts/build-production.sh, what `npm run build` and the Dockerfile
// run), made once per test file into a folder of its own under tmp/ (inside the repository,
// so that node finds node_modules from it as it does from dist/), never racing a
// developer's own dist/. About 20 s of tsc.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface ProductionBuild {
  /** The build's folder: dist/ of a real build. */
  dir: string;
  remove(): void;
}

export async function buildProduction(): Promise<ProductionBuild> {
  mkdirSync(join(repoRoot, 'tmp'), { recursive: true });
  const dir = join(mkdtempSync(join(repoRoot, 'tmp', 'build-')), 'dist');
  await promisify(execFile)('sh', ['scripts/build-production.sh', dir], {
    cwd: repoRoot,
    env: { ...process.env },
  });
  return { dir, remove: () => rmSync(join(dir, '..'), { recursive: true, force: true }) };
}
