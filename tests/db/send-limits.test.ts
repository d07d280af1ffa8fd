// The shared send limits (reserve_send, migration 0007): a bot's calendar of slots, a chat's
// gap and window, urgent room in a group's window, the queue behind the outbox, and several
// connections reserving at once (on the server: two pools, as two instances would).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/client.ts';
import { enqueueOutbox } from '../../db/queries/outbox.ts';
import { reserveSend, type SendReservation } from '../../db/queries/send-limits.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

const base: SendReservation = {
  platform: 'telegram',
  bot: 'telegram:1',
  slotMs: 100,
  chatId: '42',
  gapMs: 0,
  windowMax: 0,
  windowMs: 0,
  priority: 0,
  parts: 1,
  horizonMs: 60_000,
  checkQueue: true,
};

const reserve = (over: Partial<SendReservation> = {}) =>
  reserveSend(database.db, { ...base, ...over });

describe('reserve_send', () => {
  it('gives each send of the bot its own slot, evenly spaced', async () => {
    const slots = [];
    for (let i = 0; i < 20; i++) slots.push(await reserve({ chatId: `chat-${i}` }));
    expect(slots.every((s) => s.reserved)).toBe(true);
    const times = slots.map((s) => s.at.getTime()).sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(99);
    }
  });

  it('keeps a chat’s gap without holding the other chats back', async () => {
    const first = await reserve({ gapMs: 5_000 });
    const second = await reserve({ gapMs: 5_000 });
    const other = await reserve({ chatId: 'other', gapMs: 5_000 });
    expect(second.at.getTime() - first.at.getTime()).toBeGreaterThanOrEqual(5_000);
    // The other chat takes the next free slot, not one after the first chat's second send.
    expect(other.at.getTime()).toBeLessThan(second.at.getTime());
    expect(other.at.getTime() - first.at.getTime()).toBeLessThan(1_000);
  });

  it('never lets a group have more than its window, and keeps room for urgent sends', async () => {
    const group = { chatId: '-100', slotMs: 1, windowMs: 60_000 };
    const ordinary = [];
    for (let i = 0; i < 17; i++) {
      ordinary.push(await reserve({ ...group, windowMax: 15, horizonMs: 500 }));
    }
    expect(ordinary.filter((s) => s.reserved)).toHaveLength(15);
    // The 16th ordinary send must wait for the window to slide: it is told when.
    expect(ordinary[15]).toMatchObject({ reserved: false });
    expect(ordinary[15]!.at.getTime() - ordinary[0]!.at.getTime()).toBeGreaterThanOrEqual(60_000);

    const urgent = [];
    for (let i = 0; i < 6; i++) {
      urgent.push(await reserve({ ...group, windowMax: 20, priority: 1, horizonMs: 3_000 }));
    }
    // Room for five urgent sends at once, then the window is full for everyone.
    expect(urgent.slice(0, 5).every((s) => s.reserved && s.waitMs < 1_000)).toBe(true);
    expect(urgent[5]).toMatchObject({ reserved: false });
  });

  it('reserves nothing beyond the horizon, and says when to try again', async () => {
    await reserve({ gapMs: 10_000 });
    const later = await reserve({ gapMs: 10_000, horizonMs: 2_000 });
    expect(later.reserved).toBe(false);
    expect(later.waitMs).toBeGreaterThan(9_000);
    // Nothing was taken: asking again gives the same time.
    const again = await reserve({ gapMs: 10_000, horizonMs: 2_000 });
    expect(Math.abs(again.at.getTime() - later.at.getTime())).toBeLessThan(200);
  });

  it('reserves every part of a long message', async () => {
    const parts = await reserve({
      chatId: '-100',
      slotMs: 1,
      windowMax: 5,
      windowMs: 60_000,
      parts: 4,
    });
    expect(parts.reserved).toBe(true);
    const next = await reserve({ chatId: '-100', slotMs: 1, windowMax: 5, windowMs: 60_000 });
    expect(next.reserved).toBe(true);
    const full = await reserve({ chatId: '-100', slotMs: 1, windowMax: 5, windowMs: 60_000 });
    expect(full.waitMs).toBeGreaterThan(50_000);
  });

  it('queues a send behind its chat’s outbox, and ordinary sends behind due urgent ones', async () => {
    const queued = {
      platform: 'telegram',
      chatId: '42',
      action: 'send' as const,
      message: { kind: 'text', text: 'waiting' },
      targetMessageId: null,
      priority: 0,
      notBefore: new Date(Date.now() + 30_000),
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    await enqueueOutbox(database.db, queued);
    expect(await reserve()).toMatchObject({ reserved: false });
    // An urgent send overtakes an ordinary queue; the queue's own sender skips the check.
    expect(await reserve({ priority: 1 })).toMatchObject({ reserved: true });
    expect(await reserve({ checkQueue: false })).toMatchObject({ reserved: true });
    // Urgent messages already due hold back ordinary sends to every chat.
    await enqueueOutbox(database.db, {
      ...queued,
      chatId: '7',
      priority: 1,
      notBefore: new Date(),
    });
    expect(await reserve({ chatId: 'elsewhere' })).toMatchObject({ reserved: false });
    expect(await reserve({ chatId: 'elsewhere', priority: 1 })).toMatchObject({ reserved: true });
  });

  it('gives two connections reserving at once distinct slots', async () => {
    const other = database.url
      ? await createDatabase({ url: database.url, maxConnections: 4 })
      : database;
    try {
      const all = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          reserveSend((i % 2 ? other : database).db, { ...base, chatId: `c${i}`, slotMs: 50 }),
        ),
      );
      const slots = all.map((s) => s.at.getTime());
      expect(new Set(slots).size).toBe(40);
      const sorted = slots.sort((a, b) => a - b);
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(49);
      }
    } finally {
      if (other !== database) await other.close();
    }
  });
});
