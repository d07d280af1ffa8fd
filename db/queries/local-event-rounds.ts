// The rows a round of a partner city's local event makes (handlers/city-programme/): the
// announcement for each group its plan or the catch-up finds, a change message for each group
// told whose form changed, a cancellation for each group told; and, for a group away from the
// city's messages (the bot removed, "non") when a change or the cancellation went out, a row
// saying so, which the catch-up makes pending again once the group is back (one row per
// message and group: local-event-announcements.ts).
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';
import { NOT_IN_GROUP, OPTED_OUT, TOLD } from './local-event-announcements.ts';

// For each event, the partner's active groups that accept city messages (`/parametres
// messages`): a group with no announcement gets one; one whose announcement was not sent
// because it had left or said "non" gets it again (its round counts it). A group that says
// "non" later is skipped at its send.
const PLAN_ANNOUNCEMENTS = compact(`
  WITH eligible AS (
    SELECT e.id AS event_id, c.id AS chat_id FROM partner_local_events e
    JOIN partner_communes pc ON pc.partner_id = e.partner_id
    JOIN chats c ON c.commune_insee = pc.insee
    WHERE e.id = ANY($1::bigint[]) AND e.cancelled_at IS NULL
      AND c.kind = 'group' AND c.active AND c.city_messages
  ), again AS (
    UPDATE local_event_announcements a
    SET status = 'pending', error = NULL, round = a.round + 1
    FROM eligible g
    WHERE a.event_id = g.event_id AND a.chat_id = g.chat_id AND a.kind = 'announcement'
      AND a.status = 'cancelled' AND a.error IN ('${OPTED_OUT}', '${NOT_IN_GROUP}')
    RETURNING a.id, a.event_id, a.round
  ), fresh AS (
    INSERT INTO local_event_announcements (event_id, chat_id)
    SELECT g.event_id, g.chat_id FROM eligible g
    WHERE NOT EXISTS (SELECT 1 FROM local_event_announcements a
      WHERE a.event_id = g.event_id AND a.chat_id = g.chat_id AND a.kind = 'announcement')
    ON CONFLICT DO NOTHING
    RETURNING id, event_id, round
  )
  SELECT id, event_id, round FROM again UNION ALL SELECT id, event_id, round FROM fresh`);

export interface NewRow {
  id: number;
  eventId: number;
  round: number;
}

/**
 * One announcement per group the events reach (once, however often they are planned), and
 * again for a group that has come back; returns the rows made pending now.
 */
export async function planAnnouncements(db: DbOrTx, eventIds: number[]): Promise<NewRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await queryStatement<{ id: string; event_id: string; round: number }>(
    db,
    PLAN_ANNOUNCEMENTS,
    [eventIds],
  );
  return rows.map((r) => ({ id: Number(r.id), eventId: Number(r.event_id), round: r.round }));
}

/** A group away from the city's messages: the bot removed, or "non" in /parametres. */
const AWAY = `('${NOT_IN_GROUP}', '${OPTED_OUT}')`;
const AWAY_STATUS = `CASE WHEN c.active AND c.city_messages THEN 'pending' ELSE 'cancelled' END`;
const AWAY_ERROR = `CASE WHEN NOT c.active THEN '${NOT_IN_GROUP}'
  WHEN NOT c.city_messages THEN '${OPTED_OUT}' END`;
/** Whether group `c` has a message of event `$1` in flight (pending or being sent). */
const IN_FLIGHT = (kind: string) => `EXISTS (SELECT 1 FROM local_event_announcements f
  WHERE f.event_id = $1::bigint AND f.chat_id = c.id AND f.kind = '${kind}'
    AND f.status IN ('pending', 'sending'))`;

// A change message for each of these groups: to send for a group still in the city's
// messages; for one away, recorded as not sent (why), so that it is sent if the group comes
// back before the eve (the catch-up). A group with one in flight already (a round run twice)
// gets no second (the partial unique index); one away gets no second record either (its last
// change is already one, or one in flight will be settled as one).
const ADD_CHANGES = compact(`
  INSERT INTO local_event_announcements (event_id, chat_id, kind, status, error)
  SELECT $1::bigint, c.id, 'change', ${AWAY_STATUS}, ${AWAY_ERROR} FROM chats c
  WHERE c.id = ANY($2::bigint[])
    AND (c.active AND c.city_messages OR NOT ${IN_FLIGHT('change')} AND NOT EXISTS (
      SELECT 1 FROM local_event_announcements x
      WHERE x.event_id = $1::bigint AND x.chat_id = c.id AND x.kind = 'change'
        AND x.status = 'cancelled' AND x.error IN ${AWAY}
        AND x.id = (SELECT max(y.id) FROM local_event_announcements y
          WHERE y.event_id = $1::bigint AND y.chat_id = c.id AND y.kind <> 'cancellation')))
  ON CONFLICT DO NOTHING`);

// For each event, its messages to groups that are back in the city's messages (the bot
// added again, "oui" again) and that were told of it while it was on, which were not sent
// because the group was away: the group's last change, if it is such a message and nothing
// came after it (the group has missed a change: it is told the event as it now is, against
// what it was told, once); or, for a cancelled event, its cancellation. A group whose message
// failed for another reason, or that has one in flight, is left alone: so nothing is sent
// twice, however often this runs.
const REVIVE_MISSED = compact(`
  UPDATE local_event_announcements a
  SET status = 'pending', error = NULL, round = a.round + 1
  FROM chats c
  WHERE a.event_id = ANY($1::bigint[]) AND a.kind = $2::text
    AND a.status = 'cancelled' AND a.error IN ${AWAY}
    AND c.id = a.chat_id AND c.active AND c.city_messages
    AND a.id = (SELECT max(y.id) FROM local_event_announcements y
      WHERE y.event_id = a.event_id AND y.chat_id = a.chat_id
        AND (y.kind = 'cancellation') = (a.kind = 'cancellation'))
    AND NOT EXISTS (SELECT 1 FROM local_event_announcements f
      WHERE f.event_id = a.event_id AND f.chat_id = a.chat_id AND f.kind = a.kind
        AND f.status IN ('pending', 'sending'))
  RETURNING a.id, a.event_id, a.round`);

/**
 * The changes (or cancellations) of these events that groups missed while away from the
 * city's messages, made pending again now that they are back; returns the rows.
 */
export async function reviveMissedMessages(
  db: DbOrTx,
  eventIds: number[],
  kind: 'change' | 'cancellation',
): Promise<NewRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await queryStatement<{ id: string; event_id: string; round: number }>(
    db,
    REVIVE_MISSED,
    [eventIds, kind],
  );
  return rows.map((r) => ({ id: Number(r.id), eventId: Number(r.event_id), round: r.round }));
}

export async function addChangeMessages(
  db: DbOrTx,
  eventId: number,
  chatIds: number[],
): Promise<void> {
  if (chatIds.length > 0) await queryStatement(db, ADD_CHANGES, [eventId, chatIds]);
}

// A cancellation for each group told of the event, once: to send for a group still in the
// city's messages; for one away, recorded as not sent (why), sent if it comes back before the
// event starts (the catch-up).
const ADD_CANCELLATIONS = compact(`
  INSERT INTO local_event_announcements (event_id, chat_id, kind, status, error)
  SELECT DISTINCT a.event_id, a.chat_id, 'cancellation', ${AWAY_STATUS}, ${AWAY_ERROR}
  FROM local_event_announcements a
  JOIN chats c ON c.id = a.chat_id
  WHERE a.event_id = $1::bigint AND a.kind <> 'cancellation' AND ${TOLD}
  ON CONFLICT DO NOTHING`);

export async function addCancellations(db: DbOrTx, eventId: number): Promise<void> {
  await queryStatement(db, ADD_CANCELLATIONS, [eventId]);
}
