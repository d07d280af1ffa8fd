// The invitation: the gathering's kit poster and flyer, with its date, time and place.
import { UserFacingError } from '../errors.ts';
import type { KitsOptions } from '../kits/index.ts';
import type { ChoiceContext } from '../feature.ts';
import { deliverKit } from '../kits/deliver-kit.ts';
import type { GatheringRow } from '../../db/queries/gatherings.ts';
import { invitationKit } from './lifecycle.ts';

export async function invite(
  kits: KitsOptions,
  ctx: ChoiceContext,
  gathering: GatheringRow,
): Promise<void> {
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
