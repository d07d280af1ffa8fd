// The inbox's group commit (handlers/inbox/batcher.ts): what is added in one turn goes in one
// flush, what comes while a flush runs waits for the next, and a failed flush fails only its
// own callers.
import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../handlers/inbox/batcher.ts';

/** A flush that records its batches and finishes only when told. */
function controlledFlush() {
  const batches: number[][] = [];
  const finish: ((fail?: Error) => void)[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const flush = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      finish.push((fail) => {
        running--;
        if (fail) reject(fail);
        else resolve(items.map((i) => `stored ${i}`));
      });
    });
  return { flush, batches, finish, mostAtOnce: () => mostAtOnce };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('the inbox batcher', () => {
  it('flushes what one turn adds at once, and what comes meanwhile in the next flush, together', async () => {
    const f = controlledFlush();
    const batcher = createBatcher(f.flush);
    const first = [batcher.add(1), batcher.add(2)];
    await turn();
    const next = [batcher.add(3), batcher.add(4)];
    await turn();
    const last = batcher.add(5);
    await turn();
    expect(f.batches).toEqual([[1, 2]]);
    f.finish[0]!();
    expect(await Promise.all(first)).toEqual(['stored 1', 'stored 2']);
    await turn();
    expect(f.batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    f.finish[1]!();
    expect(await Promise.all([...next, last])).toEqual(['stored 3', 'stored 4', 'stored 5']);
    expect(f.mostAtOnce()).toBe(1);
  });

  it('fails only the callers of a flush that failed, and goes on', async () => {
    const f = controlledFlush();
    const batcher = createBatcher(f.flush);
    // Its outcome is read at once: a rejection nobody awaits yet is an unhandled one.
    const failing = batcher.add(1).then(
      () => 'stored',
      (error: Error) => error.message,
    );
    await turn();
    const fine = batcher.add(2);
    await turn();
    f.finish[0]!(new Error('connection lost'));
    await turn();
    f.finish[1]!();
    expect(await failing).toBe('connection lost');
    await expect(fine).resolves.toBe('stored 2');
    const after = batcher.add(3);
    await turn();
    f.finish[2]!();
    await expect(after).resolves.toBe('stored 3');
  });
});
