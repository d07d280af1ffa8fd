// Numbered choices, for platforms without buttons (WhatsApp, the terminal). The adapter
// renders choices as "1. …" lines; this module remembers each numbered menu (in PostgreSQL,
// so it survives a restart) and reads a reply such as "2" (or "1 3" for a poll) as that
// choice for a limited time.
//
// A number must go where the person means it, and a list should read as a person expects:
// from 1. In a private chat, the latest menu is the question (it replaces the others). In a
// group, several menus are often open at once (the fête's RSVP, a galette's, a kit
// suggestion), so the rule, as a neighbour would say it, is: "each list starts at 1; while an
// earlier list is still waiting for an answer from the same people, the new one goes on from
// its numbers" (1–4, then 5–8), so that a number names one option of one menu, and an old
// menu's "2" is never taken for a new menu's "2". A menu stops waiting, and its numbers are
// free again, when:
// - it was a question put to one person (an admin's settings, "which gathering?") and that
//   person answered it, or was asked a newer question (their latest replaces the others, as
//   in a private chat); such menus answer only that person, and two people's questions may
//   use the same numbers, since nobody can answer both;
// - it was a decision, and was decided;
// - the same list is shown again: the new copy takes its place and keeps its numbers, so a
//   "2" read on either copy means the same;
// - its time is over (NUMBERED_CHOICE_TTL_MINUTES).
// When a reply mixes menus, or menus overlap (two sent at the same instant), the bot asks
// back instead of acting. A number never runs anything that was not on a menu the person
// could see.
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
 * number is easy to get wrong (it follows the numbers of the lists already open).
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
 * Where a new menu of a group goes among the menus still open there (see the rule above):
 * its first number, and the open menus it replaces.
 */
export function placeMenu(
  open: NumberedPrompt[],
  menu: MenuShape,
): { first: number; replacing: number[] } {
  const again = open.find((p) => isSameList(p, menu));
  const replacing = open
    .filter((p) => p === again || (menu.audience !== null && p.audience === menu.audience))
    .map((p) => p.id);
  if (again) return { first: again.firstNumber, replacing };
  // The lowest numbers no menu the same people could answer uses (a closed poll waits for
  // nobody: its numbers are free).
  const taken = open
    .filter((p) => !replacing.includes(p.id) && !p.pollClosed && haveSamePeople(p, menu))
    .map((p) => ({ from: p.firstNumber, to: p.firstNumber + p.options.length - 1 }))
    .sort((a, b) => a.from - b.from);
  let first = 1;
  for (const range of taken) {
    if (first + menu.options.length - 1 < range.from) break;
    first = Math.max(first, range.to + 1);
  }
  return { first, replacing };
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

/** Whether someone could answer both menus (each for everyone, or for the same person). */
function haveSamePeople(a: MenuShape, b: MenuShape): boolean {
  return a.audience === null || b.audience === null || a.audience === b.audience;
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
  /** Numbers of several menus at once, or of menus that overlap: the bot asks back. */
  | { kind: 'ambiguous' };

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
  const ranges = waiting
    .map((p) => ({ from: p.firstNumber, to: p.firstNumber + p.options.length - 1 }))
    .sort((a, b) => a.from - b.from);
  const menusOf = (n: number, among: NumberedPrompt[]) =>
    among.filter((p) => n >= p.firstNumber && n < p.firstNumber + p.options.length);
  const targets = new Set<NumberedPrompt>();
  // A number of someone else's question only (two people's questions may share numbers).
  let othersOnly = false;
  for (const n of numbers) {
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
