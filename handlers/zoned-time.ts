// Dates as a group lives them: stored times are UTC, and each group has its time zone.
// Intl formatters are costly to build, so one is kept per time zone and field set (the
// hourly suggestion planner asks for thousands of groups at once).

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, fields: 'date' | 'hour' | 'month'): Intl.DateTimeFormat {
  const key = `${fields}:${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      fields === 'hour'
        ? { hour: 'numeric', hourCycle: 'h23', timeZone }
        : fields === 'month'
          ? { month: 'numeric', timeZone }
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

/** The local hour, 0–23. */
export function hourIn(date: Date, timeZone: string): number {
  return Number(formatter(timeZone, 'hour').format(date));
}
