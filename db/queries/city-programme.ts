// A partner city's programme: its own line for each moment of the association's year (the
// kit's id), and its local events. Read by the console's programme page, by the seasonal kit
// suggestion and by /fete in the partner's groups; the events are announced in the groups by
// handlers/city-programme/ (which adds, changes and removes them with their announcement).
import { and, asc, eq } from 'drizzle-orm';
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

export async function addLocalEvent(
  db: DbOrTx,
  event: { partnerId: number; date: string; title: string },
): Promise<number> {
  const [row] = await db
    .insert(partnerLocalEvents)
    .values(event)
    .returning({ id: partnerLocalEvents.id });
  if (!row) throw new Error('local event not added');
  return row.id;
}

/** Changes one of the partner's events; false when it is not the partner's (or gone). */
export async function changeLocalEvent(
  db: DbOrTx,
  partnerId: number,
  eventId: number,
  change: { date: string; title: string },
): Promise<boolean> {
  const changed = await db
    .update(partnerLocalEvents)
    .set(change)
    .where(and(eq(partnerLocalEvents.id, eventId), eq(partnerLocalEvents.partnerId, partnerId)))
    .returning({ id: partnerLocalEvents.id });
  return changed.length > 0;
}

/** Removes one of the partner's events; false when it is not the partner's (or gone). */
export async function removeLocalEvent(
  db: DbOrTx,
  partnerId: number,
  eventId: number,
): Promise<boolean> {
  const gone = await db
    .delete(partnerLocalEvents)
    .where(and(eq(partnerLocalEvents.id, eventId), eq(partnerLocalEvents.partnerId, partnerId)))
    .returning({ id: partnerLocalEvents.id });
  return gone.length > 0;
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
