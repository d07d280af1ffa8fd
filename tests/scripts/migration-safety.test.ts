// The two-release rule for migrations that drop or rename data (scripts/migration-safety.ts),
// and the committed migrations keeping to it.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/migrate.ts';
import { findUnsafeStatements } from '../../scripts/migration-safety.ts';

const earlier = ['0014_partner_console.sql', '0015_stop_using_nickname.sql'];

describe('a migration that drops or renames data', () => {
  it('fails without the marker', () => {
    const sql =
      'ALTER TABLE "people" ADD COLUMN "x" text;--> statement-breakpoint\n' +
      'ALTER TABLE "people" DROP COLUMN "nickname";--> statement-breakpoint\n' +
      'ALTER TABLE "chats" RENAME COLUMN "title" TO "name";--> statement-breakpoint\n' +
      'DROP TABLE "old_things";--> statement-breakpoint\n' +
      'DROP INDEX "people_seen";';
    const unsafe = findUnsafeStatements('0016_x.sql', sql, earlier);
    expect(unsafe.map((u) => u.statement)).toEqual([
      'ALTER TABLE "people" DROP COLUMN "nickname";',
      'ALTER TABLE "chats" RENAME COLUMN "title" TO "name";',
      'DROP TABLE "old_things";',
    ]);
    expect(unsafe[0]!.reason).toContain('-- two-release:');
  });

  it('fails a column dropped without the COLUMN keyword, and a table emptied', () => {
    const sql =
      'ALTER TABLE "people" DROP "nickname";--> statement-breakpoint\n' +
      'ALTER TABLE people DROP IF EXISTS nickname;--> statement-breakpoint\n' +
      'TRUNCATE "old_things";';
    expect(findUnsafeStatements('0016_x.sql', sql, earlier).map((u) => u.statement)).toEqual([
      'ALTER TABLE "people" DROP "nickname";',
      'ALTER TABLE people DROP IF EXISTS nickname;',
      'TRUNCATE "old_things";',
    ]);
  });

  it('passes what drops no data: a constraint, a default, NOT NULL, an index, a trigger', () => {
    const sql =
      'ALTER TABLE "numbered_prompts" DROP CONSTRAINT "numbered_prompts_pkey";--> statement-breakpoint\n' +
      'ALTER TABLE "chats" ALTER COLUMN "locale" DROP DEFAULT;--> statement-breakpoint\n' +
      'ALTER TABLE "chats" ALTER COLUMN "title" DROP NOT NULL;--> statement-breakpoint\n' +
      'DROP INDEX "people_seen";--> statement-breakpoint\n' +
      'DROP TRIGGER chat_members_changed ON chat_members;--> statement-breakpoint\n' +
      'DROP FUNCTION identity_changed;';
    expect(findUnsafeStatements('0016_x.sql', sql, earlier)).toEqual([]);
  });

  it('passes as the marked second step of a change deprecated in an earlier migration', () => {
    const sql =
      '-- two-release: dropped column people.nickname, deprecated in 0015\n' +
      'ALTER TABLE "people" DROP COLUMN "nickname";';
    expect(findUnsafeStatements('0016_x.sql', sql, earlier)).toEqual([]);
    const wrong = sql.replace('0015', '0042');
    expect(findUnsafeStatements('0016_x.sql', wrong, earlier)[0]!.reason).toContain('0042');
  });

  it('is not in the committed migrations, the newest included', () => {
    const files = readdirSync(migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    // Every migration of the journal is read, up to the last one applied at startup.
    const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
      entries: { tag: string }[];
    };
    expect(files).toEqual(journal.entries.map((e) => `${e.tag}.sql`));
    const unsafe = files.flatMap((file, i) =>
      findUnsafeStatements(
        file,
        readFileSync(`${migrationsFolder}/${file}`, 'utf8'),
        files.slice(0, i),
      ),
    );
    expect(unsafe).toEqual([]);
  });
});
