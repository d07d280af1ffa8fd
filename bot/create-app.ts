// Builds the whole bot from a config: the one door through which dependencies enter
// (../shared/STYLE.md). bot/main.ts adds the process concerns (signals, exit codes); tests
// and benchmarks build the same app with fakes at the edges (platform API, clock, terminal).
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import type { Deps } from '../handlers/deps.ts';
import type { Platform } from '../handlers/events.ts';
import type { Feature } from '../handlers/feature.ts';
import { createFeatures } from '../handlers/features.ts';
import { createI18n } from '../handlers/i18n.ts';
import { createJobRunner, type JobRunner } from '../handlers/jobs/job-runner.ts';
import { withNumberedPrompts } from '../handlers/numbered-choices.ts';
import { systemClock, type Clock, type Logger, type Messenger } from '../handlers/ports.ts';
import { createRouter, type Router } from '../handlers/router.ts';
import type { Config } from './config.ts';
import { createConsoleAdapter, type ConsoleAdapter } from './console/create-console-adapter.ts';
import { startHttpServer, type HttpServer } from './http-server.ts';
import { createLogger } from './logger.ts';
import { startScheduler, type Scheduler } from './scheduler.ts';
import {
  createTelegramAdapter,
  type TelegramAdapter,
  type TelegramAdapterOptions,
} from './telegram/create-telegram-adapter.ts';

export interface AppOverrides {
  logger?: Logger;
  clock?: Clock;
  /** An already open database (tests share one per file). */
  database?: Database;
  terminal?: { input: Readable; output: Writable; color: boolean };
  telegram?: Partial<
    Pick<TelegramAdapterOptions, 'botInfo' | 'throttle' | 'pollingTimeoutSeconds'>
  >;
  /** Extra features (tests add probes); appended after the product's. */
  features?: Feature[];
  /** Start node-cron (false in tests that drive the job runner themselves). */
  scheduler?: boolean;
  httpHost?: string;
}

export interface App {
  deps: Deps;
  router: Router;
  database: Database;
  jobs: JobRunner;
  telegram?: TelegramAdapter;
  console?: ConsoleAdapter;
  http?: HttpServer;
  /** Starts the platforms, the HTTP server and the scheduler. */
  start(): Promise<void>;
  /** Graceful: stop taking updates, finish in-flight ones and jobs, close the database. */
  stop(): Promise<void>;
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger =
    overrides.logger ??
    createLogger(config.logLevel, config.console ? join(config.dataDir, 'bot.log') : undefined);
  const ownsDatabase = !overrides.database;
  const database =
    overrides.database ??
    (await createDatabase({
      url: config.database.url,
      dataDir: config.database.pgliteDir,
      maxConnections: config.database.poolSize,
    }));
  await migrateDatabase(database);
  logger.info({ database: database.kind }, 'database ready');

  const messengers = new Map<Platform, Messenger>();
  const deps: Deps = {
    db: database.db,
    clock: overrides.clock ?? systemClock,
    logger,
    i18n: await createI18n(),
    config: config.handlers,
    messengers,
  };
  const features = [...createFeatures(), ...(overrides.features ?? [])];
  const router = createRouter(deps, features);
  const jobs = createJobRunner(
    deps,
    features.flatMap((f) => f.jobs ?? []),
    {
      workerId: `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
      ...config.jobs,
    },
  );

  let telegram: TelegramAdapter | undefined;
  if (config.telegram) {
    telegram = await createTelegramAdapter({
      ...config.telegram,
      router,
      i18n: deps.i18n,
      logger: logger.child({ platform: 'telegram' }),
      ...overrides.telegram,
    });
    messengers.set('telegram', telegram.messenger);
  }
  let consoleAdapter: ConsoleAdapter | undefined;
  if (config.console) {
    consoleAdapter = createConsoleAdapter({
      input: overrides.terminal?.input ?? process.stdin,
      output: overrides.terminal?.output ?? process.stdout,
      color: overrides.terminal?.color ?? Boolean(process.stdout.isTTY),
      i18n: deps.i18n,
      logger,
      documentsDir: join(config.dataDir, 'documents'),
      decorate: (messenger) => withNumberedPrompts(messenger, deps),
    });
    messengers.set('console', consoleAdapter.messenger);
  }

  let http: HttpServer | undefined;
  let scheduler: Scheduler | undefined;

  async function health() {
    const database = await deps.db
      .execute(sql`select 1`)
      .then(() => true)
      .catch(() => false);
    const adapters: Record<string, boolean> = {};
    if (telegram) adapters.telegram = telegram.isConnected();
    return { ok: database && Object.values(adapters).every(Boolean), database, adapters };
  }

  return {
    deps,
    router,
    database,
    jobs,
    telegram,
    console: consoleAdapter,
    get http() {
      return http;
    },
    async start() {
      if (telegram) {
        await telegram.start();
        const webhook = config.telegram?.webhook;
        http = await startHttpServer({
          port: config.http.port,
          ...(overrides.httpHost ? { host: overrides.httpHost } : {}),
          logger,
          health,
          ...(webhook && telegram.handleWebhook
            ? {
                telegramWebhook: {
                  path: new URL(webhook.url).pathname,
                  handle: (req, res) => telegram.handleWebhook!(req, res),
                },
              }
            : {}),
        });
      }
      if (overrides.scheduler !== false) {
        scheduler = startScheduler({
          runner: jobs,
          recurring: features.flatMap((f) => f.recurring ?? []),
          pollSeconds: config.jobs.pollSeconds,
          timezone: 'Europe/Paris',
          clock: deps.clock,
          logger,
        });
      }
    },
    async stop() {
      await http?.close();
      await telegram?.stop();
      await scheduler?.stop();
      await jobs.stop();
      if (ownsDatabase) await database.close();
      logger.info({}, 'stopped');
    },
  };
}
