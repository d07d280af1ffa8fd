// Leaving a group frees what the person was part of there: their offer, the needs they
// took, their own needs.
import { findActiveRequestsOf, findVolunteer, saveVolunteer } from '../../db/queries/mutual-aid.ts';
import type { MembershipContext } from '../feature.ts';
import { freeTakenRequests, withdrawRequest } from './requests.ts';

export async function onMembership(ctx: MembershipContext): Promise<void> {
  if (ctx.event.type !== 'member_left' || !ctx.person) return;
  const offer = await findVolunteer(ctx.deps.db, ctx.chat.id, ctx.person.id);
  if (offer) await saveVolunteer(ctx.deps.db, { ...offer, active: false });
  await freeTakenRequests(ctx.deps, ctx.person.id, ctx.now, ctx.chat.id);
  for (const request of await findActiveRequestsOf(ctx.deps.db, ctx.person.id)) {
    if (request.chatId === ctx.chat.id) await withdrawRequest(ctx.deps, request, ctx.now);
  }
}
