// A copy of postgres.js 3.4.10's queue files as released, made from the installed (patched)
// ones by applying patches/postgres+3.4.10.patch backwards: for tests of the patch and of
// what the bot does without it, without touching node_modules.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  applyUnifiedDiff,
  POSTGRES_QUEUE_PATCH,
  postgresPackageDir,
  readPostgresQueuePatch,
} from '../../db/postgres-queue-patch.ts';

/** Writes the released queue files under `dir`, laid out as in the package's folder. */
export function writeUnpatchedQueueFiles(dir: string): void {
  const backwards = reversed(readPostgresQueuePatch());
  for (const path of Object.keys(POSTGRES_QUEUE_PATCH.files)) {
    const installed = readFileSync(join(postgresPackageDir(), path), 'utf8');
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), applyUnifiedDiff(installed, backwards, path));
  }
}

/** The same diff, from the new side to the old. */
function reversed(diff: string): string {
  let inHunk = false;
  return diff
    .split('\n')
    .map((line) => {
      const range = /^@@ -(\S+) \+(\S+) @@(.*)$/.exec(line);
      if (range) {
        inHunk = true;
        return `@@ -${range[2]} +${range[1]} @@${range[3]}`;
      }
      if (line.startsWith('diff --git ')) inHunk = false;
      if (!inHunk) return line;
      return line.startsWith('+')
        ? `-${line.slice(1)}`
        : line.startsWith('-')
          ? `+${line.slice(1)}`
          : line;
    })
    .join('\n');
}
