// The default date of the Fête des voisins: the last Friday of May, one week earlier when
// that Friday is the day after Ascension (a long weekend: people are away). When the next
// Monday is Whit Monday the organisers sometimes move it one week later (2012, 2023) and
// sometimes not (2020), so that case keeps the date but says it is to be confirmed. The
// organisers publish the official date each year; an administrator can set it, and any
// group can choose its own.
import { addDays, toIso, weekdayOf } from './iso-dates.ts';

const FRIDAY = 5;

/** Easter Sunday (Gregorian calendar), by the Anonymous Gregorian (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIso(year, month, day);
}

/** Ascension Thursday: Easter + 39 days. */
export function ascension(year: number): string {
  return addDays(easterSunday(year), 39);
}

/** Whit Monday (lundi de Pentecôte): Easter + 50 days. */
export function whitMonday(year: number): string {
  return addDays(easterSunday(year), 50);
}

export interface FeteDate {
  /** YYYY-MM-DD */
  date: string;
  /** True when the organisers may move it a week later (Whit Monday follows it). */
  toConfirm: boolean;
}

export function defaultFeteDate(year: number): FeteDate {
  const may31 = toIso(year, 5, 31);
  const lastFriday = addDays(may31, -((weekdayOf(may31) - FRIDAY + 7) % 7));
  if (lastFriday === addDays(ascension(year), 1)) {
    return { date: addDays(lastFriday, -7), toConfirm: false };
  }
  return { date: lastFriday, toConfirm: addDays(lastFriday, 3) === whitMonday(year) };
}
