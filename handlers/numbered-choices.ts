// Numbered choices, for platforms without buttons (WhatsApp, the terminal). The adapter
// renders choices as "1. …" lines; this module remembers the latest numbered question of
// each chat (in PostgreSQL, so it survives a restart) and reads a reply such as "2" (or
// "1 3" for a poll) as that choice for a limited time.
import { findChat } from '../db/queries/chats.ts';
import { findLiveNumberedPrompt, saveNumberedPrompt } from '../db/queries/numbered-prompts.ts';
import type { Deps } from './deps.ts';
import type { OutboundMessage } from './events.ts';
import type { Messenger } from './ports.ts';

const NUMBERS = /^\s*\d{1,3}(?:[\s,;]+\d{1,3})*\s*$/;

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
      const sent = await messenger.send(chatId, message);
      const options = toPromptOptions(message, messenger);
      if (options) {
        const chat = await findChat(deps.db, messenger.platform, chatId);
        if (chat) {
          const ttl = deps.config.numberedChoiceTtlSeconds * 1000;
          await saveNumberedPrompt(deps.db, {
            chatId: chat.id,
            // Queued messages have no id yet; only edits use it, and these platforms have none.
            messageId: sent.messageId ?? '',
            kind: message.kind === 'poll' ? 'poll' : 'choices',
            options: options.data,
            pollId: sent.pollId ?? null,
            multiple: message.kind === 'poll' && message.multipleAnswers,
            expiresAt: new Date(deps.clock.now().getTime() + ttl),
          });
        }
      }
      return sent;
    },
  };
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
  | { kind: 'choice'; data: string; messageId: string }
  | { kind: 'vote'; pollId: string; optionIndexes: number[] }
  | { kind: 'out_of_range'; max: number };

/** Reads a numbered reply against the chat's live question; undefined when there is none. */
export async function toNumberedAnswer(
  deps: Deps,
  chatId: number,
  text: string,
): Promise<NumberedAnswer | undefined> {
  const prompt = await findLiveNumberedPrompt(deps.db, chatId, deps.clock.now());
  if (!prompt) return undefined;
  const numbers = [...new Set(text.match(/\d+/g)?.map(Number) ?? [])];
  const max = prompt.options.length;
  // "0" withdraws a vote, as unticking every option does in a native poll.
  if (prompt.kind === 'poll' && prompt.pollId && numbers.length === 1 && numbers[0] === 0) {
    return { kind: 'vote', pollId: prompt.pollId, optionIndexes: [] };
  }
  if (numbers.some((n) => n < 1 || n > max)) return { kind: 'out_of_range', max };
  if (prompt.kind === 'poll' && prompt.pollId) {
    if (!prompt.multiple && numbers.length > 1) return { kind: 'out_of_range', max };
    return { kind: 'vote', pollId: prompt.pollId, optionIndexes: numbers.map((n) => n - 1) };
  }
  const [first] = numbers;
  const data = first !== undefined && numbers.length === 1 ? prompt.options[first - 1] : undefined;
  if (data === undefined) return { kind: 'out_of_range', max };
  return { kind: 'choice', data, messageId: prompt.messageId };
}
