// Durable jobs. A job is a row with a unique de-duplication key: enqueueing the same key
// twice creates it once, so a recurring schedule ticking on several instances, or a handler
// run twice, schedules one job. Workers claim due rows with FOR UPDATE SKIP LOCKED and a
// lease; a worker that dies leaves a lease that expires, and another worker takes the job.
import { and, eq, inArray, like, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { jobs } from '../schema.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  kind: string;
  dedupeKey: string;
  runAt: Date;
  payload?: Record<string, unknown>;
  maxAttempts?: number;
  maxLatenessSeconds?: number;
  /**
   * Claimed before every ordinary due job, whatever their due times: set from the kind's
   * JobSpec.urgent (the runner warns about an urgent kind enqueued without it), or for the
   * work of an urgent message (its plan).
   */
  urgent?: boolean;
}

const toRow = (job: NewJob) => ({
  kind: job.kind,
  dedupeKey: job.dedupeKey,
  runAt: job.runAt,
  payload: job.payload ?? {},
  // Unset, the columns take their defaults (a multi-row insert writes DEFAULT for them).
  maxAttempts: job.maxAttempts,
  maxLatenessSeconds: job.maxLatenessSeconds,
  urgent: job.urgent ?? false,
});

/** Enqueues a job; returns false when a job with that key already exists. */
export async function enqueueJob(db: DbOrTx, job: NewJob): Promise<boolean> {
  return (await enqueueJobs(db, [job])) > 0;
}

/** Enqueues jobs in one statement (a planner's batch); returns how many were new. */
export async function enqueueJobs(db: DbOrTx, batch: NewJob[]): Promise<number> {
  if (batch.length === 0) return 0;
  const inserted = await db
    .insert(jobs)
    .values(batch.map(toRow))
    .onConflictDoNothing({ target: jobs.dedupeKey })
    .returning({ id: jobs.id });
  return inserted.length;
}

/**
 * Claims up to `limit` due jobs, urgent ones first, then oldest due first and, at the same
 * time, in the order they were enqueued (a planner's order holds); and, besides, up to
 * `limit` jobs whose lease expired (a dead worker's). Each claim counts as an attempt. Rows
 * locked by another worker's claim are skipped, not waited for.
 * The due jobs come straight off the jobs_due index in the claim's order (urgent, run_at,
 * id), so a claim reads `limit` entries however many jobs are due (10,000 sends of a city
 * message); the expired leases off jobs_running_lease. Two subqueries, not one with OR:
 * an OR of the two conditions can use neither index's order and sorts every due row.
 */
export async function claimDueJobs(
  db: DbOrTx,
  workerId: string,
  now: Date,
  leaseSeconds: number,
  limit: number,
  { urgentOnly = false }: { urgentOnly?: boolean } = {},
): Promise<JobRow[]> {
  const lockedUntil = new Date(now.getTime() + leaseSeconds * 1000);
  const at = now.toISOString();
  // Urgent jobs come first in jobs_due: only urgent ones is the same scan, stopped sooner.
  const urgent = urgentOnly ? sql` and ${jobs.urgent}` : sql``;
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(sql`${jobs.status} = 'pending' and ${jobs.runAt} <= ${at}${urgent}`)
    .orderBy(sql`${jobs.urgent} desc nulls last`, jobs.runAt, jobs.id)
    .limit(limit)
    .for('update', { skipLocked: true });
  const expired = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(sql`${jobs.status} = 'running' and ${jobs.lockedUntil} < ${at}${urgent}`)
    .orderBy(jobs.lockedUntil)
    .limit(limit)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(jobs)
    .set({
      status: 'running',
      lockedBy: workerId,
      lockedUntil,
      attempts: sql`${jobs.attempts} + 1`,
    })
    .where(sql`${jobs.id} = any(array(${due}) || array(${expired}))`)
    .returning();
  // RETURNING follows the update's own order, not the subqueries'.
  return claimed.sort(byClaimOrder);
}

/** Urgent first, then due time, then enqueueing order: the order jobs should start in. */
export function byClaimOrder(a: JobRow, b: JobRow): number {
  return (
    Number(b.urgent) - Number(a.urgent) || a.runAt.getTime() - b.runAt.getTime() || a.id - b.id
  );
}

/** Ends a claimed job. Only the worker holding the lease may end it. */
export async function markJobDone(db: DbOrTx, id: number, workerId: string, now: Date) {
  await db
    .update(jobs)
    .set({ status: 'done', finishedAt: now, lockedBy: null, lockedUntil: null })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

export async function markJobDropped(
  db: DbOrTx,
  id: number,
  workerId: string,
  now: Date,
  reason: string,
) {
  await db
    .update(jobs)
    .set({
      status: 'dropped',
      finishedAt: now,
      lastError: reason,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

/** Records a failure: retried at `retryAt`, or failed for good after its last attempt. */
export async function markJobFailed(
  db: DbOrTx,
  job: Pick<JobRow, 'id' | 'attempts' | 'maxAttempts'>,
  workerId: string,
  error: string,
  retryAt: Date,
  now: Date,
) {
  const final = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: final ? 'failed' : 'pending',
      runAt: final ? sql`${jobs.runAt}` : retryAt,
      lastError: error.slice(0, 2000),
      finishedAt: final ? now : null,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
}

/** A job that asked to run later (JobDeferredError): pending again at `runAt`, its attempt
 * given back. Only the worker holding the lease may defer it. */
export async function markJobDeferred(
  db: DbOrTx,
  id: number,
  workerId: string,
  runAt: Date,
): Promise<void> {
  await db
    .update(jobs)
    .set({
      status: 'pending',
      runAt,
      lockedBy: null,
      lockedUntil: null,
      attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
    })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

/** On shutdown: gives back claimed jobs this worker has not started, without using an attempt. */
export async function releaseJobLeases(db: DbOrTx, workerId: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(jobs)
    .set({
      status: 'pending',
      lockedBy: null,
      lockedUntil: null,
      attempts: sql`greatest(${jobs.attempts} - 1, 0)`,
    })
    .where(and(inArray(jobs.id, ids), eq(jobs.lockedBy, workerId), eq(jobs.status, 'running')));
}

export async function findJob(db: DbOrTx, dedupeKey: string): Promise<JobRow | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.dedupeKey, dedupeKey));
  return row;
}

/** Deletes finished jobs older than `before` (their keys may then be reused). */
export async function deleteFinishedJobsBefore(db: DbOrTx, before: Date): Promise<number> {
  const deleted = await db
    .delete(jobs)
    .where(and(inArray(jobs.status, ['done', 'dropped', 'failed']), lt(jobs.finishedAt, before)))
    .returning({ id: jobs.id });
  return deleted.length;
}

/**
 * Removes the pending jobs whose key starts with `keyPrefix` (an event moved or cancelled:
 * its reminders go). A job already running finishes; its handler re-checks what it is for.
 */
export async function cancelPendingJobs(db: DbOrTx, keyPrefix: string): Promise<number> {
  const escaped = keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  const deleted = await db
    .delete(jobs)
    .where(and(eq(jobs.status, 'pending'), like(jobs.dedupeKey, `${escaped}%`)))
    .returning({ id: jobs.id });
  return deleted.length;
}

/** Moves a pending job to another time; false when there is no such pending job. */
export async function rescheduleJob(db: DbOrTx, dedupeKey: string, runAt: Date): Promise<boolean> {
  const updated = await db
    .update(jobs)
    .set({ runAt })
    .where(and(eq(jobs.dedupeKey, dedupeKey), eq(jobs.status, 'pending')))
    .returning({ id: jobs.id });
  return updated.length > 0;
}
