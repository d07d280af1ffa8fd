import { lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { processedEvents } from '../schema.ts';

/** Records an inbound event; false when it was already recorded (a redelivery). */
export async function markEventProcessed(db: DbOrTx, eventId: string): Promise<boolean> {
  const inserted = await db
    .insert(processedEvents)
    .values({ eventId })
    .onConflictDoNothing()
    .returning({ eventId: processedEvents.eventId });
  return inserted.length > 0;
}

export async function deleteProcessedEventsBefore(db: DbOrTx, before: Date): Promise<number> {
  const deleted = await db
    .delete(processedEvents)
    .where(lt(processedEvents.processedAt, before))
    .returning({ eventId: processedEvents.eventId });
  return deleted.length;
}
