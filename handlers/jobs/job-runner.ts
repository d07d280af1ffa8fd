// Runs durable jobs (db/queries/jobs.ts). node-cron only says "now is a good time to look";
// the state is all in PostgreSQL, so a restart loses nothing and several instances share
// the work. A job that is claimed but whose worker dies is taken over when its lease ends.
// A job later than its max lateness (the bot was down too long) is dropped and logged:
// a reminder for yesterday's meeting is worse than none. Jobs must finish within the lease.
import {
  claimDueJobs,
  enqueueJob,
  markJobDone,
  markJobDropped,
  markJobFailed,
  releaseJobLeases,
  type JobRow,
} from '../../db/queries/jobs.ts';
import type { Deps } from '../deps.ts';
import type { JobSpec, RecurringJobSpec } from '../feature.ts';

export interface JobRunnerOptions {
  workerId: string;
  leaseSeconds: number;
  /** Jobs claimed per round. */
  batchSize: number;
  /** Jobs run at once within a round. */
  concurrency: number;
}

export interface JobRunner {
  /** Claims and runs due jobs until none is left (or stopping); returns how many ran. */
  runDueJobs(): Promise<number>;
  /** Enqueues a recurring job for the period that starts at `at` (once across instances). */
  enqueueRecurring(spec: RecurringJobSpec, at: Date): Promise<void>;
  /** Finishes the jobs in progress, gives back the claimed ones not started. */
  stop(): Promise<void>;
}

/** Exponential backoff: 30 s, 1 min, 2 min… capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

export function createJobRunner(
  deps: Deps,
  specs: JobSpec[],
  options: JobRunnerOptions,
): JobRunner {
  const handlers = new Map(specs.map((s) => [s.kind, s]));
  let stopping = false;
  let running: Promise<number> | undefined;

  async function runOne(job: JobRow): Promise<void> {
    const { db, logger } = deps;
    const now = deps.clock.now();
    const log = logger.child({ jobId: job.id, kind: job.kind, key: job.dedupeKey });
    const lateMs = now.getTime() - job.runAt.getTime();
    if (lateMs > job.maxLatenessSeconds * 1000) {
      await markJobDropped(
        db,
        job.id,
        options.workerId,
        now,
        `too late by ${Math.round(lateMs / 1000)} s`,
      );
      log.warn(
        { lateSeconds: Math.round(lateMs / 1000) },
        'job dropped: past its maximum lateness',
      );
      return;
    }
    const spec = handlers.get(job.kind);
    try {
      if (!spec) throw new Error(`no handler for job kind "${job.kind}"`);
      await spec.run(job.payload, { deps, now, jobId: job.id, attempt: job.attempts });
      await markJobDone(db, job.id, options.workerId, deps.clock.now());
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      const retryAt = new Date(deps.clock.now().getTime() + retryDelayMs(job.attempts));
      await markJobFailed(db, job, options.workerId, message, retryAt, deps.clock.now());
      const final = job.attempts >= job.maxAttempts;
      log[final ? 'error' : 'warn']({ err: error, attempt: job.attempts, final }, 'job failed');
    }
  }

  async function runRound(): Promise<number> {
    const claimed = await claimDueJobs(
      deps.db,
      options.workerId,
      deps.clock.now(),
      options.leaseSeconds,
      options.batchSize,
    );
    const queue = [...claimed];
    let ran = 0;
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        if (stopping) {
          queue.unshift(job);
          return;
        }
        await runOne(job);
        ran++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
    if (queue.length > 0) {
      await releaseJobLeases(
        deps.db,
        options.workerId,
        queue.map((j) => j.id),
      );
    }
    // Jobs may enqueue jobs due now (a planner and what it planned): look again until a
    // round finds nothing.
    return claimed.length > 0 && !stopping ? ran + (await runRound()) : ran;
  }

  return {
    runDueJobs() {
      if (stopping) return Promise.resolve(0);
      // One round at a time per process: a tick that finds a round running joins it.
      running ??= runRound().finally(() => (running = undefined));
      return running;
    },
    async enqueueRecurring(spec, at) {
      const period = at.toISOString().slice(0, 16);
      await enqueueJob(deps.db, {
        kind: spec.kind,
        dedupeKey: `recurring:${spec.kind}:${period}`,
        runAt: at,
        maxAttempts: 3,
        maxLatenessSeconds: 3_600,
      });
    },
    async stop() {
      stopping = true;
      await running;
    },
  };
}
