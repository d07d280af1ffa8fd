// The console's kept figures: kept for their time, shared while being read, bounded, and a
// failed read never kept.
import { describe, expect, it } from 'vitest';
import { createExpiringCache } from '../../web/expiring-cache.ts';

function counted<V>(value: V) {
  let reads = 0;
  return {
    read: () => {
      reads++;
      return Promise.resolve(value);
    },
    get reads() {
      return reads;
    },
  };
}

describe('createExpiringCache', () => {
  it('keeps a value for its time, then reads it again', async () => {
    let now = 0;
    const cache = createExpiringCache<string>({ ttlMs: 1_000, maxEntries: 10, now: () => now });
    const source = counted('a');
    expect(await cache.get('k', source.read)).toBe('a');
    now = 999;
    expect(await cache.get('k', source.read)).toBe('a');
    expect(source.reads).toBe(1);
    now = 1_000;
    await cache.get('k', source.read);
    expect(source.reads).toBe(2);
  });

  it('shares one read between the requests that ask meanwhile', async () => {
    const cache = createExpiringCache<number>({ ttlMs: 1_000, maxEntries: 10, now: () => 0 });
    let reads = 0;
    let release!: (v: number) => void;
    const read = () => {
      reads++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const asked = [cache.get('k', read), cache.get('k', read), cache.get('k', read)];
    release(7);
    expect(await Promise.all(asked)).toEqual([7, 7, 7]);
    expect(reads).toBe(1);
  });

  it('forgets a failed read at once', async () => {
    const cache = createExpiringCache<number>({ ttlMs: 1_000, maxEntries: 10, now: () => 0 });
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.size).toBe(0);
    expect(await cache.get('k', () => Promise.resolve(3))).toBe(3);
  });

  it('keeps at most maxEntries values, dropping the oldest, and nothing with a time of 0', async () => {
    let now = 0;
    const cache = createExpiringCache<number>({ ttlMs: 1_000, maxEntries: 2, now: () => now });
    await cache.get('a', () => Promise.resolve(1));
    await cache.get('b', () => Promise.resolve(2));
    await cache.get('c', () => Promise.resolve(3));
    expect(cache.size).toBe(2);
    const again = counted(10);
    expect(await cache.get('a', again.read)).toBe(10);
    expect(again.reads).toBe(1);
    now = 5_000;
    await cache.get('d', () => Promise.resolve(4));
    expect(cache.size).toBe(1);
    const none = createExpiringCache<number>({ ttlMs: 0, maxEntries: 2, now: () => 0 });
    const source = counted(1);
    await none.get('a', source.read);
    await none.get('a', source.read);
    expect(source.reads).toBe(2);
    expect(none.size).toBe(0);
  });
});
