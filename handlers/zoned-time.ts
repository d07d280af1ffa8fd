// Dates as a group lives them: stored times are UTC, and each group has its time zone.
// Intl formatters are costly to build, so one is kept per time zone and field set (the
// hourly suggestion planner asks for thousands of groups at once).

const formatters = new Map<string, Intl.DateTimeFormat>();

type Fields = 'date' | 'hour' | 'month' | 'wall' | 'time';

function formatter(timeZone: string, fields: Fields): Intl.DateTimeFormat {
  const key = `${fields}:${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      fields === 'hour'
        ? { hour: 'numeric', hourCycle: 'h23', timeZone }
        : fields === 'time'
          ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }
          : fields === 'month'
            ? { month: 'numeric', timeZone }
            : fields === 'wall'
              ? {
                  year: 'numeric',
                  month: 'numeric',
                  day: 'numeric',
                  hour: 'numeric',
                  minute: 'numeric',
                  second: 'numeric',
                  hourCycle: 'h23',
                  era: 'short',
                  timeZone,
                }
              : { year: 'numeric', month: '2-digit', day: '2-digit', timeZone };
    found = new Intl.DateTimeFormat(fields === 'date' ? 'en-CA' : 'en-GB', options);
    formatters.set(key, found);
  }
  return found;
}

/** The local date, YYYY-MM-DD. */
export function todayIn(date: Date, timeZone: string): string {
  return formatter(timeZone, 'date').format(date);
}

/** The local year and month, YYYY-MM. */
export function yearMonthIn(date: Date, timeZone: string): string {
  return todayIn(date, timeZone).slice(0, 7);
}

/** The local month, 1–12. */
export function monthIn(date: Date, timeZone: string): number {
  return Number(formatter(timeZone, 'month').format(date));
}

/** The local time, HH:MM (for formatTime, which writes it in the person's language). */
export function timeIn(date: Date, timeZone: string): string {
  return formatter(timeZone, 'time').format(date);
}

/** The local hour, 0–23. */
export function hourIn(date: Date, timeZone: string): number {
  return Number(formatter(timeZone, 'hour').format(date));
}

const HOUR_MS = 3_600_000;

/** How far the zone's wall clock is ahead of UTC at that instant, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter(timeZone, 'wall').formatToParts(instant)) {
    parts[part.type] = part.value;
  }
  const year = Number(parts.year) * (parts.era === 'BC' || parts.era === 'B' ? -1 : 1);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall.getTime() - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant at which the wall clock in `timeZone` shows that date and time (YYYY-MM-DD,
 * HH:MM): when a gathering at 19:00 in Nouméa starts. Across daylight-saving changes it does
 * what Temporal's "compatible" disambiguation and java.time do: a time skipped by the
 * spring-forward gap is moved later by the gap's length (02:30 in Paris on the last Sunday
 * of March becomes 03:30 summer time); a time that happens twice in the autumn overlap is
 * its first occurrence (summer time).
 */
export function localDateTimeToUtc(date: string, time: string, timeZone: string): Date {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  const wallDate = new Date(0);
  if (d) wallDate.setUTCFullYear(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
  if (t) wallDate.setUTCHours(Number(t[1]), Number(t[2]));
  if (!d || !t || wallDate.toISOString().slice(0, 16) !== `${date}T${time}`) {
    throw new RangeError(`Not a YYYY-MM-DD date and HH:MM time: ${date} ${time}`);
  }
  const wall = wallDate.getTime();
  // The offsets in force a day either side: zones change offset at most once in a day.
  const before = offsetAt(wall - 24 * HOUR_MS, timeZone);
  const after = offsetAt(wall + 24 * HOUR_MS, timeZone);
  const matching = [wall - before, wall - after]
    .filter((instant) => instant + offsetAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  // In a gap neither offset fits; read the time with the offset from before the change.
  return new Date(matching[0] ?? wall - before);
}
