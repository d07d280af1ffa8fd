// The Villes solidaires console's reads: rollup rows (db/queries/rollups.ts says what they
// hold), one indexed statement each, whatever the country's size. Figures under 5 are
// suppressed by the console, not here: a sum over several scopes is checked after summing.
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';

export interface RollupRow {
  scope: string;
  period: string;
  metric: string;
  value: number;
}

interface RawRollup {
  scope: string;
  period: string;
  metric: string;
  value: string | number;
}

const toRollup = (r: RawRollup): RollupRow => ({
  scope: r.scope,
  period: r.period,
  metric: r.metric,
  value: Number(r.value),
});

// The primary key (scope, period, metric) serves it: equality on scope and period, the metric
// prefix within them.
const READ_ROLLUPS = compact(`
  SELECT scope, period, metric, value FROM activity_rollups
  WHERE scope = ANY($1::text[]) AND period = ANY($2::text[])
    AND ($3::text = '' OR starts_with(metric, $3::text))
  ORDER BY scope, period, metric
`);

/** The rows of some scopes (a city's communes, its quartiers, a group) and periods. */
export async function readRollups(
  db: DbOrTx,
  query: { scopes: string[]; periods: string[]; metricPrefix?: string },
): Promise<RollupRow[]> {
  if (query.scopes.length === 0 || query.periods.length === 0) return [];
  const rows = await queryStatement<RawRollup>(db, READ_ROLLUPS, [
    query.scopes,
    query.periods,
    query.metricPrefix ?? '',
  ]);
  return rows.map(toRollup);
}

// The same rows, for communes and quartiers, from their copy grouped by scope and period
// (activity_period_rollups, kept by migration 0026's triggers): one primary key lookup per
// scope and period, each row on one page, where activity_rollups has a row per metric,
// written wherever the table had room when its first event came. The rows come whole and are
// spread here: spreading them there (jsonb_each) cost the database twice the CPU.
const READ_CITY_ROLLUPS = compact(`
  SELECT scope, period, figures FROM activity_period_rollups
  WHERE scope = ANY($1::text[]) AND period = ANY($2::text[])
  ORDER BY scope, period
`);

/**
 * What readRollups gives for communes (`insee:`) and quartiers (`quartier:`) only, the same
 * rows (a scope's and period's metrics in code-unit order), in a few page reads: a city's
 * page, and the partners' activity on the national page.
 */
export async function readCityRollups(
  db: DbOrTx,
  query: { scopes: string[]; periods: string[]; metricPrefix?: string },
): Promise<RollupRow[]> {
  const other = query.scopes.find((s) => !s.startsWith('insee:') && !s.startsWith('quartier:'));
  if (other !== undefined) {
    throw new Error(`readCityRollups reads communes and quartiers only, not ${other}`);
  }
  if (query.scopes.length === 0 || query.periods.length === 0) return [];
  const rows = await queryStatement<{
    scope: string;
    period: string;
    figures: Record<string, number> | string;
  }>(db, READ_CITY_ROLLUPS, [query.scopes, query.periods]);
  const prefix = query.metricPrefix ?? '';
  const figures: RollupRow[] = [];
  for (const row of rows) {
    const values = (
      typeof row.figures === 'string' ? JSON.parse(row.figures) : row.figures
    ) as Record<string, number>;
    const metrics = Object.keys(values).filter((m) => m.startsWith(prefix));
    for (const metric of metrics.sort()) {
      figures.push({ scope: row.scope, period: row.period, metric, value: Number(values[metric]) });
    }
  }
  return figures;
}

// The partial index activity_rollups_departements (period, metric) WHERE scope LIKE 'dep:%'
// serves it: the condition must stay written as it is there.
const READ_DEPARTEMENT_YEAR = compact(`
  SELECT scope, period, metric, value FROM activity_rollups
  WHERE scope LIKE 'dep:%' AND period = $1::text AND metric = ANY($2::text[])
  ORDER BY scope, metric
`);

/** Every département's rows of a year (`YYYY`), for the national view (their sum is France). */
export async function readDepartementYear(
  db: DbOrTx,
  year: string,
  metrics: string[],
): Promise<RollupRow[]> {
  if (metrics.length === 0) return [];
  const rows = await queryStatement<RawRollup>(db, READ_DEPARTEMENT_YEAR, [year, metrics]);
  return rows.map(toRollup);
}

export interface PartnerScopes {
  /** `insee:<code>` per commune of the partner. */
  communes: { scope: string; insee: string }[];
  /** `quartier:<id>` per quartier of the partner, with its name. */
  quartiers: { scope: string; id: number; name: string }[];
}

const FIND_PARTNER_SCOPES = compact(`
  SELECT 'insee' AS kind, insee AS key, NULL AS name FROM partner_communes
  WHERE partner_id = $1::bigint
  UNION ALL
  SELECT 'quartier', id::text, name FROM quartiers WHERE partner_id = $1::bigint
  ORDER BY 1, 3, 2
`);

/** The scopes a partner city's console reads: its communes and its quartiers. */
export async function findPartnerScopes(db: DbOrTx, partnerId: number): Promise<PartnerScopes> {
  const rows = await queryStatement<{ kind: string; key: string; name: string | null }>(
    db,
    FIND_PARTNER_SCOPES,
    [partnerId],
  );
  const scopes: PartnerScopes = { communes: [], quartiers: [] };
  for (const r of rows) {
    if (r.kind === 'insee') scopes.communes.push({ scope: `insee:${r.key}`, insee: r.key });
    else
      scopes.quartiers.push({ scope: `quartier:${r.key}`, id: Number(r.key), name: r.name ?? '' });
  }
  return scopes;
}

// The partial index activity_rollups_departements (period, metric) serves both: equality on
// the period and the metric, for the départements' rows only (the condition as written there).
const READ_DEPARTEMENTS = compact(`
  SELECT scope, period, metric, value FROM activity_rollups
  WHERE scope LIKE 'dep:%' AND period = ANY($1::text[]) AND metric = ANY($2::text[])
  ORDER BY scope, period, metric
`);

/** Every département's rows of some periods and metrics (the national page's map). */
export async function readDepartements(
  db: DbOrTx,
  periods: string[],
  metrics: string[],
): Promise<RollupRow[]> {
  if (periods.length === 0 || metrics.length === 0) return [];
  const rows = await queryStatement<RawRollup>(db, READ_DEPARTEMENTS, [periods, metrics]);
  return rows.map(toRollup);
}

const SUM_FRANCE = compact(`
  SELECT 'fr' AS scope, period, metric, sum(value) AS value FROM activity_rollups
  WHERE scope LIKE 'dep:%' AND period = ANY($1::text[]) AND metric = ANY($2::text[])
  GROUP BY period, metric
  ORDER BY period, metric
`);

/** France's figures (the sum of every département's), scope `fr`, per period and metric. */
export async function sumFrance(
  db: DbOrTx,
  periods: string[],
  metrics: string[],
): Promise<RollupRow[]> {
  if (periods.length === 0 || metrics.length === 0) return [];
  const rows = await queryStatement<RawRollup>(db, SUM_FRANCE, [periods, metrics]);
  return rows.map(toRollup);
}
