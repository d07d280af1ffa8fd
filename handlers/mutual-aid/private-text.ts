// Text in private: the answer to a pending question (availability, a need's description),
// else a message relayed between a requester and their volunteer.
import { findRelaysOf } from '../../db/queries/mutual-aid.ts';
import { findPendingAnswer, takePendingAnswer } from '../../db/queries/pending-answers.ts';
import type { MessageContext } from '../feature.ts';
import { requireMembership } from '../access.ts';
import { writtenLanguageOf } from '../language.ts';
import { requireGroupChat, sendPrivately } from '../reach.ts';
import { saveAvailability } from './volunteers.ts';
import { continueDraft, makeDraft } from './needs.ts';

export async function onText(ctx: MessageContext): Promise<boolean> {
  if (ctx.chat.kind !== 'private') return false;
  const pending = await takePendingAnswer(ctx.deps.db, ctx.chat.id, ctx.now, 'aid_');
  if (pending?.personId === ctx.person.id) {
    // Asked a while ago: the person may have left the group since.
    const group = await requireGroupChat(ctx.deps, Number(pending.data.chatId));
    await requireMembership(ctx, group, 'answer');
    if (pending.kind === 'aid_availability') {
      await saveAvailability(ctx, group, ctx.event.text.trim());
      return true;
    }
    if (pending.kind === 'aid_description') {
      const made = await makeDraft(ctx, group.id, ctx.event.text);
      // Its preview in the language the need was written in (as plain words are answered).
      await continueDraft(ctx.deps, made.draft, made.withheld, writtenLanguageOf(ctx));
      return true;
    }
  }
  // Another question waits here (a referent adding a neighbour to watch over): the answer is
  // for it, and must never be relayed to a volunteer.
  if (await findPendingAnswer(ctx.deps.db, ctx.chat.id, ctx.now, '')) return false;
  const [relay] = await findRelaysOf(ctx.deps.db, ctx.person.id);
  if (!relay?.volunteerId) return false;
  const other = relay.requesterId === ctx.person.id ? relay.volunteerId : relay.requesterId;
  const text = ctx.event.text.trim();
  const sent = await sendPrivately(ctx.deps, other, (t) =>
    t('aid.relayed', { name: ctx.person.displayName, text }),
  );
  await ctx.reply(ctx.t(sent ? 'aid.relay_sent' : 'aid.relay_failed'));
  return true;
}
