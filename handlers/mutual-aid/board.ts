// /panneau (the board as copyable text), /stats (what the group's mutual help is worth) and
// the weekly anonymous summary of needs nobody took.
import { formatNumber, pair, type Locale, type T } from '../i18n.ts';
import {
  countServices,
  countVolunteersByCategory,
  findChatsWithOpenRequests,
  findOpenRequests,
  type HelpRequestRow,
} from '../../db/queries/mutual-aid.ts';
import { enqueueJob } from '../../db/queries/jobs.ts';
import { escapeHtml } from '../events.ts';
import type { ChatRow } from '../../db/queries/chats.ts';
import type { HandlerContext, JobContext, MessageContext } from '../feature.ts';
import { inPages } from '../jobs/in-pages.ts';
import { localDateTimeToUtc, todayIn } from '../zoned-time.ts';
import { helpCategories, type HelpCategory } from './categories.ts';
import { groupLine, groupOf, requireGroupChat } from '../reach.ts';
import { describeWhen } from './requests.ts';
import { whichGroup } from './which-group.ts';

const SUMMARY_SPACING_MS = 3_000;

export async function board(ctx: MessageContext): Promise<void> {
  const chatId = await whichGroup(ctx, 'bgroup');
  if (chatId !== undefined) await showBoard(ctx, await requireGroupChat(ctx.deps, chatId));
}

/** The board of a group the person is in (checked by the caller, or by the router). */
export async function showBoard(ctx: HandlerContext, chat: ChatRow): Promise<void> {
  const { t, locale } = ctx;
  const open = await findOpenRequests(ctx.deps.db, chat.id);
  const offers = await countVolunteersByCategory(
    ctx.deps.db,
    chat.id,
    todayIn(ctx.now, chat.timezone),
  );
  const needs = open.map(
    (r) =>
      `• ${pair(t(`aid.categories.${r.category}`), needAndWhen(r, locale, t), t)} — /jepeuxaider ${r.id}`,
  );
  const offered = helpCategories
    .filter((c) => (offers[c] ?? 0) > 0)
    .map(
      (c) =>
        `• ${pair(t(`aid.categories.${c}`), t('aid.neighbours', { count: offers[c] ?? 0 }), t)}`,
    );
  await ctx.reply(
    [
      t('aid.board_title', groupOf(chat)),
      '',
      t('aid.board_needs'),
      ...(needs.length ? needs : [t('aid.board_no_needs')]),
      '',
      t('aid.board_offers'),
      ...(offered.length ? offered : [t('aid.board_no_offers')]),
      '',
      t('aid.board_hint'),
    ].join('\n'),
  );
}

export async function stats(ctx: MessageContext): Promise<void> {
  const year = todayIn(ctx.now, ctx.chat.timezone).slice(0, 4);
  const since = localDateTimeToUtc(`${year}-01-01`, '00:00', ctx.chat.timezone);
  const rows = await countServices(ctx.deps.db, ctx.chat.id, since);
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  if (total === 0) {
    await ctx.reply(ctx.t('aid.stats_none'));
    return;
  }
  const value = rows.reduce(
    (sum, r) =>
      sum + r.count * (ctx.deps.config.helpServiceValues[r.category as HelpCategory] ?? 0),
    0,
  );
  const euros = formatNumber(value, ctx.locale);
  const lines = rows
    .sort((a, b) => b.count - a.count)
    .map((r) => `• ${pair(ctx.t(`aid.categories.${r.category}`), String(r.count), ctx.t)}`);
  await ctx.reply(
    [ctx.t('aid.stats', { count: total, euros }), '', ...lines, '', ctx.t('aid.stats_note')].join(
      '\n',
    ),
  );
}

/** Mondays: each group with needs nobody took gets a short anonymous summary. */
export async function planSummaries(_payload: unknown, { deps, now }: JobContext): Promise<void> {
  let planned = 0;
  const week = Math.floor(now.getTime() / (7 * 86_400_000));
  const chatIds = inPages(
    (after) => findChatsWithOpenRequests(deps.db, after, 500),
    (chatId) => chatId,
  );
  for await (const chatId of chatIds) {
    const created = await enqueueJob(deps.db, {
      kind: 'aidSendSummary',
      dedupeKey: `aid-summary:${chatId}:${week}`,
      runAt: new Date(now.getTime() + planned * SUMMARY_SPACING_MS),
      payload: { chatId },
      maxLatenessSeconds: 12 * 3600,
    });
    if (created) planned++;
  }
  deps.logger.info({ planned }, 'weekly help summaries planned');
}

export async function sendSummary(
  payload: Record<string, unknown>,
  { deps }: JobContext,
): Promise<void> {
  const group = await groupLine(deps, Number(payload.chatId));
  if (!group) return;
  const open = (await findOpenRequests(deps.db, group.chat.id)).filter((r) => r.status === 'open');
  if (open.length === 0) return;
  const { t, locale } = group;
  const lines = open.map(
    (r) => `• ${pair(t(`aid.categories.${r.category}`), needAndWhen(r, locale, t), t)}`,
  );
  await group.messenger.send(group.chat.externalId, {
    kind: 'text',
    text: [
      t('aid.summary_title', { count: open.length }),
      '',
      ...lines,
      '',
      t(
        group.messenger.capabilities.inlineButtons
          ? 'aid.summary_hint'
          : 'aid.summary_hint_numbered',
      ),
    ].join('\n'),
    choices: open.slice(0, 6).map((r) => [
      {
        label: `${t('aid.card_button')} — ${t(`aid.categories.${r.category}`)}`,
        data: `aid:offer:${r.id}`,
      },
    ]),
  });
}

/** A need's words and when, or only when (a need may be its category alone). */
function needAndWhen(request: HelpRequestRow, locale: Locale, t: T): string {
  const when = describeWhen(request, locale, t);
  return request.description === '' ? when : `${escapeHtml(request.description)} (${when})`;
}
