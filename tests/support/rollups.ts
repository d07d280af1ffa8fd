// The console's figures of a scope, as `"<period> <metric>" → value`, for tests to compare
// with what a flow should have counted.
import { queryStatement, type DbOrTx } from '../../db/client.ts';

export async function rollupsOf(
  db: DbOrTx,
  scope: string,
  metricPrefix = '',
): Promise<Record<string, number>> {
  const rows = await queryStatement<{ period: string; metric: string; value: string }>(
    db,
    `SELECT period, metric, value FROM activity_rollups
     WHERE scope = $1 AND starts_with(metric, $2) AND value <> 0 ORDER BY period, metric`,
    [scope, metricPrefix],
  );
  return Object.fromEntries(rows.map((r) => [`${r.period} ${r.metric}`, Number(r.value)]));
}
