import { lt } from 'drizzle-orm';
import { queryStatement, type DbOrTx } from '../client.ts';
import { processedEvents } from '../schema.ts';

/**
 * Records an inbound event; false when it was already recorded (a redelivery). For a known
 * person in a known chat this is the only statement the router runs (a fixed text, prepared
 * once per connection).
 */
export async function markEventProcessed(db: DbOrTx, eventId: string): Promise<boolean> {
  const inserted = await queryStatement(db, MARK_PROCESSED, [eventId]);
  return inserted.length > 0;
}

const MARK_PROCESSED =
  'INSERT INTO processed_events (event_id) VALUES ($1::text) ON CONFLICT DO NOTHING RETURNING 1 AS fresh';

export async function deleteProcessedEventsBefore(db: DbOrTx, before: Date): Promise<number> {
  const deleted = await db
    .delete(processedEvents)
    .where(lt(processedEvents.processedAt, before))
    .returning({ eventId: processedEvents.eventId });
  return deleted.length;
}
