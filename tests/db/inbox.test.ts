// The inbox's statements (db/queries/inbox.ts): one statement stores a batch, recognises
// redeliveries, counts for flood control; leases decide who handles what.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import {
  analyzeChangedTables,
  claimInboxEvents,
  countInboxEvents,
  deleteInboxEvents,
  releaseInboxEvents,
  retakeInboxEvent,
  storeInboxEvents,
  type IncomingEvent,
} from '../../db/queries/inbox.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

const limits = { personPerMinute: 3, privatePerMinute: 10, groupPerMinute: 5 };
const leaseA = { workerId: 'host:1:a', seconds: 60 };

function incoming(id: string, person = 'bruno', chat = '-100'): IncomingEvent {
  const isPrivate = !chat.startsWith('-');
  return {
    eventId: id,
    chatKey: `telegram:${chat}`,
    event: { type: 'message', id, text: 'hello \u00e9 \u0000' },
    personKey: `p:telegram:${chat}:${person}`,
    groupKey: isPrivate ? null : `g:telegram:${chat}`,
    isPrivate,
  };
}

const store = (events: IncomingEvent[], lease = leaseA, handled: number[] = []) =>
  storeInboxEvents(database.db, 'telegram', events, lease, { limits, handled });

describe('storing events', () => {
  it('stores new events once, in order, and recognises redeliveries', async () => {
    const first = await store([incoming('a'), incoming('b'), incoming('a')]);
    expect(first.map((s) => s.eventId)).toEqual(['a', 'b']);
    expect(first.every((s) => s.id !== undefined && s.flood === null)).toBe(true);
    expect(first[0]!.id!).toBeLessThan(first[1]!.id!);
    expect(await store([incoming('b'), incoming('c')])).toMatchObject([{ eventId: 'c' }]);
    await deleteInboxEvents(database.db, [first[0]!.id!]);
    // Handled and deleted: still recognised.
    expect(await store([incoming('a')])).toEqual([]);
    expect(await countInboxEvents(database.db)).toBe(2);
    // A store carries the deletion of what was handled since the last one.
    await store([incoming('d')], leaseA, [first[1]!.id!]);
    expect(await countInboxEvents(database.db)).toBe(2);
    await store([], leaseA, [first[1]!.id! + 1]);
    expect(await countInboxEvents(database.db)).toBe(1);
  });

  it('lets a person send their limit, gives one notice, and marks or drops the rest', async () => {
    const events = Array.from({ length: 6 }, (_, i) => incoming(`e${i}`));
    const stored = await store([...events.slice(0, 2)]);
    stored.push(...(await store(events.slice(2))));
    // In a group, the rest is kept for the router: the person may be an organiser.
    expect(stored.map((s) => [s.id === undefined ? 'dropped' : 'kept', s.flood])).toEqual([
      ['kept', null],
      ['kept', null],
      ['kept', null],
      ['kept', 'notice'],
      ['kept', 'over'],
      ['kept', 'over'],
    ]);
    // Privately, past the private limit, the rest is dropped at once.
    const privately = await store(
      Array.from({ length: 13 }, (_, i) => incoming(`p${i}`, 'bruno', '222')),
    );
    expect(privately.filter((s) => s.id !== undefined && s.flood === null)).toHaveLength(10);
    expect(privately[10]!.flood).toBe('notice');
    expect(privately.slice(11).every((s) => s.id === undefined)).toBe(true);
    // Someone else in the same group is not held back by Bruno.
    expect(await store([incoming('alice-1', 'alice')])).toMatchObject([{ flood: null }]);
    // A minute later, Bruno may speak again.
    await queryRows(
      database.db,
      `update flood_counts set window_start = window_start - interval '61 seconds'`,
    );
    expect(await store([incoming('e7')])).toMatchObject([{ flood: null }]);
  });

  it('marks a group past its limit, so that only organisers are answered', async () => {
    const people = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const stored = await store(people.map((p) => incoming(`x-${p}`, p)));
    expect(stored.map((s) => s.flood)).toEqual([
      null,
      null,
      null,
      null,
      null,
      'group_notice',
      'group',
    ]);
    expect(stored.every((s) => s.id !== undefined)).toBe(true);
    // Another group is not concerned, and one member's flood does not fill a group's minute.
    const spam = await store(
      Array.from({ length: 20 }, (_, i) => incoming(`spam-${i}`, 'spammer', '-300')),
    );
    expect(spam.filter((s) => s.flood === null)).toHaveLength(3);
    expect(await store([incoming('neighbour', 'neighbour', '-300')])).toMatchObject([
      { flood: null },
    ]);
    expect(await store([incoming('other', 'a', '-200')])).toMatchObject([{ flood: null }]);
  });
});

describe('leases', () => {
  it('hands an event to another instance only when its lease ran out or its holder died', async () => {
    const [stored] = await store([incoming('a')], { workerId: 'host:1:a', seconds: 60 });
    expect(await claimInboxEvents(database.db, 'host:2:b', 60, 10)).toEqual([]);
    const byDead = await claimInboxEvents(database.db, 'host:2:b', 60, 10, ['host:1:a']);
    expect(byDead).toMatchObject([{ id: stored!.id, attempts: 1, event: { id: 'a' } }]);
    // The first holder comes back: it may not take the event again.
    expect(await retakeInboxEvent(database.db, stored!.id!, 'host:1:a', 60)).toBe(false);
    expect(await retakeInboxEvent(database.db, stored!.id!, 'host:2:b', 60)).toBe(true);
    await releaseInboxEvents(database.db, 'host:2:b', [stored!.id!]);
    expect(await claimInboxEvents(database.db, 'host:3:c', 60, 10)).toMatchObject([
      { id: stored!.id, attempts: 2 },
    ]);
  });
});

describe('planner statistics', () => {
  it('are gathered for the tables that changed enough, and only for them', async () => {
    const events = Array.from({ length: 300 }, (_, i) => incoming(`s${i}`, `p${i}`));
    await store(events);
    // The changes reach the cumulative statistics within about a second of idleness.
    let analyzed: string[] = [];
    for (let i = 0; i < 50 && !analyzed.includes('processed_events'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      analyzed = [...analyzed, ...(await analyzeChangedTables(database.db))];
    }
    expect(analyzed).toEqual(expect.arrayContaining(['inbox', 'processed_events']));
    expect(analyzed).not.toContain('gatherings');
    const [row] = await queryRows<{ analyzed: boolean }>(
      database.db,
      `SELECT last_analyze IS NOT NULL AS analyzed FROM pg_stat_user_tables
       WHERE relname = 'processed_events' AND schemaname = current_schema()`,
    );
    expect(row?.analyzed).toBe(true);
    // Nothing changed since: nothing to do.
    expect(await analyzeChangedTables(database.db)).not.toContain('processed_events');
  });
});
