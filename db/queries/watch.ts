// Heat and cold watch: referents, the neighbours who agreed to be checked on, vigilance
// levels per département, and check-ins. A check-in is unique per neighbour and round, so
// a round replayed after a crash, or run by two instances, never asks twice.
import {
  and,
  asc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  ne,
  notExists,
  or,
  sql,
} from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { isoTime, type JsonRow } from './privacy-export.ts';
import { enqueueJobs, type NewJob } from './jobs.ts';
import { recordActivity } from './rollups.ts';
import {
  eraseRegistryRequestsOfPerson,
  REGISTRY_REQUESTS_OF_PERSON,
  type RegistryRequestsOfPerson,
} from './registry-requests.ts';
import {
  chatMembers,
  chats,
  checkIns,
  people,
  referents,
  vigilanceLevels,
  watchedNeighbours,
} from '../schema.ts';

export type ReferentRow = typeof referents.$inferSelect;
export type WatchedRow = typeof watchedNeighbours.$inferSelect;
export type CheckInRow = typeof checkIns.$inferSelect;
export type VigilanceRow = typeof vigilanceLevels.$inferSelect;
export type Outcome = CheckInRow['outcome'];

// --- Referents ---

export async function saveReferent(
  db: DbOrTx,
  referent: Pick<ReferentRow, 'chatId' | 'personId' | 'status'>,
): Promise<ReferentRow> {
  const [row] = await db
    .insert(referents)
    .values(referent)
    .onConflictDoUpdate({
      target: [referents.chatId, referents.personId],
      set: { status: referent.status },
    })
    .returning();
  if (!row) throw new Error('saveReferent returned no row');
  return row;
}

export async function findReferent(db: DbOrTx, id: number): Promise<ReferentRow | undefined> {
  const [row] = await db.select().from(referents).where(eq(referents.id, id));
  return row;
}

export async function findReferentIn(
  db: DbOrTx,
  chatId: number,
  personId: number,
): Promise<ReferentRow | undefined> {
  const [row] = await db
    .select()
    .from(referents)
    .where(and(eq(referents.chatId, chatId), eq(referents.personId, personId)));
  return row;
}

export async function updateReferent(
  db: DbOrTx,
  id: number,
  set: Partial<Pick<ReferentRow, 'status' | 'backupPersonId'>>,
  from?: ReferentRow['status'][],
): Promise<ReferentRow | undefined> {
  const [row] = await db
    .update(referents)
    .set(set)
    .where(and(eq(referents.id, id), ...(from ? [inArray(referents.status, from)] : [])))
    .returning();
  return row;
}

/** The groups where a person is an active referent. */
export async function findReferentGroups(db: DbOrTx, personId: number) {
  return db
    .select({
      referent: referents,
      name: sql<string>`coalesce(${chats.name}, ${chats.title}, '')`,
    })
    .from(referents)
    .innerJoin(chats, eq(chats.id, referents.chatId))
    .where(and(eq(referents.personId, personId), eq(referents.status, 'active')))
    .orderBy(asc(referents.chatId));
}

/** Active referents of a group, with their names (for choosing a backup). */
export async function findActiveReferents(db: DbOrTx, chatId: number) {
  return db
    .select({ referent: referents, displayName: people.displayName })
    .from(referents)
    .innerJoin(people, eq(people.id, referents.personId))
    .where(and(eq(referents.chatId, chatId), eq(referents.status, 'active')))
    .orderBy(asc(referents.id));
}

// --- Watched neighbours ---

export async function createWatched(
  db: DbOrTx,
  watched: Pick<
    typeof watchedNeighbours.$inferInsert,
    | 'chatId'
    | 'referentPersonId'
    | 'name'
    | 'location'
    | 'reach'
    | 'emergencyContact'
    | 'status'
    | 'expiresOn'
  >,
): Promise<WatchedRow> {
  const [row] = await db.insert(watchedNeighbours).values(watched).returning();
  if (!row) throw new Error('createWatched returned no row');
  return row;
}

export async function findWatched(db: DbOrTx, id: number): Promise<WatchedRow | undefined> {
  const [row] = await db.select().from(watchedNeighbours).where(eq(watchedNeighbours.id, id));
  return row;
}

export async function updateWatched(
  db: DbOrTx,
  id: number,
  set: Partial<
    Pick<
      WatchedRow,
      | 'status'
      | 'location'
      | 'reach'
      | 'emergencyContact'
      | 'consentBy'
      | 'consentRecordedBy'
      | 'consentAt'
      | 'personId'
      | 'expiresOn'
      | 'referentPersonId'
    >
  >,
  from?: WatchedRow['status'][],
): Promise<WatchedRow | undefined> {
  const [row] = await db
    .update(watchedNeighbours)
    .set(set)
    .where(
      and(eq(watchedNeighbours.id, id), ...(from ? [inArray(watchedNeighbours.status, from)] : [])),
    )
    .returning();
  return row;
}

/** A referent's neighbours in a group (or in all groups), not removed. */
export async function findWatchedOf(db: DbOrTx, referentPersonId: number, chatId?: number) {
  return db
    .select()
    .from(watchedNeighbours)
    .where(
      and(
        eq(watchedNeighbours.referentPersonId, referentPersonId),
        ne(watchedNeighbours.status, 'removed'),
        ...(chatId !== undefined ? [eq(watchedNeighbours.chatId, chatId)] : []),
      ),
    )
    .orderBy(asc(watchedNeighbours.id));
}

/** Neighbours to check on in a round: consent recorded, not expired. */
export async function findActiveWatched(db: DbOrTx, chatId: number, today: string) {
  return db
    .select()
    .from(watchedNeighbours)
    .where(
      and(
        eq(watchedNeighbours.chatId, chatId),
        eq(watchedNeighbours.status, 'active'),
        isNotNull(watchedNeighbours.consentAt),
        gte(watchedNeighbours.expiresOn, today),
      ),
    )
    .orderBy(asc(watchedNeighbours.id));
}

/** Hands a referent's neighbours in a group to someone else (or to nobody: the organisers). */
/** How many neighbours (not removed) a referent watches over in a group. */
export async function countWatchedBy(
  db: DbOrTx,
  chatId: number,
  personId: number,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(watchedNeighbours)
    .where(
      and(
        eq(watchedNeighbours.chatId, chatId),
        eq(watchedNeighbours.referentPersonId, personId),
        ne(watchedNeighbours.status, 'removed'),
      ),
    );
  return Number(row?.n ?? 0);
}

export async function handOverWatched(
  db: DbOrTx,
  chatId: number,
  fromPersonId: number,
  toPersonId: number | null,
): Promise<number> {
  const moved = await db
    .update(watchedNeighbours)
    .set({ referentPersonId: toPersonId })
    .where(
      and(
        eq(watchedNeighbours.chatId, chatId),
        eq(watchedNeighbours.referentPersonId, fromPersonId),
        ne(watchedNeighbours.status, 'removed'),
      ),
    )
    .returning({ id: watchedNeighbours.id });
  return moved.length;
}

/** Consents that ran out with their season. */
export async function expireWatched(db: DbOrTx, today: string): Promise<number> {
  const expired = await db
    .update(watchedNeighbours)
    .set({ status: 'removed' })
    .where(and(ne(watchedNeighbours.status, 'removed'), lt(watchedNeighbours.expiresOn, today)))
    .returning({ id: watchedNeighbours.id });
  return expired.length;
}

/**
 * Neighbours no longer watched (removed, refused, or past their season) whose check-in history
 * is gone: nothing is kept about them any more.
 */
export async function deleteRemovedWatched(db: DbOrTx): Promise<number> {
  const deleted = await db
    .delete(watchedNeighbours)
    .where(
      and(
        eq(watchedNeighbours.status, 'removed'),
        notExists(
          db
            .select({ id: checkIns.id })
            .from(checkIns)
            .where(eq(checkIns.watchedId, watchedNeighbours.id)),
        ),
      ),
    )
    .returning({ id: watchedNeighbours.id });
  return deleted.length;
}

// --- Vigilance ---

export async function findVigilance(db: DbOrTx, departement: string): Promise<VigilanceRow[]> {
  return db.select().from(vigilanceLevels).where(eq(vigilanceLevels.departement, departement));
}

/**
 * Sets a level; returns the new row and the previous level when it changed, undefined when
 * it was already at that level (nothing to announce).
 */
export async function saveVigilance(
  db: DbOrTx,
  reading: Pick<VigilanceRow, 'departement' | 'hazard' | 'level' | 'source'>,
  now: Date,
): Promise<{ row: VigilanceRow; previous: VigilanceRow['level'] } | undefined> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(vigilanceLevels)
      .where(
        and(
          eq(vigilanceLevels.departement, reading.departement),
          eq(vigilanceLevels.hazard, reading.hazard),
        ),
      )
      .for('update');
    // No row is green: a first green reading (a first import) is no change to announce.
    if ((current?.level ?? 'green') === reading.level) return undefined;
    const [row] = await tx
      .insert(vigilanceLevels)
      .values({ ...reading, changedAt: now })
      .onConflictDoUpdate({
        target: [vigilanceLevels.departement, vigilanceLevels.hazard],
        set: {
          level: reading.level,
          source: reading.source,
          changedAt: now,
          version: sql`${vigilanceLevels.version} + 1`,
        },
      })
      .returning();
    if (!row) throw new Error('saveVigilance returned no row');
    return { row, previous: current?.level ?? 'green' };
  });
}

/** Départements on alert for a hazard at or above the given levels. */
export async function findAlerts(db: DbOrTx, alertLevels: VigilanceRow['level'][]) {
  return db.select().from(vigilanceLevels).where(inArray(vigilanceLevels.level, alertLevels));
}

/** Active groups of a département, a page at a time. */
export async function findGroupsInDepartement(
  db: DbOrTx,
  departement: string,
  afterId: number,
  limit: number,
) {
  return db
    .select()
    .from(chats)
    .where(
      and(
        eq(chats.departement, departement),
        eq(chats.kind, 'group'),
        eq(chats.active, true),
        sql`${chats.id} > ${afterId}`,
      ),
    )
    .orderBy(asc(chats.id))
    .limit(limit);
}

// --- Check-ins ---

/** Creates the check-in of a round, or finds the one already created (never two). */
export async function openCheckIn(
  db: DbOrTx,
  checkIn: Pick<CheckInRow, 'watchedId' | 'chatId' | 'hazard' | 'round' | 'referentPersonId'>,
): Promise<CheckInRow> {
  const [created] = await db.insert(checkIns).values(checkIn).onConflictDoNothing().returning();
  if (created) return created;
  const [existing] = await db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.watchedId, checkIn.watchedId), eq(checkIns.round, checkIn.round)));
  if (!existing) throw new Error('openCheckIn found no row');
  return existing;
}

export async function findCheckIn(db: DbOrTx, id: number): Promise<CheckInRow | undefined> {
  const [row] = await db.select().from(checkIns).where(eq(checkIns.id, id));
  return row;
}

/**
 * Records that a check-in went out and plans its ladder, in one transaction: a crash (or a
 * failed insert) leaves neither, so the retry asks again and plans the ladder, rather than
 * finding the check-in sent and leaving its silence unwatched.
 */
export async function markCheckInSent(
  db: DbOrTx,
  id: number,
  now: Date,
  ladder: NewJob[],
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(checkIns)
      .set({ sentAt: now })
      .where(eq(checkIns.id, id))
      .returning({ chatId: checkIns.chatId });
    await enqueueJobs(tx, ladder);
    if (row) await recordActivity(tx, { chatId: row.chatId, metric: 'watch:round', at: now });
  });
}

const ANSWERED_FAST_MS = 2 * 3_600_000;

/** A check-in still waiting for news: unanswered, or answered "unreachable". */
export const OPEN_OUTCOMES: Outcome[] = ['pending', 'unreachable'];

/**
 * Records an answer (a later answer replaces an earlier one: "still unreachable" → "fine").
 * The first answer, whatever it says, counts in the console's figures: answered, and
 * answered within 2 hours of the check-in being sent.
 */
export async function answerCheckIn(
  db: DbOrTx,
  id: number,
  outcome: Exclude<Outcome, 'pending'>,
  personId: number,
  now: Date,
): Promise<CheckInRow | undefined> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ answeredAt: checkIns.answeredAt })
      .from(checkIns)
      .where(eq(checkIns.id, id))
      .for('update');
    // Closed ("fine", "needs help") is closed: a second answer, even at the same moment,
    // changes nothing (the caller says who closed it).
    const [row] = await tx
      .update(checkIns)
      .set({ outcome, answeredBy: personId, answeredAt: now })
      .where(and(eq(checkIns.id, id), inArray(checkIns.outcome, OPEN_OUTCOMES)))
      .returning();
    if (row && before?.answeredAt === null) {
      await recordActivity(tx, { chatId: row.chatId, metric: 'watch:answered', at: now });
      if (row.sentAt && now.getTime() - row.sentAt.getTime() <= ANSWERED_FAST_MS) {
        await recordActivity(tx, { chatId: row.chatId, metric: 'watch:answered_2h', at: now });
      }
    }
    return row;
  });
}

/** Moves the ladder one step, only if still unanswered and not already past that step. */
export async function advanceLadder(
  db: DbOrTx,
  id: number,
  step: number,
  outcomes: Outcome[],
  now: Date,
): Promise<CheckInRow | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(checkIns)
      .set({ step })
      .where(and(eq(checkIns.id, id), inArray(checkIns.outcome, outcomes), lt(checkIns.step, step)))
      .returning();
    if (row)
      await recordActivity(tx, { chatId: row.chatId, metric: `watch:escalation:${step}`, at: now });
    return row;
  });
}

/**
 * Records that the ladder reached a rung outside its own steps (the backup asked to knock,
 * the organisers told to call 112): who may answer follows it. Not an escalation in the
 * figures (those count the silence ladder's own steps, see advanceLadder).
 */
export async function markStepReached(db: DbOrTx, id: number, step: number): Promise<void> {
  await db
    .update(checkIns)
    .set({ step: sql`greatest(${checkIns.step}, ${step})` })
    .where(eq(checkIns.id, id));
}

/** A neighbour's check-ins still waiting for news (sent before a given one), oldest first. */
export async function findOpenCheckInsOf(db: DbOrTx, watchedId: number, beforeId?: number) {
  return db
    .select()
    .from(checkIns)
    .where(
      and(
        eq(checkIns.watchedId, watchedId),
        inArray(checkIns.outcome, OPEN_OUTCOMES),
        isNotNull(checkIns.sentAt),
        ...(beforeId !== undefined ? [lt(checkIns.id, beforeId)] : []),
      ),
    )
    .orderBy(asc(checkIns.id));
}

/** The records of a person as a watched neighbour (any group, not removed). */
export async function findWatchedRecordsOf(db: DbOrTx, personId: number, chatId?: number) {
  return db
    .select()
    .from(watchedNeighbours)
    .where(
      and(
        eq(watchedNeighbours.personId, personId),
        ne(watchedNeighbours.status, 'removed'),
        ...(chatId !== undefined ? [eq(watchedNeighbours.chatId, chatId)] : []),
      ),
    )
    .orderBy(asc(watchedNeighbours.id));
}

/**
 * Check-ins sent since a time and still waiting for news (unanswered, or still unreachable)
 * that a person might answer: their own neighbours', those of referents they back up, and
 * those of the groups they are in (the caller checks who really may answer).
 */
export async function findOpenCheckInsAround(
  db: DbOrTx,
  personId: number,
  since: Date,
  limit: number,
) {
  const theirGroups = db
    .select({ chatId: chatMembers.chatId })
    .from(chatMembers)
    .where(and(eq(chatMembers.personId, personId), isNull(chatMembers.leftAt)));
  const backedUp = db
    .select({ chatId: referents.chatId })
    .from(referents)
    .where(eq(referents.backupPersonId, personId));
  return db
    .select({ checkIn: checkIns, watched: watchedNeighbours })
    .from(checkIns)
    .innerJoin(watchedNeighbours, eq(watchedNeighbours.id, checkIns.watchedId))
    .where(
      and(
        inArray(checkIns.outcome, OPEN_OUTCOMES),
        gte(checkIns.sentAt, since),
        ne(watchedNeighbours.status, 'removed'),
        or(
          eq(checkIns.referentPersonId, personId),
          eq(watchedNeighbours.referentPersonId, personId),
          inArray(checkIns.chatId, backedUp),
          inArray(checkIns.chatId, theirGroups),
        ),
      ),
    )
    .orderBy(asc(checkIns.id))
    .limit(limit);
}

/** Counts per outcome of a group's check-ins since a time (summaries: counts only). */
export async function countOutcomes(
  db: DbOrTx,
  chatId: number,
  since: Date,
  hazard?: CheckInRow['hazard'],
) {
  const rows = await db
    .select({ outcome: checkIns.outcome, count: sql<number>`count(*)::int` })
    .from(checkIns)
    .where(
      and(
        eq(checkIns.chatId, chatId),
        gte(checkIns.sentAt, since),
        ...(hazard ? [eq(checkIns.hazard, hazard)] : []),
      ),
    )
    .groupBy(checkIns.outcome);
  const counts = { pending: 0, ok: 0, needs_help: 0, unreachable: 0 };
  for (const row of rows) counts[row.outcome] = row.count;
  return counts;
}

/** Check-in history of a season, purged some days after it ends. */
export async function purgeCheckIns(
  db: DbOrTx,
  hazard: CheckInRow['hazard'],
  before: Date,
): Promise<number> {
  const deleted = await db
    .delete(checkIns)
    .where(
      and(eq(checkIns.hazard, hazard), or(lt(checkIns.sentAt, before), isNull(checkIns.sentAt))),
    )
    .returning({ id: checkIns.id });
  return deleted.length;
}

// --- Privacy ---

/** A person's referent roles, who they check on, and their own watch records: /mesdonnees. */
export interface WatchDataOfPerson {
  /** Active referent roles, with each group's name. */
  asReferent: { referent: JsonRow<ReferentRow>; name: string }[];
  watchedByThem: { name: string; status: WatchedRow['status'] }[];
  /**
   * Their own records as a watched neighbour: everything the referent noted, who checks on
   * them (first names as the bot knows them), the consent; consentAt as an ISO string.
   */
  watchedThemselves: {
    id: number;
    group: string;
    name: string;
    location: string | null;
    reach: string | null;
    emergencyContact: string | null;
    status: WatchedRow['status'];
    consentBy: WatchedRow['consentBy'];
    consentAt: string | null;
    /** The consent's day in the group's time zone (YYYY-MM-DD). */
    consentOn: string | null;
    expiresOn: string;
    referent: string | null;
    backup: string | null;
  }[];
  /** Requests to the partner's CCAS registry they filed, and those about them. */
  registryRequests: RegistryRequestsOfPerson;
}

/**
 * WatchDataOfPerson as json for the person $1: a fragment of the privacy export. The
 * referent's row is spelled out column by column: a column added to referents must be added
 * here too (tests/handlers/privacy/export.test.ts checks it).
 */
export const WATCH_DATA_OF_PERSON = `json_build_object(
  'asReferent', (
    SELECT coalesce(json_agg(json_build_object(
        'referent', json_build_object(
          'id', r.id,
          'chatId', r.chat_id,
          'personId', r.person_id,
          'status', r.status,
          'backupPersonId', r.backup_person_id,
          'createdAt', ${isoTime('r.created_at')}
        ),
        'name', coalesce(c.name, c.title, '')
      ) ORDER BY r.chat_id), '[]')
    FROM referents r JOIN chats c ON c.id = r.chat_id
    WHERE r.person_id = $1::bigint AND r.status = 'active'),
  'watchedByThem', (
    SELECT coalesce(json_agg(json_build_object('name', name, 'status', status) ORDER BY id), '[]')
    FROM watched_neighbours WHERE referent_person_id = $1::bigint),
  'watchedThemselves', (
    SELECT coalesce(json_agg(json_build_object(
        'id', w.id,
        'group', coalesce(c.name, c.title, ''),
        'name', w.name,
        'location', w.location,
        'reach', w.reach,
        'emergencyContact', w.emergency_contact,
        'status', w.status,
        'consentBy', w.consent_by,
        'consentAt', ${isoTime('w.consent_at')},
        'consentOn', to_char(w.consent_at AT TIME ZONE c.timezone, 'YYYY-MM-DD'),
        'expiresOn', w.expires_on,
        'referent', rp.display_name,
        'backup', bp.display_name
      ) ORDER BY w.id), '[]')
    FROM watched_neighbours w
    JOIN chats c ON c.id = w.chat_id
    LEFT JOIN people rp ON rp.id = w.referent_person_id
    LEFT JOIN referents r ON r.chat_id = w.chat_id AND r.person_id = w.referent_person_id
      AND r.status = 'active'
    LEFT JOIN people bp ON bp.id = r.backup_person_id
    WHERE w.person_id = $1::bigint),
  'registryRequests', ${REGISTRY_REQUESTS_OF_PERSON}
)`;

/**
 * Erases what is held about a person: their referent roles (their neighbours go to the
 * organisers, see the caller), and, if they are watched themselves, their record and
 * check-in history (cascade).
 */
export async function eraseWatchDataOfPerson(db: DbOrTx, personId: number): Promise<void> {
  await eraseRegistryRequestsOfPerson(db, personId);
  await db.delete(watchedNeighbours).where(eq(watchedNeighbours.personId, personId));
  await db
    .update(watchedNeighbours)
    .set({ referentPersonId: null })
    .where(eq(watchedNeighbours.referentPersonId, personId));
  await db
    .update(referents)
    .set({ backupPersonId: null })
    .where(eq(referents.backupPersonId, personId));
  await db.delete(referents).where(eq(referents.personId, personId));
}
