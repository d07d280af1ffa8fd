// Platform send limits shared by every instance: the reserve_send function (migration 0007)
// keeps each bot's calendar of send slots and each chat's last sends in send_limits, on the
// database's clock.
import { queryStatement, type DbOrTx } from '../client.ts';

export interface SendReservation {
  platform: string;
  /** The bot's lane: one send per slot of `slotMs` (0: no bot-wide limit). */
  bot: string;
  slotMs: number;
  chatId: string;
  /** The chat's lane: at least `gapMs` between sends, at most `windowMax` in `windowMs`. */
  gapMs: number;
  windowMax: number;
  windowMs: number;
  /** 1 urgent, 0 ordinary. */
  priority: number;
  /** Sends this message takes (a long text goes in parts). */
  parts: number;
  /** Reserve only a time at most this far ahead. */
  horizonMs: number;
  /** Queue behind what waits in the outbox (its chat's queue, or more urgent messages). */
  checkQueue: boolean;
}

export interface SendSlot {
  /** Reserved: wait `waitMs`, then send. Not reserved: queue it until `at`. */
  reserved: boolean;
  at: Date;
  /** From the database's now to `at`: what to wait, whatever this machine's clock says. */
  waitMs: number;
}

export async function reserveSend(db: DbOrTx, r: SendReservation): Promise<SendSlot> {
  const [row] = await queryStatement<{
    slot_at: Date | string;
    reserved: boolean;
    db_now: Date | string;
  }>(db, RESERVE, [
    r.platform,
    r.bot,
    r.slotMs,
    r.chatId,
    r.gapMs,
    r.windowMax,
    r.windowMs,
    r.priority,
    r.parts,
    Math.round(r.horizonMs),
    r.checkQueue,
  ]);
  if (!row) throw new Error('reserve_send returned nothing');
  const at = new Date(row.slot_at);
  return {
    reserved: row.reserved,
    at,
    waitMs: Math.max(0, at.getTime() - new Date(row.db_now).getTime()),
  };
}

const RESERVE =
  'SELECT slot_at, reserved, db_now FROM reserve_send($1::text, $2::text, $3::float8, $4::text, ' +
  '$5::float8, $6::int, $7::int, $8::int, $9::int, $10::int, $11::boolean)';

/** Forgets chats that have sent nothing for a while (their window is long past). */
export async function deleteIdleSendLimits(db: DbOrTx, before: Date): Promise<number> {
  const rows = await queryStatement(
    db,
    `DELETE FROM send_limits WHERE key LIKE 'chat:%' AND next_at < $1::timestamptz RETURNING 1`,
    [before.toISOString()],
  );
  return rows.length;
}
