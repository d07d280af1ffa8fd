// The Telegram adapter: a grammY bot whose only middleware maps updates to neutral events
// and hands them to the router. Long polling uses @grammyjs/runner (concurrent, but one
// update at a time per chat thanks to sequentialize); webhook mode is served by our HTTP
// server, which several instances can share behind a load balancer. Outgoing calls go
// through the throttler (Telegram's limits: ~30 messages/s overall unless the bot pays for
// more, ~20/min per group, ~1/s per private chat) and auto-retry (a 429 is retried after its
// retry_after, 5xx after a pause).
import { autoRetry } from '@grammyjs/auto-retry';
import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import { Bot, webhookCallback, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from '../../handlers/router.ts';
import type { Logger, Messenger } from '../../handlers/ports.ts';
import { listVisibleCommands } from '../../handlers/commands.ts';
import type { I18n } from '../../handlers/i18n.ts';
import { createTelegramMessenger } from './telegram-messenger.ts';
import { toInboundEvent } from './to-inbound-event.ts';

export interface TelegramAdapterOptions {
  token: string;
  apiRoot: string;
  webhook?: { url: string; secret: string };
  router: Router;
  i18n: I18n;
  logger: Logger;
  /** Known bot identity (skips getMe; the benchmark and some tests use it). */
  botInfo?: UserFromGetMe;
  /** The overall send rate the throttler keeps to (TELEGRAM_MAX_SENDS_PER_SECOND). */
  maxSendsPerSecond?: number;
  /** Throttler settings, instead of those derived from maxSendsPerSecond; `false` only where
   * the API is a recording fake. */
  throttle?: Parameters<typeof apiThrottler>[0] | false;
  /** Long-polling timeout in seconds (30 in production; short in tests). */
  pollingTimeoutSeconds?: number;
}

export interface TelegramAdapter {
  bot: Bot;
  messenger: Messenger;
  /** Registers the command menus, then starts long polling or sets the webhook. */
  start(): Promise<void>;
  /** Stops fetching and waits for the updates being handled. */
  stop(): Promise<void>;
  /** For the HTTP server in webhook mode: checks the secret header, handles the update. */
  handleWebhook?(req: IncomingMessage, res: ServerResponse): Promise<void>;
  isConnected(): boolean;
}

export const ALLOWED_UPDATES = [
  'message',
  'callback_query',
  'poll_answer',
  'poll',
  'my_chat_member',
] as const;

export async function createTelegramAdapter(
  options: TelegramAdapterOptions,
): Promise<TelegramAdapter> {
  const { router, logger } = options;
  const bot = new Bot(options.token, {
    client: { apiRoot: options.apiRoot },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  if (options.throttle !== false) {
    bot.api.config.use(
      apiThrottler(options.throttle ?? throttleFor(options.maxSendsPerSecond ?? 30)),
    );
  }
  // Installed after the throttler, so it wraps it: each retry queues in the throttler again.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 6, maxDelaySeconds: 120 }));
  await bot.init();
  const messenger = createTelegramMessenger(bot.api, bot.botInfo.username);
  const identity = { id: bot.botInfo.id, username: bot.botInfo.username };

  // The runner's stop() only stops fetching; it does not wait for handlers. Track every
  // update from its arrival (including time queued behind its chat) so stop() can.
  const inFlight = new Set<Promise<void>>();
  bot.use(async (_ctx, next) => {
    const handling = next();
    inFlight.add(handling);
    try {
      await handling;
    } finally {
      inFlight.delete(handling);
    }
  });
  bot.use(sequentialize(chatKey));
  bot.use(async (ctx) => {
    const event = toInboundEvent(ctx.update, identity);
    if (event?.type === 'member_joined' || event?.type === 'member_left') {
      // Asked again next time: a removed neighbour's old "member" must not let them in.
      if (event.person) messenger.forgetStanding(event.chat.id, event.person.id);
    }
    if (event) await router.handle(event, messenger);
  });
  // The adapter's one catch point: what the router could not even apologise for.
  bot.catch((err) => {
    logger.error(
      { err: err.error, platform: 'telegram', updateId: err.ctx.update.update_id },
      'update failed',
    );
  });

  let runner: RunnerHandle | undefined;
  let connected = false;
  const webhook = options.webhook;
  const handleWebhook = webhook
    ? webhookCallback(bot, 'http', {
        secretToken: webhook.secret,
        onTimeout: 'return',
        timeoutMilliseconds: 50_000,
      })
    : undefined;

  return {
    bot,
    messenger,
    async start() {
      await registerCommandMenus(bot, router, options.i18n);
      if (webhook) {
        await bot.api.setWebhook(webhook.url, {
          secret_token: webhook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        logger.info({ url: webhook.url }, 'telegram webhook set');
      } else {
        await bot.api.deleteWebhook();
        runner = run(bot, {
          runner: {
            fetch: {
              timeout: options.pollingTimeoutSeconds ?? 30,
              allowed_updates: [...ALLOWED_UPDATES],
            },
            retryInterval: 'exponential',
            maxRetryTime: 7 * 24 * 3_600_000,
            silent: true,
          },
        });
        logger.info({ username: bot.botInfo.username }, 'telegram long polling started');
      }
      connected = true;
    },
    async stop() {
      connected = false;
      if (runner?.isRunning()) await runner.stop();
      await Promise.allSettled([...inFlight]);
    },
    ...(handleWebhook
      ? {
          handleWebhook: async (req: IncomingMessage, res: ServerResponse) => {
            await handleWebhook(req, res);
          },
        }
      : {}),
    isConnected: () => connected,
  };
}

/**
 * At most `perSecond` calls in any second, evenly spaced: the reservoir alone would let a
 * whole second's worth go at once, and such bursts, a little delayed on the way, meet a
 * token bucket that has not yet refilled (429). Groups and private chats keep the
 * throttler's own limits (20 a minute per group, one a second per private chat).
 */
export function throttleFor(perSecond: number): Parameters<typeof apiThrottler>[0] {
  return {
    global: {
      reservoir: perSecond,
      reservoirRefreshAmount: perSecond,
      reservoirRefreshInterval: 1000,
      minTime: 1000 / perSecond,
    },
  };
}

/** Updates of one chat are handled in order; votes (no chat) in order per voter. */
function chatKey(ctx: Context): string | undefined {
  return ctx.chat?.id.toString() ?? ctx.pollAnswer?.user?.id.toString();
}

/** The "/" menu in Telegram's apps: French names by default, English for English clients. */
async function registerCommandMenus(bot: Bot, router: Router, i18n: I18n): Promise<void> {
  for (const locale of ['fr', 'en'] as const) {
    const t = i18n.t(locale);
    const commands = listVisibleCommands(router.commands, locale).map(
      ({ name, descriptionKey }) => ({
        command: name,
        description: t(descriptionKey).slice(0, 256),
      }),
    );
    await bot.api.setMyCommands(commands, locale === 'fr' ? {} : { language_code: locale });
  }
}
