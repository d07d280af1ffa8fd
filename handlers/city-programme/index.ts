// A partner city's programme in its groups: its local events (added in the console's
// programme page) are announced, once, to the groups of its communes that accept city
// messages (`/parametres messages`), a week before; a group that joins later gets the
// announcement too until the eve; the groups told are told again, once, when something that
// matters changes, and when the event is cancelled (announcement-time.ts says when,
// change-rule.ts what matters). A group told of an event that was away from the city's
// messages (the bot removed, "non") when a change or the cancellation was told, and comes
// back in time, is told then, once (the catch-up). Each round (the plan, the catch-up, a
// round of changes, the cancellation) records one message per group and enqueues one send
// job each; send-announcement.ts sends them, never twice and never in an old form.
import {
  findCancelledEventsToCatchUp,
  findEventsToCatchUp,
  markLocalEventAnnounced,
  markLocalEventRound,
} from '../../db/queries/city-programme.ts';
import { enqueueJobs, type NewJob } from '../../db/queries/jobs.ts';
import {
  findLocalEvent,
  findPendingAnnouncements,
  findToldGroups,
  purgeAnnouncements,
  type AnnouncementKind,
} from '../../db/queries/local-event-announcements.ts';
import {
  addCancellations,
  addChangeMessages,
  planAnnouncements,
  reviveMissedMessages,
  type NewRow,
} from '../../db/queries/local-event-rounds.ts';
import type { DbOrTx } from '../../db/client.ts';
import { addDays } from '../calendar/iso-dates.ts';
import type { Deps } from '../deps.ts';
import type { Feature, JobContext } from '../feature.ts';
import { inPages } from '../jobs/in-pages.ts';
import { todayIn } from '../zoned-time.ts';
import {
  cancellationDeadline,
  isDaytime,
  lastAnnouncementMoment,
  latenessUntil,
} from './announcement-time.ts';
import { whatChanged } from './change-rule.ts';
import { revisionJobPrefix } from './schedule.ts';
import { runSend, SEND_MAX_ATTEMPTS } from './send-announcement.ts';

export {
  INTERRUPTED,
  NOT_IN_GROUP,
  OPTED_OUT,
  UNSURE,
} from '../../db/queries/local-event-announcements.ts';

const PAGE = 1_000;
/** Announcements are forgotten this long after their event's day. */
const KEEP_DAYS_AFTER_EVENT = 30;
const ZONE = 'Europe/Paris';

export function createCityProgrammeFeature(): Feature {
  return {
    name: 'city-programme',
    jobs: [
      { kind: 'localEventPlan', run: runPlan },
      { kind: 'localEventRound', run: runRound },
      { kind: 'localEventCancel', run: runCancel },
      { kind: 'localEventSend', run: runSend },
      { kind: 'localEventCatchUp', run: runCatchUp },
      { kind: 'localEventPurge', run: runPurge },
    ],
    recurring: [
      // In the daytime only (Paris, the scheduler's zone): a group that joined at night is
      // told at 9:00.
      { kind: 'localEventCatchUp', cron: '*/10 9-19 * * *' },
      { kind: 'localEventPurge', cron: '50 3 * * *' },
    ],
  };
}

interface EventRevision {
  id: number;
  revision: number;
}

const sendJob = (
  event: EventRevision,
  row: { id: number; round: number },
  runAt: Date,
  deadline: Date,
): NewJob => ({
  kind: 'localEventSend',
  dedupeKey: `${revisionJobPrefix(event.id, event.revision)}${row.id}.${row.round}`,
  runAt,
  payload: { announcementId: row.id },
  maxAttempts: SEND_MAX_ATTEMPTS,
  maxLatenessSeconds: latenessUntil(deadline, runAt),
});

/** One send job for each of the event's messages of `kind` still waiting (again: same key). */
async function enqueuePending(
  db: DbOrTx,
  event: EventRevision,
  kind: AnnouncementKind,
  now: Date,
  deadline: Date,
): Promise<void> {
  let batch: NewJob[] = [];
  for await (const row of inPages(
    (after) => findPendingAnnouncements(db, event.id, kind, after, PAGE),
    (r) => r.id,
  )) {
    batch.push(sendJob(event, row, now, deadline));
    if (batch.length >= PAGE) {
      await enqueueJobs(db, batch);
      batch = [];
    }
  }
  await enqueueJobs(db, batch);
}

/** Whether a round's job is for the event as it is (an older plan's job has nothing to do). */
function isCurrent(event: { revision: number; date: string }, payload: Record<string, unknown>) {
  // Plans enqueued before revisions were counted carry the date they were planned for.
  return payload.revision === undefined
    ? event.date === payload.date
    : event.revision === Number(payload.revision);
}

/** At the announcement's time: one announcement per group, one send job each. */
async function runPlan(payload: Record<string, unknown>, { deps, now }: JobContext) {
  const event = await findLocalEvent(deps.db, Number(payload.eventId));
  // Removed, or changed since this plan (the change planned again).
  if (!event || event.cancelledAt || !isCurrent(event, payload)) return;
  const deadline = lastAnnouncementMoment(event.date);
  if (now > deadline) return;
  await markLocalEventAnnounced(deps.db, event.id, event.revision, now);
  await planAnnouncements(deps.db, [event.id]);
  await enqueuePending(deps.db, event, 'announcement', now, deadline);
  deps.logger.info({ eventId: event.id, partnerId: event.partnerId }, 'local event announced');
}

/**
 * A round of changes: each group told whose last form differs in what matters from the
 * event's gets one change message; then the waiting ones are sent (also after a save that
 * removed their jobs). `waitingOnly`: only the latter, the round itself waits for its time.
 */
async function runRound(payload: Record<string, unknown>, { deps, now }: JobContext) {
  const event = await findLocalEvent(deps.db, Number(payload.eventId));
  if (!event || event.cancelledAt || !isCurrent(event, payload)) return;
  const deadline = lastAnnouncementMoment(event.date);
  if (event.changedSince && payload.waitingOnly !== true) {
    if (now > deadline) {
      await markLocalEventRound(deps.db, event.id, event.revision, undefined);
      deps.logger.warn({ eventId: event.id }, 'local event change: too late to tell the groups');
      return;
    }
    for await (const page of toldPages(deps, event.id)) {
      const changed = page.filter((g) => whatChanged(g, event).length > 0).map((g) => g.chatId);
      await addChangeMessages(deps.db, event.id, changed);
    }
    await markLocalEventRound(deps.db, event.id, event.revision, now);
  }
  await enqueuePending(deps.db, event, 'change', now, deadline);
}

async function* toldPages(deps: Deps, eventId: number) {
  for (let after = 0; ;) {
    const page = await findToldGroups(deps.db, eventId, after, PAGE);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.chatId;
  }
}

/** The cancellation of an event told to some groups: one message for each of them. */
async function runCancel(payload: Record<string, unknown>, { deps, now }: JobContext) {
  const event = await findLocalEvent(deps.db, Number(payload.eventId));
  if (!event?.cancelledAt || !isCurrent(event, payload)) return;
  const deadline = cancellationDeadline(event.date, event.time);
  if (now >= deadline) {
    await markLocalEventRound(deps.db, event.id, event.revision, undefined);
    return;
  }
  await addCancellations(deps.db, event.id);
  await markLocalEventRound(deps.db, event.id, event.revision, now);
  await enqueuePending(deps.db, event, 'cancellation', now, deadline);
  deps.logger.info({ eventId: event.id }, 'local event cancellation planned');
}

/**
 * Every ten minutes in the daytime: the groups that joined a city (the bot added, a commune
 * set, city messages accepted again) since its events were announced get the announcement,
 * once, until the eve; the groups told of an event that missed a change of it or its
 * cancellation while away from the city's messages, and are back, get it then (even when the
 * event moved weeks later and is not announced to new groups yet): the change says what
 * changed since what they were told, the event as it now is (until the eve); the
 * cancellation, until the event starts. One statement for each kind, for every event still
 * to come.
 */
async function runCatchUp(_payload: Record<string, unknown>, { deps, now }: JobContext) {
  if (!isDaytime(now)) return;
  const today = todayIn(now, ZONE);
  const events = await findEventsToCatchUp(deps.db, today);
  const cancelled = (await findCancelledEventsToCatchUp(deps.db, today)).filter(
    (e) => cancellationDeadline(e.date, e.time) > now,
  );
  if (events.length === 0 && cancelled.length === 0) return;
  const deadlines = new Map<number, { event: EventRevision; deadline: Date }>([
    ...events.map((e) => [e.id, { event: e, deadline: lastAnnouncementMoment(e.date) }] as const),
    ...cancelled.map(
      (e) => [e.id, { event: e, deadline: cancellationDeadline(e.date, e.time) }] as const,
    ),
  ]);
  const enqueue = async (tx: DbOrTx, made: NewRow[]) => {
    for (let i = 0; i < made.length; i += PAGE) {
      await enqueueJobs(
        tx,
        made.slice(i, i + PAGE).map((row) => {
          const { event, deadline } = deadlines.get(row.eventId)!;
          return sendJob(event, row, now, deadline);
        }),
      );
    }
    return made.length;
  };
  const counts = await deps.db.transaction(async (tx) => {
    const announced = events.filter((e) => e.announced).map((e) => e.id);
    return {
      announcements: await enqueue(tx, await planAnnouncements(tx, announced)),
      changes: await enqueue(
        tx,
        await reviveMissedMessages(
          tx,
          events.map((e) => e.id),
          'change',
        ),
      ),
      cancellations: await enqueue(
        tx,
        await reviveMissedMessages(
          tx,
          cancelled.map((e) => e.id),
          'cancellation',
        ),
      ),
    };
  });
  if (counts.announcements + counts.changes + counts.cancellations > 0) {
    deps.logger.info(counts, 'local events told to groups that joined or came back');
  }
}

async function runPurge(_payload: Record<string, unknown>, { deps, now }: JobContext) {
  const before = addDays(todayIn(now, ZONE), -KEEP_DAYS_AFTER_EVENT);
  const purged = await purgeAnnouncements(deps.db, before);
  if (purged > 0) deps.logger.info({ purged }, 'local event announcements purged');
}
