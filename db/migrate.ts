// Applies the committed drizzle-kit migrations. Several instances may start at once against
// one server: a session-level advisory lock makes them take turns, and the later ones find
// nothing left to apply.
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** An arbitrary constant shared by every instance of the bot. */
const MIGRATION_LOCK_KEY = 7_340_001;

export async function migrateDatabase(database: Database): Promise<void> {
  await database.withSession(async (exec) => {
    await exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      // Applied migrations are recorded in drizzle.__drizzle_migrations.
      await database.applyMigrations(migrationsFolder);
    } finally {
      await exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}
