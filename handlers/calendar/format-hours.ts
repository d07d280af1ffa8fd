// When in the day, as printed on a poster's "Heure" line and said back in the chat: "19 h",
// "à partir de 19 h", "de 19 h à 23 h", "en soirée" (find-hours.ts reads them).
import type { Locale, T } from '../i18n.ts';
import type { Hours } from './find-hours.ts';
import { formatTime } from './format-date.ts';

/** The hours in words, or undefined when they say nothing. */
export function formatHours(hours: Hours, locale: Locale, t: T): string | undefined {
  const raw = { interpolation: { escapeValue: false } };
  if (hours.time && hours.until) {
    const [from, until] = [formatTime(hours.time, locale), formatTime(hours.until, locale)];
    return t('format.hours_between', { from, until, ...raw });
  }
  if (hours.time && hours.from)
    return t('format.hours_from', { time: formatTime(hours.time, locale), ...raw });
  if (hours.time) return formatTime(hours.time, locale);
  if (hours.part) return t(`format.day_parts.${hours.part}`);
  return undefined;
}
