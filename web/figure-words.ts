// How a protected cell reads in a language (numbers and euros through Intl).
import { intlLocale, isRtl, pair, type Locale, type T } from '../handlers/i18n.ts';
import { formatDate, formatDayMonthYear, formatTime } from '../handlers/calendar/format-date.ts';
import { timeIn, todayIn } from '../handlers/zoned-time.ts';
import type { CellWords } from './figure-table.ts';
import type { ChartWords } from './svg-charts.ts';

// Intl's formatters cost far more to make than to use: made once per language.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(
  key: string,
  make: () => F,
): F {
  let made = formatters.get(key) as F | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

export function cellWords(t: T, locale: Locale): CellWords {
  const number = formatter(`number:${locale}`, () => new Intl.NumberFormat(intlLocale(locale)));
  const euros = formatter(
    `euros:${locale}`,
    () =>
      new Intl.NumberFormat(intlLocale(locale), {
        style: 'currency',
        currency: 'EUR',
        maximumFractionDigits: 0,
      }),
  );
  return {
    small: t('web.anonymity.small'),
    hidden: t('web.anonymity.hidden'),
    number: (v) => number.format(v),
    euros: (v) => euros.format(v),
  };
}

export function chartWords(t: T, locale: Locale): ChartWords {
  const cells = cellWords(t, locale);
  return {
    masked: cells.small,
    number: (value) => cells.number(value),
    pair: (label, value) => pair(label, value, t),
    rtl: isRtl(locale),
  };
}

export function monthLabels(locale: Locale, year: number): string[] {
  const format = formatter(
    `month:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { month: 'short', timeZone: 'UTC' }),
  );
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(year, i, 15))));
}

/**
 * A time of day (Paris time) as the bot writes it in messages and on posters (formatTime):
 * "14 h 05", "9 h" in French; "14:05" in the other languages, on a 24-hour clock as in
 * France ("14:05", not "02:05 PM"), with Western digits.
 */
export function formatClockTime(at: Date, locale: Locale): string {
  return formatTime(timeIn(at, PARIS), locale);
}

/**
 * A moment (Paris time): "jeudi 3 décembre 2026 à 9 h" (`full`), "3 décembre 2026 à 9 h"
 * (`long`), the time as formatClockTime writes it, where Intl would say "à 09:00".
 */
export function formatMoment(at: Date, locale: Locale, t: T, style: 'full' | 'long'): string {
  const day = todayIn(at, PARIS);
  return t('format.date_at_time', {
    date: style === 'full' ? formatDate(day, locale, 'long') : formatDayMonthYear(day, locale),
    time: formatClockTime(at, locale),
  });
}

const PARIS = 'Europe/Paris';

/** The year asked for (`annee`), or the current one with a flag when it was not a usable year. */
export function chooseYear(
  asked: string | undefined,
  now: Date,
): { year: number; unknown: boolean } {
  const current = Number(todayIn(now, 'Europe/Paris').slice(0, 4));
  if (asked === undefined || asked === '') return { year: current, unknown: false };
  const year = /^\d{4}$/.test(asked) ? Number(asked) : NaN;
  if (year >= 2020 && year <= current) return { year, unknown: false };
  return { year: current, unknown: true };
}
