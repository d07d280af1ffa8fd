import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../bot/whatsapp/pacer.ts';

/** A virtual clock: sleeping moves time forward at once. */
function virtualTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: (ms: number) => {
      now += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}

describe('WhatsApp pacing', () => {
  it('keeps a minimum gap, plus jitter, between sends to one chat, in order', async () => {
    const time = virtualTime();
    const pacer = createPacer({
      minGapMs: 2000,
      jitterMs: 1000,
      maxPerMinute: 1000,
      random: () => 0.5,
      ...time,
    });
    const at: [string, number][] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((label) =>
        pacer.schedule('group', () => Promise.resolve(at.push([label, time.now()]))),
      ),
    );
    expect(at).toEqual([
      ['a', 0],
      ['b', 2500],
      ['c', 5000],
    ]);
  });

  it('does not make one chat wait for another, but caps the total per minute', async () => {
    const time = virtualTime();
    const pacer = createPacer({ minGapMs: 2000, jitterMs: 0, maxPerMinute: 3, ...time });
    const at: number[] = [];
    await Promise.all(
      ['g1', 'g2', 'g3', 'g4', 'g5'].map((chat) =>
        pacer.schedule(chat, () => Promise.resolve(at.push(time.now()))),
      ),
    );
    expect(at.slice(0, 3)).toEqual([0, 0, 0]);
    expect(at[3]).toBeGreaterThanOrEqual(60_000);
    expect(at[4]).toBeGreaterThanOrEqual(60_000);
  });

  it('passes a failed send on to its caller and goes on with the next', async () => {
    const time = virtualTime();
    const pacer = createPacer({ minGapMs: 10, jitterMs: 0, maxPerMinute: 100, ...time });
    const failed = pacer.schedule('g', () => Promise.reject(new Error('offline')));
    const next = pacer.schedule('g', () => Promise.resolve('sent'));
    await expect(failed).rejects.toThrow('offline');
    await expect(next).resolves.toBe('sent');
    await pacer.idle();
  });
});
