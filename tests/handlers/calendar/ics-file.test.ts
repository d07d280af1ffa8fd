// The calendar file read back by an RFC 5545 parser: overseas time zones, all-day events,
// the reminder, a cancellation.
import { describe, expect, it } from 'vitest';
import { icsFilename, toIcsFile, type CalendarEntry } from '../../../handlers/calendar/ics-file.ts';
import { readIcs } from '../../support/read-ics.ts';

const base: CalendarEntry = {
  uid: 'gathering-7@voisins-solidaires',
  sequence: 0,
  cancelled: false,
  summary: 'Galette, des voisins; cour',
  location: 'Cour intérieure',
  description: 'Résidence des Lilas',
  date: '2027-01-15',
  time: '19:00',
  timeZone: 'Europe/Paris',
  alarmText: 'Galette dans 2 heures',
  now: new Date('2026-12-06T10:00:00Z'),
};

describe('the calendar file', () => {
  it.each([
    ['Pacific/Noumea', '2027-01-15T08:00:00.000Z'],
    ['America/Martinique', '2027-01-15T23:00:00.000Z'],
    ['Indian/Reunion', '2027-01-15T15:00:00.000Z'],
    ['Europe/Paris', '2027-01-15T18:00:00.000Z'],
  ])('starts at 19:00 in %s, with its VTIMEZONE', async (timeZone, utc) => {
    const event = readIcs(await toIcsFile({ ...base, timeZone }));
    expect(event.tzid).toBe(timeZone);
    expect(event.start).toBe('2027-01-15T19:00:00');
    expect(event.startUtc).toBe(utc);
    expect(event.text).toContain(`BEGIN:VTIMEZONE\r\nTZID:${timeZone}`);
  });

  it('keeps summer time right in Paris', async () => {
    const event = readIcs(await toIcsFile({ ...base, date: '2027-05-28' }));
    expect(event.startUtc).toBe('2027-05-28T17:00:00.000Z');
  });

  it('has a stable UID, its sequence, the place, a reminder two hours before', async () => {
    const event = readIcs(await toIcsFile({ ...base, sequence: 3 }));
    expect(event).toMatchObject({
      method: 'PUBLISH',
      uid: 'gathering-7@voisins-solidaires',
      sequence: 3,
      status: 'CONFIRMED',
      summary: 'Galette, des voisins; cour',
      location: 'Cour intérieure',
      description: 'Résidence des Lilas',
      allDay: false,
      alarms: ['-PT2H'],
    });
    expect(event.end).toBe('2027-01-15T22:00:00');
    expect(event.text).toMatch(/DTSTAMP:20261206T100000Z/);
  });

  it('is an all-day event without a time, reminded the evening before', async () => {
    const event = readIcs(await toIcsFile({ ...base, time: null }));
    expect(event).toMatchObject({ allDay: true, start: '2027-01-15', end: '2027-01-16' });
    expect(event.alarms).toEqual(['-PT6H']);
  });

  it('covers a period of several days', async () => {
    const event = readIcs(await toIcsFile({ ...base, time: null, lastDate: '2027-01-20' }));
    expect(event).toMatchObject({ start: '2027-01-15', end: '2027-01-21' });
  });

  it('says a cancellation: METHOD:CANCEL, STATUS:CANCELLED, no reminder', async () => {
    const event = readIcs(await toIcsFile({ ...base, sequence: 2, cancelled: true }));
    expect(event).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', sequence: 2 });
    expect(event.alarms).toEqual([]);
  });

  it('writes a zone the tables do not know in UTC', async () => {
    // Ciudad Juárez (its own zone since 2022) follows US mountain time: UTC−7 in January.
    const event = readIcs(await toIcsFile({ ...base, timeZone: 'America/Ciudad_Juarez' }));
    expect(event.tzid).toBeUndefined();
    expect(event.startUtc).toBe('2027-01-16T02:00:00.000Z');
    expect(event.text).not.toContain('VTIMEZONE');
  });

  it('names the file plainly', () => {
    expect(icsFilename('Fête des voisins 2027')).toBe('fete-des-voisins-2027.ics');
    expect(icsFilename('🎉')).toBe('agenda.ics');
  });
});
