import type { MembershipContext } from '../feature.ts';

/** When added to a group: a short hello, and how admins set the group up. */
export async function introduceBot(ctx: MembershipContext): Promise<void> {
  if (ctx.event.type !== 'bot_added') return;
  await ctx.reply(ctx.t('groups.introduction'));
}
