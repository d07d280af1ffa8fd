// Sends what waits in the outbox (bot/outbox/durable-messenger.ts), from every instance that
// serves the platform: it claims the due heads of the chats' queues (urgent first) with a
// lease, reserves each one's time under the shared limits, sends it, and deletes it. A
// message whose time is not yet goes back with its new time; one the platform refuses is
// dropped and logged; one that fails for a while (the platform unreachable) is tried again
// with a growing delay; one past its time (after a long outage) is dropped and logged.
// A message sent but not yet deleted when the instance dies is sent again by another: the
// repeats are bounded by the messages in flight at the crash.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../db/client.ts';
import {
  claimOutbox,
  countOutbox,
  deferOutbox,
  deleteOutbox,
  findOutboxHolders,
  type OutboxRow,
} from '../../db/queries/outbox.ts';
import type { Logger } from '../../handlers/ports.ts';
import {
  DEFAULT_HORIZONS,
  reserveTurn,
  type Horizons,
  type SendPlatform,
} from './durable-messenger.ts';
import { fromStoredMessage, performOnce } from './operation.ts';

export interface OutboxDispatcherOptions {
  db: Db;
  logger: Logger;
  workerId: string;
  platforms: Map<string, SendPlatform>;
  horizons?: Horizons;
  /** How often the outbox is looked at when nothing woke the dispatcher. */
  pollMs?: number;
  batchSize?: number;
  leaseSeconds?: number;
  isDeadWorker?(workerId: string): boolean;
}

export interface OutboxDispatcher {
  start(): void;
  /** Something was queued: look now. */
  wake(): void;
  /** Resolves once nothing waits in the outbox for these platforms (tests). */
  settle(): Promise<void>;
  /** Finishes the sends in progress; what is still queued stays for the next instance. */
  stop(): Promise<void>;
}

/** Send attempts (failures, not waits for a limit) before a message is given up. */
const MAX_ATTEMPTS = 10;
const DEAD_CHECK_MS = 10_000;

export function createOutboxDispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
  const { db, logger, workerId } = options;
  const horizons = options.horizons ?? DEFAULT_HORIZONS;
  const pollMs = options.pollMs ?? 250;
  const platforms = [...options.platforms.keys()];
  let running: Promise<void> | undefined;
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let busy = 0;

  /** Holders known to be gone, looked for now and then (at once at start). */
  let dead: string[] = [];
  let deadCheckedAt = 0;
  async function deadHolders(): Promise<string[]> {
    if (options.isDeadWorker && Date.now() - deadCheckedAt > DEAD_CHECK_MS) {
      deadCheckedAt = Date.now();
      const holders = await findOutboxHolders(db);
      dead = holders.filter((h) => h !== workerId && options.isDeadWorker!(h));
    }
    return dead;
  }

  async function loop(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      let rows: OutboxRow[];
      try {
        rows = await claimOutbox(
          db,
          workerId,
          platforms,
          options.batchSize ?? 50,
          options.leaseSeconds ?? 60,
          await deadHolders(),
        );
        failures = 0;
      } catch (error) {
        failures++;
        logger.warn({ err: error }, 'outbox: cannot look for messages');
        await idle(Math.min(pollMs * 2 ** failures, 30_000));
        continue;
      }
      if (rows.length === 0) {
        await idle(pollMs);
        continue;
      }
      busy++;
      try {
        await Promise.all(rows.map((row) => dispatch(row)));
      } finally {
        busy--;
      }
    }
  }

  async function dispatch(row: OutboxRow): Promise<void> {
    const platform = options.platforms.get(row.platform);
    const log = logger.child({ outboxId: row.id, platform: row.platform, chat: row.chatId });
    try {
      if (!platform) return;
      if (row.expiresAt.getTime() < Date.now()) {
        await deleteOutbox(db, row.id);
        log.warn(
          { createdAt: row.createdAt, action: row.action },
          'outbox: message dropped, past its time',
        );
        return;
      }
      const op = fromStoredMessage(row);
      if (platform.lanes) {
        const urgent = row.priority > 0;
        const slot = await reserveTurn(db, platform.raw, platform.lanes, op, urgent, {
          horizonMs: urgent ? horizons.urgent : horizons.ordinary,
          checkQueue: false,
        });
        if (!slot.reserved) return await deferOutbox(db, row.id, workerId, slot.at);
        if (slot.waitMs > 0) await sleep(slot.waitMs);
      }
      try {
        await performOnce(platform.raw, op, (e) => platform.classify(e));
      } catch (error) {
        const failure = platform.classify(error);
        if (failure.permanent || row.attempts + 1 >= MAX_ATTEMPTS) {
          await deleteOutbox(db, row.id);
          log.warn(
            { err: error, attempts: row.attempts + 1, action: row.action },
            'outbox: message dropped, the platform refused it',
          );
          return;
        }
        const delay = failure.retryAfterMs ?? Math.min(5_000 * 2 ** row.attempts, 600_000);
        await deferOutbox(db, row.id, workerId, new Date(Date.now() + delay), String(error));
        return;
      }
      await deleteOutbox(db, row.id);
    } catch (error) {
      // The database is out of reach: the lease runs out and the message is tried again.
      log.warn({ err: error }, 'outbox: message left for later');
    }
  }

  function idle(ms: number): Promise<void> {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  }

  return {
    start() {
      stopping = false;
      running ??= loop().finally(() => (running = undefined));
    },
    wake() {
      if (wakeUp) wakeUp();
      else woken = true;
    },
    async settle() {
      for (;;) {
        if (busy === 0 && (await countOutbox(db, platforms)) === 0) return;
        await sleep(20);
      }
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      // A batch is sent whole (each message waits at most its horizon): nothing claimed is
      // left behind.
      await running;
    },
  };
}
