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
  const { variant, rest } = takeVariant(text, words, today);
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
    expect(read('28/05 19h large')).toMatchObject({ variant: 'large', time: '19:00' });
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
    expect(read('28/05 19h BÜYÜK')).toMatchObject({ variant: 'large', time: '19:00' });
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

  it("reads a word for large print before a date in every language's calendar words", () => {
    // "sexta-feira", "viernes", "cuma", "الجمعة": once only French and English weekdays let
    // the word count, and "grande" went onto the poster with the place.
    for (const [text, place] of [
      ['grande sexta-feira 19h pátio', 'pátio'],
      ['grande viernes 19h patio', 'patio'],
      ['büyük cuma 19h avlu', 'avlu'],
      ['كبير الجمعة 19h الساحة', 'الساحة'],
      ['grand demain 19h cour', 'cour'],
      ['grande amanhã cour', 'cour'],
    ]) {
      expect(read(text!), text).toMatchObject({ variant: 'large', place });
    }
  });

  it('leaves a word for large print in the place it touches, before or after it', () => {
    // Portuguese, Spanish and Arabic say the size after the room: "sala grande" is a place.
    // Large print next to a place is asked with the phrase, which counts anywhere.
    expect(read('28/05 19h sala grande')).toEqual({
      variant: 'standard',
      date: '2027-05-28',
      time: '19:00',
      place: 'sala grande',
    });
    expect(read('patio grande 28/05')).toMatchObject({
      variant: 'standard',
      place: 'patio grande',
    });
    expect(read('28/05 19h sala grande letra grande')).toMatchObject({
      variant: 'large',
      place: 'sala grande',
    });
    expect(read('büyük salon 19h')).toMatchObject({ variant: 'standard', place: 'büyük salon' });
  });

  it('reads a word for easy to read at either end, whatever it touches: it names no place', () => {
    expect(read('facile cour intérieure')).toEqual({ variant: 'easy', place: 'cour intérieure' });
    expect(read('28/05 patio fácil')).toMatchObject({ variant: 'easy', place: 'patio' });
    expect(read('grand facile')).toEqual({ variant: 'easy' });
  });

  it('takes the little word said before a phrase with it', () => {
    // "/kit canicule en gros caractères" printed "en" as the place.
    for (const text of [
      'en gros caractères',
      'in large print',
      'con letra grande',
      'em letra grande',
    ]) {
      expect(read(text), text).toEqual({ variant: 'large' });
    }
    expect(read('en facile à lire 19h hall')).toEqual({
      variant: 'easy',
      time: '19:00',
      place: 'hall',
    });
  });

  it('leaves a wrong date to its own message', () => {
    expect(() => read('grand 31/02 cour')).toThrow(
      expect.objectContaining({ key: 'kits.bad_date' }),
    );
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
