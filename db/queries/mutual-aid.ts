// Help between neighbours: volunteers' offers, needs, who was asked, and the matching
// itself. Matching is one indexed query per round (a group has a handful of volunteers);
// accepting is one conditional UPDATE, so of two volunteers pressing "accept" at the same
// moment exactly one wins.
import { recordActivity } from './rollups.ts';
import {
  and,
  asc,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  ne,
  notExists,
  notInArray,
  or,
  sql,
} from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { isoTime, type JsonRow } from './privacy-export.ts';
import {
  chatMembers,
  chats,
  helpNotifications,
  helpRequests,
  people,
  personIdentities,
  volunteers,
} from '../schema.ts';

export type VolunteerRow = typeof volunteers.$inferSelect;
export type HelpRequestRow = typeof helpRequests.$inferSelect;
export type HelpStatus = HelpRequestRow['status'];

// --- Volunteers ---

export async function findVolunteer(
  db: DbOrTx,
  chatId: number,
  personId: number,
): Promise<VolunteerRow | undefined> {
  const [row] = await db
    .select()
    .from(volunteers)
    .where(and(eq(volunteers.chatId, chatId), eq(volunteers.personId, personId)));
  return row;
}

/** Creates or updates a person's offer in a group (an update re-activates it). */
export async function saveVolunteer(
  db: DbOrTx,
  offer: Pick<VolunteerRow, 'chatId' | 'personId'> &
    Partial<
      Pick<
        VolunteerRow,
        'categories' | 'availability' | 'availabilitySlots' | 'pausedUntil' | 'active'
      >
    >,
): Promise<VolunteerRow> {
  const set = {
    ...(offer.categories !== undefined && { categories: offer.categories }),
    ...(offer.availability !== undefined && { availability: offer.availability }),
    ...(offer.availabilitySlots !== undefined && { availabilitySlots: offer.availabilitySlots }),
    ...(offer.pausedUntil !== undefined && { pausedUntil: offer.pausedUntil }),
    ...(offer.active !== undefined && { active: offer.active }),
    updatedAt: sql`now()`,
  };
  const [row] = await db
    .insert(volunteers)
    .values({ chatId: offer.chatId, personId: offer.personId, ...set })
    .onConflictDoUpdate({ target: [volunteers.chatId, volunteers.personId], set })
    .returning();
  if (!row) throw new Error('saveVolunteer returned no row');
  return row;
}

export async function findVolunteersOfPerson(db: DbOrTx, personId: number) {
  return db
    .select({
      volunteer: volunteers,
      groupName: sql<string>`coalesce(${chats.name}, ${chats.title}, '')`,
    })
    .from(volunteers)
    .innerJoin(chats, eq(chats.id, volunteers.chatId))
    .where(eq(volunteers.personId, personId));
}

/** How many active, available volunteers a group has, per category. */
export async function countVolunteersByCategory(
  db: DbOrTx,
  chatId: number,
  today: string,
): Promise<Record<string, number>> {
  const rows = await db
    .select({ categories: volunteers.categories })
    .from(volunteers)
    .where(
      and(
        eq(volunteers.chatId, chatId),
        eq(volunteers.active, true),
        or(isNull(volunteers.pausedUntil), lt(volunteers.pausedUntil, today)),
      ),
    );
  const counts: Record<string, number> = {};
  for (const row of rows) for (const c of row.categories) counts[c] = (counts[c] ?? 0) + 1;
  return counts;
}

export interface Candidate {
  personId: number;
  volunteerId: number;
}

/**
 * The best volunteers of a group for a need, a few at a time: they do that kind of thing,
 * are not away, are not the requester, were not asked about this need yet (with `askAgain`:
 * or were told it was taken and it is back in the search); those who rendered the fewest
 * services lately come first, then those asked least recently.
 */
export async function findCandidates(
  db: DbOrTx,
  request: Pick<HelpRequestRow, 'id' | 'chatId' | 'category' | 'requesterId'>,
  today: string,
  since: Date,
  limit: number,
  {
    askAgain = false,
    slot = {},
  }: { askAgain?: boolean; slot?: { day?: string; time?: string } } = {},
): Promise<Candidate[]> {
  // 0 when the volunteer's usual availability fits the need (or says nothing), else 1.
  const fits = (wanted: string | undefined, kinds: string[]) =>
    wanted === undefined
      ? sql`true`
      : sql`(not jsonb_exists_any(${volunteers.availabilitySlots}, ${sql.raw(`array['${kinds.join("','")}']`)})
          or jsonb_exists(${volunteers.availabilitySlots}, ${wanted}))`;
  const unfit = sql<number>`case when ${fits(slot.day, ['weekday', 'weekend'])}
    and ${fits(slot.time, ['morning', 'afternoon', 'evening'])} then 0 else 1 end`;
  const recentServices = sql<number>`(select count(*) from ${helpRequests} r
    where r.volunteer_id = ${volunteers.personId} and r.chat_id = ${volunteers.chatId}
      and r.status in ('matched', 'done') and r.matched_at >= ${since.toISOString()})`;
  return db
    .select({ personId: volunteers.personId, volunteerId: volunteers.id })
    .from(volunteers)
    .where(
      and(
        eq(volunteers.chatId, request.chatId),
        eq(volunteers.active, true),
        ne(volunteers.personId, request.requesterId),
        or(isNull(volunteers.pausedUntil), lt(volunteers.pausedUntil, today)),
        sql`${volunteers.categories} @> ${JSON.stringify([request.category])}::jsonb`,
        sql`not exists (select 1 from ${helpNotifications} n
          where n.request_id = ${request.id} and n.person_id = ${volunteers.personId}
            ${askAgain ? sql`and n.answer <> 'too_late'` : sql``})`,
      ),
    )
    .orderBy(
      asc(unfit),
      asc(recentServices),
      sql`${volunteers.lastNotifiedAt} asc nulls first`,
      asc(volunteers.id),
    )
    .limit(limit);
}

/** Records that these volunteers were asked (once each, or again when they had been told
 * it was taken), for fair rotation and for the check that only someone asked may accept.
 * Returns those recorded now. */
export async function recordNotifications(
  db: DbOrTx,
  requestId: number,
  candidates: Candidate[],
  now: Date,
): Promise<number[]> {
  if (candidates.length === 0) return [];
  // One statement (one round trip, one commit): the volunteers' rotation time is updated in
  // a data-modifying WITH, which runs to completion although the INSERT does not read it.
  const rotated = db.$with('rotated').as(
    db
      .update(volunteers)
      .set({ lastNotifiedAt: now })
      .where(
        inArray(
          volunteers.id,
          candidates.map((c) => c.volunteerId),
        ),
      )
      .returning({ id: volunteers.id }),
  );
  const inserted = await db
    .with(rotated)
    .insert(helpNotifications)
    .values(candidates.map((c) => ({ requestId, personId: c.personId, notifiedAt: now })))
    .onConflictDoUpdate({
      target: [helpNotifications.requestId, helpNotifications.personId],
      set: { answer: 'pending', notifiedAt: now },
      setWhere: eq(helpNotifications.answer, 'too_late'),
    })
    .returning({ personId: helpNotifications.personId });
  return inserted.map((i) => i.personId);
}

/** Records that a person offered help from a request's card (they were not asked). */
export async function recordVolunteering(
  db: DbOrTx,
  requestId: number,
  personId: number,
  now: Date,
): Promise<void> {
  await db
    .insert(helpNotifications)
    .values({ requestId, personId, notifiedAt: now })
    .onConflictDoNothing();
}

export async function saveRequestCategory(db: DbOrTx, id: number, category: string): Promise<void> {
  await db
    .update(helpRequests)
    .set({ category })
    .where(and(eq(helpRequests.id, id), eq(helpRequests.status, 'draft')));
}

export async function findNotification(db: DbOrTx, requestId: number, personId: number) {
  const [row] = await db
    .select()
    .from(helpNotifications)
    .where(
      and(eq(helpNotifications.requestId, requestId), eq(helpNotifications.personId, personId)),
    );
  return row;
}

export async function saveNotificationAnswer(
  db: DbOrTx,
  requestId: number,
  personId: number,
  answer: 'accepted' | 'declined' | 'too_late',
): Promise<void> {
  await db
    .update(helpNotifications)
    .set({ answer })
    .where(
      and(eq(helpNotifications.requestId, requestId), eq(helpNotifications.personId, personId)),
    );
}

/** The others asked about a request who have not answered (told when it is taken). */
export async function findPendingNotified(db: DbOrTx, requestId: number, except: number) {
  const rows = await db
    .select({ personId: helpNotifications.personId })
    .from(helpNotifications)
    .where(
      and(
        eq(helpNotifications.requestId, requestId),
        eq(helpNotifications.answer, 'pending'),
        ne(helpNotifications.personId, except),
      ),
    );
  return rows.map((r) => r.personId);
}

// --- Requests ---

export async function createHelpRequest(
  db: DbOrTx,
  request: Pick<
    typeof helpRequests.$inferInsert,
    | 'chatId'
    | 'requesterId'
    | 'category'
    | 'description'
    | 'whenText'
    | 'neededOn'
    | 'neededUntil'
    | 'urgent'
    | 'status'
    | 'expiresAt'
    | 'createdAt'
  >,
): Promise<HelpRequestRow> {
  // A new draft replaces the person's unfinished one for the same group (tryout: forty
  // drafts of one person, all listed in /mesdonnees): one need being written at a time.
  const create = async (tx: DbOrTx) => {
    if (request.status === 'draft') await deleteDraftsOf(tx, request.requesterId, request.chatId);
    const [row] = await tx.insert(helpRequests).values(request).returning();
    if (!row) throw new Error('createHelpRequest returned no row');
    return row;
  };
  return request.status === 'draft' ? db.transaction(create) : create(db);
}

/** A person's unfinished drafts for a group, removed (never published: nothing else refers to them). */
export async function deleteDraftsOf(db: DbOrTx, requesterId: number, chatId: number) {
  await db
    .delete(helpRequests)
    .where(
      and(
        eq(helpRequests.requesterId, requesterId),
        eq(helpRequests.chatId, chatId),
        eq(helpRequests.status, 'draft'),
      ),
    );
}

/**
 * A person chose their language (`/langue`, the offer): their needs asked in another one
 * follow the choice from now on (their stored language is dropped).
 */
export async function forgetNeedLanguagesOf(db: DbOrTx, requesterId: number): Promise<void> {
  await db
    .update(helpRequests)
    .set({ locale: null })
    .where(and(eq(helpRequests.requesterId, requesterId), isNotNull(helpRequests.locale)));
}

/** A draft its author cancelled or rewrites: removed, not kept as a withdrawn request. */
export async function deleteDraft(db: DbOrTx, id: number): Promise<boolean> {
  const deleted = await db
    .delete(helpRequests)
    .where(and(eq(helpRequests.id, id), eq(helpRequests.status, 'draft')))
    .returning({ id: helpRequests.id });
  return deleted.length > 0;
}

export async function findHelpRequest(db: DbOrTx, id: number): Promise<HelpRequestRow | undefined> {
  const [row] = await db.select().from(helpRequests).where(eq(helpRequests.id, id));
  return row;
}

/** Moves a request between states; undefined when it was no longer in one of `from`. */
export async function moveHelpRequest(
  db: DbOrTx,
  id: number,
  from: HelpStatus[],
  set: Partial<
    Pick<
      HelpRequestRow,
      | 'status'
      | 'volunteerId'
      | 'contactMode'
      | 'matchedAt'
      | 'doneAt'
      | 'showName'
      | 'cardMessageId'
      | 'rounds'
      | 'expiresAt'
      | 'locale'
    >
  >,
  /** Counts the move in the console's figures (db/queries/rollups.ts), in its transaction. */
  counted?: { metric: (row: HelpRequestRow) => string; at: Date },
): Promise<HelpRequestRow | undefined> {
  const move = async (tx: DbOrTx) => {
    const [row] = await tx
      .update(helpRequests)
      .set(set)
      .where(and(eq(helpRequests.id, id), inArray(helpRequests.status, from)))
      .returning();
    if (row && counted) {
      await recordActivity(tx, { chatId: row.chatId, metric: counted.metric(row), at: counted.at });
    }
    return row;
  };
  return counted ? db.transaction(move) : move(db);
}

/**
 * Drafts never finished (the person did not open the private chat): removed after a day. So
 * are drafts the code before December 2026 kept as "withdrawn" when cancelled (they stayed in
 * /mesdonnees for ever). A request that was published has left marks a draft never has: its
 * card in the group, a round of volunteers asked (`rounds`, help_notifications), a volunteer,
 * a match or an end; a withdrawn request with none of them was never seen by anyone.
 */
export async function deleteStaleDrafts(db: DbOrTx, before: Date): Promise<number> {
  const neverPublished = and(
    eq(helpRequests.status, 'withdrawn'),
    isNull(helpRequests.cardMessageId),
    eq(helpRequests.rounds, 0),
    isNull(helpRequests.volunteerId),
    isNull(helpRequests.matchedAt),
    isNull(helpRequests.doneAt),
    notExists(
      db
        .select({ one: sql`1` })
        .from(helpNotifications)
        .where(eq(helpNotifications.requestId, helpRequests.id)),
    ),
  );
  const deleted = await db
    .delete(helpRequests)
    .where(
      and(or(eq(helpRequests.status, 'draft'), neverPublished), lt(helpRequests.createdAt, before)),
    )
    .returning({ id: helpRequests.id });
  return deleted.length;
}

/** A person's latest unfinished draft for a group, if recent. */
export async function findLatestDraft(
  db: DbOrTx,
  personId: number,
  chatId: number,
  since: Date,
): Promise<HelpRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.requesterId, personId),
        eq(helpRequests.chatId, chatId),
        eq(helpRequests.status, 'draft'),
        gte(helpRequests.createdAt, since),
      ),
    )
    .orderBy(desc(helpRequests.createdAt))
    .limit(1);
  return row;
}

/** How many requests a person published since a time and did not withdraw (the limit). */
export async function countRecentRequests(
  db: DbOrTx,
  personId: number,
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.requesterId, personId),
        gte(helpRequests.createdAt, since),
        // Withdrawn needs make room, as the refusal says ("ou retirez une demande").
        notInArray(helpRequests.status, ['draft', 'withdrawn']),
      ),
    );
  return row?.count ?? 0;
}

/** A person's requests still in progress (newest first), in every group. */
export async function findActiveRequestsOf(
  db: DbOrTx,
  personId: number,
): Promise<HelpRequestRow[]> {
  return db
    .select()
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.requesterId, personId),
        inArray(helpRequests.status, ['open', 'offered', 'matched']),
      ),
    )
    .orderBy(desc(helpRequests.createdAt));
}

/** The matched requests a person takes part in with relayed messages, newest first. */
export async function findRelaysOf(db: DbOrTx, personId: number): Promise<HelpRequestRow[]> {
  return db
    .select()
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.status, 'matched'),
        eq(helpRequests.contactMode, 'relay'),
        or(eq(helpRequests.requesterId, personId), eq(helpRequests.volunteerId, personId)),
      ),
    )
    .orderBy(desc(helpRequests.matchedAt));
}

/** Requests a volunteer took and not finished (freed when they leave or withdraw). */
export async function findTakenBy(db: DbOrTx, personId: number, chatId?: number) {
  return db
    .select()
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.volunteerId, personId),
        inArray(helpRequests.status, ['offered', 'matched']),
        ...(chatId !== undefined ? [eq(helpRequests.chatId, chatId)] : []),
      ),
    );
}

/**
 * Needs taken by a volunteer who is gone without a word (their data was erased, which
 * leaves the request without volunteer): they go back to the search.
 */
export async function findOrphanedTakenRequests(db: DbOrTx, limit: number) {
  return db
    .select()
    .from(helpRequests)
    .where(
      and(inArray(helpRequests.status, ['offered', 'matched']), isNull(helpRequests.volunteerId)),
    )
    .limit(limit);
}

/** Open needs of a group, oldest first (the board and the weekly summary). */
export async function findOpenRequests(db: DbOrTx, chatId: number): Promise<HelpRequestRow[]> {
  return db
    .select()
    .from(helpRequests)
    .where(and(eq(helpRequests.chatId, chatId), inArray(helpRequests.status, ['open', 'offered'])))
    .orderBy(asc(helpRequests.createdAt))
    .limit(50);
}

/** Groups with open needs, for the weekly summary. */
export async function findChatsWithOpenRequests(db: DbOrTx, afterChatId: number, limit: number) {
  const rows = await db
    .selectDistinct({ chatId: helpRequests.chatId })
    .from(helpRequests)
    .where(and(eq(helpRequests.status, 'open'), sql`${helpRequests.chatId} > ${afterChatId}`))
    .orderBy(asc(helpRequests.chatId))
    .limit(limit);
  return rows.map((r) => r.chatId);
}

/** Services rendered in a group since a date, by category. */
export async function countServices(db: DbOrTx, chatId: number, since: Date) {
  return db
    .select({ category: helpRequests.category, count: sql<number>`count(*)::int` })
    .from(helpRequests)
    .where(
      and(
        eq(helpRequests.chatId, chatId),
        eq(helpRequests.status, 'done'),
        gte(helpRequests.doneAt, since),
      ),
    )
    .groupBy(helpRequests.category);
}

// --- Reaching people privately ---

/** The groups a person is a member of (where the bot still is). */
/** The active groups a person is in, whole rows, on one platform (one statement). */
export async function findMemberChats(
  db: DbOrTx,
  personId: number,
  platform: string,
): Promise<(typeof chats.$inferSelect)[]> {
  const rows = await db
    .select({ chat: chats })
    .from(chatMembers)
    .innerJoin(chats, eq(chats.id, chatMembers.chatId))
    .where(
      and(
        eq(chatMembers.personId, personId),
        isNull(chatMembers.leftAt),
        eq(chats.kind, 'group'),
        eq(chats.active, true),
        eq(chats.platform, platform),
      ),
    )
    .orderBy(asc(chats.id));
  return rows.map((r) => r.chat);
}

export async function findMemberGroups(db: DbOrTx, personId: number) {
  return db
    .select({ id: chats.id, name: sql<string>`coalesce(${chats.name}, ${chats.title}, '')` })
    .from(chatMembers)
    .innerJoin(chats, eq(chats.id, chatMembers.chatId))
    .where(
      and(
        eq(chatMembers.personId, personId),
        isNull(chatMembers.leftAt),
        eq(chats.kind, 'group'),
        eq(chats.active, true),
      ),
    )
    .orderBy(asc(chats.id));
}

export async function findPersonContact(db: DbOrTx, personId: number) {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  if (!person) return undefined;
  const ids = await db
    .select({ externalId: personIdentities.externalId })
    .from(personIdentities)
    .where(eq(personIdentities.personId, personId));
  return { person, ids: ids.map((i) => i.externalId) };
}

// --- Privacy ---

/** A person's offers (with each group's name), needs, and needs they took: /mesdonnees. */
export interface MutualAidDataOfPerson {
  offers: {
    /** The whole volunteers row; timestamps as ISO strings. */
    volunteer: JsonRow<VolunteerRow>;
    groupName: string;
  }[];
  requests: {
    category: string;
    description: string;
    status: HelpStatus;
    /** When it was needed, as the person said it, and as dates when known. */
    when: string | null;
    neededOn: string | null;
    neededUntil: string | null;
    urgent: boolean;
    nameShown: boolean;
    /** The language it was asked in, when not the private chat's (null: the chat's). */
    locale: string | null;
    createdAt: string;
  }[];
  helped: { category: string; status: HelpStatus }[];
}

/**
 * MutualAidDataOfPerson as json for the person $1: a fragment of the privacy export. The
 * volunteer's row is spelled out column by column: a column added to volunteers must be
 * added here too (tests/handlers/privacy/export.test.ts checks it).
 */
export const MUTUAL_AID_DATA_OF_PERSON = `json_build_object(
  'offers', (
    SELECT coalesce(json_agg(json_build_object(
        'volunteer', json_build_object(
          'id', v.id,
          'chatId', v.chat_id,
          'personId', v.person_id,
          'categories', v.categories,
          'availability', v.availability,
          'availabilitySlots', v.availability_slots,
          'pausedUntil', v.paused_until,
          'active', v.active,
          'lastNotifiedAt', ${isoTime('v.last_notified_at')},
          'createdAt', ${isoTime('v.created_at')},
          'updatedAt', ${isoTime('v.updated_at')}
        ),
        'groupName', coalesce(c.name, c.title, '')
      ) ORDER BY v.id), '[]')
    FROM volunteers v JOIN chats c ON c.id = v.chat_id
    WHERE v.person_id = $1::bigint),
  'requests', (
    SELECT coalesce(json_agg(json_build_object(
        'category', category, 'description', description, 'status', status,
        'when', when_text, 'neededOn', needed_on, 'neededUntil', needed_until,
        'urgent', urgent, 'nameShown', show_name, 'locale', locale,
        'createdAt', ${isoTime('created_at')}
      ) ORDER BY id), '[]')
    FROM help_requests WHERE requester_id = $1::bigint),
  'helped', (
    SELECT coalesce(json_agg(json_build_object('category', category, 'status', status)
      ORDER BY id), '[]')
    FROM help_requests WHERE volunteer_id = $1::bigint)
)`;

export async function eraseMutualAidDataOfPerson(db: DbOrTx, personId: number): Promise<void> {
  await db.delete(helpRequests).where(eq(helpRequests.requesterId, personId));
  await db.delete(helpNotifications).where(eq(helpNotifications.personId, personId));
  await db.delete(volunteers).where(eq(volunteers.personId, personId));
  await db
    .update(helpRequests)
    .set({ volunteerId: null })
    .where(eq(helpRequests.volunteerId, personId));
}
