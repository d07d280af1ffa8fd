import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../handlers/errors.ts';
import { findTime } from '../../../handlers/calendar/french-dates.ts';

function read(text: string) {
  const found = findTime(text);
  return found && { time: found.time, words: text.slice(found.start, found.end) };
}

describe('findTime', () => {
  it.each([
    ['19h', '19:00'],
    ['19H', '19:00'],
    ['19h30', '19:30'],
    ['19 h 30', '19:30'],
    ['19 heures', '19:00'],
    ['9h05', '09:05'],
    ['19:30', '19:30'],
    ['0h', '00:00'],
    ['à 19h', '19:00'],
    ['a 19h', '19:00'],
    ['vers 18h30', '18:30'],
    ['dès 18h', '18:00'],
    ['7pm', '19:00'],
    ['7 pm', '19:00'],
    ['7:30 pm', '19:30'],
    ['7:30pm', '19:30'],
    ['at 7pm', '19:00'],
    ['11 am', '11:00'],
    ['12am', '00:00'],
    ['12pm', '12:00'],
    ['7 p.m.', '19:00'],
    ['midi', '12:00'],
    ['à midi', '12:00'],
    ['noon', '12:00'],
    ['minuit', '00:00'],
  ])('%s → %s', (text, time) => {
    expect(read(text)).toEqual({ time, words: text });
  });

  it('gives the span inside a longer text', () => {
    expect(findTime('28/05 à 19h30 cour')).toEqual({ time: '19:30', start: 6, end: 13 });
    expect(read('vendredi 28 mai 19h cour')).toEqual({ time: '19:00', words: '19h' });
  });

  it('finds no time in dates, counts or "après-midi"', () => {
    expect(read('28/05')).toBeUndefined();
    expect(read('28.05.2027')).toBeUndefined();
    expect(read('28 mai 2027')).toBeUndefined();
    expect(read('samedi après-midi')).toBeUndefined();
    expect(read('2 habitants')).toBeUndefined();
    expect(read('19h5')).toBeUndefined();
    expect(read('cour intérieure')).toBeUndefined();
  });

  it.each(['25h', '24h', '19h75', '19:60', '13pm', '0am', '7:75 pm'])(
    'refuses %s as a time that does not exist',
    (text) => {
      expect(() => findTime(text)).toThrow(UserFacingError);
      expect(() => findTime(text)).toThrow(expect.objectContaining({ key: 'dates.bad_time' }));
    },
  );
});
