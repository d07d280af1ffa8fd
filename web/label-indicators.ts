// The "ville conviviale" label: the indicators the association uses, with their thresholds
// read from web/ville-conviviale.json (data, not code), measured on a partner's figures.
//   groups_per_1000       groups in the city per 1,000 inhabitants (INSEE's legal population
//                          of its communes, from @etalab/decoupage-administratif)
//   fete_share            share of those groups that held a fête des voisins in the year
//   services              services rendered between neighbours in the year
//   heat_referents_share  share of the quartiers the city marked heat-exposed where a group
//                          has an active referent (not applicable to a city without any)
// The certificate is given when every applicable indicator reaches its threshold.
import { readFileSync } from 'node:fs';
import type { LabelFigures } from '../db/queries/label-figures.ts';

export type IndicatorId = 'groups_per_1000' | 'fete_share' | 'services' | 'heat_referents_share';

export interface Indicator {
  id: IndicatorId;
  threshold: number;
  /** Undefined when not applicable (no population known, no heat-exposed quartier). */
  value: number | undefined;
  met: boolean;
}

export interface LabelProgress {
  indicators: Indicator[];
  earned: boolean;
}

const IDS: readonly IndicatorId[] = [
  'groups_per_1000',
  'fete_share',
  'services',
  'heat_referents_share',
];

export function parseThresholds(text: string): Map<IndicatorId, number> {
  const data = JSON.parse(text) as { indicators?: { id?: unknown; threshold?: unknown }[] };
  const map = new Map<IndicatorId, number>();
  for (const entry of data.indicators ?? []) {
    const id = IDS.find((i) => i === entry.id);
    if (!id || typeof entry.threshold !== 'number' || !(entry.threshold >= 0)) {
      throw new Error(`web/ville-conviviale.json: bad indicator ${JSON.stringify(entry)}`);
    }
    map.set(id, entry.threshold);
  }
  return map;
}

let thresholds: Map<IndicatorId, number> | undefined;

export function labelThresholds(): Map<IndicatorId, number> {
  thresholds ??= parseThresholds(
    readFileSync(new URL('./ville-conviviale.json', import.meta.url), 'utf8'),
  );
  return thresholds;
}

export function measureLabel(
  figures: LabelFigures,
  population: number,
  thresholdsById: Map<IndicatorId, number> = labelThresholds(),
): LabelProgress {
  const values: Record<IndicatorId, number | undefined> = {
    groups_per_1000: population > 0 ? (figures.groups * 1000) / population : undefined,
    fete_share: figures.groups > 0 ? figures.feteGroups / figures.groups : 0,
    services: figures.services,
    heat_referents_share:
      figures.heatQuartiers > 0
        ? figures.heatQuartiersWithReferent / figures.heatQuartiers
        : undefined,
  };
  const indicators = [...thresholdsById].map(([id, threshold]) => {
    const value = values[id];
    // No population known: the indicator cannot be met (rather than silently skipped).
    const met = value === undefined ? id === 'heat_referents_share' : value >= threshold - 1e-9;
    return { id, threshold, value, met };
  });
  return { indicators, earned: indicators.every((i) => i.met) };
}
