// What the bot promises under spam, platform limits and stops, through the real app and
// the fake Bot API: one member's flood does not silence a group, organisers and presses go
// ahead of ordinary answers, a group never gets more than its window, and answers waiting
// for the limit survive a stop and are sent by the next process.
import { describe, expect, it } from 'vitest';
import { countOutbox } from '../../db/queries/outbox.ts';
import type { SendLanes } from '../../bot/outbox/send-lanes.ts';
import { useTestDatabase } from '../support/test-database.ts';
import {
  groupChat,
  messageUpdate,
  people,
  startTelegramHarness,
} from '../support/telegram-harness.ts';
import type { RecordedCall } from '../fakes/telegram-bot-api.ts';

const database = useTestDatabase({ emptyBeforeEachTest: true });

const { alice, bruno } = people;
const group = groupChat();
const neighbour = (n: number) => ({ id: 5000 + n, is_bot: false, first_name: `Voisin${n}` });

/** A group's window of `ordinary` sends (urgent: `urgent`) per `windowMs`, no other limit. */
function smallWindow(ordinary: number, urgent: number, windowMs: number): SendLanes {
  return {
    bot: 'telegram:test',
    slotMs: 1,
    chat: (chatId, isUrgent) => ({
      gapMs: 0,
      windowMax: chatId.startsWith('-') ? (isUrgent ? urgent : ordinary) : 0,
      windowMs,
    }),
  };
}

/**
 * The most calls in any `windowMs`, by the time the fake recorded them. A send reserves its
 * time before it leaves, so what the fake records comes a little later, more so on a busy
 * machine: checks leave half a second for it (Telegram's own lanes leave one second).
 */
function busiestWindow(calls: RecordedCall[], windowMs: number): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

describe('flood control', () => {
  it('answers a flooding member up to the limit, once tells them, and still answers others', async () => {
    const h = await startTelegramHarness(database, { env: { FLOOD_PERSON_PER_MINUTE: '8' } });
    try {
      h.fake.setChatMember(group.id, alice.id, 'administrator');
      // Alice, an organiser, is not held back by her own limit either.
      for (let i = 0; i < 40; i++) {
        await h.deliver(messageUpdate(bruno, group, '/aide'));
        if (i % 4 === 1) await h.deliver(messageUpdate(alice, group, '/parametres'));
      }
      await h.deliver(messageUpdate(neighbour(1), group, '/aide'));
      await expect.poll(() => h.sentTo(group.id).length, { timeout: 10_000 }).toBe(8 + 1 + 10 + 1);
      await h.app.settle();
      const texts = h.sentTo(group.id).map((c) => String(c.params.text));
      expect(texts.filter((t) => t.includes('Ce que je sais faire'))).toHaveLength(9);
      const notices = texts.filter((t) => t.includes('beaucoup de messages'));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/^Bruno, .*dans une minute/);
      expect(texts.filter((t) => t.includes('Paramètres du groupe'))).toHaveLength(10);
      // The rest of Bruno's flood was dropped, not queued, and logged once, with the notice.
      expect(await countOutbox(database.db, ['telegram'])).toBe(0);
      expect(h.logs.filter((l) => l.msg === 'flood control')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });

  it('answers only organisers in a group flooded by many members, after one notice', async () => {
    const h = await startTelegramHarness(database, {
      env: { FLOOD_PERSON_PER_MINUTE: '8', FLOOD_GROUP_PER_MINUTE: '3' },
    });
    try {
      h.fake.setChatMember(group.id, alice.id, 'administrator');
      for (let n = 1; n <= 6; n++) await h.deliver(messageUpdate(neighbour(n), group, '/aide'));
      await h.deliver(messageUpdate(alice, group, '/parametres'));
      await expect.poll(() => h.sentTo(group.id).length, { timeout: 10_000 }).toBe(3 + 1 + 1);
      await h.app.settle();
      const texts = h.sentTo(group.id).map((c) => String(c.params.text));
      expect(texts.filter((t) => t.includes('Beaucoup de demandes'))).toHaveLength(1);
      expect(texts.at(-1)).toContain('Paramètres du groupe');
    } finally {
      await h.stop();
    }
  });
});

describe('send limits', () => {
  it('keeps a group under its window and answers an organiser ahead of the queue', async () => {
    const h = await startTelegramHarness(database, { sendLanes: smallWindow(2, 3, 2_000) });
    try {
      h.fake.setChatMember(group.id, alice.id, 'administrator');
      for (let n = 1; n <= 5; n++) await h.deliver(messageUpdate(neighbour(n), group, '/aide'));
      await expect.poll(() => h.sentTo(group.id).length).toBe(2);
      await h.deliver(messageUpdate(alice, group, '/parametres'));
      await expect.poll(() => h.sentTo(group.id).length, { timeout: 10_000 }).toBe(6);
      const texts = h.sentTo(group.id).map((c) => String(c.params.text));
      // The organiser's answer went third, ahead of the three ordinary answers still queued.
      expect(texts[2]).toContain('Paramètres du groupe');
      expect(busiestWindow(h.sentTo(group.id), 1_500)).toBeLessThanOrEqual(3);
    } finally {
      await h.stop();
    }
  });

  it('keeps the answers waiting for the limit through a stop, and the next process sends them', async () => {
    const lanes = smallWindow(2, 2, 1_500);
    const first = await startTelegramHarness(database, { sendLanes: lanes });
    for (let n = 1; n <= 6; n++) await first.deliver(messageUpdate(neighbour(n), group, '/aide'));
    await expect.poll(() => first.sentTo(group.id).length).toBe(2);
    await expect.poll(() => countOutbox(database.db, ['telegram'])).toBeGreaterThan(0);
    const stopping = Date.now();
    await first.app.stop();
    // Nothing waits for the limit at shutdown: it is all in the outbox.
    expect(Date.now() - stopping).toBeLessThan(5_000);
    const waiting = await countOutbox(database.db, ['telegram']);
    expect(waiting + first.sentTo(group.id).length).toBe(6);

    const second = await startTelegramHarness(database, { sendLanes: lanes, fake: first.fake });
    try {
      await expect.poll(() => second.sentTo(group.id).length, { timeout: 15_000 }).toBe(6);
      await second.app.settle();
      expect(second.sentTo(group.id)).toHaveLength(6);
      expect(busiestWindow(second.sentTo(group.id), 1_000)).toBeLessThanOrEqual(2);
    } finally {
      await second.stop();
    }
  }, 30_000);
});
