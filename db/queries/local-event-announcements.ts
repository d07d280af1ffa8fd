// What a partner city's local events told its groups (handlers/city-programme/): one row per
// message (the announcement, each change that mattered, the cancellation) and group, made at
// its round (the plan, the catch-up, a round of changes, the cancellation:
// local-event-rounds.ts), claimed (`sending`) just before the platform is asked, then
// settled; the claim writes the form the group was told, against which the next change is
// measured. Every claim checks the event is still at the revision composed (a removed or
// changed event is never sent in an old form).
import { and, eq, lt, sql } from 'drizzle-orm';
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';
import type { ChatRow } from './chats.ts';
import { chats, localEventAnnouncements, partnerLocalEvents, partners } from '../schema.ts';
import type { LocalEventRow } from './city-programme.ts';

export type AnnouncementRow = typeof localEventAnnouncements.$inferSelect;
export type AnnouncementKind = AnnouncementRow['kind'];

/** Why a message was not sent, or may have been (the console's report reads them). */
export const INTERRUPTED = 'reason:interrupted';
export const NOT_IN_GROUP = 'reason:not_in_group';
export const OPTED_OUT = 'reason:opted_out';
export const UNSURE = 'reason:unsure';
export const EVENT_REMOVED = 'reason:event_removed';
export const UNCHANGED = 'reason:unchanged';

/** A group told (`a` a message's row): sent, being sent, or with no answer from the platform
 * (it may have arrived). */
export const TOLD = `(a.status IN ('sent', 'sending')
  OR (a.status = 'failed' AND (a.error = '${INTERRUPTED}' OR a.error LIKE '${UNSURE}%')))`;

export async function findLocalEvent(
  db: DbOrTx,
  eventId: number,
): Promise<LocalEventRow | undefined> {
  const [row] = await db
    .select()
    .from(partnerLocalEvents)
    .where(eq(partnerLocalEvents.id, eventId));
  return row;
}

/** An event's messages of one kind still to send, page by page (ids increasing). */
export async function findPendingAnnouncements(
  db: DbOrTx,
  eventId: number,
  kind: AnnouncementKind,
  after: number,
  limit: number,
): Promise<{ id: number; round: number }[]> {
  return db
    .select({ id: localEventAnnouncements.id, round: localEventAnnouncements.round })
    .from(localEventAnnouncements)
    .where(
      and(
        eq(localEventAnnouncements.eventId, eventId),
        eq(localEventAnnouncements.kind, kind),
        eq(localEventAnnouncements.status, 'pending'),
        sql`${localEventAnnouncements.id} > ${after}`,
      ),
    )
    .orderBy(localEventAnnouncements.id)
    .limit(limit);
}

export interface ToldForm {
  chatId: number;
  date: string;
  time: string | null;
  place: string | null;
  title: string;
}

// The last form each group was told (its announcement or its last change), by group.
const FIND_TOLD = compact(`
  SELECT DISTINCT ON (a.chat_id) a.chat_id, a.date, a.time, a.place, a.title
  FROM local_event_announcements a
  WHERE a.event_id = $1::bigint AND a.kind <> 'cancellation' AND a.chat_id > $2::bigint
    AND ${TOLD}
  ORDER BY a.chat_id, a.id DESC
  LIMIT $3::int`);

/** The groups told of an event, with the last form each was told, page by page. */
export async function findToldGroups(
  db: DbOrTx,
  eventId: number,
  afterChatId: number,
  limit: number,
): Promise<ToldForm[]> {
  const rows = await queryStatement<{
    chat_id: string;
    date: string | null;
    time: string | null;
    place: string | null;
    title: string | null;
  }>(db, FIND_TOLD, [eventId, afterChatId, limit]);
  return rows.map((r) => ({
    chatId: Number(r.chat_id),
    date: r.date ?? '',
    time: r.time,
    place: r.place,
    title: r.title ?? '',
  }));
}

const FIND_TOLD_BEFORE = compact(`
  SELECT a.date, a.time, a.place, a.title FROM local_event_announcements a
  WHERE a.event_id = $1::bigint AND a.chat_id = $2::bigint AND a.kind <> 'cancellation'
    AND a.id < $3::bigint AND ${TOLD}
  ORDER BY a.id DESC LIMIT 1`);

/** What a group had been told before one of its messages (undefined: nothing). */
export async function findToldBefore(
  db: DbOrTx,
  row: Pick<AnnouncementRow, 'id' | 'eventId' | 'chatId'>,
): Promise<Omit<ToldForm, 'chatId'> | undefined> {
  const [told] = await queryStatement<{
    date: string | null;
    time: string | null;
    place: string | null;
    title: string | null;
  }>(db, FIND_TOLD_BEFORE, [row.eventId, row.chatId, row.id]);
  return told
    ? { date: told.date ?? '', time: told.time, place: told.place, title: told.title ?? '' }
    : undefined;
}

/** Whether some group was told of the event (or may have been). */
export async function hasToldGroups(db: DbOrTx, eventId: number): Promise<boolean> {
  const rows = await queryStatement(
    db,
    compact(`SELECT 1 FROM local_event_announcements a WHERE a.event_id = $1::bigint
      AND a.kind <> 'cancellation' AND ${TOLD} LIMIT 1`),
    [eventId],
  );
  return rows.length > 0;
}

/** Whether some message of `kind` of the event waits to be sent. */
export async function hasWaitingMessages(
  db: DbOrTx,
  eventId: number,
  kind: AnnouncementKind,
): Promise<boolean> {
  const rows = await db
    .select({ id: localEventAnnouncements.id })
    .from(localEventAnnouncements)
    .where(
      and(
        eq(localEventAnnouncements.eventId, eventId),
        eq(localEventAnnouncements.kind, kind),
        eq(localEventAnnouncements.status, 'pending'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The event's messages still waiting (its announcement, its changes) are not sent. */
export async function cancelPendingAnnouncements(db: DbOrTx, eventId: number): Promise<void> {
  await db
    .update(localEventAnnouncements)
    .set({ status: 'cancelled', error: EVENT_REMOVED })
    .where(
      and(
        eq(localEventAnnouncements.eventId, eventId),
        eq(localEventAnnouncements.status, 'pending'),
        sql`${localEventAnnouncements.kind} <> 'cancellation'`,
      ),
    );
}

export interface AnnouncementToSend {
  announcement: AnnouncementRow;
  event: LocalEventRow;
  partnerName: string;
  chat: ChatRow;
}

/** A message with its event and group while it is pending (or was being sent when its
 * worker died); undefined once settled or its event is gone. */
export async function findAnnouncementToSend(
  db: DbOrTx,
  id: number,
): Promise<AnnouncementToSend | undefined> {
  const [row] = await db
    .select({
      announcement: localEventAnnouncements,
      event: partnerLocalEvents,
      partnerName: partners.name,
      chat: chats,
    })
    .from(localEventAnnouncements)
    .innerJoin(partnerLocalEvents, eq(partnerLocalEvents.id, localEventAnnouncements.eventId))
    .innerJoin(partners, eq(partners.id, partnerLocalEvents.partnerId))
    .innerJoin(chats, eq(chats.id, localEventAnnouncements.chatId))
    .where(eq(localEventAnnouncements.id, id));
  const live = row?.announcement.status === 'pending' || row?.announcement.status === 'sending';
  return row && live ? row : undefined;
}

// The event must still be at the revision composed, and cancelled for a cancellation only.
const CLAIM_ANNOUNCEMENT = compact(`
  UPDATE local_event_announcements a
  SET status = 'sending', date = e.date, time = e.time, place = e.place, title = e.title
  FROM partner_local_events e
  WHERE a.id = $1::bigint AND a.status = 'pending' AND e.id = a.event_id
    AND e.revision = $2::int
    AND (e.cancelled_at IS NOT NULL) = (a.kind = 'cancellation')
  RETURNING a.id`);

/**
 * Marks a message as being sent, just before the platform is asked, if the event is still at
 * the revision it was composed from (and writes the form the group is told): false when it
 * was removed, changed, or taken by another worker meanwhile. One left `sending` by a crash
 * is never sent again.
 */
export async function claimAnnouncement(
  db: DbOrTx,
  id: number,
  revision: number,
): Promise<boolean> {
  return (await queryStatement(db, CLAIM_ANNOUNCEMENT, [id, revision])).length > 0;
}

/** The outcome: sent, failed (why), cancelled (why); or back to pending (not sent). */
export async function markAnnouncement(
  db: DbOrTx,
  id: number,
  status: AnnouncementRow['status'],
  details: { error?: string; sentAt?: Date } = {},
): Promise<void> {
  await db
    .update(localEventAnnouncements)
    .set({ status, error: details.error?.slice(0, 500) ?? null, sentAt: details.sentAt ?? null })
    .where(eq(localEventAnnouncements.id, id));
}

/**
 * A message whose send's outcome stayed unknown (no answer, or found `sending` after a crash)
 * that is sent once more: pending again, counted, the reason kept; only from `sending`.
 */
export async function markAnnouncementUnsure(db: DbOrTx, id: number, error: string): Promise<void> {
  await db
    .update(localEventAnnouncements)
    .set({
      status: 'pending',
      unsureSends: sql`${localEventAnnouncements.unsureSends} + 1`,
      error: error.slice(0, 500),
    })
    .where(and(eq(localEventAnnouncements.id, id), eq(localEventAnnouncements.status, 'sending')));
}

/**
 * Forgets the messages of events whose day was before `before` (YYYY-MM-DD), and the
 * cancelled events themselves (kept until then for their cancellation's report).
 */
export async function purgeAnnouncements(db: DbOrTx, before: string): Promise<number> {
  const gone = await db
    .delete(localEventAnnouncements)
    .where(
      sql`${localEventAnnouncements.eventId} IN (${db
        .select({ id: partnerLocalEvents.id })
        .from(partnerLocalEvents)
        .where(lt(partnerLocalEvents.date, before))})`,
    )
    .returning({ id: localEventAnnouncements.id });
  await db
    .delete(partnerLocalEvents)
    .where(
      and(lt(partnerLocalEvents.date, before), sql`${partnerLocalEvents.cancelledAt} IS NOT NULL`),
    );
  return gone.length;
}
