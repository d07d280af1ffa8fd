// Reads a calendar file back with ical.js (Mozilla's RFC 5545 parser), as a calendar app
// would: what the person's calendar will show, with DTSTART resolved through the file's own
// VTIMEZONE to an instant.
import ICAL from 'ical.js';

export interface ReadEvent {
  method: string | undefined;
  uid: string;
  sequence: number;
  status: string | undefined;
  summary: string;
  location: string | undefined;
  description: string | undefined;
  /** The TZID of DTSTART, if any. */
  tzid: string | undefined;
  /** DTSTART as written (`2027-05-28T19:00:00` or `2027-05-28` for an all-day event). */
  start: string;
  end: string | undefined;
  allDay: boolean;
  /** DTSTART as an instant, resolved with the file's VTIMEZONE (all-day: undefined). */
  startUtc: string | undefined;
  /** The reminders' triggers, e.g. `-PT2H`. */
  alarms: string[];
  /** The raw text, for what the parser keeps to itself. */
  text: string;
}

export function readIcs(data: Uint8Array | string): ReadEvent {
  const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
  const calendar = ICAL.Component.fromString(text);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  const vevents = calendar.getAllSubcomponents('vevent');
  if (vevents.length !== 1) throw new Error(`expected one VEVENT, found ${vevents.length}`);
  const vevent = vevents[0]!;
  const event = new ICAL.Event(vevent);
  const start = event.startDate;
  const text_ = (name: string) => {
    const value = vevent.getFirstPropertyValue(name);
    return value === null || value === undefined ? undefined : String(value as string);
  };
  const method = calendar.getFirstPropertyValue('method');
  return {
    method: method === null ? undefined : String(method as string),
    uid: event.uid,
    sequence: event.sequence,
    status: text_('status'),
    summary: event.summary,
    location: event.location ?? undefined,
    description: event.description ?? undefined,
    tzid:
      (vevent.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? undefined,
    start: start.toString(),
    end: event.endDate?.toString(),
    allDay: start.isDate,
    startUtc: start.isDate ? undefined : start.toJSDate().toISOString(),
    alarms: vevent
      .getAllSubcomponents('valarm')
      .map((alarm) => String(alarm.getFirstPropertyValue('trigger') as unknown as string)),
    text,
  };
}
