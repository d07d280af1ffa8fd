// Migrations that lose data are made in two releases: release N stops using a column or a
// table (the code no longer reads or writes it; the migration, if any, keeps it), release
// N+1 drops or renames it. A bot of release N still running beside one of N+1 (a rolling
// upgrade, a rollback) then never meets a missing column. The second step says so, on the
// statement itself:
//
//   -- two-release: dropped column people.nickname, deprecated in 0015
//   ALTER TABLE "people" DROP COLUMN "nickname";
//
// naming the earlier migration (4 digits) that deprecated it, which must exist. Any other
// DROP TABLE, DROP COLUMN (also written `ALTER TABLE … DROP "column"`, PostgreSQL's COLUMN
// being optional), RENAME or TRUNCATE fails `npm run db:check`. Dropping a constraint, a
// default, NOT NULL, an index, a trigger or a function keeps the data and passes.

export interface UnsafeStatement {
  file: string;
  statement: string;
  reason: string;
}

const LOSES_DATA = new RegExp(
  [
    /\bDROP\s+(TABLE|COLUMN)\b/,
    // ALTER TABLE t DROP [IF EXISTS] c: a column, unless what follows DROP says otherwise.
    /\bALTER\s+TABLE\b[^;]*?\bDROP\s+(?!CONSTRAINT\b|DEFAULT\b|NOT\s+NULL\b|EXPRESSION\b|IDENTITY\b)(IF\s+EXISTS\s+)?("|\w)/,
    /\bRENAME\b/,
    // A TRUNCATE statement (not a trigger's ON … TRUNCATE).
    /(?:^|;)\s*TRUNCATE\b/,
  ]
    .map((r) => r.source)
    .join('|'),
  'im',
);
const MARKER = /--\s*two-release:.*\bdeprecated in (\d{4})\b/i;

/** Statements of one migration file that drop or rename data without the marker. */
export function findUnsafeStatements(
  file: string,
  sql: string,
  earlierMigrations: string[],
): UnsafeStatement[] {
  const unsafe: UnsafeStatement[] = [];
  for (const chunk of sql.split('--> statement-breakpoint')) {
    const code = chunk
      .split('\n')
      .filter((line) => !line.trim().startsWith('--'))
      .join('\n')
      .trim();
    if (!LOSES_DATA.test(code)) continue;
    const marker = MARKER.exec(chunk);
    const statement = code.split('\n')[0]!;
    if (!marker) {
      unsafe.push({
        file,
        statement,
        reason:
          'drops or renames data: make it the second step of a two-release change and mark ' +
          'it `-- two-release: <what>, deprecated in NNNN` (scripts/migration-safety.ts)',
      });
    } else if (!earlierMigrations.some((name) => name.startsWith(`${marker[1]}_`))) {
      unsafe.push({
        file,
        statement,
        reason: `is marked as deprecated in ${marker[1]}, which is not an earlier migration`,
      });
    }
  }
  return unsafe;
}
