// What each of a partner city's local events told its groups, for the console's programme
// page: announcements, changes and cancellations sent and still to send, and the groups told.
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';
import { TOLD } from './local-event-announcements.ts';

/** What each of a partner's events told its groups, for the console's list. */
export interface AnnouncementReport {
  /** Groups that got the announcement. */
  announced: number;
  /** Announcements still to send (the plan or the catch-up running). */
  announcing: number;
  /** Change messages sent, and still to send. */
  changes: number;
  changing: number;
  /** Cancellations sent, and still to send. */
  cancelled: number;
  cancelling: number;
  /** Groups told of the event (its announcement or a change reached them, or may have). */
  told: number;
}

const REPORT = compact(`
  SELECT a.event_id,
    count(*) FILTER (WHERE a.kind = 'announcement' AND a.status = 'sent')::int AS announced,
    count(*) FILTER (WHERE a.kind = 'announcement' AND a.status IN ('pending', 'sending'))::int
      AS announcing,
    count(*) FILTER (WHERE a.kind = 'change' AND a.status = 'sent')::int AS changes,
    count(*) FILTER (WHERE a.kind = 'change' AND a.status IN ('pending', 'sending'))::int
      AS changing,
    count(*) FILTER (WHERE a.kind = 'cancellation' AND a.status = 'sent')::int AS cancelled,
    count(*) FILTER (WHERE a.kind = 'cancellation' AND a.status IN ('pending', 'sending'))::int
      AS cancelling,
    count(DISTINCT a.chat_id) FILTER (WHERE a.kind <> 'cancellation' AND ${TOLD})::int AS told
  FROM local_event_announcements a
  JOIN partner_local_events e ON e.id = a.event_id
  WHERE e.partner_id = $1::bigint
  GROUP BY a.event_id`);

export async function findAnnouncementReports(
  db: DbOrTx,
  partnerId: number,
): Promise<Map<number, AnnouncementReport>> {
  const rows = await queryStatement<AnnouncementReport & { event_id: string }>(db, REPORT, [
    partnerId,
  ]);
  return new Map(
    rows.map(({ event_id, ...report }) => [
      Number(event_id),
      Object.fromEntries(Object.entries(report).map(([k, v]) => [k, Number(v)])) as never,
    ]),
  );
}
