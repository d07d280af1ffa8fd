// Availability as volunteers type it, and when a need is, for matching.
import { describe, expect, it } from 'vitest';
import { availabilitySlots, needSlot } from '../../../handlers/mutual-aid/availability.ts';

describe('availability', () => {
  it('reads the usual slots from what a volunteer typed, French or English', () => {
    expect(availabilitySlots('le soir après 18 h et le week-end')).toEqual(['weekend', 'evening']);
    expect(availabilitySlots('En semaine, le matin')).toEqual(['weekday', 'morning']);
    expect(availabilitySlots("l'après-midi")).toEqual(['afternoon']);
    expect(availabilitySlots('Saturdays and evenings')).toEqual(['weekend', 'evening']);
    expect(availabilitySlots('quand vous voulez')).toEqual([]);
    expect(availabilitySlots(null)).toEqual([]);
  });

  it('places a need by its date and its words', () => {
    // 28 November 2026 is a Saturday, 27 a Friday.
    expect(needSlot({ neededOn: '2026-11-28', description: 'du pain le matin' })).toEqual({
      day: 'weekend',
      time: 'morning',
    });
    expect(needSlot({ neededOn: '2026-11-27', description: 'monter une étagère' })).toEqual({
      day: 'weekday',
    });
    expect(needSlot({ neededOn: null, description: 'une visite en soirée' })).toEqual({
      time: 'evening',
    });
  });
});
