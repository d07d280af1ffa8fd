// A heat-watch round at scale: 3,000 referents × 3 neighbours in one département on orange,
// the real app (grammY with its throttler and auto-retry, job runner, PostgreSQL) against the
// fake Bot API over HTTP, which enforces a send limit (a token bucket answering 429).
// First the app in this process: the send rate it achieves as a share of the limit (≥ 90%),
// the 429s it ran into (0: the throttler keeps under the limit), duplicates (0). Then the app
// in a child process, killed with SIGKILL after 40% of the messages and started again: no
// check-in lost, and at most those in flight at the kill sent twice.
// The limit: BENCH_WATCH_RATE messages/s (default 300).
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { parseConfig } from '../bot/config.ts';
import { createApp } from '../bot/create-app.ts';
import { createDatabase, type Db } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { enqueueJob } from '../db/queries/jobs.ts';
import type { Clock } from '../handlers/ports.ts';
import { startFakeBotApi, type FakeBotApi } from '../tests/fakes/telegram-bot-api.ts';
import {
  createCountingLogger,
  formatNumber,
  formatTable,
  withBenchDatabase,
  type BenchDatabase,
} from './support/common.ts';
import { CheckInMessages, rateOf } from './support/check-in-messages.ts';
import { startAppProcess, waitForExit } from './support/child-app.ts';
import { TOKEN } from './support/telegram.ts';
import { declareOrange, referentUserId, seedWatch } from './support/seed-watch.ts';

const SHAPE = {
  groups: 1_000,
  referentsPerGroup: 3,
  neighboursPerReferent: 3,
  departement: '69',
  expiresOn: '2027-09-15',
};
const CHECK_INS = SHAPE.groups * SHAPE.referentsPerGroup * SHAPE.neighboursPerReferent;
const RATE = Number(process.env.BENCH_WATCH_RATE ?? 300);
/** 10:00 in Lyon (summer time): the default round. */
const ROUND_AT = Date.parse('2027-07-20T08:00:00Z');
const KILL_AFTER = 0.4;
const JOBS = { concurrency: 32, batchSize: 100, leaseSeconds: 10, pollSeconds: 1 };
const ROUND_TIMEOUT_MS = ((CHECK_INS / RATE) * 3 + 60) * 1000;

const TARGET_SHARE = 90;

export async function benchWatchRound(): Promise<void> {
  await withBenchDatabase(async (database) => {
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const control = await createDatabase({ url: database.url, maxConnections: 2 });
    try {
      await migrateDatabase(control);
      const seedStart = performance.now();
      const rows = await seedWatch(sql, SHAPE, new Date(ROUND_AT));
      await declareOrange(sql, SHAPE.departement, new Date(ROUND_AT));
      console.log(
        `PostgreSQL ${database.serverVersion} (database ${database.name}); seeded ` +
          `${formatNumber(rows.referents ?? 0)} referents × ${SHAPE.neighboursPerReferent} ` +
          `neighbours in ${formatNumber(SHAPE.groups)} groups of département ` +
          `${SHAPE.departement} (orange) in ${formatNumber((performance.now() - seedStart) / 1000, 1)} s`,
      );
      console.log(
        `fake Bot API limit ${RATE} sendMessage/s (token bucket, burst ${RATE}); app: ` +
          `TELEGRAM_MAX_SENDS_PER_SECOND=${RATE}, JOBS_CONCURRENCY=${JOBS.concurrency}, ` +
          `JOBS_BATCH_SIZE=${JOBS.batchSize}, JOBS_LEASE_SECONDS=${JOBS.leaseSeconds}`,
      );
      const sameProcess = await roundInProcess(database, control.db, sql);
      await sql`truncate check_ins, jobs`;
      const crash = await roundWithCrash(database, control.db, sql);
      console.log();
      printFigures(sameProcess, crash);
    } finally {
      await sql.end({ timeout: 5 });
      await control.close();
    }
  });
}

interface RoundFigures {
  complete: boolean;
  delivered: number;
  /** Messages per second from the first check-in message to the last. */
  rate: number;
  /** From the planning job's enqueueing to the first and the last message, in s. */
  firstAfter: number;
  lastAfter: number;
  rateLimited: number;
  duplicates: number;
  lost: number;
  misdirected: number;
  withoutLadder: number;
  appErrors: number;
  firstError?: unknown;
}

/** As RoundFigures; its rate is the first process's, up to the kill. */
interface CrashFigures extends RoundFigures {
  deliveredAtKill: number;
  /** Check-ins opened and not yet marked sent at the kill: the most that can be sent twice. */
  inFlightAtKill: number;
  claimedAtKill: number;
  /** From the kill to the last message, in s. */
  recovery: number;
}

function appEnv(fake: FakeBotApi, database: BenchDatabase): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.url,
    TELEGRAM_MAX_SENDS_PER_SECOND: String(RATE),
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    CONSOLE: 'false',
    JOBS_CONCURRENCY: String(JOBS.concurrency),
    JOBS_BATCH_SIZE: String(JOBS.batchSize),
    JOBS_LEASE_SECONDS: String(JOBS.leaseSeconds),
    JOBS_POLL_SECONDS: String(JOBS.pollSeconds),
  };
}

async function startLimitedFake(): Promise<FakeBotApi> {
  const fake = await startFakeBotApi({
    token: TOKEN,
    botUser: { id: 999000, username: 'voisins_bench_bot', first_name: 'Voisins solidaires' },
  });
  fake.limitRate({ perSecond: RATE });
  return fake;
}

/** A clock that reads 10:00 in Lyon now, and runs on. */
function roundClock(): { clock: Clock; shiftMs: number } {
  const shiftMs = ROUND_AT - Date.now();
  return { clock: { now: () => new Date(Date.now() + shiftMs) }, shiftMs };
}

/** What the hourly schedule would enqueue at 10:00. */
async function triggerRound(db: Db, clock: Clock): Promise<number> {
  const at = clock.now();
  await enqueueJob(db, {
    kind: 'watchPlanRounds',
    dedupeKey: `recurring:watchPlanRounds:${at.toISOString().slice(0, 16)}`,
    runAt: at,
    maxAttempts: 3,
    maxLatenessSeconds: 3_600,
  });
  return performance.now();
}

async function roundInProcess(database: BenchDatabase, db: Db, sql: postgres.Sql) {
  console.log(`  · round in this process`);
  const fake = await startLimitedFake();
  const { clock } = roundClock();
  const logger = createCountingLogger({ warnings: true });
  const app = await createApp(parseConfig(appEnv(fake, database)), {
    clock,
    logger,
    telegram: { pollingTimeoutSeconds: 1 },
    httpHost: '127.0.0.1',
  });
  try {
    await app.start();
    const messages = new CheckInMessages(fake);
    const triggeredAt = await triggerRound(db, clock);
    const complete = await waitForRound(sql, messages, ROUND_TIMEOUT_MS);
    return await roundFigures(sql, messages, triggeredAt, complete, logger.errors);
  } finally {
    await app.stop();
    await fake.close();
  }
}

async function roundWithCrash(
  database: BenchDatabase,
  db: Db,
  sql: postgres.Sql,
): Promise<CrashFigures> {
  console.log(`  · round in a child process, killed after ${KILL_AFTER * 100}% of the messages`);
  const fake = await startLimitedFake();
  const { clock, shiftMs } = roundClock();
  const env = { ...appEnv(fake, database), BENCH_CLOCK_SHIFT_MS: String(shiftMs) };
  const errors: unknown[] = [];
  try {
    const messages = new CheckInMessages(fake);
    const first = await startAppProcess(env, errors);
    const triggeredAt = await triggerRound(db, clock);
    const killAt = Math.ceil(CHECK_INS * KILL_AFTER);
    while (messages.scan().length < killAt && first.exitCode === null) await sleep(2);
    first.kill('SIGKILL');
    await waitForExit(first);
    const killedAt = Date.now();
    const [row] = await sql<{ open: number; claimed: number }[]>`
      select (select count(*) from check_ins where sent_at is null)::int as open,
        (select count(*) from jobs where kind = 'watchCheckIn' and status = 'running')::int
          as claimed`;
    const deliveredAtKill = messages.scan().length;
    console.log(
      `    killed at ${formatNumber(deliveredAtKill)} messages; ` +
        `${row?.open ?? 0} check-ins open and not marked sent, ${row?.claimed ?? 0} jobs claimed`,
    );
    const second = await startAppProcess(env, errors);
    try {
      const complete = await waitForRound(sql, messages, ROUND_TIMEOUT_MS);
      const figures = await roundFigures(sql, messages, triggeredAt, complete, errors);
      const sent = messages.scan();
      return {
        ...figures,
        rate: rateOf(sent.slice(0, deliveredAtKill)),
        deliveredAtKill,
        inFlightAtKill: row?.open ?? 0,
        claimedAtKill: row?.claimed ?? 0,
        recovery: ((sent.at(-1)?.at ?? Number.NaN) - killedAt) / 1000,
      };
    } finally {
      second.kill('SIGTERM');
      await waitForExit(second);
    }
  } finally {
    await fake.close();
  }
}

/** Until the round is planned and every check-in job is over; false on timeout. */
async function waitForRound(
  sql: postgres.Sql,
  messages: CheckInMessages,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    await sleep(250);
    messages.scan();
    const [row] = await sql<{ planned: number; left: number }[]>`
      select count(*) filter (where kind = 'watchPlanRounds' and status = 'done')::int as planned,
        count(*) filter (where kind = 'watchCheckIn' and status in ('pending', 'running'))::int
          as left
      from jobs`;
    if (row && row.planned > 0 && row.left === 0) return true;
  }
  return false;
}

async function roundFigures(
  sql: postgres.Sql,
  messages: CheckInMessages,
  triggeredAt: number,
  complete: boolean,
  errors: unknown[],
): Promise<RoundFigures> {
  const sent = messages.scan();
  const checkIns = await sql<{ id: number; watchedId: number; referent: number }[]>`
    select id::int, watched_id::int as "watchedId", referent_person_id::int as referent
    from check_ins`;
  const byId = new Map(checkIns.map((c) => [c.id, c]));
  const perNeighbour = new Map<number, number>();
  let misdirected = 0;
  for (const message of sent) {
    const checkIn = byId.get(message.checkInId);
    if (!checkIn || message.chatId !== referentUserId(checkIn.referent)) {
      misdirected++;
      continue;
    }
    perNeighbour.set(checkIn.watchedId, (perNeighbour.get(checkIn.watchedId) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const count of perNeighbour.values()) duplicates += count - 1;
  const [ladders] = await sql<{ missing: number }[]>`
    select count(*)::int as missing from check_ins c
    where c.sent_at is not null and not exists (
      select 1 from jobs j where j.dedupe_key = 'watch:ladder:' || c.id || ':1')`;
  // performance.now() and Date.now() tick together: the trigger on the fake's clock.
  const triggeredAtMs = Date.now() - (performance.now() - triggeredAt);
  return {
    complete,
    delivered: sent.length,
    rate: rateOf(sent),
    firstAfter: ((sent[0]?.at ?? Number.NaN) - triggeredAtMs) / 1000,
    lastAfter: ((sent.at(-1)?.at ?? Number.NaN) - triggeredAtMs) / 1000,
    rateLimited: messages.rateLimited,
    duplicates,
    lost: CHECK_INS - perNeighbour.size,
    misdirected,
    withoutLadder: ladders?.missing ?? 0,
    appErrors: errors.length,
    firstError: errors[0],
  };
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

function printFigures(round: RoundFigures, crash: CrashFigures): void {
  const share = (round.rate / RATE) * 100;
  const crashShare = (crash.rate / RATE) * 100;
  const n = (value: number, decimals = 0) => formatNumber(value, decimals);
  console.log(
    formatTable([
      ['', 'in process', 'killed + restarted', 'target', ''],
      ['round complete', String(round.complete), String(crash.complete), 'true', ''],
      ['check-in messages delivered', n(round.delivered), n(crash.delivered), n(CHECK_INS), ''],
      [
        'send rate, first → last message (msg/s)¹',
        n(round.rate),
        n(crash.rate),
        `limit ${RATE}`,
        '',
      ],
      [
        'send rate as a share of the limit',
        `${n(share, 1)}%`,
        `${n(crashShare, 1)}%`,
        `≥ ${TARGET_SHARE}%`,
        verdict(Math.min(share, crashShare) >= TARGET_SHARE),
      ],
      ['round planned → first message (s)', n(round.firstAfter, 1), n(crash.firstAfter, 1), '', ''],
      ['round planned → last message (s)', n(round.lastAfter, 1), n(crash.lastAfter, 1), '', ''],
      [
        '429s answered to the app (auto-retried)',
        n(round.rateLimited),
        n(crash.rateLimited),
        '0',
        verdict(round.rateLimited === 0 && crash.rateLimited === 0),
      ],
      [
        'duplicates / sent twice',
        n(round.duplicates),
        n(crash.duplicates),
        `0 / ≤ ${crash.inFlightAtKill}`,
        verdict(round.duplicates === 0 && crash.duplicates <= crash.inFlightAtKill),
      ],
      [
        'neighbours without a message (lost)',
        n(round.lost),
        n(crash.lost),
        '0',
        verdict(round.lost === 0 && crash.lost === 0),
      ],
      ['messages to someone else', n(round.misdirected), n(crash.misdirected), '0', ''],
      [
        'check-ins sent without their ladder',
        n(round.withoutLadder),
        n(crash.withoutLadder),
        '0',
        verdict(round.withoutLadder === 0 && crash.withoutLadder === 0),
      ],
      ['errors and warnings logged', n(round.appErrors), n(crash.appErrors), '0', ''],
    ]),
  );
  console.log('¹ killed + restarted: the first process, up to the kill');
  console.log(
    `\nkill -9 after ${n(crash.deliveredAtKill)} of ${n(CHECK_INS)} messages: in flight ` +
      `(check-ins opened, not yet marked sent) ${crash.inFlightAtKill}, jobs claimed ` +
      `${crash.claimedAtKill}, JOBS_CONCURRENCY ${JOBS.concurrency}; sent twice ` +
      `${crash.duplicates} ≤ ${crash.inFlightAtKill}: ${verdict(crash.duplicates <= crash.inFlightAtKill)}; ` +
      `kill → last message ${n(crash.recovery, 1)} s (leases of ${JOBS.leaseSeconds} s)`,
  );
  for (const [name, f] of [
    ['in process', round],
    ['killed + restarted', crash],
  ] as const) {
    if (f.firstError !== undefined) console.log(`${name}: first error or warning:`, f.firstError);
  }
}
