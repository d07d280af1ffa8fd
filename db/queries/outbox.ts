// The durable outbox (see the `outbox` table): messages waiting for a platform's limits, or
// for the platform to be reachable again. Any instance serving the platform claims the head
// of each chat's queue (an urgent message may overtake ordinary ones), with a lease.
import { compactStatement as compact, queryStatement, type DbOrTx } from '../client.ts';

export type OutboxAction = 'send' | 'edit' | 'close_poll';

export interface NewOutboxMessage {
  platform: string;
  chatId: string;
  action: OutboxAction;
  message: Record<string, unknown> | null;
  targetMessageId: string | null;
  priority: number;
  notBefore: Date;
  expiresAt: Date;
  lastError?: string;
}

export interface OutboxRow extends NewOutboxMessage {
  id: number;
  attempts: number;
  createdAt: Date;
}

interface RawOutboxRow {
  id: string | number;
  platform: string;
  chat_id: string;
  action: OutboxAction;
  message: Record<string, unknown> | string | null;
  target_message_id: string | null;
  priority: number;
  not_before: Date | string;
  expires_at: Date | string;
  attempts: number;
  last_error: string | null;
  created_at: Date | string;
}

function toOutboxRow(raw: RawOutboxRow): OutboxRow {
  return {
    id: Number(raw.id),
    platform: raw.platform,
    chatId: raw.chat_id,
    action: raw.action,
    message:
      typeof raw.message === 'string'
        ? (JSON.parse(raw.message) as Record<string, unknown>)
        : raw.message,
    targetMessageId: raw.target_message_id,
    priority: raw.priority,
    notBefore: new Date(raw.not_before),
    expiresAt: new Date(raw.expires_at),
    attempts: raw.attempts,
    ...(raw.last_error ? { lastError: raw.last_error } : {}),
    createdAt: new Date(raw.created_at),
  };
}

export async function enqueueOutbox(db: DbOrTx, m: NewOutboxMessage): Promise<number> {
  const [row] = await queryStatement<{ id: string | number }>(db, ENQUEUE, [
    m.platform,
    m.chatId,
    m.action,
    m.message === null ? null : JSON.stringify(m.message),
    m.targetMessageId,
    m.priority,
    m.notBefore.toISOString(),
    m.expiresAt.toISOString(),
    m.lastError ?? null,
  ]);
  return Number(row?.id);
}

const ENQUEUE = compact(`
  INSERT INTO outbox (platform, chat_id, action, message, target_message_id, priority,
    not_before, expires_at, last_error)
  VALUES ($1::text, $2::text, $3::text, $4::text::jsonb, $5::text, $6::int, $7::timestamptz,
    $8::timestamptz, $9::text)
  RETURNING id
`);

/**
 * Claims due messages of these platforms: the head of each chat's queue (no earlier message
 * of the same chat at the same or a higher priority waits), urgent first, then the oldest due.
 */
export async function claimOutbox(
  db: DbOrTx,
  workerId: string,
  platforms: string[],
  limit: number,
  leaseSeconds: number,
  deadWorkers: string[] = [],
): Promise<OutboxRow[]> {
  const rows = await queryStatement<RawOutboxRow>(db, CLAIM, [
    workerId,
    platforms,
    limit,
    leaseSeconds,
    deadWorkers,
  ]);
  return rows
    .map(toOutboxRow)
    .sort((a, b) => b.priority - a.priority || a.notBefore.getTime() - b.notBefore.getTime());
}

const CLAIM = compact(`
  UPDATE outbox SET locked_by = $1::text, locked_until = now() + $4::int * interval '1 second'
  WHERE id IN (
    SELECT o.id FROM outbox o
    WHERE o.platform = ANY($2::text[]) AND o.not_before <= now()
      AND (o.locked_until IS NULL OR o.locked_until < now() OR o.locked_by = ANY($5::text[]))
      AND NOT EXISTS (
        SELECT 1 FROM outbox e
        WHERE e.platform = o.platform AND e.chat_id = o.chat_id AND e.id < o.id
          AND e.priority >= o.priority
      )
    ORDER BY o.priority DESC, o.not_before, o.id
    LIMIT $3::int FOR UPDATE SKIP LOCKED
  )
  RETURNING *
`);

/** Sent, or given up: the row goes. */
export async function deleteOutbox(db: DbOrTx, id: number): Promise<void> {
  await queryStatement(db, 'DELETE FROM outbox WHERE id = $1::bigint', [id]);
}

/** Not yet: back to the queue until `notBefore` (a limit, or a failure to try again). */
export async function deferOutbox(
  db: DbOrTx,
  id: number,
  workerId: string,
  notBefore: Date,
  failure?: string,
): Promise<void> {
  await queryStatement(db, DEFER, [id, workerId, notBefore.toISOString(), failure ?? null]);
}

const DEFER = compact(`
  UPDATE outbox SET not_before = $3::timestamptz, locked_by = NULL, locked_until = NULL,
    attempts = attempts + CASE WHEN $4::text IS NULL THEN 0 ELSE 1 END,
    last_error = coalesce($4::text, last_error)
  WHERE id = $1::bigint AND locked_by = $2::text
`);

/** The instances holding outbox leases, to tell which of them are gone. */
export async function findOutboxHolders(db: DbOrTx): Promise<string[]> {
  const rows = await queryStatement<{ locked_by: string }>(
    db,
    'SELECT DISTINCT locked_by FROM outbox WHERE locked_by IS NOT NULL AND locked_until >= now()',
    [],
  );
  return rows.map((r) => r.locked_by);
}

/** How many messages wait for these platforms. */
export async function countOutbox(db: DbOrTx, platforms: string[]): Promise<number> {
  const [row] = await queryStatement<{ n: number }>(
    db,
    'SELECT count(*)::int AS n FROM outbox WHERE platform = ANY($1::text[])',
    [platforms],
  );
  return row?.n ?? 0;
}
