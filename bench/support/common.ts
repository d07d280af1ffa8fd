// Shared by the benchmarks: a throw-away database on the PostgreSQL server, a seeded PRNG, a
// silent logger that still counts errors, percentiles and a plain-text table.
import { createServer } from 'node:net';
import postgres from 'postgres';
import type { Logger } from '../../handlers/ports.ts';

export const serverUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  name: string;
  url: string;
  serverVersion: string;
}

/**
 * Creates `vsb_bench_<random>`, runs `fn`, and drops the database even when `fn` throws.
 * With `keep`, the database is named `vsb_bench_<keep>`, created only if it does not exist
 * yet and left in place (`fn` is told whether it was there: a benchmark can reuse its seed).
 */
export async function withBenchDatabase<T>(
  fn: (database: BenchDatabase & { existed: boolean }) => Promise<T>,
  options: { keep?: string } = {},
) {
  if (options.keep !== undefined && !/^[a-z0-9_]{1,40}$/.test(options.keep))
    throw new Error(`a kept database's name is [a-z0-9_]: ${options.keep}`);
  const name = options.keep
    ? `vsb_bench_${options.keep}`
    : `vsb_bench_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<
      { version: string }[]
    >`select current_setting('server_version') as version`;
    const [found] = await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (!found) await admin.unsafe(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return await fn({
        name,
        url: url.toString(),
        serverVersion: row?.version.split(' ')[0] ?? '?',
        existed: Boolean(found),
      });
    } finally {
      if (!options.keep) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** mulberry32: small, fast and deterministic; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface CountingLogger extends Logger {
  errors: object[];
}

/** Logs nothing; keeps what was logged as an error, so a benchmark can tell it went wrong. */
export function createCountingLogger(options: { warnings?: boolean } = {}): CountingLogger {
  const errors: object[] = [];
  const noop = () => {};
  const keep = (obj: object) => {
    errors.push(obj);
  };
  const logger: CountingLogger = {
    errors,
    debug: noop,
    info: noop,
    warn: options.warnings ? keep : noop,
    error: keep,
    child: () => logger,
  };
  return logger;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-GB', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

export const mb = (bytes: number) => `${formatNumber(bytes / 1_048_576, 1)} MB`;

/** First column left-aligned, the others right-aligned, two spaces between columns. */
export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** A TCP port nobody listens on now (for a child process's HTTP server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
