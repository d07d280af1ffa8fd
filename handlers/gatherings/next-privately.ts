// "C'est quand la fête ?" asked in a private chat (a newcomer who writes to the bot before
// the group, in any of its languages): the next gathering of each of the person's groups, in
// the reader's language. Only what the group itself shows (title, date, time, place); the
// answers (I come, who brings what) stay in the group, where everyone sees them.
import { findChatById } from '../../db/queries/chats.ts';
import { findGroupsOf } from '../access.ts';
import { UserFacingError } from '../errors.ts';
import { escapeHtml } from '../events.ts';
import type { MessageContext } from '../feature.ts';
import { groupOf } from '../reach.ts';
import { whenLine } from './describe.ts';
import { titleOf } from './names.ts';
import { gatheringsAskedAbout } from './rsvp.ts';
import { scopeOf } from './scope.ts';

/** Groups told about, at most (a person is rarely in more). */
const MAX_GROUPS = 4;
/** Gatherings told per group, at most (the next ones, in date order). */
const MAX_PER_GROUP = 3;

export async function showNextPrivately(ctx: MessageContext, gatheringWord: string): Promise<void> {
  const { t, locale } = ctx;
  const groups = (await findGroupsOf(ctx)).slice(0, MAX_GROUPS);
  if (groups.length === 0) throw new UserFacingError('aid.no_group');
  const lines: string[] = [];
  for (const { id } of groups) {
    const group = await findChatById(ctx.deps.db, id);
    if (!group) continue;
    let asked: Awaited<ReturnType<typeof gatheringsAskedAbout>>['asked'] = [];
    try {
      asked = (await gatheringsAskedAbout(scopeOf(ctx, group), gatheringWord)).asked;
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
    }
    // Its name escaped here: the title and the line of when are markup already.
    const named = groupOf(group);
    if (asked.length === 0) lines.push(t('gatherings.next_private_none', named));
    // Each one asked about (two galettes coming: both), as the group's own answer does.
    for (const next of asked.slice(0, MAX_PER_GROUP)) {
      lines.push(
        t('gatherings.next_private', {
          ...('group' in named ? { group: escapeHtml(named.group) } : named),
          title: titleOf(next, t),
          when: next.date ? whenLine(next, locale) : t('gatherings.next_private_undated'),
          interpolation: { escapeValue: false },
        }),
      );
    }
  }
  await ctx.reply([...lines, t('gatherings.next_private_hint')].join('\n\n'));
}
