// The inbox itself (handlers/inbox/inbox.ts), with a router that only records: a chat's events
// are handled in order and their rows deleted; a stop leaves nothing handled behind to be
// handled again; the tables it churns are vacuumed as it goes (PGlite has no autovacuum).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { countInboxEvents } from '../../db/queries/inbox.ts';
import { createInbox, type Inbox } from '../../handlers/inbox/inbox.ts';
import type { Deps } from '../../handlers/deps.ts';
import type { InboundEvent, MessageEvent } from '../../handlers/events.ts';
import type { Messenger } from '../../handlers/ports.ts';
import type { Router } from '../../handlers/router.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';
import { createTestDeps } from '../support/test-deps.ts';

let database: TestDatabase;
let deps: Deps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = await createTestDeps(database.db);
  deps.messengers.set('telegram', {} as Messenger);
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

const flood = { personPerMinute: 1000, privatePerMinute: 1000, groupPerMinute: 1000 };
let nextId = 1;

function command(chat: string, text = '/aide'): MessageEvent {
  const id = nextId++;
  return {
    type: 'message',
    id: `tg:${id}`,
    chat: { platform: 'telegram', id: chat, kind: 'group' },
    sender: { platform: 'telegram', id: `person-${id % 7}`, displayName: 'Alice' },
    text,
    addressed: true,
    command: { name: 'aide', args: '' },
  };
}

function recordingRouter(handled: InboundEvent[]): Router {
  return {
    commands: [],
    async handle(event) {
      handled.push(event);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/**
 * The same database, where deleting inbox rows takes `ms` longer: a stop comes while the
 * rows of handled events are still being deleted.
 */
function withSlowDeletes(db: Deps['db'], ms: number): Deps['db'] {
  const late = (text: string) =>
    new Promise((resolve) => setTimeout(resolve, text.startsWith('DELETE FROM inbox') ? ms : 0));
  const client = (db as unknown as { $client: Record<string, unknown> }).$client;
  const name = typeof client === 'function' ? 'unsafe' : 'query'; // postgres.js or PGlite
  const original = client[name] as (...args: unknown[]) => unknown;
  const slowClient = new Proxy(client, {
    get: (target, key, receiver): unknown =>
      key === name
        ? (text: string, ...rest: unknown[]) =>
            late(text).then(() => original.call(target, text, ...rest))
        : Reflect.get(target, key, receiver),
  });
  return new Proxy(db, {
    get: (target, key, receiver): unknown =>
      key === '$client' ? slowClient : Reflect.get(target, key, receiver),
  });
}

function inboxFor(
  router: Router,
  workerId: string,
  isDeadWorker?: (id: string) => boolean,
  db = deps.db,
) {
  return createInbox({ ...deps, db }, router, {
    workerId,
    leaseSeconds: 60,
    flood,
    drainMs: 5_000,
    ...(isDeadWorker ? { isDeadWorker } : {}),
  });
}

describe('the inbox', () => {
  it("handles each chat's events in order, and deletes every row once settled", async () => {
    const handled: InboundEvent[] = [];
    const inbox = inboxFor(recordingRouter(handled), 'host:1:a');
    await inbox.start();
    const events = Array.from({ length: 60 }, (_, i) => command(`-${100 + (i % 3)}`));
    const receipts = await Promise.all(
      [0, 20, 40].map((from) => inbox.receive('telegram', events.slice(from, from + 20))),
    );
    expect(receipts.map((r) => r.stored)).toEqual([20, 20, 20]);
    await Promise.all(receipts.map((r) => r.handled));
    expect(handled).toHaveLength(60);
    for (const chat of ['-100', '-101', '-102']) {
      const order = (list: InboundEvent[]) =>
        list.filter((e) => e.type === 'message' && e.chat.id === chat).map((e) => e.id);
      expect(order(handled)).toEqual(order(events));
    }
    await inbox.settle();
    expect(await countInboxEvents(database.db)).toBe(0);
    await inbox.stop();
  });

  it('stops only once what it handled is deleted: the next instance handles nothing again', async () => {
    const handled: InboundEvent[] = [];
    const first = inboxFor(
      recordingRouter(handled),
      'host:1:a',
      undefined,
      withSlowDeletes(deps.db, 300),
    );
    await first.start();
    const receipt = await first.receive(
      'telegram',
      Array.from({ length: 30 }, (_, i) => command(`-${200 + (i % 5)}`)),
    );
    await receipt.handled;
    // Handled, the rows perhaps not yet deleted: a stop now must not leave them behind.
    await first.stop();
    expect(handled).toHaveLength(30);

    const again: InboundEvent[] = [];
    const next = inboxFor(recordingRouter(again), 'host:2:b', (id) => id === 'host:1:a');
    await next.start();
    await next.settle();
    expect(again).toEqual([]);
    expect(await countInboxEvents(database.db)).toBe(0);
    await next.stop();
  });

  it('stores a message of distress without its words, counted against no limit; a command keeps them in memory', async () => {
    const stored: unknown[] = [];
    const router: Router = {
      commands: [],
      async handle(event) {
        stored.push(...(await queryRows(database.db, 'SELECT event FROM inbox')));
        handled.push(event);
      },
    };
    const handled: InboundEvent[] = [];
    const inbox = inboxFor(router, 'host:1:a');
    await inbox.start();
    const receipt = await inbox.receive('telegram', [
      {
        ...command('-400', '/besoin je me sens mal, au secours'),
        command: { name: 'besoin', args: 'je me sens mal, au secours' },
      },
      { ...command('-400', 'I feel dizzy'), command: undefined },
    ]);
    await receipt.handled;
    expect(JSON.stringify(stored)).not.toMatch(/sens mal|secours|besoin|dizzy/);
    expect(JSON.stringify(stored)).toContain('"distressLanguages":["fr"]');
    // The command goes on after the numbers (router.ts): its words stay in memory only.
    expect(handled).toEqual([
      expect.objectContaining({
        type: 'message',
        text: '/besoin je me sens mal, au secours',
        command: { name: 'besoin', args: 'je me sens mal, au secours' },
        distress: 'self',
        distressLanguages: ['fr'],
      }),
      expect.objectContaining({ text: '', distress: 'self', distressLanguages: ['en'] }),
    ]);
    expect(handled[1]).not.toHaveProperty('command');
    const counts = await queryRows(
      database.db,
      "SELECT key FROM flood_counts WHERE key LIKE '%-400%'",
    );
    expect(counts).toEqual([]);
    await inbox.stop();
  });

  const countOf = (column: 'vacuum_count' | 'analyze_count') => async () => {
    const [row] = await queryRows<{ n: number | string }>(
      database.db,
      `SELECT ${column} AS n FROM pg_stat_user_tables WHERE relname = 'inbox'`,
    );
    return Number(row?.n ?? 0);
  };
  const vacuums = countOf('vacuum_count');
  const analyzes = countOf('analyze_count');

  /** `inbox` has handled `count` commands, in batches of 100 over ten groups. */
  async function handleCommands(inbox: Inbox, count: number, firstGroup: number) {
    for (let batch = 0; batch < count / 100; batch++) {
      const receipt = await inbox.receive(
        'telegram',
        Array.from({ length: 100 }, (_, i) => command(`-${firstGroup + (i % 10)}`)),
      );
      await receipt.handled;
    }
    await inbox.settle();
  }

  /**
   * Handles commands, 1,200 at a time, until the inbox has vacuumed its tables `times` more
   * times or `ms` have passed. A vacuum that finds a table busy with autovacuum skips it
   * (SKIP_LOCKED) and is not counted by the server: on a loaded server, more events may be
   * needed for the same number of vacuums.
   */
  async function handleUntilVacuumed(inbox: Inbox, times: number, firstGroup: number, ms: number) {
    const target = (await vacuums()) + times;
    const until = performance.now() + ms;
    while ((await vacuums()) < target && performance.now() < until) {
      await handleCommands(inbox, 1_200, firstGroup);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await expect.poll(vacuums, { timeout: 5_000 }).toBeGreaterThanOrEqual(target);
  }

  it('vacuums the tables it churns as events go through', async () => {
    const inbox = inboxFor(recordingRouter([]), 'host:1:a');
    await inbox.start();
    await handleUntilVacuumed(inbox, 1, 300, 30_000);
    await inbox.stop();
  }, 45_000);

  it('refreshes their statistics at most once a minute, however often it vacuums', async () => {
    const analyzed = await analyzes();
    // Until the first refresh (a server's counters of what changed come a moment late)…
    const inbox = inboxFor(recordingRouter([]), 'host:1:a');
    await inbox.start();
    for (let round = 0; round < 20 && (await analyzes()) === analyzed; round++) {
      await handleCommands(inbox, 1_200, 400);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await expect.poll(analyzes, { timeout: 10_000 }).toBe(analyzed + 1);
    // …then three more vacuums within the minute: none refreshes them again.
    await handleUntilVacuumed(inbox, 3, 400, 35_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await analyzes()).toBe(analyzed + 1);
    await inbox.stop();
  }, 90_000);
});
