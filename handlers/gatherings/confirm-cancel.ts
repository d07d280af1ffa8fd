// Cancelling a gathering asks first (December 2026 tryout: `/fete annuler` typed by mistake,
// or meant for a last item or an RSVP, cancelled the fête for the whole building at once, and
// nothing undoes it: the group is told, reminders and the poll go, calendars strike it out).
// The command, or the "which one?" choice, answers with a question naming the gathering and
// what will happen; only its confirm choice cancels. Both choices are `gact:` data, checked by
// the router as any other (this group's gathering, pressed by one of its organisers); the
// confirm also re-checks the gathering is still coming. A second press of the confirm finds
// it cancelled and says so: one cancellation, one announcement (the status change is
// atomic, so two presses at once cannot both pass). Once answered, the question loses its
// buttons where messages can be edited (Telegram): a "Oui, annuler" under a question already
// answered "Non, garder" is not left to be pressed by mistake; where choices are numbers,
// the menu closes.
import type { GatheringRow } from '../../db/queries/gatherings.ts';
import { UserFacingError } from '../errors.ts';
import type { ChoiceContext, HandlerContext } from '../feature.ts';
import { whenLine } from './describe.ts';
import { cancelGathering } from './lifecycle.ts';
import { distinctTitleAmongComing } from './names.ts';
import type { Scope } from './scope.ts';

/** The verbs after `gact:<gathering>:` of the question's two choices. */
export const CONFIRM_CANCEL = 'cancelok';
export const KEEP = 'keep';

/** "Cancel « Galette » (Saturday 26 June, 16 h, salle commune)? The group will be told…" */
export async function askToCancel(
  ctx: HandlerContext,
  scope: Scope,
  gathering: GatheringRow,
): Promise<void> {
  checkCancellable(scope, gathering);
  const data = (verb: string) => `gact:${gathering.id}:${verb}`;
  await ctx.reply({
    kind: 'text',
    text: await cancelQuestion(scope, gathering),
    choices: [
      [
        { label: scope.t('gatherings.cancel_yes_button'), data: data(CONFIRM_CANCEL) },
        { label: scope.t('gatherings.cancel_no_button'), data: data(KEEP) },
      ],
    ],
    // The organiser's question alone, answered once.
    ...('sender' in ctx.event ? { audience: ctx.event.sender.id } : {}),
    once: true,
  });
}

/** The question's text: the gathering as the group reads it, and what cancelling does. */
async function cancelQuestion(scope: Scope, gathering: GatheringRow): Promise<string> {
  const { t } = scope;
  const named = {
    // Named as the group reads it among the others coming ("Galette — sam. 26 juin").
    title: await distinctTitleAmongComing(scope, gathering),
    year: gathering.year,
    when: whenLine(gathering, scope.locale) || t('gatherings.date_pending'),
    interpolation: { escapeValue: false },
  };
  const question = t(
    gathering.kind === 'fete' ? 'gatherings.cancel_confirm_fete' : 'gatherings.cancel_confirm',
    named,
  );
  const effects = t(
    gathering.status === 'scheduled'
      ? 'gatherings.cancel_confirm_effects'
      : 'gatherings.cancel_confirm_effects_poll',
  );
  return `${question}\n${effects}`;
}

/**
 * The answered question, shown again without its buttons (where messages can be edited and
 * the answer came from the question's own message). Best effort: a failed edit (the message
 * too old, deleted) leaves the buttons, whose presses are checked anyway.
 */
async function closeQuestion(ctx: ChoiceContext, text: string): Promise<void> {
  const messageId = ctx.event.messageId;
  if (!ctx.messenger.capabilities.editMessages || !messageId) return;
  try {
    await ctx.messenger.edit(ctx.event.chat.id, messageId, { kind: 'text', text });
  } catch (error) {
    ctx.deps.logger.warn({ err: error, chat: ctx.event.chat.id }, 'cancel question not closed');
  }
}

/** The confirm choice: cancels, if the gathering is still to come. */
export async function confirmCancel(
  ctx: ChoiceContext,
  scope: Scope,
  gathering: GatheringRow,
): Promise<void> {
  checkCancellable(scope, gathering);
  const question = await cancelQuestion(scope, gathering);
  await cancelGathering(scope, gathering);
  await closeQuestion(ctx, question);
}

/** "No, keep it": nothing changes, and the group, which saw the question, reads so. */
export async function keepGathering(
  ctx: ChoiceContext,
  scope: Scope,
  gathering: GatheringRow,
): Promise<void> {
  checkCancellable(scope, gathering);
  await closeQuestion(ctx, await cancelQuestion(scope, gathering));
  await ctx.reply(
    scope.t('gatherings.cancel_kept', {
      title: await distinctTitleAmongComing(scope, gathering),
      interpolation: { escapeValue: false },
    }),
  );
}

/** Already cancelled (a second press), or past (an old question, or forged data). */
function checkCancellable(scope: Scope, gathering: GatheringRow): void {
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  if (gathering.date !== null && gathering.date < scope.today) {
    throw new UserFacingError('gatherings.already_held');
  }
}
