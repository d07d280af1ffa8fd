// Heat and cold: the seasons a watch roster covers, the levels, and the numbers every
// message carries (the bot is not an emergency service).
import { toDepartementTimezone } from '../groups/departements.ts';

export const hazards = ['heat', 'cold'] as const;
export type Hazard = (typeof hazards)[number];
export const levels = ['green', 'yellow', 'orange', 'red'] as const;
export type Level = (typeof levels)[number];

export function levelRank(level: Level): number {
  return levels.indexOf(level);
}

/**
 * The last day a consent given on `today` covers: the end of the season under way, or of
 * the next one (heat watch 1 June–15 September, cold watch 1 November–31 March).
 */
export function seasonEnd(today: string): string {
  const year = Number(today.slice(0, 4));
  const monthDay = today.slice(5);
  if (monthDay <= '03-31') return `${year}-03-31`;
  if (monthDay <= '09-15') return `${year}-09-15`;
  return `${year + 1}-03-31`;
}

/** The hazard whose season a local date falls in (between seasons: the coming one). */
export function seasonOf(today: string): Hazard {
  const monthDay = today.slice(5);
  return monthDay >= '04-01' && monthDay <= '09-15' ? 'heat' : 'cold';
}

/** The last day of the most recent season of a hazard that ended before `today`. */
export function lastSeasonEnd(hazard: Hazard, today: string): string {
  const year = Number(today.slice(0, 4));
  const end = hazard === 'heat' ? '09-15' : '03-31';
  const thisYear = `${year}-${end}`;
  return thisYear < today ? thisYear : `${year - 1}-${end}`;
}

/** Every département code a group can have (handlers/groups/departements.ts): 01–19, 2A,
 * 2B, 21–95, 971–976, 977 (Saint-Barthélemy) and 978 (Saint-Martin). */
export function isDepartement(code: string): boolean {
  return toDepartementTimezone(code) !== undefined;
}
