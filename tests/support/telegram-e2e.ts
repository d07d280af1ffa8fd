// What the end-to-end files on Telegram share: a fresh bot for each test on an emptied
// database, and what the people of one group do there (write, press, read the answers)
// through the webhook, as the Bot API would deliver it. Apart from telegram-harness.ts, which
// the benchmarks import outside vitest.
import { beforeEach, expect } from 'vitest';
import type { Database } from '../../db/client.ts';
import {
  buttonsOf,
  callbackUpdate,
  groupChat,
  messageUpdate,
  people,
  privateChat,
  startTelegramHarness,
  type Person,
  type TelegramHarness,
} from './telegram-harness.ts';
import { createTestClock } from './test-deps.ts';
import { useHarness, type HarnessHooks, type Restartable } from './use-harness.ts';

type StartOptions = NonNullable<Parameters<typeof startTelegramHarness>[1]>;

/**
 * Before each test: the database emptied, `clock` set back to its start, and a bot started
 * with `options`; after it, that bot stopped (with `once`, one bot for all the tests). The
 * harness returned is the running one.
 */
export function useTelegramHarness(
  database: Database,
  { once, ...options }: StartOptions & HarnessHooks = {},
): TelegramHarness & Restartable<StartOptions> {
  const { clock } = options;
  const start = (more: StartOptions) => startTelegramHarness(database, more);
  return useHarness(database, { clock, once }, start, options);
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
  /**
   * Presses, as `user`, the confirm button ("❌ Oui, annuler", `gact:<id>:cancelok`) under the
   * bot's latest question "cancel it?" in the group; the texts the group was sent after it.
   */
  async function confirmCancel(user: Person): Promise<string[]> {
    const question = [...h.sentTo(group.id)]
      .reverse()
      .map((call) => ({
        data: buttonsOf(call).find((b) => /^gact:\d+:cancelok$/.test(b.callback_data ?? ''))
          ?.callback_data,
        messageId: (call.result as { message_id?: number } | undefined)?.message_id ?? 1,
      }))
      .find((q) => q.data);
    if (!question?.data) throw new Error('the bot asked no "cancel it?" in the group');
    const before = textsTo(group.id).length;
    // Pressed under the question itself, as a person does.
    await post(callbackUpdate(user, group, question.data, question.messageId));
    return textsTo(group.id).slice(before);
  }
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
    /** Everything the bot said in the group: messages, then edits. */
    groupTextsAndEdits: () =>
      [
        ...h.sentTo(group.id),
        ...h.fake.successfulCalls('editMessageText').filter((c) => c.params.chat_id === group.id),
      ].map((c) => String(c.params.text)),
    lastInGroup: () => textsTo(group.id).at(-1) ?? '',
    /**
     * What the bot said in the group in answer to `user` writing `text` there, joined; French
     * narrow no-break spaces read as plain ones.
     */
    answerTo: async (user: Person, text: string): Promise<string> => {
      const before = textsTo(group.id).length;
      await say(user, text);
      return textsTo(group.id)
        .slice(before)
        .join('\n')
        .replace(/\u202f/g, ' ');
    },
    /** The documents sent to a chat, or to a person privately (sendDocument calls). */
    documentsTo: (to: number | Person) =>
      h.fake
        .successfulCalls('sendDocument')
        .filter((c) => c.params.chat_id === (typeof to === 'number' ? to : to.id)),
    confirmCancel,
    /**
     * An organiser cancels a gathering as people do: the command (`/fete annuler`,
     * `/evenement annuler galette2`), then the confirm pressed; what the group was sent
     * (the question, then the announcement), joined, narrow no-break spaces as plain ones.
     */
    cancel: async (user: Person, command: string): Promise<string> => {
      const before = textsTo(group.id).length;
      await say(user, command);
      await confirmCancel(user);
      return textsTo(group.id)
        .slice(before)
        .join('\n')
        .replace(/\u202f/g, ' ');
    },
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

/**
 * How most end-to-end files on Telegram begin: the Résidence des Lilas (groupChat()), a bot
 * answering through the webhook on a clock set to `at` (by default Thursday 26 November 2026,
 * 10:00 UTC; `clock`, set back before each test), and before each test Alice as its admin,
 * having named the group.
 */
export function useLilasOnTelegram(database: Database, at = '2026-11-26T10:00:00Z') {
  const group = groupChat();
  const clock = createTestClock(at);
  const h = useTelegramHarness(database, { webhook: true, clock });
  const chat = createTelegramChat(h, group);
  beforeEach(() => chat.organise(people.alice, '/parametres nom Résidence des Lilas'));
  return { group, h, chat, clock };
}
