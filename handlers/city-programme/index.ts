// A partner city's programme in its groups: its local events (added in the console's
// programme page) are announced, once, to the groups of its communes that accept city
// messages (`/parametres messages`), a week before; a group that joins later gets the
// announcement too until the eve; the groups told are told again, once, when something that
// matters changes, and when the event is cancelled (announcement-time.ts says when,
// change-rule.ts what matters). Each round (the plan, the catch-up, a round of changes, the
// cancellation) records one message per group and enqueues one send job each;
// send-announcement.ts sends them, never twice and never in an old form.
import {
  findEventsToCatchUp,
  markLocalEventAnnounced,
  markLocalEventRound,
} from '../../db/queries/city-programme.ts';
import { enqueueJobs, type NewJob } from '../../db/queries/jobs.ts';
import {
  addCancellations,
  addChangeMessages,
  findLocalEvent,
  findPendingAnnouncements,
  findToldGroups,
  planAnnouncements,
  purgeAnnouncements,
  type AnnouncementKind,
} from '../../db/queries/local-event-announcements.ts';
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
 * once, until the eve. One statement for every event announced and still to come.
 */
async function runCatchUp(_payload: Record<string, unknown>, { deps, now }: JobContext) {
  if (!isDaytime(now)) return;
  const events = await findEventsToCatchUp(deps.db, todayIn(now, ZONE));
  if (events.length === 0) return;
  const byId = new Map(events.map((e) => [e.id, e]));
  const rows = await deps.db.transaction(async (tx) => {
    const made = await planAnnouncements(
      tx,
      events.map((e) => e.id),
    );
    for (let i = 0; i < made.length; i += PAGE) {
      await enqueueJobs(
        tx,
        made.slice(i, i + PAGE).map((row) => {
          const event = byId.get(row.eventId)!;
          return sendJob(event, row, now, lastAnnouncementMoment(event.date));
        }),
      );
    }
    return made.length;
  });
  if (rows > 0) deps.logger.info({ groups: rows }, 'local events announced to groups that joined');
}

async function runPurge(_payload: Record<string, unknown>, { deps, now }: JobContext) {
  const before = addDays(todayIn(now, ZONE), -KEEP_DAYS_AFTER_EVENT);
  const purged = await purgeAnnouncements(deps.db, before);
  if (purged > 0) deps.logger.info({ purged }, 'local event announcements purged');
}
