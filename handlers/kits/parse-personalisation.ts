// What people add after the kit's name to personalise its documents:
// "/kit fete vendredi 28 mai 19h cour intérieure" → 28 May (the next one), 19:00, "cour
// intérieure". Dates and times are read by handlers/calendar (every form it knows: 28/05,
// 28 mai, vendredi 28 mai, demain, 19h30, 7pm, "à partir de 19h", "de 19h à 23h", "7h du
// soir", and the parts of the day: "samedi soir", "en fin d'après-midi"…: never a place,
// see find-hours.ts); what is left is the place, unless it is
// only small words ("/kit noel pour samedi": "pour" is no place). In a sentence ("kit noël
// pour samedi", "tu as le kit canicule pour ma voisine ?") the date and time are read the
// same way, but what is left is not printed: a sentence's other words are not a place, and
// the person is told what was left out. Nothing about health is printed: a place that speaks
// of it ("chez Mme Martin, diabétique") is left off, the date and time kept, and the person
// told why (health-words.ts). The date errors keep the kits' own messages, whose examples show
// the /kit command.
import { findDate, findHours, type Hours } from '../calendar/french-dates.ts';
import { hasContacts } from '../contacts.ts';
import { looksLikeHealthData } from '../health-words.ts';
import { UserFacingError } from '../errors.ts';
import { normaliseWord, type CommandWords } from '../command-words.ts';
import type { Locale } from '../i18n.ts';

export interface EventDetails extends Hours {
  /** ISO date (YYYY-MM-DD) of the gathering. */
  date?: string;
  place?: string;
}

export const MAX_PLACE_LENGTH = 60;
const MAX_DETAILS_LENGTH = 120;

/** Calendar errors said with the kits' examples; weekday_mismatch needs none. */
const KIT_MESSAGES: Record<string, string> = {
  'dates.bad_date': 'kits.bad_date',
  'dates.date_in_past': 'kits.date_in_past',
  'dates.bad_time': 'kits.bad_time',
};

/** The details to print (readEventDetails, without saying what was left out). */
export function parseEventDetails(
  text: string,
  today: string,
  locale: Locale = 'fr',
  words?: CommandWords,
): EventDetails {
  return readEventDetails(text, today, locale, words).details;
}

/**
 * Reads the details. `today` is the group's current date (YYYY-MM-DD): a date without a
 * year is its next occurrence; a date in the past is refused. `locale` names the weekdays
 * in a weekday_mismatch message; `words`, when given, knows the small words that are no place.
 * `healthLeftOut`: the place spoke of health and is not printed (the date and time are).
 */
export function readEventDetails(
  text: string,
  today: string,
  locale: Locale = 'fr',
  words?: CommandWords,
): { details: EventDetails; healthLeftOut?: true } {
  if (text.trim().length > MAX_DETAILS_LENGTH)
    throw new UserFacingError('kits.details_too_long', { max: MAX_DETAILS_LENGTH });
  const { rest, ...details } = readDateAndTime(text, today, locale);
  // "pour samedi chez Mme Martin": a "pour" typed first was the date's, not the place's
  // ("samedi pour la cour" keeps it, as typed).
  const leading = /^\s*(?:pour|for|para)\s/iu.test(text) ? /^(?:pour|for|para)\s+/iu : /^$/u;
  const place = rest.replace(leading, '').replace(/^(?:à|a|au|dans|at|in)\s+/iu, '');
  if (place !== '' && !(words && withoutFiller(place, words) === '')) {
    if (looksLikeHealthData(place)) return { details, healthLeftOut: true };
    if (place.length > MAX_PLACE_LENGTH)
      throw new UserFacingError('kits.place_too_long', { max: MAX_PLACE_LENGTH });
    // The poster is pinned in the hall: no number to call nor link from whoever asked for it.
    if (hasContacts(place)) throw new UserFacingError('kits.no_contact_place');
    details.place = place;
  }
  return { details };
}

/**
 * The date and time of a sentence's words after a kit's name, and the words left out (none
 * when only small words and courtesy are left): they are not printed. Words about health are
 * not said back either, where the group reads the answer (`healthLeftOut`).
 */
export function readSentenceDetails(
  text: string,
  today: string,
  locale: Locale,
  words: CommandWords,
): { details: EventDetails; leftOut?: string; healthLeftOut?: true } {
  const { rest, ...details } = readDateAndTime(text.slice(0, MAX_SENTENCE_LENGTH), today, locale);
  const leftOut = withoutFiller(rest, words);
  if (leftOut === '') return { details };
  if (looksLikeHealthData(leftOut)) return { details, healthLeftOut: true };
  const shown =
    leftOut.length > MAX_PLACE_LENGTH ? `${leftOut.slice(0, MAX_PLACE_LENGTH)}…` : leftOut;
  return { details, leftOut: shown };
}

const MAX_SENTENCE_LENGTH = 500;

function readDateAndTime(
  text: string,
  today: string,
  locale: Locale,
): EventDetails & { rest: string } {
  let rest = text.trim();
  const details: EventDetails = {};
  if (rest === '') return { rest };
  try {
    const date = findDate(rest, today, { locale });
    if (date) {
      details.date = date.date;
      rest = `${rest.slice(0, date.start)} ${rest.slice(date.end)}`;
    }
    const found = findHours(rest);
    if (found) {
      const { start, end, ...hours } = found;
      Object.assign(details, hours);
      rest = `${rest.slice(0, start)} ${rest.slice(end)}`;
    }
  } catch (error) {
    const key = error instanceof UserFacingError ? KIT_MESSAGES[error.key] : undefined;
    if (key) throw new UserFacingError(key, (error as UserFacingError).vars);
    throw error;
  }
  rest = rest.replace(/\s+/g, ' ').replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/gu, '');
  return { ...details, rest };
}

/** The longest small-word phrase, in words ("s'il vous plaît" is three). */
const FILLER_WORDS = 4;

/** The text without small words, courtesy and punctuation at its ends. */
export function withoutFiller(text: string, words: CommandWords): string {
  let tokens = text.trim().split(/\s+/).filter(Boolean);
  const isFiller = (phrase: string[]) =>
    normaliseWord(phrase.join('')) === '' ||
    words.find('kitFiller', phrase.join(' ')) !== undefined;
  let trimmed = true;
  while (trimmed && tokens.length > 0) {
    trimmed = false;
    for (let n = Math.min(FILLER_WORDS, tokens.length); n >= 1; n--) {
      if (isFiller(tokens.slice(0, n))) {
        tokens = tokens.slice(n);
        trimmed = true;
        break;
      }
      if (isFiller(tokens.slice(-n))) {
        tokens = tokens.slice(0, -n);
        trimmed = true;
        break;
      }
    }
  }
  return tokens.join(' ');
}
