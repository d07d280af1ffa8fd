// Numbered choices, for platforms without buttons (WhatsApp, the terminal). The adapter
// renders choices as "1. …" lines; this module remembers each numbered menu (in PostgreSQL,
// so it survives a restart) and reads a reply such as "2" (or "1 3" for a poll) as that
// choice for a limited time.
//
// A number must go where the person means it. In a private chat, the latest menu is the
// question (it replaces the others). In a group, several menus are often open at once (the
// fête's RSVP, a galette's, a kit suggestion): each gets numbers of its own, following the
// others' (1–4, 5–8, 9–10), so that a number names one option of one menu. A menu made for
// one person (an admin's settings, the "which gathering?" question) answers only that person;
// a decision's menu closes once decided. When a reply mixes menus, or menus overlap (two sent
// at the same instant), the bot asks back instead of acting. A number never runs anything
// that was not on a menu the person could see.
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
      // In a group, after the numbers of the menus still open.
      const first = inGroup ? nextNumber(await findLiveNumberedPrompts(deps.db, chat.id, now)) : 1;
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
          kind: message.kind === 'poll' ? 'poll' : 'choices',
          options: options.data,
          firstNumber: first,
          audience: message.audience ?? null,
          once: message.once === true,
          pollId: sent.pollId ?? null,
          multiple: message.kind === 'poll' ? message.multipleAnswers : message.multiple === true,
          expiresAt: new Date(now.getTime() + ttl),
        },
        { replaceOthers: !inGroup, now },
      );
      return sent;
    },
  };
}

/** Numbers start at 1 when no menu is open, else after the highest number in use. */
function nextNumber(live: NumberedPrompt[]): number {
  return live.reduce((next, p) => Math.max(next, p.firstNumber + p.options.length), 1);
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
  /** Several numbers of a menu where several answers make sense: pressed in this order. */
  | { kind: 'choices'; data: string[]; messageId: string }
  /** `closes`: the menu is a decision, closed once the choice is accepted (see closeMenu). */
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
  // In a private chat the latest question is the one (even if two were sent at once).
  const live = quoted ? [quoted] : chat.kind === 'group' ? open : open.slice(0, 1);
  if (live.length === 0) return undefined;
  const visible = live.filter((p) => p.audience === null || senderIds.includes(p.audience));
  const numbers = [...new Set(text.match(/\d+/g)?.map(Number) ?? [])];
  // "0" withdraws a vote, as unticking every option does in a native poll: the latest poll.
  const poll = visible.find((p) => p.kind === 'poll' && p.pollId);
  if (poll?.pollId && numbers.length === 1 && numbers[0] === 0) {
    return { kind: 'vote', pollId: poll.pollId, optionIndexes: [] };
  }
  const ranges = visible
    .map((p) => ({ from: p.firstNumber, to: p.firstNumber + p.options.length - 1 }))
    .sort((a, b) => a.from - b.from);
  const menusOf = (n: number) =>
    live.filter((p) => n >= p.firstNumber && n < p.firstNumber + p.options.length);
  const targets = new Set<NumberedPrompt>();
  for (const n of numbers) {
    const menus = menusOf(n);
    if (menus.length === 0) return { kind: 'out_of_range', ranges };
    if (menus.length > 1) return { kind: 'ambiguous' };
    targets.add(menus[0]!);
  }
  const [prompt] = targets;
  if (!prompt) return { kind: 'out_of_range', ranges };
  if (targets.size > 1) return { kind: 'ambiguous' };
  if (!visible.includes(prompt)) return { kind: 'not_yours' };
  const indexes = numbers.map((n) => n - prompt.firstNumber);
  if (prompt.kind === 'poll' && prompt.pollId) {
    if (!prompt.multiple && indexes.length > 1) return { kind: 'out_of_range', ranges };
    return { kind: 'vote', pollId: prompt.pollId, optionIndexes: indexes };
  }
  if (prompt.multiple && indexes.length > 1) {
    const data = indexes.map((i) => prompt.options[i]).filter((d): d is string => d !== undefined);
    return { kind: 'choices', data, messageId: prompt.messageId };
  }
  const [first] = indexes;
  const data = first !== undefined && indexes.length === 1 ? prompt.options[first] : undefined;
  if (data === undefined) return { kind: 'out_of_range', ranges };
  return {
    kind: 'choice',
    data,
    messageId: prompt.messageId,
    ...(prompt.once ? { closes: prompt.id } : {}),
  };
}

/**
 * Whether a menu's stored id is the quoted message: the same id, or (WhatsApp) a serialized
 * id `fromMe_chat_keyId[_participant]` whose key id a quoted reply gives alone.
 */
function isSameMessage(stored: string, quoted: string): boolean {
  return stored !== '' && (stored === quoted || stored.split('_')[2] === quoted);
}

/** A decision's menu is closed once a choice was accepted: its numbers are free again. */
export async function closeMenu(deps: Deps, answer: NumberedAnswer): Promise<void> {
  if (answer.kind === 'choice' && answer.closes !== undefined) {
    await deleteNumberedPrompt(deps.db, answer.closes);
  }
}
