// A partner city's programme: its own line for each moment of the association's year (the
// kit's id), and its local events. Read by the console's programme page, by the seasonal kit
// suggestion and by /fete in the partner's groups; the events are announced in the groups by
// handlers/city-programme/ (which adds, changes and removes them with their announcement).
import { and, asc, eq, gt, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';
import { partnerLocalEvents, partnerProgrammeLines } from '../schema.ts';

export type LocalEventRow = typeof partnerLocalEvents.$inferSelect;

export async function findProgrammeLines(
  db: DbOrTx,
  partnerId: number,
): Promise<Map<string, string>> {
  const rows = await db
    .select({ moment: partnerProgrammeLines.moment, line: partnerProgrammeLines.line })
    .from(partnerProgrammeLines)
    .where(eq(partnerProgrammeLines.partnerId, partnerId));
  return new Map(rows.map((r) => [r.moment, r.line]));
}

/** Sets (or, with an empty line, removes) the partner's line for a moment. */
export async function saveProgrammeLine(
  db: DbOrTx,
  line: { partnerId: number; moment: string; line: string; now: Date },
): Promise<void> {
  if (line.line === '') {
    await db
      .delete(partnerProgrammeLines)
      .where(
        and(
          eq(partnerProgrammeLines.partnerId, line.partnerId),
          eq(partnerProgrammeLines.moment, line.moment),
        ),
      );
    return;
  }
  await db
    .insert(partnerProgrammeLines)
    .values({
      partnerId: line.partnerId,
      moment: line.moment,
      line: line.line,
      updatedAt: line.now,
    })
    .onConflictDoUpdate({
      target: [partnerProgrammeLines.partnerId, partnerProgrammeLines.moment],
      set: { line: line.line, updatedAt: line.now },
    });
}

export async function listLocalEvents(db: DbOrTx, partnerId: number): Promise<LocalEventRow[]> {
  return db
    .select()
    .from(partnerLocalEvents)
    .where(eq(partnerLocalEvents.partnerId, partnerId))
    .orderBy(asc(partnerLocalEvents.date), asc(partnerLocalEvents.id));
}

/** What the console's form gives of an event. */
export interface LocalEventFields {
  date: string;
  title: string;
  time?: string | null;
  place?: string | null;
  description?: string | null;
}

export async function addLocalEvent(
  db: DbOrTx,
  event: LocalEventFields & { partnerId: number; announceAt: Date | null },
): Promise<number> {
  const [row] = await db
    .insert(partnerLocalEvents)
    .values(event)
    .returning({ id: partnerLocalEvents.id });
  if (!row) throw new Error('local event not added');
  return row.id;
}

/**
 * One of the partner's events, not cancelled, locked until the transaction ends (its change
 * or removal); undefined when it is not the partner's (or gone).
 */
export async function findLocalEventToChange(
  db: DbOrTx,
  partnerId: number,
  eventId: number,
): Promise<LocalEventRow | undefined> {
  const [row] = await db
    .select()
    .from(partnerLocalEvents)
    .where(
      and(
        eq(partnerLocalEvents.id, eventId),
        eq(partnerLocalEvents.partnerId, partnerId),
        isNull(partnerLocalEvents.cancelledAt),
      ),
    )
    .for('update');
  return row;
}

/** Writes an event's new state (the caller holds it from findLocalEventToChange). */
export async function saveLocalEvent(
  db: DbOrTx,
  eventId: number,
  change: Partial<Omit<LocalEventRow, 'id' | 'partnerId' | 'createdAt'>>,
): Promise<void> {
  await db.update(partnerLocalEvents).set(change).where(eq(partnerLocalEvents.id, eventId));
}

export async function deleteLocalEvent(db: DbOrTx, eventId: number): Promise<void> {
  await db.delete(partnerLocalEvents).where(eq(partnerLocalEvents.id, eventId));
}

/** Its plan found the groups (kept from the first time): the catch-up may start. */
export async function markLocalEventAnnounced(
  db: DbOrTx,
  eventId: number,
  revision: number,
  now: Date,
): Promise<void> {
  await db
    .update(partnerLocalEvents)
    .set({ announcedAt: sql`coalesce(${partnerLocalEvents.announcedAt}, ${now.toISOString()})` })
    .where(and(eq(partnerLocalEvents.id, eventId), eq(partnerLocalEvents.revision, revision)));
}

/**
 * A round of change (or cancellation) messages made its rows at `now` (the last round becomes
 * the round before it), or found it too late (`now` undefined: the change stays untold). Only
 * for the revision it was planned for: a later change has planned its own.
 */
export async function markLocalEventRound(
  db: DbOrTx,
  eventId: number,
  revision: number,
  now: Date | undefined,
): Promise<void> {
  await db
    .update(partnerLocalEvents)
    .set(
      now
        ? {
            changedSince: null,
            roundAt: null,
            roundBeforeAt: sql`${partnerLocalEvents.lastRoundAt}`,
            lastRoundAt: now,
          }
        : { roundAt: null },
    )
    .where(and(eq(partnerLocalEvents.id, eventId), eq(partnerLocalEvents.revision, revision)));
}

/**
 * The events not cancelled whose eve has not passed, and whether their announcement went out
 * (from then on a group that joins gets it; a group told before and back from away is told
 * what it missed either way).
 */
export async function findEventsToCatchUp(
  db: DbOrTx,
  after: string,
): Promise<{ id: number; date: string; revision: number; announced: boolean }[]> {
  return db
    .select({
      id: partnerLocalEvents.id,
      date: partnerLocalEvents.date,
      revision: partnerLocalEvents.revision,
      announced: sql<boolean>`${partnerLocalEvents.announcedAt} IS NOT NULL`,
    })
    .from(partnerLocalEvents)
    .where(and(isNull(partnerLocalEvents.cancelledAt), gt(partnerLocalEvents.date, after)));
}

/** The cancelled events whose day has not passed (their cancellation may still be told). */
export async function findCancelledEventsToCatchUp(
  db: DbOrTx,
  today: string,
): Promise<{ id: number; date: string; time: string | null; revision: number }[]> {
  return db
    .select({
      id: partnerLocalEvents.id,
      date: partnerLocalEvents.date,
      time: partnerLocalEvents.time,
      revision: partnerLocalEvents.revision,
    })
    .from(partnerLocalEvents)
    .where(and(isNotNull(partnerLocalEvents.cancelledAt), gte(partnerLocalEvents.date, today)));
}

const FIND_LINES_OF_CHAT = compact(`
  SELECT p.name, l.line
  FROM chats c
  JOIN partner_communes pc ON pc.insee = c.commune_insee
  JOIN partners p ON p.id = pc.partner_id
  JOIN partner_programme_lines l ON l.partner_id = p.id AND l.moment = $2::text
  WHERE c.id = $1::bigint
  ORDER BY p.id
`);

/** The lines the partner cities of a group wrote for a moment (usually one). */
export async function findProgrammeLinesOfChat(
  db: DbOrTx,
  chatId: number,
  moment: string,
): Promise<{ partnerName: string; line: string }[]> {
  const rows = await queryStatement<{ name: string; line: string }>(db, FIND_LINES_OF_CHAT, [
    chatId,
    moment,
  ]);
  return rows.map((r) => ({ partnerName: r.name, line: r.line }));
}
