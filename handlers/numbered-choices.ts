// Numbered choices, for platforms without buttons (WhatsApp, the terminal). The adapter
// renders choices as "1. …" lines; this module remembers each numbered menu (in PostgreSQL,
// so it survives a restart) and reads a reply such as "2" (or "1 3" for a poll) as that
// choice for a limited time.
//
// A number must go where the person means it, and a list should read as a person expects:
// from 1. In a private chat, the latest menu is the question (it replaces the others). In a
// group, several menus are often open at once (the fête's RSVP, a poll, the kit list). Every
// list starts at 1, and people answer the latest thing they see (tryout: after the kit list
// 1–12, a poll numbered 13–15 got "1" meaning its first date, and sent kit 1). So a bare
// number is read, as a neighbour would read it:
// - the newest list that has it and that the person can answer takes it (the one at the
//   bottom of the chat); an older list keeps the numbers the newer ones do not have;
// - when only older lists have it and more than one does, or when the newest would take a
//   number from a question put to this person alone, the bot asks which list is meant
//   (quote it) rather than guess; lists that mean the same by it (the RSVP shown again) are
//   no question;
// - a reply quoting a menu answers that menu, whatever the others.
// A menu stops waiting when:
// - it was a question put to one person (an admin's settings, "which gathering?") and that
//   person answered it, or was asked a newer question (their latest replaces the others, as
//   in a private chat); such menus answer only that person;
// - it was a decision, and was decided;
// - the same list is shown again: the new copy takes its place;
// - its time is over (NUMBERED_CHOICE_TTL_MINUTES).
// When a reply mixes menus, the bot asks back instead of acting. A number never runs
// anything that was not on a menu the person could see.
import { findChat } from '../db/queries/chats.ts';
import {
  deleteNumberedPrompt,
  findLiveNumberedPrompts,
  saveNumberedPrompt,
  type NumberedPrompt,
} from '../db/queries/numbered-prompts.ts';
import type { Deps } from './deps.ts';
import type { OutboundMessage } from './events.ts';
import type { Messenger } from './ports.ts';

// A menu number has no leading zero ("0" alone withdraws a vote): "06 12 34 56 78", a phone
// number typed in answer to a question, is not five menu numbers.
const NUMBERS = /^\s*(?:0|[1-9]\d{0,2})(?:[\s,;]+(?:0|[1-9]\d{0,2}))*\s*$/;

export function isNumberedReply(text: string): boolean {
  return NUMBERS.test(text);
}

/**
 * A short yes, in any of the bot's languages ("oui", "Oui, prévenez-les", "yes please",
 * "sim", "sí", "evet", "نعم", or 👍), perhaps after the bot's name: the answer to a question put to
 * one person that has a single choice (the offer to tell the group after distress), where a
 * number is easy to get wrong (every open list of the group has a "1").
 */
export function saysYes(text: string): boolean {
  const words = text
    // A thumbs-up (any skin tone) or an OK hand is a yes, as a word would be.
    .replace(THUMBS_UP, ' oui ')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const start = words[0] === 'bot' || words[0]?.startsWith('@') ? 1 : 0;
  return words.length - start <= 6 && YES.has(words[start] ?? '');
}

const THUMBS_UP = /👍|👌|✅/gu;

const YES = new Set([
  'oui',
  'ouais',
  'yes',
  'yeah',
  'yep',
  'sim',
  'si',
  'evet',
  'نعم',
  'اجل',
  'ايه',
]);

/**
 * The question a yes answers: the latest open question put to this person alone that has a
 * single choice; none when there is no such question.
 */
export async function toYesAnswer(
  deps: Deps,
  chat: { id: number },
  senderIds: string[],
): Promise<NumberedAnswer | undefined> {
  const open = await findLiveNumberedPrompts(deps.db, chat.id, deps.clock.now());
  const prompt = open.find(
    (p) =>
      p.kind === 'choices' &&
      p.audience !== null &&
      senderIds.includes(p.audience) &&
      p.options.length === 1,
  );
  const data = prompt?.options[0];
  if (!prompt || data === undefined) return undefined;
  return { kind: 'choice', data, messageId: prompt.messageId, closes: prompt.id };
}

/** The choice data of the offer made after distress (handlers/safety.ts). */
export const SAFETY_CHOICE_PREFIX = 'distress:tell';

/**
 * The offer made after distress ("shall I tell your group's organisers?"): in a private chat,
 * later questions do not replace it and number after it. A command that goes on after the
 * numbers (`/besoin … je suis tombée…`) asks its own question next, and a person who has
 * just fallen answers the first menu under the numbers: "1" must stay the offer.
 */
const isSafetyQuestion = (prompt: Pick<NumberedPrompt, 'options'>): boolean =>
  prompt.options.length > 0 &&
  prompt.options.every((data) => data.startsWith(`${SAFETY_CHOICE_PREFIX}:`));

/** Wraps a messenger without buttons so that every numbered question it sends is remembered. */
export function withNumberedPrompts(messenger: Messenger, deps: Deps): Messenger {
  if (messenger.capabilities.inlineButtons && messenger.capabilities.nativePolls) return messenger;
  let urgentLane: Messenger | undefined;
  return {
    ...messenger,
    // The urgent lane remembers its questions too.
    ...(messenger.urgent
      ? { urgent: () => (urgentLane ??= withNumberedPrompts(messenger.urgent!(), deps)) }
      : {}),
    async send(chatId: string, message: OutboundMessage) {
      const options = toPromptOptions(message, messenger);
      const chat = options ? await findChat(deps.db, messenger.platform, chatId) : undefined;
      if (!options || !chat || message.kind === 'document') {
        return messenger.send(chatId, message);
      }
      const now = deps.clock.now();
      const inGroup = chat.kind === 'group';
      const kind = message.kind === 'poll' ? 'poll' : 'choices';
      const audience = message.audience ?? null;
      const { first, replacing, keeping } = inGroup
        ? {
            ...placeMenu(await findLiveNumberedPrompts(deps.db, chat.id, now), {
              kind,
              options: options.data,
              audience,
            }),
            keeping: [],
          }
        : await placePrivateMenu(deps, chat.id, options.data, now);
      const sent = await messenger.send(
        chatId,
        first === 1 ? message : { ...message, numberFrom: first },
      );
      const ttl = deps.config.numberedChoiceTtlSeconds * 1000;
      await saveNumberedPrompt(
        deps.db,
        {
          chatId: chat.id,
          // Queued messages have no id yet; only edits use it, and these platforms have none.
          messageId: sent.messageId ?? '',
          kind,
          options: options.data,
          firstNumber: first,
          audience,
          once: message.once === true,
          pollId: sent.pollId ?? null,
          multiple: message.kind === 'poll' ? message.multipleAnswers : message.multiple === true,
          expiresAt: new Date(now.getTime() + ttl),
        },
        { replaceOthers: !inGroup, replacing, keeping, now },
      );
      return sent;
    },
  };
}

/**
 * A private chat's new menu replaces the others, but for the safety offer still open (see
 * isSafetyQuestion): its numbers then come after the offer's.
 */
async function placePrivateMenu(
  deps: Deps,
  chatId: number,
  options: string[],
  now: Date,
): Promise<{ first: number; replacing: number[]; keeping: number[] }> {
  if (isSafetyQuestion({ options })) return { first: 1, replacing: [], keeping: [] };
  const kept = (await findLiveNumberedPrompts(deps.db, chatId, now)).filter(isSafetyQuestion);
  const first = Math.max(1, ...kept.map((p) => p.firstNumber + p.options.length));
  return { first, replacing: [], keeping: kept.map((p) => p.id) };
}

type MenuShape = Pick<NumberedPrompt, 'kind' | 'options' | 'audience'>;

/**
 * Where a new menu of a group goes among the menus still open there: it starts at 1 (the
 * newest list has the low numbers, see the rule above), and replaces the same list shown
 * before and the earlier question put to the same person.
 */
export function placeMenu(
  open: NumberedPrompt[],
  menu: MenuShape,
): { first: number; replacing: number[] } {
  const replacing = open
    .filter((p) => isSameList(p, menu) || (menu.audience !== null && p.audience === menu.audience))
    .map((p) => p.id);
  return { first: 1, replacing };
}

/** The same list shown again (a poll is never the same: each has its own votes). */
function isSameList(p: MenuShape, menu: MenuShape): boolean {
  return (
    p.kind === 'choices' &&
    menu.kind === 'choices' &&
    p.audience === menu.audience &&
    p.options.length === menu.options.length &&
    p.options.every((data, i) => data === menu.options[i])
  );
}

function toPromptOptions(message: OutboundMessage, messenger: Messenger) {
  if (message.kind === 'text' && message.choices && !messenger.capabilities.inlineButtons) {
    const data = message.choices.flat().flatMap((c) => (c.data !== undefined ? [c.data] : []));
    return data.length > 0 ? { data } : undefined;
  }
  if (message.kind === 'poll' && !messenger.capabilities.nativePolls) {
    return { data: message.options };
  }
  return undefined;
}

export type NumberedAnswer =
  /**
   * Several numbers of a menu where several answers make sense: pressed in this order.
   * `closes`: as for a choice.
   */
  | { kind: 'choices'; data: string[]; messageId: string; closes?: number }
  /**
   * `closes`: the menu is a decision, or a question put to this person alone: closed once
   * the choice is accepted (see closeMenu).
   */
  | { kind: 'choice'; data: string; messageId: string; closes?: number }
  | { kind: 'vote'; pollId: string; optionIndexes: number[] }
  /** Numbers of no open menu (the ranges the person may use). */
  | { kind: 'out_of_range'; ranges: { from: number; to: number }[] }
  /** The menu was for someone else. */
  | { kind: 'not_yours' }
  /** Numbers of several menus at once: the bot asks back. */
  | { kind: 'ambiguous' }
  /** Numbers several open lists have, none clearly the latest: the bot asks which (quote it). */
  | { kind: 'which' };

/**
 * Reads a numbered reply against the chat's open menus; undefined when none is open, or when
 * the reply quotes a neighbour's message (a number said to them, not to the bot).
 * `senderIds`: the person's platform ids (WhatsApp: their number's and their @lid).
 * `replyTo`: the message the reply quotes; a menu quoted is the one answered.
 */
export async function toNumberedAnswer(
  deps: Deps,
  chat: { id: number; kind: string },
  text: string,
  senderIds: string[],
  replyTo?: { id: string; toBot: boolean },
): Promise<NumberedAnswer | undefined> {
  if (replyTo && !replyTo.toBot) return undefined;
  const open = await findLiveNumberedPrompts(deps.db, chat.id, deps.clock.now());
  const quoted = replyTo && open.find((p) => isSameMessage(p.messageId, replyTo.id));
  // In a private chat the latest question is the one (even if two were sent at once), with
  // the safety offer a later question left open (see isSafetyQuestion).
  const live = quoted
    ? [quoted]
    : chat.kind === 'group'
      ? open
      : open.filter((p, index) => index === 0 || isSafetyQuestion(p));
  if (live.length === 0) return undefined;
  const visible = live.filter((p) => p.audience === null || senderIds.includes(p.audience));
  // A closed poll's numbers answer only where no open menu has them: the voter is told the
  // poll is closed (by the poll's feature), not which numbers other menus have.
  const waiting = visible.filter((p) => !p.pollClosed);
  const closedPolls = visible.filter((p) => p.pollClosed);
  const numbers = [...new Set(text.match(/\d+/g)?.map(Number) ?? [])];
  // "0" withdraws a vote, as unticking every option does in a native poll: the latest poll.
  const poll = [...waiting, ...closedPolls].find((p) => p.kind === 'poll' && p.pollId);
  if (poll?.pollId && numbers.length === 1 && numbers[0] === 0) {
    return { kind: 'vote', pollId: poll.pollId, optionIndexes: [] };
  }
  // The numbers the person may use (lists all start at 1: overlapping ranges said once).
  const ranges = waiting
    .map((p) => ({ from: p.firstNumber, to: p.firstNumber + p.options.length - 1 }))
    .sort((a, b) => a.from - b.from)
    .reduce<{ from: number; to: number }[]>((merged, r) => {
      const last = merged.at(-1);
      if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
      else merged.push({ ...r });
      return merged;
    }, []);
  const menusOf = (n: number, among: NumberedPrompt[]) =>
    among.filter((p) => n >= p.firstNumber && n < p.firstNumber + p.options.length);
  // The latest list of the chat is a question put to someone else, and has these numbers:
  // the person answered it (the latest thing they see), not an older list.
  const latest = live.find((p) => !p.pollClosed);
  if (latest && !visible.includes(latest) && numbers.every((n) => menusOf(n, [latest]).length)) {
    return { kind: 'not_yours' };
  }
  const targets = new Set<NumberedPrompt>();
  // Lists that have every number given: the newest wins where that is safe (see the rule).
  const whole = waiting.filter((p) => numbers.every((n) => menusOf(n, [p]).length > 0));
  if (whole.length > 0) {
    const chosen =
      whole.length === 1 ? whole[0] : toLatestMeant(whole, waiting, numbers, senderIds);
    if (!chosen) return { kind: 'which' };
    targets.add(chosen);
  }
  // A number of someone else's question only (two people's questions may share numbers).
  let othersOnly = false;
  for (const n of targets.size > 0 ? [] : numbers) {
    const menus = menusOf(n, waiting);
    const closed = menusOf(n, closedPolls);
    if (menus.length > 1 || (menus.length === 0 && closed.length > 1)) return { kind: 'ambiguous' };
    if (menus[0] ?? closed[0]) targets.add((menus[0] ?? closed[0])!);
    else if (menusOf(n, live).length > 0) othersOnly = true;
    else return { kind: 'out_of_range', ranges };
  }
  if (othersOnly) return targets.size > 0 ? { kind: 'ambiguous' } : { kind: 'not_yours' };
  const [prompt] = targets;
  if (!prompt) return { kind: 'out_of_range', ranges };
  if (targets.size > 1) return { kind: 'ambiguous' };
  const indexes = numbers.map((n) => n - prompt.firstNumber);
  // Answered, a decision or a question put to one person is over (its numbers free again).
  const closes = prompt.once || prompt.audience !== null ? { closes: prompt.id } : {};
  if (prompt.kind === 'poll' && prompt.pollId) {
    if (!prompt.multiple && indexes.length > 1) return { kind: 'out_of_range', ranges };
    return { kind: 'vote', pollId: prompt.pollId, optionIndexes: indexes };
  }
  if (prompt.multiple && indexes.length > 1) {
    const data = indexes.map((i) => prompt.options[i]).filter((d): d is string => d !== undefined);
    return { kind: 'choices', data, messageId: prompt.messageId, ...closes };
  }
  const [first] = indexes;
  const data = first !== undefined && indexes.length === 1 ? prompt.options[first] : undefined;
  if (data === undefined) return { kind: 'out_of_range', ranges };
  return { kind: 'choice', data, messageId: prompt.messageId, ...closes };
}

/**
 * Which of several open lists that all have the numbers given is meant (`candidates` and
 * `waiting` newest first): the newest list the person can answer, when it is one of them,
 * unless that would take the numbers from a question put to this person alone; any, when
 * they all mean the same by these numbers (the RSVP shown again). Undefined: ask.
 */
function toLatestMeant(
  candidates: NumberedPrompt[],
  waiting: NumberedPrompt[],
  numbers: number[],
  senderIds: string[],
): NumberedPrompt | undefined {
  const [newest, ...older] = candidates;
  if (!newest) return undefined;
  const meaning = (p: NumberedPrompt) =>
    `${p.kind}:${p.kind === 'poll' ? p.pollId : ''}:${numbers.map((n) => p.options[n - p.firstNumber]).join(' ')}`;
  if (older.every((p) => meaning(p) === meaning(newest))) return newest;
  const ownQuestion = older.some((p) => p.audience !== null && senderIds.includes(p.audience));
  return newest === waiting[0] && !ownQuestion ? newest : undefined;
}

/**
 * Whether a menu's stored id is the quoted message: the same id, or (WhatsApp) a serialized
 * id `fromMe_chat_keyId[_participant]` whose key id a quoted reply gives alone.
 */
function isSameMessage(stored: string, quoted: string): boolean {
  return stored !== '' && (stored === quoted || stored.split('_')[2] === quoted);
}

/**
 * A decision's menu, or a question put to one person, is closed once a choice was accepted:
 * its numbers are free again.
 */
export async function closeMenu(deps: Deps, answer: NumberedAnswer): Promise<void> {
  if ((answer.kind === 'choice' || answer.kind === 'choices') && answer.closes !== undefined) {
    await deleteNumberedPrompt(deps.db, answer.closes);
  }
}
