// Times in the console as the bot writes them in messages and on posters (formatTime): the
// French way ("9 h", "14 h 05"), not Intl's "à 09:00"; the other languages on a 24-hour clock.
import { describe, expect, it } from 'vitest';
import { createI18n, locales, type Locale } from '../../handlers/i18n.ts';
import { plainValues } from '../../web/console-context.ts';
import { formatClockTime, formatMoment } from '../../web/figure-words.ts';

const i18n = await createI18n();
// The console's words are plain (its HTML builder escapes them).
const t = (locale: Locale) => plainValues(i18n.t(locale));

describe('a moment in the console', () => {
  // Thursday 3 December 2026, 09:00 and 14:05 in Paris (UTC+1).
  const nine = new Date('2026-12-03T08:00:00Z');
  const fivePastTwo = new Date('2026-12-03T13:05:00Z');

  it('is written in French as messages and posters write it', () => {
    expect(formatClockTime(nine, 'fr')).toBe('9 h');
    expect(formatClockTime(fivePastTwo, 'fr')).toBe('14 h 05');
    expect(formatMoment(nine, 'fr', t('fr'), 'full')).toBe('jeudi 3 décembre 2026 à 9 h');
    expect(formatMoment(fivePastTwo, 'fr', t('fr'), 'long')).toBe('3 décembre 2026 à 14 h 05');
    // The first of a month is "1er", as in messages.
    expect(formatMoment(new Date('2026-12-01T08:00:00Z'), 'fr', t('fr'), 'long')).toBe(
      '1er décembre 2026 à 9 h',
    );
  });

  it('is written in each other language on a 24-hour clock, never "AM"/"PM"', () => {
    expect(formatMoment(fivePastTwo, 'en', t('en'), 'full')).toBe(
      'Thursday 3 December 2026 at 14:05',
    );
    for (const locale of locales.filter((l) => l !== 'fr')) {
      const moment = formatMoment(fivePastTwo, locale, t(locale), 'long');
      expect(moment, locale).toContain('14:05');
      expect(moment, locale).not.toMatch(/[AP]M|\d h/);
      expect(moment, locale).toContain('2026');
    }
  });
});
