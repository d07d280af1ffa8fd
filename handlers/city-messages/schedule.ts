// Starting and stopping a city message's sending, for the console (web/): "send" turns the
// draft whose preview was shown into a scheduled message and enqueues the durable job that
// plans it at its time (both at once, and once: a double click schedules one sending).
// Cancelling removes its jobs still waiting and marks its deliveries not yet sent, so a job
// already claimed finds nothing to do (a send under way finishes: its turn is at most a
// second or two away).
import type { Db, DbOrTx } from '../../db/client.ts';
import { cancelCityMessage, markCityMessageScheduled } from '../../db/queries/city-messages.ts';
import { cancelPendingJobs, enqueueJob } from '../../db/queries/jobs.ts';

/** How late a planned message may still go out after an outage (then it is dropped, logged). */
const PLAN_MAX_LATENESS_SECONDS = 12 * 3600;

export const planJobKey = (messageId: number) => `city:plan:${messageId}`;
/** Every send job of one message starts with this (cancelled together). */
export const sendJobPrefix = (messageId: number) => `city:${messageId}:`;

/** Schedules a partner's draft; false when it was not a draft any more (already sent). */
export async function scheduleCityMessage(
  db: Db,
  partnerId: number,
  messageId: number,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const scheduled = await markCityMessageScheduled(tx, partnerId, messageId, now);
    if (!scheduled) return false;
    await enqueueJob(tx, {
      kind: 'cityMessagePlan',
      dedupeKey: planJobKey(messageId),
      runAt: scheduled.sendAt,
      payload: { messageId },
      // An urgent message is planned ahead of ordinary jobs too, not only sent ahead.
      urgent: scheduled.urgent,
      maxLatenessSeconds: PLAN_MAX_LATENESS_SECONDS,
    });
    return true;
  });
}

/** Cancels a partner's message: false when it was already sent or cancelled. */
export async function cancelCityMessageSending(
  db: DbOrTx,
  partnerId: number,
  messageId: number,
  now: Date,
): Promise<boolean> {
  if (!(await cancelCityMessage(db, partnerId, messageId, now))) return false;
  await cancelPendingJobs(db, planJobKey(messageId));
  await cancelPendingJobs(db, sendJobPrefix(messageId));
  return true;
}
