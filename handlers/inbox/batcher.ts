// Group commit: calls made while a flush is running wait for the next one, which takes
// them all at once. Under load, one statement serves many events; alone, an event waits for
// nothing but its own statement.

export interface Batcher<T, R> {
  add(item: T): Promise<R>;
}

export function createBatcher<T, R>(flush: (items: T[]) => Promise<R[]>): Batcher<T, R> {
  let pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let flushing = false;

  async function drain(): Promise<void> {
    flushing = true;
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        const results = await flush(batch.map((p) => p.item));
        batch.forEach((p, i) => p.resolve(results[i] as R));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    flushing = false;
  }

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        // Whatever else is added in this same turn joins the batch.
        if (!flushing) {
          flushing = true;
          queueMicrotask(() => void drain());
        }
      });
    },
  };
}
