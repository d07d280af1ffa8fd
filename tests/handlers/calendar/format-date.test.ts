import { describe, expect, it } from 'vitest';
import {
  addDays,
  compareIso,
  formatDate,
  formatDayMonthYear,
  formatTime,
  isIsoDate,
  weekdayOf,
} from '../../../handlers/calendar/french-dates.ts';

describe('formatDate', () => {
  it('writes long dates for posters and confirmations', () => {
    expect(formatDate('2027-05-28', 'fr', 'long')).toBe('vendredi 28 mai 2027');
    expect(formatDate('2027-05-28', 'en', 'long')).toBe('Friday 28 May 2027');
    expect(formatDate('2027-06-01', 'fr', 'long')).toBe('mardi 1er juin 2027');
    expect(formatDate('2027-06-01', 'en', 'long')).toBe('Tuesday 1 June 2027');
    expect(formatDate('2026-08-15', 'fr', 'long')).toBe('samedi 15 août 2026');
    expect(formatDate('2026-12-27', 'fr', 'long')).toBe('dimanche 27 décembre 2026');
  });

  it('writes short dates for buttons and poll options', () => {
    expect(formatDate('2027-05-28', 'fr', 'short')).toBe('ven. 28 mai');
    expect(formatDate('2027-05-28', 'en', 'short')).toBe('Fri 28 May');
    expect(formatDate('2027-02-01', 'fr', 'short')).toBe('lun. 1er févr.');
    expect(formatDate('2026-09-30', 'fr', 'short')).toBe('mer. 30 sept.');
    expect(formatDate('2026-09-30', 'en', 'short')).toBe('Wed 30 Sep');
  });

  it('writes the day, month and year alone', () => {
    expect(formatDayMonthYear('2027-05-29', 'fr')).toBe('29 mai 2027');
    expect(formatDayMonthYear('2027-05-01', 'fr')).toBe('1er mai 2027');
    expect(formatDayMonthYear('2027-05-01', 'en')).toBe('1 May 2027');
  });

  it('refuses what is not an ISO date', () => {
    expect(() => formatDate('28/05/2027', 'fr', 'long')).toThrow(RangeError);
    expect(() => formatDate('2027-02-29', 'fr', 'long')).toThrow(RangeError);
  });
});

describe('formatTime', () => {
  it('writes French and English times', () => {
    expect(formatTime('19:00', 'fr')).toBe('19 h');
    expect(formatTime('19:30', 'fr')).toBe('19 h 30');
    expect(formatTime('09:05', 'fr')).toBe('9 h 05');
    expect(formatTime('00:00', 'fr')).toBe('0 h');
    expect(formatTime('19:00', 'en')).toBe('19:00');
    expect(formatTime('09:05', 'en')).toBe('09:05');
    expect(() => formatTime('19h', 'fr')).toThrow(RangeError);
  });
});

describe('ISO date helpers', () => {
  it('add days across months, years and leap days', () => {
    expect(addDays('2026-11-26', 1)).toBe('2026-11-27');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    // The spring-forward Sunday in Paris is a day like any other here.
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29');
    expect(addDays('2026-11-26', 365)).toBe('2027-11-26');
  });

  it('give the weekday, 0 for Sunday', () => {
    expect(weekdayOf('2027-05-28')).toBe(5);
    expect(weekdayOf('2027-05-30')).toBe(0);
    expect(weekdayOf('2000-02-29')).toBe(2);
  });

  it('compare and check ISO dates', () => {
    expect(compareIso('2027-05-28', '2027-05-29')).toBe(-1);
    expect(compareIso('2027-05-28', '2027-05-28')).toBe(0);
    expect(compareIso('2028-01-01', '2027-12-31')).toBe(1);
    expect(['2027-06-04', '2026-12-01', '2027-05-28'].sort(compareIso)).toEqual([
      '2026-12-01',
      '2027-05-28',
      '2027-06-04',
    ]);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-5-28')).toBe(false);
    expect(() => weekdayOf('2027-13-01')).toThrow(RangeError);
  });
});
