// Values kept for a stated time, then read again: figures read for an overview (a city's
// page, the national page), which change with every recorded event. Counting a version on
// every event would cost each event a write (bench: recordActivity), so the console keeps
// figures for a short time instead and says so. Whatever a person changes themselves (staff,
// roles, a partner's communes and quartiers, a group made visible) is never kept here: it is
// read at every request, or is part of the key, so it shows at once.
//
// Per process: several instances each keep their own copy, which needs no coordination since
// nothing is invalidated, only expired. A value being read is shared by the requests that ask
// for it meanwhile (one read, not ten); a failed read is forgotten at once.

export interface ExpiringCache<V> {
  /** The value kept under `key`, or the one `read` gives (then kept `ttlMs`). */
  get(key: string, read: () => Promise<V>): Promise<V>;
  /** How many values are kept now (expired ones are dropped when a value is read). */
  readonly size: number;
}

export function createExpiringCache<V>(options: {
  /** How long a value is kept; 0 keeps nothing (every `get` reads). */
  ttlMs: number;
  /** At most this many values: past it, the oldest read goes first. */
  maxEntries: number;
  now(): number;
}): ExpiringCache<V> {
  const kept = new Map<string, { until: number; value: Promise<V> }>();
  return {
    get(key, read) {
      const now = options.now();
      const hit = kept.get(key);
      if (hit && hit.until > now) return hit.value;
      if (options.ttlMs <= 0) return read();
      for (const [k, v] of kept) if (v.until <= now) kept.delete(k);
      while (kept.size >= options.maxEntries) kept.delete(kept.keys().next().value!);
      const entry = { until: now + options.ttlMs, value: read() };
      kept.set(key, entry);
      entry.value.catch(() => {
        if (kept.get(key) === entry) kept.delete(key);
      });
      return entry.value;
    },
    get size() {
      return kept.size;
    },
  };
}
