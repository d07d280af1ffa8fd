// City messages: what a partner city writes to the groups of its communes from the console,
// and the record of each group it reached (the delivery report). Every query that reaches
// groups goes through the partner's own communes and quartiers (partner_communes,
// quartiers.partner_id): a commune code or quartier id that is not the partner's reaches
// nothing, whatever the form said.
import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';
import { forgetChat } from '../identity-cache.ts';
import type { ChatRow } from './chats.ts';
import { isoTime } from './privacy-export.ts';
import { chats, cityMessageDeliveries, cityMessages, partners } from '../schema.ts';

export type CityMessageRow = Omit<typeof cityMessages.$inferSelect, 'attachmentData'>;

/** Every column but the attachment's bytes, read once per process by who sends it. */
const { attachmentData: _bytes, ...messageColumns } = getTableColumns(cityMessages);
export type DeliveryRow = typeof cityMessageDeliveries.$inferSelect;
export type DeliveryStatus = DeliveryRow['status'];

/** Which groups of a partner a message goes to; empty lists mean "all". */
export interface CityTarget {
  partnerId: number;
  communes: string[];
  quartierIds: number[];
  groupKinds: string[];
}

export interface NewCityMessage extends CityTarget {
  authorPersonId: number;
  textFr: string | null;
  textEn: string | null;
  urgent: boolean;
  attachment?: { name: string; data: Uint8Array } | undefined;
  sendAt: Date;
  /** As soon as "send" is pressed (sendAt is then the draft's time, replaced at sending). */
  sendNow?: boolean;
}

/** Records a draft (its preview is shown; nothing is sent until scheduleCityMessage). */
export async function createCityMessageDraft(db: DbOrTx, message: NewCityMessage): Promise<number> {
  const [row] = await db
    .insert(cityMessages)
    .values({
      partnerId: message.partnerId,
      authorPersonId: message.authorPersonId,
      textFr: message.textFr,
      textEn: message.textEn,
      urgent: message.urgent,
      communes: message.communes,
      quartierIds: message.quartierIds,
      groupKinds: message.groupKinds,
      attachmentName: message.attachment?.name ?? null,
      attachmentData: message.attachment
        ? Buffer.from(message.attachment.data).toString('base64')
        : null,
      sendAt: message.sendAt,
      sendNow: message.sendNow ?? false,
      status: 'draft',
    })
    .returning({ id: cityMessages.id });
  if (!row) throw new Error('city message draft not created');
  return row.id;
}

/**
 * A partner's draft becomes a scheduled message, once: a second press of "send" (a double
 * click, a reload) finds it scheduled already and returns undefined.
 */
export async function markCityMessageScheduled(
  db: DbOrTx,
  partnerId: number,
  id: number,
  now: Date,
): Promise<{ sendAt: Date; urgent: boolean } | undefined> {
  const [row] = await db
    .update(cityMessages)
    .set({
      status: 'scheduled',
      sendAt: sql`CASE WHEN ${cityMessages.sendNow} THEN ${now.toISOString()}::timestamptz ELSE ${cityMessages.sendAt} END`,
    })
    .where(
      and(
        eq(cityMessages.id, id),
        eq(cityMessages.partnerId, partnerId),
        eq(cityMessages.status, 'draft'),
      ),
    )
    .returning({ sendAt: cityMessages.sendAt, urgent: cityMessages.urgent });
  return row;
}

/** A partner's message (another partner's id finds nothing). */
export async function findCityMessage(
  db: DbOrTx,
  partnerId: number,
  id: number,
): Promise<CityMessageRow | undefined> {
  const [row] = await db
    .select(messageColumns)
    .from(cityMessages)
    .where(and(eq(cityMessages.id, id), eq(cityMessages.partnerId, partnerId)));
  return row;
}

export async function findCityMessageById(
  db: DbOrTx,
  id: number,
): Promise<CityMessageRow | undefined> {
  const [row] = await db.select(messageColumns).from(cityMessages).where(eq(cityMessages.id, id));
  return row;
}

/** A message's attachment, when it has one. */
export async function findCityMessageAttachment(
  db: DbOrTx,
  id: number,
): Promise<{ name: string; data: Uint8Array } | undefined> {
  const [row] = await db
    .select({ name: cityMessages.attachmentName, data: cityMessages.attachmentData })
    .from(cityMessages)
    .where(eq(cityMessages.id, id));
  if (!row?.name || row.data === null) return undefined;
  return { name: row.name, data: new Uint8Array(Buffer.from(row.data, 'base64')) };
}

/** A partner's latest messages, without their attachments' bytes. */
export async function listCityMessages(db: DbOrTx, partnerId: number, limit = 20) {
  return db
    .select({
      id: cityMessages.id,
      textFr: cityMessages.textFr,
      textEn: cityMessages.textEn,
      urgent: cityMessages.urgent,
      status: cityMessages.status,
      sendAt: cityMessages.sendAt,
      createdAt: cityMessages.createdAt,
    })
    .from(cityMessages)
    .where(eq(cityMessages.partnerId, partnerId))
    .orderBy(desc(cityMessages.createdAt), desc(cityMessages.id))
    .limit(limit);
}

// The partner's active groups in the chosen communes (theirs only), quartiers (theirs only)
// and kinds. $1 partner, $2 communes, $3 quartier ids, $4 kinds.
const TARGET_GROUPS = `
  SELECT c.id, c.platform, c.city_messages FROM chats c
  WHERE c.kind = 'group' AND c.active
    AND c.commune_insee IN (SELECT insee FROM partner_communes WHERE partner_id = $1::bigint)
    AND (cardinality($2::text[]) = 0 OR c.commune_insee = ANY ($2::text[]))
    AND (cardinality($3::bigint[]) = 0 OR c.quartier_id IN (
      SELECT id FROM quartiers WHERE partner_id = $1::bigint AND id = ANY ($3::bigint[])))
    AND (cardinality($4::text[]) = 0 OR c.group_kind = ANY ($4::text[]))`;

const targetParams = (t: CityTarget) => [t.partnerId, t.communes, t.quartierIds, t.groupKinds];

export interface TargetCount {
  platform: string;
  receiving: number;
  optedOut: number;
}

/** How many groups a target reaches, per platform, and how many of them said no. */
export async function countCityTargets(db: DbOrTx, target: CityTarget): Promise<TargetCount[]> {
  const rows = await queryStatement<{ platform: string; receiving: string; opted_out: string }>(
    db,
    compact(`SELECT platform, count(*) FILTER (WHERE city_messages) AS receiving,
      count(*) FILTER (WHERE NOT city_messages) AS opted_out
      FROM (${TARGET_GROUPS}) g GROUP BY platform ORDER BY platform`),
    targetParams(target),
  );
  return rows.map((r) => ({
    platform: r.platform,
    receiving: Number(r.receiving),
    optedOut: Number(r.opted_out),
  }));
}

const PLAN_DELIVERIES = compact(`
  INSERT INTO city_message_deliveries (message_id, chat_id, platform, status)
  SELECT $5::bigint, g.id, g.platform,
    CASE WHEN g.city_messages THEN 'pending' ELSE 'opted_out' END
  FROM (${TARGET_GROUPS}) g
  ON CONFLICT (message_id, chat_id) DO NOTHING`);

/** Records one delivery per group the message reaches (once, however often it is planned). */
export async function planDeliveries(db: DbOrTx, message: CityMessageRow): Promise<void> {
  await queryStatement(db, PLAN_DELIVERIES, [
    ...targetParams({
      partnerId: message.partnerId,
      communes: message.communes,
      quartierIds: message.quartierIds,
      groupKinds: message.groupKinds,
    }),
    message.id,
  ]);
}

/** The message's deliveries still to send, page by page (ids increasing). */
export async function findPendingDeliveries(
  db: DbOrTx,
  messageId: number,
  after: number,
  limit: number,
): Promise<{ id: number }[]> {
  return db
    .select({ id: cityMessageDeliveries.id })
    .from(cityMessageDeliveries)
    .where(
      and(
        eq(cityMessageDeliveries.messageId, messageId),
        eq(cityMessageDeliveries.status, 'pending'),
        sql`${cityMessageDeliveries.id} > ${after}`,
      ),
    )
    .orderBy(cityMessageDeliveries.id)
    .limit(limit);
}

/** Scheduled → sending (the plan ran); false when it was cancelled meanwhile. */
export async function markCityMessageSending(db: DbOrTx, id: number): Promise<boolean> {
  const rows = await db
    .update(cityMessages)
    .set({ status: 'sending' })
    .where(and(eq(cityMessages.id, id), inArray(cityMessages.status, ['scheduled', 'sending'])))
    .returning({ id: cityMessages.id });
  return rows.length > 0;
}

export interface DeliveryToSend {
  delivery: DeliveryRow;
  message: CityMessageRow;
  partnerName: string;
  chat: ChatRow;
}

/**
 * A delivery, its message and its group, while it is pending (or was being sent when its
 * worker died: `sending`); undefined once it is settled or its message was cancelled.
 */
export async function findDeliveryToSend(
  db: DbOrTx,
  deliveryId: number,
): Promise<DeliveryToSend | undefined> {
  const [row] = await db
    .select({
      delivery: cityMessageDeliveries,
      message: messageColumns,
      partnerName: partners.name,
      chat: chats,
    })
    .from(cityMessageDeliveries)
    .innerJoin(cityMessages, eq(cityMessages.id, cityMessageDeliveries.messageId))
    .innerJoin(partners, eq(partners.id, cityMessages.partnerId))
    .innerJoin(chats, eq(chats.id, cityMessageDeliveries.chatId))
    .where(eq(cityMessageDeliveries.id, deliveryId));
  const live = row?.delivery.status === 'pending' || row?.delivery.status === 'sending';
  if (!row || !live || row.message.status === 'cancelled') return undefined;
  return row;
}

const CLAIM_DELIVERY = compact(`
  UPDATE city_message_deliveries d SET status = 'sending'
  FROM city_messages m
  WHERE d.id = $1::bigint AND d.status = 'pending' AND m.id = d.message_id
    AND m.status <> 'cancelled'
  RETURNING d.id`);

/**
 * Marks a delivery as being sent, just before the platform is asked: false when it was
 * cancelled, or taken by another worker, meanwhile. A delivery left `sending` by a crash is
 * never sent again (it is reported as interrupted).
 */
export async function claimDelivery(db: DbOrTx, deliveryId: number): Promise<boolean> {
  return (await queryStatement(db, CLAIM_DELIVERY, [deliveryId])).length > 0;
}

/** The outcome of a delivery: sent, failed (why), opted out; or back to pending (not sent). */
export async function markDelivery(
  db: DbOrTx,
  deliveryId: number,
  status: DeliveryStatus,
  details: { error?: string; sentAt?: Date } = {},
): Promise<void> {
  await db
    .update(cityMessageDeliveries)
    .set({
      status,
      error: details.error?.slice(0, 500) ?? null,
      sentAt: details.sentAt ?? null,
    })
    .where(eq(cityMessageDeliveries.id, deliveryId));
}

/**
 * A send the platform did not answer (it may have it): pending again, counted, its words kept,
 * so the one more try knows it is the last (only from "sending": a cancellation wins).
 */
export async function markDeliveryUnsure(db: DbOrTx, deliveryId: number, error: string) {
  await db
    .update(cityMessageDeliveries)
    .set({
      status: 'pending',
      unsureSends: sql`${cityMessageDeliveries.unsureSends} + 1`,
      error: error.slice(0, 500),
    })
    .where(
      and(eq(cityMessageDeliveries.id, deliveryId), eq(cityMessageDeliveries.status, 'sending')),
    );
}

// The delivery's outcome, its send job's end (when given: the job holding the lease), and,
// when it was the last one left, the message's end, in one statement (a send costs few round
// trips: thousands of groups at a time).
const SETTLE_DELIVERY = compact(`
  WITH d AS (
    UPDATE city_message_deliveries SET status = $2, error = $3, sent_at = $4::timestamptz
    WHERE id = $1::bigint RETURNING id, message_id),
  j AS (
    UPDATE jobs SET status = 'done', finished_at = $5::timestamptz, locked_by = NULL,
      locked_until = NULL
    WHERE id = $6::bigint AND locked_by = $7::text)
  UPDATE city_messages m SET status = 'sent', finished_at = $5::timestamptz
  FROM d WHERE m.id = d.message_id AND m.status = 'sending' AND NOT EXISTS (
    SELECT 1 FROM city_message_deliveries x
    WHERE x.message_id = d.message_id AND x.status IN ('pending', 'sending') AND x.id <> d.id)`);

/**
 * Records a delivery's final outcome, and ends its message when nothing is left to send; and,
 * with `job`, marks that send job done in the same statement (markJobDone's effect, for the
 * worker holding its lease).
 */
export async function settleDelivery(
  db: DbOrTx,
  deliveryId: number,
  status: 'sent' | 'failed' | 'opted_out',
  now: Date,
  error?: string,
  job?: { id: number; workerId: string },
): Promise<void> {
  await queryStatement(db, SETTLE_DELIVERY, [
    deliveryId,
    status,
    error?.slice(0, 500) ?? null,
    status === 'sent' ? now.toISOString() : null,
    now.toISOString(),
    job?.id ?? null,
    job?.workerId ?? null,
  ]);
}

const FINISH = compact(`
  UPDATE city_messages SET status = 'sent', finished_at = $2::timestamptz
  WHERE id = $1::bigint AND status = 'sending' AND NOT EXISTS (
    SELECT 1 FROM city_message_deliveries
    WHERE message_id = $1::bigint AND status IN ('pending', 'sending'))
  RETURNING id`);

/** Marks the message sent once none of its deliveries is left to send. */
export async function finishCityMessageIfDone(
  db: DbOrTx,
  messageId: number,
  now: Date,
): Promise<boolean> {
  return (await queryStatement(db, FINISH, [messageId, now.toISOString()])).length > 0;
}

/**
 * Cancels a partner's message while it is scheduled or going out: it and its deliveries not
 * yet sent are cancelled (a send already under way finishes). False when there was nothing
 * left to cancel.
 */
export async function cancelCityMessage(
  db: DbOrTx,
  partnerId: number,
  id: number,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(cityMessages)
    .set({ status: 'cancelled', cancelledAt: now, finishedAt: now })
    .where(
      and(
        eq(cityMessages.id, id),
        eq(cityMessages.partnerId, partnerId),
        inArray(cityMessages.status, ['scheduled', 'sending']),
      ),
    )
    .returning({ id: cityMessages.id });
  if (rows.length === 0) return false;
  await db
    .update(cityMessageDeliveries)
    .set({ status: 'cancelled' })
    .where(
      and(eq(cityMessageDeliveries.messageId, id), eq(cityMessageDeliveries.status, 'pending')),
    );
  return true;
}

export interface DeliveryReport {
  /** Per platform and status, how many groups. */
  counts: { platform: string; status: DeliveryStatus; groups: number }[];
  /** Why deliveries failed, and how many for each reason. */
  failures: { platform: string; error: string; groups: number }[];
}

export async function readDeliveryReport(db: DbOrTx, messageId: number): Promise<DeliveryReport> {
  const counts = await db
    .select({
      platform: cityMessageDeliveries.platform,
      status: cityMessageDeliveries.status,
      groups: sql<number>`count(*)::int`,
    })
    .from(cityMessageDeliveries)
    .where(eq(cityMessageDeliveries.messageId, messageId))
    .groupBy(cityMessageDeliveries.platform, cityMessageDeliveries.status)
    .orderBy(cityMessageDeliveries.platform, cityMessageDeliveries.status);
  const failures = await db
    .select({
      platform: cityMessageDeliveries.platform,
      error: sql<string>`coalesce(${cityMessageDeliveries.error}, '')`,
      groups: sql<number>`count(*)::int`,
    })
    .from(cityMessageDeliveries)
    .where(
      and(
        eq(cityMessageDeliveries.messageId, messageId),
        eq(cityMessageDeliveries.status, 'failed'),
      ),
    )
    .groupBy(cityMessageDeliveries.platform, cityMessageDeliveries.error)
    .orderBy(desc(sql`count(*)`));
  return {
    counts: counts.map((c) => ({ ...c, groups: Number(c.groups) })),
    failures: failures.map((f) => ({ ...f, groups: Number(f.groups) })),
  };
}

/** The first city message a group gets carries a note; true when this one is the first. */
export async function markCityMessagesNoted(
  db: DbOrTx,
  chatId: number,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(chats)
    .set({ cityMessagesNotedAt: now })
    .where(and(eq(chats.id, chatId), sql`${chats.cityMessagesNotedAt} IS NULL`))
    .returning({ id: chats.id });
  if (rows.length > 0) forgetChat(db, chatId);
  return rows.length > 0;
}

/**
 * Deletes messages (and their deliveries) sent or cancelled before `before`, and drafts
 * never sent made before `draftsBefore`.
 */
export async function purgeCityMessages(
  db: DbOrTx,
  before: Date,
  draftsBefore: Date,
): Promise<number> {
  const rows = await db
    .delete(cityMessages)
    .where(
      sql`(${cityMessages.status} IN ('sent', 'cancelled')
          AND ${cityMessages.finishedAt} < ${before.toISOString()})
        OR (${cityMessages.status} = 'draft'
          AND ${cityMessages.createdAt} < ${draftsBefore.toISOString()})`,
    )
    .returning({ id: cityMessages.id });
  return rows.length;
}

// ---- privacy -------------------------------------------------------------------------

/** The city messages a person wrote from the console (/mesdonnees): their city, when, status. */
export interface CityMessagesOfPerson {
  written: { partner: string; at: string; status: CityMessageRow['status'] }[];
}

export const CITY_MESSAGES_OF_PERSON = `json_build_object(
  'written', (
    SELECT coalesce(json_agg(json_build_object(
        'partner', partners.name,
        'at', ${isoTime('city_messages.created_at')},
        'status', city_messages.status
      ) ORDER BY city_messages.created_at, city_messages.id), '[]')
    FROM city_messages JOIN partners ON partners.id = city_messages.partner_id
    WHERE city_messages.author_person_id = $1::bigint)
)`;

/** /oublier: the messages stay the city's, without their author. */
export async function forgetCityMessagesAuthor(db: DbOrTx, personId: number): Promise<void> {
  await db
    .update(cityMessages)
    .set({ authorPersonId: null })
    .where(eq(cityMessages.authorPersonId, personId));
}
