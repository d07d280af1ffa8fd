// The invitation: the gathering's kit poster and flyer, with its date, time and place.
import { UserFacingError } from '../errors.ts';
import type { KitsOptions } from '../kits/index.ts';
import type { ChoiceContext } from '../feature.ts';
import { deliverKit } from '../kits/deliver-kit.ts';
import { gatheringInChat, invitationKit } from './lifecycle.ts';

export async function invite(kits: KitsOptions, ctx: ChoiceContext, rest: string): Promise<void> {
  const gathering = await gatheringInChat(ctx.deps, Number(rest), ctx.chat.id);
  const kitId = invitationKit(gathering);
  if (gathering.status !== 'scheduled' || !gathering.date || !kitId) {
    throw new UserFacingError('gatherings.date_not_chosen');
  }
  await deliverKit(ctx, {
    ...kits,
    id: kitId,
    details: {
      date: gathering.date,
      ...(gathering.time ? { time: gathering.time } : {}),
      ...(gathering.place ? { place: gathering.place } : {}),
    },
    documents: ['poster', 'flyer'],
    withSummary: false,
  });
}
