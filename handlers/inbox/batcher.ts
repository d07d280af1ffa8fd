// Group commit: calls made while a flush is running wait for the next one, which takes
// them all at once. Under load, one statement serves many events; alone, an event waits for
// nothing but its own statement. With `inFlight` above 1, that many flushes may run at once
// (their statements commit concurrently, and PostgreSQL flushes their WAL together), but
// their callers are answered in the order the flushes started: whoever stored an event
// before another hears so first.

export interface Batcher<T, R> {
  add(item: T): Promise<R>;
}

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

export function createBatcher<T, R>(
  flush: (items: T[]) => Promise<R[]>,
  { inFlight = 1 }: { inFlight?: number } = {},
): Batcher<T, R> {
  let pending: Pending<T, R>[] = [];
  let running = 0;
  let scheduled = false;
  /** Settles once every flush started so far has answered its callers. */
  let answered: Promise<void> = Promise.resolve();

  function start(): void {
    scheduled = false;
    while (pending.length > 0 && running < inFlight) {
      const batch = pending;
      pending = [];
      running++;
      const outcome = flush(batch.map((p) => p.item)).then(
        (results) => ({ results }),
        (error: unknown) => ({ error }),
      );
      const before = answered;
      answered = outcome.then(async (result) => {
        running--;
        // The next batch may start now; its callers are answered after these.
        start();
        await before;
        if ('results' in result) batch.forEach((p, i) => p.resolve(result.results[i] as R));
        else for (const p of batch) p.reject(result.error);
      });
    }
  }

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        pending.push({ item, resolve, reject });
        // Whatever else is added in this same turn joins the batch.
        if (!scheduled && running < inFlight) {
          scheduled = true;
          queueMicrotask(start);
        }
      });
    },
  };
}
