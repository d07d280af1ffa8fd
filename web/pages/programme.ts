// A partner city's programme: the association's year (galette, fête des voisins, été des
// voisins, rentrée, Noël; canicule and grand froid when they come), the city's own line for
// each moment ("la mairie prête tables et chaises"), which the bot adds to the seasonal kit
// suggestion and to /fete in the city's groups, and the city's own local events, which the bot
// announces in the city's groups a week before (handlers/city-programme/). Any staff member of
// the partner (and the association) may edit them; nothing here names a person.
import type { Hono } from 'hono';
import { findProgrammeLines, saveProgrammeLine } from '../../db/queries/city-programme.ts';
import type { PartnerDetails } from '../../db/queries/partners.ts';
import {
  page,
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
} from '../console-context.ts';
import { html } from '../html.ts';
import { canSeeWatch } from '../viewer.ts';
import { registerLocalEventRoutes, renderLocalEvents, type EventProblem } from './local-events.ts';
import { formText, partnerOfRoute, renderCityNav } from './partner-route.ts';

/** The association's year, in calendar order; each moment is a kit of the catalogue. */
export const PROGRAMME_MOMENTS = [
  'galette',
  'grand-froid',
  'fete-des-voisins',
  'ete-des-voisins',
  'canicule',
  'rentree',
  'noel',
] as const;

export const MAX_PROGRAMME_LINE = 200;

export function registerProgrammeRoutes(app: Hono<ConsoleEnv>, options: ConsoleOptions): void {
  const db = options.db;

  async function programmePage(
    c: ConsoleContext,
    partner: PartnerDetails,
    problem?: { error: string } | { event: EventProblem },
  ) {
    const t = c.get('t');
    const locale = c.get('locale');
    const viewer = c.get('viewer')!;
    const csrf = viewer.session.csrfToken;
    const base = `/console/villes/${partner.id}/programme`;
    const [lines, events] = await Promise.all([
      findProgrammeLines(db, partner.id),
      renderLocalEvents(
        c,
        partner,
        options,
        problem && 'event' in problem ? problem.event : undefined,
      ),
    ]);
    const title = (moment: string) =>
      options.kitTitle?.(moment, locale) ?? t(`cityprogramme.programme.moment.${moment}`);
    const main = html`${renderCityNav(partner.id, t, canSeeWatch(viewer, partner.id), base)}
      <p>${t('cityprogramme.programme.explain')}</p>
      ${problem && 'error' in problem ? html`<p class="error" role="alert">${problem.error}</p>` : ''}
      <h2>${t('cityprogramme.programme.year_title')}</h2>
      <ol class="programme">
        ${PROGRAMME_MOMENTS.map((moment) => {
          const id = `line-${moment}`;
          return html`<li>
            <h3>${title(moment)}</h3>
            <p>${t(`cityprogramme.programme.when.${moment}`)}</p>
            <form method="post" action="${base}/ligne">
              <input type="hidden" name="_csrf" value="${csrf}" /><input
                type="hidden"
                name="moment"
                value="${moment}"
              />
              <label for="${id}"
                >${t('cityprogramme.programme.line_label', { moment: title(moment) })}</label
              ><input
                type="text"
                id="${id}"
                name="line"
                maxlength="${MAX_PROGRAMME_LINE}"
                value="${lines.get(moment) ?? ''}"
                placeholder="${t('cityprogramme.programme.line_placeholder')}"
              />
              <button type="submit">${t('cityprogramme.programme.save')}</button>
            </form>
          </li>`;
        })}
      </ol>
      ${events}`;
    return page(
      c,
      t('cityprogramme.programme.title', { name: partner.name }),
      main,
      problem ? 400 : 200,
    );
  }

  app.get('/console/villes/:id/programme', async (c) => {
    const partner = await partnerOfRoute(c, options);
    return partner ? programmePage(c, partner) : c.notFound();
  });

  app.post('/console/villes/:id/programme/ligne', async (c) => {
    const partner = await partnerOfRoute(c, options);
    if (!partner) return c.notFound();
    const t = c.get('t');
    const body = await c.req.parseBody();
    const moment = PROGRAMME_MOMENTS.find((m) => m === body.moment);
    if (!moment) return c.notFound();
    const line = formText(body.line).replace(/\s+/g, ' ').trim();
    if (line.length > MAX_PROGRAMME_LINE) {
      return programmePage(c, partner, {
        error: t('cityprogramme.programme.line_too_long', { max: MAX_PROGRAMME_LINE }),
      });
    }
    await saveProgrammeLine(db, { partnerId: partner.id, moment, line, now: options.clock.now() });
    return c.redirect(`/console/villes/${partner.id}/programme`, 303);
  });

  registerLocalEventRoutes(app, options, (c, partner, problem) =>
    programmePage(c, partner, { event: problem }),
  );
}
