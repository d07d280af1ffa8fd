// Runs durable jobs (db/queries/jobs.ts). node-cron only says "now is a good time to look";
// the state is all in PostgreSQL, so a restart loses nothing and several instances share
// the work. A job that is claimed but whose worker dies is taken over when its lease ends.
// A job later than its max lateness (the bot was down too long) is dropped and logged:
// a reminder for yesterday's meeting is worse than none. Jobs must finish within the lease.
import {
  byClaimOrder,
  claimDueJobs,
  enqueueJob,
  markJobDeferred,
  markJobDone,
  markJobDropped,
  markJobFailed,
  releaseJobLeases,
  type JobRow,
} from '../../db/queries/jobs.ts';
import type { Deps } from '../deps.ts';
import { JobDeferredError } from '../errors.ts';
import { JOB_MARKED_DONE, type JobSpec, type RecurringJobSpec } from '../feature.ts';

export interface JobRunnerOptions {
  workerId: string;
  leaseSeconds: number;
  /** Jobs claimed at once. */
  batchSize: number;
  /** Jobs run at once. */
  concurrency: number;
  /** While every slot is taken, urgent jobs due are looked for this often (URGENT_CHECK_MS). */
  urgentCheckMs?: number;
}

/**
 * While every slot runs a job (ordinary jobs may wait minutes for a platform's pace), a
 * round looks for urgent jobs due this often, and runs them in up to URGENT_EXTRA_SLOTS
 * slots of their own: a check-in or an alert never waits behind a city's newsletter.
 */
const URGENT_CHECK_MS = 2_000;
const URGENT_EXTRA_SLOTS = 2;

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
  /** Urgent kinds found enqueued as ordinary (said once per kind: a bug where it is enqueued). */
  const warnedNotUrgent = new Set<string>();
  let stopping = false;
  let running: Promise<number> | undefined;

  /** The same deps, whose messengers send ahead of ordinary traffic. */
  function urgentDeps(): Deps {
    const messengers = new Map(
      [...deps.messengers].map(([platform, m]) => [platform, m.urgent?.() ?? m] as const),
    );
    return { ...deps, messengers };
  }

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
    if (spec?.urgent && !job.urgent && !warnedNotUrgent.has(job.kind)) {
      warnedNotUrgent.add(job.kind);
      log.warn({}, 'urgent job kind enqueued without `urgent`: it waited behind ordinary jobs');
    }
    try {
      if (!spec) throw new Error(`no handler for job kind "${job.kind}"`);
      const ended = await spec.run(job.payload, {
        deps: spec.urgent ? urgentDeps() : deps,
        now,
        jobId: job.id,
        attempt: job.attempts,
        workerId: options.workerId,
      });
      if (ended !== JOB_MARKED_DONE) {
        await markJobDone(db, job.id, options.workerId, deps.clock.now());
      }
    } catch (error) {
      if (error instanceof JobDeferredError) {
        // Not a failure: its turn comes later (a platform's limit). Its lateness counts from
        // the new time: the job itself knows how old its work may get.
        await markJobDeferred(db, job.id, options.workerId, error.at);
        return;
      }
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      const retryAt = new Date(deps.clock.now().getTime() + retryDelayMs(job.attempts));
      await markJobFailed(db, job, options.workerId, message, retryAt, deps.clock.now());
      const final = job.attempts >= job.maxAttempts;
      log[final ? 'error' : 'warn']({ err: error, attempt: job.attempts, final }, 'job failed');
    }
  }

  /**
   * Keeps `concurrency` jobs running, claiming the next batch while the last ones of the
   * previous batch still run (when fewer than `concurrency` are left to start): a batch
   * never waits for its slowest job, which matters when jobs wait on a platform's pace.
   * Jobs may enqueue jobs due now (a planner and what it planned), so the round ends only
   * when a claim finds nothing and nothing is running. A failed claim, or a job whose outcome
   * could not be recorded (the database is gone), ends the round: the jobs running finish,
   * the others are given back (if the database allows), then it throws.
   */
  async function runRound(): Promise<number> {
    const concurrency = Math.max(1, options.concurrency);
    const urgentCheckMs = options.urgentCheckMs ?? URGENT_CHECK_MS;
    const queue: JobRow[] = [];
    const inFlight = new Set<Promise<void>>();
    /** Ordinary jobs running, and urgent ones running beyond `concurrency` beside them. */
    let ordinaryInFlight = 0;
    let extraInFlight = 0;
    let ran = 0;
    let failure: { error: unknown } | undefined;
    /** Woken by the clock, not by a job ending: only urgent jobs are looked for. */
    let urgentOnly = false;
    while (!stopping && !failure) {
      let found = queue.length > 0;
      if (urgentOnly || queue.length < concurrency) {
        try {
          const claimed = await claimDueJobs(
            deps.db,
            options.workerId,
            deps.clock.now(),
            options.leaseSeconds,
            urgentOnly ? URGENT_EXTRA_SLOTS : options.batchSize,
            { urgentOnly },
          );
          // Urgent jobs just claimed start before ordinary ones claimed earlier and not
          // started, in extra slots when every slot is taken.
          queue.push(...claimed);
          if (claimed.some((j) => j.urgent)) queue.sort(byClaimOrder);
          found ||= claimed.length > 0;
        } catch (error) {
          failure = { error };
          break;
        }
      }
      if (!found && inFlight.size === 0) break;
      while (queue.length > 0 && !stopping) {
        const job = queue[0]!;
        const extra = inFlight.size >= concurrency;
        // Beyond `concurrency`, only urgent jobs, and only while ordinary ones hold slots.
        if (
          extra &&
          !(job.urgent && extraInFlight < Math.min(URGENT_EXTRA_SLOTS, ordinaryInFlight))
        )
          break;
        queue.shift();
        if (extra) extraInFlight++;
        if (!job.urgent) ordinaryInFlight++;
        const running: Promise<void> = runOne(job)
          .then(
            () => {
              ran++;
            },
            (error: unknown) => {
              failure ??= { error };
            },
          )
          .finally(() => {
            inFlight.delete(running);
            if (extra) extraInFlight--;
            if (!job.urgent) ordinaryInFlight--;
          });
        inFlight.add(running);
      }
      urgentOnly = false;
      if (inFlight.size === 0) continue;
      if (inFlight.size < concurrency || ordinaryInFlight === 0) {
        await Promise.race(inFlight);
        continue;
      }
      // Every slot is taken, some by ordinary jobs: wake up for a job ending, or to look for
      // urgent jobs.
      let timer: NodeJS.Timeout | undefined;
      const tick = new Promise<'tick'>((resolve) => {
        timer = setTimeout(() => resolve('tick'), urgentCheckMs);
      });
      urgentOnly = (await Promise.race([...inFlight, tick])) === 'tick';
      clearTimeout(timer);
    }
    await Promise.all(inFlight);
    if (queue.length > 0) {
      const release = releaseJobLeases(
        deps.db,
        options.workerId,
        queue.map((j) => j.id),
      );
      // After a failure, that failure is what to report; unreleased leases expire anyway.
      await (failure ? release.catch(() => undefined) : release);
    }
    if (failure) throw failure.error;
    return ran;
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
        urgent: handlers.get(spec.kind)?.urgent ?? false,
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
