import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../handlers/errors.ts';
import { createCommandWords, toLanguageWords } from '../../../handlers/command-words.ts';
import { loadRawLocale } from '../../../handlers/i18n.ts';
import {
  parseEventDetails,
  readEventDetails,
  readSentenceDetails,
} from '../../../handlers/kits/parse-personalisation.ts';

const today = '2026-11-26'; // a Thursday
const words = createCommandWords({
  pt: toLanguageWords(loadRawLocale('pt')),
  tr: toLanguageWords(loadRawLocale('tr')),
  es: toLanguageWords(loadRawLocale('es')),
  ar: toLanguageWords(loadRawLocale('ar')),
});

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
  it('keeps the date and time and leaves off a place that speaks of health', () => {
    expect(readEventDetails('samedi 19h chez Mme Martin, diabétique, 3e étage', today)).toEqual({
      details: { date: '2026-11-28', time: '19:00' },
      healthLeftOut: true,
    });
    expect(readEventDetails('saturday 7pm my place, I am diabetic', today, 'en')).toEqual({
      details: { date: '2026-11-28', time: '19:00' },
      healthLeftOut: true,
    });
    expect(readEventDetails('samedi 19h cour, une enceinte', today)).toEqual({
      details: { date: '2026-11-28', time: '19:00', place: 'cour, une enceinte' },
    });
    expect(readSentenceDetails('pour ma voisine diabétique samedi', today, 'fr', words)).toEqual({
      details: { date: '2026-11-28' },
      healthLeftOut: true,
    });
  });

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

  it('takes no small word for a place ("/kit noel pour samedi")', () => {
    expect(parseEventDetails('pour samedi', today, 'fr', words)).toEqual({ date: '2026-11-28' });
    expect(parseEventDetails('for saturday 6pm', today, 'en', words)).toEqual({
      date: '2026-11-28',
      time: '18:00',
    });
    expect(parseEventDetails('para o dia 28/05', today, 'pt', words)).toEqual({
      date: '2027-05-28',
    });
    // A place is kept as typed, small words and all.
    expect(parseEventDetails('samedi pour la cour', today, 'fr', words)).toEqual({
      date: '2026-11-28',
      place: 'pour la cour',
    });
  });

  it('reads a sentence after a kit’s name for its date and time, and says what it leaves out', () => {
    expect(readSentenceDetails('pour samedi ?', today, 'fr', words)).toEqual({
      details: { date: '2026-11-28' },
    });
    expect(readSentenceDetails("s'il te plaît !", today, 'fr', words)).toEqual({ details: {} });
    expect(readSentenceDetails('pour ma voisine du 3e stp', today, 'fr', words)).toEqual({
      details: {},
      leftOut: 'ma voisine du 3e',
    });
    expect(readSentenceDetails('para sábado 18h por favor', today, 'es', words)).toEqual({
      details: { date: '2026-11-28', time: '18:00' },
    });
    expect(readSentenceDetails('cumartesi için lütfen', today, 'tr', words)).toEqual({
      details: { date: '2026-11-28' },
    });
    expect(readSentenceDetails(`pour ${'la cour '.repeat(20)}`, today, 'fr', words)).toEqual({
      details: {},
      leftOut: `${'la cour '.repeat(20)}`.trim().slice(3, 63) + '…',
    });
  });
});
