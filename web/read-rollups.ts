// Temporary: reads activity_rollups until db/queries/console-figures.ts (branch i17-rollups)
// lands with the same signature; then this file goes and the import switches.
import { and, inArray, like } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { activityRollups } from '../db/schema.ts';

export interface RollupRow {
  scope: string;
  period: string;
  metric: string;
  value: number;
}

export async function readRollups(
  db: DbOrTx,
  query: { scopes: string[]; periods: string[]; metricPrefix?: string },
): Promise<RollupRow[]> {
  if (query.scopes.length === 0 || query.periods.length === 0) return [];
  return db
    .select({
      scope: activityRollups.scope,
      period: activityRollups.period,
      metric: activityRollups.metric,
      value: activityRollups.value,
    })
    .from(activityRollups)
    .where(
      and(
        inArray(activityRollups.scope, query.scopes),
        inArray(activityRollups.period, query.periods),
        query.metricPrefix ? like(activityRollups.metric, `${query.metricPrefix}%`) : undefined,
      ),
    );
}
