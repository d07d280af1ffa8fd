// A platform's messenger, within its limits for the bot as a whole and without losing what
// waits for them. Each send first reserves its time (db/queries/send-limits.ts: the same
// limits for every instance, on the database's clock):
// - within a short horizon (urgent 3 s, ordinary 0.5 s): it waits here, then sends;
// - later than that, or behind messages already queued for its chat: it goes into the
//   outbox (db/queries/outbox.ts) and the dispatcher sends it in its time, from whichever
//   instance. A stop or a crash never drops it; the handler does not wait for it, so an
//   update is handled (and its inbox row deleted) without waiting for the platform's limit.
// A poll is the exception: its handler needs its id, so it waits here for its turn.
// A platform that is unreachable (a failure that waiting cures) also sends the message to
// the outbox, to be tried again later; a refusal (a chat that no longer exists, a bot that
// was blocked) is thrown to the caller as before.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../db/client.ts';
import { enqueueOutbox } from '../../db/queries/outbox.ts';
import { reserveSend, type SendSlot } from '../../db/queries/send-limits.ts';
import { TransientError } from '../../handlers/errors.ts';
import type { SentMessage } from '../../handlers/events.ts';
import type { InTurnOptions, InTurnResult, Logger, Messenger } from '../../handlers/ports.ts';
import {
  partsOf,
  performOnce,
  toStoredMessage,
  type Operation,
  type SendFailure,
} from './operation.ts';
import type { SendLanes } from './send-lanes.ts';

export interface SendPlatform {
  /** The platform's own messenger (no limits of its own). */
  raw: Messenger;
  /** Its limits; undefined where there are none to keep (a recording fake). */
  lanes?: SendLanes;
  classify(error: unknown): SendFailure;
}

export interface Horizons {
  urgent: number;
  ordinary: number;
}

export const DEFAULT_HORIZONS: Horizons = { urgent: 3_000, ordinary: 500 };
/** Urgent messages keep their point longer (a check-in sent late is still a check-in). */
const URGENT_MAX_AGE_MS = 12 * 3_600_000;
/** A poll waiting for its turn gives up after this long (its handler fails, and is retried). */
const POLL_WAIT_MS = 120_000;
/**
 * A send that failed for a network reason is tried again this soon (by the outbox; further
 * failures back off there): the usual cause is a kept-alive connection the platform had just
 * closed, which the next try does not meet (seen in `npm run bench -- faults`).
 */
const TRANSIENT_RETRY_MS = 1_000;

export interface DurableMessengerOptions extends SendPlatform {
  db: Db;
  logger: Logger;
  horizons?: Horizons;
  /** Ordinary messages older than this are dropped and logged (OUTBOX_MAX_AGE_MINUTES). */
  maxAgeMs: number;
  /** A message was queued: the dispatcher should look soon. */
  onQueued?(): void;
}

/**
 * Reserves an operation's time under the platform's shared limits: within `horizonMs`, or
 * not at all (then `at` says when); `checkQueue` puts it behind what waits for its chat.
 */
export function reserveTurn(
  db: Db,
  raw: Messenger,
  lanes: SendLanes,
  op: Operation,
  urgent: boolean,
  { horizonMs, checkQueue }: { horizonMs: number; checkQueue: boolean },
): Promise<SendSlot> {
  return reserveSend(db, {
    platform: raw.platform,
    bot: lanes.bot,
    slotMs: lanes.slotMs,
    chatId: op.chatId,
    ...lanes.chat(op.chatId, urgent),
    priority: urgent ? 1 : 0,
    parts: partsOf(op, raw.capabilities.maxMessageLength),
    horizonMs,
    checkQueue,
  });
}

export function createDurableMessenger(options: DurableMessengerOptions): Messenger {
  const { raw, lanes, db, logger } = options;
  const horizons = options.horizons ?? DEFAULT_HORIZONS;

  async function deliver(op: Operation, urgent: boolean): Promise<SentMessage> {
    if (!lanes) return performOrQueue(op, urgent, false);
    const mustWait = op.action === 'send' && op.message.kind === 'poll';
    const started = Date.now();
    for (;;) {
      const slot = await reserveTurn(db, raw, lanes, op, urgent, {
        horizonMs: mustWait ? POLL_WAIT_MS : urgent ? horizons.urgent : horizons.ordinary,
        checkQueue: true,
      });
      if (slot.reserved) {
        if (slot.waitMs > 0) await sleep(slot.waitMs);
        return performOrQueue(op, urgent, mustWait);
      }
      if (!mustWait) {
        await queue(op, urgent, slot.at);
        return {};
      }
      if (Date.now() - started > POLL_WAIT_MS) {
        throw new TransientError(`no room to send a poll to ${op.chatId}`);
      }
      // Behind its chat's queue: wait for it to go, then ask again.
      await sleep(Math.min(Math.max(slot.waitMs, 200), 1_000));
    }
  }

  async function performOrQueue(
    op: Operation,
    urgent: boolean,
    mustWait: boolean,
  ): Promise<SentMessage> {
    try {
      return await performOnce(raw, op, (e) => options.classify(e));
    } catch (error) {
      const failure = options.classify(error);
      if (failure.permanent) throw error;
      if (mustWait) throw new TransientError('the platform is unreachable', { cause: error });
      logger.warn(
        { err: error, platform: raw.platform, chat: op.chatId, action: op.action },
        'send failed; queued to try again',
      );
      const at = new Date(Date.now() + (failure.retryAfterMs ?? TRANSIENT_RETRY_MS));
      await queue(op, urgent, at, String(error));
      return {};
    }
  }

  async function queue(op: Operation, urgent: boolean, notBefore: Date, failure?: string) {
    await enqueueOutbox(db, {
      platform: raw.platform,
      chatId: op.chatId,
      ...toStoredMessage(op),
      priority: urgent ? 1 : 0,
      notBefore,
      expiresAt: new Date(Date.now() + (urgent ? URGENT_MAX_AGE_MS : options.maxAgeMs)),
      ...(failure ? { lastError: failure } : {}),
    });
    options.onQueued?.();
  }

  /**
   * A send that keeps its own record (Messenger.sendInTurn): reserved within the horizon and
   * sent, or told when; never queued, never retried here (not even after a reset). A long text's parts are reserved
   * together, as for any send; a message and its attachment are two calls.
   */
  async function sendInTurn(
    op: Operation & { action: 'send' },
    urgent: boolean,
    inTurn: InTurnOptions,
  ): Promise<InTurnResult> {
    if (lanes) {
      const slot = await reserveTurn(db, raw, lanes, op, urgent, {
        horizonMs: urgent ? horizons.urgent : horizons.ordinary,
        checkQueue: true,
      });
      if (!slot.reserved) return { outcome: 'later', at: slot.at };
      if (slot.waitMs > 0) await sleep(slot.waitMs);
    }
    if (!(await inTurn.beforeSend())) return { outcome: 'skipped' };
    try {
      // Asked once, not performOnce's second try after a reset: a reset may come after the
      // platform took it, and whether to risk a duplicate is the caller's decision.
      return { outcome: 'sent', sent: await raw.send(op.chatId, op.message) };
    } catch (error) {
      const failure = options.classify(error);
      return {
        outcome: 'failed',
        permanent: failure.permanent,
        reason: error instanceof Error ? error.message : String(error),
        mayHaveArrived: !failure.permanent && !failure.notSent,
        ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}),
      };
    }
  }

  /** Reading from the platform: a failure that waiting cures becomes a TransientError. */
  async function ask<T>(question: () => Promise<T>): Promise<T> {
    try {
      return await question();
    } catch (error) {
      if (options.classify(error).permanent) throw error;
      throw new TransientError(`${raw.platform} is unreachable`, { cause: error });
    }
  }

  let urgentMessenger: Messenger | undefined;
  function make(urgent: boolean): Messenger {
    return {
      ...raw,
      send: (chatId, message) => deliver({ action: 'send', chatId, message }, urgent),
      edit: async (chatId, targetMessageId, message) => {
        await deliver({ action: 'edit', chatId, targetMessageId, message }, urgent);
      },
      closePoll: async (chatId, targetMessageId) => {
        await deliver({ action: 'close_poll', chatId, targetMessageId }, urgent);
      },
      isAdmin: (chatId, personId) => ask(() => raw.isAdmin(chatId, personId)),
      listAdmins: (chatId) => ask(() => raw.listAdmins(chatId)),
      ...(raw.deleteMessage
        ? { deleteMessage: (chatId, id) => ask(() => raw.deleteMessage!(chatId, id)) }
        : {}),
      urgent: () => (urgentMessenger ??= make(true)),
      sendInTurn: (chatId, message, inTurn) =>
        sendInTurn({ action: 'send', chatId, message }, urgent, inTurn),
    };
  }
  return make(false);
}
