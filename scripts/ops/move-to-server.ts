// `npm run db:move-to-server -- postgres://…`: copies the embedded database of DATA_DIR into
// an empty database on a PostgreSQL server (db/backup/move-to-server.ts). Stop the bot first;
// then set DATABASE_URL to that address and start it again.
import { moveToServer } from '../../db/backup/move-to-server.ts';
import { redact } from '../../db/backup/server-backup.ts';
import { runCommand, UsageError } from './run-command.ts';

runCommand(async (config, args) => {
  const url = args[0];
  if (args.length !== 1 || !url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new UsageError('Usage: npm run db:move-to-server -- postgres://user@host:5432/database');
  }
  const moved = await moveToServer(config.database.pgliteDir, url);
  const rows = moved.reduce((sum, t) => sum + t.rows, 0);
  console.log(`moved ${moved.length} tables, ${rows} rows, to ${redact(url)}`);
  console.log('Now set DATABASE_URL to that address and start the bot.');
});
