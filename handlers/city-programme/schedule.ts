// Adding, changing and removing a city's local event with its announcement, for the console
// (web/): the event and the durable job that announces it at its time are written together.
// Each plan has its own version in its jobs' keys (`local-event:<id>:<version>:…`): a change
// removes the jobs of the old plan still waiting and plans again, so a group is never told the
// old form; a job of the old plan already running checks the event before it sends.
import { randomBytes } from 'node:crypto';
import {
  addLocalEvent,
  changeLocalEvent,
  removeLocalEvent,
} from '../../db/queries/city-programme.ts';
import { cancelPendingJobs, enqueueJob } from '../../db/queries/jobs.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { announcementTime, latenessUntilLastMoment } from './announcement-time.ts';

/** Every job of one event starts with this (removed together). */
export const eventJobPrefix = (eventId: number) => `local-event:${eventId}:`;

export interface LocalEventInput {
  date: string;
  title: string;
}

/** Enqueues the plan of an event's announcement; false when it is too late to announce it. */
async function planAnnouncement(
  db: DbOrTx,
  eventId: number,
  event: LocalEventInput,
  now: Date,
): Promise<boolean> {
  const at = announcementTime(event.date, now);
  if (!at) return false;
  const version = `${now.getTime().toString(36)}${randomBytes(3).toString('hex')}`;
  await enqueueJob(db, {
    kind: 'localEventPlan',
    dedupeKey: `${eventJobPrefix(eventId)}${version}:plan`,
    runAt: at,
    payload: { eventId, version, date: event.date },
    // Late (the bot was down) but still before the event: announced; after, dropped.
    maxLatenessSeconds: latenessUntilLastMoment(event.date, at),
  });
  return true;
}

/** Adds a partner's event and plans its announcement; returns the event's id. */
export async function addLocalEventAnnounced(
  db: Db,
  partnerId: number,
  event: LocalEventInput,
  now: Date,
): Promise<number> {
  return db.transaction(async (tx) => {
    const id = await addLocalEvent(tx, { partnerId, ...event });
    await planAnnouncement(tx, id, event, now);
    return id;
  });
}

/**
 * Changes a partner's event: the old plan's waiting jobs go, and a new plan announces the new
 * form (to the groups not told yet: a group already told is not told again). False when the
 * event is not the partner's.
 */
export async function changeLocalEventAnnounced(
  db: Db,
  partnerId: number,
  eventId: number,
  event: LocalEventInput,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await changeLocalEvent(tx, partnerId, eventId, event))) return false;
    await cancelPendingJobs(tx, eventJobPrefix(eventId));
    await planAnnouncement(tx, eventId, event, now);
    return true;
  });
}

/** Removes a partner's event, its announcements and their jobs; false when not the partner's. */
export async function removeLocalEventAnnounced(
  db: Db,
  partnerId: number,
  eventId: number,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await removeLocalEvent(tx, partnerId, eventId))) return false;
    await cancelPendingJobs(tx, eventJobPrefix(eventId));
    return true;
  });
}
