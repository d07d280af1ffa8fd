// Which group a private flow is about: a person in several groups chooses one.
import { findGroupsOf } from '../access.ts';
import { UserFacingError } from '../errors.ts';
import type { HandlerContext } from '../feature.ts';

/**
 * The group a flow is about: the group it runs in, else the person's only group; with
 * several, they choose (the choice names the group; the router checks they are in it).
 */
export async function whichGroup(
  ctx: HandlerContext,
  next: 'vgroup' | 'agroup' | 'bgroup',
): Promise<number | undefined> {
  if (ctx.chat.kind === 'group') return ctx.chat.id;
  // A person not yet seen in any group: the platform is asked (access.ts).
  const groups = await findGroupsOf(ctx);
  if (groups.length === 0) throw new UserFacingError('aid.no_group');
  if (groups.length === 1) return groups[0]!.id;
  await ctx.reply({
    kind: 'text',
    text: ctx.t('aid.which_group'),
    choices: groups.map((g) => [{ label: g.name || '?', data: `aid:${next}:${g.id}` }]),
  });
  return undefined;
}
