// A referent's roster: listing their neighbours, renewing consents for a new season,
// removing a neighbour.
import { addDays } from '../calendar/french-dates.ts';
import { formatDayMonthYear } from '../calendar/format-date.ts';
import { findWatchedOf, updateWatched, type WatchedRow } from '../../db/queries/watch.ts';
import { UserFacingError } from '../errors.ts';
import type { ChoiceContext, MessageContext } from '../feature.ts';
import { requireGroupChat } from '../reach.ts';
import { todayIn } from '../zoned-time.ts';
import { seasonEnd } from './season.ts';
import { ownWatched } from './consent.ts';
import { tellCheckInsStopped } from './withdrawn.ts';

export async function listWatched(ctx: MessageContext): Promise<void> {
  const mine = await findWatchedOf(ctx.deps.db, ctx.person.id);
  if (mine.length === 0) {
    await ctx.reply(ctx.t('watch.list_empty'));
    return;
  }
  await ctx.reply({
    kind: 'text',
    text: [
      ctx.t('watch.list_title'),
      ...mine.map((w) =>
        ctx.t(w.status === 'active' ? 'watch.list_line' : 'watch.list_line_pending', {
          name: w.name,
          location: w.location ?? '—',
          until: formatDayMonthYear(w.expiresOn, ctx.locale),
        }),
      ),
    ].join('\n'),
    choices: mine.map((w) => [
      { label: ctx.t('watch.remove_button', { name: w.name }), data: `watch:remove:${w.id}` },
    ]),
  });
}

export async function renew(ctx: MessageContext): Promise<void> {
  const mine = (await findWatchedOf(ctx.deps.db, ctx.person.id)).filter(
    (w) => w.status === 'active',
  );
  if (mine.length === 0) throw new UserFacingError('watch.list_empty');
  await ctx.reply({
    kind: 'text',
    text: ctx.t('watch.renew_confirm', { count: mine.length }),
    choices: [[{ label: ctx.t('watch.confirm_consent_button'), data: 'watch:renewok' }]],
  });
}

export async function renewConfirmed(ctx: ChoiceContext): Promise<void> {
  const mine = (await findWatchedOf(ctx.deps.db, ctx.person.id)).filter(
    (w) => w.status === 'active',
  );
  for (const w of mine) {
    const chat = await requireGroupChat(ctx.deps, w.chatId);
    const today = todayIn(ctx.now, chat.timezone);
    // Renewing is a new consent, recorded as such.
    await updateWatched(ctx.deps.db, w.id, {
      expiresOn: seasonEnd(w.expiresOn < today ? today : addDays(w.expiresOn, 1)),
      consentAt: ctx.now,
      consentRecordedBy: ctx.person.id,
    });
  }
  await ctx.reply(ctx.t('watch.renewed', { count: mine.length }));
}

export async function remove(ctx: ChoiceContext, row: WatchedRow): Promise<void> {
  const watched = ownWatched(ctx, row);
  await updateWatched(ctx.deps.db, watched.id, { status: 'removed' });
  await ctx.reply(ctx.t('watch.removed', { name: watched.name }));
  // A check-in about them may be on its way up the ladder: those it reached stand down.
  if (watched.status === 'active') {
    await tellCheckInsStopped(ctx.deps, watched, 'watch.stopped_removed', {
      personId: ctx.person.id,
      name: ctx.person.displayName,
    });
  }
}
