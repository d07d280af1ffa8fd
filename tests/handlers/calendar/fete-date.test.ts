import { describe, expect, it } from 'vitest';
import {
  ascension,
  defaultFeteDate,
  easterSunday,
  whitMonday,
} from '../../../handlers/calendar/fete-date.ts';

describe('Easter and the feasts that follow it', () => {
  it.each([
    [2000, '2000-04-23'],
    [2001, '2001-04-15'],
    [2002, '2002-03-31'],
    [2003, '2003-04-20'],
    [2004, '2004-04-11'],
    [2005, '2005-03-27'],
    [2006, '2006-04-16'],
    [2007, '2007-04-08'],
    [2008, '2008-03-23'],
    [2009, '2009-04-12'],
    [2010, '2010-04-04'],
    [2011, '2011-04-24'],
    [2012, '2012-04-08'],
    [2013, '2013-03-31'],
    [2014, '2014-04-20'],
    [2015, '2015-04-05'],
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    // The earliest and latest possible dates.
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
    [1943, '1943-04-25'],
    [2038, '2038-04-25'],
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('puts Ascension on a Thursday and Whit Monday on a Monday', () => {
    expect(ascension(2025)).toBe('2025-05-29');
    expect(ascension(2017)).toBe('2017-05-25');
    expect(whitMonday(2023)).toBe('2023-05-29');
    expect(whitMonday(2026)).toBe('2026-05-25');
  });
});

describe('defaultFeteDate', () => {
  // FACTS.md: the official dates published by the organisers.
  it.each([
    [2016, '2016-05-27'],
    [2017, '2017-05-19'], // Ascension 25 May: one week earlier
    [2018, '2018-05-25'],
    [2019, '2019-05-24'], // Ascension 30 May
    [2022, '2022-05-20'], // Ascension 26 May
    [2024, '2024-05-31'],
    [2025, '2025-05-23'], // Ascension 29 May
    [2026, '2026-05-29'],
  ])('%i: the official date, %s, with nothing to confirm', (year, date) => {
    expect(defaultFeteDate(year)).toEqual({ date, toConfirm: false });
  });

  it('flags the years when Whit Monday follows the last Friday of May', () => {
    // 2023 moved to 2 June, 2012 moved too, 2020 did not: the rule cannot tell.
    expect(defaultFeteDate(2023)).toEqual({ date: '2023-05-26', toConfirm: true });
    expect(defaultFeteDate(2012)).toEqual({ date: '2012-05-25', toConfirm: true });
    expect(defaultFeteDate(2020)).toEqual({ date: '2020-05-29', toConfirm: true });
  });

  it('is always a Friday in May, flagged only in Whit Monday years', () => {
    for (let year = 2000; year <= 2100; year++) {
      const { date, toConfirm } = defaultFeteDate(year);
      expect(new Date(`${date}T00:00:00Z`).getUTCDay(), String(year)).toBe(5);
      expect(date.slice(0, 7), String(year)).toBe(`${year}-05`);
      expect(toConfirm, String(year)).toBe(
        new Date(`${date}T00:00:00Z`).getTime() + 3 * 86_400_000 ===
          new Date(`${whitMonday(year)}T00:00:00Z`).getTime(),
      );
    }
  });
});
