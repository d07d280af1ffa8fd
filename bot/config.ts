// The only reader of the environment. parseConfig is pure: it takes the variables and
// returns a typed config or throws a ConfigError naming each bad variable and its fix.
import { z } from 'zod';
import { parseServiceValues } from '../handlers/mutual-aid/categories.ts';
import { DEFAULT_VIGILANCE_URL } from './meteo-france-importer.ts';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: positiveInt(10),
  DATABASE_UNPATCHED_DRIVER_OK: booleanString.optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]{20,}$/, 'looks like 123456789:AA… as BotFather gives it')
    .optional(),
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: z.url().optional(),
  TELEGRAM_MAX_SENDS_PER_SECOND: positiveInt(30),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16 to 256 characters among A-Z, a-z, 0-9, _ and -')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  METRICS_ENABLED: booleanString.default(false),
  METRICS_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16 to 256 characters among A-Z, a-z, 0-9, _ and -')
    .optional(),
  WEB_URL: z
    .url()
    .regex(
      /^https?:\/\/[^/?#]+\/?$/,
      'is the address of this server, without a path, e.g. https://voisins.example.org',
    )
    .optional(),
  WEB_SESSION_IDLE_MINUTES: positiveInt(30),
  WEB_SESSION_MAX_HOURS: positiveInt(12),
  CONSOLE: booleanString.optional(),
  MAX_INPUT_LENGTH: positiveInt(4096),
  NUMBERED_CHOICE_TTL_MINUTES: positiveInt(30),
  PROCESSED_EVENT_RETENTION_DAYS: positiveInt(7),
  JOBS_POLL_SECONDS: z.coerce.number().int().min(1).max(59).default(5),
  JOBS_LEASE_SECONDS: positiveInt(120),
  JOBS_BATCH_SIZE: positiveInt(50),
  JOBS_CONCURRENCY: positiveInt(8),
  SHUTDOWN_TIMEOUT_SECONDS: positiveInt(20),
  FLOOD_PERSON_PER_MINUTE: positiveInt(8),
  FLOOD_PRIVATE_PER_MINUTE: positiveInt(30),
  FLOOD_GROUP_PER_MINUTE: positiveInt(30),
  INBOX_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  OUTBOX_MAX_AGE_MINUTES: positiveInt(60),
  BOT_ADMINS: z
    .string()
    .regex(
      /^\s*(telegram|whatsapp|console):[^\s,]+(\s*,\s*(telegram|whatsapp|console):[^\s,]+)*\s*$/,
      'is a comma-separated list of platform:id, e.g. telegram:123456789,whatsapp:33612345678@c.us',
    )
    .optional(),
  GATHERING_SUMMARY_MINUTES: positiveInt(30),
  WATCH_ALERT_FROM: z.enum(['yellow', 'orange', 'red']).default('orange'),
  WATCH_ROUND_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):00$/, 'is a local time on the hour, e.g. 10:00')
    .default('10:00'),
  WATCH_RED_EXTRA_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):00$/, 'is a local time on the hour, e.g. 17:00')
    .default('17:00'),
  WATCH_DAY_FROM: z
    .string()
    .regex(/^([01]\d|2[0-3]):00$/, 'is a local time on the hour, e.g. 08:00')
    .default('08:00'),
  WATCH_DAY_UNTIL: z
    .string()
    .regex(/^([01]\d|2[0-3]):00$/, 'is a local time on the hour, e.g. 20:00')
    .default('20:00'),
  WATCH_REMINDER_MINUTES: positiveInt(120),
  WATCH_BACKUP_MINUTES: positiveInt(240),
  WATCH_ORGANISERS_MINUTES: positiveInt(360),
  WATCH_UNREACHABLE_MINUTES: positiveInt(60),
  WATCH_HISTORY_DAYS: positiveInt(30),
  REGISTRY_REQUEST_KEEP_DAYS: positiveInt(30),
  CITY_MESSAGE_RETENTION_DAYS: positiveInt(90),
  VIGILANCE_ACCOUNTS: z
    .string()
    .regex(
      /^\s*(telegram|whatsapp|console):[^\s=;]+=[0-9AB]{2,3}(,[0-9AB]{2,3})*(\s*;\s*(telegram|whatsapp|console):[^\s=;]+=[0-9AB]{2,3}(,[0-9AB]{2,3})*)*\s*$/,
      'is platform:id=départements separated by ;, e.g. telegram:123456789=69,01;whatsapp:33612345678@c.us=75',
    )
    .optional(),
  METEO_FRANCE_API_KEY: z.string().min(10).optional(),
  METEO_FRANCE_VIGILANCE_URL: z.url().default(DEFAULT_VIGILANCE_URL),
  METEO_FRANCE_POLL_MINUTES: z.coerce.number().int().min(5).max(59).default(15),
  METEO_FRANCE_TIMEOUT_SECONDS: positiveInt(15),
  HELP_SERVICE_VALUES: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseServiceValues(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  WHATSAPP_ENABLED: booleanString.optional(),
  WHATSAPP_SESSION_DIR: z.string().min(1).optional(),
  WHATSAPP_PAIRING_NUMBER: z
    .string()
    .regex(/^\d{8,15}$/, 'is the international number without + or spaces, e.g. 33612345678')
    .optional(),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  WHATSAPP_MIN_GAP_MS: z.coerce.number().int().min(0).default(2000),
  WHATSAPP_JITTER_MS: z.coerce.number().int().min(0).default(1500),
  WHATSAPP_MAX_PER_MINUTE: positiveInt(20),
  WHATSAPP_MEMORY_LIMIT_MB: z.coerce.number().int().min(0).default(1500),
  WHATSAPP_RECONNECT_MAX_SECONDS: positiveInt(300),
  WHATSAPP_READY_TIMEOUT_SECONDS: positiveInt(180),
  WHATSAPP_HEALTH_CHECK_SECONDS: z.coerce.number().int().min(0).default(60),
  WHATSAPP_MAX_SEND_FAILURES: positiveInt(5),
  WHATSAPP_MAX_MESSAGE_AGE_MINUTES: z.coerce.number().int().min(0).default(15),
  WHATSAPP_LOOKUP_RETRY_SECONDS: positiveInt(600),
});

export type Env = z.infer<typeof schema>;

export interface Config {
  dataDir: string;
  database: {
    url?: string;
    poolSize: number;
    pgliteDir: string;
    /** Start on a server with an unpatched postgres.js (db/postgres-queue-patch.ts). */
    unpatchedDriverOk: boolean;
  };
  logLevel: Env['LOG_LEVEL'];
  telegram?: {
    token: string;
    apiRoot: string;
    webhook?: { url: string; secret: string };
    /** The bot's overall send rate (Telegram: about 30 a second; more with paid broadcasts). */
    maxSendsPerSecond: number;
  };
  whatsapp?: {
    sessionDir: string;
    cacheDir: string;
    chromiumPath: string;
    pairingPhoneNumber?: string;
    pacing: { minGapMs: number; jitterMs: number; maxPerMinute: number };
    watchdog: {
      initialDelayMs: number;
      maxDelayMs: number;
      memoryLimitMb: number;
      memoryCheckMs: number;
      readyTimeoutMs: number;
      healthCheckMs: number;
      maxSendFailures: number;
    };
    /** Group messages older than this are not answered in the group (0: any age). */
    maxMessageAgeMs: number;
    aliasRetryMs: number;
  };
  http: {
    port: number;
    /** GET /metrics (Prometheus), behind a Bearer token when one is set. */
    metrics: { enabled: boolean; token?: string };
  };
  /** The partner cities' web console (served at /console), when WEB_URL is set. */
  web?: { url: string; sessionIdleMinutes: number; sessionMaxHours: number };
  /** Météo-France's vigilance map, imported when a key is configured. */
  meteoFrance?: { apiKey: string; url: string; pollMinutes: number; timeoutMs: number };
  /** The terminal chat runs when asked, or when no platform is configured. */
  console: boolean;
  handlers: {
    maxInputLength: number;
    numberedChoiceTtlSeconds: number;
    processedEventRetentionDays: number;
    botAdmins: string[];
    gatheringSummaryMinutes: number;
    helpServiceValues: Record<string, number>;
    watch: {
      alertFrom: 'yellow' | 'orange' | 'red';
      roundTime: string;
      redExtraTime: string;
      dayFrom: string;
      dayUntil: string;
      reminderMinutes: number;
      backupMinutes: number;
      organisersMinutes: number;
      unreachableMinutes: number;
      historyDays: number;
      registryKeepDays: number;
    };
    vigilanceAccounts: Record<string, string[]>;
    /** The web console's address (WEB_URL), for the links /console sends. */
    webUrl?: string;
    /** City messages and their delivery reports are purged this long after going out. */
    cityMessageRetentionDays: number;
  };
  jobs: { pollSeconds: number; leaseSeconds: number; batchSize: number; concurrency: number };
  /** Flood control: commands and presses a minute, per person in a group or privately,
   * and per group. */
  flood: { personPerMinute: number; privatePerMinute: number; groupPerMinute: number };
  /** A stored event not handled within its lease is taken over by another instance. */
  inbox: { leaseSeconds: number };
  /** Ordinary messages waiting in the outbox longer than this are dropped and logged. */
  outbox: { maxAgeMs: number };
  shutdownTimeoutMs: number;
}

/** Rules between variables, checked even when a single variable is already wrong. */
function crossCheck(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    problems.push(
      'TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL (generate one: openssl rand -hex 32)',
    );
  }
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_BOT_TOKEN) {
    problems.push(
      'TELEGRAM_BOT_TOKEN is required with TELEGRAM_WEBHOOK_URL (ask BotFather for a token)',
    );
  }
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most deployment tools.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const result = schema.safeParse(present);
  const problems = [
    ...(result.error?.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`) ?? []),
    ...crossCheck(present),
  ];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  const telegram = e.TELEGRAM_BOT_TOKEN
    ? {
        token: e.TELEGRAM_BOT_TOKEN,
        apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
        maxSendsPerSecond: e.TELEGRAM_MAX_SENDS_PER_SECOND,
        ...(e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET
          ? { webhook: { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET } }
          : {}),
      }
    : undefined;
  const dataDir = e.DATA_DIR.replace(/\/+$/, '');
  const whatsapp = e.WHATSAPP_ENABLED
    ? {
        sessionDir: e.WHATSAPP_SESSION_DIR ?? `${dataDir}/whatsapp-session`,
        cacheDir: `${dataDir}/whatsapp-cache`,
        chromiumPath: e.CHROMIUM_PATH,
        ...(e.WHATSAPP_PAIRING_NUMBER ? { pairingPhoneNumber: e.WHATSAPP_PAIRING_NUMBER } : {}),
        pacing: {
          minGapMs: e.WHATSAPP_MIN_GAP_MS,
          jitterMs: e.WHATSAPP_JITTER_MS,
          maxPerMinute: e.WHATSAPP_MAX_PER_MINUTE,
        },
        watchdog: {
          initialDelayMs: 5_000,
          maxDelayMs: e.WHATSAPP_RECONNECT_MAX_SECONDS * 1000,
          memoryLimitMb: e.WHATSAPP_MEMORY_LIMIT_MB,
          memoryCheckMs: 60_000,
          readyTimeoutMs: e.WHATSAPP_READY_TIMEOUT_SECONDS * 1000,
          healthCheckMs: e.WHATSAPP_HEALTH_CHECK_SECONDS * 1000,
          maxSendFailures: e.WHATSAPP_MAX_SEND_FAILURES,
        },
        maxMessageAgeMs: e.WHATSAPP_MAX_MESSAGE_AGE_MINUTES * 60_000,
        aliasRetryMs: e.WHATSAPP_LOOKUP_RETRY_SECONDS * 1000,
      }
    : undefined;
  return {
    dataDir: e.DATA_DIR,
    database: {
      ...(e.DATABASE_URL ? { url: e.DATABASE_URL } : {}),
      poolSize: e.DATABASE_POOL_SIZE,
      pgliteDir: `${dataDir}/pglite`,
      unpatchedDriverOk: e.DATABASE_UNPATCHED_DRIVER_OK ?? false,
    },
    logLevel: e.LOG_LEVEL,
    ...(telegram ? { telegram } : {}),
    ...(whatsapp ? { whatsapp } : {}),
    http: {
      port: e.PORT,
      metrics: e.METRICS_ENABLED
        ? { enabled: true, ...(e.METRICS_TOKEN ? { token: e.METRICS_TOKEN } : {}) }
        : { enabled: false },
    },
    ...(e.WEB_URL
      ? {
          web: {
            url: e.WEB_URL.replace(/\/$/, ''),
            sessionIdleMinutes: e.WEB_SESSION_IDLE_MINUTES,
            sessionMaxHours: e.WEB_SESSION_MAX_HOURS,
          },
        }
      : {}),
    ...(e.METEO_FRANCE_API_KEY
      ? {
          meteoFrance: {
            apiKey: e.METEO_FRANCE_API_KEY,
            url: e.METEO_FRANCE_VIGILANCE_URL,
            pollMinutes: e.METEO_FRANCE_POLL_MINUTES,
            timeoutMs: e.METEO_FRANCE_TIMEOUT_SECONDS * 1000,
          },
        }
      : {}),
    console: e.CONSOLE ?? (!telegram && !whatsapp),
    handlers: {
      maxInputLength: e.MAX_INPUT_LENGTH,
      numberedChoiceTtlSeconds: e.NUMBERED_CHOICE_TTL_MINUTES * 60,
      processedEventRetentionDays: e.PROCESSED_EVENT_RETENTION_DAYS,
      botAdmins: (e.BOT_ADMINS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      gatheringSummaryMinutes: e.GATHERING_SUMMARY_MINUTES,
      helpServiceValues: parseServiceValues(e.HELP_SERVICE_VALUES),
      watch: {
        alertFrom: e.WATCH_ALERT_FROM,
        roundTime: e.WATCH_ROUND_TIME,
        redExtraTime: e.WATCH_RED_EXTRA_TIME,
        dayFrom: e.WATCH_DAY_FROM,
        dayUntil: e.WATCH_DAY_UNTIL,
        reminderMinutes: e.WATCH_REMINDER_MINUTES,
        backupMinutes: e.WATCH_BACKUP_MINUTES,
        organisersMinutes: e.WATCH_ORGANISERS_MINUTES,
        unreachableMinutes: e.WATCH_UNREACHABLE_MINUTES,
        historyDays: e.WATCH_HISTORY_DAYS,
        registryKeepDays: e.REGISTRY_REQUEST_KEEP_DAYS,
      },
      vigilanceAccounts: Object.fromEntries(
        (e.VIGILANCE_ACCOUNTS ?? '')
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)
          .map((entry) => {
            const [account = '', deps = ''] = entry.split('=');
            return [account.trim(), deps.split(',').map((d) => d.trim())];
          }),
      ),
      ...(e.WEB_URL ? { webUrl: e.WEB_URL.replace(/\/$/, '') } : {}),
      cityMessageRetentionDays: e.CITY_MESSAGE_RETENTION_DAYS,
    },
    jobs: {
      pollSeconds: e.JOBS_POLL_SECONDS,
      leaseSeconds: e.JOBS_LEASE_SECONDS,
      batchSize: e.JOBS_BATCH_SIZE,
      concurrency: e.JOBS_CONCURRENCY,
    },
    flood: {
      personPerMinute: e.FLOOD_PERSON_PER_MINUTE,
      privatePerMinute: e.FLOOD_PRIVATE_PER_MINUTE,
      groupPerMinute: e.FLOOD_GROUP_PER_MINUTE,
    },
    inbox: { leaseSeconds: e.INBOX_LEASE_SECONDS },
    outbox: { maxAgeMs: e.OUTBOX_MAX_AGE_MINUTES * 60_000 },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
  };
}
