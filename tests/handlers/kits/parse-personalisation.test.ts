import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../handlers/errors.ts';
import { parseEventDetails } from '../../../handlers/kits/parse-personalisation.ts';

const today = '2026-11-26'; // a Thursday

function refusal(text: string): { key: string; vars: Record<string, unknown> } | 'accepted' {
  try {
    parseEventDetails(text, today);
  } catch (error) {
    if (error instanceof UserFacingError) return { key: error.key, vars: error.vars };
    throw error;
  }
  return 'accepted';
}

const refusalKey = (text: string) => {
  const result = refusal(text);
  return result === 'accepted' ? result : result.key;
};

describe('kit personalisation', () => {
  it('reads a date, a time and a place in the forms people type', () => {
    expect(parseEventDetails('28/05 19h cour intérieure', today)).toEqual({
      date: '2027-05-28',
      time: '19:00',
      place: 'cour intérieure',
    });
    expect(parseEventDetails('12/12/2026 à 18h30 dans la salle commune', today)).toEqual({
      date: '2026-12-12',
      time: '18:30',
      place: 'la salle commune',
    });
    expect(parseEventDetails('29 mai 19:30', today)).toEqual({ date: '2027-05-29', time: '19:30' });
    expect(parseEventDetails('1er décembre', today)).toEqual({ date: '2026-12-01' });
    expect(parseEventDetails('', today)).toEqual({});
    expect(parseEventDetails('jardin partagé', today)).toEqual({ place: 'jardin partagé' });
  });

  it('keeps the weekday, the words around the date and the separators out of the place', () => {
    expect(parseEventDetails('vendredi 28 mai 19h cour', today)).toEqual({
      date: '2027-05-28',
      time: '19:00',
      place: 'cour',
    });
    expect(parseEventDetails('dans la cour le vendredi 28 mai à 19 h 30', today)).toEqual({
      date: '2027-05-28',
      time: '19:30',
      place: 'la cour',
    });
    expect(parseEventDetails('samedi, 18h, square des Lilas', today)).toEqual({
      date: '2026-11-28',
      time: '18:00',
      place: 'square des Lilas',
    });
    expect(parseEventDetails('friday 28 may 7pm courtyard', today, 'en')).toEqual({
      date: '2027-05-28',
      time: '19:00',
      place: 'courtyard',
    });
    expect(parseEventDetails('19h demain', today)).toEqual({ date: '2026-11-27', time: '19:00' });
  });

  it('refuses a date that does not exist or has passed, a bad time, and text too long', () => {
    expect(refusalKey('31/02 19h')).toBe('kits.bad_date');
    expect(refusalKey('30/13')).toBe('kits.bad_date');
    expect(refusalKey('01/01/2020')).toBe('kits.date_in_past');
    expect(refusalKey('28/05 25h')).toBe('kits.bad_time');
    expect(refusalKey('28/05 19h75')).toBe('kits.bad_time');
    expect(refusalKey(`28/05 ${'x'.repeat(70)}`)).toBe('kits.place_too_long');
    expect(refusalKey('x'.repeat(200))).toBe('kits.details_too_long');
  });

  it('says which weekday the date really is, in the chat’s language', () => {
    expect(refusal('vendredi 29 mai 19h cour')).toEqual({
      key: 'dates.weekday_mismatch',
      vars: { weekday: 'samedi', date: '29 mai 2027', given: 'vendredi' },
    });
    expect(() => parseEventDetails('friday 29 may', today, 'en')).toThrow(
      expect.objectContaining({
        key: 'dates.weekday_mismatch',
        vars: { weekday: 'Saturday', date: '29 May 2027', given: 'Friday' },
      }),
    );
  });
});
