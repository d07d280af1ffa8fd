// What the end-to-end files on WhatsApp share: a fresh bot and fake client for each test on
// an emptied database, and what the people of one group do there (write in the group or
// privately, answer a numbered question, read the answers), as whatsapp-web.js delivers it.
import type { Database } from '../../db/client.ts';
import type { FakeMessage } from '../fakes/whatsapp-client.ts';
import type { TestClock } from './test-deps.ts';
import { useHarness } from './use-harness.ts';
import {
  startWhatsAppHarness,
  wa,
  type WhatsAppHarness,
  type WhatsAppPerson,
} from './whatsapp-harness.ts';

type StartOptions = NonNullable<Parameters<typeof startWhatsAppHarness>[1]>;

/**
 * Before each test: the database emptied, `clock` set back to its start, and a bot started
 * with `options`; after it, that bot stopped. The harness returned is the running test's.
 */
export function useWhatsAppHarness(
  database: Database,
  options: StartOptions & { clock?: TestClock } = {},
): WhatsAppHarness {
  const start = (more: StartOptions) => startWhatsAppHarness(database, more);
  return useHarness(database, { clock: options.clock }, start, options);
}

type Via = 'pn' | 'lid';

/**
 * People of `group` writing in it or privately, from their number (`pn`) or their `lid`, each
 * message handled and answered before the next; and the texts the bot sent.
 */
export function createWhatsAppChat(h: WhatsAppHarness, group = wa.group) {
  const textsTo = (chatId: string) =>
    h
      .client()
      .sentTo(chatId)
      .map((s) => s.text ?? '');
  const privateTexts = (person: WhatsAppPerson, via: Via = 'pn') => textsTo(person[via]);
  const lastPrivate = (person: WhatsAppPerson, via: Via = 'pn') =>
    privateTexts(person, via).at(-1) ?? '';
  const groupTexts = () => textsTo(group);
  const lastInGroup = () => groupTexts().at(-1) ?? '';
  /** Resolves to the group's latest text once the message is handled. */
  async function say(person: WhatsAppPerson, body: string, via: Via = 'pn'): Promise<string> {
    h.client().receiveGroupMessage({ group, author: person[via], body, notifyName: person.name });
    await h.settle();
    return lastInGroup();
  }
  /**
   * A reply in the group quoting the bot's message that contains `quotedText` (the latest such),
   * as a person swipes to answer an older list; resolves to the group's latest text.
   */
  async function reply(
    person: WhatsAppPerson,
    quotedText: string,
    body: string,
    via: Via = 'pn',
  ): Promise<string> {
    const quoting: FakeMessage | undefined = h
      .client()
      .sentTo(group)
      .findLast((s) => (s.text ?? '').includes(quotedText))?.message;
    if (!quoting) throw new Error(`no message of the bot's in the group says "${quotedText}"`);
    h.client().receiveGroupMessage({
      group,
      author: person[via],
      body,
      notifyName: person.name,
      quoting,
    });
    await h.settle();
    return lastInGroup();
  }
  /** Resolves to the person's latest private text once the message is handled. */
  async function sayPrivately(
    person: WhatsAppPerson,
    body: string,
    via: Via = 'pn',
  ): Promise<string> {
    h.client().receivePrivateMessage({ from: person[via], body, notifyName: person.name });
    await h.settle();
    return lastPrivate(person, via);
  }
  /** Everything the bot said to the person privately while handling their private `body`. */
  async function answersTo(person: WhatsAppPerson, body: string): Promise<string[]> {
    const before = privateTexts(person).length;
    await sayPrivately(person, body);
    return privateTexts(person).slice(before);
  }
  /**
   * Resolves to the group's latest text once a message mentioning the bot is handled
   * (WhatsApp hands the bot only what is addressed to it).
   */
  async function mention(person: WhatsAppPerson, body: string, via: Via = 'pn'): Promise<string> {
    h.client().receiveGroupMessage({
      group,
      author: person[via],
      body: `@bot ${body}`,
      notifyName: person.name,
      mentionedIds: [h.client().botLid],
    });
    await h.settle();
    return lastInGroup();
  }
  /**
   * Answers, as `person`, the bot's latest question "cancel it?" in the group with the number
   * of its confirm choice (`label`, French by default); resolves to the group's latest text.
   */
  async function confirmCancel(person: WhatsAppPerson, label = CONFIRM_CANCEL_FR): Promise<string> {
    const question = groupTexts().findLast((text) => text.includes(label));
    if (!question) throw new Error(`the bot asked no "cancel it?" in the group (${label})`);
    return say(person, numberOf(question, label));
  }
  return {
    say,
    reply,
    confirmCancel,
    /** An organiser cancels a gathering: the command, then the confirm answered by number. */
    cancel: async (person: WhatsAppPerson, command: string): Promise<string> => {
      await say(person, command);
      return confirmCancel(person);
    },
    mention,
    sayPrivately,
    answersTo,
    privateTexts,
    lastPrivate,
    groupTexts,
    lastInGroup,
    /** Answers the person's latest numbered question with the option of that label. */
    choose: (person: WhatsAppPerson, label: string) =>
      sayPrivately(person, numberOf(lastPrivate(person), label)),
    runJobs: async (): Promise<void> => {
      await h.app.jobs.runDueJobs();
      await h.settle();
    },
    /** A recurring job's hour has come: it is queued for the bot's now, and due jobs run. */
    tick: async (kind: string): Promise<void> => {
      await h.app.jobs.enqueueRecurring({ kind, cron: '0 * * * *' }, h.app.deps.clock.now());
      await h.app.jobs.runDueJobs();
      await h.settle();
    },
  };
}

/** The confirm choice of "cancel it?" (/fete annuler), in French. */
export const CONFIRM_CANCEL_FR = '❌ Oui, annuler';

/** The number shown before a label in a numbered question ("*6.* ✅ Je viens"). */
export function numberOf(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.replace(/^\*\d+\.\* /, '') === label);
  const number = /^\*(\d+)\.\*/.exec(line ?? '')?.[1];
  if (!number) throw new Error(`no option "${label}" in:\n${text}`);
  return number;
}
