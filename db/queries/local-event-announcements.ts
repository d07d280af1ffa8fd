// The announcements of a partner city's local events in its groups (handlers/city-programme/):
// one row per event and group, planned at the announcement's time for the groups that accept
// city messages, claimed (`sending`) just before the platform is asked, then settled. Every
// statement that sends checks the event is still the one planned (same date, same title): an
// event removed (its rows go with it) or changed since is not announced in its old form.
import { and, eq, lt, sql } from 'drizzle-orm';
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';
import type { ChatRow } from './chats.ts';
import { chats, localEventAnnouncements, partnerLocalEvents, partners } from '../schema.ts';
import type { LocalEventRow } from './city-programme.ts';

export type AnnouncementRow = typeof localEventAnnouncements.$inferSelect;

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

// The partner's active groups that accept city messages (the `/parametres messages` choice);
// a group that says "non" later is skipped at its send.
const PLAN_ANNOUNCEMENTS = compact(`
  INSERT INTO local_event_announcements (event_id, chat_id)
  SELECT e.id, c.id FROM partner_local_events e
  JOIN partner_communes pc ON pc.partner_id = e.partner_id
  JOIN chats c ON c.commune_insee = pc.insee
  WHERE e.id = $1::bigint AND c.kind = 'group' AND c.active AND c.city_messages
  ON CONFLICT (event_id, chat_id) DO NOTHING`);

/** One announcement per group the event reaches (once, however often it is planned). */
export async function planAnnouncements(db: DbOrTx, eventId: number): Promise<void> {
  await queryStatement(db, PLAN_ANNOUNCEMENTS, [eventId]);
}

/** An event's announcements still to send, page by page (ids increasing). */
export async function findPendingAnnouncements(
  db: DbOrTx,
  eventId: number,
  after: number,
  limit: number,
): Promise<{ id: number }[]> {
  return db
    .select({ id: localEventAnnouncements.id })
    .from(localEventAnnouncements)
    .where(
      and(
        eq(localEventAnnouncements.eventId, eventId),
        eq(localEventAnnouncements.status, 'pending'),
        sql`${localEventAnnouncements.id} > ${after}`,
      ),
    )
    .orderBy(localEventAnnouncements.id)
    .limit(limit);
}

export interface AnnouncementToSend {
  announcement: AnnouncementRow;
  event: LocalEventRow;
  partnerName: string;
  chat: ChatRow;
}

/** An announcement with its event and group while it is pending (or was being sent when its
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

const CLAIM_ANNOUNCEMENT = compact(`
  UPDATE local_event_announcements a SET status = 'sending'
  FROM partner_local_events e
  WHERE a.id = $1::bigint AND a.status = 'pending' AND e.id = a.event_id
    AND e.date = $2::text AND e.title = $3::text
  RETURNING a.id`);

/**
 * Marks an announcement as being sent, just before the platform is asked, if the event is
 * still as it will be announced (that date, that title): false when it was removed, changed,
 * or taken by another worker meanwhile. One left `sending` by a crash is never sent again.
 */
export async function claimAnnouncement(
  db: DbOrTx,
  id: number,
  event: { date: string; title: string },
): Promise<boolean> {
  return (await queryStatement(db, CLAIM_ANNOUNCEMENT, [id, event.date, event.title])).length > 0;
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

/** Forgets the announcements of events whose day was before `before` (YYYY-MM-DD). */
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
  return gone.length;
}

/** How many groups each of a partner's events was announced to (the console's list). */
export async function countAnnouncedGroups(
  db: DbOrTx,
  partnerId: number,
): Promise<Map<number, number>> {
  const rows = await db
    .select({ eventId: localEventAnnouncements.eventId, groups: sql<number>`count(*)::int` })
    .from(localEventAnnouncements)
    .innerJoin(partnerLocalEvents, eq(partnerLocalEvents.id, localEventAnnouncements.eventId))
    .where(
      and(eq(partnerLocalEvents.partnerId, partnerId), eq(localEventAnnouncements.status, 'sent')),
    )
    .groupBy(localEventAnnouncements.eventId);
  return new Map(rows.map((r) => [r.eventId, Number(r.groups)]));
}
