// How a person names a gathering's lists, when the bot asks which list a typed number answers
// or says that a question was replaced (handlers/which-list.ts): "la liste « qui apporte
// quoi » de « Galette »", "le sondage de date de « Fête des voisins 2027 »". Plain text, and
// only for this chat's gatherings: a menu of another chat is never named here.
import { findComingGatherings, findGathering, findItem } from '../../db/queries/gatherings.ts';
import type { GatheringRow } from '../../db/queries/gatherings.ts';
import { findPollByExternalId } from '../../db/queries/polls.ts';
import { leadingId } from '../access.ts';
import type { HandlerContext } from '../feature.ts';
import { CONFIRM_CANCEL } from './confirm-cancel.ts';
import { commandOf, plainTitleOf, tellApart } from './names.ts';
import { keywordsOf } from './rsvp.ts';
import { scopeOf } from './scope.ts';

type NameKey =
  | 'gatherings.list_name_rsvp'
  | 'gatherings.list_name_bring'
  | 'gatherings.list_name_poll'
  | 'gatherings.list_name_tie'
  | 'gatherings.list_name_cancel';

/** The gathering's list, named with the gathering's title (with its date beside a twin). */
async function nameWith(
  ctx: HandlerContext,
  gathering: GatheringRow | undefined,
  key: NameKey,
): Promise<string | undefined> {
  if (!gathering || gathering.chatId !== ctx.chat.id) return undefined;
  const coming = await findComingGatherings(ctx.deps.db, gathering.chatId, scopeOf(ctx).today);
  const among = coming.some((g) => g.id === gathering.id) ? coming : [...coming, gathering];
  const told = (await tellApart(ctx, among)).get(gathering.id);
  const title = !told
    ? plainTitleOf(gathering, ctx.t)
    : told.twin
      ? `${told.title} — ${told.apart}`
      : told.title;
  return ctx.t(key, { title, interpolation: { escapeValue: false } });
}

const gatheringOf = async (ctx: HandlerContext, rest: string) => {
  const id = leadingId(rest);
  return id === undefined ? undefined : findGathering(ctx.deps.db, id);
};

/**
 * The announcement's RSVP menu; or "which gathering?" (its choices name several gatherings).
 */
export async function rsvpListName(
  ctx: HandlerContext,
  rest: string,
  menu: { options: string[] },
): Promise<string | undefined> {
  const ids = new Set(menu.options.map((data) => data.split(':')[1]));
  if (ids.size > 1) return ctx.t('gatherings.list_name_which');
  return nameWith(ctx, await gatheringOf(ctx, rest), 'gatherings.list_name_rsvp');
}

/** "Which gathering?" after /evenement annuler or clore. */
export function whichGatheringListName(ctx: HandlerContext): Promise<string> {
  return Promise.resolve(ctx.t('gatherings.list_name_which'));
}

/** An organiser's `gact:` menu: "which gathering?", or "cancel « Galette »?" (its two answers). */
export async function gatheringActionListName(
  ctx: HandlerContext,
  rest: string,
  menu: { options: string[] },
): Promise<string | undefined> {
  if (!menu.options.some((data) => data.endsWith(`:${CONFIRM_CANCEL}`))) {
    return whichGatheringListName(ctx);
  }
  return nameWith(ctx, await gatheringOf(ctx, rest), 'gatherings.list_name_cancel');
}

/** The tie's choice of a date. */
export async function tieListName(ctx: HandlerContext, rest: string) {
  return nameWith(ctx, await gatheringOf(ctx, rest), 'gatherings.list_name_tie');
}

/** The "J'apporte" menu under /liste, or under an item just added. */
export async function bringListName(ctx: HandlerContext, rest: string) {
  const id = leadingId(rest);
  const item = id === undefined ? undefined : await findItem(ctx.deps.db, id);
  const gathering = item && (await findGathering(ctx.deps.db, item.gatheringId));
  return nameWith(ctx, gathering, 'gatherings.list_name_bring');
}

/** A date poll shown as a numbered list (the terminal). */
export async function datePollName(ctx: HandlerContext, pollId: string) {
  const poll = await findPollByExternalId(ctx.deps.db, ctx.chat.platform, pollId);
  if (!poll?.gatheringId || poll.chatId !== ctx.chat.id) return undefined;
  return nameWith(
    ctx,
    await findGathering(ctx.deps.db, poll.gatheringId),
    'gatherings.list_name_poll',
  );
}

/** Whether a gathering's list is over: the gathering cancelled or past (or not this chat's). */
function isOver(ctx: HandlerContext, gathering: GatheringRow | undefined): boolean {
  if (!gathering || gathering.chatId !== ctx.chat.id) return false;
  const today = scopeOf(ctx).today;
  return gathering.status === 'cancelled' || (gathering.date !== null && gathering.date < today);
}

/** A menu of `<prefix>:<gathering>:…` choices (an announcement, a tie, "cancel it?"). */
export async function isGatheringListOver(ctx: HandlerContext, rest: string): Promise<boolean> {
  return isOver(ctx, await gatheringOf(ctx, rest));
}

/** A bring list's menu (`bring:<item>`). */
export async function isBringListOver(ctx: HandlerContext, rest: string): Promise<boolean> {
  const id = leadingId(rest);
  const item = id === undefined ? undefined : await findItem(ctx.deps.db, id);
  return isOver(ctx, item && (await findGathering(ctx.deps.db, item.gatheringId)));
}

/**
 * "/evenement annuler apero": the command that asks "cancel it?" again, the gathering named
 * as commands name it among those coming; none for "which gathering?" or a gathering over.
 */
export async function askToCancelAgain(
  ctx: HandlerContext,
  rest: string,
): Promise<string | undefined> {
  const gathering = await gatheringOf(ctx, rest);
  if (!gathering || gathering.chatId !== ctx.chat.id || isOver(ctx, gathering)) return undefined;
  const verb = rest.split(':')[1];
  if (verb !== CONFIRM_CANCEL && verb !== 'keep') return undefined;
  // Named among those of its kind, as the command reads them (`/evenement annuler galette2`).
  const coming = await findComingGatherings(
    ctx.deps.db,
    gathering.chatId,
    scopeOf(ctx).today,
    gathering.kind,
  );
  const word =
    gathering.kind === 'fete' && coming.length < 2
      ? ''
      : (keywordsOf(coming).get(gathering.id) ?? '');
  const command = commandOf(gathering.kind, ctx.locale);
  return ctx.t('gatherings.cancel_command', { command, word }).trim();
}
