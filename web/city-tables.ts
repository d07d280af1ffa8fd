// A partner city's tables for a year, with the previous year beside each figure, from the
// rollups of its communes (`insee:` scopes) and quartiers (`quartier:` scopes).
import type { T } from '../handlers/i18n.ts';
import type { FigureTable } from './figure-table.ts';
import type { RollupRow } from '../db/queries/console-figures.ts';

export const groupKinds = ['immeuble', 'rue', 'quartier', 'unset'] as const;
export const activityMetrics = [
  'neighbours:active',
  'gathering:held:fete',
  'gathering:held:other',
  'gathering:rsvp',
  'need:created',
] as const;
export const watchMetrics = [
  'watch:referents',
  'watch:watched',
  'watch:round',
  'watch:answered',
  'watch:answered_2h',
  'watch:escalation:1',
  'watch:escalation:2',
  'watch:escalation:3',
] as const;

export const cityTableIds = [
  'groupes',
  'activite',
  'kits',
  'entraide',
  'veille',
  'quartiers',
] as const;
export type CityTableId = (typeof cityTableIds)[number];

export interface CityInput {
  year: number;
  rows: RollupRow[];
  communeScopes: string[];
  quartiers: { id: number; name: string }[];
  helpServiceValues: Record<string, number>;
  withWatch: boolean;
  kitTitle(kitId: string): string;
  months: string[];
}

export function periodsFor(year: number): string[] {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return [String(year), String(year - 1), ...months];
}

/** The rows of each scope and period, made once per read (a page sums hundreds of cells). */
const indexes = new WeakMap<readonly RollupRow[], Map<string, RollupRow[]>>();

function rowsOf(rows: readonly RollupRow[], scope: string, period: string): RollupRow[] {
  let index = indexes.get(rows);
  if (!index) {
    index = new Map();
    for (const r of rows) {
      const key = `${r.scope}\n${r.period}`;
      const list = index.get(key);
      if (list) list.push(r);
      else index.set(key, [r]);
    }
    indexes.set(rows, index);
  }
  return index.get(`${scope}\n${period}`) ?? [];
}

/** Sums the rows of some scopes for a period, for one metric or every metric of a prefix. */
export function sumOf(
  rows: readonly RollupRow[],
  scopes: ReadonlySet<string>,
  period: string,
  metric: string | ((m: string) => boolean),
): number {
  const match = typeof metric === 'string' ? (m: string) => m === metric : metric;
  let total = 0;
  for (const scope of scopes) {
    for (const r of rowsOf(rows, scope, period)) if (match(r.metric)) total += r.value;
  }
  return total;
}

export function buildCityTables(input: CityInput, t: T): FigureTable[] {
  const y = String(input.year);
  const p = String(input.year - 1);
  const scopes = new Set(input.communeScopes);
  const sum = (period: string, metric: string | ((m: string) => boolean)) =>
    sumOf(input.rows, scopes, period, metric);
  const years = (metrics: readonly string[], withTotals: boolean) =>
    [y, p].map((period) => ({
      columns: [period],
      values: metrics.map((m) => [sum(period, m)]),
      totals: { rows: false, columns: withTotals },
    }));
  const total = t('web.table.total');
  const tables: FigureTable[] = [
    {
      id: 'groupes',
      title: t('web.city.groups_title'),
      rowHead: t('web.city.group_kind'),
      rows: groupKinds.map((k) => t(`web.group_kind.${k}`)),
      blocks: years(
        groupKinds.map((k) => `groups:${k}`),
        true,
      ),
      totalLabel: total,
    },
    {
      id: 'activite',
      title: t('web.city.activity_title'),
      rowHead: t('web.table.figure'),
      rows: activityMetrics.map((m) => t(metricKey(m))),
      blocks: years(activityMetrics, false),
      totalLabel: total,
    },
  ];
  const kitIds = [
    ...new Set(
      input.rows
        .filter((r) => scopes.has(r.scope) && r.metric.startsWith('kit:'))
        .map((r) => r.metric.slice(4)),
    ),
  ].sort((a, b) => input.kitTitle(a).localeCompare(input.kitTitle(b), 'fr'));
  const monthPeriods = periodsFor(input.year).slice(2);
  tables.push({
    id: 'kits',
    title: t('web.city.kits_title'),
    rowHead: t('web.city.kit'),
    rows: kitIds.map((k) => input.kitTitle(k)),
    blocks: [
      {
        columns: input.months,
        values: kitIds.map((k) => monthPeriods.map((m) => sum(m, `kit:${k}`))),
        totals: { rows: true, columns: true },
      },
      {
        columns: [p],
        values: kitIds.map((k) => [sum(p, `kit:${k}`)]),
        totals: { rows: false, columns: true },
      },
    ],
    totalLabel: total,
  });
  const categories = Object.keys(input.helpServiceValues);
  const euros = categories.map((c) => input.helpServiceValues[c] ?? 0);
  tables.push({
    id: 'entraide',
    title: t('web.city.help_title'),
    rowHead: t('web.city.category'),
    rows: categories.map((c) => t(`web.help_category.${c}`, { defaultValue: c })),
    blocks: [y, p].map((period) => ({
      columns: [period],
      values: categories.map((c) => [sum(period, `service:${c}`)]),
      totals: { rows: false, columns: true },
      euros: { head: t('web.city.euros', { year: period }), perUnit: euros },
    })),
    totalLabel: total,
  });
  if (input.withWatch) {
    tables.push({
      id: 'veille',
      title: t('web.city.watch_title'),
      rowHead: t('web.table.figure'),
      rows: watchMetrics.map((m) => t(metricKey(m))),
      blocks: years(watchMetrics, false),
      totalLabel: total,
    });
  }
  if (input.quartiers.length > 0) {
    const measures: [string, (m: string) => boolean][] = [
      [t('web.city.q_groups'), (m) => m.startsWith('groups:')],
      [t('web.city.q_kits'), (m) => m.startsWith('kit:')],
      [t('web.city.q_gatherings'), (m) => m.startsWith('gathering:held:')],
      [t('web.city.q_needs'), (m) => m === 'need:created'],
    ];
    // A partition of the city (its quartiers, then the groups in none) with the city's totals,
    // protected as one table: a quartier's small figure cannot be had by subtracting the
    // others from the city's figure shown elsewhere on the page.
    const columns = measures.flatMap(([, match]) => [y, p].map((period) => ({ match, period })));
    const perQuartier = input.quartiers.map((q) => {
      const one = new Set([`quartier:${q.id}`]);
      return columns.map(({ match, period }) => sumOf(input.rows, one, period, match));
    });
    const outside = columns.map(({ match, period }, c) =>
      Math.max(0, sum(period, match) - perQuartier.reduce((a, row) => a + row[c]!, 0)),
    );
    tables.push({
      id: 'quartiers',
      title: t('web.city.quartiers_title'),
      rowHead: t('web.city.quartier'),
      rows: [...input.quartiers.map((q) => q.name), t('web.city.no_quartier')],
      blocks: [
        {
          columns: measures.flatMap(([label]) => [`${label} ${y}`, `${label} ${p}`]),
          values: [...perQuartier, outside],
          totals: { rows: false, columns: true },
        },
      ],
      totalLabel: total,
    });
  }
  return tables;
}

/** Whether a city has anything at all to show this year or the one before. */
export function hasAnyFigure(rows: RollupRow[]): boolean {
  return rows.some((r) => Number(r.value) > 0);
}

/** A metric's label key (`gathering:held:other` → `…gathering_held_others`: a key ending in
 * `_other` would be read as a plural form by i18next). */
export function metricKey(metric: string): string {
  return `web.metric.${metric.replaceAll(':', '_').replace(/_other$/, '_others')}`;
}
