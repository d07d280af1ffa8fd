import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createDatabase, queryRows } from '../../db/client.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { serverUrl, withDatabase } from '../support/test-database.ts';

describe('migrations at startup', () => {
  it('apply on embedded PGlite, and again as a no-op', async () => {
    const database = await createDatabase({});
    try {
      await migrateDatabase(database);
      await migrateDatabase(database);
      const rows = await queryRows<{ n: number }>(
        database.db,
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });

  it.skipIf(!serverUrl)('apply once when several instances start at the same moment', async () => {
    const name = `vsb_test_migrate_${process.pid}`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const instances = await Promise.all(
      [1, 2, 3, 4].map(() =>
        createDatabase({ url: withDatabase(serverUrl!, name), maxConnections: 2 }),
      ),
    );
    try {
      await Promise.all(instances.map((db) => migrateDatabase(db)));
      const rows = await queryRows<{ n: number; d: number }>(
        instances[0]!.db,
        'select count(*)::int as n, count(distinct hash)::int as d from drizzle.__drizzle_migrations',
      );
      expect(rows[0]!.n).toBe(rows[0]!.d);
    } finally {
      await Promise.all(instances.map((db) => db.close()));
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
