// When a city's local event is announced in its groups. A week before, at 10:00 Paris time:
// a week leaves neighbours time to make room for it (a weekend's plans, someone to mind the
// children, a dish or a table to bring) and is near enough to be remembered; a morning hour
// is when groups read, and wakes nobody. An event added later than that is announced at once
// in the daytime (9:00–20:00), otherwise at the next 10:00; after 20:00 the day before, it is
// not announced any more (the event's hour is not known: the next morning may be too late).
// Partner cities are French communes, so Paris time; overseas cities see it converted.
import { addDays } from '../calendar/iso-dates.ts';
import { hourIn, localDateTimeToUtc, todayIn } from '../zoned-time.ts';

export const ANNOUNCE_DAYS_BEFORE = 7;
const ANNOUNCE_AT = '10:00';
const DAYTIME = { from: 9, to: 20 };
const LAST_MOMENT = '20:00';
const ZONE = 'Europe/Paris';

/** The last instant an event of `date` (YYYY-MM-DD) may still be announced. */
export function lastAnnouncementMoment(date: string): Date {
  return localDateTimeToUtc(addDays(date, -1), LAST_MOMENT, ZONE);
}

/**
 * How late a job due at `from` may run and still announce an event of `date` (its
 * maxLatenessSeconds): until the last moment, and at least a minute.
 */
export function latenessUntilLastMoment(date: string, from: Date): number {
  return Math.max(60, Math.floor((lastAnnouncementMoment(date).getTime() - from.getTime()) / 1000));
}

/** When to announce an event of `date`, seen at `now`; undefined when it is too late. */
export function announcementTime(date: string, now: Date): Date | undefined {
  const planned = localDateTimeToUtc(addDays(date, -ANNOUNCE_DAYS_BEFORE), ANNOUNCE_AT, ZONE);
  let at = planned;
  if (planned < now) {
    const hour = hourIn(now, ZONE);
    const today = todayIn(now, ZONE);
    if (hour >= DAYTIME.from && hour < DAYTIME.to) at = now;
    else
      at = localDateTimeToUtc(hour < DAYTIME.from ? today : addDays(today, 1), ANNOUNCE_AT, ZONE);
  }
  return at <= lastAnnouncementMoment(date) ? at : undefined;
}
