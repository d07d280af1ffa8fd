// Entry point: `npm start`. Parses the environment, builds the app, runs the terminal chat or
// the platforms, and shuts down gracefully on SIGINT/SIGTERM (in-flight updates finish,
// job leases are released, the database, PGlite especially, is closed cleanly).
import { DataFolderLockedError } from '../db/data-folder-lock.ts';
import { UnpatchedDriverError } from '../db/postgres-queue-patch.ts';
import { ConfigError, parseConfig } from './config.ts';
import { createApp } from './create-app.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  // A promise a library left without a handler (whatsapp-web.js does not await its pairing
  // code request, for one) would end the process under Node's default: it is logged instead,
  // and the watchdogs deal with what it broke.
  process.on('unhandledRejection', (reason) => {
    app.deps.logger.error({ err: reason }, 'unhandled rejection (kept running)');
  });
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      app.deps.logger.info({ signal }, 'shutting down');
      const timer = setTimeout(() => {
        app.deps.logger.error({}, 'shutdown took too long; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs);
      timer.unref();
      await app.stop();
    })();
    return stopping;
  };
  process.once('SIGINT', () => void shutdown('SIGINT').then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown('SIGTERM').then(() => process.exit(0)));

  await app.start();
  if (app.console) {
    await app.console.run();
    await shutdown('console closed');
    process.exit(0);
  }
}

main().catch((error: unknown) => {
  if (error instanceof DataFolderLockedError) {
    // Not a crash: another bot has the embedded database. Say who, and what to do.
    console.error(
      `${error.message}\n(DATA_DIR sets the data folder; with DATABASE_URL, a PostgreSQL ` +
        'server replaces the embedded database.)',
    );
    process.exit(3);
  }
  if (error instanceof UnpatchedDriverError) {
    // Not a crash: an install that skipped the driver's patch. Say what to do.
    console.error(
      `${error.message}\n(DATABASE_UNPATCHED_DRIVER_OK=true starts the bot anyway, at that cost.)`,
    );
    process.exit(4);
  }
  console.error(error);
  process.exit(1);
});
