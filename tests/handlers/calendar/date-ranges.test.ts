// Periods in people's words (handlers/calendar/date-ranges.ts): read as a first and a last day,
// never as the last day alone.
import { describe, expect, it } from 'vitest';
import { findDateRange } from '../../../handlers/calendar/date-ranges.ts';

// A Wednesday.
const today = '2026-12-09';

describe('findDateRange', () => {
  it.each([
    ['courses du 20 au 27 décembre', '2026-12-20', '2026-12-27', 'du 20 au 27 décembre'],
    ['du 28 décembre au 3 janvier', '2026-12-28', '2027-01-03', 'du 28 décembre au 3 janvier'],
    ['du 28 au 3 janvier', '2026-12-28', '2027-01-03', 'du 28 au 3 janvier'],
    ['entre le 20 et le 27 décembre', '2026-12-20', '2026-12-27', 'entre le 20 et le 27 décembre'],
    ['from 20 to 27 December', '2026-12-20', '2026-12-27', 'from 20 to 27 December'],
    // Started already: from today.
    ['du 1er au 15 décembre', '2026-12-09', '2026-12-15', 'du 1er au 15 décembre'],
    ['cette semaine si possible', '2026-12-09', '2026-12-13', 'cette semaine'],
    ['ce week-end', '2026-12-12', '2026-12-13', 'ce week-end'],
    ['this weekend', '2026-12-12', '2026-12-13', 'this weekend'],
  ])('reads %j', (text, from, until, said) => {
    const found = findDateRange(text, today);
    expect(found).toMatchObject({ from, until });
    expect(text.slice(found!.start, found!.end)).toBe(said);
  });

  it.each(['du pain demain', 'le 27 décembre', 'du 20 au 27', 'du 31 au 3 mars'])(
    'finds no period in %j',
    (text) => {
      expect(findDateRange(text, today)).toBeUndefined();
    },
  );
});
