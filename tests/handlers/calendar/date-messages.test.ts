// The calendar's refusals as people read them: generic (no /kit), with an example, in both
// languages.
import { describe, expect, it } from 'vitest';
import { findDate } from '../../../handlers/calendar/french-dates.ts';
import { UserFacingError } from '../../../handlers/errors.ts';
import { createI18n, loadLocaleResources } from '../../../handlers/i18n.ts';

function errorOf(run: () => unknown): UserFacingError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserFacingError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('date messages', () => {
  it('name the real weekday and show the right way to write it', async () => {
    const i18n = await createI18n();
    const fr = errorOf(() => findDate('vendredi 29 mai', '2026-11-26'));
    expect(i18n.t('fr')(fr.key, fr.vars)).toBe(
      'Le 29 mai 2027 est un samedi, pas un vendredi. Vérifiez le jour ou la date, par exemple\u202f: samedi 29 mai 2027.',
    );
    const en = errorOf(() => findDate('Friday 29 May', '2026-11-26', { locale: 'en' }));
    expect(i18n.t('en')(en.key, en.vars)).toBe(
      '29 May 2027 is a Saturday, not a Friday. Please check the day or the date, for example: Saturday 29 May 2027.',
    );
  });

  it('are generic and give an example', () => {
    const resources = loadLocaleResources();
    for (const locale of ['fr', 'en'] as const) {
      const dates = resources[locale].dates as Record<string, string>;
      expect(Object.keys(dates).sort()).toEqual([
        'bad_date',
        'bad_date_and_time',
        'bad_time',
        'date_in_past',
        'not_a_date',
        'weekday_mismatch',
      ]);
      for (const [key, text] of Object.entries(dates)) {
        expect(text, `${locale} ${key}`).not.toContain('/kit');
        expect(text, `${locale} ${key}`).toMatch(/(par exemple|for example)/);
      }
    }
  });
});
