// One database per test file: an in-memory PGlite by default, or a fresh database on the
// PostgreSQL server named by TEST_DATABASE_URL (dropped at the end). Both start as a copy of
// the template the suite migrated once (tests/support/global-setup.ts), and are migrated the
// same way as at startup (nothing left to apply). Tests call resetDatabase() to start each
// test empty.
import { sql } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { createDatabase, queryRows, type Database } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';

export const serverUrl = process.env.TEST_DATABASE_URL;

export interface TestDatabase extends Database {
  /** A URL for a second, independent connection (server only). */
  url?: string;
  drop(): Promise<void>;
}

/** `migrated: false` leaves it empty, for tests that apply migrations themselves. */
export async function createTestDatabase(
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  // An empty database is a new one; a migrated one starts as a copy of the template.
  const template = migrated ? inject('databaseTemplate') : undefined;
  if (!serverUrl) {
    const database = await createDatabase(
      template && 'pglite' in template ? { template: pgliteTemplate(template.pglite) } : {},
    );
    if (migrated) await migrateDatabase(database);
    return { ...database, drop: () => database.close() };
  }
  const name = `vsb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(
    template && 'server' in template
      ? `CREATE DATABASE ${name} TEMPLATE ${template.server}`
      : `CREATE DATABASE ${name}`,
  );
  const url = withDatabase(serverUrl, name);
  const database = await createDatabase({ url, maxConnections: 5 });
  if (migrated) await migrateDatabase(database);
  return {
    ...database,
    url,
    async drop() {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * The test file's database (or its describe block's): created before its first test, dropped
 * after its last, and with `emptyBeforeEachTest` emptied before each test. The object is
 * filled in when the tests run, not when the file is read.
 */
export function useTestDatabase(options: { emptyBeforeEachTest?: boolean } = {}): TestDatabase {
  const database = {} as TestDatabase;
  beforeAll(async () => {
    Object.assign(database, await createTestDatabase());
  });
  afterAll(() => database.drop());
  if (options.emptyBeforeEachTest) beforeEach(() => resetDatabase(database));
  return database;
}

let tarball: { path: string; blob: Blob } | undefined;

/** The PGlite template, read once per test file's process. */
function pgliteTemplate(path: string): Blob {
  if (tarball?.path !== path) tarball = { path, blob: new Blob([readFileSync(path)]) };
  return tarball.blob;
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Empties every table (keeps the migrations' bookkeeping). */
export async function resetDatabase(database: Database): Promise<void> {
  const rows = await queryRows<{ tablename: string }>(
    database.db,
    `select tablename from pg_tables where schemaname = 'public'`,
  );
  const tables = rows.map((r) => `"${r.tablename}"`);
  if (tables.length > 0) {
    await database.db.execute(sql.raw(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`));
  }
}
