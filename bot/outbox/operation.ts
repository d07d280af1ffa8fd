// What the outbox carries: a send, an edit or a poll to close, as JSON (a document's bytes
// in base64), and how to carry it out on a platform's own messenger.
import type { OutboundMessage, SentMessage } from '../../handlers/events.ts';
import type { Messenger } from '../../handlers/ports.ts';
import type { OutboxAction } from '../../db/queries/outbox.ts';
import { splitText } from '../split-text.ts';

export type Operation =
  | { action: 'send'; chatId: string; message: OutboundMessage }
  | { action: 'edit'; chatId: string; targetMessageId: string; message: OutboundMessage }
  | { action: 'close_poll'; chatId: string; targetMessageId: string };

/** How a platform's messenger reports its failures, for the outbox to decide what to do. */
export interface SendFailure {
  /** Trying again will not help (the chat is gone, the bot was blocked, a bad request). */
  permanent: boolean;
  /** The platform said when to try again (Telegram's 429 retry_after). */
  retryAfterMs?: number;
  /**
   * The connection was reset before any answer: most often a kept-alive connection the
   * platform had just closed, which the request never reached. Tried again at once, once.
   */
  connectionReset?: boolean;
  /**
   * The platform surely did not take it (it said to wait, refused it, or no connection was
   * made): sending it again cannot make a duplicate. Unset, the outcome is unknown (a
   * timeout, a reset or a server error once the request had gone out: it may have arrived).
   */
  notSent?: boolean;
}

/** perform(), tried a second time at once when the first met a reset connection. */
export async function performOnce(
  messenger: Messenger,
  op: Operation,
  classify: (error: unknown) => SendFailure,
): Promise<SentMessage> {
  try {
    return await perform(messenger, op);
  } catch (error) {
    if (!classify(error).connectionReset) throw error;
    return perform(messenger, op);
  }
}

async function perform(messenger: Messenger, op: Operation): Promise<SentMessage> {
  switch (op.action) {
    case 'send':
      return messenger.send(op.chatId, op.message);
    case 'edit':
      await messenger.edit(op.chatId, op.targetMessageId, op.message);
      return { messageId: op.targetMessageId };
    case 'close_poll':
      await messenger.closePoll(op.chatId, op.targetMessageId);
      return { messageId: op.targetMessageId };
  }
}

/** How many messages the platform will count: a long text goes out in parts. */
export function partsOf(op: Operation, maxMessageLength: number): number {
  if (op.action === 'close_poll' || op.message.kind !== 'text') return 1;
  return splitText(op.message.text, maxMessageLength).length;
}

export function toStoredMessage(op: Operation): {
  action: OutboxAction;
  message: Record<string, unknown> | null;
  targetMessageId: string | null;
} {
  if (op.action === 'close_poll') {
    return { action: op.action, message: null, targetMessageId: op.targetMessageId };
  }
  const message =
    op.message.kind === 'document'
      ? { ...op.message, data: Buffer.from(op.message.data).toString('base64') }
      : op.message;
  return {
    action: op.action,
    message: message,
    targetMessageId: op.action === 'edit' ? op.targetMessageId : null,
  };
}

export function fromStoredMessage(row: {
  chatId: string;
  action: OutboxAction;
  message: Record<string, unknown> | null;
  targetMessageId: string | null;
}): Operation {
  if (row.action === 'close_poll') {
    return { action: 'close_poll', chatId: row.chatId, targetMessageId: row.targetMessageId ?? '' };
  }
  const stored = row.message as unknown as OutboundMessage;
  const message: OutboundMessage =
    stored.kind === 'document'
      ? { ...stored, data: Buffer.from(stored.data as unknown as string, 'base64') }
      : stored;
  return row.action === 'edit'
    ? { action: 'edit', chatId: row.chatId, targetMessageId: row.targetMessageId ?? '', message }
    : { action: 'send', chatId: row.chatId, message };
}
