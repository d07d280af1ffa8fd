// RSVPs: /jeviens [+n], /peutetre, /jenepeuxpas and the buttons under the announcement.
import {
  findComingGatherings,
  releaseClaims,
  saveRsvp,
  type GatheringRow,
  type RsvpAnswer,
} from '../../db/queries/gatherings.ts';
import { UserFacingError } from '../errors.ts';
import { escapeHtml } from '../events.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import { titleOf } from './describe.ts';
import { refreshSummary } from './lifecycle.ts';
import { scopeOf, type Scope } from './scope.ts';

export const MAX_GUESTS = 20;

/** The gathering RSVPs and the list are about: the next one with a date, else the next. */
export async function nextGathering(scope: Scope): Promise<GatheringRow> {
  const coming = await findComingGatherings(scope.deps.db, scope.chat.id, scope.today);
  const next = coming.find((g) => g.status === 'scheduled') ?? coming[0];
  if (!next) throw new UserFacingError('gatherings.no_gathering');
  return next;
}

export async function rsvp(
  ctx: HandlerContext,
  gathering: GatheringRow,
  answer: RsvpAnswer,
  guests: number,
): Promise<void> {
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  if (gathering.status !== 'scheduled') throw new UserFacingError('gatherings.date_not_chosen');
  const { deps, t, person } = ctx;
  await saveRsvp(deps.db, { gatheringId: gathering.id, personId: person.id, answer, guests });
  const released = answer === 'no' ? await releaseClaims(deps.db, gathering.id, person.id) : [];
  const pressed = ctx.event.type === 'choice' && ctx.event.callbackId !== undefined;
  if (!pressed || released.length > 0) {
    const lines = [
      t(
        answer === 'yes' && guests > 0
          ? 'gatherings.rsvp_noted_guests'
          : `gatherings.rsvp_noted_${answer}`,
        {
          name: escapeHtml(person.displayName),
          count: guests,
          title: titleOf(gathering, t),
          interpolation: { escapeValue: false },
        },
      ),
    ];
    if (released.length > 0) {
      lines.push(
        t('gatherings.claims_released', {
          items: released.map(escapeHtml).join(', '),
          interpolation: { escapeValue: false },
        }),
      );
    }
    await ctx.reply(lines.join('\n'));
  }
  await refreshSummary(scopeOf(ctx), gathering);
}

export function guestsOf(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  const match = /^\+?\s*(\d{1,3})\b/.exec(trimmed);
  const guests = Number(match?.[1] ?? NaN);
  if (!Number.isInteger(guests) || guests > MAX_GUESTS) {
    throw new UserFacingError('gatherings.bad_guests', { max: MAX_GUESTS });
  }
  return guests;
}

export const rsvpCommand = (answer: RsvpAnswer) => async (ctx: MessageContext) => {
  const guests = answer === 'yes' ? guestsOf(ctx.event.command?.args ?? '') : 0;
  await rsvp(ctx, await nextGathering(scopeOf(ctx)), answer, guests);
};

/** `rsvp:<gathering>:<answer>[:<guests>]`, the gathering checked by the router. */
export async function rsvpChoice(
  ctx: ChoiceContext,
  gathering: GatheringRow,
  rest: string,
): Promise<void> {
  const [, answer = '', guests = '0'] = rest.split(':');
  if (answer !== 'yes' && answer !== 'maybe' && answer !== 'no') {
    throw new UserFacingError('router.stale_choice');
  }
  const count = /^\d{1,2}$/.test(guests) ? Number(guests) : NaN;
  if (!(count <= MAX_GUESTS)) throw new UserFacingError('router.stale_choice');
  await rsvp(ctx, gathering, answer, count);
}
