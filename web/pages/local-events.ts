// A partner city's own local events on its programme page: add, change, remove; and, for
// each, what the bot told or will tell the city's groups, in words (never a bare 0): its
// announcement planned (when), sent (to how many groups), saved too late to be announced
// (after 20:00 the eve: "trop tard pour prévenir les groupes"); a change that matters waiting
// for its round, sent, or too late; a cancellation. After a save the page says what the save
// does for the groups (handlers/city-programme/schedule.ts's plans, carried in the redirect's
// query as a code, and its times read from the event).
import type { Hono } from 'hono';
import { listLocalEvents, type LocalEventRow } from '../../db/queries/city-programme.ts';
import {
  findAnnouncementReports,
  type AnnouncementReport,
} from '../../db/queries/local-event-announcements.ts';
import type { PartnerDetails } from '../../db/queries/partners.ts';
import { ASPECTS, type Aspect } from '../../handlers/city-programme/change-rule.ts';
import {
  addLocalEventAnnounced,
  changeLocalEventAnnounced,
  removeLocalEventAnnounced,
  type AnnouncementPlan,
  type CancelPlan,
  type ChangePlan,
  type LocalEventInput,
} from '../../handlers/city-programme/schedule.ts';
import { formatTime } from '../../handlers/calendar/french-dates.ts';
import { intlLocale, type Locale, type T } from '../../handlers/i18n.ts';
import { todayIn } from '../../handlers/zoned-time.ts';
import type { ConsoleContext, ConsoleEnv, ConsoleOptions } from '../console-context.ts';
import { html, type Html } from '../html.ts';
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

/** What a save did for the groups, carried in the redirect (`effet`, `quoi`). */
const EFFECTS = [
  'planned',
  'too_late',
  'saved',
  'change',
  'change_too_late',
  'minor',
  'removed',
  'cancelled',
  'cancel_too_late',
] as const;
type Effect = (typeof EFFECTS)[number];

/** Any of the plans a save returns. */
type SavePlan = Partial<AnnouncementPlan> &
  Partial<{ change: ChangePlan['change']; at: Date | 'too_late' }> &
  Partial<CancelPlan>;

function toEffect(plan: SavePlan): Effect {
  if (plan.cancel === 'deleted') return 'removed';
  if (plan.cancel !== undefined)
    return plan.cancel === 'too_late' ? 'cancel_too_late' : 'cancelled';
  if (Array.isArray(plan.change)) return plan.at === 'too_late' ? 'change_too_late' : 'change';
  if (plan.change === 'minor') return 'minor';
  if (plan.announce === 'too_late') return 'too_late';
  return plan.announce === 'done' ? 'saved' : 'planned';
}

function afterSave(c: ConsoleContext, partnerId: number, eventId: number, plan: SavePlan) {
  const query = new URLSearchParams({ evenement: String(eventId), effet: toEffect(plan) });
  if (Array.isArray(plan.change)) query.set('quoi', plan.change.join(','));
  return c.redirect(`/console/villes/${partnerId}/programme?${query.toString()}#evenements`, 303);
}

function formatWhen(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(date);
}

function formatDay(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** "nouvelle date, nouveau lieu" from the redirect's `quoi` (unknown words ignored). */
function changesWords(quoi: string | undefined, t: T): string {
  const aspects = (quoi ?? '').split(',').filter((a): a is Aspect => ASPECTS.includes(a as Aspect));
  return aspects
    .map((aspect) => t(`cityprogramme.change.aspect.${aspect}`))
    .join(t('cityprogramme.change.separator'));
}

/** The notice after a save, from the redirect's query; nothing for a forged or stale one. */
function renderNotice(c: ConsoleContext, events: LocalEventRow[], now: Date): Html | '' {
  const t = c.get('t');
  const locale = c.get('locale');
  const effect = EFFECTS.find((e) => e === c.req.query('effet'));
  if (!effect) return '';
  if (effect === 'removed') {
    return html`<p class="notice" role="status">${t('cityprogramme.notice.removed')}</p>`;
  }
  const event = events.find((e) => String(e.id) === c.req.query('evenement'));
  if (!event) return '';
  const values = {
    title: event.title,
    date: formatDay(event.date, locale),
    changes: changesWords(c.req.query('quoi'), t),
    when: '',
  };
  let key: string = effect;
  const at = effect === 'planned' ? event.announceAt : event.roundAt;
  if (at && at > now) values.when = formatWhen(at, locale);
  // Due already (in the daytime): going out now, or gone.
  else if (effect === 'planned' || effect === 'change' || effect === 'cancelled')
    key = `${effect}_now`;
  const tooLate = effect.endsWith('too_late');
  return html`<p class="${tooLate ? 'error' : 'notice'}" role="${tooLate ? 'alert' : 'status'}">
    ${t(`cityprogramme.notice.${key}`, values)}
  </p>`;
}

/** What the bot told, or will tell, the groups of one event: one or two short lines. */
function eventStatus(
  event: LocalEventRow,
  report: AnnouncementReport | undefined,
  today: string,
  now: Date,
  t: T,
  locale: Locale,
): string[] {
  const r = report ?? {
    announced: 0,
    announcing: 0,
    changes: 0,
    changing: 0,
    cancelled: 0,
    cancelling: 0,
    told: 0,
  };
  const when = (at: Date) => formatWhen(at, locale);
  const s = (key: string, values?: Record<string, unknown>) =>
    t(`cityprogramme.programme.status.${key}`, values);
  if (event.cancelledAt) {
    if (event.roundAt) return [s('cancel_planned', { when: when(event.roundAt) })];
    if (r.cancelled + r.cancelling > 0) {
      return [
        s('cancel_sent', { count: r.cancelled }),
        ...(r.cancelling > 0 ? [s('sending', { count: r.cancelling })] : []),
      ];
    }
    return [s('cancel_too_late', { count: r.told })];
  }
  const lines: string[] = [];
  if (event.announcedAt || r.told > 0) {
    lines.push(t('cityprogramme.programme.announced', { count: r.announced }));
    if (r.announcing > 0) lines.push(s('sending', { count: r.announcing }));
  }
  if (!event.announcedAt) {
    if (event.announceAt && event.announceAt > now) {
      lines.push(s('planned', { when: when(event.announceAt) }));
    } else if (event.announceAt) {
      lines.push(s('announcing'));
    } else if (event.date >= today) {
      lines.push(s('too_late'));
    }
  }
  if (event.changedSince) {
    lines.push(
      event.roundAt ? s('change_planned', { when: when(event.roundAt) }) : s('change_too_late'),
    );
  } else if (r.changes + r.changing > 0) {
    lines.push(s('changes_sent', { count: r.changes }));
    if (r.changing > 0) lines.push(s('sending', { count: r.changing }));
  }
  return lines;
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
