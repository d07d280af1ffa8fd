// One database per test file: an in-memory PGlite by default, or a fresh database on the
// PostgreSQL server named by TEST_DATABASE_URL (created from scratch, migrated the same way
// as at startup, dropped at the end). Tests call resetDatabase() to start each test empty.
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
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
  if (!serverUrl) {
    const database = await createDatabase({});
    if (migrated) await migrateDatabase(database);
    return { ...database, drop: () => database.close() };
  }
  const name = `vsb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
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
