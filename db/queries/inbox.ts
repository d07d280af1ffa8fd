// The durable inbox (see the `inbox` table). One statement stores a batch of events: it
// records their ids (a redelivery is recognised and skipped), counts them for flood
// control, and keeps those that pass, leased to the instance that will handle them. Handled
// events are deleted in batches; rows whose lease ran out are taken over.
import { compactStatement as compact, queryRows, queryStatement, type DbOrTx } from '../client.ts';

export interface IncomingEvent {
  eventId: string;
  chatKey: string;
  /** The neutral event (stored as jsonb). */
  event: object;
  /** Flood control counts this event for this person in this chat (null: not counted). */
  personKey: string | null;
  /** …and for this group (null: not a group, or not counted). */
  groupKey: string | null;
  /** A private chat: a person's limit there is higher (a conversation with the bot, a form
   * of several answers, disturbs no one else). */
  isPrivate: boolean;
}

export type FloodVerdict = 'notice' | 'over' | 'group' | 'group_notice';

export interface StoredEvent {
  eventId: string;
  /** The inbox row; undefined when flood control dropped the event. */
  id: number | undefined;
  flood: FloodVerdict | null;
}

export interface FloodLimits {
  /** Commands and presses a person may send in a group in a minute. */
  personPerMinute: number;
  /** Messages and presses a person may send the bot privately in a minute. */
  privatePerMinute: number;
  /** …and all the members of a group together. */
  groupPerMinute: number;
}

/**
 * Stores the new events of a batch, and deletes the events handled since the last batch
 * (`handled`, in the same statement); returns one entry per new event (redeliveries are left
 * out). A person past their limit gets one event through, marked 'notice'; in a private chat
 * the others are dropped; in a group they are kept, marked 'over', since the person may be
 * one of its organisers (the router answers those, and drops the rest). Past the group's
 * limit events are kept, marked 'group' ('group_notice' for the first): the router lets
 * organisers through.
 */
export async function storeInboxEvents(
  db: DbOrTx,
  platform: string,
  events: IncomingEvent[],
  lease: { workerId: string; seconds: number },
  { limits, handled = [] }: { limits: FloodLimits; handled?: number[] },
): Promise<StoredEvent[]> {
  if (events.length === 0) {
    await deleteInboxEvents(db, handled);
    return [];
  }
  const rows = await queryStatement<{
    event_id: string;
    id: string | number | null;
    flood: string | null;
  }>(db, STORE, [
    toStorableJson(
      events.map((e) => ({
        e: e.eventId,
        c: e.chatKey,
        p: e.personKey,
        g: e.groupKey,
        l: e.isPrivate ? limits.privatePerMinute : limits.personPerMinute,
        v: e.event,
      })),
    ),
    platform,
    lease.workerId,
    limits.groupPerMinute,
    lease.seconds,
    handled,
  ]);
  return rows.map((r) => ({
    eventId: r.event_id,
    id: r.id === null ? undefined : Number(r.id),
    flood: r.flood as FloodVerdict | null,
  }));
}

/**
 * Adds a batch's counts to flood_counts: a key's minute starts with its first event, and a
 * count older than a minute starts again. Keys are taken in order, persons' before groups'
 * (STORE runs this for them in that order): batches that run at once (two flushes of one
 * instance, or several instances) lock the rows they share in the same order, and so wait
 * for each other instead of deadlocking.
 */
const countInto = (keys: string) => `
  INSERT INTO flood_counts AS f (key, window_start, count)
  SELECT key, now(), n FROM ${keys} ORDER BY key
  ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN f.window_start <= now() - interval '1 minute'
      THEN now() ELSE f.window_start END,
    count = CASE WHEN f.window_start <= now() - interval '1 minute'
      THEN excluded.count ELSE f.count + excluded.count END
  RETURNING key, count`;

const STORE = compact(`
  WITH done AS (DELETE FROM inbox WHERE id = ANY($6::bigint[])),
  incoming AS (
    SELECT DISTINCT ON (event_id) *
    FROM ROWS FROM (
      jsonb_to_recordset($1::jsonb) AS (e text, c text, p text, g text, l int, v jsonb)
    ) WITH ORDINALITY AS t(event_id, chat_key, person_key, group_key, person_limit, event, ord)
    ORDER BY event_id, ord
  ),
  fresh AS (
    INSERT INTO processed_events (event_id) SELECT event_id FROM incoming
    ON CONFLICT DO NOTHING RETURNING event_id
  ),
  arrivals AS (
    SELECT i.*, row_number() OVER (PARTITION BY i.person_key ORDER BY i.ord) AS person_rank
    FROM incoming i JOIN fresh USING (event_id)
  ),
  person_keys AS (
    SELECT person_key AS key, count(*)::int AS n FROM arrivals
    WHERE person_key IS NOT NULL GROUP BY person_key
  ),
  person_counts AS (${countInto('person_keys')}),
  -- Only what passes a person's limit counts for their group: one member's flood must not
  -- silence the others.
  passing AS (
    SELECT a.*, c.count - k.n + a.person_rank AS person_count
    FROM arrivals a
    LEFT JOIN person_counts c ON c.key = a.person_key
    LEFT JOIN person_keys k ON k.key = a.person_key
  ),
  group_ranked AS (
    SELECT p.*,
      CASE WHEN p.group_key IS NOT NULL AND coalesce(p.person_count <= p.person_limit, true)
        THEN row_number() OVER (
          PARTITION BY p.group_key, coalesce(p.person_count <= p.person_limit, true)
          ORDER BY p.ord
        )
      END AS group_rank_passing
    FROM passing p
  ),
  group_keys AS (
    SELECT group_key AS key, count(*)::int AS n FROM group_ranked
    WHERE group_rank_passing IS NOT NULL GROUP BY group_key
  ),
  group_counts AS (${countInto('group_keys')}),
  verdicts AS (
    SELECT g.*,
      CASE
        WHEN g.person_count = g.person_limit + 1 THEN 'notice'
        WHEN g.person_count > g.person_limit + 1 THEN 'over'
        WHEN c.count - k.n + g.group_rank_passing = $4::int + 1 THEN 'group_notice'
        WHEN c.count - k.n + g.group_rank_passing > $4::int + 1 THEN 'group'
      END AS flood
    FROM group_ranked g
    LEFT JOIN group_counts c ON c.key = g.group_key
    LEFT JOIN group_keys k ON k.key = g.group_key
  ),
  stored AS (
    INSERT INTO inbox (platform, event_id, chat_key, event, flood, locked_by, locked_until)
    SELECT $2::text, event_id, chat_key, event, flood, $3::text,
      now() + $5::int * interval '1 second'
    FROM verdicts
    WHERE person_count IS NULL OR person_count <= person_limit + 1 OR group_key IS NOT NULL
    ORDER BY ord
    RETURNING id, event_id
  )
  SELECT v.event_id, s.id, v.flood FROM verdicts v LEFT JOIN stored s USING (event_id)
  ORDER BY v.ord
`);

/** Handled: their rows go (their ids stay in processed_events). */
export async function deleteInboxEvents(db: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await queryStatement(db, DELETE, [ids]);
}

const DELETE = 'DELETE FROM inbox WHERE id = ANY($1::bigint[])';

export interface InboxRow {
  id: number;
  platform: string;
  chatKey: string;
  event: Record<string, unknown>;
  flood: FloodVerdict | null;
  attempts: number;
}

interface RawInboxRow {
  id: string | number;
  platform: string;
  chat_key: string;
  event: Record<string, unknown> | string;
  flood: string | null;
  attempts: number;
}

function toInboxRow(raw: RawInboxRow): InboxRow {
  return {
    id: Number(raw.id),
    platform: raw.platform,
    chatKey: raw.chat_key,
    event:
      typeof raw.event === 'string'
        ? (JSON.parse(raw.event) as Record<string, unknown>)
        : raw.event,
    flood: raw.flood as FloodVerdict | null,
    attempts: raw.attempts,
  };
}

/**
 * Takes over stored events nobody is handling: their lease ran out, or it was held by one of
 * `deadWorkers` (instances known to be gone). Oldest first, so a chat's events keep their
 * order. Each claim counts as an attempt.
 */
export async function claimInboxEvents(
  db: DbOrTx,
  workerId: string,
  leaseSeconds: number,
  limit: number,
  deadWorkers: string[] = [],
): Promise<InboxRow[]> {
  const rows = await queryStatement<RawInboxRow>(db, CLAIM, [
    workerId,
    leaseSeconds,
    limit,
    deadWorkers,
  ]);
  return rows.map(toInboxRow).sort((a, b) => a.id - b.id);
}

const CLAIM = compact(`
  UPDATE inbox SET locked_by = $1::text, locked_until = now() + $2::int * interval '1 second',
    attempts = attempts + 1
  WHERE id IN (
    SELECT id FROM inbox
    WHERE locked_until < now() OR locked_by = ANY($4::text[])
    ORDER BY id LIMIT $3::int FOR UPDATE SKIP LOCKED
  )
  RETURNING id, platform, chat_key, event, flood, attempts
`);

/** The instances holding leases, to tell which of them are gone. */
export async function findInboxHolders(db: DbOrTx): Promise<string[]> {
  const rows = await queryStatement<{ locked_by: string }>(db, HOLDERS, []);
  return rows.map((r) => r.locked_by);
}

const HOLDERS =
  'SELECT DISTINCT locked_by FROM inbox WHERE locked_by IS NOT NULL AND locked_until >= now()';

/** Keeps the leases of events this instance still has to handle. */
export async function renewInboxLeases(
  db: DbOrTx,
  workerId: string,
  ids: number[],
  leaseSeconds: number,
): Promise<void> {
  if (ids.length === 0) return;
  await queryStatement(db, RENEW, [ids, workerId, leaseSeconds]);
}

const RENEW = compact(`
  UPDATE inbox SET locked_until = now() + $3::int * interval '1 second'
  WHERE id = ANY($1::bigint[]) AND locked_by = $2::text
`);

/**
 * Takes an event again before trying it once more (after the database came back): false
 * when another instance took it over meanwhile.
 */
export async function retakeInboxEvent(
  db: DbOrTx,
  id: number,
  workerId: string,
  leaseSeconds: number,
): Promise<boolean> {
  const rows = await queryStatement(db, RETAKE, [id, workerId, leaseSeconds]);
  return rows.length > 0;
}

const RETAKE = compact(`
  UPDATE inbox SET locked_by = $2::text, locked_until = now() + $3::int * interval '1 second'
  WHERE id = $1::bigint AND (locked_by = $2::text OR locked_until < now())
  RETURNING id
`);

/** On shutdown: events this instance will not handle go to whoever starts next, at once. */
export async function releaseInboxEvents(db: DbOrTx, workerId: string, ids: number[]) {
  if (ids.length === 0) return;
  await queryStatement(db, RELEASE, [ids, workerId]);
}

const RELEASE = compact(`
  UPDATE inbox SET locked_by = NULL, locked_until = now() - interval '1 second'
  WHERE id = ANY($1::bigint[]) AND locked_by = $2::text
`);

/** How many stored events wait to be handled (health and tests). */
export async function countInboxEvents(db: DbOrTx): Promise<number> {
  const [row] = await queryStatement<{ n: number }>(db, 'SELECT count(*)::int AS n FROM inbox', []);
  return row?.n ?? 0;
}

/**
 * The tables that churn with every event: without a vacuum their dead rows pile up and every
 * store, delete and claim gets slower. Autovacuum does this on a server where it is on;
 * PGlite has none, and a server may have it off, so the inbox asks for it itself as it goes.
 * The queues (rows inserted, then deleted) need it often and cost little, being small; the
 * counters (rows updated in place, which PostgreSQL mostly tidies page by page) need it
 * rarely, and cost more the more people and chats there are.
 */
export async function vacuumChurningTables(
  db: DbOrTx,
  which: 'queues' | 'all' = 'all',
): Promise<void> {
  // SKIP_LOCKED: a table another instance is vacuuming right now is left to it.
  await queryRows(
    db,
    which === 'queues'
      ? 'VACUUM (SKIP_LOCKED) inbox, outbox'
      : 'VACUUM (SKIP_LOCKED) inbox, outbox, flood_counts, send_limits',
  );
}

/**
 * Gathers fresh planner statistics for the tables that changed enough since their last ones,
 * by autovacuum's own rule (50 rows and 10% of the table), and returns their names. Where
 * autovacuum runs, whoever comes first does it and the other finds nothing to do; where it
 * does not (PGlite has none; a server may have it off), without this every table keeps the
 * statistics of its first rows, and the planner scans thousands of chats to find one person's
 * private chat (seen: 2.4 ms instead of 0.05 ms, and the bot's PostgreSQL time per update three
 * times what it is with fresh statistics). The counts come from PostgreSQL's cumulative
 * statistics, flushed about once a second.
 */
export async function analyzeChangedTables(db: DbOrTx): Promise<string[]> {
  const rows = await queryStatement<{ name: string }>(db, CHANGED_TABLES, []);
  if (rows.length === 0) return [];
  const names = rows.map((r) => r.name);
  await queryRows(db, `ANALYZE (SKIP_LOCKED) ${names.map(quoteIdentifier).join(', ')}`);
  return names;
}

const CHANGED_TABLES = compact(`
  SELECT relname AS name FROM pg_stat_user_tables
  WHERE schemaname = current_schema() AND n_mod_since_analyze > 50 + 0.1 * n_live_tup
  ORDER BY relname
`);

const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Forgets flood counts of minutes long gone. */
export async function deleteFloodCountsBefore(db: DbOrTx, before: Date): Promise<number> {
  const rows = await queryStatement(
    db,
    'DELETE FROM flood_counts WHERE window_start < $1::timestamptz RETURNING 1',
    [before.toISOString()],
  );
  return rows.length;
}

/**
 * JSON for jsonb, which refuses NUL characters and lone surrogates (anyone can type them):
 * they become U+FFFD, which the router still recognises as garbled input
 * (handlers/input.ts). JSON.stringify writes both as \u escapes, so a batch without any is
 * sent as it is.
 */
function toStorableJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (!/\\u(0000|d[89a-f])/i.test(json)) return json;
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? v.toWellFormed().replaceAll('\0', '\uFFFD') : v,
  );
}
