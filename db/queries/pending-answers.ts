// The question a private chat is waiting an answer to ("describe your need in one message"):
// the next free text in that chat is read as the answer, until it expires.
import { and, eq, gt, like } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { pendingAnswers } from '../schema.ts';

export type PendingAnswerRow = typeof pendingAnswers.$inferSelect;

export async function savePendingAnswer(
  db: DbOrTx,
  pending: Omit<PendingAnswerRow, 'data'> & { data?: Record<string, unknown> },
): Promise<void> {
  const values = { ...pending, data: pending.data ?? {} };
  await db
    .insert(pendingAnswers)
    .values(values)
    .onConflictDoUpdate({ target: pendingAnswers.chatId, set: values });
}

/**
 * Takes the chat's live pending question if it is one of the caller's (its kind starts
 * with `kindPrefix`, e.g. `aid_`): it is answered once, and others' questions stay.
 */
export async function takePendingAnswer(
  db: DbOrTx,
  chatId: number,
  now: Date,
  kindPrefix: string,
): Promise<PendingAnswerRow | undefined> {
  const [row] = await db
    .delete(pendingAnswers)
    .where(
      and(eq(pendingAnswers.chatId, chatId), gt(pendingAnswers.expiresAt, now), ofKind(kindPrefix)),
    )
    .returning();
  return row;
}

/** The chat's live pending question if it is one of the caller's, left in place. */
export async function findPendingAnswer(
  db: DbOrTx,
  chatId: number,
  now: Date,
  kindPrefix: string,
): Promise<PendingAnswerRow | undefined> {
  const [row] = await db
    .select()
    .from(pendingAnswers)
    .where(
      and(eq(pendingAnswers.chatId, chatId), gt(pendingAnswers.expiresAt, now), ofKind(kindPrefix)),
    );
  return row;
}

export async function clearPendingAnswer(db: DbOrTx, chatId: number): Promise<void> {
  await db.delete(pendingAnswers).where(eq(pendingAnswers.chatId, chatId));
}

/** Kinds starting with the prefix (`aid_` is not a pattern: `_` matches only itself). */
function ofKind(kindPrefix: string) {
  return like(pendingAnswers.kind, `${kindPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
