// When volunteers are usually free, read from what they typed ("le soir et le week-end"),
// and when a need is, read from its date and words ("demain matin"). Matching prefers
// volunteers whose availability fits; it never excludes anyone for it (availability is a
// habit, not a promise, and a volunteer who said nothing fits everything).
import { addDays, daysBetween, weekdayOf } from '../calendar/french-dates.ts';
import { plain } from '../plain-words.ts';

export const daySlots = ['weekday', 'weekend'] as const;
export const timeSlots = ['morning', 'afternoon', 'evening'] as const;
export type DaySlot = (typeof daySlots)[number];
export type TimeSlot = (typeof timeSlots)[number];
export type Slot = DaySlot | TimeSlot;

const WORDS: [RegExp, Slot][] = [
  [/\b(week-?ends?|samedis?|dimanches?|saturdays?|sundays?)\b/, 'weekend'],
  [
    /\b(semaine|lundis?|mardis?|mercredis?|jeudis?|vendredis?|weekdays?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?)\b/,
    'weekday',
  ],
  [/\b(matins?|matinees?|mornings?)\b/, 'morning'],
  [/\b(apres-?midis?|afternoons?|midi)\b/, 'afternoon'],
  [/\b(soirs?|soirees?|evenings?|nights?|nuits?)\b/, 'evening'],
];

/** The slots a volunteer's words name; none means "any time". */
export function availabilitySlots(text: string | null): Slot[] {
  if (!text) return [];
  const words = plain(text);
  // "après-midi" is not "midi" and not a morning; "en semaine" is a kind of day.
  return WORDS.filter(([pattern]) => pattern.test(words)).map(([, slot]) => slot);
}

export interface NeedSlot {
  day?: DaySlot;
  time?: TimeSlot;
}

/** When a need is: its date's kind of day, and a time of day if its words say one. */
export function needSlot(need: {
  neededOn: string | null;
  neededUntil?: string | null;
  description: string;
}): NeedSlot {
  const slot: NeedSlot = {};
  // A period of a week or more holds weekdays and a week-end: any volunteer's days fit.
  const span = need.neededOn && need.neededUntil ? daysBetween(need.neededOn, need.neededUntil) : 0;
  if (span > 0) {
    const days = Array.from({ length: Math.min(span, 6) + 1 }, (_, i) =>
      weekdayOf(addDays(need.neededOn!, i)),
    );
    const weekend = days.filter((d) => d === 0 || d === 6).length;
    if (weekend === days.length) slot.day = 'weekend';
    else if (weekend === 0) slot.day = 'weekday';
  } else if (need.neededOn) {
    const weekday = weekdayOf(need.neededOn);
    slot.day = weekday === 0 || weekday === 6 ? 'weekend' : 'weekday';
  }
  const time = availabilitySlots(need.description).find((s): s is TimeSlot =>
    (timeSlots as readonly string[]).includes(s),
  );
  if (time) slot.time = time;
  return slot;
}
