// Dates and times as people read them on a poster or in a chat. French and English names
// come from our own tables rather than Intl: the output stays the same whatever ICU data
// Node ships with, and French gets its "1er" (premier) for the first day of a month. The
// other languages (Arabic, Portuguese, Spanish, Turkish) are written by Intl for the locale.
import { intlLocale, type Locale } from '../i18n.ts';
import { splitIso, weekdayOf } from './iso-dates.ts';

type TableLocale = 'fr' | 'en';
const isTable = (locale: Locale): locale is TableLocale => locale === 'fr' || locale === 'en';

const formats = new Map<string, Intl.DateTimeFormat>();
/** Intl's writing of a calendar date (noon UTC, so no time zone moves its day). */
function intlDate(iso: string, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format.format(new Date(`${iso}T12:00:00Z`));
}

const MONTHS: Record<TableLocale, readonly string[]> = {
  fr: [
    'janvier',
    'février',
    'mars',
    'avril',
    'mai',
    'juin',
    'juillet',
    'août',
    'septembre',
    'octobre',
    'novembre',
    'décembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

const SHORT_MONTHS: Record<TableLocale, readonly string[]> = {
  fr: [
    'janv.',
    'févr.',
    'mars',
    'avr.',
    'mai',
    'juin',
    'juil.',
    'août',
    'sept.',
    'oct.',
    'nov.',
    'déc.',
  ],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

const WEEKDAYS: Record<TableLocale, readonly string[]> = {
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const SHORT_WEEKDAYS: Record<TableLocale, readonly string[]> = {
  fr: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** The weekday's name (0 = Sunday): "vendredi", "Friday". */
export function weekdayName(weekday: number, locale: Locale): string {
  if (!isTable(locale)) {
    // 2023-01-01 was a Sunday.
    return intlDate(`2023-01-0${1 + (((weekday % 7) + 7) % 7)}`, locale, { weekday: 'long' });
  }
  return WEEKDAYS[locale][weekday] ?? '';
}

function dayNumber(day: number, locale: Locale): string {
  return locale === 'fr' && day === 1 ? '1er' : String(day);
}

/** "28 mai 2027", "1er juin 2027" / "28 May 2027": the date without its weekday. */
export function formatDayMonthYear(iso: string, locale: Locale): string {
  if (!isTable(locale)) {
    return intlDate(iso, locale, { day: 'numeric', month: 'long', year: 'numeric' });
  }
  const { year, month, day } = splitIso(iso);
  return `${dayNumber(day, locale)} ${MONTHS[locale][month - 1]} ${year}`;
}

/**
 * long: "vendredi 28 mai 2027" / "Friday 28 May 2027" (posters, confirmations);
 * short: "ven. 28 mai" / "Fri 28 May" (buttons, poll options), without the year.
 */
export function formatDate(iso: string, locale: Locale, style: 'long' | 'short'): string {
  if (!isTable(locale)) {
    return style === 'long'
      ? intlDate(iso, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
      : intlDate(iso, locale, { weekday: 'short', day: 'numeric', month: 'short' });
  }
  const { month, day } = splitIso(iso);
  const weekday = weekdayOf(iso);
  if (style === 'long') return `${weekdayName(weekday, locale)} ${formatDayMonthYear(iso, locale)}`;
  return `${SHORT_WEEKDAYS[locale][weekday]} ${dayNumber(day, locale)} ${SHORT_MONTHS[locale][month - 1]}`;
}

/**
 * "19 h", "19 h 30", "9 h 05" in French; "19:00", "09:05" in English and the others. Arabic
 * too: read in France and the Maghreb on the 24-hour clock in Latin digits, as the
 * timetables around it are ("16:00"), where Intl's Arabic gives "4:00 م"; the chat and the
 * documents both take it from here.
 */
export function formatTime(hhmm: string, locale: Locale): string {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) throw new RangeError(`Not an HH:MM time: ${hhmm}`);
  const [, hours = '00', minutes = '00'] = match;
  if (locale !== 'fr') return hhmm;
  return minutes === '00' ? `${Number(hours)} h` : `${Number(hours)} h ${minutes}`;
}
