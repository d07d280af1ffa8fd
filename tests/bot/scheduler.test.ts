// The scheduler's wiring (bot/scheduler.ts): an outage is said once, and its end once; any
// other failure of a round is an error every time.
import { describe, expect, it } from 'vitest';
import { startScheduler } from '../../bot/scheduler.ts';
import type { JobRunner } from '../../handlers/jobs/job-runner.ts';
import { createMemoryLogger, createTestClock } from '../support/test-deps.ts';

const outage = () =>
  Object.assign(new Error('write CONNECTION_CLOSED'), { code: 'CONNECTION_CLOSED' });

function runnerFailing(outcomes: (Error | undefined)[]): JobRunner & { rounds: number } {
  const runner = {
    rounds: 0,
    runDueJobs() {
      const outcome = outcomes[runner.rounds++];
      return outcome ? Promise.reject(outcome) : Promise.resolve(0);
    },
    stop: () => Promise.resolve(),
  };
  return runner as unknown as JobRunner & { rounds: number };
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
});
