// A neighbour who would like someone to check on them during heat and cold alerts asks with
// /veiller (in the group or privately: the question goes privately either way). On a yes,
// the group's referents are told privately (else its organisers), with the neighbour's name
// only; a referent adds them with the usual /veiller, and the neighbour confirms their own
// consent, as always. At most once a day per neighbour and group (a durable job keyed so).
import { findPerson } from '../../db/queries/people.ts';
import { findMemberGroups } from '../../db/queries/mutual-aid.ts';
import { enqueueJob } from '../../db/queries/jobs.ts';
import { findActiveReferents, findWatchedRecordsOf } from '../../db/queries/watch.ts';
import { findGroupsOf } from '../access.ts';
import { UserFacingError } from '../errors.ts';
import type { OutboundMessage } from '../events.ts';
import type { ChatRow } from '../../db/queries/chats.ts';
import type { ChoiceContext, HandlerContext, JobContext } from '../feature.ts';
import type { T } from '../i18n.ts';
import { groupInSentence, groupLine, groupOf, sendPrivately } from '../reach.ts';
import { todayIn } from '../zoned-time.ts';
import { organisersOf } from './ladder-people.ts';

const MAX_GROUPS = 8;

type GroupNamed = { id: number; name: string };

/** The question: tell the referents of which group? */
export function wishOffer(t: T, groups: GroupNamed[]): OutboundMessage {
  return {
    kind: 'text',
    text: t('watch.wish_offer'),
    choices: groups.slice(0, MAX_GROUPS).map((group) => [
      {
        label:
          groups.length === 1
            ? t('watch.wish_yes')
            : t('watch.wish_yes_group', groupInSentence(group.name.slice(0, 40))),
        data: `watch:wish:${group.id}`,
      },
    ]),
  };
}

/** /veiller from someone who is not a referent, privately: for themselves. */
export async function offerWishPrivately(ctx: HandlerContext): Promise<void> {
  const groups = await findGroupsOf(ctx);
  if (groups.length === 0) throw new UserFacingError('watch.wish_no_group');
  const watched = new Set(
    (await findWatchedRecordsOf(ctx.deps.db, ctx.person.id)).map((w) => w.chatId),
  );
  const open = groups.filter((g) => !watched.has(g.id));
  if (open.length === 0) throw new UserFacingError('watch.wish_already');
  await ctx.reply(wishOffer(ctx.t, open));
}

/** The deep link of a /veiller typed in a group, opened privately. */
export async function offerWishFor(ctx: HandlerContext, group: ChatRow): Promise<void> {
  const records = await findWatchedRecordsOf(ctx.deps.db, ctx.person.id, group.id);
  if (records.length > 0) throw new UserFacingError('watch.wish_already');
  await ctx.reply(wishOffer(ctx.t, [{ id: group.id, name: group.name ?? group.title ?? '' }]));
}

/** `watch:wish:<group>`: the router checked the presser is a member of that group. */
export async function sendWish(ctx: ChoiceContext, group: ChatRow): Promise<void> {
  const records = await findWatchedRecordsOf(ctx.deps.db, ctx.person.id, group.id);
  if (records.length > 0) throw new UserFacingError('watch.wish_already');
  const created = await enqueueJob(ctx.deps.db, {
    kind: 'watchWish',
    dedupeKey: `watch:wish:${group.id}:${ctx.person.id}:${todayIn(ctx.now, group.timezone)}`,
    runAt: ctx.now,
    payload: { chatId: group.id, personId: ctx.person.id },
    maxLatenessSeconds: 24 * 3600,
  });
  await ctx.reply(ctx.t(created ? 'watch.wish_sent' : 'watch.wish_sent_already'));
}

/** The job: the referents, else the organisers, else the neighbour is told nobody could be. */
export async function runWish(payload: Record<string, unknown>, { deps }: JobContext) {
  const group = await groupLine(deps, Number(payload.chatId));
  const person = await findPerson(deps.db, Number(payload.personId));
  if (!group || !person) return;
  // Still a member, not watched meanwhile.
  const member = (await findMemberGroups(deps.db, person.id)).some((g) => g.id === group.chat.id);
  if (!member || (await findWatchedRecordsOf(deps.db, person.id, group.chat.id)).length > 0) {
    return;
  }
  const named = { name: person.displayName, ...groupOf(group.chat) };
  let told = 0;
  for (const { referent } of await findActiveReferents(deps.db, group.chat.id)) {
    if (referent.personId === person.id) continue;
    const sent = await sendPrivately(deps, referent.personId, (t) => ({
      kind: 'text',
      text: t('watch.wish_to_referent', named),
      choices: [
        [
          {
            label: t('watch.wish_add_button', { name: person.displayName }),
            data: `watch:group:${group.chat.id}`,
          },
        ],
      ],
    }));
    if (sent) told++;
  }
  if (told === 0) {
    for (const organiser of await organisersOf(deps, group.chat.id)) {
      if (organiser === person.id) continue;
      if (await sendPrivately(deps, organiser, (t) => t('watch.wish_to_organisers', named))) {
        told++;
      }
    }
  }
  deps.logger.info({ chatId: group.chat.id, told }, 'watch: a neighbour asked to be checked on');
  // Never let them think someone will come when nobody could be told.
  if (told === 0) await sendPrivately(deps, person.id, (t) => t('watch.wish_nobody'));
}
