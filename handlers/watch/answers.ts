// Answering check-ins where there are no buttons (WhatsApp, the terminal). There, "1" answers
// the chat's latest numbered question only, and a referent gets one check-in per neighbour,
// one after the other: "1" typed while reading the first would be recorded for the last. So
// a numbered answer while other neighbours are still waiting for news asks which neighbour it
// is about; once one is answered, the next one is asked again as the latest question; and
// /nouvelles brings back those still waiting (a numbered question expires after a while).
import { findCheckIn, findOpenCheckInsAround, findWatched } from '../../db/queries/watch.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import type { OutboundMessage } from '../events.ts';
import type { HandlerContext } from '../feature.ts';
import type { Locale, T } from '../i18n.ts';
import { formatTime } from '../calendar/format-date.ts';
import { hazardsOnAlert, type WatchConfig } from './rounds.ts';
import { answer, type Answer } from './answer-check-in.ts';
import { mayAnswer, organisersOf } from './ladder-people.ts';
import { findCcasOfChat } from '../../db/queries/partners.ts';
import { answerChoices, neighbourLines, numbersLine } from './texts.ts';
import type { CheckInRow, WatchedRow } from '../../db/queries/watch.ts';

/** Check-ins older than this are no longer offered (their day's ladder is over). */
const OPEN_MS = 24 * 3600_000;
const MAX_LISTED = 20;

interface Open {
  checkIn: CheckInRow;
  watched: WatchedRow;
}

const ANSWER_LABELS: Record<Answer, string> = {
  ok: 'watch.answer_ok',
  needs_help: 'watch.answer_help',
  unreachable: 'watch.answer_unreachable',
};

/**
 * The check-ins still waiting for news that this person may answer, oldest first: those
 * the ladder reached them with (their own neighbours'; a backup's or an organiser's once
 * asked), never the others of their group.
 */
async function openCheckInsOf(deps: Deps, personId: number, now: Date): Promise<Open[]> {
  const rows = await findOpenCheckInsAround(
    deps.db,
    personId,
    new Date(now.getTime() - OPEN_MS),
    MAX_LISTED * 2,
  );
  const organisers = new Map<number, Promise<number[]>>();
  const organisersIn = (chatId: number) => () => {
    let ids = organisers.get(chatId);
    if (!ids) organisers.set(chatId, (ids = organisersOf(deps, chatId)));
    return ids;
  };
  const open: Open[] = [];
  for (const row of rows) {
    const { checkIn, watched } = row;
    if (await mayAnswer(deps, checkIn, watched, personId, organisersIn(watched.chatId))) {
      open.push(row);
    }
  }
  return open.slice(0, MAX_LISTED);
}

/**
 * A neighbour's name, with the round's time when they are listed more than once ("Mme A —
 * 10 h", as times are written in the person's language).
 */
function labelsOf(open: Open[], locale: Locale): string[] {
  return open.map(({ checkIn, watched }) =>
    open.filter((o) => o.watched.id === watched.id).length > 1
      ? `${watched.name} — ${formatTime(checkIn.round.slice(11, 16), locale)}`
      : watched.name,
  );
}

/** A check-in asked again, as the chat's latest question: its answers name it. */
async function askAgain(
  deps: Deps,
  t: T,
  { checkIn, watched }: Open,
  key: string,
): Promise<OutboundMessage> {
  const ccas = await findCcasOfChat(deps.db, watched.chatId);
  const hazards = await hazardsOnAlert(deps, watched.chatId, deps.config.watch, checkIn.hazard);
  return {
    kind: 'text',
    text: `${t(key)}\n\n${neighbourLines(watched, t)}\n\n${numbersLine(hazards, t, ccas)}`,
    choices: answerChoices(checkIn.id, t, checkIn.outcome === 'unreachable', 'for'),
  };
}

/**
 * An answer to a check-in. `explicit`: the person chose this neighbour (a button, a question
 * asked again, the "which neighbour?" list); otherwise a numbered reply that may be about
 * another neighbour than the latest one.
 */
export async function answerCheckInChoice(
  ctx: HandlerContext,
  checkInId: number,
  outcome: Answer,
  explicit: boolean,
  config: WatchConfig,
): Promise<void> {
  const { deps, t } = ctx;
  const numbered = !ctx.messenger.capabilities.inlineButtons;
  if (numbered && !explicit) {
    const open = await openCheckInsOf(deps, ctx.person.id, ctx.now);
    const checkIn = await findCheckIn(deps.db, checkInId);
    // A check-in closed meanwhile is not asked about: the answer says who closed it.
    const closed = checkIn?.outcome === 'ok' || checkIn?.outcome === 'needs_help';
    if (!closed && open.some((o) => o.checkIn.id !== checkInId)) {
      const watched = checkIn ? await findWatched(deps.db, checkIn.watchedId) : undefined;
      if (
        checkIn &&
        watched &&
        !open.some((o) => o.checkIn.id === checkInId) &&
        (await mayAnswer(deps, checkIn, watched, ctx.person.id))
      ) {
        open.push({ checkIn, watched });
        open.sort((a, b) => a.checkIn.id - b.checkIn.id);
      }
      const labels = labelsOf(open, ctx.locale);
      await ctx.reply({
        kind: 'text',
        text: t('watch.which_neighbour', { answer: t(ANSWER_LABELS[outcome]) }),
        choices: open.map((o, i) => [
          { label: labels[i] ?? o.watched.name, data: `watch:for:${o.checkIn.id}:${outcome}` },
        ]),
      });
      return;
    }
  }
  // Each answer names its neighbour: where choices are numbers, a "1" may have been meant
  // for another one.
  await ctx.reply(await answer(deps, checkInId, outcome, ctx, ctx.now, config));
  if (!numbered) return;
  // The referent's next neighbour (a backup or an organiser is asked by the ladder instead).
  const next = (await openCheckInsOf(deps, ctx.person.id, ctx.now)).find(
    (o) =>
      o.checkIn.outcome === 'pending' &&
      o.checkIn.id !== checkInId &&
      (o.checkIn.referentPersonId === ctx.person.id ||
        o.watched.referentPersonId === ctx.person.id),
  );
  if (next) await ctx.reply(await askAgain(ctx.deps, t, next, 'watch.next_neighbour'));
}

/** /nouvelles: the neighbours still waiting for news, to answer one of them now. */
export async function listOpenCheckIns(ctx: HandlerContext): Promise<void> {
  const open = await openCheckInsOf(ctx.deps, ctx.person.id, ctx.now);
  if (open.length === 0) throw new UserFacingError('watch.no_open_checkins');
  if (open.length === 1) {
    await ctx.reply(await askAgain(ctx.deps, ctx.t, open[0]!, 'watch.open_question'));
    return;
  }
  const labels = labelsOf(open, ctx.locale);
  await ctx.reply({
    kind: 'text',
    text: ctx.t('watch.open_checkins'),
    choices: open.map((o, i) => [
      { label: labels[i] ?? o.watched.name, data: `watch:show:${o.checkIn.id}` },
    ]),
  });
}

/** One of the listed check-ins, asked again. */
export async function showCheckIn(ctx: HandlerContext, checkInId: number): Promise<void> {
  const checkIn = await findCheckIn(ctx.deps.db, checkInId);
  const watched = checkIn ? await findWatched(ctx.deps.db, checkIn.watchedId) : undefined;
  if (!checkIn || !watched) throw new UserFacingError('router.stale_choice');
  if (!(await mayAnswer(ctx.deps, checkIn, watched, ctx.person.id))) {
    throw new UserFacingError('watch.not_your_neighbour');
  }
  await ctx.reply(await askAgain(ctx.deps, ctx.t, { checkIn, watched }, 'watch.open_question'));
}
