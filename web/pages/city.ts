// A partner city's page and its CSV exports. Anyone who is neither the association nor on
// the partner's staff gets the same 404 as for an unknown partner; the watch figures exist
// only for the association and the partner's CCAS (not in the page, not in the exports).
import type { Hono } from 'hono';
import { intlLocale } from '../../handlers/i18n.ts';
import { findGroupsVisibleToPartner } from '../../db/queries/console-directory.ts';
import { findPartner } from '../../db/queries/partners.ts';
import { protectShare } from '../anonymity.ts';
import { buildCityTables, cityTableIds, hasAnyFigure, periodsFor, sumOf } from '../city-tables.ts';
import {
  page,
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
} from '../console-context.ts';
import { protectFigureTable, renderFigureTable, toCsv } from '../figure-table.ts';
import {
  cellWords,
  chartWords,
  chooseYear,
  formatClockTime,
  monthLabels,
} from '../figure-words.ts';
import { html, type Html } from '../html.ts';
import { readCityRollups, type RollupRow } from '../../db/queries/console-figures.ts';
import { createExpiringCache } from '../expiring-cache.ts';
import { renderWorkbookLinks, workbookFormatOf, writeWorkbook } from '../workbook-export.ts';
import { renderBarChart } from '../svg-charts.ts';
import { canSeePartner, canSeeWatch } from '../viewer.ts';
import { renderCityNav, routeId } from './partner-route.ts';
import { canSendCityMessages } from './city-messages.ts';

/**
 * How long a city's figures are kept before they are read again (ConsoleOptions'
 * cityFiguresTtlMs overrides it). The figures are yearly and monthly counts read for an
 * overview: a minute late changes nothing a mairie decides, and the page says when they were
 * read. What people change themselves is never kept (web/expiring-cache.ts).
 */
export const CITY_FIGURES_TTL_MS = 60_000;

/** A city's rollup rows for a year, and when they were read. */
interface CityFigures {
  rows: RollupRow[];
  readAt: Date;
}

export function registerCityRoutes(app: Hono<ConsoleEnv>, options: ConsoleOptions): void {
  // Keyed by the scopes read (its communes and quartiers, as the partner's row says now) and
  // the year, not by the partner: a commune or quartier added to a partner is read at once,
  // and nothing of one key can show under another.
  const figures = createExpiringCache<CityFigures>({
    ttlMs: options.cityFiguresTtlMs ?? CITY_FIGURES_TTL_MS,
    maxEntries: 1_000,
    now: () => options.clock.now().getTime(),
  });
  function readCityFigures(
    communeScopes: string[],
    quartierScopes: string[],
    chosenYear: number,
  ): Promise<CityFigures> {
    const key = [chosenYear, ...communeScopes, '|', ...quartierScopes].join(' ');
    return figures.get(key, async () => {
      const readAt = options.clock.now();
      // Every figure of the two years for the city and its quartiers; by month, only the
      // kits of the city (the one table by month): a few hundred figures, whatever its size,
      // in two rows per commune or quartier and one per month of its communes.
      const [year, previous, ...months] = periodsFor(chosenYear);
      const [yearRows, monthRows] = await Promise.all([
        readCityRollups(options.db, {
          scopes: [...communeScopes, ...quartierScopes],
          periods: [year!, previous!],
        }),
        readCityRollups(options.db, {
          scopes: communeScopes,
          periods: months,
          metricPrefix: 'kit:',
        }),
      ]);
      return { rows: [...yearRows, ...monthRows], readAt };
    });
  }

  /**
   * The partner and the groups named to it (read at every request, at once) and its figures
   * (kept), when the viewer may see it.
   */
  async function loadCity(c: ConsoleContext) {
    const viewer = c.get('viewer')!;
    const id = routeId(c);
    if (id === undefined || !canSeePartner(viewer, id)) return undefined;
    const [partner, groups] = await Promise.all([
      findPartner(options.db, id),
      c.req.path.includes('/export/')
        ? Promise.resolve([])
        : findGroupsVisibleToPartner(options.db, id),
    ]);
    if (!partner) return undefined;
    const chosen = chooseYear(c.req.query('annee'), options.clock.now());
    const communeScopes = partner.communes.map((code) => `insee:${code}`);
    const quartierScopes = partner.quartiers.map((q) => `quartier:${q.id}`);
    const { rows, readAt } = await readCityFigures(communeScopes, quartierScopes, chosen.year);
    const withWatch = canSeeWatch(viewer, id);
    return { partner, chosen, rows, readAt, groups, withWatch, communeScopes };
  }
  type City = NonNullable<Awaited<ReturnType<typeof loadCity>>>;

  function tablesOf(city: City, c: ConsoleContext) {
    const locale = c.get('locale');
    return buildCityTables(
      {
        year: city.chosen.year,
        rows: city.rows,
        communeScopes: city.communeScopes,
        quartiers: city.partner.quartiers,
        helpServiceValues: options.helpServiceValues,
        withWatch: city.withWatch,
        kitTitle: (kit) => options.kitTitle?.(kit, locale) ?? kit,
        months: monthLabels(locale, city.chosen.year),
      },
      c.get('t'),
    );
  }

  // The figures' part of the page is the same for everyone who may see it in one language
  // and role, for as long as its rows are kept: made once from them, and gone with them.
  const rendered = new WeakMap<readonly RollupRow[], Map<string, Html>>();
  function figuresPart(city: City, c: ConsoleContext): Html {
    const key = JSON.stringify([
      city.partner.id,
      c.get('locale'),
      city.withWatch,
      city.partner.quartiers.map((q) => [q.id, q.name]),
    ]);
    let parts = rendered.get(city.rows);
    if (!parts) rendered.set(city.rows, (parts = new Map<string, Html>()));
    let part = parts.get(key);
    if (!part) parts.set(key, (part = renderFigures(city, c)));
    return part;
  }

  function renderFigures(city: City, c: ConsoleContext): Html {
    const t = c.get('t');
    const locale = c.get('locale');
    const words = cellWords(t, locale);
    const { partner, chosen } = city;
    const base = `/console/villes/${partner.id}`;
    const protectedTables = new Map(
      tablesOf(city, c).map((table) => [table.id, protectFigureTable(table)]),
    );
    const section = (id: string) => {
      const table = protectedTables.get(id);
      return table
        ? renderFigureTable(table, words, {
            href: `${base}/export/${id}.csv?annee=${chosen.year}`,
            label: t('web.table.export_csv', { title: table.title }),
          })
        : '';
    };
    const kits = protectedTables.get('kits');
    // The months' totals row of the kits table, as bars (the same protected cells).
    const bars = kits?.foot
      ? monthLabels(locale, chosen.year).map((label, i) => {
          const cell = kits.foot!.cells[i]!;
          return { label, value: cell.value ?? 0, state: cell.state };
        })
      : [];
    let share = html``;
    if (city.withWatch) {
      const scopes = new Set(city.communeScopes);
      const rounds = sumOf(city.rows, scopes, String(chosen.year), 'watch:round');
      const fast = sumOf(city.rows, scopes, String(chosen.year), 'watch:answered_2h');
      const state = protectShare(fast, rounds);
      const percent = new Intl.NumberFormat(intlLocale(locale), { style: 'percent' }).format(
        rounds > 0 ? fast / rounds : 0,
      );
      share = html`<p>
        ${t('web.city.watch_share', { share: state === 'shown' ? percent : rounds === 0 ? '–' : words.hidden })}
      </p>`;
    }
    return html`<h2>${t('web.city.groups_title')}</h2>
      ${section('groupes')}
      <h2>${t('web.city.activity_title')}</h2>
      ${section('activite')}
      <h2>${t('web.city.kits_title')}</h2>
      ${renderBarChart('kits-chart', t('web.city.kits_chart', { year: chosen.year }), bars, chartWords(t, locale))}${section('kits')}
      <h2>${t('web.city.help_title')}</h2>
      <p>${t('web.city.euros_explain')}</p>
      ${section('entraide')}
      ${
        city.withWatch
          ? html`<h2>${t('web.city.watch_title')}</h2>
              ${share}${section('veille')}`
          : ''
      }
      ${
        protectedTables.has('quartiers')
          ? html`<h2>${t('web.city.quartiers_title')}</h2>
              ${section('quartiers')}`
          : ''
      }`;
  }

  app.get('/console/villes/:id', async (c) => {
    const city = await loadCity(c);
    if (!city) return c.notFound();
    const t = c.get('t');
    const locale = c.get('locale');
    const { partner, chosen, groups } = city;
    const base = `/console/villes/${partner.id}`;
    const kitNow = options.kitOfTheMoment?.(options.clock.now(), locale);
    const years = Array.from(
      { length: 4 },
      (_, i) => chooseYear(undefined, options.clock.now()).year - i,
    );
    const messagesLink = canSendCityMessages(c.get('viewer')!, partner.id)
      ? html`<p><a href="${base}/messages">${t('web_messages.link')}</a></p>`
      : '';
    const readAt = formatClockTime(city.readAt, locale);
    const main = html`${renderCityNav(partner.id, t, city.withWatch, base)}${messagesLink}${chosen.unknown ? html`<p class="notice" role="status">${t('web.city.unknown_year', { year: chosen.year })}</p>` : ''}
      <form method="get" action="${base}">
        <label for="annee">${t('web.city.year')}</label>
        <select id="annee" name="annee">
          ${years.map((y) => html`<option value="${y}" ${y === chosen.year ? html` selected` : ''}>${y}</option>`)}
        </select>
        <button type="submit">${t('web.city.show')}</button>
      </form>
      ${hasAnyFigure(city.rows) ? '' : html`<p class="empty">${t('web.city.empty')}</p>`}
      ${kitNow ? html`<p>${t('web.city.kit_of_the_moment', { kit: kitNow })}</p>` : ''}
      <p>${t('web.city.figures_read_at', { time: readAt })}</p>
      ${renderWorkbookLinks(`${base}/export`, `?annee=${chosen.year}`, t)} ${figuresPart(city, c)}
      <h2>${t('web.city.visible_groups_title')}</h2>
      ${
        groups.length === 0
          ? html`<p>${t('web.city.no_visible_groups')}</p>`
          : html`<ul>
              ${groups.map((g) => html`<li>${g.name}</li>`)}
            </ul>`
      }
      <p>${t('web.city.visible_groups_explain')}</p>`;
    return page(c, t('web.city.title', { name: partner.name, year: chosen.year }), main);
  });

  app.get('/console/villes/:id/export/:file', async (c) => {
    const file = c.req.param('file');
    const id = /^([a-z]+)\.csv$/.exec(file)?.[1];
    const workbook = workbookFormatOf(file);
    if (!workbook && (!id || !(cityTableIds as readonly string[]).includes(id))) {
      return c.notFound();
    }
    const city = await loadCity(c);
    if (!city) return c.notFound();
    const words = cellWords(c.get('t'), c.get('locale'));
    if (workbook) {
      // Every table the viewer may see (the watch's for the CCAS only), a sheet each.
      const { bytes, headers } = await writeWorkbook(
        workbook,
        tablesOf(city, c).map(protectFigureTable),
        words,
        {
          rightToLeft: c.get('locale') === 'ar',
          fileName: `chiffres-${city.partner.id}-${city.chosen.year}`,
        },
      );
      return c.body(bytes, 200, headers);
    }
    const table = tablesOf(city, c).find((tb) => tb.id === id);
    if (!table) return c.notFound();
    const csv = toCsv(protectFigureTable(table), words);
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${id}-${city.partner.id}-${city.chosen.year}.csv"`,
    });
  });
}
