// The durable inbox (db/queries/inbox.ts): every adapter hands its events here. An event is
// stored, in one statement with the others that arrived meanwhile, before the adapter tells
// the platform it arrived (the webhook's 200, the next getUpdates offset); it is deleted only
// once its handling is over. In between it is leased to this instance, and events of one chat
// are handled one at a time, in order.
//
// What a crash costs: an event stored but not handled is taken over when its lease runs out
// (at once at the next start on the same machine, since its holder is known to be dead); an
// event handled but not yet deleted is handled again. Sends are not transactional, so the
// answers people may see twice are those of the events in flight at the crash.
// While the database is unreachable, stores fail (the adapter stops acknowledging and
// fetching) and events being handled wait and try again; nothing is answered with an apology
// for an outage, and nothing is dropped.
import { setTimeout as sleep } from 'node:timers/promises';
import { isTransientDatabaseError } from '../../db/client.ts';
import {
  analyzeChangedTables,
  claimInboxEvents,
  deleteInboxEvents,
  findInboxHolders,
  releaseInboxEvents,
  renewInboxLeases,
  retakeInboxEvent,
  storeInboxEvents,
  vacuumChurningTables,
  type FloodLimits,
  type FloodVerdict,
  type IncomingEvent,
} from '../../db/queries/inbox.ts';
import type { Deps } from '../deps.ts';
import { TransientError } from '../errors.ts';
import type { InboundEvent, Platform } from '../events.ts';
import type { Router } from '../router.ts';
import { distressReadingOf } from '../understanding/distress.ts';
import { createBatcher } from './batcher.ts';

export interface InboxOptions {
  /** This instance, as it signs leases: `host:pid:random`. */
  workerId: string;
  leaseSeconds: number;
  flood: FloodLimits;
  /** Whether a worker id names a process known to be gone (same host, pid not running). */
  isDeadWorker?(workerId: string): boolean;
  /** How long stop() lets events being handled finish before giving the rest back. */
  drainMs?: number;
  /** How often leases held by instances that died are looked for. */
  recoverEveryMs?: number;
  /** An event's handling is over, handled or dropped after failing (metrics). */
  onHandled?(platform: Platform, outcome: 'handled' | 'failed', seconds: number): void;
}

export interface Receipt {
  /** The events kept (new and not dropped by flood control). */
  stored: number;
  /** Resolves once every stored event of the batch is handled (its row is deleted next). */
  handled: Promise<void>;
}

export interface Inbox {
  /**
   * Stores events; resolves once they are stored (the adapter may then acknowledge them),
   * rejects when the database cannot store them (the adapter must not acknowledge them).
   */
  receive(platform: Platform, events: InboundEvent[]): Promise<Receipt>;
  /** Takes over events left by instances that died, and starts looking for them regularly. */
  start(): Promise<void>;
  /** Resolves when everything received so far is handled. */
  settle(): Promise<void>;
  /** Stops taking events, lets those in hand finish (drainMs), gives the others back. */
  stop(): Promise<void>;
}

interface Held {
  id: number;
  platform: Platform;
  event: InboundEvent;
  flood: FloodVerdict | null;
  attempts: number;
  /** Its handling is over: only its row is left to delete. */
  handled?: boolean;
  done: () => void;
}

/** Failed handlings (not outages) before an event is dropped and logged. */
const MAX_ATTEMPTS = 3;
/** Instances that took an event over before it is deemed to crash whoever handles it. */
const MAX_CLAIMS = 5;
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 30_000;
/** Rows deleted before the queues are vacuumed again (see vacuumChurningTables)… */
const VACUUM_AFTER_DELETIONS = 1_000;
/** …and the counters with them, every so many times. */
const VACUUM_COUNTERS_EVERY = 10;
/**
 * The planner's statistics are refreshed at most this often, as autovacuum would (its
 * naptime). ANALYZE also makes every connection plan its statements again: run after each
 * vacuum, it cost about a tenth of PostgreSQL's time per event (bench/telegram-pipeline.ts).
 */
const ANALYZE_EVERY_MS = 60_000;

export function createInbox(deps: Deps, router: Router, options: InboxOptions): Inbox {
  const { logger } = deps;
  const lease = { workerId: options.workerId, seconds: options.leaseSeconds };
  const chains = new Map<string, Promise<void>>();
  /** Rows this instance holds, from storage until deletion. */
  const held = new Map<number, Held>();
  /** Deletions of handled events' rows under way: a chat goes on without waiting for them. */
  const deleting = new Set<Promise<void>>();
  const vacuum = { sinceLast: 0, times: 0, running: false, refused: false, analyzedAt: -Infinity };
  let stopping = false;
  let renewTimer: NodeJS.Timeout | undefined;
  let recoverTimer: NodeJS.Timeout | undefined;

  // What concurrent receipts store, and what handlings finished delete, goes in one
  // statement: under load every store carries the deletions of the events handled since the
  // previous one, and one round trip serves many events both ways.
  type Write = { store: { platform: Platform; event: IncomingEvent } } | { handled: number };
  type Stored = { id: number | undefined; flood: FloodVerdict | null } | undefined;
  const writer = createBatcher<Write, Stored>(async (items) => {
    const byPlatform = new Map<Platform, IncomingEvent[]>();
    const handled: number[] = [];
    for (const item of items) {
      if ('handled' in item) {
        handled.push(item.handled);
        continue;
      }
      const events = byPlatform.get(item.store.platform);
      if (events) events.push(item.store.event);
      else byPlatform.set(item.store.platform, [item.store.event]);
    }
    const results = new Map<string, Stored>();
    let toDelete = handled;
    for (const [platform, events] of byPlatform) {
      const stored = await storeInboxEvents(deps.db, platform, events, lease, {
        limits: options.flood,
        handled: toDelete,
      });
      toDelete = [];
      for (const row of stored) results.set(row.eventId, row);
    }
    if (toDelete.length > 0) await deleteInboxEvents(deps.db, toDelete);
    vacuumNowAndThen(handled.length);
    // The same event twice in one batch (a redelivery racing the first delivery): once.
    return items.map((item) => {
      if ('handled' in item) return undefined;
      const result = results.get(item.store.event.eventId);
      results.delete(item.store.event.eventId);
      return result;
    });
  });

  async function receive(platform: Platform, events: InboundEvent[]): Promise<Receipt> {
    if (stopping) throw new TransientError('the inbox is stopping');
    // Chatter the bot is not asked about costs nothing: not even a row. Distress is stored
    // without its words (they are nobody's business, and not needed to answer it); a command,
    // or words that also ask for help, keep them in memory only, to go on after the numbers
    // (router.ts): an event taken over after a crash gets the numbers alone.
    const kept = events
      .filter((e) => e.type !== 'message' || e.addressed)
      .map((e) => withDistressRead(e, router));
    const outcomes = await Promise.all(
      kept.map((event) =>
        writer.add({
          store: { platform, event: toIncoming(platform, withoutDistressText(event)) },
        }),
      ),
    );
    const handled: Promise<void>[] = [];
    let stored = 0;
    kept.forEach((event, i) => {
      const outcome = outcomes[i];
      if (!outcome) return logger.debug({ eventId: event.id }, 'redelivered event ignored');
      if (outcome.id === undefined) {
        return logger.debug({ eventId: event.id }, 'flood control: event dropped');
      }
      stored++;
      handled.push(hold({ id: outcome.id, platform, event, flood: outcome.flood, attempts: 1 }));
    });
    return { stored, handled: Promise.all(handled).then(() => undefined) };
  }

  /** Queues a held event behind the others of its chat; resolves once it is deleted. */
  function hold(row: Omit<Held, 'done'>): Promise<void> {
    return new Promise<void>((resolve) => {
      const entry: Held = { ...row, done: resolve };
      held.set(row.id, entry);
      const key = chatKeyOf(row.platform, row.event);
      const previous = chains.get(key) ?? Promise.resolve();
      const next = previous.then(() =>
        run(entry).catch((error: unknown) => {
          // run() answers everything it can; this is a bug, and the chat must go on.
          logger.error({ err: error, eventId: entry.event.id }, 'inbox: event failed');
          held.delete(entry.id);
          entry.done();
        }),
      );
      chains.set(key, next);
      void next.then(() => {
        if (chains.get(key) === next) chains.delete(key);
      });
    });
  }

  async function run(entry: Held): Promise<void> {
    if (stopping) return; // given back at stop(); whoever starts next handles it
    if (entry.attempts > MAX_CLAIMS) {
      // Taken over again and again: its handling kills the instances that try it.
      logger.error({ eventId: entry.event.id, claims: entry.attempts }, 'event dropped: poison');
      return finish(entry);
    }
    const messenger = deps.messengers.get(entry.platform);
    if (!messenger) {
      logger.error({ platform: entry.platform, eventId: entry.event.id }, 'no messenger for event');
      return finish(entry);
    }
    const started = performance.now();
    const over = (outcome: 'handled' | 'failed') =>
      options.onHandled?.(entry.platform, outcome, (performance.now() - started) / 1000);
    for (let attempt = 1; ; attempt++) {
      try {
        await router.handle(entry.event, messenger, entry.flood ? { flood: entry.flood } : {});
        over('handled');
        return finish(entry);
      } catch (error) {
        const transient = error instanceof TransientError || isTransientDatabaseError(error);
        if (!transient && entry.attempts + attempt - 1 >= MAX_ATTEMPTS) {
          logger.error(
            { err: error, eventId: entry.event.id, attempts: entry.attempts + attempt - 1 },
            'event dropped: its handling failed every time',
          );
          over('failed');
          return finish(entry);
        }
        logger.warn(
          { err: error, eventId: entry.event.id, attempt, transient },
          'event not handled; trying again',
        );
        if (!(await waitToRetry(entry, attempt))) return;
      }
    }
  }

  /** Waits, then takes the event again; false when it is no longer ours to handle. */
  async function waitToRetry(entry: Held, attempt: number): Promise<boolean> {
    for (let wait = 0; ; wait++) {
      await sleep(Math.min(RETRY_BASE_MS * 2 ** (attempt + wait - 1), RETRY_MAX_MS));
      if (stopping) return false;
      try {
        if (await retakeInboxEvent(deps.db, entry.id, lease.workerId, lease.seconds)) return true;
        logger.info({ eventId: entry.event.id }, 'event taken over by another instance');
        held.delete(entry.id);
        entry.done();
        return false;
      } catch (error) {
        if (!isTransientDatabaseError(error)) throw error;
      }
    }
  }

  /**
   * The event is handled: the next of its chat may start, and its row goes with the next
   * batch. Until that is done the row stays ours (leases renewed, not given back at a stop).
   */
  function finish(entry: Held): void {
    entry.handled = true;
    entry.done();
    const deletion = deleteRow(entry).finally(() => deleting.delete(deletion));
    deleting.add(deletion);
  }

  async function deleteRow(entry: Held): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await writer.add({ handled: entry.id });
        break;
      } catch (error) {
        // Handled, but not yet recorded as such: if this process stops now, it is handled
        // again by the next (an answer may be repeated).
        if (stopping || !isTransientDatabaseError(error)) {
          logger.warn({ err: error, eventId: entry.event.id }, 'handled event not deleted');
          break;
        }
        await sleep(Math.min(RETRY_BASE_MS * 2 ** attempt, RETRY_MAX_MS));
      }
    }
    held.delete(entry.id);
  }

  /**
   * Vacuums the tables every event churns, after every VACUUM_AFTER_DELETIONS rows, and
   * refreshes the planner's statistics of the tables that changed (see analyzeChangedTables),
   * at most every ANALYZE_EVERY_MS.
   */
  function vacuumNowAndThen(deleted: number): void {
    vacuum.sinceLast += deleted;
    if (vacuum.sinceLast < VACUUM_AFTER_DELETIONS || vacuum.running || vacuum.refused) return;
    vacuum.sinceLast = 0;
    vacuum.running = true;
    // The counters the first time too: a restart must not put them off for long.
    const which = vacuum.times++ % VACUUM_COUNTERS_EVERY === 0 ? 'all' : 'queues';
    const analyze = performance.now() - vacuum.analyzedAt >= ANALYZE_EVERY_MS;
    vacuumChurningTables(deps.db, which)
      .then(async () => {
        if (!analyze) return;
        // The counters that say what changed come a moment late on a server: a look that
        // found nothing to analyse does not count, the next vacuum looks again.
        if ((await analyzeChangedTables(deps.db)).length > 0) vacuum.analyzedAt = performance.now();
      })
      .catch((err: unknown) => {
        if (isTransientDatabaseError(err)) return;
        // Refused for a reason that is not an outage: autovacuum must do it (logged once).
        vacuum.refused = true;
        logger.warn({ err }, 'inbox: tables cannot be vacuumed or analyzed; autovacuum must be on');
      })
      .finally(() => (vacuum.running = false));
  }

  /** Takes over the events of instances that died (lease run out, or holder known dead). */
  async function recover(): Promise<number> {
    const holders = options.isDeadWorker ? await findInboxHolders(deps.db) : [];
    const dead = holders.filter((h) => h !== lease.workerId && options.isDeadWorker?.(h));
    let total = 0;
    for (;;) {
      const rows = await claimInboxEvents(deps.db, lease.workerId, lease.seconds, 200, dead);
      for (const row of rows) {
        if (held.has(row.id)) continue;
        void hold({
          id: row.id,
          platform: row.platform as Platform,
          event: row.event as unknown as InboundEvent,
          flood: row.flood,
          attempts: row.attempts,
        });
      }
      total += rows.length;
      if (rows.length < 200) break;
    }
    if (total > 0) logger.info({ events: total }, 'inbox: events taken over');
    return total;
  }

  function renewLeases(): void {
    const ids = [...held.keys()];
    renewInboxLeases(deps.db, lease.workerId, ids, lease.seconds).catch((err: unknown) =>
      logger.warn({ err }, 'inbox: leases not renewed'),
    );
  }

  return {
    receive,
    async start() {
      stopping = false;
      await recover();
      renewTimer = setInterval(renewLeases, (lease.seconds * 1000) / 3);
      renewTimer.unref();
      recoverTimer = setInterval(
        () => {
          recover().catch((err: unknown) => logger.warn({ err }, 'inbox: recovery failed'));
        },
        options.recoverEveryMs ?? (lease.seconds * 1000) / 2,
      );
      recoverTimer.unref();
    },
    async settle() {
      while (chains.size > 0 || deleting.size > 0) {
        await Promise.allSettled([...chains.values(), ...deleting]);
      }
    },
    async stop() {
      clearInterval(renewTimer);
      clearInterval(recoverTimer);
      const deadline = Date.now() + (options.drainMs ?? 10_000);
      await within(Promise.allSettled([...chains.values()]), deadline - Date.now());
      // The rows of what was handled go first; those not deleted by the deadline stay leased
      // to this instance and are handled again once their lease runs out.
      await within(Promise.allSettled([...deleting]), Math.max(deadline - Date.now(), 1_000));
      stopping = true;
      const left = [...held.values()].filter((entry) => !entry.handled);
      if (left.length > 0) {
        await releaseInboxEvents(
          deps.db,
          lease.workerId,
          left.map((h) => h.id),
        ).catch((err: unknown) => logger.warn({ err }, 'inbox: leases not given back'));
        logger.info({ events: left.length }, 'inbox: events left for the next start');
        for (const entry of left) {
          held.delete(entry.id);
          entry.done();
        }
      }
    },
  };
}

/** Events of one chat (or one voter) are handled one at a time, in order. */
export function chatKeyOf(platform: Platform, event: InboundEvent): string {
  switch (event.type) {
    case 'poll_vote':
      return `${platform}:voter:${event.voter.id}`;
    case 'poll_closed':
      return `${platform}:poll:${event.pollId}`;
    default:
      return `${platform}:${event.chat.id}`;
  }
}

/**
 * A message saying distress, with what was read recorded on it: a command, or words that
 * also ask for help (the router says which), keep their words (in memory); anything else is
 * left with only what was read.
 */
function withDistressRead(event: InboundEvent, router: Router): InboundEvent {
  if (event.type !== 'message' || event.distress) return event;
  const { distress, languages } = distressReadingOf(event);
  if (!distress) return event;
  const read = { ...event, distress, distressLanguages: languages };
  return event.command || router.asksAfterDistress?.(read) ? read : withoutDistressText(read);
}

/** A message saying distress keeps only that: no text, no command (which holds the text). */
function withoutDistressText(event: InboundEvent): InboundEvent {
  if (event.type !== 'message' || !event.distress) return event;
  const { command: _command, startPayload: _payload, ...rest } = event;
  return { ...rest, text: '' };
}

function toIncoming(platform: Platform, event: InboundEvent): IncomingEvent {
  // Distress is never counted against anyone's limit, nor dropped by flood control.
  const counted =
    (event.type === 'message' && event.addressed && !event.distress) || event.type === 'choice';
  return {
    eventId: event.id,
    chatKey: chatKeyOf(platform, event),
    event,
    personKey: counted ? `p:${platform}:${event.chat.id}:${event.sender.id}` : null,
    groupKey: counted && event.chat.kind === 'group' ? `g:${platform}:${event.chat.id}` : null,
    isPrivate: 'chat' in event && event.chat.kind === 'private',
  };
}

/** Waits for `promise`, `ms` at most, and leaves no timer behind. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise, timeout]);
  clearTimeout(timer);
}
