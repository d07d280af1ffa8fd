// A partner city's programme: the association's year (galette, fête des voisins, été des
// voisins, rentrée, Noël; canicule and grand froid when they come), the city's own line for
// each moment ("la mairie prête tables et chaises"), which the bot adds to the seasonal kit
// suggestion and to /fete in the city's groups, and the city's own local events, which the bot
// announces in the city's groups a week before (handlers/city-programme/). Any staff member of
// the partner (and the association) may edit them; nothing here names a person.
import type { Hono } from 'hono';
import { intlLocale } from '../../handlers/i18n.ts';
import { todayIn } from '../../handlers/zoned-time.ts';
import {
  findProgrammeLines,
  listLocalEvents,
  saveProgrammeLine,
} from '../../db/queries/city-programme.ts';
import { countAnnouncedGroups } from '../../db/queries/local-event-announcements.ts';
import type { PartnerDetails } from '../../db/queries/partners.ts';
import {
  addLocalEventAnnounced,
  changeLocalEventAnnounced,
  removeLocalEventAnnounced,
} from '../../handlers/city-programme/schedule.ts';
import {
  page,
  type ConsoleContext,
  type ConsoleEnv,
  type ConsoleOptions,
} from '../console-context.ts';
import { html } from '../html.ts';
import { canSeeWatch } from '../viewer.ts';
import { formText, partnerOfRoute, renderCityNav, routeId } from './partner-route.ts';

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
export const MAX_EVENT_TITLE = 120;

export function registerProgrammeRoutes(app: Hono<ConsoleEnv>, options: ConsoleOptions): void {
  const db = options.db;

  async function programmePage(
    c: ConsoleContext,
    partner: PartnerDetails,
    problem?: { error: string; date?: string; title?: string },
  ) {
    const t = c.get('t');
    const locale = c.get('locale');
    const viewer = c.get('viewer')!;
    const csrf = viewer.session.csrfToken;
    const base = `/console/villes/${partner.id}/programme`;
    const [lines, events, announced] = await Promise.all([
      findProgrammeLines(db, partner.id),
      listLocalEvents(db, partner.id),
      countAnnouncedGroups(db, partner.id),
    ]);
    const dateWords = new Intl.DateTimeFormat(intlLocale(locale), {
      dateStyle: 'full',
      timeZone: 'UTC',
    });
    const title = (moment: string) =>
      options.kitTitle?.(moment, locale) ?? t(`cityprogramme.programme.moment.${moment}`);
    const main = html`${renderCityNav(partner.id, t, canSeeWatch(viewer, partner.id), base)}
      <p>${t('cityprogramme.programme.explain')}</p>
      ${problem ? html`<p class="error" role="alert">${problem.error}</p>` : ''}
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
      <h2>${t('cityprogramme.programme.events_title')}</h2>
      <p>${t('cityprogramme.programme.announce_explain')}</p>
      ${
        events.length === 0
          ? html`<p class="empty">${t('cityprogramme.programme.no_events')}</p>`
          : html`<ul>
              ${events.map(
                (e) =>
                  html`<li id="event-${e.id}">
                    <strong>${dateWords.format(new Date(`${e.date}T12:00:00Z`))}</strong> –
                    ${e.title}
                    <span class="announced"
                      >(${t('cityprogramme.programme.announced', {
                        count: announced.get(e.id) ?? 0,
                      })})</span
                    >
                    <form method="post" action="${base}/evenements/${e.id}/modifier">
                      <input type="hidden" name="_csrf" value="${csrf}" />
                      <label for="event-date-${e.id}"
                        >${t('cityprogramme.programme.event_date')}</label
                      ><input
                        type="date"
                        id="event-date-${e.id}"
                        name="date"
                        required
                        value="${e.date}"
                      />
                      <label for="event-title-${e.id}"
                        >${t('cityprogramme.programme.event_title')}</label
                      ><input
                        type="text"
                        id="event-title-${e.id}"
                        name="title"
                        required
                        maxlength="${MAX_EVENT_TITLE}"
                        value="${e.title}"
                      />
                      <button type="submit">
                        ${t('cityprogramme.programme.change_event', { title: e.title })}
                      </button>
                    </form>
                    <form
                      method="post"
                      action="${base}/evenements/${e.id}/supprimer"
                      class="inline"
                    >
                      <input type="hidden" name="_csrf" value="${csrf}" /><button type="submit">
                        ${t('cityprogramme.programme.remove_event', { title: e.title })}
                      </button>
                    </form>
                  </li>`,
              )}
            </ul>`
      }
      <form method="post" action="${base}/evenements">
        <input type="hidden" name="_csrf" value="${csrf}" />
        <label for="event-date">${t('cityprogramme.programme.event_date')}</label
        ><input type="date" id="event-date" name="date" required value="${problem?.date ?? ''}" />
        <label for="event-title">${t('cityprogramme.programme.event_title')}</label
        ><input
          type="text"
          id="event-title"
          name="title"
          required
          maxlength="${MAX_EVENT_TITLE}"
          value="${problem?.title ?? ''}"
        />
        <p>
          <button type="submit" class="primary">${t('cityprogramme.programme.add_event')}</button>
        </p>
      </form>`;
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

  /** The form's date and title, checked; or the page again, saying what is wrong. */
  async function eventOfForm(c: ConsoleContext, partner: PartnerDetails) {
    const t = c.get('t');
    const body = await c.req.parseBody();
    const date = formText(body.date).trim();
    const title = formText(body.title).replace(/\s+/g, ' ').trim();
    const today = parisToday(options.clock.now());
    const problem = (error: string) => ({
      problem: programmePage(c, partner, { error, date, title }),
    });
    if (!isCalendarDate(date)) return problem(t('cityprogramme.programme.bad_date'));
    if (date < today) return problem(t('cityprogramme.programme.past_date'));
    if (title === '' || title.length > MAX_EVENT_TITLE) {
      return problem(t('cityprogramme.programme.bad_title', { max: MAX_EVENT_TITLE }));
    }
    return { event: { date, title } };
  }

  app.post('/console/villes/:id/programme/evenements', async (c) => {
    const partner = await partnerOfRoute(c, options);
    if (!partner) return c.notFound();
    const form = await eventOfForm(c, partner);
    if ('problem' in form) return form.problem;
    await addLocalEventAnnounced(db, partner.id, form.event, options.clock.now());
    return c.redirect(`/console/villes/${partner.id}/programme`, 303);
  });

  app.post('/console/villes/:id/programme/evenements/:event/modifier', async (c) => {
    const partner = await partnerOfRoute(c, options);
    const eventId = routeId(c, 'event');
    if (!partner || eventId === undefined) return c.notFound();
    const form = await eventOfForm(c, partner);
    if ('problem' in form) return form.problem;
    // Another partner's event (a forged id) is not found: the change names this partner.
    const now = options.clock.now();
    if (!(await changeLocalEventAnnounced(db, partner.id, eventId, form.event, now))) {
      return c.notFound();
    }
    return c.redirect(`/console/villes/${partner.id}/programme`, 303);
  });

  app.post('/console/villes/:id/programme/evenements/:event/supprimer', async (c) => {
    const partner = await partnerOfRoute(c, options);
    const eventId = routeId(c, 'event');
    // Another partner's event (a forged id) is not found: the delete names this partner.
    if (
      !partner ||
      eventId === undefined ||
      !(await removeLocalEventAnnounced(db, partner.id, eventId))
    ) {
      return c.notFound();
    }
    return c.redirect(`/console/villes/${partner.id}/programme`, 303);
  });
}

export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function parisToday(now: Date): string {
  return todayIn(now, 'Europe/Paris');
}
