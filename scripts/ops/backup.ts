// `npm run backup [-- --out DIR]`: a dated backup of the bot's database in DIR (DATA_DIR/backups
// by default). A server: pg_dump's custom format, taken while the bot runs. The embedded
// database: PGlite's data folder tarball, only while the bot is stopped (see
// db/backup/embedded-backup.ts). Written aside and renamed, so a backup file is whole.
// Prints the file's path.
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dumpDataFolder } from '../../db/backup/embedded-backup.ts';
import { dumpServer } from '../../db/backup/server-backup.ts';
import { runCommand, takeOption, UsageError } from './run-command.ts';

runCommand(async (config, args) => {
  const [out, rest] = takeOption(args, '--out');
  if (rest.length > 0) throw new UsageError(`Usage: npm run backup [-- --out DIR]`);
  const dir = resolve(out ?? join(config.dataDir, 'backups'));
  mkdirSync(dir, { recursive: true });
  const stamp = new Date()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  const server = config.database.url;
  const file = join(dir, `voisins-${stamp}.${server ? 'pgdump' : 'pglite.tar.gz'}`);
  const partial = `${file}.partial`;
  try {
    if (server) await dumpServer(server, partial);
    else await dumpDataFolder(config.database.pgliteDir, partial);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  console.log(`${file} (${(statSync(file).size / 1_048_576).toFixed(1)} MB)`);
});
