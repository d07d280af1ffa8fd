// Moves the embedded database's data to a PostgreSQL server (npm run db:move-to-server): both
// are migrated to the same level, then each table is copied whole, PGlite's COPY TO into the
// server's COPY FROM, parents before children, in one transaction on the server; sequences
// follow. The server's database must be empty; the data folder is left as it was (the bot
// must be stopped: it holds the folder). Row counts are compared table by table at the end.
import type { PGlite } from '@electric-sql/pglite';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { createDatabase } from '../client.ts';
import { migrateDatabase } from '../migrate.ts';
import { countTables, NotEmptyError, redact } from './server-backup.ts';

export interface MovedTable {
  table: string;
  rows: number;
}

export async function moveToServer(pgliteFolder: string, url: string): Promise<MovedTable[]> {
  if ((await countTables(url)) > 0) {
    throw new NotEmptyError(
      `The database at ${redact(url)} already holds tables: the move goes into an empty ` +
        'database (createdb voisins, then give its URL).',
    );
  }
  const source = await createDatabase({ dataDir: pgliteFolder });
  try {
    await migrateDatabase(source);
    const target = await createDatabase({ url, maxConnections: 2 });
    try {
      await migrateDatabase(target);
    } finally {
      await target.close();
    }
    const client = (source.db as unknown as { $client: PGlite }).$client;
    const tables = await tablesParentsFirst(client);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [role] = await sql<{ super: boolean }[]>`
        select rolsuper as super from pg_roles where rolname = current_user`;
      await sql.begin(async (tx) => {
        // A superuser skips the foreign-key triggers (cycles, self-references); otherwise
        // the parents-first order is what keeps them satisfied. Our own triggers never fire:
        // the rows are copied as they are, and a trigger that fills one table from another
        // (activity_rollups → activity_period_rollups, migration 0026) would make a row
        // twice. Without a superuser, the owner turns them off for the copy of each table.
        if (role?.super) await tx`set local session_replication_role = replica`;
        for (const table of tables) {
          const { blob } = await client.query(`COPY public."${table}" TO '/dev/blob'`);
          if (!blob || blob.size === 0) continue;
          const data = Buffer.from(await blob.arrayBuffer());
          if (!role?.super) await tx.unsafe(`ALTER TABLE public."${table}" DISABLE TRIGGER USER`);
          const writable = await tx.unsafe(`COPY public."${table}" FROM STDIN`).writable();
          await pipeline(Readable.from([data]), writable);
          if (!role?.super) await tx.unsafe(`ALTER TABLE public."${table}" ENABLE TRIGGER USER`);
        }
        const sequences = await client.query<{ name: string; value: string }>(
          `select format('%I.%I', schemaname, sequencename) as name, last_value::text as value
           from pg_sequences where schemaname = 'public' and last_value is not null`,
        );
        for (const { name, value } of sequences.rows) {
          await tx`select setval(${name}, ${value}::bigint)`;
        }
      });
      const moved: MovedTable[] = [];
      for (const table of tables) {
        const from = await client.query<{ n: number }>(
          `select count(*)::int as n from public."${table}"`,
        );
        const [to] = await sql.unsafe<{ n: number }[]>(
          `select count(*)::int as n from public."${table}"`,
        );
        const rows = from.rows[0]?.n ?? 0;
        if (to?.n !== rows) {
          throw new Error(`${table}: ${rows} row(s) in the data folder, ${to?.n} on the server`);
        }
        moved.push({ table, rows });
      }
      return moved;
    } finally {
      await sql.end({ timeout: 5 });
    }
  } finally {
    await source.close();
  }
}

/** Our tables, each after the tables its foreign keys point to. */
async function tablesParentsFirst(client: PGlite): Promise<string[]> {
  const tables = await client.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const keys = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent
     from pg_constraint k
     join pg_class c on c.oid = k.conrelid
     join pg_class p on p.oid = k.confrelid
     where k.contype = 'f' and k.connamespace = 'public'::regnamespace`,
  );
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of keys.rows) {
    if (child === parent) continue;
    if (!parents.has(child)) parents.set(child, new Set());
    parents.get(child)!.add(parent);
  }
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const parent of parents.get(table) ?? []) visit(parent);
    visiting.delete(table);
    ordered.push(table);
  };
  for (const { name } of tables.rows) visit(name);
  return ordered;
}
