// The Villes solidaires console's state figures (groups by kind, neighbours active this year,
// referents and watched neighbours), set for the current year every hour by one set-based
// statement (db/queries/rollups.ts). Counted figures are written as events happen, by the
// features themselves.
import { refreshStateFigures } from '../db/queries/rollups.ts';
import type { Feature, JobContext } from './feature.ts';

async function refreshCityFigures(_payload: unknown, { deps, now }: JobContext): Promise<void> {
  const started = Date.now();
  await refreshStateFigures(deps.db, now);
  deps.logger.info({ ms: Date.now() - started }, 'city figures refreshed');
}

export function createCityFiguresFeature(): Feature {
  return {
    name: 'city-figures',
    jobs: [{ kind: 'refreshCityFigures', run: refreshCityFigures }],
    recurring: [{ kind: 'refreshCityFigures', cron: '17 * * * *' }],
  };
}
