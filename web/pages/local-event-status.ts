// What a city's local event told, or will tell, its groups, in the console's words: a line
// per event on the programme page (its announcement planned, sent, saved too late; a change
// or a cancellation planned, sent, too late), and the notice after a save, which says what
// the save does for the groups (handlers/city-programme/schedule.ts's plans, carried in the
// redirect's query as a code; its times are read from the event). Never a bare "0 groups".
import type { LocalEventRow } from '../../db/queries/city-programme.ts';
import type { AnnouncementReport } from '../../db/queries/local-event-reports.ts';
import { ASPECTS, type Aspect } from '../../handlers/city-programme/change-rule.ts';
import type {
  AnnouncementPlan,
  CancelPlan,
  ChangePlan,
} from '../../handlers/city-programme/schedule.ts';
import { intlLocale, type Locale, type T } from '../../handlers/i18n.ts';
import type { ConsoleContext } from '../console-context.ts';
import { html, type Html } from '../html.ts';
import { formatWhen } from './city-messages.ts';

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

export function afterSave(c: ConsoleContext, partnerId: number, eventId: number, plan: SavePlan) {
  const query = new URLSearchParams({ evenement: String(eventId), effet: toEffect(plan) });
  if (Array.isArray(plan.change)) query.set('quoi', plan.change.join(','));
  return c.redirect(`/console/villes/${partnerId}/programme?${query.toString()}#evenements`, 303);
}

export function formatDay(date: string, locale: Locale): string {
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
export function renderNotice(c: ConsoleContext, events: LocalEventRow[], now: Date): Html | '' {
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
  if (at && at > now) values.when = formatWhen(at, locale, t);
  // Due already (in the daytime): going out now, or gone.
  else if (effect === 'planned' || effect === 'change' || effect === 'cancelled')
    key = `${effect}_now`;
  const tooLate = effect.endsWith('too_late');
  return html`<p class="${tooLate ? 'error' : 'notice'}" role="${tooLate ? 'alert' : 'status'}">
    ${t(`cityprogramme.notice.${key}`, values)}
  </p>`;
}

/** What the bot told, or will tell, the groups of one event: one or two short lines. */
export function eventStatus(
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
  const when = (at: Date) => formatWhen(at, locale, t);
  const s = (key: string, values?: Record<string, unknown>) =>
    t(`cityprogramme.programme.status.${key}`, values);
  if (event.cancelledAt) {
    if (event.roundAt) return [s('cancel_planned', { when: when(event.roundAt) })];
    // Its round ran (even if every group told had left since), or messages are on their way.
    const roundRan = event.lastRoundAt !== null && event.lastRoundAt >= event.cancelledAt;
    if (roundRan || r.cancelled + r.cancelling > 0) {
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
