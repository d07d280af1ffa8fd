import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { chats } from '../schema.ts';

export type ChatRow = typeof chats.$inferSelect;
export type ChatSettings = Pick<
  ChatRow,
  'locale' | 'groupKind' | 'name' | 'postcode' | 'departement' | 'timezone' | 'kitSuggestions'
>;

export interface ChatSeen {
  platform: string;
  externalId: string;
  kind: 'group' | 'private';
  title?: string | undefined;
  /** Language for a chat created now (a private chat takes the person's client language). */
  locale: string;
}

/** Records a chat the bot sees; keeps its settings, refreshes its title. */
export async function saveChatSeen(db: DbOrTx, seen: ChatSeen): Promise<ChatRow> {
  const [row] = await db
    .insert(chats)
    .values({
      platform: seen.platform,
      externalId: seen.externalId,
      kind: seen.kind,
      title: seen.title ?? null,
      locale: seen.locale,
    })
    .onConflictDoUpdate({
      target: [chats.platform, chats.externalId],
      set: { title: sql`coalesce(excluded.title, ${chats.title})` },
    })
    .returning();
  if (!row) throw new Error('saveChatSeen returned no row');
  return row;
}

export async function findChat(
  db: DbOrTx,
  platform: string,
  externalId: string,
): Promise<ChatRow | undefined> {
  const [row] = await db
    .select()
    .from(chats)
    .where(and(eq(chats.platform, platform), eq(chats.externalId, externalId)));
  return row;
}

export async function findChatById(db: DbOrTx, id: number): Promise<ChatRow | undefined> {
  const [row] = await db.select().from(chats).where(eq(chats.id, id));
  return row;
}

export async function saveChatSettings(
  db: DbOrTx,
  chatId: number,
  settings: Partial<ChatSettings>,
): Promise<ChatRow> {
  const [row] = await db
    .update(chats)
    .set({ ...settings, updatedAt: sql`now()` })
    .where(eq(chats.id, chatId))
    .returning();
  if (!row) throw new Error(`chat ${chatId} not found`);
  return row;
}

export async function markChatActive(db: DbOrTx, chatId: number, active: boolean): Promise<void> {
  await db
    .update(chats)
    .set({ active, updatedAt: sql`now()` })
    .where(eq(chats.id, chatId));
}

/**
 * A Telegram group upgraded to a supergroup gets a new id. Its row keeps its internal id
 * (so everything attached to it stays), and takes the new external id. If the new id was
 * already recorded (the supergroup's first update arrived first), that empty twin goes.
 */
export async function saveChatMigration(
  db: DbOrTx,
  platform: string,
  oldExternalId: string,
  newExternalId: string,
): Promise<void> {
  const old = await findChat(db, platform, oldExternalId);
  if (!old) return;
  await db
    .delete(chats)
    .where(and(eq(chats.platform, platform), eq(chats.externalId, newExternalId)));
  await db
    .update(chats)
    .set({ externalId: newExternalId, updatedAt: sql`now()` })
    .where(eq(chats.id, old.id));
}
