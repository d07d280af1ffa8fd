// Adding, changing and removing a city's local event with what it tells the groups, for the
// console (web/): the event and the durable jobs that tell the groups are written together,
// and the console is told what will happen (announcement-time.ts says when, change-rule.ts
// what counts as a change).
// Every save counts a revision, and every job of the event carries it in its key
// (`local-event:<id>:r<revision>:…`): a save removes the event's jobs still waiting and plans
// again what is left to do (the announcement to the groups not told yet, a round of changes
// for the groups told, the change messages of a round not sent yet), so nothing waits in an
// old form; a job already running checks the revision before it sends.
import {
  addLocalEvent,
  deleteLocalEvent,
  findLocalEventToChange,
  saveLocalEvent,
  type LocalEventFields,
  type LocalEventRow,
} from '../../db/queries/city-programme.ts';
import { cancelPendingJobs, enqueueJob } from '../../db/queries/jobs.ts';
import {
  cancelPendingAnnouncements,
  hasToldGroups,
  hasWaitingMessages,
} from '../../db/queries/local-event-announcements.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import {
  announcementTime,
  cancellationDeadline,
  cancellationTime,
  changeRoundTime,
  latenessUntil,
  latenessUntilLastMoment,
  waitingSendTime,
} from './announcement-time.ts';
import { whatChanged, type Aspect } from './change-rule.ts';

/** Every job of one event starts with this (removed together). */
export const eventJobPrefix = (eventId: number) => `local-event:${eventId}:`;
/** The jobs of one revision of an event. */
export const revisionJobPrefix = (eventId: number, revision: number) =>
  `${eventJobPrefix(eventId)}r${revision}:`;

export type LocalEventInput = LocalEventFields;

/** Every field set (what is not given is null). */
const toFields = (input: LocalEventInput) => ({
  date: input.date,
  title: input.title,
  time: input.time ?? null,
  place: input.place ?? null,
  description: input.description ?? null,
});

/** What a save does for the groups, as the console says it. */
export type AnnouncementPlan =
  /** The announcement goes out then (now, in the daytime, or a week before). */
  | { announce: Date }
  /** Saved after 20:00 the eve: not announced. */
  | { announce: 'too_late' }
  /** Already announced (nothing new for the groups not told). */
  | { announce: 'done' };

export type ChangePlan =
  /** No group was told yet: nothing to tell of a change. */
  | { change: 'none' }
  /** Only the description, or a typo: the groups told are not told again. */
  | { change: 'minor' }
  /** The groups told are told what changed, at that time. */
  | { change: Aspect[]; at: Date }
  /** Too late to tell them (after 20:00 the eve). */
  | { change: Aspect[]; at: 'too_late' };

export type CancelPlan = { cancel: 'deleted' } | { cancel: Date | 'too_late'; told: true };

async function enqueuePlan(db: DbOrTx, eventId: number, revision: number, date: string, at: Date) {
  await enqueueJob(db, {
    kind: 'localEventPlan',
    dedupeKey: `${revisionJobPrefix(eventId, revision)}plan`,
    runAt: at,
    payload: { eventId, revision, date },
    // Late (the bot was down) but still before the eve: announced; after, dropped.
    maxLatenessSeconds: latenessUntilLastMoment(date, at),
  });
}

/**
 * A round of change messages at `at`; or, `waitingOnly`, the sends of the change messages
 * already made and not sent yet (no new round: the groups told are not looked at).
 */
async function enqueueRound(
  db: DbOrTx,
  event: LocalEventRow,
  at: Date,
  { waitingOnly = false }: { waitingOnly?: boolean } = {},
) {
  await enqueueJob(db, {
    kind: 'localEventRound',
    dedupeKey: `${revisionJobPrefix(event.id, event.revision)}${waitingOnly ? 'waiting' : 'round'}`,
    runAt: at,
    payload: {
      eventId: event.id,
      revision: event.revision,
      ...(waitingOnly ? { waitingOnly } : {}),
    },
    maxLatenessSeconds: latenessUntilLastMoment(event.date, at),
  });
}

/** Adds a partner's event and plans its announcement. */
export async function addLocalEventAnnounced(
  db: Db,
  partnerId: number,
  event: LocalEventInput,
  now: Date,
): Promise<{ id: number } & AnnouncementPlan> {
  return db.transaction(async (tx) => {
    const at = announcementTime(event.date, now);
    const id = await addLocalEvent(tx, { partnerId, ...toFields(event), announceAt: at ?? null });
    if (at) await enqueuePlan(tx, id, 1, event.date, at);
    return { id, announce: at ?? 'too_late' };
  });
}

/**
 * Changes a partner's event: the groups not told yet are told its new form at the
 * announcement's time; the groups told are told what changed when it matters (a round of
 * changes, gathered). Undefined when the event is not the partner's (or is cancelled).
 */
export async function changeLocalEventAnnounced(
  db: Db,
  partnerId: number,
  eventId: number,
  changed: LocalEventInput,
  now: Date,
): Promise<(AnnouncementPlan & ChangePlan) | undefined> {
  const input = toFields(changed);
  return db.transaction(async (tx) => {
    const old = await findLocalEventToChange(tx, partnerId, eventId);
    if (!old) return undefined;
    const revision = old.revision + 1;
    await cancelPendingJobs(tx, eventJobPrefix(eventId));

    // The groups not told yet (and those that join later).
    const at = announcementTime(input.date, now);
    const announceLater = at !== undefined && at > now;
    const announce: AnnouncementPlan['announce'] =
      at === undefined ? 'too_late' : old.announcedAt && !announceLater ? 'done' : at;
    if (at) await enqueuePlan(tx, eventId, revision, input.date, at);

    // The groups told.
    const aspects = whatChanged(old, input);
    const told = await hasToldGroups(tx, eventId);
    const changedSince = !told
      ? null
      : aspects.length > 0
        ? (old.changedSince ?? now)
        : old.changedSince;
    let change: ChangePlan = !told
      ? { change: 'none' }
      : aspects.length === 0
        ? { change: 'minor' }
        : { change: aspects, at: 'too_late' };
    let roundAt: Date | null = null;
    if (changedSince) {
      // A change that matters (now or earlier) waits for its round: this one gathers it, or
      // moves it later (a change of the description alone moves nothing).
      const keep = aspects.length === 0 && old.roundAt ? old.roundAt : undefined;
      roundAt = keep ?? changeRoundTime(input.date, now, changedSince, old.roundBeforeAt) ?? null;
      if (aspects.length > 0 && told) change = { change: aspects, at: roundAt ?? 'too_late' };
    }
    const next = {
      ...input,
      revision,
      announceAt: at ?? null,
      announcedAt: announceLater ? null : old.announcedAt,
      changedSince,
      roundAt,
    };
    await saveLocalEvent(tx, eventId, next);
    const saved = { ...old, ...next };
    if (roundAt) await enqueueRound(tx, saved, roundAt);
    // The change messages of a round that had not gone out yet (this save removed their
    // jobs): on at once, in this form, whatever the next round's time; the groups they are
    // for have not been told of the round, so no spacing holds them back.
    const waitingAt = told ? waitingSendTime(input.date, now) : undefined;
    if (waitingAt && !(roundAt && roundAt <= waitingAt)) {
      if (await hasWaitingMessages(tx, eventId, 'change')) {
        await enqueueRound(tx, saved, waitingAt, { waitingOnly: true });
      }
    }
    return { announce, ...change };
  });
}

/**
 * Removes a partner's event. Never told to any group, it goes with its waiting jobs; told to
 * some, it is kept as cancelled, and the groups told are told so (until the event starts).
 * Undefined when the event is not the partner's (or is cancelled already).
 */
export async function removeLocalEventAnnounced(
  db: Db,
  partnerId: number,
  eventId: number,
  now: Date,
): Promise<CancelPlan | undefined> {
  return db.transaction(async (tx) => {
    const old = await findLocalEventToChange(tx, partnerId, eventId);
    if (!old) return undefined;
    await cancelPendingJobs(tx, eventJobPrefix(eventId));
    if (!(await hasToldGroups(tx, eventId))) {
      await deleteLocalEvent(tx, eventId);
      return { cancel: 'deleted' };
    }
    const revision = old.revision + 1;
    const at = cancellationTime(old.date, old.time, now);
    await cancelPendingAnnouncements(tx, eventId);
    await saveLocalEvent(tx, eventId, {
      revision,
      cancelledAt: now,
      changedSince: null,
      roundAt: at ?? null,
    });
    if (at) {
      await enqueueJob(tx, {
        kind: 'localEventCancel',
        dedupeKey: `${revisionJobPrefix(eventId, revision)}cancel`,
        runAt: at,
        payload: { eventId, revision },
        maxLatenessSeconds: latenessUntil(cancellationDeadline(old.date, old.time), at),
      });
    }
    return { cancel: at ?? 'too_late', told: true };
  });
}
