// Backups of the embedded database: PGlite's dumpDataDir() tarball (gzip) of its data folder,
// and a restore that unpacks one into an empty folder.
//
// PGlite is a single process with no sharing: while the bot runs, its data folder is locked
// (db/data-folder-lock.ts) and no other process may open it, nor copy its files (a copy taken
// mid-write is not a consistent database). So a backup of an embedded database takes the
// folder's lock like the bot does, and is refused, with what to do, while the bot runs: stop
// the bot for the few seconds a backup takes (the systemd timer in deploy/ does), or move to
// a PostgreSQL server (npm run db:move-to-server), whose backups run alongside the bot.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { lockDataFolder } from '../data-folder-lock.ts';
import { NotEmptyError } from './server-backup.ts';

const LOCK_FILE = /^bot\.lock\./;

export async function dumpDataFolder(folder: string, file: string): Promise<void> {
  if (!existsSync(folder)) {
    throw new Error(`${folder} holds no database (DATA_DIR names the bot's data folder)`);
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const lock = lockDataFolder(folder);
  try {
    const client = await PGlite.create(folder);
    try {
      const tarball = await client.dumpDataDir('gzip');
      await writeFile(file, Buffer.from(await tarball.arrayBuffer()));
    } finally {
      await client.close();
    }
  } finally {
    lock.release();
  }
}

/**
 * Unpacks a dumpDataDir tarball as `folder`: into a folder beside it first, then renamed into
 * place, so a failed restore leaves nothing half-made. A folder that holds a database is
 * refused unless `force`, and then kept aside (`<folder>.before-restore-<time>`), not deleted.
 */
export async function restoreDataFolder(
  folder: string,
  file: string,
  options: { force?: boolean; now?: Date } = {},
): Promise<{ keptAside?: string }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const holdsData = existsSync(folder) && readdirSync(folder).some((f) => !LOCK_FILE.test(f));
  if (holdsData && !options.force) {
    throw new NotEmptyError(
      `${folder} already holds a database: a restore goes into an empty data folder. ` +
        'Choose another DATA_DIR, or add --force to keep the current one aside and restore.',
    );
  }
  // Refused while a bot has the folder (DataFolderLockedError says who).
  if (existsSync(folder)) lockDataFolder(folder).release();

  const staging = join(dirname(folder), `.${basename(folder)}.restoring-${process.pid}`);
  mkdirSync(dirname(folder), { recursive: true });
  rmSync(staging, { recursive: true, force: true });
  try {
    const tarball = new Blob([await readFile(file)]);
    const client = await PGlite.create(staging, { loadDataDir: tarball });
    await client.query('select 1');
    await client.close();
    // The backup's own lock file names the process that made it: not a holder any more.
    for (const name of readdirSync(staging)) {
      if (LOCK_FILE.test(name)) unlinkSync(join(staging, name));
    }
    let keptAside: string | undefined;
    if (existsSync(folder)) {
      if (holdsData) {
        const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
        keptAside = `${folder}.before-restore-${stamp}`;
        renameSync(folder, keptAside);
      } else {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    renameSync(staging, folder);
    return keptAside ? { keptAside } : {};
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A PGlite tarball (gzip or plain tar) rather than a pg_dump custom-format file (PGDMP). */
export async function isDataFolderDump(file: string): Promise<boolean> {
  const handle = await open(file);
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return head.toString('latin1') !== 'PGDMP';
  } finally {
    await handle.close();
  }
}
