import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../handlers/errors.ts';
import {
  formatEventDate,
  formatEventTime,
  parseEventDetails,
} from '../../../handlers/kits/parse-personalisation.ts';
import { todayIn } from '../../../handlers/zoned-time.ts';

const today = '2026-11-26';

function refusal(text: string): string {
  try {
    parseEventDetails(text, today);
  } catch (error) {
    if (error instanceof UserFacingError) return error.key;
    throw error;
  }
  return 'accepted';
}

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

  it('refuses a date that does not exist or has passed, a bad time, and text too long', () => {
    expect(refusal('31/02 19h')).toBe('kits.bad_date');
    expect(refusal('30/13')).toBe('kits.bad_date');
    expect(refusal('01/01/2020')).toBe('kits.date_in_past');
    expect(refusal('28/05 25h')).toBe('kits.bad_time');
    expect(refusal(`28/05 ${'x'.repeat(70)}`)).toBe('kits.place_too_long');
    expect(refusal('x'.repeat(200))).toBe('kits.details_too_long');
  });

  it('formats dates and times for the documents in each language', () => {
    expect(formatEventDate('2027-05-28', 'fr')).toBe('vendredi 28 mai 2027');
    expect(formatEventDate('2027-05-28', 'en')).toBe('Friday, 28 May 2027');
    expect(formatEventTime('19:00', 'fr')).toBe('19 h');
    expect(formatEventTime('19:30', 'fr')).toBe('19 h 30');
    expect(todayIn(new Date('2026-11-26T23:30:00Z'), 'Europe/Paris')).toBe('2026-11-27');
    expect(todayIn(new Date('2026-11-26T23:30:00Z'), 'America/Martinique')).toBe('2026-11-26');
  });
});
