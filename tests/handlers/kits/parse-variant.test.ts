import { describe, expect, it } from 'vitest';
import { parseEventDetails } from '../../../handlers/kits/parse-personalisation.ts';
import { takeVariant } from '../../../handlers/kits/parse-variant.ts';
import { createCommandWords, toLanguageWords } from '../../../handlers/command-words.ts';
import { loadRawLocale } from '../../../handlers/i18n.ts';

const today = '2026-11-26';
const words = createCommandWords({
  pt: toLanguageWords(loadRawLocale('pt')),
  tr: toLanguageWords(loadRawLocale('tr')),
  es: toLanguageWords(loadRawLocale('es')),
  ar: toLanguageWords(loadRawLocale('ar')),
});

/** What "/kit <name> <text>" gives after the kit's name: the variant and the details. */
const read = (text: string) => {
  const { variant, rest } = takeVariant(text, words);
  return { variant, ...parseEventDetails(rest, today) };
};

describe('kit variants', () => {
  it('reads large print and easy to read, in French and English, never as the place', () => {
    expect(read('grand')).toEqual({ variant: 'large' });
    expect(read('gros caractères')).toEqual({ variant: 'large' });
    expect(read('Grands Caractères 28/05 19h cour')).toEqual({
      variant: 'large',
      date: '2027-05-28',
      time: '19:00',
      place: 'cour',
    });
    expect(read('grand vendredi 28 mai cour intérieure')).toMatchObject({
      variant: 'large',
      place: 'cour intérieure',
    });
    expect(read('28/05 19h cour large')).toMatchObject({ variant: 'large', place: 'cour' });
    expect(read('large print')).toEqual({ variant: 'large' });
    expect(read('large')).toEqual({ variant: 'large' });
    expect(read('facile')).toEqual({ variant: 'easy' });
    expect(read('facile à lire')).toEqual({ variant: 'easy' });
    expect(read('FALC 28/05')).toEqual({ variant: 'easy', date: '2027-05-28' });
    expect(read('easy')).toEqual({ variant: 'easy' });
    expect(read('easy to read 7pm courtyard')).toEqual({
      variant: 'easy',
      time: '19:00',
      place: 'courtyard',
    });
    expect(read('grand facile')).toEqual({ variant: 'easy' });
  });

  it("reads each language's own single words, as its help texts show them", () => {
    expect(read('grande')).toEqual({ variant: 'large' });
    expect(read('Fácil')).toEqual({ variant: 'easy' });
    expect(read('28/05 19h pátio BÜYÜK')).toMatchObject({ variant: 'large', place: 'pátio' });
    expect(read('kolay')).toEqual({ variant: 'easy' });
  });

  it("reads each language's own phrases, wherever they are", () => {
    expect(read('letra grande')).toEqual({ variant: 'large' });
    expect(read('28/05 19h pátio letras grandes')).toMatchObject({
      variant: 'large',
      place: 'pátio',
    });
    expect(read('Büyük harflerle 28/05')).toEqual({ variant: 'large', date: '2027-05-28' });
    expect(read('kolay okunur')).toEqual({ variant: 'easy' });
    expect(read('fácil de leer 19h patio')).toEqual({
      variant: 'easy',
      time: '19:00',
      place: 'patio',
    });
    expect(read('بحروف كبيرة')).toEqual({ variant: 'large' });
    expect(read('سهلة القراءة')).toEqual({ variant: 'easy' });
  });

  it('leaves a place that only starts with such a word alone', () => {
    expect(read('grand hall')).toEqual({ variant: 'standard', place: 'grand hall' });
    expect(read('28/05 salle du grand chêne')).toEqual({
      variant: 'standard',
      date: '2027-05-28',
      place: 'salle du grand chêne',
    });
    expect(read('')).toEqual({ variant: 'standard' });
  });
});
