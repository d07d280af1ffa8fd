// CI's drift check: the committed migrations must already contain everything db/schema.ts
// declares. Generates into a scratch copy of db/migrations and fails if anything new appears.
// Then no migration may drop or rename data unless marked as the second step of a
// two-release change (scripts/migration-safety.ts).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { findUnsafeStatements } from './migration-safety.ts';

const migrations = readdirSync('db/migrations')
  .filter((f) => f.endsWith('.sql'))
  .sort();
const unsafe = migrations.flatMap((file, i) =>
  findUnsafeStatements(file, readFileSync(`db/migrations/${file}`, 'utf8'), migrations.slice(0, i)),
);
for (const { file, statement, reason } of unsafe) {
  console.error(`db/migrations/${file}: ${statement}\n  ${reason}`);
}
if (unsafe.length > 0) process.exit(1);

// drizzle-kit takes `out` relative to the working directory, so the scratch copy lives here.
const scratch = 'node_modules/.cache/migrations-check';
rmSync(scratch, { recursive: true, force: true });
try {
  cpSync('db/migrations', scratch, { recursive: true });
  const before = readdirSync(scratch).sort();
  execFileSync(
    'npx',
    [
      'drizzle-kit',
      'generate',
      '--dialect=postgresql',
      '--schema=./db/schema.ts',
      `--out=${scratch}`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (!existsSync(`${scratch}/meta/_journal.json`)) throw new Error('drizzle-kit did not run');
  const added = readdirSync(scratch).filter((f) => !before.includes(f));
  if (added.length > 0) {
    console.error(
      `db/schema.ts and db/migrations disagree: drizzle-kit would add ${added.join(', ')}.\n` +
        'Run `npm run db:generate`, review the new migration and commit it.',
    );
    process.exit(1);
  }
  execFileSync('npx', ['drizzle-kit', 'check', '--dialect=postgresql', '--out=db/migrations'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  console.log('migrations: in step with db/schema.ts');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
