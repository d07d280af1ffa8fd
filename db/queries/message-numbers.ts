import { sql } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../client.ts';
import { chats, gatherings, helpRequests, numberedPrompts, polls } from '../schema.ts';

/**
 * The highest numeric message id the database still refers to on a platform whose ids the
 * bot makes itself (the terminal chat numbers its messages 1, 2, 3…): its numbered menus,
 * polls, gatherings' running summaries and help cards. A restarted terminal numbers its
 * messages after it, so that quoting a new message never reaches an old menu. 0 when none.
 */
export async function findHighestMessageNumber(db: DbOrTx, platform: string): Promise<number> {
  // The cast is inside CASE: ids that are not plain numbers are never cast.
  const numberOf = (column: unknown) =>
    sql`max(case when ${column} ~ '^[0-9]{1,15}$' then ${column}::bigint end)`;
  const rows = await queryRows<{ highest: string | number | null }>(
    db,
    sql`select greatest(
      (select ${numberOf(numberedPrompts.messageId)} from ${numberedPrompts}
        join ${chats} on ${chats.id} = ${numberedPrompts.chatId} where ${chats.platform} = ${platform}),
      (select ${numberOf(polls.messageId)} from ${polls} where ${polls.platform} = ${platform}),
      (select ${numberOf(gatherings.summaryMessageId)} from ${gatherings}
        join ${chats} on ${chats.id} = ${gatherings.chatId} where ${chats.platform} = ${platform}),
      (select ${numberOf(helpRequests.cardMessageId)} from ${helpRequests}
        join ${chats} on ${chats.id} = ${helpRequests.chatId} where ${chats.platform} = ${platform})
    ) as highest`,
  );
  return Number(rows[0]?.highest ?? 0);
}
