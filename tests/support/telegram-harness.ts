// The real bot (createApp: grammY, runner or webhook, router, database) against the fake
// Bot API server over HTTP. Updates are shaped as the Bot API sends them.
import { parseConfig } from '../../bot/config.ts';
import { createApp, type App } from '../../bot/create-app.ts';
import type { SendLanes } from '../../bot/outbox/send-lanes.ts';
import type { Database } from '../../db/client.ts';
import type { Feature } from '../../handlers/feature.ts';
import type { Clock } from '../../handlers/ports.ts';
import {
  startFakeBotApi,
  uploadedBytes,
  type FakeBotApi,
  type RecordedCall,
} from '../fakes/telegram-bot-api.ts';
import { messageUpdateWithId } from './telegram-updates.ts';
import { createMemoryLogger, type LogEntry } from './test-deps.ts';

export const TOKEN = '123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz';
export const SECRET = 'webhook-secret-0123456789';
export const BOT = { id: 999000, username: 'voisins_test_bot', first_name: 'Voisins solidaires' };

/** Keeps the shared send limits in the path, without Telegram's real pacing. */
export const FAST_LANES: SendLanes = {
  bot: 'telegram:test',
  slotMs: 1,
  chat: () => ({ gapMs: 0, windowMax: 0, windowMs: 0 }),
};

export interface TelegramHarness {
  fake: FakeBotApi;
  app: App;
  logs: LogEntry[];
  /** Sends an update by long polling (or to the webhook in webhook mode). */
  deliver(update: Record<string, unknown>): Promise<void>;
  postWebhook(update: Record<string, unknown>, secret?: string): Promise<Response>;
  /** sendMessage calls to a chat, successful ones only. */
  sentTo(chatId: number): RecordedCall[];
  /** What the presses were answered with, in their pop-up (empty: a silent answer). */
  notices(): string[];
  /** The pop-up of the latest press. */
  lastNotice(): string;
  stop(): Promise<void>;
}

export async function startTelegramHarness(
  database: Database,
  options: {
    webhook?: boolean;
    features?: Feature[];
    clock?: Clock;
    /** More configuration variables (BOT_ADMINS…). */
    env?: Record<string, string>;
    /** Telegram's real limits (telegramLanes) or others; fast ones by default. */
    sendLanes?: SendLanes;
    /** The Bot API of an earlier harness (a restart against the same Telegram). */
    fake?: FakeBotApi;
  } = {},
): Promise<TelegramHarness> {
  const fake = options.fake ?? (await startFakeBotApi({ token: TOKEN, botUser: BOT }));
  const config = parseConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    // Tests talk at machine speed, far faster than people: flood control is tested on its
    // own (tests/e2e/telegram-resilience.test.ts sets these).
    FLOOD_PERSON_PER_MINUTE: '1000',
    FLOOD_PRIVATE_PER_MINUTE: '1000',
    FLOOD_GROUP_PER_MINUTE: '1000',
    ...options.env,
    ...(options.webhook
      ? {
          TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/webhook',
          TELEGRAM_WEBHOOK_SECRET: SECRET,
        }
      : {}),
  });
  const logger = createMemoryLogger();
  const app = await createApp(config, {
    database,
    logger,
    telegram: { sendLanes: options.sendLanes ?? FAST_LANES, pollingTimeoutSeconds: 1 },
    scheduler: false,
    features: options.features ?? [],
    ...(options.clock ? { clock: options.clock } : {}),
    httpHost: '127.0.0.1',
  });
  await app.start();

  // The webhook answers once the update is stored; the harness also waits until it is
  // handled and its answers are out, as a person would before looking at the chat.
  const postWebhook = async (
    update: Record<string, unknown>,
    secret: string | undefined = SECRET,
  ) => {
    const response = await fetch(`http://127.0.0.1:${app.http!.port}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
      },
      body: JSON.stringify(update),
    });
    await app.settle();
    return response;
  };

  return {
    fake,
    app,
    logs: logger.entries,
    async deliver(update) {
      if (options.webhook) {
        const response = await postWebhook(update);
        if (!response.ok) throw new Error(`webhook answered ${response.status}`);
      } else {
        fake.pushUpdate(update);
      }
    },
    postWebhook,
    sentTo: (chatId) =>
      fake.successfulCalls('sendMessage').filter((c) => c.params.chat_id === chatId),
    notices: () => fake.successfulCalls('answerCallbackQuery').map((c) => noticeOf(c)),
    lastNotice: () => noticeOf(fake.successfulCalls('answerCallbackQuery').at(-1)),
    async stop() {
      await app.stop();
      await fake.close();
    },
  };
}

function noticeOf(call: RecordedCall | undefined): string {
  return typeof call?.params.text === 'string' ? call.params.text : '';
}

let nextId = 1000;

/** Update ids grow, as Telegram's do: the long-polling offset drops anything lower. */
export function nextUpdateId(): number {
  return nextId++;
}

export const people = {
  alice: { id: 111, is_bot: false, first_name: 'Alice', language_code: 'fr' },
  bruno: { id: 222, is_bot: false, first_name: 'Bruno', language_code: 'fr' },
  emma: { id: 333, is_bot: false, first_name: 'Emma', language_code: 'en' },
  chloe: { id: 444, is_bot: false, first_name: 'Chloé', language_code: 'fr' },
  djamel: { id: 555, is_bot: false, first_name: 'Djamel', language_code: 'fr' },
  /** Lives elsewhere: tests make her forge presses on a group she is not in. */
  mallory: { id: 666, is_bot: false, first_name: 'Mallory', language_code: 'fr' },
};
export type Person = (typeof people)[keyof typeof people];

export function groupChat(id = -100123, title = 'Résidence des Lilas') {
  return { id, type: 'supergroup', title };
}

export function privateChat(person: Person) {
  return { id: person.id, type: 'private', first_name: person.first_name };
}

/** A message update; a leading /command gets its bot_command entity as Telegram adds it. */
export function messageUpdate(
  from: { id: number; is_bot: boolean; first_name: string },
  chat: object,
  text: string,
  updateId = nextId++,
): Record<string, unknown> {
  return messageUpdateWithId(from, chat, text, updateId);
}

export function callbackUpdate(
  from: Person,
  chat: Record<string, unknown>,
  data: string,
  messageId = 1,
): Record<string, unknown> {
  const id = nextId++;
  return {
    update_id: id,
    callback_query: {
      id: `cb${id}`,
      from,
      chat_instance: 'ci',
      data,
      message: { message_id: messageId, date: 1, chat, from: { ...BOT, is_bot: true }, text: '…' },
    },
  };
}

export function botAddedUpdate(by: Person, chat: Record<string, unknown>): Record<string, unknown> {
  const bot = { ...BOT, is_bot: true };
  return {
    update_id: nextId++,
    my_chat_member: {
      chat,
      from: by,
      date: 1,
      old_chat_member: { status: 'left', user: bot },
      new_chat_member: { status: 'member', user: bot },
    },
  };
}

/** Inline keyboard buttons of a recorded sendMessage call. */
export function buttonsOf(
  call: RecordedCall | undefined,
): { text: string; callback_data?: string; url?: string }[] {
  const markup = call?.params.reply_markup as { inline_keyboard?: unknown[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat() as {
    text: string;
    callback_data?: string;
    url?: string;
  }[];
}

/** The name of the file a recorded sendDocument call uploaded. */
export function filenameOf(call: RecordedCall | undefined): string {
  return (call?.params.document as { filename: string }).filename;
}

/** The bytes a recorded sendDocument call uploaded. */
export function documentBytes(call: RecordedCall | undefined): Buffer {
  const bytes = uploadedBytes(call?.params.document);
  if (!bytes) throw new Error('no file uploaded');
  return bytes;
}
