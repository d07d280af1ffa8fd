import type { MembershipEvent } from '../events.ts';
import type { HandlerContext } from '../feature.ts';

/** When added to a group: a short hello, and how admins set the group up. */
export async function introduceBot(ctx: HandlerContext<MembershipEvent>): Promise<void> {
  if (ctx.event.type !== 'bot_added') return;
  await ctx.reply(ctx.t('groups.introduction'));
}
