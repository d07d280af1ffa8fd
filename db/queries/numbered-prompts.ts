import { and, desc, eq, gt, inArray, isNull, lte, not, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { numberedPrompts, polls } from '../schema.ts';

export type NumberedPrompt = typeof numberedPrompts.$inferSelect & {
  /**
   * A poll's menu whose poll is closed: kept a while so that a late number is told the poll
   * is closed, but its numbers are free for new menus.
   */
  pollClosed?: boolean;
};
export type NewNumberedPrompt = typeof numberedPrompts.$inferInsert;

/**
 * How long a closed poll's numbers are still read as late votes (answered "the poll is
 * closed", with the date chosen), rather than as numbers of no menu.
 */
export const CLOSED_POLL_MEMORY_MS = 24 * 3600_000;

/**
 * A poll's menu lives with its poll, not for the time of an ordinary menu: it waits for votes
 * until the poll closes (days), then is remembered for CLOSED_POLL_MEMORY_MS as closed.
 */
const pollOfPrompt = (now: Date) =>
  sql`exists (select 1 from ${polls} where ${polls.chatId} = ${numberedPrompts.chatId}
    and ${polls.externalId} = ${numberedPrompts.pollId}
    and (${polls.closedAt} is null or ${polls.closedAt} > ${new Date(now.getTime() - CLOSED_POLL_MEMORY_MS).toISOString()}::timestamptz))`;

/**
 * Remembers a numbered menu. In a private chat the latest menu replaces the others (it is a
 * conversation: the person answers the last question); in a group, menus live side by side,
 * each numbered from 1, and the new one replaces only the menus named in `replacing`
 * (see handlers/numbered-choices.ts). A private chat's new menu leaves open those named in
 * `keeping` (the safety offer). Menus past their time are removed on the way.
 */
export async function saveNumberedPrompt(
  db: DbOrTx,
  prompt: NewNumberedPrompt,
  options: { replaceOthers: boolean; replacing?: number[]; keeping?: number[]; now: Date },
): Promise<void> {
  const replaced = options.replacing ?? [];
  const kept = options.keeping ?? [];
  await db
    .delete(numberedPrompts)
    .where(
      and(
        eq(numberedPrompts.chatId, prompt.chatId),
        options.replaceOthers
          ? kept.length > 0
            ? notInArray(numberedPrompts.id, kept)
            : undefined
          : or(
              and(lte(numberedPrompts.expiresAt, options.now), not(pollOfPrompt(options.now))),
              replaced.length > 0 ? inArray(numberedPrompts.id, replaced) : undefined,
            ),
      ),
    );
  await db.insert(numberedPrompts).values(prompt);
}

export async function deleteNumberedPrompt(db: DbOrTx, id: number): Promise<void> {
  await db.delete(numberedPrompts).where(eq(numberedPrompts.id, id));
}

/** The chat's menus still open (and polls recently closed, marked so), newest first. */
export async function findLiveNumberedPrompts(
  db: DbOrTx,
  chatId: number,
  now: Date,
): Promise<NumberedPrompt[]> {
  const rows = await db
    .select({ prompt: numberedPrompts, pollClosedAt: polls.closedAt })
    .from(numberedPrompts)
    .leftJoin(
      polls,
      and(eq(polls.chatId, numberedPrompts.chatId), eq(polls.externalId, numberedPrompts.pollId)),
    )
    .where(
      and(
        eq(numberedPrompts.chatId, chatId),
        or(and(gt(numberedPrompts.expiresAt, now), isNull(polls.closedAt)), pollOfPrompt(now)),
      ),
    )
    .orderBy(desc(numberedPrompts.id));
  return rows.map((r) => ({ ...r.prompt, pollClosed: r.pollClosedAt !== null }));
}
