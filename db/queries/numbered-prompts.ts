import { and, desc, eq, gt, inArray, isNull, lte, not, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { chats, numberedPrompts, polls } from '../schema.ts';

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
 * Remembers a numbered menu. Menus of a chat live side by side, each numbered from 1 (in a
 * private chat, a menu asked while the safety offer is open is numbered after it), and the
 * new one takes the place of those named in `replacing` (the same list shown again); a
 * question replaced by a newer one is kept until its time is over, to say so to whoever
 * answers it (see handlers/numbered-choices.ts). Menus past their time are removed on the way.
 */
export async function saveNumberedPrompt(
  db: DbOrTx,
  prompt: NewNumberedPrompt,
  options: { replacing?: number[]; now: Date },
): Promise<void> {
  const replaced = options.replacing ?? [];
  await db.delete(numberedPrompts).where(
    and(
      eq(numberedPrompts.chatId, prompt.chatId),
      or(
        and(
          lte(numberedPrompts.expiresAt, options.now),
          not(pollOfPrompt(options.now)),
          // A question put to one person is kept past its time for as long again
          // (findExpiredQuestions): the new menu's time is the chat's menu time.
          or(
            isNull(numberedPrompts.audience),
            lte(
              numberedPrompts.expiresAt,
              new Date(2 * options.now.getTime() - prompt.expiresAt.getTime()),
            ),
          ),
        ),
        replaced.length > 0 ? inArray(numberedPrompts.id, replaced) : undefined,
      ),
    ),
  );
  await db.insert(numberedPrompts).values(prompt);
}

/**
 * Closes every question put to one person (their platform ids on one platform), in any chat:
 * on erasure, so that nothing asked before it acts after it.
 */
export async function deleteNumberedPromptsFor(
  db: DbOrTx,
  platform: string,
  audiences: string[],
): Promise<void> {
  if (audiences.length === 0) return;
  await db
    .delete(numberedPrompts)
    .where(
      and(
        inArray(numberedPrompts.audience, audiences),
        inArray(
          numberedPrompts.chatId,
          db.select({ id: chats.id }).from(chats).where(eq(chats.platform, platform)),
        ),
      ),
    );
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

/**
 * The chat's questions put to one person whose time is over, unanswered, for `memoryMs` after
 * it (a late number answering one is told it no longer waits, naming it, rather than taken by
 * another list: handlers/numbered-answer.ts): newest first. No poll: a poll's menu lives with
 * its poll.
 */
export async function findExpiredQuestions(
  db: DbOrTx,
  chatId: number,
  now: Date,
  memoryMs: number,
): Promise<NumberedPrompt[]> {
  return db
    .select()
    .from(numberedPrompts)
    .where(
      and(
        eq(numberedPrompts.chatId, chatId),
        eq(numberedPrompts.kind, 'choices'),
        not(isNull(numberedPrompts.audience)),
        lte(numberedPrompts.expiresAt, now),
        gt(numberedPrompts.expiresAt, new Date(now.getTime() - memoryMs)),
      ),
    )
    .orderBy(desc(numberedPrompts.id))
    .limit(20);
}
