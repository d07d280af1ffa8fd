// The Telegram adapter: updates become neutral events and go to the durable inbox, which
// stores them before Telegram is told they arrived. In long polling, that is the next
// getUpdates' offset, so updates fetched are stored before any more are fetched (a database
// that cannot store them stops the fetching); in webhook mode (bot/telegram/webhook.ts), the
// 200 comes once the update is stored, and a 503 while it cannot be. Handling goes on after
// the acknowledgement, one update at a time per chat (handlers/inbox/).
// Outgoing calls keep to Telegram's limits through the shared send limits and the outbox
// (bot/outbox/); auto-retry only covers a rare 429 of a few seconds. Failures that waiting
// cures (network, 5xx) are thrown at once, for the outbox or the inbox to try again later.
import { autoRetry } from '@grammyjs/auto-retry';
import { Bot, GrammyError, HttpError } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isTransientDatabaseError } from '../../db/client.ts';
import { TransientError } from '../../handlers/errors.ts';
import type { CommandSpec } from '../../handlers/feature.ts';
import type { I18n } from '../../handlers/i18n.ts';
import type { Inbox, Receipt } from '../../handlers/inbox/inbox.ts';
import type { Logger, Messenger } from '../../handlers/ports.ts';
import { describeCommand, listVisibleCommands } from '../../handlers/commands.ts';
import type { SendFailure } from '../outbox/operation.ts';
import { createTelegramMessenger } from './telegram-messenger.ts';
import { toInboundEvent } from './to-inbound-event.ts';
import { createWebhookHandler } from './webhook.ts';

export interface TelegramAdapterOptions {
  token: string;
  apiRoot: string;
  webhook?: { url: string; secret: string };
  inbox: Inbox;
  /** Every command, for the "/" menus. */
  commands: CommandSpec[];
  i18n: I18n;
  logger: Logger;
  /** Known bot identity (skips getMe; the benchmark and some tests use it). */
  botInfo?: UserFromGetMe;
  /** Long-polling timeout in seconds (30 in production; short in tests). */
  pollingTimeoutSeconds?: number;
}

export interface TelegramAdapter {
  bot: Bot;
  /** The Bot API messenger, without limits of its own (bot/outbox/ adds them). */
  messenger: Messenger;
  /** Stores updates in the inbox (then handled in the background, in order per chat). */
  receive(updates: Update[]): Promise<Receipt>;
  /** Registers the command menus, then starts long polling or sets the webhook. */
  start(): Promise<void>;
  /** Stops fetching (the inbox then finishes or gives back what it holds). */
  stop(): Promise<void>;
  /** For the HTTP server in webhook mode. */
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
  const { inbox, logger } = options;
  const bot = new Bot(options.token, {
    client: { apiRoot: options.apiRoot },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  bot.api.config.use(
    autoRetry({
      maxRetryAttempts: 2,
      maxDelaySeconds: 5,
      rethrowHttpErrors: true,
      rethrowInternalServerErrors: true,
    }),
  );
  await bot.init();
  const messenger = createTelegramMessenger(bot.api, bot.botInfo.username);
  const identity = { id: bot.botInfo.id, username: bot.botInfo.username };

  function receive(updates: Update[]): Promise<Receipt> {
    const events = updates.flatMap((update) => toInboundEvent(update, identity) ?? []);
    for (const event of events) {
      if ((event.type === 'member_joined' || event.type === 'member_left') && event.person) {
        // Asked again next time: a removed neighbour's old "member" must not let them in.
        messenger.forgetStanding(event.chat.id, event.person.id);
      }
    }
    return inbox.receive('telegram', events);
  }

  let connected = false;
  let stopping = false;
  let polling: Promise<void> | undefined;
  const abort = new AbortController();

  /**
   * Long polling, by hand: an update is confirmed to Telegram (by the next call's offset)
   * only once it is stored. Stores that fail are retried before anything more is fetched.
   */
  async function poll(): Promise<void> {
    let offset: number | undefined;
    let failures = 0;
    while (!stopping) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          {
            ...(offset !== undefined ? { offset } : {}),
            timeout: options.pollingTimeoutSeconds ?? 30,
            limit: 100,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          // grammY types its signal as the abort-controller polyfill's; Node's is the same.
          abort.signal as unknown as Parameters<typeof bot.api.getUpdates>[1],
        );
        failures = 0;
        connected = true;
      } catch (error) {
        if (stopping) break;
        failures++;
        connected = false;
        logger.warn({ err: error, attempt: failures }, 'telegram: getUpdates failed');
        await sleep(backoffMs(failures), abort.signal);
        continue;
      }
      if (updates.length === 0) continue;
      for (let attempt = 1; ; attempt++) {
        try {
          await storeOrSkip(updates);
          break;
        } catch (error) {
          // Not stored, so not confirmed: Telegram keeps them for the next call (or the next
          // process), and nothing more is fetched meanwhile.
          logger.warn(
            { err: error, updates: updates.length, attempt },
            'telegram: updates not stored; trying again before fetching more',
          );
          if (stopping) return;
          await sleep(Math.min(backoffMs(attempt), 5_000), abort.signal);
          if (stopping) return;
        }
      }
      offset = updates.at(-1)!.update_id + 1;
    }
    // Confirm what was stored, so that the next start does not fetch it again (it would be
    // recognised and skipped anyway).
    if (offset !== undefined) {
      await bot.api.getUpdates({ offset, limit: 1, timeout: 0 }).catch(() => undefined);
    }
  }

  /**
   * Stores a batch. If it fails for a reason other than an outage, one update of it cannot
   * be stored at all (nothing should do that): the others are stored one by one, and that
   * one is logged and skipped rather than holding up every update behind it.
   */
  async function storeOrSkip(updates: Update[]): Promise<void> {
    try {
      await receive(updates);
      return;
    } catch (error) {
      if (isOutage(error)) throw error;
    }
    for (const update of updates) {
      try {
        await receive([update]);
      } catch (error) {
        if (isOutage(error)) throw error;
        logger.error({ err: error, updateId: update.update_id }, 'telegram: update skipped');
      }
    }
  }

  const webhook = options.webhook;
  const handleWebhook = webhook
    ? createWebhookHandler({ secret: webhook.secret, receive, logger })
    : undefined;

  return {
    bot,
    messenger,
    receive,
    async start() {
      stopping = false;
      await registerCommandMenus(bot, options.commands, options.i18n);
      if (webhook) {
        await bot.api.setWebhook(webhook.url, {
          secret_token: webhook.secret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        connected = true;
        logger.info({ url: webhook.url }, 'telegram webhook set');
      } else {
        await bot.api.deleteWebhook();
        connected = true;
        polling = poll();
        logger.info({ username: bot.botInfo.username }, 'telegram long polling started');
      }
    },
    async stop() {
      connected = false;
      stopping = true;
      abort.abort();
      await polling;
    },
    ...(handleWebhook ? { handleWebhook } : {}),
    isConnected: () => connected,
  };
}

/** Network errors raised before the request could reach Telegram (no connection made). */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * How the Bot API's failures are told apart: refused for good, or worth trying later; and
 * whether Telegram may have taken the message anyway (a reset or a timeout once the request
 * went out, a 5xx), which a sender that must not send twice needs to know.
 */
export function classifyTelegramError(error: unknown): SendFailure {
  if (error instanceof HttpError) {
    const code = (error.error as { code?: unknown } | undefined)?.code;
    return {
      permanent: false,
      connectionReset: code === 'ECONNRESET' || code === 'EPIPE',
      notSent: typeof code === 'string' && NOT_CONNECTED.has(code),
    };
  }
  if (error instanceof GrammyError) {
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 5;
      return { permanent: false, retryAfterMs: seconds * 1000, notSent: true };
    }
    // A 4xx is a refusal (nothing sent); a 5xx may come after the message went out.
    return { permanent: error.error_code < 500, notSent: error.error_code < 500 };
  }
  return { permanent: true };
}

function isOutage(error: unknown): boolean {
  return error instanceof TransientError || isTransientDatabaseError(error);
}

function backoffMs(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), 30_000);
}

/** Waits, unless the adapter stops meanwhile. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * The "/" menu in Telegram's apps: French by default, and one menu per other language whose
 * texts are there, for the clients set to it (setMyCommands' language_code, ISO 639-1).
 */
async function registerCommandMenus(bot: Bot, commands: CommandSpec[], i18n: I18n) {
  for (const locale of i18n.available) {
    const t = i18n.t(locale);
    const menu = listVisibleCommands(commands, locale).map(({ name, spec }) => ({
      command: name,
      description: describeCommand(spec, t).slice(0, 256),
    }));
    await bot.api.setMyCommands(menu, locale === 'fr' ? {} : { language_code: locale });
  }
}
