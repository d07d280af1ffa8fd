// Reading the dates people type in a chat, French first, simple English too: "28/05",
// "28/05/2027", "28.05.27", "vendredi 28 mai", "ven. 1er juin 2027", "vendredi 28",
// "aujourd'hui", "demain", "après-demain", "vendredi", "vendredi prochain", "samedi en huit",
// "28 May", "May 28, 2027", "Friday 28 May", "next friday", "tomorrow", "29-05", "2027-05-28"
// (also "2027/05/28", "le 2027-5-28", and with the typographic hyphens of phones), and the
// same words in Arabic (script and Latin letters), Portuguese, Spanish and Turkish ("el
// viernes 28 de mayo", "sexta-feira", "pasado mañana", "cuma", "yarın", "الجمعة", "غدا",
// "ghedda", "28 ماي") — see date-words.ts. Accents and case do not matter. Pure: the group's local date comes in as `today`; answers are ISO
// dates with the span of text they were read from, so a caller can take the date out of
// the rest (a place, a title).
//
// Choices where the words are ambiguous:
// - a date without a year is its next occurrence, today included ("28/05" said on 28 May is
//   today); when that occurrence does not exist (29/02 with no 29 February in the coming
//   twelve months) the date is refused as bad_date rather than pushed years ahead;
// - a weekday alone ("vendredi", "ce vendredi", "vendredi prochain", "friday", "next
//   friday") is the next one strictly after today: said on a Friday, it is a week later;
// - "samedi en huit" is the Saturday of the following week: the coming Saturday (today
//   included) plus seven days ("lundi en huit" said on a Monday is in seven days); "en
//   quinze" adds fourteen;
// - "vendredi 28" (weekday and day, no month) is the next 28th, this month or a later one,
//   and must be a Friday; a day number alone ("le 28") is not read as a date;
// - weekday abbreviations count only before a day number (see date-words.ts);
// - two-digit years are 20xx; only the first date in the text is read.
import { UserFacingError } from '../errors.ts';
import type { Locale } from '../i18n.ts';
import {
  MONTH_FIRST_WORDS,
  MONTH_WORDS,
  RELATIVE_WORDS,
  WEEKDAY_ABBREVIATIONS,
  WEEKDAY_LEADS,
  WEEKDAY_NEXT,
  WEEKDAY_WORDS,
  alternation,
  earliestMatch,
  toPlainText,
} from './date-words.ts';
import { formatDayMonthYear, weekdayName } from './format-date.ts';
import { addDays, isRealDate, splitIso, toIso, weekdayOf } from './iso-dates.ts';

export { addDays, compareIso, daysBetween, isIsoDate, weekdayOf } from './iso-dates.ts';
export { formatDate, formatDayMonthYear, formatTime } from './format-date.ts';
export { findTime, type FoundTime } from './find-time.ts';
export { findHours, type DayPart, type FoundHours, type Hours } from './find-hours.ts';

export interface FoundDate {
  /** YYYY-MM-DD */
  date: string;
  /** The span of text the date was read from: text.slice(start, end). */
  start: number;
  end: number;
  /** Typed without its year, and this year's had passed: the date is next year's. */
  nextYear?: boolean;
}

export interface FindDateOptions {
  /** Accept a date (with its year given) that has passed; refused by default. */
  allowPast?: boolean;
  /** Language of the names put into a weekday_mismatch message; French by default. */
  locale?: Locale;
}

const BEFORE = String.raw`(?<![\p{L}\d]|\d[/.:-])`;
const WORD_END = String.raw`(?![\p{L}\d])`;
const NUMBER_END = String.raw`(?![\p{L}\d]|[/.:-]\d)`;
/** After a day number: not a time ("samedi 19h", "May 7 pm", "saturday 7 in the evening"). */
const DAY_END = String.raw`(?![\p{L}\d]|[/.:-]\d|\s*(?:h|heures?|am|pm)(?![\p{L}])|\s*[ap]\.m\.|\s+(?:du\s+(?:soir|matin)|in\s+the\s+(?:evening|morning|afternoon)|de\s+la\s+(?:tarde|noche|manana)|da\s+(?:tarde|noite|manha))(?![\p{L}]))`;
const LEAD = String.raw`(?:(?:le|ce|on|this|the|el|este|esta|na|no|o\s+dia|dia|bu|يوم|في|nhar|had)\s+){0,2}`;
const ANY_WEEKDAY = alternation([
  ...Object.keys(WEEKDAY_WORDS),
  ...Object.keys(WEEKDAY_ABBREVIATIONS),
]);
const FULL_WEEKDAY = alternation(Object.keys(WEEKDAY_WORDS));
const WEEKDAY_BEFORE = `(?:(?<weekday>${ANY_WEEKDAY})\\.?,?\\s+(?:(?:the|(?:el\\s+|o\\s+)?dia)\\s+)?)?`;
/** Turkish case endings on a date: "9 Ocak'ta", "2027'de", "Cumartesi'ye". */
const DATE_SUFFIX = String.raw`(?:'(?:da|de|ta|te|a|e|ya|ye))?`;
/** A weekday after its date, Turkish style: "9 Ocak Cumartesi (günü)", "09.01 cumartesi". */
const WEEKDAY_AFTER = `(?:\\s+(?<weekdayAfter>${FULL_WEEKDAY})(?![\\p{L}\\d])(?!\\s+(?:\\d|(?:${alternation(WEEKDAY_NEXT)}|en\\s+huit|en\\s+quinze)(?![\\p{L}])))(?:\\s+gunu)?${DATE_SUFFIX})?`;
const ORDINAL = '(?:er|st|nd|rd|th)?';

type Reading = 'numeric' | 'iso' | 'dayMonth' | 'monthDay' | 'weekdayDay' | 'weekday' | 'relative';

const SOURCES: [Reading, string][] = [
  [
    'numeric',
    `${BEFORE}${LEAD}${WEEKDAY_BEFORE}(?<day>\\d{1,2})[/.-](?<month>\\d{1,2})(?:[/.-](?<year>\\d+))?${NUMBER_END}${DATE_SUFFIX}${WEEKDAY_AFTER}${NUMBER_END}`,
  ],
  [
    'iso',
    `${BEFORE}${LEAD}${WEEKDAY_BEFORE}(?<year>\\d{4})(?<sep>[-/.])(?<month>\\d{1,2})\\k<sep>(?<day>\\d{1,2})${NUMBER_END}`,
  ],
  [
    'dayMonth',
    `${BEFORE}${LEAD}${WEEKDAY_BEFORE}(?<day>\\d{1,2})${ORDINAL}(?:\\s+(?:of|de))?\\s+(?<month>${alternation(Object.keys(MONTH_WORDS))})\\.?${DATE_SUFFIX}(?:,?\\s+(?:de\\s+)?(?<year>\\d{4})(?!\\d)${DATE_SUFFIX})?${WEEKDAY_AFTER}${WORD_END}`,
  ],
  [
    'monthDay',
    `${BEFORE}${LEAD}${WEEKDAY_BEFORE}(?<month>${alternation(MONTH_FIRST_WORDS)})\\.?\\s+(?<day>\\d{1,2})${ORDINAL}(?:,?\\s+(?<year>\\d{4})(?!\\d))?${DAY_END}`,
  ],
  [
    'weekdayDay',
    `${BEFORE}${LEAD}(?<weekday>${FULL_WEEKDAY}),?\\s+(?:the\\s+)?(?<day>\\d{1,2})${ORDINAL}${DAY_END}`,
  ],
  [
    'weekday',
    `${BEFORE}(?:(?:${alternation(WEEKDAY_LEADS)})\\s+)?(?<weekday>${FULL_WEEKDAY})(?:\\s+(?<after>${alternation(WEEKDAY_NEXT)}|en\\s+huit|en\\s+quinze))?${WORD_END}`,
  ],
  [
    'relative',
    // "por la mañana", "de la mañana" are the morning, not tomorrow (find-hours.ts).
    `${BEFORE}(?<!(?:por|de|en)\\s+la\\s+)(?<word>apres[-\\s]?demain|aujourd'?\\s?hui|demain|(?:the\\s+)?day\\s+after\\s+tomorrow|tomorrow|today|ce\\s+soir|tonight|${alternation(Object.keys(RELATIVE_WORDS))})${WORD_END}`,
  ],
];
const PATTERNS = SOURCES.map(([reading, source]) => [reading, new RegExp(source, 'u')] as const);

/**
 * The first date in the text, or undefined when there is none. A date that cannot exist
 * (31/02, 32/01, 13th month), a past date with its year (unless allowPast) and a weekday
 * that does not match the date are refused with a UserFacingError (dates.*).
 */
export function findDate(
  text: string,
  today: string,
  options: FindDateOptions = {},
): FoundDate | undefined {
  splitIso(today); // a malformed `today` is a programming error: throw before reading
  const { plain, origin } = toPlainText(text);
  const best = earliestMatch(PATTERNS, plain);
  if (!best) return undefined;
  const { reading, match } = best;
  const date = resolve(reading, match.groups ?? {}, today);
  if (!options.allowPast && date < today) throw new UserFacingError('dates.date_in_past');
  const typed = match.groups?.weekday ?? match.groups?.weekdayAfter;
  if (typed && reading !== 'weekday') {
    const expected =
      WEEKDAY_WORDS[typed.replace(/\s+/g, ' ')] ?? WEEKDAY_ABBREVIATIONS[typed] ?? -1;
    const actual = weekdayOf(date);
    if (expected !== actual) {
      const locale = options.locale ?? 'fr';
      throw new UserFacingError('dates.weekday_mismatch', {
        weekday: weekdayName(actual, locale),
        date: formatDayMonthYear(date, locale),
        given: weekdayName(expected, locale),
      });
    }
  }
  const yearless =
    ['numeric', 'iso', 'dayMonth', 'monthDay'].includes(reading) && !match.groups?.year;
  return {
    date,
    start: origin[match.index] ?? 0,
    end: origin[match.index + match[0].length] ?? text.length,
    ...(yearless && date.slice(0, 4) > today.slice(0, 4) ? { nextYear: true } : {}),
  };
}

function resolve(reading: Reading, g: Record<string, string | undefined>, today: string): string {
  switch (reading) {
    case 'numeric':
    case 'iso':
      return dayMonthYear(Number(g.day), Number(g.month), g.year, today);
    case 'dayMonth':
    case 'monthDay':
      return dayMonthYear(Number(g.day), MONTH_WORDS[g.month ?? ''] ?? 0, g.year, today);
    case 'weekdayDay':
      return nextDayOfMonth(Number(g.day), today);
    case 'weekday': {
      const weekday = WEEKDAY_WORDS[(g.weekday ?? '').replace(/\s+/g, ' ')] ?? 0;
      const coming = addDays(today, (weekday - weekdayOf(today) + 7) % 7);
      if (g.after?.startsWith('en') && g.after.endsWith('huit')) return addDays(coming, 7);
      if (g.after?.startsWith('en')) return addDays(coming, 14);
      return coming === today ? addDays(today, 7) : coming;
    }
    case 'relative': {
      const word = g.word ?? '';
      const offset = RELATIVE_WORDS[word.replace(/\s+/g, ' ')];
      if (offset !== undefined) return addDays(today, offset);
      if (/^apres|after/.test(word)) return addDays(today, 2);
      if (/^(demain|tomorrow)$/.test(word)) return addDays(today, 1);
      return today;
    }
  }
}

function dayMonthYear(day: number, month: number, yearText: string | undefined, today: string) {
  // 29 February exists in some year: checked against the year below.
  if (!isRealDate(2000, month, day)) throw new UserFacingError('dates.bad_date');
  let year: number;
  if (yearText === undefined) {
    const { year: thisYear } = splitIso(today);
    year = toIso(thisYear, month, day) < today ? thisYear + 1 : thisYear;
  } else if (yearText.length === 4 || yearText.length === 2) {
    year = Number(yearText) + (yearText.length === 2 ? 2000 : 0);
  } else throw new UserFacingError('dates.bad_date');
  if (!isRealDate(year, month, day)) throw new UserFacingError('dates.bad_date');
  return toIso(year, month, day);
}

/** The next day numbered `day` (today included): this month if it exists, else a later one. */
function nextDayOfMonth(day: number, today: string): string {
  if (day < 1 || day > 31) throw new UserFacingError('dates.bad_date');
  let { year, month } = splitIso(today);
  if (day < splitIso(today).day) month += 1;
  for (;;) {
    if (month > 12) [year, month] = [year + 1, 1];
    if (isRealDate(year, month, day)) return toIso(year, month, day);
    month += 1;
  }
}

const LIST_SEPARATOR =
  /\s*(?:[;؛،]|,(?!\s*\d{4}(?!\d|[-/.]\d))|\s(?:ou|et|or|and|o|y|e|veya|ya da|ve|او|أو|و|ولا|wla)\s|\sو(?=\d))\s*/iu;
const MAX_QUOTED = 40;

/**
 * A list of dates, in the order given and without repeats: "29/05, 30/05 et vendredi 5
 * juin", "28 mai ou 4 juin", "May 28; June 4". Separators: comma, semicolon (Arabic ones
 * too), "ou", "et", "or", "and" and their Spanish, Portuguese, Turkish and Arabic words
 * (Arabic "و" also joined to the next date's figure: "و5 يونيو"). A piece that is not just a date is refused (dates.not_a_date, with the piece
 * in `text`). An empty text gives an empty list.
 */
export function parseDateList(
  text: string,
  today: string,
  options: FindDateOptions = {},
): string[] {
  const dates: string[] = [];
  for (const raw of text.split(LIST_SEPARATOR)) {
    const piece = raw.trim().replace(/[.!?]+$/u, '');
    if (piece === '') continue;
    const found = findDate(piece, today, options);
    const rest = found ? piece.slice(0, found.start) + piece.slice(found.end) : piece;
    if (!found || /[\p{L}\d]/u.test(rest)) {
      const quoted = piece.length > MAX_QUOTED ? `${piece.slice(0, MAX_QUOTED - 1)}…` : piece;
      throw new UserFacingError('dates.not_a_date', { text: quoted });
    }
    if (!dates.includes(found.date)) dates.push(found.date);
  }
  return dates;
}
