import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { queryStatement, type DbOrTx } from '../client.ts';
import { forgetChat, forgetPerson, identityCacheOf } from '../identity-cache.ts';
import { chatMembers, chats, people, personIdentities } from '../schema.ts';
import { mergePeopleByIdentities } from './merge-people.ts';

export type PersonRow = typeof people.$inferSelect;

export interface PersonSeen {
  platform: string;
  externalId: string;
  /** Other platform ids of the same person (WhatsApp @lid and @c.us). */
  aliases?: string[] | undefined;
  displayName: string;
}

/**
 * Finds or creates the person behind any of their platform ids, records every id so the
 * person stays one person, and refreshes their display name. Safe when two events of a new
 * person are handled at once (a group and a private chat): the identity's primary key
 * decides which person row wins, and the loser's row is removed.
 */
export async function savePersonSeen(db: DbOrTx, seen: PersonSeen): Promise<PersonRow> {
  const ids = [seen.externalId, ...(seen.aliases ?? [])];
  // Ids that name two people (created before the link between them was known): one now.
  await mergePeopleByIdentities(db, seen.platform, ids);
  const known = await findPersonIdByIdentities(db, seen.platform, ids);
  if (known !== undefined) {
    const [person] = await db
      .update(people)
      // A vote or a group notification carries no name: keep the one we know.
      .set({
        displayName: sql`coalesce(nullif(${seen.displayName}, ''), ${people.displayName})`,
        lastSeenAt: sql`now()`,
      })
      .where(eq(people.id, known))
      .returning();
    if (person) {
      await saveIdentities(db, seen.platform, ids, person.id);
      forgetPerson(db, person.id);
      return person;
    }
  }
  const [created] = await db
    .insert(people)
    .values({ platform: seen.platform, displayName: seen.displayName })
    .returning();
  if (!created) throw new Error('savePersonSeen inserted no row');
  const claimed = await saveIdentities(db, seen.platform, ids, created.id);
  if (claimed.length > 0) return created;
  // Another handler recorded this person between our lookup and our insert.
  await db.delete(people).where(eq(people.id, created.id));
  const winner = await findPersonIdByIdentities(db, seen.platform, ids);
  const [person] =
    winner === undefined ? [] : await db.select().from(people).where(eq(people.id, winner));
  if (!person) throw new Error('savePersonSeen lost a race and found no winner');
  return person;
}

async function findPersonIdByIdentities(db: DbOrTx, platform: string, ids: string[]) {
  const [row] = await db
    .select({ personId: personIdentities.personId })
    .from(personIdentities)
    .where(and(eq(personIdentities.platform, platform), inArray(personIdentities.externalId, ids)))
    .limit(1);
  return row?.personId;
}

/** Records the ids not yet known; returns those this call recorded. */
async function saveIdentities(db: DbOrTx, platform: string, ids: string[], personId: number) {
  return db
    .insert(personIdentities)
    .values(ids.map((externalId) => ({ platform, externalId, personId })))
    .onConflictDoNothing()
    .returning({ externalId: personIdentities.externalId });
}

export async function findPersonByIdentity(
  db: DbOrTx,
  platform: string,
  externalId: string,
): Promise<PersonRow | undefined> {
  const [row] = await db
    .select({ person: people })
    .from(personIdentities)
    .innerJoin(people, eq(people.id, personIdentities.personId))
    .where(
      and(eq(personIdentities.platform, platform), eq(personIdentities.externalId, externalId)),
    );
  return row?.person;
}

export async function findPersonIdentities(db: DbOrTx, personId: number): Promise<string[]> {
  const rows = await db
    .select({ externalId: personIdentities.externalId })
    .from(personIdentities)
    .where(eq(personIdentities.personId, personId));
  return rows.map((r) => r.externalId);
}

export async function savePersonLocale(
  db: DbOrTx,
  personId: number,
  locale: string,
): Promise<void> {
  await db.update(people).set({ locale }).where(eq(people.id, personId));
  forgetPerson(db, personId);
}

export async function markMemberLeft(db: DbOrTx, chatId: number, personId: number): Promise<void> {
  await db
    .update(chatMembers)
    .set({ leftAt: sql`now()` })
    .where(and(eq(chatMembers.chatId, chatId), eq(chatMembers.personId, personId)));
  forgetPerson(db, personId);
}

/** Whether the bot knows the person as a member of the group now (seen there, not left). */
export async function findMembership(
  db: DbOrTx,
  chatId: number,
  personId: number,
): Promise<boolean> {
  // Asked on every press (handlers/access.ts): the identity cache often knows already;
  // otherwise a fixed text, prepared once per connection.
  const cache = identityCacheOf(db);
  if (cache?.knowsMember(chatId, personId)) return true;
  const readAt = cache?.startRead() ?? 0;
  const rows = await queryStatement(db, FIND_MEMBERSHIP, [chatId, personId]);
  if (rows.length === 0) return false;
  cache?.storeMember(readAt, chatId, personId);
  return true;
}

const FIND_MEMBERSHIP =
  'SELECT 1 FROM chat_members WHERE chat_id = $1::bigint AND person_id = $2::bigint AND left_at IS NULL';

/** Records the person as a member of the group (again, if they had left), active today. */
export async function saveMembership(db: DbOrTx, chatId: number, personId: number): Promise<void> {
  const cache = identityCacheOf(db);
  const readAt = cache?.startRead() ?? 0;
  await queryStatement(db, SAVE_MEMBERSHIP, [chatId, personId]);
  // Coming back after leaving is an UPDATE, announced on the channel like any other (a mere
  // mark of activity is not: migration 0015).
  cache?.storeMember(readAt, chatId, personId, true);
}

// Also marks them active today (the console's "neighbours active this year"), at most once a
// day: the caller comes here only when the membership or today's mark is missing.
const SAVE_MEMBERSHIP = `INSERT INTO chat_members (chat_id, person_id, last_active_at)
  VALUES ($1::bigint, $2::bigint, now())
  ON CONFLICT (chat_id, person_id) DO UPDATE SET left_at = NULL, last_active_at = now()
  WHERE chat_members.left_at IS NOT NULL OR chat_members.last_active_at IS NULL
    OR chat_members.last_active_at < date_trunc('day', now(), 'UTC')`;

const date = (value: unknown) => (value instanceof Date ? value : new Date(String(value)));

/** A people row as row_to_json gives it (snake_case) to a PersonRow. */
export function toPersonRow(r: Record<string, unknown>): PersonRow {
  return {
    id: Number(r.id),
    platform: String(r.platform),
    displayName: String(r.display_name),
    locale: (r.locale as string | null) ?? null,
    reachablePrivately: Boolean(r.reachable_privately),
    createdAt: date(r.created_at),
    lastSeenAt: date(r.last_seen_at),
  };
}

/** Erases the person; identities and memberships go with them (ON DELETE CASCADE). */
export async function deletePerson(db: DbOrTx, personId: number): Promise<void> {
  await db.delete(people).where(eq(people.id, personId));
  forgetPerson(db, personId);
}

export async function findPerson(db: DbOrTx, personId: number): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(people).where(eq(people.id, personId));
  return row;
}

/** A person's private chats with the bot have the person's platform ids as chat ids. */
export async function deletePrivateChats(db: DbOrTx, platform: string, externalIds: string[]) {
  if (externalIds.length === 0) return;
  const deleted = await db
    .delete(chats)
    .where(
      and(
        eq(chats.platform, platform),
        eq(chats.kind, 'private'),
        inArray(chats.externalId, externalIds),
      ),
    )
    .returning({ id: chats.id });
  for (const { id } of deleted) forgetChat(db, id);
}

/** The members of a group the bot knows (still there), oldest first. */
export async function findMembers(db: DbOrTx, chatId: number) {
  return db
    .select({ personId: people.id, displayName: people.displayName })
    .from(chatMembers)
    .innerJoin(people, eq(people.id, chatMembers.personId))
    .where(and(eq(chatMembers.chatId, chatId), isNull(chatMembers.leftAt)))
    .orderBy(chatMembers.firstSeenAt);
}

/** A person's private chat with the bot (the one they wrote from), if they ever wrote. */
export async function findPrivateChat(
  db: DbOrTx,
  personId: number,
): Promise<{ id: number; externalId: string; locale: string; platform: string } | undefined> {
  const [row] = await db
    .select({
      id: chats.id,
      externalId: chats.externalId,
      locale: chats.locale,
      platform: chats.platform,
    })
    .from(personIdentities)
    .innerJoin(
      chats,
      and(
        eq(chats.platform, personIdentities.platform),
        eq(chats.externalId, personIdentities.externalId),
        eq(chats.kind, 'private'),
      ),
    )
    .where(eq(personIdentities.personId, personId))
    .limit(1);
  return row;
}
