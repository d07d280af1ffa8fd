// Calendar dates as ISO strings (YYYY-MM-DD): a group's local day, with no time and no zone.
// Arithmetic goes through UTC midnight, where every day lasts 24 hours, so a date never
// slips by one across a daylight-saving change.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when the day exists in that month of that (proleptic Gregorian) year. */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** YYYY-MM-DD, without checking that the day exists (see isRealDate). */
export function toIso(year: number, month: number, day: number): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** True for a YYYY-MM-DD string naming a day that exists. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  return !!match && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Year, month (1–12) and day of an ISO date; throws on anything else (a programming error). */
export function splitIso(iso: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(iso);
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
  if (!match || !isRealDate(year, month, day)) throw new RangeError(`Not an ISO date: ${iso}`);
  return { year, month, day };
}

function toUtcMidnight(iso: string): number {
  const { year, month, day } = splitIso(iso);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

function fromUtcMidnight(ms: number): string {
  const date = new Date(ms);
  return toIso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** The date n days later (earlier when n is negative). */
export function addDays(iso: string, n: number): string {
  return fromUtcMidnight(toUtcMidnight(iso) + n * DAY_MS);
}

/** Whole days from a to b (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMidnight(b) - toUtcMidnight(a)) / DAY_MS);
}

/** Day of the week: 0 = Sunday … 6 = Saturday, as Date#getDay. */
export function weekdayOf(iso: string): number {
  return new Date(toUtcMidnight(iso)).getUTCDay();
}

/** For sorting: negative when a is before b, 0 when equal, positive after. */
export function compareIso(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}
