// "Ajouter à mon agenda": one event as an iCalendar file (RFC 5545) that phones and
// computers import. Its UID is stable for what it describes (a gathering, an accepted help),
// so a new file with a higher SEQUENCE updates the same event in the person's calendar
// rather than adding a second one; a cancelled one says METHOD:CANCEL and STATUS:CANCELLED.
// Times are the group's local times with its time zone (TZID and a VTIMEZONE), so an
// evening in Nouméa stays an evening in Nouméa whatever the phone's zone; a zone the
// VTIMEZONE tables do not know is written in UTC instead, which every calendar reads right.
import ical, { ICalAlarmType, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { addDays } from './iso-dates.ts';
import { localDateTimeToUtc } from '../zoned-time.ts';

/** How long a gathering with a start time lasts in the calendar (it has no end time). */
const TIMED_DURATION_MINUTES = 180;
/** Reminders: two hours before a timed event, 18:00 the evening before an all-day one. */
const TIMED_ALARM_SECONDS = 2 * 3600;
const ALL_DAY_ALARM_SECONDS = 6 * 3600;

export interface CalendarEntry {
  /** Globally unique and stable for what the event describes (`gathering-12@…`). */
  uid: string;
  /** Raised at each change; the calendar keeps the highest. */
  sequence: number;
  cancelled: boolean;
  /** Plain text, no markup. */
  summary: string;
  description?: string;
  location?: string;
  /** YYYY-MM-DD, local to `timeZone`. */
  date: string;
  /** HH:MM local; none for an all-day event. */
  time?: string | null;
  /** For an all-day period: its last day (YYYY-MM-DD, included). */
  lastDate?: string | null;
  timeZone: string;
  /** What the reminder says. */
  alarmText: string;
  /** DTSTAMP: when the file was made. */
  now: Date;
}

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

/** The file as sent: UTF-8 bytes. */
export function toIcsFile(entry: CalendarEntry): Uint8Array {
  return new TextEncoder().encode(toIcsText(entry));
}

/** "galette-des-tilleuls.ics": a file name any system accepts. */
export function icsFilename(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${slug || 'agenda'}.ics`;
}
