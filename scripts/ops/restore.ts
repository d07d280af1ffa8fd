// `npm run restore -- FILE [--force]`: a backup made by `npm run backup` back into the bot's
// database: a .pgdump into the server of DATABASE_URL, a .pglite.tar.gz into DATA_DIR's
// embedded database. Refuses a database that already holds data unless --force (a server's
// is then replaced; a data folder is kept aside, renamed). A backup from an older version is
// brought up to date by the next start's migrations.
import { existsSync } from 'node:fs';
import { isDataFolderDump, restoreDataFolder } from '../../db/backup/embedded-backup.ts';
import { restoreServer } from '../../db/backup/server-backup.ts';
import { runCommand, UsageError } from './run-command.ts';

runCommand(async (config, args) => {
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  const file = files[0];
  if (files.length !== 1 || !file) throw new UsageError('Usage: npm run restore -- FILE [--force]');
  if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
  const embedded = await isDataFolderDump(file);
  const server = config.database.url;
  if (server && embedded) {
    throw new UsageError(
      `${file} is a backup of an embedded database and DATABASE_URL is set: restore it ` +
        'without DATABASE_URL, then move it with npm run db:move-to-server.',
    );
  }
  if (!server && !embedded) {
    throw new UsageError(`${file} is a pg_dump of a server: set DATABASE_URL to restore it.`);
  }
  if (server) {
    await restoreServer(server, file, { force });
    console.log(`restored ${file} into the server's database`);
  } else {
    const { keptAside } = await restoreDataFolder(config.database.pgliteDir, file, { force });
    console.log(`restored ${file} into ${config.database.pgliteDir}`);
    if (keptAside) console.log(`the previous data folder is kept in ${keptAside}`);
  }
});
