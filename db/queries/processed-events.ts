import { lt } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { processedEvents } from '../schema.ts';

export async function deleteProcessedEventsBefore(db: DbOrTx, before: Date): Promise<number> {
  const deleted = await db
    .delete(processedEvents)
    .where(lt(processedEvents.processedAt, before))
    .returning({ eventId: processedEvents.eventId });
  return deleted.length;
}
