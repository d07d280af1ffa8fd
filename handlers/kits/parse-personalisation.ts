// What people add after the kit's name to personalise its documents:
// "/kit fete vendredi 28 mai 19h cour intérieure" → 28 May (the next one), 19:00, "cour
// intérieure". Dates and times are read by handlers/calendar (every form it knows: 28/05,
// 28 mai, vendredi 28 mai, demain, 19h30, 7pm…); what is left is the place. The date
// errors keep the kits' own messages, whose examples show the /kit command.
import { findDate, findTime } from '../calendar/french-dates.ts';
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

/** Calendar errors said with the kits' examples; weekday_mismatch needs none. */
const KIT_MESSAGES: Record<string, string> = {
  'dates.bad_date': 'kits.bad_date',
  'dates.date_in_past': 'kits.date_in_past',
  'dates.bad_time': 'kits.bad_time',
};

/**
 * Reads the details. `today` is the group's current date (YYYY-MM-DD): a date without a
 * year is its next occurrence; a date in the past is refused. `locale` names the weekdays
 * in a weekday_mismatch message.
 */
export function parseEventDetails(
  text: string,
  today: string,
  locale: Locale = 'fr',
): EventDetails {
  let rest = text.trim();
  if (rest === '') return {};
  if (rest.length > MAX_DETAILS_LENGTH)
    throw new UserFacingError('kits.details_too_long', { max: MAX_DETAILS_LENGTH });
  const details: EventDetails = {};
  try {
    const date = findDate(rest, today, { locale });
    if (date) {
      details.date = date.date;
      rest = `${rest.slice(0, date.start)} ${rest.slice(date.end)}`;
    }
    const time = findTime(rest);
    if (time) {
      details.time = time.time;
      rest = `${rest.slice(0, time.start)} ${rest.slice(time.end)}`;
    }
  } catch (error) {
    const key = error instanceof UserFacingError ? KIT_MESSAGES[error.key] : undefined;
    if (key) throw new UserFacingError(key, (error as UserFacingError).vars);
    throw error;
  }
  const place = rest
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/gu, '')
    .replace(/^(?:à|a|au|dans|at|in)\s+/iu, '');
  if (place !== '') {
    if (place.length > MAX_PLACE_LENGTH)
      throw new UserFacingError('kits.place_too_long', { max: MAX_PLACE_LENGTH });
    details.place = place;
  }
  return details;
}
