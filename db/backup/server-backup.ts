// Backups of a PostgreSQL server: pg_dump's custom format, which is consistent (one snapshot)
// while the bot keeps running, and pg_restore. The client tools must be of the server's
// major version or newer (Debian: postgresql-client-NN).
import { spawn } from 'node:child_process';
import postgres from 'postgres';

export async function dumpServer(url: string, file: string): Promise<void> {
  await runTool('pg_dump', ['--format=custom', '--no-owner', '--file', file, '--dbname', url]);
}

export interface RestoreOptions {
  /** Replaces what the database holds (pg_restore --clean) instead of refusing. */
  force?: boolean;
}

export async function restoreServer(
  url: string,
  file: string,
  options: RestoreOptions = {},
): Promise<void> {
  const tables = await countTables(url);
  if (tables > 0 && !options.force) {
    throw new NotEmptyError(
      `The database at ${redact(url)} already holds ${tables} table(s): a restore goes into ` +
        'an empty database. Create a new one (createdb), or add --force to replace its content.',
    );
  }
  await runTool('pg_restore', [
    '--no-owner',
    '--exit-on-error',
    ...(tables > 0 ? ['--clean', '--if-exists'] : []),
    '--dbname',
    url,
    file,
  ]);
}

/** Tables outside PostgreSQL's own schemas: ours (public) and drizzle's migrations table. */
export async function countTables(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_tables
      where schemaname not in ('pg_catalog', 'information_schema')`;
    return row?.n ?? 0;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The target already holds data and --force was not given. */
export class NotEmptyError extends Error {
  override name = 'NotEmptyError';
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

function runTool(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${tool} is not installed (Debian: apt-get install postgresql-client)`)
          : error,
      ),
    );
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} failed (exit ${code}): ${redact(stderr.trim())}`));
    });
  });
}
