// What counts as a change worth telling the groups already told (change-rule.ts), and when a
// round of changes or a cancellation goes out (announcement-time.ts): pure functions.
import { describe, expect, it } from 'vitest';
import {
  cancellationTime,
  changeRoundTime,
} from '../../../handlers/city-programme/announcement-time.ts';
import { whatChanged, type EventForm } from '../../../handlers/city-programme/change-rule.ts';

const told: EventForm = {
  date: '2026-12-12',
  time: '15:00',
  place: 'Salle des fêtes',
  title: 'Brocante de quartier',
};
const changed = (change: Partial<EventForm>) => whatChanged(told, { ...told, ...change });

describe('a change worth telling', () => {
  it('is any change of the date or the hour, given or removed', () => {
    expect(changed({ date: '2026-12-19' })).toEqual(['date']);
    expect(changed({ time: '15:30' })).toEqual(['time']);
    expect(changed({ time: null })).toEqual(['time']);
    expect(changed({ date: '2026-12-13', time: '10:00', place: 'Gymnase' })).toEqual([
      'date',
      'time',
      'place',
    ]);
  });

  it('is a new place, but not its capitals, accents, punctuation or spacing', () => {
    expect(changed({ place: 'salle des fetes' })).toEqual([]);
    expect(changed({ place: ' Salle  des Fêtes. ' })).toEqual([]);
    expect(changed({ place: 'Salle 2' })).toEqual(['place']);
    expect(whatChanged({ ...told, place: 'Salle 2' }, { ...told, place: 'Salle 3' })).toEqual([
      'place',
    ]);
    // No slip allowance for a place: two streets one letter apart are two streets.
    expect(
      whatChanged({ ...told, place: 'rue de Lyon' }, { ...told, place: 'rue de Lys' }),
    ).toEqual(['place']);
    expect(changed({ place: null })).toEqual(['place']);
    expect(whatChanged({ ...told, place: null }, { ...told, place: 'Cour' })).toEqual(['place']);
  });

  it('is a new title, but not a typo fixed in a title of ten letters or more', () => {
    expect(changed({ title: 'Brocante de quartir' })).toEqual([]);
    expect(changed({ title: 'Brocnate de quartier' })).toEqual([]);
    expect(changed({ title: 'BROCANTE DE QUARTIER !' })).toEqual([]);
    expect(changed({ title: 'Vide-grenier de quartier' })).toEqual(['title']);
    // Short titles and numbers get no slip allowance.
    expect(whatChanged({ ...told, title: 'Loto' }, { ...told, title: 'Lot' })).toEqual(['title']);
    expect(
      whatChanged(
        { ...told, title: 'Tournoi de pétanque 2026' },
        { ...told, title: 'Tournoi de pétanque 2027' },
      ),
    ).toEqual(['title']);
  });
});

describe('a round of changes', () => {
  const at = (now: string, since: string, last: string | null, date = '2026-12-12') =>
    changeRoundTime(
      date,
      new Date(now),
      new Date(since),
      last ? new Date(last) : null,
    )?.toISOString();

  it('waits half an hour after the last edit, two hours at most after the first', () => {
    expect(at('2026-12-06T10:00:00Z', '2026-12-06T10:00:00Z', null)).toBe(
      '2026-12-06T10:30:00.000Z',
    );
    expect(at('2026-12-06T11:50:00Z', '2026-12-06T10:00:00Z', null)).toBe(
      '2026-12-06T12:00:00.000Z',
    );
  });

  it('comes four hours after the previous round at the earliest', () => {
    expect(at('2026-12-06T12:00:00Z', '2026-12-06T12:00:00Z', '2026-12-06T10:30:00Z')).toBe(
      '2026-12-06T14:30:00.000Z',
    );
  });

  it('waits for the morning at night, and goes at once rather than after the eve', () => {
    // Sunday 6 December, 20:50 Paris: Monday 10:00.
    expect(at('2026-12-06T19:50:00Z', '2026-12-06T19:50:00Z', null)).toBe(
      '2026-12-07T09:00:00.000Z',
    );
    // Friday 11, 19:50, the eve: at once.
    expect(at('2026-12-11T18:50:00Z', '2026-12-11T18:50:00Z', '2026-12-11T17:00:00Z')).toBe(
      '2026-12-11T18:50:00.000Z',
    );
    // 20:10 the eve: too late.
    expect(at('2026-12-11T19:10:00Z', '2026-12-11T19:10:00Z', null)).toBeUndefined();
  });
});

describe('a cancellation', () => {
  const at = (now: string, time: string | null) =>
    cancellationTime('2026-12-12', time, new Date(now))?.toISOString();
  it('is told at once in the daytime, else at 9:00, until the event starts', () => {
    expect(at('2026-12-10T14:00:00Z', '15:00')).toBe('2026-12-10T14:00:00.000Z');
    expect(at('2026-12-11T21:00:00Z', '15:00')).toBe('2026-12-12T08:00:00.000Z');
    // Without an hour: until noon on the day.
    expect(at('2026-12-12T10:30:00Z', null)).toBe('2026-12-12T10:30:00.000Z');
    expect(at('2026-12-12T11:00:00Z', null)).toBeUndefined();
    expect(at('2026-12-11T21:00:00Z', '08:30')).toBeUndefined();
  });
});
