import { describe, expect, it } from 'vitest';
import { toDepartement } from '../../../handlers/groups/departement-from-postcode.ts';

describe('département from postcode', () => {
  it.each([
    ['69003', '69'],
    ['75011', '75'],
    ['01000', '01'],
    ['95000', '95'],
    ['20000', '2A'], // Ajaccio
    ['20167', '2A'],
    ['20200', '2B'], // Bastia
    ['20600', '2B'],
    ['97100', '971'],
    ['97133', '971'], // Saint-Barthélemy uses Guadeloupe's postcodes
    ['97200', '972'],
    ['97300', '973'],
    ['97400', '974'],
    ['97500', '975'],
    ['97600', '976'],
  ])('%s → %s', (postcode, code) => {
    expect(toDepartement(postcode)?.code).toBe(code);
  });

  it('gives overseas groups their own time zone', () => {
    expect(toDepartement('97400')?.timezone).toBe('Indian/Reunion');
    expect(toDepartement('97200')?.timezone).toBe('America/Martinique');
    expect(toDepartement('69003')?.timezone).toBe('Europe/Paris');
  });

  it.each(['', '6900', '690031', 'abcde', '00100', '96000', '98000', '98800', '97700', '20700'])(
    'refuses %j',
    (postcode) => {
      expect(toDepartement(postcode)).toBeUndefined();
    },
  );
});
