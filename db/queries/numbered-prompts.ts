import { and, eq, gt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { numberedPrompts } from '../schema.ts';

export type NumberedPrompt = typeof numberedPrompts.$inferSelect;

/** The latest numbered question of a chat replaces the previous one. */
export async function saveNumberedPrompt(db: DbOrTx, prompt: NumberedPrompt): Promise<void> {
  const { chatId: _chatId, ...rest } = prompt;
  await db
    .insert(numberedPrompts)
    .values(prompt)
    .onConflictDoUpdate({ target: numberedPrompts.chatId, set: rest });
}

export async function findLiveNumberedPrompt(
  db: DbOrTx,
  chatId: number,
  now: Date,
): Promise<NumberedPrompt | undefined> {
  const [row] = await db
    .select()
    .from(numberedPrompts)
    .where(and(eq(numberedPrompts.chatId, chatId), gt(numberedPrompts.expiresAt, now)));
  return row;
}
