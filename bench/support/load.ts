// Two ways to drive a handler, as a long-polling runner would: a closed loop (a fixed number
// of updates in flight, measuring throughput) and an open loop (a fixed arrival rate whatever
// the completions, measuring latency). In both, the updates of one chat run one at a time and
// in order, as the bot's inbox handles them.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Work<T> {
  /** Updates of the same key never run concurrently. */
  key: number;
  item: T;
}

/** Per-key promise chains; the first failure is kept and rethrown by drain(). */
class KeyedQueue {
  private readonly tails = new Map<number, Promise<void>>();
  private failure: { error: unknown } | undefined;

  run(key: number, task: () => Promise<void>): void {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
  }

  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all(this.tails.values());
    if (this.failure) throw this.failure.error;
  }
}

/**
 * Handles every item with at most `concurrency` in flight (an item waiting for its chat counts
 * as in flight, as in the runner); returns the elapsed milliseconds.
 */
export async function runClosedLoop<T>(
  work: Iterable<Work<T>>,
  handle: (item: T) => Promise<void>,
  concurrency: number,
): Promise<number> {
  const queue = new KeyedQueue();
  let inFlight = 0;
  let wake: (() => void) | undefined;
  const start = performance.now();
  for (const { key, item } of work) {
    while (inFlight >= concurrency) await new Promise<void>((resolve) => (wake = resolve));
    inFlight++;
    queue.run(key, async () => {
      try {
        await handle(item);
      } finally {
        inFlight--;
        const resume = wake;
        wake = undefined;
        resume?.();
      }
    });
  }
  await queue.drain();
  return performance.now() - start;
}

export interface OpenLoopResult {
  /** Per item: completion time minus its scheduled arrival time, in ms. */
  latencies: number[];
  /** Completed items per second, from the first arrival to the last completion. */
  achievedRate: number;
}

/**
 * Starts item i at start + i / rate seconds, whether or not earlier ones are done. Latency is
 * counted from the scheduled arrival, so a late start (a busy event loop) counts against it.
 */
export async function runOpenLoop<T>(
  work: Work<T>[],
  handle: (item: T) => Promise<void>,
  ratePerSecond: number,
): Promise<OpenLoopResult> {
  const queue = new KeyedQueue();
  const interval = 1000 / ratePerSecond;
  const latencies = new Array<number>(work.length).fill(Number.NaN);
  const start = performance.now();
  let lastDone = start;
  let next = 0;
  while (next < work.length) {
    const now = performance.now();
    for (; next < work.length && start + next * interval <= now; next++) {
      const { key, item } = work[next]!;
      const index = next;
      const due = start + index * interval;
      queue.run(key, async () => {
        await handle(item);
        const done = performance.now();
        latencies[index] = done - due;
        if (done > lastDone) lastDone = done;
      });
    }
    await sleep(Math.max(0, start + next * interval - performance.now()));
  }
  await queue.drain();
  return {
    latencies,
    achievedRate: (work.length * 1000) / (lastDone - start),
  };
}
