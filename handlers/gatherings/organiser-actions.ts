// What organisers do to a gathering once it exists (close its poll, move its date, time or
// place, name a rain plan, move the poll's deadline, cancel it: asked first, confirm-cancel.ts),
// and settling a tie.
import { updateGathering, type GatheringRow } from '../../db/queries/gatherings.ts';
import { findOpenPollOfGathering } from '../../db/queries/polls.ts';
import { withBothChecked } from '../calendar/date-and-hours.ts';
import { findDate, findHours, formatDate, isIsoDate } from '../calendar/french-dates.ts';
import { toPlainText } from '../calendar/date-words.ts';
import type { CommandWords, MeaningOf } from '../command-words.ts';
import { hasContacts } from '../contacts.ts';
import { UserFacingError } from '../errors.ts';
import { looksLikeHealthData } from '../health-words.ts';
import type { Choice } from '../events.ts';
import type { ChoiceContext, HandlerContext } from '../feature.ts';
import type { T } from '../i18n.ts';
import { whenLine } from './describe.ts';
import { commandOf, plainTitleOf, titleOf } from './names.ts';
import { sendCalendarUpdates } from './calendar-file.ts';
import {
  askToCancel,
  CONFIRM_CANCEL,
  confirmCancel,
  KEEP,
  keepGathering,
} from './confirm-cancel.ts';
import { chooseDate, closeDatePoll, movePollDeadline, refreshSummary } from './lifecycle.ts';
import { distinctTitleOf } from './rsvp.ts';
import { scopeOf, type Scope } from './scope.ts';

const MAX_PLACE_LENGTH = 60;

type Action = MeaningOf<'gathering'>;

/** `/fete clore`, `/fete fechar`: the action a command's first word names, in any language. */
export function readAction(words: CommandWords, args: string): { action?: Action; rest: string } {
  const [first = '', rest = ''] = args.split(/\s+(.*)/s, 2);
  const action = words.find('gathering', first);
  return action ? { action, rest: rest.trim() } : { rest: args };
}

export async function requireOrganiser(ctx: HandlerContext): Promise<void> {
  if (!(await ctx.isOrganiser())) throw new UserFacingError('router.organisers_only');
}

/**
 * A gathering's place or rain place as typed, or a polite refusal. It goes in the group's
 * announcement, the reminders and everyone's calendar file: a place that speaks of health
 * ("chez Mme Martin, diabétique") is refused whole, and nothing of it is kept; so is one
 * holding a phone number, an e-mail address or a link (as posters and bring lists: contact
 * goes through the bot).
 */
export function checkPlace(text: string, command: string): string {
  const place = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/gu, '')
    .replace(/^(?:à|a|au|dans|at|in|em|no|na|nos|nas|ao|às|في)\s+/iu, '');
  if (isNoPlace(place)) throw new UserFacingError('gatherings.place_missing', { command });
  if (looksLikeHealthData(place)) throw new UserFacingError('gatherings.no_health_place');
  if (hasContacts(place)) throw new UserFacingError('gatherings.no_contact_place');
  if (place.length > MAX_PLACE_LENGTH) {
    throw new UserFacingError('gatherings.place_too_long', { max: MAX_PLACE_LENGTH });
  }
  return place;
}

/**
 * The words that lead to a date or a time, in the six languages ("a las", "às", "saat", "le",
 * "at", "يوم"…; plain: no accents, Arabic folded): left over once the date and the time are
 * read, they are no place ("las", "saat", "à", a lone comma).
 */
const NO_PLACE_WORDS = new Set([
  ...['a', 'au', 'aux', 'le', 'la', 'les', 'de', 'du', 'des', 'et', 'ou', 'vers', 'dans'],
  ...['at', 'on', 'the', 'and', 'or', 'in', 'around', 'from', 'this', 'next'],
  ...['las', 'los', 'el', 'del', 'y', 'o', 'e', 'que', 'viene', 'dia', 'hacia', 'sobre'],
  ...['as', 'os', 'do', 'da', 'no', 'na', 'em', 'ao', 'pelas', 'proximo', 'proxima'],
  ...['saat', 'gunu', 'gun', 've', 'veya', 'bu', 'gelecek'],
  ...['يوم', 'علي', 'في', 'الساعه', 'ساعه', 'و', 'او'],
]);

/** Nothing but punctuation and the words that lead to a date or a time. */
export function isNoPlace(text: string): boolean {
  return toPlainText(text)
    .plain.split(/[\s,;:.!?–—-]+/u)
    .every((word) => word === '' || NO_PLACE_WORDS.has(word));
}

/**
 * Refuses at once what an action would refuse whatever the gathering (`/evenement heure` with
 * no time), before asking which gathering is meant. Throws a UserFacingError whose example
 * names the command of `kind` (`/evenement heure 19h`, never `/fete` for an event).
 */
export function checkActionArgs(
  action: Action,
  rest: string,
  scope: Scope,
  kind: GatheringRow['kind'],
): void {
  const command = commandOf(kind, scope.locale);
  switch (action) {
    case 'time':
      if (!findHours(rest)?.time) throw new UserFacingError('gatherings.time_missing', { command });
      return;
    case 'place':
    case 'rain':
      checkPlace(rest, command);
      return;
    case 'date':
    case 'deadline':
      if (
        !withBothChecked(
          () => findDate(rest, scope.today, { locale: scope.locale }),
          () => findHours(rest),
        )
      ) {
        throw new UserFacingError('gatherings.date_missing', { command });
      }
      return;
    case 'close':
    case 'cancel':
      return;
  }
}

/** The actions a choice may carry: those that need nothing more than the gathering. */
const CHOSEN_ACTIONS = new Set<Action>(['cancel', 'close']);

/**
 * When `/evenement annuler` (or `clore`) does not say which: a choice per gathering it can act
 * on, named with what tells it apart (its date, or who started its poll and when); none for
 * the others (their command is said with the question).
 */
export function actionOffer(
  t: T,
  action: Action,
): (gathering: GatheringRow, apart: string) => Choice | undefined {
  return (g, apart) => {
    if (!CHOSEN_ACTIONS.has(action)) return undefined;
    if (action === 'close' && g.status !== 'polling') return undefined;
    // A label is plain text: the platform shows it as it is.
    return {
      label: `${action === 'cancel' ? '❌ ' : ''}${plainTitleOf(g, t)} — ${apart}`,
      data: `gact:${g.id}:${action}`,
    };
  };
}

/**
 * `gact:<gathering>:<action>`, or the answer to "cancel it?" (`cancelok`, `keep`): the
 * gathering checked by the router (this group's), the presser an organiser of the group.
 */
export async function actionChoice(
  ctx: ChoiceContext,
  gathering: GatheringRow,
  rest: string,
): Promise<void> {
  const [, word = '', ...extra] = rest.split(':');
  if (extra.length > 0) throw new UserFacingError('router.stale_choice');
  const scope = scopeOf(ctx);
  if (word === CONFIRM_CANCEL) return confirmCancel(ctx, scope, gathering);
  if (word === KEEP) return keepGathering(ctx, scope, gathering);
  const action = [...CHOSEN_ACTIONS].find((a) => a === word);
  if (!action) throw new UserFacingError('router.stale_choice');
  await runAction(ctx, scope, gathering, action, '');
}

export async function runAction(
  ctx: HandlerContext,
  scope: Scope,
  gathering: GatheringRow,
  action: Action,
  rest: string,
): Promise<void> {
  const { deps, t } = ctx;
  const command = commandOf(gathering.kind, scope.locale);
  /** `saidToo`: a line after the confirmation (the rain place, which the date line lacks). */
  const noted = async (updated: GatheringRow | undefined, saidToo?: string) => {
    if (!updated) throw new UserFacingError('gatherings.cancelled');
    const confirmed = t('gatherings.updated', {
      title: titleOf(updated, t),
      when: whenLine(updated, ctx.locale) || t('gatherings.date_pending'),
      interpolation: { escapeValue: false },
    });
    await ctx.reply(saidToo ? `${confirmed}\n${saidToo}` : confirmed);
    await refreshSummary(scope, updated);
    await updateCalendars(updated);
  };
  /** What a calendar shows changed: those who come get the new file privately. */
  const updateCalendars = async (updated: GatheringRow) => {
    const shown = (g: GatheringRow) => [g.date, g.time, g.place].join('|');
    if (gathering.status !== 'scheduled' || updated.status !== 'scheduled') return;
    if (shown(updated) === shown(gathering)) return;
    await sendCalendarUpdates(deps, scope.chat, updated, ctx.now);
  };
  switch (action) {
    // Asks nothing, unlike cancelling: the gathering stays, with its answers and its list;
    // the vote only ends early (it would at its deadline anyway), and the date it announces
    // can still be moved (`date`).
    case 'close': {
      const poll = await findOpenPollOfGathering(deps.db, gathering.id);
      if (!poll) throw new UserFacingError('gatherings.no_open_poll');
      return closeDatePoll(deps, poll.id, ctx.now, 'organiser');
    }
    case 'date': {
      const found = withBothChecked(
        () => findDate(rest, scope.today, { locale: scope.locale }),
        () => findHours(rest),
      );
      if (!found) throw new UserFacingError('gatherings.date_missing', { command });
      const time = findHours(rest.slice(found.end))?.time;
      if (time) await updateGathering(deps.db, gathering.id, { time });
      const moved = await chooseDate(
        scope,
        { ...gathering, ...(time ? { time } : {}) },
        found.date,
        { moved: gathering.status === 'scheduled' },
      );
      await updateCalendars(moved);
      return;
    }
    case 'time': {
      // "de 19h à 23h", "à partir de 19h": the start; a part of the day alone has no time.
      const time = findHours(rest)?.time;
      if (!time) throw new UserFacingError('gatherings.time_missing', { command });
      return noted(await updateGathering(deps.db, gathering.id, { time }));
    }
    case 'place':
      return noted(
        await updateGathering(deps.db, gathering.id, { place: checkPlace(rest, command) }),
      );
    case 'rain': {
      const rainPlace = checkPlace(rest, command);
      return noted(
        await updateGathering(deps.db, gathering.id, { rainPlace }),
        t('gatherings.rain_saved', { place: rainPlace }),
      );
    }
    case 'deadline': {
      const found = findDate(rest, scope.today, { locale: scope.locale });
      if (!found) throw new UserFacingError('gatherings.date_missing', { command });
      await movePollDeadline(scope, gathering, found.date);
      await ctx.reply(
        t('gatherings.deadline_moved', {
          title: await distinctTitleOf(ctx, gathering),
          date: formatDate(found.date, ctx.locale, 'long'),
          interpolation: { escapeValue: false },
        }),
      );
      return;
    }
    // Nothing undoes it: the organiser is asked first (confirm-cancel.ts).
    case 'cancel':
      return askToCancel(ctx, scope, gathering);
  }
}

/** A tie (or no vote) settled by an organiser. */
export async function pickDate(
  ctx: ChoiceContext,
  gathering: GatheringRow,
  rest: string,
): Promise<void> {
  const [, date = ''] = rest.split(':');
  if (!isIsoDate(date)) throw new UserFacingError('router.stale_choice');
  if (gathering.status !== 'tie') throw new UserFacingError('gatherings.already_decided');
  await chooseDate(scopeOf(ctx), gathering, date);
}
