// Faults: what the bot promises under crashes, outages, spam and several instances, measured
// against the fake Bot API over HTTP with the real app (in a child process where it is killed).
//  1. kill -9 at a random point of 3,000 updates (commands in groups, button presses, check-in
//     answers), then a restart: by long polling (Telegram keeps what was not confirmed), and
//     by webhook (Telegram delivers everything again). Lost: target 0. Answered twice: at most
//     the updates in flight at the kill (stored in the inbox and not yet recorded as handled).
//  2. The database unreachable for 30 s in the middle of a burst (long polling): lost, target 0.
//  3. One member sending 500 commands in a minute while an organiser sends 10: the organiser's
//     answers' latency (p99 target < 2 s), and the group's messages (at most 20 a minute).
//  4. Two instances on one database and one token, Telegram's limit enforced by the fake:
//     their combined send rate against TELEGRAM_MAX_SENDS_PER_SECOND (≤ 100%, ≥ 90%), and the
//     429s that reached them (target 0).
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { parseConfig } from '../bot/config.ts';
import { createApp, type App } from '../bot/create-app.ts';
import type { Logger } from '../handlers/ports.ts';
import {
  startFakeBotApi,
  type FakeBotApi,
  type RecordedCall,
} from '../tests/fakes/telegram-bot-api.ts';
import { proxyInFrontOf } from '../tests/support/tcp-proxy.ts';
import {
  callbackUpdate,
  groupChat,
  messageUpdate,
  privateChat,
  SECRET,
} from '../tests/support/telegram-harness.ts';
import { startAppProcess, waitForExit } from './support/child-app.ts';
import {
  createCountingLogger,
  formatNumber,
  formatTable,
  freePort,
  percentile,
  seededRandom,
  withBenchDatabase,
  type BenchDatabase,
} from './support/common.ts';
import { TOKEN } from './support/telegram.ts';
import { seedWatch } from './support/seed-watch.ts';

const BOT = { id: 999000, username: 'voisins_bench_bot', first_name: 'Voisins solidaires' };
const UPDATES = 3_000;
const SEED = 20_261_206;
const WATCH = { groups: 250, referentsPerGroup: 1, neighboursPerReferent: 3, departement: '69' };

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

export async function benchFaults(): Promise<void> {
  const random = seededRandom(SEED);
  const crashRows: string[][] = [];
  for (const mode of ['long polling', 'webhook'] as const) {
    await withBenchDatabase(async (database) => {
      const figures = await crashRun(database, mode, 0.2 + random() * 0.5);
      crashRows.push([
        mode,
        formatNumber(figures.total),
        `${formatNumber(figures.effectsAtKill)} (${formatNumber((figures.effectsAtKill / figures.total) * 100)}%)`,
        formatNumber(figures.lost),
        formatNumber(figures.repeated),
        formatNumber(figures.inFlight),
        formatNumber(figures.recoverySeconds, 1),
        verdict(figures.lost === 0 && figures.repeated <= figures.inFlight),
      ]);
    });
  }
  console.log();
  console.log(
    formatTable([
      [
        'kill -9, then restart',
        'updates',
        'answered at kill',
        'lost',
        'twice',
        'in flight',
        'recovery (s)',
        '',
      ],
      ...crashRows,
    ]),
  );
  console.log('targets: lost 0; answered twice ≤ in flight at the kill');

  await withBenchDatabase(async (database) => {
    const outage = await outageRun(database);
    console.log();
    console.log(
      formatTable([
        [
          'database away 30 s in a burst',
          'updates',
          'during outage',
          'lost',
          'twice',
          'apologies',
          'all answered after restore (s)',
          '',
        ],
        [
          'long polling',
          formatNumber(outage.total),
          formatNumber(outage.duringOutage),
          formatNumber(outage.lost),
          formatNumber(outage.repeated),
          formatNumber(outage.apologies),
          formatNumber(outage.recoverySeconds, 1),
          verdict(outage.lost === 0 && outage.repeated === 0 && outage.apologies === 0),
        ],
      ]),
    );
  });

  await withBenchDatabase(async (database) => {
    const flood = await floodRun(database);
    console.log();
    console.log(
      formatTable([
        ['one member floods a group', 'value', 'target', ''],
        ['spammer: commands sent in 60 s', formatNumber(flood.spam), '', ''],
        ['spammer: answers (and notices) sent', formatNumber(flood.spamAnswers), '', ''],
        [
          'organiser: answers p50 / p99 (ms)',
          `${formatNumber(flood.p50)} / ${formatNumber(flood.p99)}`,
          '< 2,000 ms',
          verdict(flood.p99 < 2_000 && flood.organiserAnswers === flood.organiserCommands),
        ],
        [
          'organiser: answers / commands',
          `${flood.organiserAnswers} / ${flood.organiserCommands}`,
          '',
          '',
        ],
        [
          "group's messages in its busiest 61 s",
          formatNumber(flood.busiestMinute),
          '≤ 20',
          verdict(flood.busiestMinute <= 20),
        ],
        [
          '429s from the Bot API',
          formatNumber(flood.rateLimited),
          '0',
          verdict(flood.rateLimited === 0),
        ],
      ]),
    );
    if (flood.warnings.length > 0) {
      console.log(
        `  the bot logged ${flood.warnings.length} warning(s); the first:`,
        JSON.stringify(flood.warnings[0]).slice(0, 400),
      );
    }
  });

  await withBenchDatabase(async (database) => {
    const shared = await twoInstancesRun(database);
    console.log();
    console.log(
      formatTable([
        ['two instances, one token', 'value', 'target', ''],
        ['messages sent', formatNumber(shared.sent), '', ''],
        [
          `combined rate / TELEGRAM_MAX_SENDS_PER_SECOND=${shared.limit}`,
          `${formatNumber(shared.share, 1)}%`,
          '90–100%',
          verdict(shared.share >= 90 && shared.share <= 100.5),
        ],
        [
          'busiest second, as the Bot API saw it (for information)',
          formatNumber(shared.busiestSecond),
          '',
          '',
        ],
        [
          '429s reaching the instances',
          formatNumber(shared.rateLimited),
          '0',
          verdict(shared.rateLimited === 0),
        ],
        [
          'updates answered / sent',
          `${shared.answered} / ${shared.updates}`,
          '',
          verdict(shared.answered === shared.updates),
        ],
      ]),
    );
  });
}

// --- 1. kill -9 ------------------------------------------------------------------------------

interface CrashFigures {
  total: number;
  effectsAtKill: number;
  lost: number;
  repeated: number;
  inFlight: number;
  recoverySeconds: number;
}

/** What one update should make happen, and how to count it in the fake's calls. */
interface Expected {
  update: Record<string, unknown>;
  /** How many of the calls are this update's answer. */
  count(calls: Counts): number;
}

interface Counts {
  byChat: Map<unknown, number>;
  byCallback: Map<unknown, number>;
}

function countCalls(fake: FakeBotApi): Counts {
  const byChat = new Map<unknown, number>();
  const byCallback = new Map<unknown, number>();
  for (const call of fake.calls) {
    if (call.status !== 200) continue;
    if (call.method === 'sendMessage') {
      byChat.set(call.params.chat_id, (byChat.get(call.params.chat_id) ?? 0) + 1);
    } else if (call.method === 'answerCallbackQuery') {
      const id = call.params.callback_query_id;
      byCallback.set(id, (byCallback.get(id) ?? 0) + 1);
    }
  }
  return { byChat, byCallback };
}

/**
 * 3,000 updates: half of them a command in a group of its own (answered in that group), a
 * quarter a press on a stale button (answered on the press), a quarter a referent's answer to a
 * check-in (answered on the press, and recorded).
 */
async function mixedUpdates(sql: postgres.Sql): Promise<Expected[]> {
  const checkIns = await sql<{ id: number; referent: number }[]>`
    select c.id, c.referent_person_id as referent from check_ins c order by c.id`;
  const expected: Expected[] = [];
  const random = seededRandom(SEED + 1);
  let checkIn = 0;
  for (let i = 0; i < UPDATES; i++) {
    const roll = random();
    const person = { id: 20_000_000 + i, is_bot: false, first_name: `Voisin${i}` };
    if (roll < 0.5 || checkIn >= checkIns.length) {
      const group = groupChat(-700_000_000 - i, `Immeuble ${i}`);
      const update = messageUpdate(person, group, '/aide');
      expected.push({ update, count: (c) => c.byChat.get(group.id) ?? 0 });
    } else if (roll < 0.75) {
      const group = groupChat(-700_000_000 - i, `Immeuble ${i}`);
      const update = callbackUpdate(person as never, group, `aid:offer:${900_000_000 + i}`);
      const id = (update.callback_query as { id: string }).id;
      expected.push({ update, count: (c) => c.byCallback.get(id) ?? 0 });
    } else {
      const { id: checkInId, referent } = checkIns[checkIn++]!;
      const user = { id: 10_000_000 + referent, is_bot: false, first_name: `Référent ${referent}` };
      const update = callbackUpdate(
        user as never,
        privateChat(user as never),
        `watch:for:${checkInId}:ok`,
      );
      const id = (update.callback_query as { id: string }).id;
      expected.push({ update, count: (c) => c.byCallback.get(id) ?? 0 });
    }
  }
  return expected;
}

async function seedCheckIns(sql: postgres.Sql): Promise<void> {
  await seedWatch(sql, { ...WATCH, expiresOn: '2027-09-15' }, new Date());
  await sql`insert into vigilance_levels (departement, hazard, level, source, changed_at)
    values (${WATCH.departement}, 'heat', 'orange', 'bench', now())`;
  await sql`insert into check_ins (watched_id, chat_id, hazard, round, referent_person_id, sent_at)
    select w.id, w.chat_id, 'heat', to_char(now() at time zone 'Europe/Paris', 'YYYY-MM-DD"T"HH24:00'),
      w.referent_person_id, now()
    from watched_neighbours w`;
}

function childEnv(fake: FakeBotApi, url: string, extra: Record<string, string> = {}) {
  return {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.url,
    TELEGRAM_MAX_SENDS_PER_SECOND: '1000',
    DATABASE_URL: url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    CONSOLE: 'false',
    ...extra,
  };
}

async function crashRun(
  database: BenchDatabase,
  mode: 'long polling' | 'webhook',
  killShare: number,
): Promise<CrashFigures> {
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const fake = await startFakeBotApi({ token: TOKEN, botUser: BOT });
  const errors: unknown[] = [];
  let child: Awaited<ReturnType<typeof startAppProcess>> | undefined;
  try {
    const port = mode === 'webhook' ? await freePort() : 0;
    const env = childEnv(fake, database.url, {
      PORT: String(port),
      ...(mode === 'webhook'
        ? {
            TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/webhook',
            TELEGRAM_WEBHOOK_SECRET: SECRET,
          }
        : {}),
    });
    // The schema first (the child migrates it), then the population.
    child = await startAppProcess(env, errors);
    await seedCheckIns(sql);
    const expected = await mixedUpdates(sql);
    console.log(
      `  · ${mode}: ${formatNumber(expected.length)} updates; kill -9 after about ` +
        `${formatNumber(killShare * 100)}% of them are answered`,
    );
    const answered = () => {
      const counts = countCalls(fake);
      return expected.filter((e) => e.count(counts) > 0).length;
    };
    const post = (update: Record<string, unknown>) =>
      fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      }).then(
        (r) => r.status,
        () => 0,
      );
    let posting: Promise<unknown> = Promise.resolve();
    if (mode === 'long polling') {
      for (const { update } of expected) fake.pushUpdate(update);
    } else {
      posting = postAll(
        expected.map((e) => e.update),
        post,
        32,
      );
    }
    const killAt = Math.round(expected.length * killShare);
    while (answered() < killAt) await sleep(5);
    child.kill('SIGKILL');
    await waitForExit(child);
    const killedAt = performance.now();
    const effectsAtKill = answered();
    await posting;
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from inbox`;
    const inFlight = row?.n ?? 0;

    child = await startAppProcess(env, errors);
    if (mode === 'webhook')
      await postAll(
        expected.map((e) => e.update),
        post,
        32,
      );
    const done = await waitUntil(() => answered() === expected.length, 120_000);
    const recoverySeconds = (performance.now() - killedAt) / 1000;
    await sleep(1_000);
    const counts = countCalls(fake);
    const lost = expected.filter((e) => e.count(counts) === 0).length;
    const repeated = expected.reduce((n, e) => n + Math.max(0, e.count(counts) - 1), 0);
    if (!done) console.log(`    (not everything was answered within 120 s)`);
    return { total: expected.length, effectsAtKill, lost, repeated, inFlight, recoverySeconds };
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await waitForExit(child);
    }
    await fake.close();
    await sql.end({ timeout: 5 });
    reportChildErrors(errors);
  }
}

async function postAll(
  updates: Record<string, unknown>[],
  post: (update: Record<string, unknown>) => Promise<number>,
  concurrency: number,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < updates.length) await post(updates[next++]!);
    }),
  );
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

function reportChildErrors(errors: unknown[]): void {
  const serious = errors.filter((line) => String(line).includes('"level":"error"'));
  if (serious.length > 0) {
    console.log(
      `    the bot logged ${serious.length} error(s); the first: ${String(serious[0]).slice(0, 400)}`,
    );
  }
}

// --- 2. the database away for 30 s ------------------------------------------------------------

async function outageRun(database: BenchDatabase) {
  const { proxy, url: proxied } = await proxyInFrontOf(database.url);
  const fake = await startFakeBotApi({ token: TOKEN, botUser: BOT });
  const errors: unknown[] = [];
  const child = await startAppProcess(childEnv(fake, proxied), errors);
  try {
    // 20 updates a second for 60 s, each a command in a group of its own; the database goes
    // away from the 15th second to the 45th.
    const groups = Array.from({ length: 1_200 }, (_, i) => groupChat(-800_000_000 - i, `G${i}`));
    console.log(
      `  · database away 30 s in a burst of ${formatNumber(groups.length)} updates (20/s)`,
    );
    const started = performance.now();
    let restoredAt = 0;
    let duringOutage = 0;
    for (const [i, group] of groups.entries()) {
      const at = started + i * 50;
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      if (i === 300) proxy.cut();
      if (i >= 300 && i < 900) duringOutage++;
      if (i === 900) {
        proxy.restore();
        restoredAt = performance.now();
      }
      const person = { id: 30_000_000 + i, is_bot: false, first_name: `V${i}` };
      fake.pushUpdate(messageUpdate(person, group, '/aide'));
    }
    const answeredIn = (g: { id: number }, counts: Counts) => counts.byChat.get(g.id) ?? 0;
    await waitUntil(() => {
      const counts = countCalls(fake);
      return groups.every((g) => answeredIn(g, counts) > 0);
    }, 120_000);
    const recoverySeconds = (performance.now() - restoredAt) / 1000;
    await sleep(1_000);
    const counts = countCalls(fake);
    const texts = fake.successfulCalls('sendMessage').map((c) => String(c.params.text));
    return {
      total: groups.length,
      duringOutage,
      lost: groups.filter((g) => answeredIn(g, counts) === 0).length,
      repeated: groups.reduce((n, g) => n + Math.max(0, answeredIn(g, counts) - 1), 0),
      apologies: texts.filter((t) => t.includes('un problème')).length,
      recoverySeconds,
    };
  } finally {
    proxy.restore();
    child.kill('SIGTERM');
    await waitForExit(child);
    await fake.close();
    await proxy.close();
    reportChildErrors(errors);
  }
}

// --- 3. one member floods a group ---------------------------------------------------------------

async function floodRun(database: BenchDatabase) {
  const fake = await startFakeBotApi({ token: TOKEN, botUser: BOT });
  fake.limitRate({ perSecond: 30 });
  const logger = createWarningLogger();
  const app = await createApp(
    parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'silent',
      CONSOLE: 'false',
    }),
    { logger, scheduler: false, telegram: { pollingTimeoutSeconds: 1 }, httpHost: '127.0.0.1' },
  );
  try {
    await app.start();
    const group = groupChat(-900_000_001, 'Résidence des Lilas');
    const spammer = { id: 40_000_001, is_bot: false, first_name: 'Spammeur' };
    const organiser = { id: 40_000_002, is_bot: false, first_name: 'Alice' };
    fake.setChatMember(group.id, organiser.id, 'administrator');
    console.log('  · one member sends 500 commands in 60 s; an organiser sends 10 meanwhile');
    const started = performance.now();
    /** When each organiser command reached Telegram, on the clock the fake records with. */
    const organiserSent: number[] = [];
    for (let i = 0; i < 500; i++) {
      const wait = started + i * 120 - performance.now();
      if (wait > 0) await sleep(wait);
      fake.pushUpdate(messageUpdate(spammer, group, '/aide'));
      if (i % 50 === 25) {
        organiserSent.push(Date.now());
        fake.pushUpdate(messageUpdate(organiser, group, '/parametres'));
      }
    }
    await waitUntil(() => settingsAnswers(fake, group.id).length === organiserSent.length, 120_000);
    await app.settle();
    const answers = settingsAnswers(fake, group.id);
    const latencies = answers.map((call, i) => call.at - organiserSent[i]!).sort((a, b) => a - b);
    const inGroup = fake
      .successfulCalls('sendMessage')
      .filter((c) => c.params.chat_id === group.id);
    return {
      spam: 500,
      spamAnswers: inGroup.length - answers.length,
      organiserCommands: organiserSent.length,
      organiserAnswers: answers.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      busiestMinute: busiest(inGroup, 61_000),
      rateLimited: fake.calls.filter((c) => c.status === 429).length,
      warnings: logger.warnings,
    };
  } finally {
    await app.stop();
    await fake.close();
  }
}

/** Keeps warnings and errors, to say what went wrong when a figure misses. */
function createWarningLogger(): Logger & { warnings: object[] } {
  const warnings: object[] = [];
  const keep = (obj: object, msg?: string) => {
    warnings.push({ msg, ...obj });
  };
  const noop = () => {};
  const logger = {
    warnings,
    debug: noop,
    info: noop,
    warn: keep,
    error: keep,
    child: () => logger,
  };
  return logger;
}

function settingsAnswers(fake: FakeBotApi, chatId: number): RecordedCall[] {
  return fake
    .successfulCalls('sendMessage')
    .filter(
      (c) => c.params.chat_id === chatId && String(c.params.text).includes('Paramètres du groupe'),
    );
}

function busiest(calls: RecordedCall[], windowMs: number): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= windowMs) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

// --- 4. two instances, one token ----------------------------------------------------------------

async function twoInstancesRun(database: BenchDatabase) {
  const limit = 30;
  const fake = await startFakeBotApi({ token: TOKEN, botUser: BOT });
  fake.limitRate({ perSecond: limit });
  const env = {
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: fake.url,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/webhook',
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_MAX_SENDS_PER_SECOND: String(limit),
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: 'silent',
    CONSOLE: 'false',
  };
  const apps: App[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const app = await createApp(parseConfig(env), {
        logger: createCountingLogger(),
        scheduler: false,
        httpHost: '127.0.0.1',
      });
      await app.start();
      apps.push(app);
    }
    // 600 commands in 300 groups: the bot-wide limit binds, not the groups'.
    const updates = Array.from({ length: 600 }, (_, i) =>
      messageUpdate(
        { id: 50_000_000 + i, is_bot: false, first_name: `V${i}` },
        groupChat(-950_000_000 - (i % 300), `G${i % 300}`),
        '/aide',
      ),
    );
    console.log(`  · two instances answer ${updates.length} updates, fake limit ${limit}/s`);
    let n = 0;
    await postAll(
      updates,
      (update) =>
        fetch(`http://127.0.0.1:${apps[n++ % 2]!.http!.port}/telegram/webhook`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-telegram-bot-api-secret-token': SECRET,
          },
          body: JSON.stringify(update),
        }).then((r) => r.status),
      16,
    );
    await waitUntil(() => fake.successfulCalls('sendMessage').length >= updates.length, 120_000);
    for (const app of apps) await app.settle();
    const sends = fake.successfulCalls('sendMessage');
    const times = sends.map((c) => c.at).sort((a, b) => a - b);
    const seconds = (times.at(-1)! - times[0]!) / 1000;
    const rate = (times.length - 1) / seconds;
    return {
      limit,
      sent: sends.length,
      updates: updates.length,
      answered: sends.length,
      share: (rate / limit) * 100,
      busiestSecond: busiest(sends, 1_000),
      rateLimited: fake.calls.filter((c) => c.status === 429).length,
    };
  } finally {
    for (const app of apps) await app.stop();
    await fake.close();
  }
}
