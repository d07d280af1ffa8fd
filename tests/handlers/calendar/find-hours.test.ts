import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../handlers/errors.ts';
import { findDate, findHours } from '../../../handlers/calendar/french-dates.ts';

function read(text: string) {
  const found = findHours(text);
  if (!found) return undefined;
  const { start, end, ...hours } = found;
  return { ...hours, words: text.slice(start, end) };
}

describe('findHours', () => {
  it.each([
    ['soir', { part: 'evening' }],
    ['le soir', { part: 'evening' }],
    ['en soirée', { part: 'evening' }],
    ['dans la soirée', { part: 'evening' }],
    ["en fin d'après-midi", { part: 'late_afternoon' }],
    ["l'après-midi", { part: 'afternoon' }],
    ['après-midi', { part: 'afternoon' }],
    ['le matin', { part: 'morning' }],
    ['in the evening', { part: 'evening' }],
    ['late afternoon', { part: 'late_afternoon' }],
    ['por la tarde', { part: 'afternoon' }],
    ['por la mañana', { part: 'morning' }],
    ['à noite', { part: 'evening' }],
    ['akşam', { part: 'evening' }],
    ['öğleden sonra', { part: 'afternoon' }],
    ['مساءً', { part: 'evening' }],
    ['à partir de 19h', { time: '19:00', from: true }],
    ['dès 18h30', { time: '18:30', from: true }],
    ['from 7pm', { time: '19:00', from: true }],
    ['a partir de las 19h', { time: '19:00', from: true }],
    ['de 19h à 23h', { time: '19:00', until: '23:00' }],
    ['de 19 à 23h', { time: '19:00', until: '23:00' }],
    ['19h-23h', { time: '19:00', until: '23:00' }],
    ['19h–23h', { time: '19:00', until: '23:00' }],
    ['from 7pm to 11pm', { time: '19:00', until: '23:00' }],
    ['das 19h às 23h', { time: '19:00', until: '23:00' }],
    ['7h du soir', { time: '19:00' }],
    ['à 8h du matin', { time: '08:00' }],
    ["3h de l'après-midi", { time: '15:00' }],
    ['7 in the evening', { time: '19:00' }],
    ['8 de la tarde', { time: '20:00' }],
    ['le midi', { time: '12:00' }],
    ['al mediodía', { time: '12:00' }],
    ['19h30', { time: '19:30' }],
    ['à 19h', { time: '19:00' }],
  ])('%s', (text, hours) => {
    expect(read(text)).toEqual({ ...hours, words: text });
  });

  it('gives the span inside a longer text, and reads no hours in dates, counts or places', () => {
    expect(read('samedi soir cour intérieure')).toEqual({ part: 'evening', words: 'soir' });
    expect(read('28/05 de 19h à 23h cour')).toEqual({
      time: '19:00',
      until: '23:00',
      words: 'de 19h à 23h',
    });
    for (const text of [
      '29-05',
      '2027-06-04',
      '06-12-34-56-78',
      'de 2 à 3 personnes',
      'Saint-Martin',
    ])
      expect(read(text), text).toBeUndefined();
  });

  it('refuses hours that cannot be', () => {
    for (const text of ['de 19h à 25h', '25h-26h', 'à partir de 19h75'])
      expect(() => findHours(text), text).toThrow(UserFacingError);
  });

  it('leaves "por la mañana" to the hours: it is not tomorrow', () => {
    expect(findDate('por la mañana', '2026-11-26')).toBeUndefined();
    expect(findDate('mañana', '2026-11-26')?.date).toBe('2026-11-27');
    expect(findDate('saturday 7 in the evening', '2026-11-26')?.date).toBe('2026-11-28');
  });
});
