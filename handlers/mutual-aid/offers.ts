// Offering help on a card (the button, or /jepeuxaider <n>), and a volunteer's answer when
// asked privately.
import {
  findHelpRequest,
  findNotification,
  recordVolunteering,
  saveNotificationAnswer,
  type HelpRequestRow,
} from '../../db/queries/mutual-aid.ts';
import { requireAccess, rowNamed } from '../access.ts';
import { UserFacingError } from '../errors.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import { replyPrivately } from '../private-chat.ts';
import { requireGroupChat } from '../reach.ts';
import { acceptRequest, askVolunteer } from './requests.ts';

/**
 * "I can help" under a card in the group (or /jepeuxaider <n> there): the router (or the
 * command, through the same guard) has checked the request is this group's.
 */
export async function offerFromGroup(ctx: HandlerContext, request: HelpRequestRow): Promise<void> {
  checkOfferable(ctx, request);
  const payload = `helpoffer-${request.id}`;
  if (
    ctx.chat.kind === 'group' &&
    !ctx.person.reachablePrivately &&
    !ctx.messenger.capabilities.canMessageFirst &&
    !ctx.messenger.privateChatLink(payload)
  ) {
    // No link to follow (WhatsApp), and "1" under the card is not something to type again
    // privately: say what to write there.
    await ctx.reply(ctx.t('aid.offer_write_privately', { id: request.id }));
    return;
  }
  await recordVolunteering(ctx.deps.db, request.id, ctx.person.id, ctx.now);
  const group = await requireGroupChat(ctx.deps, request.chatId);
  await replyPrivately(ctx, payload, (t) =>
    Promise.resolve([askVolunteer(request, group, t, ctx.locale)]),
  );
}

/** The same, privately (the deep link, or /jepeuxaider <n>): the person is in its group. */
export async function offerPrivately(ctx: MessageContext, request: HelpRequestRow): Promise<void> {
  checkOfferable(ctx, request);
  await recordVolunteering(ctx.deps.db, request.id, ctx.person.id, ctx.now);
  const group = await requireGroupChat(ctx.deps, request.chatId);
  await ctx.reply(askVolunteer(request, group, ctx.t, ctx.locale));
}

function checkOfferable(ctx: HandlerContext, request: HelpRequestRow): void {
  if (request.requesterId === ctx.person.id) throw new UserFacingError('aid.own_request');
  if (request.status !== 'open') throw new UserFacingError('aid.taken_already');
}

/** /jepeuxaider <n>: the request is checked as the card's button would be. */
export async function offerByNumber(ctx: MessageContext, text: string): Promise<void> {
  const request = await requireAccess(ctx, requestGuard, text, 'command');
  if (ctx.chat.kind === 'group') return offerFromGroup(ctx, request);
  return offerPrivately(ctx, request);
}

/** A help request named by the data (`12`, `12:relay`), with its group. */
export const requestGuard = {
  reaches: (ctx: HandlerContext, rest: string) => rowNamed(ctx.deps, rest, findHelpRequest),
};

export async function accept(ctx: ChoiceContext, request: HelpRequestRow): Promise<void> {
  const outcome = await acceptRequest(ctx.deps, request.id, ctx.person.id);
  await ctx.reply(ctx.t(outcome === 'offered' ? 'aid.accepted' : 'aid.taken_by_someone_else'));
}

export async function decline(ctx: ChoiceContext, request: HelpRequestRow): Promise<void> {
  if (!(await findNotification(ctx.deps.db, request.id, ctx.person.id))) {
    throw new UserFacingError('aid.not_asked');
  }
  await saveNotificationAnswer(ctx.deps.db, request.id, ctx.person.id, 'declined');
  await ctx.reply(ctx.t('aid.declined'));
}
