// The scheduler's wiring (bot/scheduler.ts): an outage is said once, and its end once; any
// other failure of a round is an error every time.
import { describe, expect, it } from 'vitest';
import { startScheduler } from '../../bot/scheduler.ts';
import type { JobRunner } from '../../handlers/jobs/job-runner.ts';
import { createMemoryLogger, createTestClock } from '../support/test-deps.ts';

const outage = () =>
  Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });

function runnerFailing(
  outcomes: (Error | undefined)[],
  enqueueOutcomes: (Error | undefined)[] = [],
): JobRunner & { rounds: number; enqueued: Date[]; enqueueCalls: number } {
  const runner = {
    rounds: 0,
    enqueued: [] as Date[],
    enqueueCalls: 0,
    enqueueRecurring(_spec: unknown, at: Date) {
      const outcome = enqueueOutcomes[runner.enqueueCalls++];
      if (outcome) return Promise.reject(outcome);
      runner.enqueued.push(at);
      return Promise.resolve();
    },
    runDueJobs() {
      const outcome = outcomes[runner.rounds++];
      return outcome ? Promise.reject(outcome) : Promise.resolve(0);
    },
    stop: () => Promise.resolve(),
  };
  return runner;
}

describe('the scheduler', () => {
  it('says an outage once and its end once, and every other failure', async () => {
    const logger = createMemoryLogger();
    const runner = runnerFailing([outage(), outage(), outage(), undefined, new Error('bug')]);
    const scheduler = startScheduler({
      runner,
      recurring: [],
      pollSeconds: 1,
      timezone: 'Europe/Paris',
      clock: createTestClock(),
      logger,
    });
    try {
      await expect.poll(() => runner.rounds, { timeout: 10_000, interval: 100 }).toBe(5);
      await expect.poll(() => logger.entries.length).toBe(3);
      expect(logger.entries.map((e) => [e.level, e.msg])).toEqual([
        ['warn', 'due jobs wait: the database is unreachable'],
        ['info', 'due jobs run again: the database is back'],
        ['error', 'running due jobs failed'],
      ]);
    } finally {
      await scheduler.stop();
    }
  });

  it('enqueues a recurring job whose minute came while the database was away, once it is back', async () => {
    const logger = createMemoryLogger();
    const runner = runnerFailing([], [outage(), outage()]);
    const scheduler = startScheduler({
      runner,
      recurring: [{ kind: 'watch.round', cron: '* * * * * *' }],
      pollSeconds: 59,
      timezone: 'Europe/Paris',
      clock: createTestClock('2026-07-01T08:00:00Z'),
      logger,
    });
    try {
      await expect.poll(() => runner.enqueued.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(runner.enqueued[0]).toEqual(new Date('2026-07-01T08:00:00Z'));
      expect(logger.entries.some((e) => e.msg === 'recurring job waits for the database')).toBe(
        true,
      );
      expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);
    } finally {
      await scheduler.stop();
    }
  });
});
