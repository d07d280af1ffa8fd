// The hooks every end-to-end harness needs, whatever platform it drives: before each test (or
// once, before all of the file's), the database emptied, the test clock set back to its start
// and the harness started; after, it stopped.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../../db/client.ts';
import { resetDatabase } from './test-database.ts';
import type { TestClock } from './test-deps.ts';

export interface HarnessHooks {
  clock?: TestClock;
  /** One harness for all the tests of the file (or describe block), on data they share. */
  once?: boolean;
}

export interface Restartable<Options> {
  /** Stops the running harness and starts another with `options`, on the same data. */
  restart(options: Options): Promise<void>;
}

/**
 * The harness `start(options)` gives, started and stopped by the hooks. What is returned is
 * always the running one: each property read goes to it (there is none outside the tests).
 */
export function useHarness<Options, Harness extends { stop(): Promise<void> }>(
  database: Database,
  { clock, once = false }: HarnessHooks,
  start: (options: Options) => Promise<Harness>,
  options: Options,
): Harness & Restartable<Options> {
  let running: Harness | undefined;
  const startFresh = async () => {
    await resetDatabase(database);
    clock?.restart();
    running = await start(options);
  };
  const stop = async () => {
    const stopping = running;
    running = undefined;
    await stopping?.stop();
  };
  if (once) {
    beforeAll(startFresh);
    afterAll(stop);
  } else {
    beforeEach(startFresh);
    afterEach(stop);
  }
  const restart = async (more: Options) => {
    await stop();
    running = await start(more);
  };
  return runningOne(() => running, { restart }) as Harness & Restartable<Options>;
}

/**
 * An object whose every property read goes to what `current()` gives at that moment (the
 * harness the hooks started), `extra` aside: there is none outside the tests.
 */
export function runningOne<T extends object>(
  current: () => T | undefined,
  extra: Record<string, unknown> = {},
): T {
  return new Proxy({} as T, {
    get(_, key) {
      if (typeof key === 'string' && key in extra) return extra[key];
      const running = current();
      if (!running) throw new Error('the harness runs only while the tests run');
      const value: unknown = Reflect.get(running, key);
      return typeof value === 'function' ? (value as () => unknown).bind(running) : value;
    },
  });
}
