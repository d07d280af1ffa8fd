// "Ajouter à mon agenda": one event as an iCalendar file (RFC 5545) that phones and
// computers import. Its UID is stable for what it describes (a gathering, an accepted help),
// so a new file with a higher SEQUENCE updates the same event in the person's calendar
// rather than adding a second one; a cancelled one says METHOD:CANCEL and STATUS:CANCELLED.
// Times are the group's local times with its time zone (TZID and a VTIMEZONE), so an
// evening in Nouméa stays an evening in Nouméa whatever the phone's zone; a zone the
// VTIMEZONE tables do not know is written in UTC instead, which every calendar reads right.

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

/**
 * The file as sent: UTF-8 bytes. The generator (ical-generator and the VTIMEZONE tables,
 * ics-text.ts) is loaded with the first file, not at startup: a process that never sends
 * one never loads it.
 */
export async function toIcsFile(entry: CalendarEntry): Promise<Uint8Array> {
  const { toIcsText } = await import('./ics-text.ts');
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
