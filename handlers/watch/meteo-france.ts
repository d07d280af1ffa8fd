// Reads Météo-France's vigilance map (the "carte" product of the public DPVigilance API,
// GET …/DPVigilance/v1/cartevigilance/encours) into heat and cold levels per département.
// Pure: the HTTP call lives in bot/meteo-france-importer.ts.
//
// Shape of the product, as documented by Météo-France and read by public clients (sources in
// tests/fixtures/meteo-france/README.md):
//   { meta, product: { update_time, domain_id: 'FRA', periods: [
//       { echeance: 'J' | 'J1', begin_validity_time, end_validity_time,
//         timelaps: { domain_ids: [
//           { domain_id, max_color_id, phenomenon_items: [
//             { phenomenon_id, phenomenon_max_color_id, timelaps_items: […] } ] } ] },
//         max_count_items, per_phenomenon_items, text_items } ] } }
//
// Limits and choices:
// - Only metropolitan départements (01–19, 2A, 2B, 21–95) are read. Coastal domains
//   (département + "10", e.g. "3310", "2A10") carry the sea hazards of a coast, not of the
//   département; Andorra ("99"), the national domain and defence zones are not départements.
//   Overseas départements are not in this product (they have their own "vigilanceom" one).
// - Phenomenon 6 is canicule (heat), 7 grand froid (cold); colours 1–4 are green, yellow,
//   orange, red. Other phenomena are skipped whatever they contain.
// - A département listed in the map without an item for canicule or grand froid is green for
//   it: each phenomenon is only watched in its season (canicule 1 June–15 September, grand
//   froid in winter) and is left out of the map the rest of the year. A département absent
//   from the map gets no reading at all: unknown is not "all fine".
// - The period read is "J" (today, from the issue time to local midnight). Given `now`, a map
//   not yet re-issued after midnight is read on the period that covers `now` (its "J1"), and a
//   map whose periods have all ended is refused as stale.
import { z } from 'zod';
import { levelRank, type Hazard, type Level } from './season.ts';

export interface VigilanceReading {
  departement: string;
  hazard: Hazard;
  level: Level;
  validFrom?: string;
  validTo?: string;
}

/** The map is not what the parser expects; the message says where and what. */
export class VigilanceMapError extends Error {
  constructor(message: string) {
    super(`Météo-France vigilance map: ${message}`);
    this.name = 'VigilanceMapError';
  }
}

const PHENOMENA: Record<string, Hazard> = { '6': 'heat', '7': 'cold' };
const COLOURS: Record<number, Level> = { 1: 'green', 2: 'yellow', 3: 'orange', 4: 'red' };

const METROPOLITAN_DEPARTEMENTS: ReadonlySet<string> = new Set([
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter(
    (code) => code !== '20',
  ),
  '2A',
  '2B',
]);

const code = z.union([z.string(), z.number()]).transform(String);
const instant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'is not a date and time');

// Only what the parser relies on is checked; other fields (and unknown phenomena's contents)
// may change without breaking the import.
const mapSchema = z.object({
  product: z.object({
    update_time: z.string().optional(),
    periods: z
      .array(
        z.object({
          echeance: z.string(),
          begin_validity_time: instant,
          end_validity_time: instant,
          timelaps: z.object({
            domain_ids: z.array(
              z.object({
                domain_id: code,
                phenomenon_items: z.array(
                  z.object({
                    phenomenon_id: code,
                    phenomenon_max_color_id: z.unknown().optional(),
                  }),
                ),
              }),
            ),
          }),
        }),
      )
      .min(1),
  }),
});

type VigilanceMap = z.infer<typeof mapSchema>;
type Period = VigilanceMap['product']['periods'][number];

export function parseVigilanceMap(json: unknown, now?: Date): VigilanceReading[] {
  const parsed = mapSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new VigilanceMapError(`unexpected shape (${issues.join('; ')})`);
  }
  const period = selectPeriod(parsed.data, now);
  const levels = new Map<string, Map<Hazard, Level>>();
  for (const domain of period.timelaps.domain_ids) {
    if (!METROPOLITAN_DEPARTEMENTS.has(domain.domain_id)) continue;
    const byHazard = levels.get(domain.domain_id) ?? new Map<Hazard, Level>();
    levels.set(domain.domain_id, byHazard);
    for (const item of domain.phenomenon_items) {
      const hazard = PHENOMENA[item.phenomenon_id];
      if (!hazard) continue;
      const level = toLevel(item.phenomenon_max_color_id);
      if (!level) {
        throw new VigilanceMapError(
          `period ${period.echeance}, domain ${domain.domain_id}, phenomenon ${item.phenomenon_id}: colour ${JSON.stringify(item.phenomenon_max_color_id)} is not 1–4`,
        );
      }
      const previous = byHazard.get(hazard);
      if (!previous || levelRank(level) > levelRank(previous)) byHazard.set(hazard, level);
    }
  }
  if (levels.size === 0) {
    throw new VigilanceMapError(`period ${period.echeance} lists no metropolitan département`);
  }
  const validity = { validFrom: period.begin_validity_time, validTo: period.end_validity_time };
  return [...levels].flatMap(([departement, byHazard]) =>
    (['heat', 'cold'] as const).map((hazard) => ({
      departement,
      hazard,
      level: byHazard.get(hazard) ?? 'green',
      ...validity,
    })),
  );
}

function selectPeriod(map: VigilanceMap, now: Date | undefined): Period {
  const periods = map.product.periods;
  const today = periods.find((period) => period.echeance === 'J');
  if (!now) {
    if (!today) throw new VigilanceMapError('no period "J" (today)');
    return today;
  }
  const at = now.getTime();
  if (today && at < Date.parse(today.end_validity_time)) return today;
  const covering = periods.find(
    (period) =>
      Date.parse(period.begin_validity_time) <= at && at < Date.parse(period.end_validity_time),
  );
  if (covering) return covering;
  const spans = periods
    .map((p) => `${p.echeance} ${p.begin_validity_time}–${p.end_validity_time}`)
    .join(', ');
  throw new VigilanceMapError(
    `stale: no period covers ${now.toISOString()} (${spans}; updated ${map.product.update_time ?? 'at an unknown time'})`,
  );
}

function toLevel(colour: unknown): Level | undefined {
  const id = typeof colour === 'string' && /^\d+$/.test(colour) ? Number(colour) : colour;
  return typeof id === 'number' ? COLOURS[id] : undefined;
}
