// The "ville conviviale" label: the city's progress on the association's indicators for a
// year (web/label-indicators.ts), which quartiers it counts as heat-exposed, and, once every
// applicable indicator is met, its certificate as a PDF. Counts under 5 read "moins de 5",
// as everywhere in the console.
import type { Hono } from 'hono';
import { intlLocale, type Locale, type T } from '../../handlers/i18n.ts';
import { readLabelFigures, type LabelFigures } from '../../db/queries/label-figures.ts';
import { saveHeatExposedQuartiers, type PartnerDetails } from '../../db/queries/partners.ts';
import { loadCommunePopulations } from '../../handlers/groups/commune-populations.ts';
import { isSmallCount } from '../anonymity.ts';
import {
  page,
  plainValues,
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
} from '../console-context.ts';
import { cellWords, chooseYear } from '../figure-words.ts';
import { html } from '../html.ts';
import { renderCertificate } from '../label-certificate.ts';
import { measureLabel, type Indicator, type LabelProgress } from '../label-indicators.ts';
import { canSeeWatch } from '../viewer.ts';
import { partnerOfRoute, renderCityNav } from './partner-route.ts';

export function registerLabelRoutes(app: Hono<ConsoleEnv>, options: ConsoleOptions): void {
  const populations = () =>
    options.populations ? options.populations() : loadCommunePopulations();

  async function progressOf(c: ConsoleContext, partner: PartnerDetails) {
    const chosen = chooseYear(c.req.query('annee'), options.clock.now());
    const [figures, table] = await Promise.all([
      readLabelFigures(options.db, partner, chosen.year),
      populations(),
    ]);
    const population = partner.communes.reduce((sum, code) => sum + (table.get(code) ?? 0), 0);
    return { chosen, figures, population, progress: measureLabel(figures, population) };
  }

  /** An indicator's value; one that would let a count under 5 be worked out (a ratio of few
   * groups) reads "fewer than 5 groups", as the console's anonymity rule wants. */
  function valueWords(c: ConsoleContext, indicator: Indicator, figures: LabelFigures): string {
    const t = c.get('t');
    const locale = c.get('locale');
    if (indicator.value === undefined)
      return t(`cityprogramme.label.not_applicable.${indicator.id}`);
    const fewGroups =
      isSmallCount(figures.groups) ||
      (indicator.id === 'fete_share' && isSmallCount(figures.feteGroups));
    if ((indicator.id === 'groups_per_1000' || indicator.id === 'fete_share') && fewGroups) {
      return t('cityprogramme.label.few_groups');
    }
    if (indicator.id === 'fete_share' || indicator.id === 'heat_referents_share') {
      return new Intl.NumberFormat(intlLocale(locale), { style: 'percent' }).format(
        indicator.value,
      );
    }
    if (indicator.id === 'services' && isSmallCount(indicator.value))
      return t('web.anonymity.small');
    return new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(
      indicator.value,
    );
  }

  function thresholdWords(c: ConsoleContext, indicator: Indicator): string {
    const locale = c.get('locale');
    return indicator.id === 'fete_share' || indicator.id === 'heat_referents_share'
      ? new Intl.NumberFormat(intlLocale(locale), { style: 'percent' }).format(indicator.threshold)
      : new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(
          indicator.threshold,
        );
  }

  app.get('/console/villes/:id/label', async (c) => {
    const partner = await partnerOfRoute(c, options);
    if (!partner) return c.notFound();
    const t = c.get('t');
    const locale = c.get('locale');
    const viewer = c.get('viewer')!;
    const csrf = viewer.session.csrfToken;
    const base = `/console/villes/${partner.id}/label`;
    const { chosen, figures, population, progress } = await progressOf(c, partner);
    const words = cellWords(t, locale);
    const count = (n: number) => (isSmallCount(n) ? words.small : words.number(n));
    const main = html`${renderCityNav(partner.id, t, canSeeWatch(viewer, partner.id), base)}
      <p>${t('cityprogramme.label.explain', { year: chosen.year })}</p>
      <p>
        ${t('cityprogramme.label.basis', { groups: count(figures.groups), population: population > 0 ? words.number(population) : '—' })}
      </p>
      <div class="table-wrap">
        <table>
          <caption>
            ${t('cityprogramme.label.table_caption', { year: chosen.year })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('cityprogramme.label.indicator')}</th>
              <th scope="col" class="num">${t('cityprogramme.label.value')}</th>
              <th scope="col" class="num">${t('cityprogramme.label.threshold')}</th>
              <th scope="col">${t('cityprogramme.label.state')}</th>
            </tr>
          </thead>
          <tbody>
            ${progress.indicators.map(
              (i) =>
                html`<tr>
                  <th scope="row">${t(`cityprogramme.label.indicators.${i.id}`)}</th>
                  <td class="num">${valueWords(c, i, figures)}</td>
                  <td class="num">${thresholdWords(c, i)}</td>
                  <td>
                    ${i.value === undefined && i.met ? t('cityprogramme.label.not_counted') : i.met ? t('cityprogramme.label.met') : t('cityprogramme.label.not_met')}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        progress.earned
          ? html`<p class="notice" role="status">
                ${t('cityprogramme.label.earned', { year: chosen.year })}
              </p>
              <p>
                <a href="${base}/certificat.pdf?annee=${chosen.year}" class="button"
                  >${t('cityprogramme.label.download')}</a
                >
              </p>`
          : html`<p class="empty">${t('cityprogramme.label.not_yet')}</p>`
      }
      ${
        partner.quartiers.length > 0
          ? html`<h2>${t('cityprogramme.label.heat_title')}</h2>
              <form method="post" action="${base}/quartiers">
                <input type="hidden" name="_csrf" value="${csrf}" />
                <fieldset>
                  <legend>${t('cityprogramme.label.heat_legend')}</legend>
                  ${partner.quartiers.map(
                    (q) =>
                      html`<p class="check">
                        <input
                          type="checkbox"
                          id="q-${q.id}"
                          name="quartier"
                          value="${q.id}"
                          ${q.heatExposed ? html`checked` : ''}
                        /><label for="q-${q.id}">${q.name}</label>
                      </p>`,
                  )}
                </fieldset>
                <p><button type="submit">${t('cityprogramme.label.heat_save')}</button></p>
              </form>`
          : html`<p>${t('cityprogramme.label.no_quartiers')}</p>`
      }`;
    return page(c, t('cityprogramme.label.title', { name: partner.name }), main);
  });

  app.post('/console/villes/:id/label/quartiers', async (c) => {
    const partner = await partnerOfRoute(c, options);
    if (!partner) return c.notFound();
    const body = await c.req.parseBody({ all: true });
    const given = ([] as unknown[]).concat(body.quartier ?? []);
    // Only this partner's quartiers count; a forged id is ignored.
    const own = new Set(partner.quartiers.map((q) => q.id));
    const ids = given.map(Number).filter((id) => own.has(id));
    await saveHeatExposedQuartiers(options.db, partner.id, ids);
    return c.redirect(`/console/villes/${partner.id}/label`, 303);
  });

  app.get('/console/villes/:id/label/certificat.pdf', async (c) => {
    const partner = await partnerOfRoute(c, options);
    if (!partner) return c.notFound();
    const t = c.get('t');
    const locale = c.get('locale');
    const { chosen, progress, figures } = await progressOf(c, partner);
    if (!progress.earned) {
      return page(
        c,
        t('cityprogramme.label.title', { name: partner.name }),
        html`<p class="error">${t('cityprogramme.label.not_yet')}</p>`,
        403,
      );
    }
    // In the console's language (its Arabic shaped and laid out right to left).
    const pdf = await renderCertificate(
      certificateText(c, partner, chosen.year, progress, figures, locale, plainValues(t)),
    );
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="ville-conviviale-${partner.id}-${chosen.year}.pdf"`,
    });
  });

  function certificateText(
    c: ConsoleContext,
    partner: PartnerDetails,
    year: number,
    progress: LabelProgress,
    figures: LabelFigures,
    locale: Locale,
    t: T,
  ) {
    const date = new Intl.DateTimeFormat(intlLocale(locale), {
      dateStyle: 'long',
      timeZone: 'Europe/Paris',
    });
    return {
      language: locale,
      heading: t('cityprogramme.label.certificate_heading'),
      title: t('cityprogramme.label.certificate_title'),
      city: partner.name,
      body: t('cityprogramme.label.certificate_body', { year }),
      indicators: progress.indicators
        .filter((i) => i.value !== undefined)
        .map((i) =>
          t('cityprogramme.label.certificate_line', {
            indicator: t(`cityprogramme.label.indicators.${i.id}`),
            value: valueWords(c, i, figures),
          }),
        ),
      date: t('cityprogramme.label.certificate_date', { date: date.format(options.clock.now()) }),
      signature: t('cityprogramme.label.certificate_signature'),
    };
  }
}
