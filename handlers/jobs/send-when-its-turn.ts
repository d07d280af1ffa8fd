// Sending one message of a job that keeps its own durable record of what was sent (a city's
// local event announced in a group): in its turn under the platform's shared limits
// (Messenger.sendInTurn), without queueing in the outbox, whose "sent again after a crash"
// such work cannot accept. The same steps as a city message's parts (handlers/city-messages/).
import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboundMessage } from '../events.ts';
import type { InTurnResult, Messenger } from '../ports.ts';

/** A turn further away than this gives the worker back (the job runs again at its turn). */
export const MAX_TURN_WAIT_MS = 2_000;

/**
 * Sends when its turn is near (waiting here), else says when it is; `beforeSend` records
 * "about to send" durably and may say no (the work was cancelled meanwhile).
 */
export async function sendWhenItsTurn(
  messenger: Messenger,
  chatId: string,
  message: OutboundMessage,
  beforeSend: () => Promise<boolean>,
): Promise<InTurnResult> {
  if (!messenger.sendInTurn) {
    // No limits to keep (the terminal): record, then send.
    if (!(await beforeSend())) return { outcome: 'skipped' };
    try {
      return { outcome: 'sent', sent: await messenger.send(chatId, message) };
    } catch (error) {
      return { outcome: 'failed', permanent: true, reason: String(error), mayHaveArrived: false };
    }
  }
  for (;;) {
    const result = await messenger.sendInTurn(chatId, message, { beforeSend });
    if (result.outcome !== 'later') return result;
    const waitMs = result.at.getTime() - Date.now();
    if (waitMs > MAX_TURN_WAIT_MS) return result;
    await sleep(Math.max(50, Math.min(waitMs, MAX_TURN_WAIT_MS)));
  }
}
