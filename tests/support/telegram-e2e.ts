// What the end-to-end files on Telegram share: a fresh bot for each test on an emptied
// database, and what the people of one group do there (write, press, read the answers)
// through the webhook, as the Bot API would deliver it. Apart from telegram-harness.ts, which
// the benchmarks import outside vitest.
import { afterEach, beforeEach, expect } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  callbackUpdate,
  messageUpdate,
  privateChat,
  startTelegramHarness,
  type Person,
  type TelegramHarness,
} from './telegram-harness.ts';
import { resetDatabase } from './test-database.ts';
import type { TestClock } from './test-deps.ts';

type StartOptions = NonNullable<Parameters<typeof startTelegramHarness>[1]>;

export interface TestsTelegramHarness extends TelegramHarness {
  /** Stops the test's bot and starts another with `options`, on the same data. */
  restart(options: StartOptions): Promise<void>;
}

/**
 * Before each test: the database emptied, `clock` set back to its start, and a bot started
 * with `options`; after it, that bot stopped. The harness returned is the running test's.
 */
export function useTelegramHarness(
  database: Database,
  options: StartOptions & { clock?: TestClock } = {},
): TestsTelegramHarness {
  let current: TelegramHarness | undefined;
  beforeEach(async () => {
    await resetDatabase(database);
    options.clock?.restart();
    current = await startTelegramHarness(database, options);
  });
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  const h = (): TelegramHarness => {
    if (!current) throw new Error('useTelegramHarness: the bot runs only during a test');
    return current;
  };
  return {
    get fake() {
      return h().fake;
    },
    get app() {
      return h().app;
    },
    get logs() {
      return h().logs;
    },
    deliver: (update) => h().deliver(update),
    postWebhook: (...args) => h().postWebhook(...args),
    sentTo: (chatId) => h().sentTo(chatId),
    notices: () => h().notices(),
    lastNotice: () => h().lastNotice(),
    stop: () => h().stop(),
    async restart(more) {
      const stopping = h();
      current = undefined;
      await stopping.stop();
      current = await startTelegramHarness(database, more);
    },
  };
}

export type TelegramGroup = { id: number } & Record<string, unknown>;

/**
 * People of `group` writing and pressing through the webhook (each update answered 200), and
 * what the bot said to the group or to one of them privately (sent messages, not edits).
 */
export function createTelegramChat(h: TelegramHarness, group: TelegramGroup) {
  async function post(update: Record<string, unknown>): Promise<void> {
    const response = await h.postWebhook(update);
    expect(response.status).toBe(200);
  }
  const say = (user: Person, text: string, chat: object = group) =>
    post(messageUpdate(user, chat, text));
  const textsTo = (chatId: number) => h.sentTo(chatId).map((c) => String(c.params.text));
  return {
    post,
    say,
    sayPrivately: (user: Person, text: string) => say(user, text, privateChat(user)),
    press: (user: Person, data: string, chat: Record<string, unknown> = group, messageId = 1) =>
      post(callbackUpdate(user, chat, data, messageId)),
    pressPrivately: (user: Person, data: string, messageId = 1) =>
      post(callbackUpdate(user, privateChat(user), data, messageId)),
    privateTexts: (user: Person) => textsTo(user.id),
    lastPrivate: (user: Person) => textsTo(user.id).at(-1) ?? '',
    groupTexts: () => textsTo(group.id),
    lastInGroup: () => textsTo(group.id).at(-1) ?? '',
    runJobs: () => h.app.jobs.runDueJobs(),
    /** A recurring job's hour has come: it is queued for the bot's now, and due jobs run. */
    tick: async (kind: string): Promise<void> => {
      await h.app.jobs.enqueueRecurring({ kind, cron: '0 * * * *' }, h.app.deps.clock.now());
      await h.app.jobs.runDueJobs();
    },
    /** `admin` administers the group on Telegram, and sets it up (`/parametres …`). */
    organise: async (admin: Person, ...settings: string[]): Promise<void> => {
      h.fake.setChatMember(group.id, admin.id, 'administrator');
      for (const setting of settings) await say(admin, setting);
    },
  };
}
