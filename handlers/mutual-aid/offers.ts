// Offering help on a card (the button, or /jepeuxaider <n>), and a volunteer's answer when
// asked privately.
import {
  findHelpRequest,
  findMemberGroups,
  findNotification,
  recordVolunteering,
  saveNotificationAnswer,
  type HelpRequestRow,
} from '../../db/queries/mutual-aid.ts';
import { UserFacingError } from '../errors.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import { replyPrivately } from '../private-chat.ts';
import { groupName, requireGroupChat } from '../reach.ts';
import { acceptRequest, askVolunteer } from './requests.ts';

export async function offerFromGroup(ctx: HandlerContext, requestId: number): Promise<void> {
  const request = await checkOfferable(ctx, requestId);
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
    Promise.resolve([askVolunteer(request, groupName(group, t), t, ctx.locale)]),
  );
}

export async function offerPrivately(ctx: MessageContext, requestId: number): Promise<void> {
  const request = await checkOfferable(ctx, requestId);
  const groups = await findMemberGroups(ctx.deps.db, ctx.person.id);
  if (!groups.some((g) => g.id === request.chatId)) throw new UserFacingError('aid.not_member');
  await recordVolunteering(ctx.deps.db, request.id, ctx.person.id, ctx.now);
  const group = await requireGroupChat(ctx.deps, request.chatId);
  await ctx.reply(askVolunteer(request, groupName(group, ctx.t), ctx.t, ctx.locale));
}

async function checkOfferable(ctx: HandlerContext, requestId: number): Promise<HelpRequestRow> {
  const request = Number.isSafeInteger(requestId)
    ? await findHelpRequest(ctx.deps.db, requestId)
    : undefined;
  if (!request || (ctx.chat.kind === 'group' && request.chatId !== ctx.chat.id)) {
    throw new UserFacingError('router.stale_choice');
  }
  if (request.requesterId === ctx.person.id) throw new UserFacingError('aid.own_request');
  if (request.status !== 'open') throw new UserFacingError('aid.taken_already');
  return request;
}

export async function accept(ctx: ChoiceContext, rest: string): Promise<void> {
  if (ctx.chat.kind !== 'private') throw new UserFacingError('router.stale_choice');
  const outcome = await acceptRequest(ctx.deps, Number(rest), ctx.person.id);
  await ctx.reply(ctx.t(outcome === 'offered' ? 'aid.accepted' : 'aid.taken_by_someone_else'));
}

export async function decline(ctx: ChoiceContext, rest: string): Promise<void> {
  const requestId = Number(rest);
  if (!(await findNotification(ctx.deps.db, requestId, ctx.person.id))) {
    throw new UserFacingError('aid.not_asked');
  }
  await saveNotificationAnswer(ctx.deps.db, requestId, ctx.person.id, 'declined');
  await ctx.reply(ctx.t('aid.declined'));
}
