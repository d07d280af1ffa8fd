// How a protected cell reads in a language (numbers and euros through Intl).
import type { Locale, T } from '../handlers/i18n.ts';
import type { CellWords } from './figure-table.ts';

export function cellWords(t: T, locale: Locale): CellWords {
  const number = new Intl.NumberFormat(locale);
  const euros = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  });
  return {
    small: t('web.anonymity.small'),
    hidden: t('web.anonymity.hidden'),
    number: (v) => number.format(v),
    euros: (v) => euros.format(v),
  };
}

export function monthLabels(locale: Locale, year: number): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(year, i, 15))));
}

/** The year asked for (`annee`), or the current one with a flag when it was not a usable year. */
export function chooseYear(
  asked: string | undefined,
  now: Date,
): { year: number; unknown: boolean } {
  const current = Number(
    new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: 'Europe/Paris' }).format(now),
  );
  if (asked === undefined || asked === '') return { year: current, unknown: false };
  const year = /^\d{4}$/.test(asked) ? Number(asked) : NaN;
  if (year >= 2020 && year <= current) return { year, unknown: false };
  return { year: current, unknown: true };
}
