// Which kits fit the moment: the catalogue lists first the kits whose season includes the
// current month in the group's time zone (the one suggested this month first), then the
// kits for all year, then the others by how soon their season comes.
import { monthIn } from '../zoned-time.ts';
import type { KitCatalogue } from './load-kits.ts';

export function orderBySeason(catalogue: KitCatalogue, date: Date, timeZone: string): string[] {
  const month = monthIn(date, timeZone);
  const rank = (id: string): number => {
    const kit = catalogue.get(id, 'fr');
    if (kit.suggestMonth === month) return 0;
    if (kit.months.includes(month)) return 1;
    if (kit.months.length === 0) return 2;
    // Out of season: sooner seasons first (1 to 11 months away).
    const monthsAway = Math.min(...kit.months.map((m) => (m - month + 12) % 12));
    return 3 + monthsAway;
  };
  return catalogue.ids
    .map((id, index) => ({ id, rank: rank(id), index }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((k) => k.id);
}

/** Whether a kit fits the month (for the "de saison" mark in the catalogue). */
export function isInSeason(
  catalogue: KitCatalogue,
  id: string,
  date: Date,
  timeZone: string,
): boolean {
  const kit = catalogue.get(id, 'fr');
  return kit.months.includes(monthIn(date, timeZone));
}
