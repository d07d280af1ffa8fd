// A partner city's own local events on its programme page: add (a date and a title; an hour,
// a place and details if the city wants), change, remove, each checked against the partner of
// the URL; and, for each, what the bot told or will tell the city's groups
// (local-event-status.ts: never a bare "0 groups told"; "trop tard pour prévenir les groupes"
// when it was saved after 20:00 the eve).
import type { Hono } from 'hono';
import { listLocalEvents, type LocalEventRow } from '../../db/queries/city-programme.ts';
import { findAnnouncementReports } from '../../db/queries/local-event-reports.ts';
import type { PartnerDetails } from '../../db/queries/partners.ts';
import {
  addLocalEventAnnounced,
  changeLocalEventAnnounced,
  removeLocalEventAnnounced,
  type LocalEventInput,
} from '../../handlers/city-programme/schedule.ts';
import { formatTime } from '../../handlers/calendar/french-dates.ts';
import type { T } from '../../handlers/i18n.ts';
import { todayIn } from '../../handlers/zoned-time.ts';
import type { ConsoleContext, ConsoleEnv, ConsoleOptions } from '../console-context.ts';
import { html, type Html } from '../html.ts';
import { afterSave, eventStatus, formatDay, renderNotice } from './local-event-status.ts';
import { formText, partnerOfRoute, routeId } from './partner-route.ts';

export const MAX_EVENT_TITLE = 120;
export const MAX_EVENT_PLACE = 120;
export const MAX_EVENT_DESCRIPTION = 500;
const TIME_ZONE = 'Europe/Paris';

/** What went wrong in a form, and what it held (to fill it in again). */
export interface EventProblem {
  error: string;
  form?: Partial<Record<keyof LocalEventInput, string>>;
}

/** The form's fields for one event (the change form, or the add form with `suffix` ''). */
function eventFields(t: T, suffix: string, values: Partial<Record<keyof LocalEventInput, string>>) {
  const id = (name: string) => `event-${name}${suffix}`;
  return html`<label for="${id('date')}">${t('cityprogramme.programme.event_date')}</label
    ><input type="date" id="${id('date')}" name="date" required value="${values.date ?? ''}" />
    <label for="${id('time')}">${t('cityprogramme.programme.event_time')}</label
    ><input type="time" id="${id('time')}" name="time" value="${values.time ?? ''}" />
    <label for="${id('place')}">${t('cityprogramme.programme.event_place')}</label
    ><input
      type="text"
      id="${id('place')}"
      name="place"
      maxlength="${MAX_EVENT_PLACE}"
      value="${values.place ?? ''}"
    />
    <label for="${id('title')}">${t('cityprogramme.programme.event_title')}</label
    ><input
      type="text"
      id="${id('title')}"
      name="title"
      required
      maxlength="${MAX_EVENT_TITLE}"
      value="${values.title ?? ''}"
    />
    <label for="${id('description')}">${t('cityprogramme.programme.event_description')}</label
    ><textarea
      id="${id('description')}"
      name="description"
      rows="3"
      maxlength="${MAX_EVENT_DESCRIPTION}"
    >
${values.description ?? ''}</textarea>`;
}

const formValues = (e: LocalEventRow) => ({
  date: e.date,
  time: e.time ?? '',
  place: e.place ?? '',
  title: e.title,
  description: e.description ?? '',
});

/** The events' section of the programme page. */
export async function renderLocalEvents(
  c: ConsoleContext,
  partner: PartnerDetails,
  options: ConsoleOptions,
  problem?: EventProblem,
): Promise<Html> {
  const t = c.get('t');
  const locale = c.get('locale');
  const csrf = c.get('viewer')!.session.csrfToken;
  const base = `/console/villes/${partner.id}/programme`;
  const now = options.clock.now();
  const today = parisToday(now);
  const [events, reports] = await Promise.all([
    listLocalEvents(options.db, partner.id),
    findAnnouncementReports(options.db, partner.id),
  ]);
  const list = events.map((e) => {
    const status = eventStatus(e, reports.get(e.id), today, now, t, locale);
    const when = [formatDay(e.date, locale), e.time ? formatTime(e.time, locale) : undefined]
      .filter(Boolean)
      .join(', ');
    return html`<li id="event-${e.id}">
      <strong>${when}</strong> – ${e.title}${e.place ? html` – ${e.place}` : ''}
      ${e.cancelledAt ? html` <strong>${t('cityprogramme.programme.cancelled')}</strong>` : ''}
      <div class="announced">
        ${status.map((line, i) => html`${i > 0 ? html`<br />` : ''}${line}`)}
      </div>
      ${
        e.cancelledAt
          ? ''
          : html`<details>
                <summary>${t('cityprogramme.programme.change_event', { title: e.title })}</summary>
                <form method="post" action="${base}/evenements/${e.id}/modifier">
                  <input type="hidden" name="_csrf" value="${csrf}" />
                  ${eventFields(t, `-${e.id}`, formValues(e))}
                  <button type="submit">${t('cityprogramme.programme.save_event')}</button>
                </form>
              </details>
              <form method="post" action="${base}/evenements/${e.id}/supprimer" class="inline">
                <input type="hidden" name="_csrf" value="${csrf}" /><button type="submit">
                  ${t('cityprogramme.programme.remove_event', { title: e.title })}
                </button>
              </form>`
      }
    </li>`;
  });
  return html`<h2 id="evenements">${t('cityprogramme.programme.events_title')}</h2>
    ${renderNotice(c, events, now)}
    ${problem ? html`<p class="error" role="alert">${problem.error}</p>` : ''}
    <p>${t('cityprogramme.programme.announce_explain')}</p>
    <p>${t('cityprogramme.programme.change_explain')}</p>
    ${
      events.length === 0
        ? html`<p class="empty">${t('cityprogramme.programme.no_events')}</p>`
        : html`<ul>
            ${list}
          </ul>`
    }
    <form method="post" action="${base}/evenements">
      <input type="hidden" name="_csrf" value="${csrf}" />
      ${eventFields(t, '', problem?.form ?? {})}
      <p>
        <button type="submit" class="primary">${t('cityprogramme.programme.add_event')}</button>
      </p>
    </form>`;
}

/** The form's fields, checked; or what is wrong (the page again, saying it). */
async function eventOfForm(
  c: ConsoleContext,
  now: Date,
): Promise<{ event: LocalEventInput } | { problem: EventProblem }> {
  const t = c.get('t');
  const body = await c.req.parseBody();
  const line = (value: unknown) => formText(value).replace(/\s+/g, ' ').trim();
  const form = {
    date: formText(body.date).trim(),
    time: formText(body.time).trim(),
    place: line(body.place),
    title: line(body.title),
    description: formText(body.description)
      .replace(/\r\n?/g, '\n')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
  const problem = (error: string) => ({ problem: { error, form } });
  if (!isCalendarDate(form.date)) return problem(t('cityprogramme.programme.bad_date'));
  if (form.date < parisToday(now)) return problem(t('cityprogramme.programme.past_date'));
  const time = toTime(form.time);
  if (time === undefined) return problem(t('cityprogramme.programme.bad_time'));
  if (form.place.length > MAX_EVENT_PLACE) {
    return problem(t('cityprogramme.programme.bad_place', { max: MAX_EVENT_PLACE }));
  }
  if (form.title === '' || form.title.length > MAX_EVENT_TITLE) {
    return problem(t('cityprogramme.programme.bad_title', { max: MAX_EVENT_TITLE }));
  }
  if (form.description.length > MAX_EVENT_DESCRIPTION) {
    return problem(t('cityprogramme.programme.bad_description', { max: MAX_EVENT_DESCRIPTION }));
  }
  return {
    event: {
      date: form.date,
      title: form.title,
      time,
      place: form.place || null,
      description: form.description || null,
    },
  };
}

/** HH:MM (a browser may add seconds), null when empty, undefined when not a time. */
function toTime(text: string): string | null | undefined {
  if (text === '') return null;
  const match = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/.exec(text);
  return match ? `${match[1]}:${match[2]}` : undefined;
}

export function registerLocalEventRoutes(
  app: Hono<ConsoleEnv>,
  options: ConsoleOptions,
  programmePage: (
    c: ConsoleContext,
    partner: PartnerDetails,
    problem: EventProblem,
  ) => Promise<Response>,
): void {
  const db = options.db;

  app.post('/console/villes/:id/programme/evenements', async (c) => {
    const partner = await partnerOfRoute(c, options);
    if (!partner) return c.notFound();
    const now = options.clock.now();
    const form = await eventOfForm(c, now);
    if ('problem' in form) return programmePage(c, partner, form.problem);
    const added = await addLocalEventAnnounced(db, partner.id, form.event, now);
    return afterSave(c, partner.id, added.id, added);
  });

  app.post('/console/villes/:id/programme/evenements/:event/modifier', async (c) => {
    const partner = await partnerOfRoute(c, options);
    const eventId = routeId(c, 'event');
    if (!partner || eventId === undefined) return c.notFound();
    const now = options.clock.now();
    const form = await eventOfForm(c, now);
    if ('problem' in form) return programmePage(c, partner, { error: form.problem.error });
    // Another partner's event (a forged id) is not found: the change names this partner.
    const plan = await changeLocalEventAnnounced(db, partner.id, eventId, form.event, now);
    return plan ? afterSave(c, partner.id, eventId, plan) : c.notFound();
  });

  app.post('/console/villes/:id/programme/evenements/:event/supprimer', async (c) => {
    const partner = await partnerOfRoute(c, options);
    const eventId = routeId(c, 'event');
    if (!partner || eventId === undefined) return c.notFound();
    // Another partner's event (a forged id) is not found: the removal names this partner.
    const plan = await removeLocalEventAnnounced(db, partner.id, eventId, options.clock.now());
    return plan ? afterSave(c, partner.id, eventId, plan) : c.notFound();
  });
}

export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function parisToday(now: Date): string {
  return todayIn(now, TIME_ZONE);
}
