import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../handlers/errors.ts';
import { parseDateList } from '../../../handlers/calendar/french-dates.ts';

const today = '2026-11-26'; // a Thursday

function refusal(text: string) {
  try {
    parseDateList(text, today);
  } catch (error) {
    if (error instanceof UserFacingError) return { key: error.key, vars: error.vars };
    throw error;
  }
  return 'accepted';
}

describe('parseDateList', () => {
  it('reads dates separated by commas, semicolons, "et", "ou", "and", "or", in order', () => {
    expect(parseDateList('29/05, 30/05 et vendredi 4 juin', today)).toEqual([
      '2027-05-29',
      '2027-05-30',
      '2027-06-04',
    ]);
    expect(parseDateList('28 mai ou 4 juin', today)).toEqual(['2027-05-28', '2027-06-04']);
    expect(parseDateList('5/6; 28/5', today)).toEqual(['2027-06-05', '2027-05-28']);
    expect(parseDateList('demain OU après-demain.', today)).toEqual(['2026-11-27', '2026-11-28']);
    expect(parseDateList('May 28, 2027 and June 4 or next friday', today)).toEqual([
      '2027-05-28',
      '2027-06-04',
      '2026-11-27',
    ]);
    expect(parseDateList('le 28 mai, le 4 juin', today)).toEqual(['2027-05-28', '2027-06-04']);
  });

  it('drops repeats and empty pieces', () => {
    expect(parseDateList('29/05, 29 mai,, 30/05, ', today)).toEqual(['2027-05-29', '2027-05-30']);
    expect(parseDateList('28/05', today)).toEqual(['2027-05-28']);
    expect(parseDateList('', today)).toEqual([]);
    expect(parseDateList('  ', today)).toEqual([]);
  });

  it('refuses a piece that is not just a date, quoting it (40 characters at most)', () => {
    expect(refusal('29/05, bientôt')).toEqual({
      key: 'dates.not_a_date',
      vars: { text: 'bientôt' },
    });
    expect(refusal('29/05 19h, 30/05')).toEqual({
      key: 'dates.not_a_date',
      vars: { text: '29/05 19h' },
    });
    expect(refusal('29/05 et un moment où tout le monde sera disponible')).toEqual({
      key: 'dates.not_a_date',
      vars: { text: 'un moment où tout le monde sera disponi…' },
    });
    expect(refusal('x'.repeat(100))).toEqual({
      key: 'dates.not_a_date',
      vars: { text: `${'x'.repeat(39)}…` },
    });
  });

  it('passes on the errors of a date that cannot be', () => {
    expect(refusal('29/05, 31/02')).toEqual({ key: 'dates.bad_date', vars: {} });
    expect(refusal('29/05, 01/01/2020')).toEqual({ key: 'dates.date_in_past', vars: {} });
    expect(refusal('vendredi 29 mai et samedi 30 mai')).toEqual({
      key: 'dates.weekday_mismatch',
      vars: { weekday: 'samedi', date: '29 mai 2027', given: 'vendredi' },
    });
  });
});

describe('dates with dashes (tryout)', () => {
  it('reads day-month with a dash, ISO dates (in lists too) and typographic hyphens', () => {
    expect(parseDateList('29-05', today)).toEqual(['2027-05-29']);
    expect(parseDateList('2027-06-04, 2027-06-05', today)).toEqual(['2027-06-04', '2027-06-05']);
    expect(parseDateList('29/05, 2027-06-04', today)).toEqual(['2027-05-29', '2027-06-04']);
    expect(parseDateList('le 2027-06-04', today)).toEqual(['2027-06-04']);
    expect(parseDateList('2027/6/4', today)).toEqual(['2027-06-04']);
    expect(parseDateList('29\u201105 et 30\u201305', today)).toEqual(['2027-05-29', '2027-05-30']);
    // A year after a comma is still a year.
    expect(parseDateList('May 28, 2027', today)).toEqual(['2027-05-28']);
    expect(() => parseDateList('2027-13-04', today)).toThrow(
      expect.objectContaining({ key: 'dates.bad_date' }),
    );
    // A phone number is no date.
    expect(() => parseDateList('06-12-34-56-78', today)).toThrow(
      expect.objectContaining({ key: 'dates.not_a_date' }),
    );
  });
});
