// Before the suite: a migrated template database that every test file copies instead of
// creating and migrating its own (tests/support/test-database.ts). An empty PGlite costs an
// initdb, seconds of CPU, in each of a hundred files; a copy of a migrated one a fraction of
// that. On a server the template is a database (CREATE DATABASE … TEMPLATE); with PGlite, a
// dumpDataDir() tarball in a temporary folder. Both go at the end of the run.
//
// On a server, databases left by an interrupted earlier run are removed first. A database is
// named after the process that made it (vsb_test_<pid>_…): those of a process still alive
// belong to another run going on at the same time, and are kept.
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../db/client.ts';
import { migrateDatabase, migrationsFolder } from '../../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's template database, or the PGlite template's tarball (a file path). */
    databaseTemplate: { server: string } | { pglite: string };
  }
}

export default async function setup(project: TestProject): Promise<() => void | Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const folder = mkdtempSync(join(tmpdir(), 'vsb-test-template-'));
    const client = await PGlite.create();
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
      const tarball = await client.dumpDataDir('none');
      writeFileSync(join(folder, 'template.tar'), Buffer.from(await tarball.arrayBuffer()));
    } finally {
      await client.close();
    }
    project.provide('databaseTemplate', { pglite: join(folder, 'template.tar') });
    return () => rmSync(folder, { recursive: true, force: true });
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const template = `vsb_test_${process.pid}_template`;
  try {
    const stale = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like 'vsb_test_%'`;
    for (const { datname } of stale) {
      const pid = Number(/^vsb_test_(\d+)_/.exec(datname)?.[1]);
      if (Number.isInteger(pid) && isAlive(pid)) continue;
      await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await admin.unsafe(`CREATE DATABASE ${template}`);
    const parsed = new URL(url);
    parsed.pathname = `/${template}`;
    const database = await createDatabase({ url: parsed.toString(), maxConnections: 2 });
    try {
      await migrateDatabase(database);
    } finally {
      // A template is copied only while nobody is connected to it.
      await database.close();
    }
  } finally {
    await admin.end();
  }
  project.provide('databaseTemplate', { server: template });
  return async () => {
    const end = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await end.unsafe(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    } finally {
      await end.end();
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
