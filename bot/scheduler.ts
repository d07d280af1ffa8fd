// Scheduler wiring: node-cron only says when to look. The job runner (handlers/jobs) holds
// no state in memory; every job is a row in PostgreSQL. Recurring schedules enqueue a job
// keyed by their period, so several instances ticking at once create it once.
import cron, { type ScheduledTask } from 'node-cron';
import { isTransientDatabaseError } from '../db/client.ts';
import type { RecurringJobSpec } from '../handlers/feature.ts';
import type { JobRunner } from '../handlers/jobs/job-runner.ts';
import type { Clock, Logger } from '../handlers/ports.ts';

export interface SchedulerOptions {
  runner: JobRunner;
  recurring: RecurringJobSpec[];
  pollSeconds: number;
  timezone: string;
  clock: Clock;
  logger: Logger;
}

export interface Scheduler {
  stop(): Promise<void>;
}

/** How long a recurring job whose minute came during a database outage is tried again. */
const RECURRING_RETRY_MS = 30 * 60_000;

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { runner, logger, clock } = options;
  // A database outage is said once (jobs wait in the database; the inbox and /healthz say
  // the rest), and its end once; any other failure every time.
  let unreachable = false;
  const runDue = () =>
    runner.runDueJobs().then(
      () => {
        if (unreachable) logger.info({}, 'due jobs run again: the database is back');
        unreachable = false;
      },
      (err: unknown) => {
        if (!isTransientDatabaseError(err)) return logger.error({ err }, 'running due jobs failed');
        if (!unreachable) logger.warn({ err }, 'due jobs wait: the database is unreachable');
        unreachable = true;
      },
    );

  let stopped = false;
  /**
   * A period's recurring job (a heat round, a summary) must not be skipped because the
   * database was away at its minute: it is tried again until it is enqueued, for as long as
   * RECURRING_RETRY_MS.
   */
  async function enqueueRecurring(spec: RecurringJobSpec, at: Date): Promise<void> {
    const since = Date.now();
    for (let wait = 1_000; ; wait = Math.min(wait * 2, 15_000)) {
      try {
        return await runner.enqueueRecurring(spec, at);
      } catch (err) {
        const late = Date.now() - since > RECURRING_RETRY_MS;
        if (!isTransientDatabaseError(err) || late || stopped) {
          return logger.error({ err, kind: spec.kind }, 'recurring job not enqueued');
        }
        if (wait === 1_000)
          logger.warn({ kind: spec.kind }, 'recurring job waits for the database');
        await new Promise((resolve) => setTimeout(resolve, wait).unref());
      }
    }
  }

  const tasks: ScheduledTask[] = [
    // Not awaited: a tick during a long round joins it (runDueJobs), where node-cron's own
    // overlap guard would print a warning on every tick until the round ends.
    cron.schedule(
      `*/${options.pollSeconds} * * * * *`,
      () => {
        void runDue();
      },
      { name: 'jobs' },
    ),
    ...options.recurring.map((spec) =>
      cron.schedule(
        spec.cron,
        async () => {
          const at = clock.now();
          at.setUTCSeconds(0, 0);
          await enqueueRecurring(spec, at);
          await runDue();
        },
        { timezone: options.timezone, name: spec.kind },
      ),
    ),
  ];
  // Catch up at once with what came due while the bot was down.
  void runDue();

  return {
    async stop() {
      stopped = true;
      for (const task of tasks) await task.destroy();
      await runner.stop();
    },
  };
}
