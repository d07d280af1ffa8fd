// When a city's local event is announced in its groups. A week before, at 10:00 Paris time:
// a week leaves neighbours time to make room for it (a weekend's plans, someone to mind the
// children, a dish or a table to bring) and is near enough to be remembered; a morning hour
// is when groups read, and wakes nobody. An event added later than that is announced at once
// in the daytime (9:00–20:00), otherwise at the next 10:00; after 20:00 the day before, it is
// not announced any more (the next morning may be too late, and the city may not have given
// an hour). A group that joins after the announcement gets it in the daytime too, until then.
//
// A change that matters (change-rule.ts) is told to the groups already told, gathered: half
// an hour after the city's last change (ten edits in an hour make one message), at most two
// hours after the first one not told yet (an edit every twenty minutes cannot hold it back),
// and at most two rounds of changes in any four hours, in the daytime, and never after 20:00
// the eve of the event's (new) date: if waiting would pass it, at once in the daytime.
// Why two in four hours: the spacing is there so that a group is not written to about one
// event again and again; but a city that sees a slip in what it just sent (the new hour
// typed 16:00 for 17:00) must be able to put it right before neighbours make plans, not
// four hours later. So the round after a round comes half an hour after the city's last
// edit, like any other; a third change within four hours of the first of those two rounds
// waits until those four hours are over (groups told twice lately are not told a third
// time). A group whose message of a round had not gone out yet when the city changed the
// event again is not held back by any of this: its message goes on at once, in the daytime,
// in the event's latest form, and it is told once (waitingSendTime).
// A cancellation is told at once in the daytime, otherwise at
// 9:00, as long as the event has not started (its hour, or noon on its day without one): a
// neighbour who reads it on the morning of the day is spared the trip.
// Partner cities are French communes, so Paris time; overseas cities see it converted.
import { addDays } from '../calendar/iso-dates.ts';
import { hourIn, localDateTimeToUtc, todayIn } from '../zoned-time.ts';

export const ANNOUNCE_DAYS_BEFORE = 7;
const ANNOUNCE_AT = '10:00';
const CANCEL_MORNING = '09:00';
const DAYTIME = { from: 9, to: 20 };
const LAST_MOMENT = '20:00';
const NOON = '12:00';
const ZONE = 'Europe/Paris';
const MINUTE = 60_000;
const SETTLE_MS = 30 * MINUTE;
const MAX_WAIT_MS = 120 * MINUTE;
/** At most two rounds of change messages within this time. */
const TWO_ROUNDS_WITHIN_MS = 240 * MINUTE;

/** The last instant an event of `date` (YYYY-MM-DD) may still be announced. */
export function lastAnnouncementMoment(date: string): Date {
  return localDateTimeToUtc(addDays(date, -1), LAST_MOMENT, ZONE);
}

/**
 * How late a job due at `from` may run and still announce an event of `date` (its
 * maxLatenessSeconds): until the last moment, and at least a minute.
 */
export function latenessUntilLastMoment(date: string, from: Date): number {
  return latenessUntil(lastAnnouncementMoment(date), from);
}

/** How late a job due at `from` may run before `deadline` (at least a minute). */
export function latenessUntil(deadline: Date, from: Date): number {
  return Math.max(60, Math.floor((deadline.getTime() - from.getTime()) / 1000));
}

/** Whether groups may be written to at `at` (9:00–20:00 Paris). */
export function isDaytime(at: Date): boolean {
  const hour = hourIn(at, ZONE);
  return hour >= DAYTIME.from && hour < DAYTIME.to;
}

/** `at` when it falls in the daytime, else the next morning at `morning` (Paris). */
function inDaytime(at: Date, morning = ANNOUNCE_AT): Date {
  if (isDaytime(at)) return at;
  const today = todayIn(at, ZONE);
  const day = hourIn(at, ZONE) < DAYTIME.from ? today : addDays(today, 1);
  return localDateTimeToUtc(day, morning, ZONE);
}

/** When to announce an event of `date`, seen at `now`; undefined when it is too late. */
export function announcementTime(date: string, now: Date): Date | undefined {
  const planned = localDateTimeToUtc(addDays(date, -ANNOUNCE_DAYS_BEFORE), ANNOUNCE_AT, ZONE);
  const at = planned < now ? inDaytime(now) : planned;
  return at <= lastAnnouncementMoment(date) ? at : undefined;
}

/**
 * When to tell the groups already told of an event (now of `date`) what changed, seen at
 * `now`: `since` is the first change not told yet, `roundBefore` the round of change messages
 * before the last one (the last one was before `since`, so the settle delay keeps half an hour
 * between two rounds). Undefined when it is too late.
 */
export function changeRoundTime(
  date: string,
  now: Date,
  since: Date,
  roundBefore: Date | null,
): Date | undefined {
  let at = Math.min(now.getTime() + SETTLE_MS, since.getTime() + MAX_WAIT_MS);
  if (roundBefore) at = Math.max(at, roundBefore.getTime() + TWO_ROUNDS_WITHIN_MS);
  const last = lastAnnouncementMoment(date);
  const gathered = inDaytime(new Date(Math.max(at, now.getTime())));
  if (gathered <= last) return gathered;
  // Waiting would pass the eve: at once (in the daytime) rather than never.
  const soon = inDaytime(now);
  return soon <= last ? soon : undefined;
}

/**
 * When the messages of a round that had not gone out yet go on after the city changed the
 * event again (in its latest form): at once in the daytime, else at 9:00; undefined after
 * 20:00 the eve.
 */
export function waitingSendTime(date: string, now: Date): Date | undefined {
  const at = inDaytime(now, CANCEL_MORNING);
  return at <= lastAnnouncementMoment(date) ? at : undefined;
}

/** Until when a cancellation of an event of `date` (and `time`, if given) is worth telling. */
export function cancellationDeadline(date: string, time: string | null): Date {
  return localDateTimeToUtc(date, time ?? NOON, ZONE);
}

/** When to tell the groups told that the event is cancelled; undefined when too late. */
export function cancellationTime(date: string, time: string | null, now: Date): Date | undefined {
  const at = inDaytime(now, CANCEL_MORNING);
  return at < cancellationDeadline(date, time) ? at : undefined;
}
