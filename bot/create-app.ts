// Builds the whole bot from a config: the one door through which dependencies enter
// (../shared/STYLE.md). bot/main.ts adds the process concerns (signals, exit codes); tests
// and benchmarks build the same app with fakes at the edges (platform API, clock, terminal).
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../db/client.ts';
import { startIdentityCache } from '../db/identity-cache.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { inspectPostgresQueue, UnpatchedDriverError } from '../db/postgres-queue-patch.ts';
import type { Deps } from '../handlers/deps.ts';
import type { Platform } from '../handlers/events.ts';
import type { Feature } from '../handlers/feature.ts';
import { createFeatures } from '../handlers/features.ts';
import { fetchVigilance } from './meteo-france-importer.ts';
import { createI18n, toLocale } from '../handlers/i18n.ts';
import { findChat } from '../db/queries/chats.ts';
import { findHighestMessageNumber } from '../db/queries/message-numbers.ts';
import { createInbox, type Inbox } from '../handlers/inbox/inbox.ts';
import { createJobRunner, type JobRunner } from '../handlers/jobs/job-runner.ts';
import { withNumberedPrompts } from '../handlers/numbered-choices.ts';
import { systemClock, type Clock, type Logger, type Messenger } from '../handlers/ports.ts';
import { createRouter, type Router } from '../handlers/router.ts';
import type { Config } from './config.ts';
import type { ConsoleAdapter } from './console/create-console-adapter.ts';
import type { WatchdogOptions, WhatsAppAdapter } from './whatsapp/create-whatsapp-adapter.ts';
import type { ClientSurface } from './whatsapp/whatsapp-client.ts';
import { startHttpServer, type HttpServer } from './http-server.ts';
import type { Metrics } from './metrics.ts';
import { createLogger } from './logger.ts';
import {
  createDurableMessenger,
  type Horizons,
  type SendPlatform,
} from './outbox/durable-messenger.ts';
import { createOutboxDispatcher, type OutboxDispatcher } from './outbox/outbox-dispatcher.ts';
import { telegramLanes, whatsappLanes, type SendLanes } from './outbox/send-lanes.ts';
import { startScheduler, type Scheduler } from './scheduler.ts';
import { createWorkerId, isDeadWorker } from './worker-id.ts';
import { existsSync } from 'node:fs';
import {
  classifyTelegramError,
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
  telegram?: Partial<Pick<TelegramAdapterOptions, 'botInfo' | 'pollingTimeoutSeconds'>> & {
    /** Other send limits than Telegram's (tests); `false` only where the API is a recording
     * fake that limits nothing. */
    sendLanes?: SendLanes | false;
  };
  whatsapp?: {
    /** A fake client in tests; the real whatsapp-web.js client otherwise. */
    createClient?: () => ClientSurface;
    pacing?: Partial<{ minGapMs: number; jitterMs: number; maxPerMinute: number }>;
    /** false: no limits at all (benchmarks of the inbound path, like Telegram's sendLanes). */
    sendLanes?: false;
    watchdog?: Partial<WatchdogOptions>;
    /** The browser's memory, as the watchdog sees it (tests simulate a growing page). */
    measureMemoryMb?: (client: ClientSurface) => Promise<number | undefined>;
    /** The bot's own ids as the page would give them (tests make this fail). */
    ownIds?: (client: ClientSurface) => Promise<string[]>;
    now?: () => number;
    failedLookupRetryMs?: number;
  };
  /** Extra features (tests add probes); appended after the product's. */
  features?: Feature[];
  /** Start node-cron (false in tests that drive the job runner themselves). */
  scheduler?: boolean;
  httpHost?: string;
  /** How long a send may wait here for its slot before it is queued (tests). */
  sendHorizons?: Horizons;
  /** Another copy of postgres.js to check for the pool queue patch (tests). */
  postgresPackageDir?: string;
}

export interface App {
  deps: Deps;
  router: Router;
  database: Database;
  jobs: JobRunner;
  inbox: Inbox;
  outbox?: OutboxDispatcher;
  telegram?: TelegramAdapter;
  whatsapp?: WhatsAppAdapter;
  console?: ConsoleAdapter;
  http?: HttpServer;
  /** Starts the platforms, the HTTP server and the scheduler. */
  start(): Promise<void>;
  /** Resolves once every event received so far is handled and every queued send is out. */
  settle(): Promise<void>;
  /**
   * Graceful: stop taking updates, finish those in hand (the others go back to the inbox for
   * the next start), finish running jobs, leave queued sends in the outbox, close the
   * database.
   */
  stop(): Promise<void>;
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger =
    overrides.logger ??
    createLogger(config.logLevel, config.console ? join(config.dataDir, 'bot.log') : undefined);
  const ownsDatabase = !overrides.database;
  if (ownsDatabase && config.database.url) {
    checkDatabaseDriver(config, logger, overrides.postgresPackageDir);
  }
  const database =
    overrides.database ??
    (await createDatabase({
      url: config.database.url,
      dataDir: config.database.pgliteDir,
      maxConnections: config.database.poolSize,
    }));
  await migrateDatabase(database);
  logger.info({ database: database.kind }, 'database ready');
  const identities = await startIdentityCache(database, (err) =>
    logger.warn({ err }, 'identity cache: ping failed'),
  );

  const messengers = new Map<Platform, Messenger>();
  const deps: Deps = {
    db: database.db,
    clock: overrides.clock ?? systemClock,
    logger,
    i18n: await createI18n(),
    // Whoever runs the terminal chat administers that bot: its first neighbour is them.
    config: config.console
      ? { ...config.handlers, botAdmins: [...config.handlers.botAdmins, 'console:1'] }
      : config.handlers,
    messengers,
  };
  const meteoFrance = config.meteoFrance;
  const features = [
    ...createFeatures({
      i18n: deps.i18n,
      ...(meteoFrance
        ? {
            vigilanceImport: {
              everyMinutes: meteoFrance.pollMinutes,
              fetch: () =>
                fetchVigilance({
                  url: meteoFrance.url,
                  apiKey: meteoFrance.apiKey,
                  timeoutMs: meteoFrance.timeoutMs,
                  now: deps.clock.now(),
                }),
            },
          }
        : {}),
    }),
    ...(overrides.features ?? []),
  ];
  const router = createRouter(deps, features);
  const workerId = createWorkerId();
  const jobs = createJobRunner(
    deps,
    features.flatMap((f) => f.jobs ?? []),
    { workerId, ...config.jobs },
  );
  let telegram: TelegramAdapter | undefined;
  let whatsapp: WhatsAppAdapter | undefined;
  const connected = () => {
    const adapters: Record<string, boolean> = {};
    if (telegram) adapters.telegram = telegram.isConnected();
    if (whatsapp) adapters.whatsapp = whatsapp.isConnected();
    return adapters;
  };
  // Modules a process may not need (prom-client, the web console, a QR code in the terminal,
  // the WhatsApp and terminal adapters) are loaded when it does: a Telegram-only process
  // keeps about 15 MB less resident (tests/build/startup-modules.test.ts checks the list).
  const metrics = config.http.metrics.enabled
    ? (await import('./metrics.ts')).createMetrics({ db: deps.db, adapters: connected })
    : undefined;
  const inbox = createInbox(deps, router, {
    ...(metrics
      ? {
          onHandled: (...args: Parameters<Metrics['recordUpdate']>) =>
            metrics.recordUpdate(...args),
        }
      : {}),
    workerId,
    leaseSeconds: config.inbox.leaseSeconds,
    flood: config.flood,
    isDeadWorker,
  });
  // Sends keep to each platform's limits through the database (bot/outbox/).
  const sendPlatforms = new Map<string, SendPlatform>();
  let outbox: OutboxDispatcher | undefined;
  const withinLimits = (platform: SendPlatform) => {
    sendPlatforms.set(platform.raw.platform, platform);
    return createDurableMessenger({
      ...platform,
      raw: metrics ? metrics.countSends(platform.raw, (e) => platform.classify(e)) : platform.raw,
      db: deps.db,
      logger: logger.child({ platform: platform.raw.platform }),
      maxAgeMs: config.outbox.maxAgeMs,
      ...(overrides.sendHorizons ? { horizons: overrides.sendHorizons } : {}),
      onQueued: () => outbox?.wake(),
    });
  };

  if (config.telegram) {
    const { sendLanes, ...telegramOverrides } = overrides.telegram ?? {};
    telegram = await createTelegramAdapter({
      ...config.telegram,
      inbox,
      commands: router.commands,
      i18n: deps.i18n,
      logger: logger.child({ platform: 'telegram' }),
      ...telegramOverrides,
    });
    const lanes =
      sendLanes === false
        ? undefined
        : (sendLanes ?? telegramLanes(telegram.bot.botInfo.id, config.telegram.maxSendsPerSecond));
    messengers.set(
      'telegram',
      withinLimits({
        raw: telegram.messenger,
        ...(lanes ? { lanes } : {}),
        classify: classifyTelegramError,
      }),
    );
  }
  if (config.whatsapp) {
    const wa = config.whatsapp;
    const {
      createWhatsAppAdapter,
      createRealClient,
      measureBrowserMemoryMb,
      watchBrowserPage,
      classifyWhatsAppError,
      removeStaleChromiumLocks,
    } = await loadWhatsApp();
    const createClient =
      overrides.whatsapp?.createClient ??
      (() => {
        if (!existsSync(wa.chromiumPath)) {
          throw new Error(
            `CHROMIUM_PATH ${wa.chromiumPath} does not exist: install Chromium (apt-get install chromium) or point CHROMIUM_PATH at it`,
          );
        }
        return createRealClient(wa);
      });
    whatsapp = createWhatsAppAdapter({
      createClient,
      inbox,
      db: deps.db,
      i18n: deps.i18n,
      logger: logger.child({ platform: 'whatsapp' }),
      watchdog: { ...wa.watchdog, ...overrides.whatsapp?.watchdog },
      ...(wa.maxMessageAgeMs > 0 ? { maxMessageAgeMs: wa.maxMessageAgeMs } : {}),
      aliasRetryMs: wa.aliasRetryMs,
      ...(overrides.whatsapp?.ownIds ? { ownIds: overrides.whatsapp.ownIds } : {}),
      ...(overrides.whatsapp?.now ? { now: overrides.whatsapp.now } : {}),
      ...(overrides.whatsapp?.failedLookupRetryMs
        ? { failedLookupRetryMs: overrides.whatsapp.failedLookupRetryMs }
        : {}),
      // A Chromium killed with the bot (kill -9, the OOM killer) leaves its profile locked.
      ...(overrides.whatsapp?.createClient
        ? {}
        : {
            beforeLaunch: async () => {
              const { removed, killed } = await removeStaleChromiumLocks(
                join(wa.sessionDir, 'session'),
              );
              if (removed.length > 0 || killed.length > 0) {
                logger.warn(
                  { removed, killed },
                  'whatsapp: a dead browser had left its profile locked',
                );
              }
            },
          }),
      measureMemoryMb: overrides.whatsapp?.measureMemoryMb ?? measureBrowserMemoryMb,
      watchPage: watchBrowserPage,
      showLogin: showWhatsAppLogin,
    });
    const lanes = whatsappLanes({ ...wa.pacing, ...overrides.whatsapp?.pacing });
    messengers.set(
      'whatsapp',
      withNumberedPrompts(
        withinLimits({
          raw: whatsapp.messenger,
          ...(overrides.whatsapp?.sendLanes === false ? {} : { lanes }),
          classify: classifyWhatsAppError,
        }),
        deps,
      ),
    );
  }
  let consoleAdapter: ConsoleAdapter | undefined;
  if (config.console) {
    const { createConsoleAdapter } = await import('./console/create-console-adapter.ts');
    consoleAdapter = createConsoleAdapter({
      input: overrides.terminal?.input ?? process.stdin,
      output: overrides.terminal?.output ?? process.stdout,
      color: overrides.terminal?.color ?? Boolean(process.stdout.isTTY),
      i18n: deps.i18n,
      logger,
      documentsDir: join(config.dataDir, 'documents'),
      inbox,
      localeOf: async (chatId) => toLocale((await findChat(deps.db, 'console', chatId))?.locale),
      lastMessageNumber: () => findHighestMessageNumber(deps.db, 'console'),
    });
    // The terminal has no limits to keep: it prints.
    messengers.set('console', withNumberedPrompts(consoleAdapter.messenger, deps));
  }
  if (sendPlatforms.size > 0) {
    outbox = createOutboxDispatcher({
      db: deps.db,
      logger,
      workerId,
      platforms: sendPlatforms,
      isDeadWorker,
      ...(overrides.sendHorizons ? { horizons: overrides.sendHorizons } : {}),
    });
  }

  let http: HttpServer | undefined;
  let scheduler: Scheduler | undefined;

  async function health() {
    const database = await deps.db
      .execute(sql`select 1`)
      .then(() => true)
      .catch(() => false);
    const adapters = connected();
    return { ok: database && Object.values(adapters).every(Boolean), database, adapters };
  }

  return {
    deps,
    router,
    database,
    jobs,
    inbox,
    outbox,
    telegram,
    whatsapp,
    console: consoleAdapter,
    get http() {
      return http;
    },
    async start() {
      // Events left by a process that stopped or died are handled first, in their order.
      await inbox.start();
      outbox?.start();
      whatsapp?.start();
      // The web console (WEB_URL) needs the HTTP server even without a chat platform.
      const webConsole = config.web
        ? (await import('./create-web-console.ts')).createWebConsole(config.web, deps, messengers)
        : undefined;
      if (telegram || whatsapp || webConsole) {
        await telegram?.start();
        const webhook = config.telegram?.webhook;
        http = await startHttpServer({
          port: config.http.port,
          ...(overrides.httpHost ? { host: overrides.httpHost } : {}),
          logger,
          health,
          ...(metrics
            ? {
                metrics: {
                  ...(config.http.metrics.token ? { token: config.http.metrics.token } : {}),
                  render: () => metrics.render(),
                },
              }
            : {}),
          ...(webhook && telegram?.handleWebhook
            ? {
                telegramWebhook: {
                  path: new URL(webhook.url).pathname,
                  handle: (req, res) => telegram.handleWebhook!(req, res),
                },
              }
            : {}),
          ...(webConsole ? { console: webConsole } : {}),
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
    async settle() {
      await whatsapp?.settle();
      await inbox.settle();
      await outbox?.settle();
    },
    async stop() {
      await http?.close();
      // No more events in (WhatsApp's in hand are stored first)…
      await telegram?.stop();
      await whatsapp?.stop();
      // …those in hand are finished or given back, and so are the jobs…
      await inbox.stop();
      await scheduler?.stop();
      await jobs.stop();
      // …and what could not be sent yet stays in the outbox for the next start.
      await outbox?.stop();
      await identities.stop();
      if (ownsDatabase) await database.close();
      logger.info({}, 'stopped');
    },
  };
}

/** The WhatsApp adapter's modules, for a process that runs WhatsApp. */
async function loadWhatsApp() {
  const [adapter, client, messenger, browser] = await Promise.all([
    import('./whatsapp/create-whatsapp-adapter.ts'),
    import('./whatsapp/whatsapp-client.ts'),
    import('./whatsapp/whatsapp-messenger.ts'),
    import('./whatsapp/browser-process.ts'),
  ]);
  return {
    createWhatsAppAdapter: adapter.createWhatsAppAdapter,
    createRealClient: client.createRealClient,
    measureBrowserMemoryMb: client.measureBrowserMemoryMb,
    watchBrowserPage: client.watchBrowserPage,
    classifyWhatsAppError: messenger.classifyWhatsAppError,
    removeStaleChromiumLocks: browser.removeStaleChromiumLocks,
  };
}

/** The operator links the bot's phone number: a QR code to scan, or a pairing code to type. */
function showWhatsAppLogin(login: { qr?: string; pairingCode?: string }): void {
  const qr = login.qr;
  if (qr) {
    import('qrcode-terminal')
      .then(({ default: qrcode }) =>
        qrcode.generate(qr, { small: true }, (art) => {
          process.stdout.write(
            `\nWhatsApp: scan this code with the bot's phone (Linked devices):\n${art}\n`,
          );
        }),
      )
      .catch((error: unknown) => process.stderr.write(`WhatsApp QR code: ${String(error)}\n`));
  }
  if (login.pairingCode) {
    process.stdout.write(
      `\nWhatsApp pairing code: ${login.pairingCode} (Linked devices → Link with phone number)\n`,
    );
  }
}

/**
 * A server database goes through postgres.js, whose pool queue `npm ci` patches: unpatched,
 * the bot would slow down a little with every query, for days, before anyone noticed. So an
 * install that skipped the patch (--ignore-scripts) stops here, at deployment, when someone
 * is watching; DATABASE_UNPATCHED_DRIVER_OK accepts the cost, and it is logged as an error.
 */
function checkDatabaseDriver(config: Config, logger: Logger, packageDir?: string): void {
  const files = inspectPostgresQueue(packageDir);
  if (files.every((file) => file.state === 'patched')) return;
  const error = new UnpatchedDriverError(files);
  if (!config.database.unpatchedDriverOk) throw error;
  logger.error({ files }, `${error.message} Started anyway, as DATABASE_UNPATCHED_DRIVER_OK asks.`);
}
