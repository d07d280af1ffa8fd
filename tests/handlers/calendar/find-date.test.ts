// Reading dates as people type them. "today" is Thursday 26 November 2026 unless a test
// says otherwise; 28 May 2027 is a Friday, 29 May 2027 a Saturday.
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../handlers/errors.ts';
import { findDate, type FindDateOptions } from '../../../handlers/calendar/french-dates.ts';

const today = '2026-11-26';

/** The ISO date and the exact words it was read from. */
function read(text: string, on = today, options?: FindDateOptions) {
  const found = findDate(text, on, options);
  return found && { date: found.date, words: text.slice(found.start, found.end) };
}

function refusal(text: string, on = today, options?: FindDateOptions) {
  try {
    findDate(text, on, options);
  } catch (error) {
    if (error instanceof UserFacingError) return { key: error.key, vars: error.vars };
    throw error;
  }
  return 'accepted';
}

describe('findDate, numeric forms', () => {
  it.each([
    ['28/05', '2027-05-28'],
    ['28/05/2027', '2027-05-28'],
    ['28/05/27', '2027-05-28'],
    ['28-05', '2027-05-28'],
    ['28.05', '2027-05-28'],
    ['1/6', '2027-06-01'],
    ['12/12/2026', '2026-12-12'],
    ['2027-05-28', '2027-05-28'],
  ])('%s → %s', (text, date) => {
    expect(read(text)).toEqual({ date, words: text });
  });

  it('gives the span inside a longer text', () => {
    expect(findDate('Fête le 28/05 à 19h', today)).toEqual({
      date: '2027-05-28',
      start: 5,
      end: 13,
      nextYear: true, // typed without its year, this year's had passed
    });
    expect(findDate('le 28/05/2027', today)).not.toHaveProperty('nextYear');
    expect(findDate('le 10/12', today)).not.toHaveProperty('nextYear');
    expect(read('apéro 28.05.27, cour')).toEqual({ date: '2027-05-28', words: '28.05.27' });
  });

  it('does not read times, phone numbers or day numbers alone as dates', () => {
    expect(read('19:30')).toBeUndefined();
    expect(read('appelez le 06.12.34.56.78')).toBeUndefined();
    expect(read('le 28')).toBeUndefined();
    expect(read('bâtiment B2-3')).toBeUndefined();
    expect(read('cour intérieure')).toBeUndefined();
  });
});

describe('findDate, words', () => {
  it.each([
    ['28 mai', '2027-05-28'],
    ['1er juin', '2027-06-01'],
    ['1er décembre', '2026-12-01'],
    ['28 MAI', '2027-05-28'],
    ['3 fevrier', '2027-02-03'],
    ['3 février', '2027-02-03'],
    ['15 août', '2027-08-15'],
    ['15 aout', '2027-08-15'],
    ['28 sept.', '2027-09-28'],
    ['vendredi 28 mai', '2027-05-28'],
    ['Vendredi 28 mai 2027', '2027-05-28'],
    ['ven. 28 mai', '2027-05-28'],
    ['ven 28/05', '2027-05-28'],
    ['mar. 1er juin', '2027-06-01'],
    ['le vendredi 28 mai', '2027-05-28'],
    ['vendredi 27', '2026-11-27'],
    ['mercredi 2', '2026-12-02'],
  ])('%s → %s', (text, date) => {
    expect(read(text)).toEqual({ date, words: text });
  });

  it.each([
    ['28 May', '2027-05-28'],
    ['May 28', '2027-05-28'],
    ['May 28, 2027', '2027-05-28'],
    ['friday 28 may', '2027-05-28'],
    ['Friday, May 28', '2027-05-28'],
    ['Fri 28 May', '2027-05-28'],
    ['on the 28th of May', '2027-05-28'],
    ['June 1st', '2027-06-01'],
    ['Dec 31', '2026-12-31'],
  ])('English: %s → %s', (text, date) => {
    expect(read(text)).toEqual({ date, words: text });
  });

  it('leaves the time and the rest of the text out of the span', () => {
    expect(read('vendredi 28 mai 19h cour')).toEqual({
      date: '2027-05-28',
      words: 'vendredi 28 mai',
    });
    expect(read('samedi 19h')).toEqual({ date: '2026-11-28', words: 'samedi' });
    expect(read('samedi 19 h 30')).toEqual({ date: '2026-11-28', words: 'samedi' });
    expect(read('28 mai 2027 à 19h')).toEqual({ date: '2027-05-28', words: '28 mai 2027' });
  });

  it('does not take weekday abbreviations alone, nor months inside other words', () => {
    expect(read('la mer 28 degrés')).toBeUndefined();
    expect(read('un jeu de société')).toBeUndefined();
    expect(read('I sat down')).toBeUndefined();
    expect(read('28 maisons')).toBeUndefined();
  });
});

describe('findDate, relative words', () => {
  it.each([
    ["aujourd'hui", '2026-11-26'],
    ['Aujourd’hui', '2026-11-26'],
    ['aujourdhui', '2026-11-26'],
    ['ce soir', '2026-11-26'],
    ['demain', '2026-11-27'],
    ['après-demain', '2026-11-28'],
    ['apres demain', '2026-11-28'],
    ['today', '2026-11-26'],
    ['tonight', '2026-11-26'],
    ['tomorrow', '2026-11-27'],
    ['the day after tomorrow', '2026-11-28'],
  ])('%s → %s', (text, date) => {
    expect(read(text)).toEqual({ date, words: text });
  });

  it('reads a weekday alone as the next one after today, never today', () => {
    expect(read('vendredi')).toEqual({ date: '2026-11-27', words: 'vendredi' });
    expect(read('mercredi')).toEqual({ date: '2026-12-02', words: 'mercredi' });
    // Said on a Thursday, "jeudi" is next week's.
    expect(read('jeudi')).toEqual({ date: '2026-12-03', words: 'jeudi' });
    expect(read('ce jeudi')).toEqual({ date: '2026-12-03', words: 'ce jeudi' });
    expect(read('vendredi prochain')).toEqual({ date: '2026-11-27', words: 'vendredi prochain' });
    expect(read('jeudi prochain')).toEqual({ date: '2026-12-03', words: 'jeudi prochain' });
    expect(read('friday')).toEqual({ date: '2026-11-27', words: 'friday' });
    expect(read('next Friday')).toEqual({ date: '2026-11-27', words: 'next Friday' });
    expect(read('next thursday')).toEqual({ date: '2026-12-03', words: 'next thursday' });
    expect(read('samedi après-midi')).toEqual({ date: '2026-11-28', words: 'samedi' });
  });

  it('reads "en huit" and "en quinze" as the following weeks', () => {
    expect(read('samedi en huit')).toEqual({ date: '2026-12-05', words: 'samedi en huit' });
    // Said on a Thursday: in seven days.
    expect(read('jeudi en huit')).toEqual({ date: '2026-12-03', words: 'jeudi en huit' });
    expect(read('lundi en quinze')).toEqual({ date: '2026-12-14', words: 'lundi en quinze' });
  });

  it('counts across a month and a year', () => {
    expect(read('demain', '2026-12-31')).toEqual({ date: '2027-01-01', words: 'demain' });
    expect(read('lundi', '2026-12-31')).toEqual({ date: '2027-01-04', words: 'lundi' });
    expect(read('après-demain', '2028-02-28')).toEqual({
      date: '2028-03-01',
      words: 'après-demain',
    });
  });
});

describe('findDate, the year of a date given without one', () => {
  it('is this year when the date is still to come, today included', () => {
    expect(read('28/05', '2027-05-28')).toEqual({ date: '2027-05-28', words: '28/05' });
    expect(read('31/12', '2026-12-31')).toEqual({ date: '2026-12-31', words: '31/12' });
    expect(read('1er décembre', '2026-11-26')).toEqual({
      date: '2026-12-01',
      words: '1er décembre',
    });
  });

  it('is next year when the date has passed this year', () => {
    expect(read('28/05', '2027-05-29')).toEqual({ date: '2028-05-28', words: '28/05' });
    expect(read('31/12', '2027-01-01')).toEqual({ date: '2027-12-31', words: '31/12' });
    expect(read('1/1', '2026-12-31')).toEqual({ date: '2027-01-01', words: '1/1' });
    expect(read('25 novembre')).toEqual({ date: '2027-11-25', words: '25 novembre' });
  });

  it('takes 29 February when the coming one exists, and refuses it otherwise', () => {
    expect(read('29/02', '2027-03-01')).toEqual({ date: '2028-02-29', words: '29/02' });
    expect(read('29 février', '2028-01-10')).toEqual({ date: '2028-02-29', words: '29 février' });
    expect(read('29/02/2028')).toEqual({ date: '2028-02-29', words: '29/02/2028' });
    expect(refusal('29/02', '2026-11-26')).toEqual({ key: 'dates.bad_date', vars: {} });
    expect(refusal('29/02', '2028-03-01')).toEqual({ key: 'dates.bad_date', vars: {} });
    expect(refusal('29/02/2027')).toEqual({ key: 'dates.bad_date', vars: {} });
  });
});

describe('findDate, refusals', () => {
  it.each(['31/02', '32/01', '30/13', '0/05', '31 juin', '32 mai', '28/05/202', '31 avril 2027'])(
    '%s does not exist',
    (text) => {
      expect(refusal(text)).toEqual({ key: 'dates.bad_date', vars: {} });
    },
  );

  it('refuses a past date unless asked not to', () => {
    expect(refusal('01/01/2020')).toEqual({ key: 'dates.date_in_past', vars: {} });
    expect(refusal('25/11/2026')).toEqual({ key: 'dates.date_in_past', vars: {} });
    expect(read('26/11/2026')).toEqual({ date: '2026-11-26', words: '26/11/2026' });
    expect(read('01/01/2020', today, { allowPast: true })).toEqual({
      date: '2020-01-01',
      words: '01/01/2020',
    });
  });

  it('refuses a weekday that is not the date’s, naming both in the chat’s language', () => {
    expect(refusal('vendredi 29 mai')).toEqual({
      key: 'dates.weekday_mismatch',
      vars: { weekday: 'samedi', date: '29 mai 2027', given: 'vendredi' },
    });
    expect(refusal('ven. 29/05/2027')).toEqual({
      key: 'dates.weekday_mismatch',
      vars: { weekday: 'samedi', date: '29 mai 2027', given: 'vendredi' },
    });
    expect(refusal('lundi 1er juin')).toEqual({
      key: 'dates.weekday_mismatch',
      vars: { weekday: 'mardi', date: '1er juin 2027', given: 'lundi' },
    });
    expect(refusal('dimanche 30')).toEqual({
      key: 'dates.weekday_mismatch',
      vars: { weekday: 'lundi', date: '30 novembre 2026', given: 'dimanche' },
    });
    expect(refusal('Friday 29 May', today, { locale: 'en' })).toEqual({
      key: 'dates.weekday_mismatch',
      vars: { weekday: 'Saturday', date: '29 May 2027', given: 'Friday' },
    });
  });
});
