// Reading a numbered reply ("2", "1 3") against the menus open in a chat, where choices are
// typed numbers (WhatsApp, the terminal). The rule a number follows is said in
// numbered-choices.ts, which remembers the menus as they are sent.
import {
  deleteNumberedPrompt,
  findExpiredQuestions,
  findLiveNumberedPrompts,
  type NumberedPrompt,
} from '../db/queries/numbered-prompts.ts';
import type { Deps } from './deps.ts';
import { isSafetyQuestion } from './safety-offer.ts';

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
  chat: { id: number; kind: string },
  senderIds: string[],
): Promise<NumberedAnswer | undefined> {
  const open = await findLiveNumberedPrompts(deps.db, chat.id, deps.clock.now());
  const prompt = sortMenus(open, chat.kind).current.find(
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

/** Choice data of "which list do you answer?" (which-list.ts): `menu:<menu id>:<numbers>`. */
export const MENU_PICK_PREFIX = 'menu';

export const isPickQuestion = (prompt: Pick<NumberedPrompt, 'options'>): boolean =>
  prompt.options.length > 0 &&
  prompt.options.every((data) => data.startsWith(`${MENU_PICK_PREFIX}:`));

const kindOf = (prompt: NumberedPrompt) =>
  isSafetyQuestion(prompt) ? 'safety' : isPickQuestion(prompt) ? 'pick' : 'question';

/**
 * The chat's open menus (newest first) that wait for an answer, and those a newer question
 * replaced, each with the question that replaced it. A question put to one person (in a
 * private chat, every menu) is replaced by the next one put to them of its kind: the safety
 * offer and "which list?" live beside the others. A group's lists for everyone are never
 * replaced here (the same list shown again is, when it is sent: placeMenu).
 */
export function sortMenus(
  open: NumberedPrompt[],
  chatKind: string,
): { current: NumberedPrompt[]; replacedBy: Map<number, NumberedPrompt> } {
  const current: NumberedPrompt[] = [];
  const replacedBy = new Map<number, NumberedPrompt>();
  const newest = new Map<string, NumberedPrompt>();
  for (const prompt of open) {
    const person = chatKind === 'group' ? prompt.audience : 'private';
    if (person === null || prompt.pollClosed) {
      current.push(prompt);
      continue;
    }
    const key = `${kindOf(prompt)}:${person}`;
    const newer = newest.get(key);
    if (newer) {
      replacedBy.set(prompt.id, newer);
    } else {
      newest.set(key, prompt);
      current.push(prompt);
    }
  }
  return { current, replacedBy };
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
  /**
   * Numbers several open lists have, none clearly the latest: the bot asks which
   * (`menus`, newest first), then applies `numbers` to the one chosen (which-list.ts).
   */
  | {
      kind: 'which';
      menus: NumberedPrompt[];
      numbers: number[];
      /** Asked even about one list (the latest list is someone else's question). */
      always?: boolean;
    }
  /** Numbers of a question of theirs that a newer one (`newer`) replaced. */
  | { kind: 'replaced'; newer: NumberedPrompt }
  /**
   * Numbers of the latest question put to them alone, whose time is over (`question`): it no
   * longer waits for an answer, and no other list takes them.
   */
  | { kind: 'expired'; question: NumberedPrompt }
  /** A reply quoting a message of the bot that is no list waiting for an answer. */
  | { kind: 'gone' };

/**
 * Reads a numbered reply against the chat's open menus; undefined when none is open, or when
 * the reply quotes a neighbour's message (a number said to them, not to the bot).
 * `senderIds`: the person's platform ids (WhatsApp: their number's and their @lid).
 * `replyTo`: the message the reply quotes; a menu quoted is the one answered.
 * `only`: the id of the menu meant (chosen after "which list?"); undefined when that menu no
 * longer waits for an answer in this chat.
 */
export async function toNumberedAnswer(
  deps: Deps,
  chat: { id: number; kind: string },
  text: string,
  senderIds: string[],
  replyTo?: { id: string; toBot: boolean },
  only?: number,
): Promise<NumberedAnswer | undefined> {
  if (replyTo && !replyTo.toBot) return undefined;
  const open = await findLiveNumberedPrompts(deps.db, chat.id, deps.clock.now());
  const { current, replacedBy } = sortMenus(open, chat.kind);
  const isOwn = (p: NumberedPrompt) =>
    chat.kind === 'group'
      ? p.audience !== null && senderIds.includes(p.audience)
      : p.audience === null || senderIds.includes(p.audience);
  const numbers = [...new Set(text.match(/\d+/g)?.map(Number) ?? [])];
  if (only !== undefined) {
    const meant = current.find((p) => p.id === only);
    return meant && readAgainst([meant], numbers, senderIds, isOwn).answer;
  }
  const quoted = replyTo && open.find((p) => isSameMessage(p.messageId, replyTo.id));
  // Their questions whose time is over, remembered for as long again to say so; not "which
  // list?" (its numbers were for lists named then) nor the safety offer (it reminds itself).
  const memory = deps.config.numberedChoiceTtlSeconds * 1000;
  const expired = (await findExpiredQuestions(deps.db, chat.id, deps.clock.now(), memory)).filter(
    (p) => isOwn(p) && kindOf(p) === 'question',
  );
  const quotedExpired = replyTo && expired.find((p) => isSameMessage(p.messageId, replyTo.id));
  if (quotedExpired) return { kind: 'expired', question: quotedExpired };
  // A reply quoting a message of the bot that no open list is: the list it answers is over
  // (answered, replaced and expired, or never one). Read by its numbers, it reached the newest
  // list instead (tryout: a "1" quoting a consent question removed a watched neighbour).
  // Only where every open list's message is known: one queued for a send limit was
  // remembered without its id, and may be the one quoted.
  if (replyTo && !quoted && open.length > 0 && open.every((p) => p.messageId !== '')) {
    return { kind: 'gone' };
  }
  const newer = quoted && replacedBy.get(quoted.id);
  if (quoted && newer && isOwn(quoted)) return { kind: 'replaced', newer };
  const live = quoted ? [quoted] : current;
  if (live.length === 0 && expired.length === 0) return undefined;
  const read = readAgainst(live, numbers, senderIds, isOwn);
  if (quoted || numbers.length === 0 || numbers.includes(0)) return read.answer;
  // A question of theirs that a newer one replaced has these numbers, and is newer than any
  // list they would answer: they answered it (the latest thing they were asked). Said so.
  const has = (p: NumberedPrompt) => numbers.every((n) => hasNumber(p, n));
  const replaced = open.find((p) => replacedBy.has(p.id) && isOwn(p) && has(p));
  const answered = read.prompt;
  if (replaced && (!answered || answered.id < replaced.id)) {
    return { kind: 'replaced', newer: replacedBy.get(replaced.id)! };
  }
  // The latest question put to them alone is over (lately), and has these numbers: they
  // answered it late (tryout: a "1" meaning "yes, cancel" was asked "which list?" among the
  // group's other lists, where its "1" would have RSVPed). Said so, naming it, as a question
  // of theirs still open is answered before the group's newer lists (toLatestMeant); a newer
  // question of theirs replaced it.
  const [late] = expired;
  if (
    late &&
    has(late) &&
    !open.some((p) => isOwn(p) && kindOf(p) === 'question' && p.id > late.id)
  ) {
    return { kind: 'expired', question: late };
  }
  return read.answer;
}

/** A reading against `live` (newest first), with the menu it answers when it does. */
function readAgainst(
  live: NumberedPrompt[],
  numbers: number[],
  senderIds: string[],
  isOwn: (p: NumberedPrompt) => boolean,
): { answer: NumberedAnswer; prompt?: NumberedPrompt } {
  const visible = live.filter((p) => p.audience === null || senderIds.includes(p.audience));
  // A closed poll's numbers answer only where no open menu has them: the voter is told the
  // poll is closed (by the poll's feature), not which numbers other menus have.
  const waiting = visible.filter((p) => !p.pollClosed);
  const closedPolls = visible.filter((p) => p.pollClosed);
  // "0" withdraws a vote, as unticking every option does in a native poll: the latest poll.
  const poll = [...waiting, ...closedPolls].find((p) => p.kind === 'poll' && p.pollId);
  if (poll?.pollId && numbers.length === 1 && numbers[0] === 0) {
    return { answer: { kind: 'vote', pollId: poll.pollId, optionIndexes: [] }, prompt: poll };
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
  const outOfRange = { answer: { kind: 'out_of_range', ranges } } as const;
  const menusOf = (n: number, among: NumberedPrompt[]) => among.filter((p) => hasNumber(p, n));
  const hasAll = (p: NumberedPrompt) => numbers.every((n) => menusOf(n, [p]).length > 0);
  // The latest list of the chat is a question put to someone else, and has these numbers:
  // the person may have answered it (the latest thing they see) or an older list of theirs;
  // unless a question put to them has these numbers too (theirs to answer). With a list of
  // theirs that has them, they are asked which (naming theirs only: the other question is not
  // theirs to answer, and nothing is lost); with none, told the question was not theirs.
  // (Tryout: after Djamel's distress offer "1. Oui, prévenez-les", Alice's "1" for the kits
  // list she had just asked for was told "asked to someone else".) "Which list?" asks someone
  // by name about their own number: no one else takes it for theirs.
  const latest = live.find((p) => !p.pollClosed && (visible.includes(p) || !isPickQuestion(p)));
  if (
    latest &&
    !visible.includes(latest) &&
    hasAll(latest) &&
    !waiting.some((p) => p.audience !== null && hasAll(p))
  ) {
    const theirs = distinctMeanings(waiting.filter(hasAll), numbers);
    return {
      answer:
        theirs.length > 0
          ? { kind: 'which', menus: theirs, numbers, always: true }
          : { kind: 'not_yours' },
    };
  }
  const targets = new Set<NumberedPrompt>();
  // Lists that have every number given, and take that many answers ("1 3" is a vote in a
  // poll of several answers, not the announcement's menu posted after it, which takes one):
  // the newest wins where that is safe (see the rule).
  const takesAll = (p: NumberedPrompt) => hasAll(p) && (numbers.length === 1 || p.multiple);
  const whole = waiting.filter(takesAll);
  if (whole.length > 0) {
    const chosen = whole.length === 1 ? whole[0] : toLatestMeant(whole, waiting, numbers, isOwn);
    const asked = chosen ? [] : distinctMeanings(whole, numbers);
    if (asked.length > 1) return { answer: { kind: 'which', menus: asked, numbers } };
    targets.add(chosen ?? asked[0] ?? whole[0]!);
  }
  // A number of someone else's question only (two people's questions may share numbers).
  let othersOnly = false;
  for (const n of targets.size > 0 ? [] : numbers) {
    const menus = menusOf(n, waiting);
    const closed = menusOf(n, closedPolls);
    if (menus.length > 1 || (menus.length === 0 && closed.length > 1)) {
      return { answer: { kind: 'ambiguous' } };
    }
    if (menus[0] ?? closed[0]) targets.add((menus[0] ?? closed[0])!);
    else if (menusOf(n, live).length > 0) othersOnly = true;
    else return outOfRange;
  }
  if (othersOnly) return { answer: { kind: targets.size > 0 ? 'ambiguous' : 'not_yours' } };
  const [prompt] = targets;
  if (!prompt) return outOfRange;
  if (targets.size > 1) return { answer: { kind: 'ambiguous' } };
  const indexes = numbers.map((n) => n - prompt.firstNumber);
  // Answered, a decision or a question put to one person is over (its numbers free again).
  const closes = prompt.once || prompt.audience !== null ? { closes: prompt.id } : {};
  if (prompt.kind === 'poll' && prompt.pollId) {
    if (!prompt.multiple && indexes.length > 1) return outOfRange;
    return { answer: { kind: 'vote', pollId: prompt.pollId, optionIndexes: indexes }, prompt };
  }
  if (prompt.multiple && indexes.length > 1) {
    const data = indexes
      .map((i) => prompt.options[i])
      .filter((d): d is string => d !== undefined && d !== '');
    return { answer: { kind: 'choices', data, messageId: prompt.messageId, ...closes }, prompt };
  }
  const [first] = indexes;
  const data = first !== undefined && indexes.length === 1 ? prompt.options[first] : undefined;
  if (data === undefined || data === '') return outOfRange;
  return { answer: { kind: 'choice', data, messageId: prompt.messageId, ...closes }, prompt };
}

/**
 * Which of several open lists that all have the numbers given is meant (`candidates` and
 * `waiting` newest first): any, when they all mean the same by these numbers (the RSVP shown
 * again); else the newest list the person can answer, when it is one of them and is a
 * question put to them, or is a list for everyone and takes no number from a question put to
 * them. Undefined: ask.
 */
function toLatestMeant(
  candidates: NumberedPrompt[],
  waiting: NumberedPrompt[],
  numbers: number[],
  isOwn: (p: NumberedPrompt) => boolean,
): NumberedPrompt | undefined {
  const [newest, ...older] = candidates;
  if (!newest) return undefined;
  const meaning = (p: NumberedPrompt) => meaningOf(p, numbers);
  if (older.every((p) => meaning(p) === meaning(newest))) return newest;
  if (newest !== waiting[0]) return undefined;
  return isOwn(newest) || !older.some(isOwn) ? newest : undefined;
}

/** What `numbers` do on a list: two lists that do the same with them are one for the person. */
function meaningOf(p: NumberedPrompt, numbers: number[]): string {
  return `${p.kind}:${p.kind === 'poll' ? p.pollId : ''}:${numbers.map((n) => p.options[n - p.firstNumber]).join(' ')}`;
}

/**
 * The lists to ask about, newest first, one per meaning: an announcement and its card shown
 * again do the same with "2", and were offered as two identical lines (tryout). Never an
 * earlier "which list?" (tryout: the question was offered as a list to answer in itself):
 * its numbers stood for lists named then.
 */
function distinctMeanings(menus: NumberedPrompt[], numbers: number[]): NumberedPrompt[] {
  const seen = new Set<string>();
  return menus.filter((p) => {
    if (isPickQuestion(p)) return false;
    const meaning = meaningOf(p, numbers);
    if (seen.has(meaning)) return false;
    seen.add(meaning);
    return true;
  });
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

/**
 * Whether a menu has the number `n`: in its range, a gap of a list's own numbering included
 * ("2. …, 5. …": 3 and 4 answer nothing, rather than reach an older list, numbered-choices.ts).
 */
function hasNumber(p: NumberedPrompt, n: number): boolean {
  return n >= p.firstNumber && n < p.firstNumber + p.options.length;
}
