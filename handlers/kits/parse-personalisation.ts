// What people add after the kit's name to personalise its documents:
// "/kit fete 28/05 19h cour intérieure" → date 28 May (the next one), 19:00, "cour
// intérieure". Dates are read as day/month[/year] or "28 mai"; times as 19h, 19h30, 19:30.
import { UserFacingError } from '../errors.ts';
import type { Locale } from '../i18n.ts';

export interface EventDetails {
  /** ISO date (YYYY-MM-DD) of the gathering. */
  date?: string;
  /** HH:MM */
  time?: string;
  place?: string;
}

export const MAX_PLACE_LENGTH = 60;
const MAX_DETAILS_LENGTH = 120;

const MONTHS: Record<string, number> = {
  janvier: 1,
  fevrier: 2,
  mars: 3,
  avril: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  aout: 8,
  septembre: 9,
  octobre: 10,
  novembre: 11,
  decembre: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * Reads the details. `today` is the group's current date (YYYY-MM-DD): a date without a
 * year is its next occurrence; a date in the past is refused.
 */
export function parseEventDetails(text: string, today: string): EventDetails {
  let rest = text.trim();
  if (rest === '') return {};
  if (rest.length > MAX_DETAILS_LENGTH)
    throw new UserFacingError('kits.details_too_long', { max: MAX_DETAILS_LENGTH });
  const details: EventDetails = {};

  const numeric = /(?:^|\s)(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?(?=\s|$)/.exec(rest);
  const named = /(?:^|\s)(\d{1,2})(?:er)?\s+([\p{L}]+)(?:\s+(\d{4}))?(?=\s|$)/u.exec(rest);
  const namedMonth = named ? MONTHS[plain(named[2] ?? '')] : undefined;
  if (numeric) {
    details.date = toIsoDate(Number(numeric[1]), Number(numeric[2]), numeric[3], today);
    rest = rest.replace(numeric[0], ' ');
  } else if (named && namedMonth) {
    details.date = toIsoDate(Number(named[1]), namedMonth, named[3], today);
    rest = rest.replace(named[0], ' ');
  }
  const time = /(?:^|\s)(?:à\s+|at\s+)?(\d{1,2})\s*(?:h|:)\s*(\d{2})?(?=\s|$)/iu.exec(rest);
  if (time) {
    const hours = Number(time[1]);
    const minutes = Number(time[2] ?? 0);
    if (hours > 23 || minutes > 59) throw new UserFacingError('kits.bad_time');
    details.time = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
    rest = rest.replace(time[0], ' ');
  }
  const place = rest
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:à|a|au|dans|at|in)\s+/iu, '');
  if (place !== '') {
    if (place.length > MAX_PLACE_LENGTH)
      throw new UserFacingError('kits.place_too_long', { max: MAX_PLACE_LENGTH });
    details.place = place;
  }
  return details;
}

function toIsoDate(
  day: number,
  month: number,
  yearText: string | undefined,
  today: string,
): string {
  const [thisYear = 1970] = today.split('-').map(Number);
  let year = yearText ? Number(yearText.length === 2 ? `20${yearText}` : yearText) : thisYear;
  const iso = (y: number) =>
    `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (!isRealDate(year, month, day)) throw new UserFacingError('kits.bad_date');
  if (!yearText && iso(year) < today) year += 1;
  if (!isRealDate(year, month, day)) throw new UserFacingError('kits.bad_date');
  if (iso(year) < today) throw new UserFacingError('kits.date_in_past');
  return iso(year);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export function formatEventDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

export function formatEventTime(time: string, locale: Locale): string {
  const [h = '0', m = '00'] = time.split(':');
  if (locale === 'fr') return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
  return `${h}:${m}`;
}
