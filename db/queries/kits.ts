import { recordActivity } from './rollups.ts';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { chats, kitDeliveries, kitSuggestionsSent } from '../schema.ts';
import type { ChatRow } from './chats.ts';

/** Counts one delivery of a kit in a group for a month (anonymous: no person). */
export async function countKitDelivery(
  db: DbOrTx,
  delivery: { kitId: string; chat: ChatRow; month: string; at: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(kitDeliveries)
      .values({
        kitId: delivery.kitId,
        chatId: delivery.chat.id,
        month: delivery.month,
        postcode: delivery.chat.postcode,
        departement: delivery.chat.departement,
        count: 1,
      })
      .onConflictDoUpdate({
        target: [kitDeliveries.kitId, kitDeliveries.chatId, kitDeliveries.month],
        set: {
          count: sql`${kitDeliveries.count} + 1`,
          postcode: delivery.chat.postcode,
          departement: delivery.chat.departement,
        },
      });
    await recordActivity(tx, {
      chatId: delivery.chat.id,
      metric: `kit:${delivery.kitId}`,
      at: delivery.at,
    });
  });
}

export async function findKitDeliveries(db: DbOrTx, chatId: number) {
  return db.select().from(kitDeliveries).where(eq(kitDeliveries.chatId, chatId));
}

/** Records that a group got a season's suggestion; false if it already had it. */
export async function markKitSuggestionSent(
  db: DbOrTx,
  chatId: number,
  season: string,
): Promise<boolean> {
  const inserted = await db
    .insert(kitSuggestionsSent)
    .values({ chatId, season })
    .onConflictDoNothing()
    .returning({ chatId: kitSuggestionsSent.chatId });
  return inserted.length > 0;
}

/** Active groups that accept suggestions, by pages of ids. */
export async function findGroupsForSuggestions(db: DbOrTx, afterId: number, limit: number) {
  return db
    .select()
    .from(chats)
    .where(
      and(
        eq(chats.kind, 'group'),
        eq(chats.active, true),
        eq(chats.kitSuggestions, true),
        gt(chats.id, afterId),
      ),
    )
    .orderBy(chats.id)
    .limit(limit);
}
