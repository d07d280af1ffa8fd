// npm run backup / restore / db:move-to-server, as an operator runs them (child processes
// with only the bot's variables): a backup restored elsewhere holds the same rows in every
// table; a database that holds data is refused unless --force; the embedded database is
// refused while a bot has it. The server's variants run on a server run (TEST_DATABASE_URL).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { dumpDataFolder, restoreDataFolder } from '../../db/backup/embedded-backup.ts';
import { createDatabase, queryRows, type Database } from '../../db/client.ts';
import { migrateDatabase, migrationsFolder } from '../../db/migrate.ts';
import { seedEveryFeature, fingerprint } from '../support/seed-every-feature.ts';
import { spawnScript } from '../support/spawn-script.ts';
import { serverUrl, withDatabase } from '../support/test-database.ts';

const folders: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vsb-backup-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function run(script: string, args: string[], env: Record<string, string>) {
  const child = spawnScript(script, args, { LOG_LEVEL: 'silent', CONSOLE: 'false', ...env });
  const code = await child.exited;
  return { code, out: child.lines.join('\n'), err: child.stderr() };
}

async function seededFolder(dataDir: string): Promise<Record<string, string>> {
  const database = await createDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    await migrateDatabase(database);
    await seedEveryFeature(database.db);
    return await fingerprint(database.db);
  } finally {
    await database.close();
  }
}

async function fingerprintOf(options: { dataDir?: string; url?: string }) {
  const database = await createDatabase(
    options.url ? { url: options.url, maxConnections: 1 } : { dataDir: options.dataDir! },
  );
  try {
    return await fingerprint(database.db);
  } finally {
    await database.close();
  }
}

describe('the embedded database', () => {
  it('backs up while stopped, refuses while a bot has it, restores into an empty folder', async () => {
    const dataDir = tempDir();
    const before = await seededFolder(dataDir);
    expect(Object.values(before).filter((v) => !v.startsWith('0:')).length).toBeGreaterThan(10);
    const out = tempDir();

    // A bot (this process) has the folder: refused, with what to do.
    const open: Database = await createDatabase({ dataDir: join(dataDir, 'pglite') });
    const refused = await run('scripts/ops/backup.ts', ['--out', out], { DATA_DIR: dataDir });
    await open.close();
    expect(refused.code).toBe(3);
    expect(refused.err).toContain('while the bot is stopped');

    const backup = await run('scripts/ops/backup.ts', ['--out', out], { DATA_DIR: dataDir });
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    const [file] = readdirSync(out);
    expect(file).toMatch(/^voisins-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.pglite\.tar\.gz$/);

    const elsewhere = tempDir();
    const restored = await run('scripts/ops/restore.ts', [join(out, file!)], {
      DATA_DIR: elsewhere,
    });
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(await fingerprintOf({ dataDir: join(elsewhere, 'pglite') })).toEqual(before);

    // Not over a database that holds data, unless --force (which keeps it aside).
    const again = await run('scripts/ops/restore.ts', [join(out, file!)], { DATA_DIR: elsewhere });
    expect(again.code).toBe(2);
    expect(again.err).toContain('already holds a database');
    const forced = await run('scripts/ops/restore.ts', [join(out, file!), '--force'], {
      DATA_DIR: elsewhere,
    });
    expect(forced.code).toBe(0);
    expect(forced.out).toContain('the previous data folder is kept in');
    expect(await fingerprintOf({ dataDir: join(elsewhere, 'pglite') })).toEqual(before);
  }, 120_000);
});

describe('a backup made by an older version', () => {
  it('is restored as it was, and migrated to the latest at the next start', async () => {
    const journal = JSON.parse(
      readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    // The migrations of three releases ago: a copy whose journal stops there.
    const old = join(tempDir(), 'migrations');
    cpSync(migrationsFolder, old, { recursive: true });
    const entries = journal.entries.slice(0, 3);
    writeFileSync(join(old, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
    const dataDir = tempDir();
    const database = await createDatabase({ dataDir: join(dataDir, 'pglite') });
    await database.applyMigrations(old);
    await database.close();
    const file = join(tempDir(), 'old.pglite.tar.gz');
    await dumpDataFolder(join(dataDir, 'pglite'), file);

    const restoredDir = join(tempDir(), 'pglite');
    await restoreDataFolder(restoredDir, file);
    const restored = await createDatabase({ dataDir: restoredDir });
    try {
      const applied = async () =>
        (
          await queryRows<{ n: number }>(
            restored.db,
            'select count(*)::int as n from drizzle.__drizzle_migrations',
          )
        )[0]?.n;
      expect(await applied()).toBe(3);
      await migrateDatabase(restored); // what the bot does at start
      expect(await applied()).toBe(journal.entries.length);
    } finally {
      await restored.close();
    }
  }, 60_000);
});

describe.skipIf(!serverUrl)('a PostgreSQL server', () => {
  const admin = serverUrl ? postgres(serverUrl, { max: 1, onnotice: () => {} }) : undefined;
  const names: string[] = [];
  const emptyDatabase = async () => {
    const name = `vsb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await admin!.unsafe(`CREATE DATABASE ${name}`);
    names.push(name);
    return withDatabase(serverUrl!, name);
  };
  afterAll(async () => {
    for (const name of names) await admin!.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.end();
  });

  it('backs up with pg_dump while in use and restores into an empty database only', async () => {
    const url = await emptyDatabase();
    const source = await createDatabase({ url, maxConnections: 2 });
    let before: Record<string, string>;
    const out = tempDir();
    try {
      await migrateDatabase(source);
      await seedEveryFeature(source.db);
      before = await fingerprint(source.db);
      // The database stays open (a running bot) during the backup.
      const backup = await run('scripts/ops/backup.ts', ['--out', out], { DATABASE_URL: url });
      expect(backup.err).toBe('');
      expect(backup.code).toBe(0);
    } finally {
      await source.close();
    }
    const [file] = readdirSync(out);
    expect(file).toMatch(/\.pgdump$/);

    const target = await emptyDatabase();
    const restored = await run('scripts/ops/restore.ts', [join(out, file!)], {
      DATABASE_URL: target,
    });
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(await fingerprintOf({ url: target })).toEqual(before);

    const again = await run('scripts/ops/restore.ts', [join(out, file!)], { DATABASE_URL: target });
    expect(again.code).toBe(2);
    expect(again.err).toContain('already holds');
    const forced = await run('scripts/ops/restore.ts', [join(out, file!), '--force'], {
      DATABASE_URL: target,
    });
    expect(forced.err).toBe('');
    expect(await fingerprintOf({ url: target })).toEqual(before);
  }, 120_000);

  it('moves the embedded database to an empty database on the server', async () => {
    const dataDir = tempDir();
    const before = await seededFolder(dataDir);
    const target = await emptyDatabase();
    const moved = await run('scripts/ops/move-to-server.ts', [target], { DATA_DIR: dataDir });
    expect(moved.err).toBe('');
    expect(moved.code).toBe(0);
    expect(moved.out).toMatch(/moved \d+ tables, \d+ rows/);
    expect(await fingerprintOf({ url: target })).toEqual(before);
    // A second move finds the database not empty.
    const again = await run('scripts/ops/move-to-server.ts', [target], { DATA_DIR: dataDir });
    expect(again.code).toBe(2);
  }, 120_000);

  it('moves it for a role that is not a superuser, whose own triggers would fire', async () => {
    const dataDir = tempDir();
    const before = await seededFolder(dataDir);
    expect(before['activity_period_rollups']).toMatch(/^[1-9]/);
    const role = `vsb_mover_${process.pid}`;
    const name = `vsb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await admin!.unsafe(`DROP ROLE IF EXISTS ${role}`);
    await admin!.unsafe(`CREATE ROLE ${role} LOGIN NOSUPERUSER`);
    try {
      await admin!.unsafe(`CREATE DATABASE ${name} OWNER ${role}`);
      names.push(name);
      const target = new URL(withDatabase(serverUrl!, name));
      target.username = role;
      target.password = '';
      const moved = await run('scripts/ops/move-to-server.ts', [target.toString()], {
        DATA_DIR: dataDir,
      });
      expect(moved.err).toBe('');
      expect(moved.code).toBe(0);
      expect(await fingerprintOf({ url: target.toString() })).toEqual(before);
    } finally {
      await admin!.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin!.unsafe(`DROP ROLE IF EXISTS ${role}`);
    }
  }, 120_000);
});
