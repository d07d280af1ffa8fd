import { and, desc, eq, gt, inArray, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { numberedPrompts } from '../schema.ts';

export type NumberedPrompt = typeof numberedPrompts.$inferSelect;
export type NewNumberedPrompt = typeof numberedPrompts.$inferInsert;

/**
 * Remembers a numbered menu. In a private chat the latest menu replaces the others (it is a
 * conversation: the person answers the last question); in a group, menus live side by side,
 * each with numbers of its own, and the new one replaces only the menus named in `replacing`
 * (see handlers/numbered-choices.ts). Menus past their time are removed on the way.
 */
export async function saveNumberedPrompt(
  db: DbOrTx,
  prompt: NewNumberedPrompt,
  options: { replaceOthers: boolean; replacing?: number[]; now: Date },
): Promise<void> {
  const replaced = options.replacing ?? [];
  await db
    .delete(numberedPrompts)
    .where(
      and(
        eq(numberedPrompts.chatId, prompt.chatId),
        options.replaceOthers
          ? undefined
          : or(
              lte(numberedPrompts.expiresAt, options.now),
              replaced.length > 0 ? inArray(numberedPrompts.id, replaced) : undefined,
            ),
      ),
    );
  await db.insert(numberedPrompts).values(prompt);
}

export async function deleteNumberedPrompt(db: DbOrTx, id: number): Promise<void> {
  await db.delete(numberedPrompts).where(eq(numberedPrompts.id, id));
}

/** The chat's menus still open, newest first. */
export async function findLiveNumberedPrompts(
  db: DbOrTx,
  chatId: number,
  now: Date,
): Promise<NumberedPrompt[]> {
  return db
    .select()
    .from(numberedPrompts)
    .where(and(eq(numberedPrompts.chatId, chatId), gt(numberedPrompts.expiresAt, now)))
    .orderBy(desc(numberedPrompts.id));
}
