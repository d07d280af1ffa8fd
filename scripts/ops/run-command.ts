// What the operator commands (backup, restore, db:move-to-server) share: the bot's own
// configuration (DATABASE_URL, DATA_DIR), and one exit that explains refusals without a
// stack trace: 2 for a target that holds data, 3 for a data folder a running bot holds.
import { ConfigError, parseConfig, type Config } from '../../bot/config.ts';
import { DataFolderLockedError } from '../../db/data-folder-lock.ts';
import { NotEmptyError } from '../../db/backup/server-backup.ts';

export function runCommand(body: (config: Config, args: string[]) => Promise<void>): void {
  const run = async () => body(parseConfig(process.env), process.argv.slice(2));
  run().then(
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof ConfigError || error instanceof UsageError) {
        console.error(error.message);
        process.exit(2);
      }
      if (error instanceof NotEmptyError) {
        console.error(error.message);
        process.exit(2);
      }
      if (error instanceof DataFolderLockedError) {
        console.error(
          `${error.message}\nThe embedded database can only be read while the bot is stopped: ` +
            'stop it (systemctl stop voisins-bot), run this again, then start it; or move to a ' +
            'PostgreSQL server (npm run db:move-to-server), whose backups run alongside the bot.',
        );
        process.exit(3);
      }
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

export class UsageError extends Error {
  override name = 'UsageError';
}

/** `--name value` among the arguments, and what is left. */
export function takeOption(args: string[], name: string): [string | undefined, string[]] {
  const at = args.indexOf(name);
  if (at < 0) return [undefined, args];
  const value = args[at + 1];
  if (value === undefined) throw new UsageError(`${name} needs a value`);
  return [value, [...args.slice(0, at), ...args.slice(at + 2)]];
}
