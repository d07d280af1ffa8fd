// One factory for both databases: a PostgreSQL server through postgres.js when a URL is
// given, an embedded PGlite database (a data folder, or memory) otherwise. Both expose the
// same Drizzle API, so queries and migrations are written once.
import type { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { mkdirSync } from 'node:fs';
import postgres from 'postgres';
import { openLocked } from './data-folder-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database handle or an open transaction: named queries accept either. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /**
   * Runs raw SQL on a dedicated session (used for the migration advisory lock): on a server, a
   * connection of its own besides the pool, closed at the end.
   */
  withSession<T>(fn: (exec: (query: string) => Promise<unknown>) => Promise<T>): Promise<T>;
  /** Applies drizzle-kit migrations from a folder (see db/migrate.ts for the locking). */
  applyMigrations(migrationsFolder: string): Promise<void>;
  /**
   * LISTENs to a channel. `onListen` runs each time listening (re)starts: whatever was
   * notified before it may have been missed. Returns how to stop.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen: () => void,
  ): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a server; when absent, PGlite is used. */
  url?: string;
  /** PGlite data folder; `memory://` (or absent) keeps it in memory. */
  dataDir?: string;
  /** Connection pool size for a server. */
  maxConnections?: number;
  /**
   * An in-memory PGlite database starts as a copy of this data folder (a dumpDataDir()
   * tarball) instead of an empty cluster: much faster than initdb (the tests' template).
   */
  template?: Blob;
}

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return createServerDatabase(options.url, options.maxConnections ?? 10);
  const { dataDir } = options;
  if (!dataDir || dataDir.startsWith('memory://')) {
    return createEmbeddedDatabase(dataDir, options.template);
  }
  // One process per data folder (db/data-folder-lock.ts), from before PGlite opens it.
  return openLocked(dataDir, () => createEmbeddedDatabase(dataDir));
}

function createServerDatabase(url: string, max: number): Database {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    connection: { TimeZone: 'UTC' },
    backoff: reconnectDelaySeconds,
  });
  const driverDb = drizzlePostgres({ client: preparingStatements(client), schema });
  const db = driverDb as unknown as Db;
  return {
    db,
    applyMigrations: (migrationsFolder) => migratePostgres(driverDb, { migrationsFolder }),
    kind: 'postgres',
    async listen(channel, onNotify, onListen) {
      // postgres.js listens on a connection of its own and listens again after a reconnect.
      const listening = await client.listen(channel, onNotify, onListen);
      return () => listening.unlisten();
    },
    async notify(channel, payload) {
      await client.notify(channel, payload);
    },
    async withSession(fn) {
      // A connection of its own, outside the pool: the migrations, which run on the pool
      // while this session holds their advisory lock, would otherwise wait forever for the
      // connection this session took from a pool of one (DATABASE_POOL_SIZE=1).
      const session = postgres(url, {
        max: 1,
        onnotice: () => {},
        connection: { TimeZone: 'UTC' },
      });
      try {
        return await fn((query) => session.unsafe(query));
      } finally {
        await session.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Seconds postgres.js waits after its `attempt`-th failed connection in a row before it tries
 * the server again: its own default (0.03, 0.09, 0.27… s, give or take half) but at most a
 * second instead of 20. Queries wait meanwhile, even once the server is back: after a 12 s
 * cut, some that 3.4.10 held were still waiting 9 s after the server's return; with the cap,
 * they are all done within a second or so. While the server is away, each connection of the
 * pool then tries it about once a second, which costs it nothing.
 * (tests/db/server-reconnect.test.ts)
 */
function reconnectDelaySeconds(attempt: number): number {
  return (0.5 + Math.random() / 2) * Math.min(3 ** attempt / 100, 1);
}

/**
 * Drizzle sends raw and builder queries unprepared, so PostgreSQL parses and plans each one
 * every time: for the router's bookkeeping query that was two thirds of its cost. Our query
 * texts are a small fixed set (values are always parameters), so every connection prepares
 * each text once and reuses the plan. (Behind PgBouncer, use session pooling.)
 */
function preparingStatements(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'unsafe') return Reflect.get(target, property, receiver) as unknown;
      return (
        query: string,
        params?: postgres.ParameterOrJSON<never>[],
        options?: postgres.UnsafeQueryOptions,
      ) => target.unsafe(query, params, { ...options, prepare: true });
    },
  });
}

async function createEmbeddedDatabase(
  dataDir: string | undefined,
  template?: Blob,
): Promise<Database> {
  const inMemory = !dataDir || dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // Loaded only when used: a bot on a PostgreSQL server keeps PGlite's ~28 MB out of memory.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('drizzle-orm/pglite'),
    import('drizzle-orm/pglite/migrator'),
  ]);
  const client = await PGlite.create(
    inMemory ? undefined : dataDir,
    template ? { loadDataDir: template } : {},
  );
  await client.exec(`SET TIME ZONE 'UTC'`);
  const driverDb = drizzlePglite({ client, schema });
  const db = driverDb as unknown as Db;
  return {
    db,
    applyMigrations: (migrationsFolder) => migratePglite(driverDb, { migrationsFolder }),
    kind: 'pglite',
    async listen(channel, onNotify, onListen) {
      const unlisten = await client.listen(channel, onNotify);
      onListen();
      return () => unlisten();
    },
    async notify(channel, payload) {
      await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    // PGlite is a single session already.
    withSession: (fn) => fn((query) => client.exec(query)),
    close: () => client.close(),
  };
}

/**
 * Runs a statement whose text never changes, with positional parameters ($1, $2…), straight
 * on the driver: PostgreSQL plans it once per connection (see preparingStatements), and the
 * hottest statements skip Drizzle's query building and result mapping, which were a fifth
 * of the bot's CPU under load (bench/telegram-pipeline.ts). Rows come back as the driver
 * gives them (snake_case columns). Inside a transaction it goes through Drizzle, which holds
 * the transaction's connection.
 */
export async function queryStatement<T>(db: DbOrTx, text: string, params: unknown[]): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (typeof client === 'function' && 'unsafe' in client) {
    return (client as postgres.Sql).unsafe<T[]>(text, params as never[], { prepare: true });
  }
  // PGlite's own client (a PGlite transaction, which has `rollback`, goes through Drizzle).
  if (
    typeof client === 'object' &&
    client !== null &&
    'query' in client &&
    'exec' in client &&
    !('rollback' in client)
  ) {
    return (await (client as PGlite).query<T>(text, params)).rows;
  }
  return queryRows<T>(db, toSql(text, params));
}

/** `$n` placeholders to a Drizzle SQL object with the same parameters. */
function toSql(text: string, params: unknown[]): SQL {
  const pieces = text.split(/\$(\d+)/);
  return sql.join(
    pieces.map((piece, i) => (i % 2 === 0 ? sql.raw(piece) : sql.param(params[Number(piece) - 1]))),
  );
}

/**
 * Runs a raw query and returns its rows. postgres.js answers an array of rows and PGlite an
 * object with `rows`; this hides the difference for the few raw queries we need.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL | string): Promise<T[]> {
  const result: unknown = await db.execute(typeof query === 'string' ? sql.raw(query) : query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** postgres.js's own codes for a connection that could not be made or was lost. */
const CONNECTION_ERROR_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/**
 * Whether an error means the database is out of reach for now, rather than that a query is
 * wrong: the event or job is tried again later instead of being answered with an apology.
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (the server is shutting down or
 * starting), 53300 (too many connections), 40001/40P01 (serialization failure, deadlock).
 * Drizzle wraps the driver's error as its `cause`.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (CONNECTION_ERROR_CODES.has(code)) return true;
      if (/^08/.test(code) || /^57P0[123]$/.test(code)) return true;
      if (code === '53300' || code === '40001' || code === '40P01') return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A statement's text on one line, without comments or runs of spaces: postgres.js keys its
 * prepared statements by the text, which it hashes on every execution.
 */
export function compactStatement(text: string): string {
  return text
    .replace(/--[^\n]*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
