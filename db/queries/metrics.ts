// What /metrics reads from the database at each scrape (bot/metrics.ts): the queues' state,
// so that any instance reports the same figures, whichever one does the work.
import { queryRows, type DbOrTx } from '../client.ts';

export interface QueueFigures {
  /** Messages waiting in the outbox, per platform. */
  outbox: { platform: string; waiting: number }[];
  /** Per kind, how late the oldest due job is (seconds; 0 when none is due). */
  jobLag: { kind: string; seconds: number }[];
  /** Check-ins sent and not answered yet. */
  checkInsUnanswered: number;
}

export async function findQueueFigures(db: DbOrTx): Promise<QueueFigures> {
  const outbox = await queryRows<{ platform: string; waiting: number }>(
    db,
    `select platform, count(*)::int as waiting from outbox group by platform`,
  );
  const jobLag = await queryRows<{ kind: string; seconds: number }>(
    db,
    `select kind,
       coalesce(extract(epoch from now() - min(run_at)
         filter (where status = 'pending' and run_at <= now())), 0)::float8 as seconds
     from jobs where status in ('pending', 'running') group by kind`,
  );
  const [checkIns] = await queryRows<{ n: number }>(
    db,
    `select count(*)::int as n from check_ins where outcome = 'pending' and sent_at is not null`,
  );
  return { outbox, jobLag, checkInsUnanswered: checkIns?.n ?? 0 };
}
