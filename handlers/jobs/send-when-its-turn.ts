// Sending one message of a job that keeps its own durable record of what was sent (a city
// message's part, a city's local event announced in a group): in its turn under the
// platform's shared limits (Messenger.sendInTurn), without queueing in the outbox, whose
// "sent again after a crash" such work cannot accept.
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboundMessage } from '../events.ts';
import type { InTurnResult, Messenger } from '../ports.ts';

/** A turn further away than this gives the worker back (the job runs again at its turn). */
export const MAX_TURN_WAIT_MS = 2_000;

export interface SendInTurnOptions {
  /** Records "about to send" durably; may say no (the work was cancelled meanwhile). */
  beforeSend(): Promise<boolean>;
  /**
   * Whether a far turn may be handed back as `later` (default). A message's later part, once
   * its first was sent, waits for its turn here whatever it takes (the chat's gap).
   */
  deferrable?: boolean;
}

/** Sends when its turn is near (waiting here), else says when it is. */
export async function sendWhenItsTurn(
  messenger: Messenger,
  chatId: string,
  message: OutboundMessage,
  options: SendInTurnOptions,
): Promise<InTurnResult> {
  const deferrable = options.deferrable ?? true;
  if (!messenger.sendInTurn) {
    // No limits to keep (the terminal): record, then send.
    if (!(await options.beforeSend())) return { outcome: 'skipped' };
    try {
      return { outcome: 'sent', sent: await messenger.send(chatId, message) };
    } catch (error) {
      return { outcome: 'failed', permanent: true, reason: String(error), mayHaveArrived: false };
    }
  }
  for (;;) {
    const result = await messenger.sendInTurn(chatId, message, options);
    if (result.outcome !== 'later') return result;
    const waitMs = result.at.getTime() - Date.now();
    if (deferrable && waitMs > MAX_TURN_WAIT_MS) return result;
    await sleep(Math.max(50, Math.min(waitMs, 10_000)));
  }
}
