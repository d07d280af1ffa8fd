// The iCalendar text of one event (RFC 5545) through ical-generator, with the VTIMEZONE of
// the group's zone. Loaded with the first calendar file (ics-file.ts's toIcsFile), not at
// startup: most processes never send one.
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import type { CalendarEntry } from './ics-file.ts';
import { addDays } from './iso-dates.ts';
import { localDateTimeToUtc } from '../zoned-time.ts';

/** How long a gathering with a start time lasts in the calendar (it has no end time). */
const TIMED_DURATION_MINUTES = 180;
/** Reminders: two hours before a timed event, 18:00 the evening before an all-day one. */
const TIMED_ALARM_SECONDS = 2 * 3600;
const ALL_DAY_ALARM_SECONDS = 6 * 3600;

/** Whether the VTIMEZONE tables know the zone (all IANA zones of France's overseas do). */
function knownZone(timeZone: string): boolean {
  try {
    return getVtimezoneComponent(timeZone) !== null;
  } catch {
    return false;
  }
}

/** Local wall-clock time, as ical-generator reads a Date when the event has a time zone. */
function wallClock(date: string, time: string): Date {
  return new Date(`${date}T${time}:00Z`);
}

export function toIcsText(entry: CalendarEntry): string {
  const calendar = ical({
    prodId: { company: 'Voisins solidaires', product: 'bot', language: 'FR' },
    method: entry.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
  });
  // No calendar-wide zone: ical-generator would write DTSTAMP in it, and DTSTAMP is UTC.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  const common = {
    id: entry.uid,
    sequence: entry.sequence,
    stamp: entry.now,
    summary: entry.summary,
    status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(entry.description ? { description: entry.description } : {}),
    ...(entry.location ? { location: entry.location } : {}),
  };
  let alarm: number;
  if (entry.time) {
    const zoned = knownZone(entry.timeZone);
    const start = zoned
      ? wallClock(entry.date, entry.time)
      : localDateTimeToUtc(entry.date, entry.time, entry.timeZone);
    calendar.createEvent({
      ...common,
      start,
      end: new Date(start.getTime() + TIMED_DURATION_MINUTES * 60_000),
      ...(zoned ? { timezone: entry.timeZone } : {}),
    });
    alarm = TIMED_ALARM_SECONDS;
  } else {
    calendar.createEvent({
      ...common,
      allDay: true,
      start: wallClock(entry.date, '00:00'),
      // DTEND of an all-day event is the day after its last day.
      end: wallClock(addDays(entry.lastDate ?? entry.date, 1), '00:00'),
    });
    alarm = ALL_DAY_ALARM_SECONDS;
  }
  if (!entry.cancelled) {
    calendar.events()[0]!.createAlarm({
      type: ICalAlarmType.display,
      trigger: alarm,
      description: entry.alarmText,
    });
  }
  return calendar.toString();
}
