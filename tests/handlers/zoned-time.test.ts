import { describe, expect, it } from 'vitest';
import {
  hourIn,
  localDateTimeToUtc,
  monthIn,
  todayIn,
  yearMonthIn,
} from '../../handlers/zoned-time.ts';

const utc = (date: string, time: string, zone: string) =>
  localDateTimeToUtc(date, time, zone).toISOString();

describe('a group’s local date and hour', () => {
  it('reads the wall clock of the group’s zone', () => {
    const instant = new Date('2026-11-26T23:30:00Z');
    expect(todayIn(instant, 'Europe/Paris')).toBe('2026-11-27');
    expect(todayIn(instant, 'America/Martinique')).toBe('2026-11-26');
    expect(yearMonthIn(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toBe('2027-01');
    expect(monthIn(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toBe(1);
    expect(hourIn(instant, 'Pacific/Noumea')).toBe(10);
  });
});

describe('localDateTimeToUtc', () => {
  it('gives the instant for metropolitan France, winter and summer', () => {
    expect(utc('2027-05-28', '19:00', 'Europe/Paris')).toBe('2027-05-28T17:00:00.000Z');
    expect(utc('2027-01-15', '19:00', 'Europe/Paris')).toBe('2027-01-15T18:00:00.000Z');
    expect(utc('2027-12-31', '23:30', 'Europe/Paris')).toBe('2027-12-31T22:30:00.000Z');
  });

  it('gives the instant overseas, across the UTC day when it must', () => {
    expect(utc('2027-05-28', '19:00', 'America/Guadeloupe')).toBe('2027-05-28T23:00:00.000Z');
    expect(utc('2027-05-28', '21:30', 'America/Guadeloupe')).toBe('2027-05-29T01:30:00.000Z');
    expect(utc('2027-05-28', '19:00', 'Indian/Reunion')).toBe('2027-05-28T15:00:00.000Z');
    expect(utc('2027-05-28', '19:00', 'Indian/Mayotte')).toBe('2027-05-28T16:00:00.000Z');
    expect(utc('2027-05-28', '19:00', 'America/Cayenne')).toBe('2027-05-28T22:00:00.000Z');
    expect(utc('2027-01-01', '00:30', 'Pacific/Noumea')).toBe('2026-12-31T13:30:00.000Z');
    expect(utc('2027-05-28', '19:00', 'Pacific/Tahiti')).toBe('2027-05-29T05:00:00.000Z');
    expect(utc('2027-05-28', '19:00', 'America/Miquelon')).toBe('2027-05-28T21:00:00.000Z');
    expect(utc('2027-05-28', '19:00', 'UTC')).toBe('2027-05-28T19:00:00.000Z');
  });

  it('moves a time skipped in spring later by the gap (Paris, 28 March 2027)', () => {
    expect(utc('2027-03-28', '01:59', 'Europe/Paris')).toBe('2027-03-28T00:59:00.000Z');
    // 02:00–02:59 do not exist: 02:30 is read as 03:30 summer time.
    expect(utc('2027-03-28', '02:00', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z');
    expect(utc('2027-03-28', '02:30', 'Europe/Paris')).toBe('2027-03-28T01:30:00.000Z');
    expect(utc('2027-03-28', '03:00', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z');
    expect(utc('2027-03-28', '19:00', 'Europe/Paris')).toBe('2027-03-28T17:00:00.000Z');
    expect(utc('2027-03-14', '02:30', 'America/New_York')).toBe('2027-03-14T07:30:00.000Z');
  });

  it('takes the first of a time lived twice in autumn (Paris, 31 October 2027)', () => {
    expect(utc('2027-10-31', '02:30', 'Europe/Paris')).toBe('2027-10-31T00:30:00.000Z');
    expect(utc('2027-10-31', '03:00', 'Europe/Paris')).toBe('2027-10-31T02:00:00.000Z');
    expect(utc('2027-10-31', '01:59', 'Europe/Paris')).toBe('2027-10-30T23:59:00.000Z');
    expect(utc('2027-11-07', '01:30', 'America/New_York')).toBe('2027-11-07T05:30:00.000Z');
  });

  it('agrees with todayIn and hourIn on every hour of a year in Paris', () => {
    for (let day = 0; day < 366; day += 1) {
      const date = new Date(Date.UTC(2027, 0, 1 + day)).toISOString().slice(0, 10);
      for (const time of ['00:00', '02:30', '12:15', '23:45']) {
        const instant = localDateTimeToUtc(date, time, 'Europe/Paris');
        if (time === '02:30' && date === '2027-03-28') continue; // the skipped hour
        expect(todayIn(instant, 'Europe/Paris'), `${date} ${time}`).toBe(date);
        expect(hourIn(instant, 'Europe/Paris'), `${date} ${time}`).toBe(Number(time.slice(0, 2)));
      }
    }
  });

  it('refuses what is not a date and a time', () => {
    expect(() => localDateTimeToUtc('2027-02-29', '10:00', 'Europe/Paris')).toThrow(RangeError);
    expect(() => localDateTimeToUtc('2027-05-28', '24:00', 'Europe/Paris')).toThrow(RangeError);
    expect(() => localDateTimeToUtc('28/05/2027', '19:00', 'Europe/Paris')).toThrow(RangeError);
    expect(() => localDateTimeToUtc('2027-05-28', '7pm', 'Europe/Paris')).toThrow(RangeError);
    expect(() => localDateTimeToUtc('2027-05-28', '19:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});
