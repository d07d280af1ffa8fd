// Gatherings: the fête des voisins and other events of a group, their RSVPs and their
// "who brings what" list. Claims are decided under a row lock on the item, so two people
// taking the last one at once cannot both get it.
import { recordActivity } from './rollups.ts';
import { and, asc, desc, eq, exists, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client.ts';
import { isoTime } from './privacy-export.ts';
import {
  chatMembers,
  gatheringCalendarCopies,
  gatheringClaims,
  gatheringItems,
  gatheringRsvps,
  gatherings,
  officialFeteDates,
  people,
} from '../schema.ts';

export type GatheringRow = typeof gatherings.$inferSelect;
export type NewGathering = Pick<
  typeof gatherings.$inferInsert,
  | 'chatId'
  | 'kind'
  | 'title'
  | 'year'
  | 'status'
  | 'date'
  | 'time'
  | 'place'
  | 'kitId'
  | 'createdBy'
> &
  // The injected clock's time (rule 10): people are told "sondage lancé le 3 déc." by it.
  Pick<typeof gatherings.$inferInsert, 'createdAt'>;
export type GatheringPatch = Partial<
  Pick<GatheringRow, 'status' | 'date' | 'time' | 'place' | 'rainPlace' | 'summaryMessageId'>
>;
export type RsvpAnswer = (typeof gatheringRsvps.$inferSelect)['answer'];

/** Creates a gathering; undefined when the group already has this year's fête. */
export async function createGathering(
  db: DbOrTx,
  gathering: NewGathering,
): Promise<GatheringRow | undefined> {
  const [row] = await db.insert(gatherings).values(gathering).onConflictDoNothing().returning();
  return row;
}

export async function findGathering(db: DbOrTx, id: number): Promise<GatheringRow | undefined> {
  const [row] = await db.select().from(gatherings).where(eq(gatherings.id, id));
  return row;
}

/** The group's fête des voisins of a year, unless cancelled. */
export async function findFete(
  db: DbOrTx,
  chatId: number,
  year: number,
): Promise<GatheringRow | undefined> {
  const [row] = await db
    .select()
    .from(gatherings)
    .where(
      and(
        eq(gatherings.chatId, chatId),
        eq(gatherings.kind, 'fete'),
        eq(gatherings.year, year),
        ne(gatherings.status, 'cancelled'),
      ),
    );
  return row;
}

/**
 * The gatherings of a group still ahead (date today or later, or not chosen yet), soonest
 * first; among those without a date, the latest created first.
 */
export async function findComingGatherings(
  db: DbOrTx,
  chatId: number,
  today: string,
  kind?: GatheringRow['kind'],
): Promise<GatheringRow[]> {
  return db
    .select()
    .from(gatherings)
    .where(
      and(
        eq(gatherings.chatId, chatId),
        ne(gatherings.status, 'cancelled'),
        or(isNull(gatherings.date), gte(gatherings.date, today)),
        ...(kind ? [eq(gatherings.kind, kind)] : []),
      ),
    )
    .orderBy(
      sql`${gatherings.date} asc nulls last`,
      desc(gatherings.createdAt),
      desc(gatherings.id),
    )
    .limit(10);
}

/** Who created each of these gatherings, by its id (none for a creator who erased their data). */
export async function findCreatorNames(
  db: DbOrTx,
  gatheringIds: number[],
): Promise<Map<number, string>> {
  if (gatheringIds.length === 0) return new Map();
  const rows = await db
    .select({ id: gatherings.id, name: people.displayName })
    .from(gatherings)
    .innerJoin(people, eq(people.id, gatherings.createdBy))
    .where(inArray(gatherings.id, gatheringIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Updates a gathering unless it was cancelled meanwhile; returns the new row. */
export async function updateGathering(
  db: DbOrTx,
  id: number,
  patch: GatheringPatch,
): Promise<GatheringRow | undefined> {
  const [row] = await db
    .update(gatherings)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(gatherings.id, id), ne(gatherings.status, 'cancelled')))
    .returning();
  return row;
}

/**
 * Raises the SEQUENCE of the gathering's calendar file (its date, time or place changed, or
 * it was cancelled); returns the row as it now is.
 */
export async function bumpCalendarSequence(
  db: DbOrTx,
  id: number,
): Promise<GatheringRow | undefined> {
  const [row] = await db
    .update(gatherings)
    .set({ calendarSequence: sql`${gatherings.calendarSequence} + 1` })
    .where(eq(gatherings.id, id))
    .returning();
  return row;
}

/**
 * Who gets a gathering's updated calendar file: those who said they come, and those who
 * took the file (whatever they answered since), while they are still in its group.
 */
export async function findCalendarRecipients(
  db: DbOrTx,
  gathering: Pick<GatheringRow, 'id' | 'chatId'>,
): Promise<number[]> {
  const member = (personId: AnyPgColumn) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(chatMembers)
        .where(
          and(
            eq(chatMembers.chatId, gathering.chatId),
            eq(chatMembers.personId, personId),
            isNull(chatMembers.leftAt),
          ),
        ),
    );
  const coming = await db
    .select({ personId: gatheringRsvps.personId })
    .from(gatheringRsvps)
    .where(
      and(
        eq(gatheringRsvps.gatheringId, gathering.id),
        eq(gatheringRsvps.answer, 'yes'),
        member(gatheringRsvps.personId),
      ),
    );
  const holders = await db
    .select({ personId: gatheringCalendarCopies.personId })
    .from(gatheringCalendarCopies)
    .where(
      and(
        eq(gatheringCalendarCopies.gatheringId, gathering.id),
        member(gatheringCalendarCopies.personId),
      ),
    );
  return [...new Set([...coming, ...holders].map((r) => r.personId))].sort((a, b) => a - b);
}

/** The person was sent the gathering's calendar file. */
export async function saveCalendarCopy(
  db: DbOrTx,
  gatheringId: number,
  personId: number,
  now: Date,
): Promise<void> {
  await db
    .insert(gatheringCalendarCopies)
    .values({ gatheringId, personId, sentAt: now })
    .onConflictDoUpdate({
      target: [gatheringCalendarCopies.gatheringId, gatheringCalendarCopies.personId],
      set: { sentAt: now },
    });
}

/** Moves a gathering from one status to another; false when it was no longer in `from`. */
export async function moveGatheringStatus(
  db: DbOrTx,
  id: number,
  from: GatheringRow['status'][],
  patch: GatheringPatch & { status: GatheringRow['status'] },
): Promise<GatheringRow | undefined> {
  const [row] = await db
    .update(gatherings)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(and(eq(gatherings.id, id), inArray(gatherings.status, from)))
    .returning();
  return row;
}

// --- RSVPs ---

/**
 * Saves a person's answer. A move to "yes" (a first yes, or a yes after a no or a maybe) counts
 * in the console's figures (`gathering:rsvp`), in the same transaction; a repeated yes (more
 * guests) does not.
 */
export async function saveRsvp(
  db: DbOrTx,
  rsvp: { gatheringId: number; personId: number; answer: RsvpAnswer; guests: number },
  counted: { chatId: number; at: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ answer: gatheringRsvps.answer })
      .from(gatheringRsvps)
      .where(
        and(
          eq(gatheringRsvps.gatheringId, rsvp.gatheringId),
          eq(gatheringRsvps.personId, rsvp.personId),
        ),
      )
      .for('update');
    await tx
      .insert(gatheringRsvps)
      .values(rsvp)
      .onConflictDoUpdate({
        target: [gatheringRsvps.gatheringId, gatheringRsvps.personId],
        set: { answer: rsvp.answer, guests: rsvp.guests, updatedAt: sql`now()` },
      });
    if (rsvp.answer === 'yes' && before?.answer !== 'yes') {
      await recordActivity(tx, {
        chatId: counted.chatId,
        metric: 'gathering:rsvp',
        at: counted.at,
      });
    }
  });
}

export interface RsvpLine {
  personId: number;
  displayName: string;
  answer: RsvpAnswer;
  guests: number;
}

export async function findRsvps(db: DbOrTx, gatheringId: number): Promise<RsvpLine[]> {
  return db
    .select({
      personId: gatheringRsvps.personId,
      displayName: people.displayName,
      answer: gatheringRsvps.answer,
      guests: gatheringRsvps.guests,
    })
    .from(gatheringRsvps)
    .innerJoin(people, eq(people.id, gatheringRsvps.personId))
    .where(eq(gatheringRsvps.gatheringId, gatheringId))
    .orderBy(asc(gatheringRsvps.updatedAt));
}

// --- Who brings what ---

export interface NewItem {
  gatheringId: number;
  category: string;
  label: string;
  quantity: number;
  note: string | null;
  addedBy: number;
}

export type ItemRow = typeof gatheringItems.$inferSelect;

/**
 * Adds an item at the end of the list (its number is one more than the last). The gathering's
 * row is locked while the number is chosen, so items added at the same moment are numbered
 * one after the other. (Retrying on the unique index instead was not enough: six people
 * adding at once could collide six times in a row.) Under the same lock, an item `isSame`
 * finds already listed is given back instead: two people adding "chaises" at once get one.
 */
export async function addItem(
  db: DbOrTx,
  item: NewItem,
  /** An item already on the list that this one repeats: then nothing is added. */
  isSame: (label: string) => boolean = () => false,
): Promise<{ added: boolean; item: ItemRow }> {
  return db.transaction(async (tx) => {
    await tx
      .select({ id: gatherings.id })
      .from(gatherings)
      .where(eq(gatherings.id, item.gatheringId))
      .for('update');
    const listed = await tx
      .select()
      .from(gatheringItems)
      .where(eq(gatheringItems.gatheringId, item.gatheringId))
      .orderBy(asc(gatheringItems.position));
    const same = listed.find((l) => isSame(l.label));
    if (same) return { added: false, item: same };
    const [row] = await tx
      .insert(gatheringItems)
      .values({
        ...item,
        position: sql`(select coalesce(max(${gatheringItems.position}), 0) + 1 from ${gatheringItems} where ${gatheringItems.gatheringId} = ${item.gatheringId})`,
      })
      .returning();
    if (!row) throw new Error('addItem inserted no row');
    return { added: true, item: row };
  });
}

export async function findItemByPosition(
  db: DbOrTx,
  gatheringId: number,
  position: number,
): Promise<ItemRow | undefined> {
  const [row] = await db
    .select()
    .from(gatheringItems)
    .where(and(eq(gatheringItems.gatheringId, gatheringId), eq(gatheringItems.position, position)));
  return row;
}

export async function findItem(db: DbOrTx, id: number): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(gatheringItems).where(eq(gatheringItems.id, id));
  return row;
}

export async function deleteItem(db: DbOrTx, id: number): Promise<void> {
  await db.delete(gatheringItems).where(eq(gatheringItems.id, id));
}

export interface ListedItem extends ItemRow {
  claims: { personId: number; displayName: string; quantity: number }[];
}

/** The list in order, each item with who brings how many. */
export async function findItems(db: DbOrTx, gatheringId: number): Promise<ListedItem[]> {
  const rows = await db
    .select({
      item: gatheringItems,
      personId: gatheringClaims.personId,
      displayName: people.displayName,
      quantity: gatheringClaims.quantity,
    })
    .from(gatheringItems)
    .leftJoin(gatheringClaims, eq(gatheringClaims.itemId, gatheringItems.id))
    .leftJoin(people, eq(people.id, gatheringClaims.personId))
    .where(eq(gatheringItems.gatheringId, gatheringId))
    .orderBy(asc(gatheringItems.position), asc(gatheringClaims.createdAt));
  const items = new Map<number, ListedItem>();
  for (const row of rows) {
    let item = items.get(row.item.id);
    if (!item) items.set(row.item.id, (item = { ...row.item, claims: [] }));
    if (row.personId !== null && row.quantity !== null) {
      item.claims.push({
        personId: row.personId,
        displayName: row.displayName ?? '',
        quantity: row.quantity,
      });
    }
  }
  return [...items.values()];
}

export type ClaimOutcome =
  | { kind: 'claimed'; quantity: number; total: number }
  | { kind: 'already_covered' }
  /** `onlyIfNew` and the person already brings `total` of it: nothing changed. */
  | { kind: 'already_yours'; total: number }
  | { kind: 'no_item' };

/**
 * Takes up to `quantity` of what is still missing of an item for a person (adding to what
 * they already bring). The item row is locked for the decision, so concurrent claims are
 * decided one after the other and never exceed what the item needs.
 */
export async function claimItem(
  db: DbOrTx,
  claim: {
    itemId: number;
    personId: number;
    quantity: number;
    /**
     * The number the person said they bring ("2 galettes" when one was wanted) is kept whole
     * while something is still missing; otherwise a claim takes at most what is missing.
     */
    asSaid?: boolean;
    /**
     * A claim said again with no number (the menu's answer twice, "/japporte desserts" after
     * it): the person is down for it already, nothing is added.
     */
    onlyIfNew?: boolean;
  },
): Promise<ClaimOutcome> {
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ quantity: gatheringItems.quantity })
      .from(gatheringItems)
      .where(eq(gatheringItems.id, claim.itemId))
      .for('update');
    if (!item) return { kind: 'no_item' as const };
    const claims = await tx
      .select({ personId: gatheringClaims.personId, quantity: gatheringClaims.quantity })
      .from(gatheringClaims)
      .where(eq(gatheringClaims.itemId, claim.itemId));
    const mine = claims.find((c) => c.personId === claim.personId)?.quantity ?? 0;
    if (claim.onlyIfNew && mine > 0) return { kind: 'already_yours' as const, total: mine };
    const covered = claims.reduce((sum, c) => sum + c.quantity, 0);
    if (item.quantity - covered <= 0) return { kind: 'already_covered' as const };
    const taken = claim.asSaid ? claim.quantity : Math.min(claim.quantity, item.quantity - covered);
    await tx
      .insert(gatheringClaims)
      .values({ itemId: claim.itemId, personId: claim.personId, quantity: mine + taken })
      .onConflictDoUpdate({
        target: [gatheringClaims.itemId, gatheringClaims.personId],
        set: { quantity: mine + taken },
      });
    return { kind: 'claimed' as const, quantity: taken, total: mine + taken };
  });
}

/** Withdraws a person's claim on an item; false when they had none. */
export async function unclaimItem(db: DbOrTx, itemId: number, personId: number): Promise<boolean> {
  const deleted = await db
    .delete(gatheringClaims)
    .where(and(eq(gatheringClaims.itemId, itemId), eq(gatheringClaims.personId, personId)))
    .returning({ itemId: gatheringClaims.itemId });
  return deleted.length > 0;
}

/** Withdraws every claim of a person on a gathering's list; returns the items' labels. */
/** The gatherings (not cancelled) in which the person brings something. */
export async function findGatheringsClaimedBy(
  db: DbOrTx,
  personId: number,
): Promise<GatheringRow[]> {
  return db
    .selectDistinct({ gathering: gatherings })
    .from(gatheringClaims)
    .innerJoin(gatheringItems, eq(gatheringItems.id, gatheringClaims.itemId))
    .innerJoin(gatherings, eq(gatherings.id, gatheringItems.gatheringId))
    .where(and(eq(gatheringClaims.personId, personId), ne(gatherings.status, 'cancelled')))
    .then((rows) => rows.map((r) => r.gathering));
}

export async function releaseClaims(
  db: DbOrTx,
  gatheringId: number,
  personId: number,
): Promise<string[]> {
  const deleted = await db
    .delete(gatheringClaims)
    .where(
      and(
        eq(gatheringClaims.personId, personId),
        inArray(
          gatheringClaims.itemId,
          db
            .select({ id: gatheringItems.id })
            .from(gatheringItems)
            .where(eq(gatheringItems.gatheringId, gatheringId)),
        ),
      ),
    )
    .returning({ itemId: gatheringClaims.itemId });
  if (deleted.length === 0) return [];
  const items = await db
    .select({ label: gatheringItems.label })
    .from(gatheringItems)
    .where(
      inArray(
        gatheringItems.id,
        deleted.map((d) => d.itemId),
      ),
    )
    .orderBy(asc(gatheringItems.position));
  return items.map((i) => i.label);
}

// --- Official dates ---

export async function findOfficialFeteDate(db: DbOrTx, year: number): Promise<string | undefined> {
  const [row] = await db
    .select({ date: officialFeteDates.date })
    .from(officialFeteDates)
    .where(eq(officialFeteDates.year, year));
  return row?.date;
}

export async function saveOfficialFeteDate(db: DbOrTx, year: number, date: string): Promise<void> {
  await db
    .insert(officialFeteDates)
    .values({ year, date })
    .onConflictDoUpdate({ target: officialFeteDates.year, set: { date, setAt: sql`now()` } });
}

// --- Privacy ---

/** What a person said, brings, voted and created, for /mesdonnees. */
export interface GatheringDataOfPerson {
  rsvps: {
    title: string | null;
    kind: GatheringRow['kind'];
    year: number;
    date: string | null;
    answer: RsvpAnswer;
    guests: number;
  }[];
  claims: { label: string; quantity: number }[];
  created: { title: string | null; kind: GatheringRow['kind']; year: number }[];
  /** Date polls they voted in (a retracted vote included). */
  pollVotes: number;
  /** Gatherings whose calendar file they were sent (and will be sent again if it changes). */
  calendarFiles: {
    title: string | null;
    kind: GatheringRow['kind'];
    year: number;
    sentAt: string;
  }[];
}

/** GatheringDataOfPerson as json for the person $1: a fragment of the privacy export. */
export const GATHERING_DATA_OF_PERSON = `json_build_object(
  'rsvps', (
    SELECT coalesce(json_agg(json_build_object(
        'title', g.title, 'kind', g.kind, 'year', g.year, 'date', g.date,
        'answer', r.answer, 'guests', r.guests
      ) ORDER BY g.id), '[]')
    FROM gathering_rsvps r JOIN gatherings g ON g.id = r.gathering_id
    WHERE r.person_id = $1::bigint),
  'claims', (
    SELECT coalesce(json_agg(json_build_object('label', i.label, 'quantity', c.quantity)
      ORDER BY i.gathering_id, i.position), '[]')
    FROM gathering_claims c JOIN gathering_items i ON i.id = c.item_id
    WHERE c.person_id = $1::bigint),
  'created', (
    SELECT coalesce(json_agg(json_build_object('title', title, 'kind', kind, 'year', year)
      ORDER BY id), '[]')
    FROM gatherings WHERE created_by = $1::bigint),
  'pollVotes', (SELECT count(*)::int FROM poll_votes WHERE person_id = $1::bigint),
  'calendarFiles', (
    SELECT coalesce(json_agg(json_build_object(
        'title', g.title, 'kind', g.kind, 'year', g.year, 'sentAt', ${isoTime('k.sent_at')}
      ) ORDER BY g.id), '[]')
    FROM gathering_calendar_copies k JOIN gatherings g ON g.id = k.gathering_id
    WHERE k.person_id = $1::bigint)
)`;

/**
 * Erases a person's answers, claims and calendar copies; gatherings they created stay,
 * without their name.
 */
export async function eraseGatheringDataOfPerson(db: DbOrTx, personId: number): Promise<void> {
  await db.delete(gatheringRsvps).where(eq(gatheringRsvps.personId, personId));
  await db.delete(gatheringClaims).where(eq(gatheringClaims.personId, personId));
  await db.delete(gatheringCalendarCopies).where(eq(gatheringCalendarCopies.personId, personId));
  await db.update(gatherings).set({ createdBy: null }).where(eq(gatherings.createdBy, personId));
  await db
    .update(gatheringItems)
    .set({ addedBy: null })
    .where(eq(gatheringItems.addedBy, personId));
}
