// The Villes solidaires console at national scale: 200,000 groups in real communes, and the
// rollup rows that recording 20 million events over 5 years would have left
// (db/queries/rollups.ts), seeded by set-based SQL in minutes. Then the console's reads
// (db/queries/console-figures.ts) are timed: a city's communes over a year's months, and the
// national view by département, p50/p99 over 1,000 reads at 10 concurrent. First, a check on
// a small run that seeding gives the same rows as recording the same events one by one.
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { startHttpServer } from '../bot/http-server.ts';
import { openSession } from '../db/queries/console-access.ts';
import { partnerStaff, people, personIdentities } from '../db/schema.ts';
import { createI18n } from '../handlers/i18n.ts';
import { loadKits } from '../handlers/kits/load-kits.ts';
import { defaultServiceValues } from '../handlers/mutual-aid/categories.ts';
import { createConsoleApp } from '../web/create-console.ts';
import { SESSION_COOKIE } from '../web/viewer.ts';
import { inArray } from 'drizzle-orm';
import postgres from 'postgres';
import { createDatabase, type Db } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import {
  findPartnerScopes,
  readDepartementYear,
  readCityRollups,
  readRollups,
} from '../db/queries/console-figures.ts';
import { CHAT_SCOPES, recordActivity, refreshStateFigures } from '../db/queries/rollups.ts';
import {
  createCountingLogger,
  formatNumber,
  formatTable,
  percentile,
  seededRandom,
  withBenchDatabase,
} from './support/common.ts';

type Sql = postgres.Sql;

/** The counted metrics, most frequent first (a seeded event picks one, skewed to the front). */
export const SEED_METRICS = [
  'gathering:rsvp',
  'kit:fete-des-voisins',
  'need:created',
  'watch:round',
  'watch:answered',
  'service:courses',
  'watch:answered_2h',
  'kit:canicule',
  'kit:grand-froid',
  'service:bricolage',
  'service:accompagnement',
  'gathering:held:fete',
  'kit:noel',
  'kit:galette',
  'service:animaux',
  'watch:escalation:1',
  'gathering:held:other',
  'watch:escalation:2',
  'kit:rentree',
  'watch:escalation:3',
];

const COMMUNES_FILE = new URL('../handlers/groups/communes-by-postcode.tsv', import.meta.url);

/** Real communes (INSEE code, département), biggest of each postcode first. */
function readCommunes(): { insee: string; departement: string }[] {
  const seen = new Set<string>();
  const communes: { insee: string; departement: string }[] = [];
  for (const line of readFileSync(COMMUNES_FILE, 'utf8').split('\n')) {
    if (!/^\d{5}\t/.test(line)) continue;
    for (const cell of line.split('\t').slice(1)) {
      const insee = cell.slice(0, 5);
      if (seen.has(insee)) continue;
      seen.add(insee);
      const departement = insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
      communes.push({ insee, departement });
    }
  }
  return communes;
}

export interface SeedShape {
  groups: number;
  events: number;
  years: number;
  /** Partner cities: the communes with the most groups, with 5 quartiers each. */
  partners?: number;
  /** The last year seeded (default: the current one). */
  lastYear?: number;
  seed?: number;
}

/**
 * Groups in real communes (skewed: a few big cities hold many), partners with their communes
 * and quartiers, then activity_rollups as recording `events` events over `years` years would
 * leave them. `sql` must be a fresh, migrated database. The events are drawn in batches into
 * a scratch table, then rolled up in one aggregate pass into activity_rollups without its
 * indexes, which are built again after: adding to 30 million indexed rows by upserts takes
 * an hour on a small machine, this a few minutes.
 */
export async function seedNationalActivity(sql: Sql, shape: SeedShape): Promise<void> {
  await seedGroups(sql, shape);
  const lastYear = shape.lastYear ?? new Date().getUTCFullYear();
  const firstYear = lastYear - shape.years + 1;
  const batches = Math.max(1, Math.ceil(shape.events / 2_000_000));
  const perBatch = Math.ceil(shape.events / batches);
  await sql`SELECT setseed(${((shape.seed ?? 1) % 1000) / 1000})`;
  await sql.unsafe(SEED_EVENTS_TABLE);
  for (let batch = 0; batch < batches; batch++) {
    const count = Math.min(perBatch, shape.events - batch * perBatch);
    await sql.unsafe(
      `INSERT INTO seed_events (chat_id, at, metric, n)
       SELECT 1 + floor(random() * $1)::bigint,
         make_timestamptz($2, 1, 1, 0, 0, 0, 'Europe/Paris')
           + random() * (make_timestamptz($3, 1, 1, 0, 0, 0, 'Europe/Paris')
                         - make_timestamptz($2, 1, 1, 0, 0, 0, 'Europe/Paris')),
         ($4::text[])[1 + floor(power(random(), 2) * cardinality($4::text[]))::int],
         1
       FROM generate_series(1, $5)`,
      [shape.groups, firstYear, lastYear + 1, SEED_METRICS, count],
    );
  }
  await sql`SET work_mem = '256MB'`;
  await sql`ALTER TABLE activity_rollups DROP CONSTRAINT activity_rollups_scope_period_metric_pk`;
  await sql`DROP INDEX activity_rollups_departements`;
  // The communes' and quartiers' copy by period (migration 0027) is made once after, as the
  // migration makes it, rather than by its trigger from a transition table of every row.
  await sql`ALTER TABLE activity_rollups DISABLE TRIGGER activity_rollups_inserted`;
  await sql.unsafe(`INSERT INTO activity_rollups (scope, period, metric, value) ${ROLL_UP}`);
  await sql`ALTER TABLE activity_rollups ENABLE TRIGGER activity_rollups_inserted`;
  await sql`ALTER TABLE activity_rollups
    ADD CONSTRAINT activity_rollups_scope_period_metric_pk PRIMARY KEY (scope, period, metric)`;
  await sql`CREATE INDEX activity_rollups_departements ON activity_rollups (period, metric)
    WHERE scope LIKE 'dep:%'`;
  await sql`INSERT INTO activity_period_rollups (scope, period, figures)
    SELECT scope, period, jsonb_object_agg(metric, value) FROM activity_rollups
    WHERE scope LIKE 'insee:%' OR scope LIKE 'quartier:%'
    GROUP BY scope, period`;
  await sql`DROP TABLE seed_events`;
  await sql`RESET work_mem`;
}

const SEED_EVENTS_TABLE = `CREATE UNLOGGED TABLE IF NOT EXISTS seed_events (
  chat_id bigint NOT NULL, at timestamptz NOT NULL, metric text NOT NULL, n bigint NOT NULL)`;

/**
 * What recordActivity does, for many events at once: each event of seed_events added to
 * every scope of its group, at its month and its year (the same scopes and periods).
 */
const ROLL_UP = `
  SELECT s.scope, p.period, e.metric, sum(e.n)
  FROM (
    SELECT chat_id, metric, to_char(at AT TIME ZONE c.timezone, 'YYYY-MM') AS month, sum(n) AS n
    FROM seed_events JOIN chats c ON c.id = seed_events.chat_id
    GROUP BY 1, 2, 3
  ) e
  JOIN chats c ON c.id = e.chat_id AND c.kind = 'group'
  CROSS JOIN LATERAL ${CHAT_SCOPES}
  CROSS JOIN LATERAL (VALUES (e.month), (left(e.month, 4))) AS p(period)
  WHERE s.scope IS NOT NULL
  GROUP BY 1, 2, 3`;

/** The same roll-up, added to rows already there (the small run's check). */
export async function rollUpSeedEvents(sql: Sql): Promise<void> {
  await sql.unsafe(`
    INSERT INTO activity_rollups (scope, period, metric, value) ${ROLL_UP}
    ON CONFLICT (scope, period, metric)
      DO UPDATE SET value = activity_rollups.value + excluded.value`);
  await sql`TRUNCATE seed_events`;
}

async function seedGroups(sql: Sql, shape: SeedShape): Promise<void> {
  // Shuffled (the file is in postcode order), so that the big shares fall all over France.
  const communes = readCommunes();
  const random = seededRandom(shape.seed ?? 1);
  for (let i = communes.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [communes[i], communes[j]] = [communes[j]!, communes[i]!];
  }
  await sql`CREATE UNLOGGED TABLE seed_communes (n int PRIMARY KEY, insee text, departement text)`;
  await sql`INSERT INTO seed_communes
    SELECT * FROM unnest(${sql.array(communes.map((_, i) => i + 1))}::int[],
      ${sql.array(communes.map((c) => c.insee))}::text[],
      ${sql.array(communes.map((c) => c.departement))}::text[])`;
  // Skewed: commune n gets a share of groups falling like 1/n^0.8 among a shuffled order, so
  // big cities (and some villages) hold many groups and most communes few or none.
  await sql`SELECT setseed(${((shape.seed ?? 1) % 1000) / 1000})`;
  await sql.unsafe(
    `INSERT INTO chats (platform, external_id, kind, group_kind, commune_insee, departement, active)
     SELECT 'telegram', '-' || g, 'group',
       (ARRAY['immeuble', 'rue', 'quartier', NULL])[1 + (g % 4)],
       c.insee, c.departement, g % 50 <> 0
     FROM (
       SELECT g, 1 + floor(power(random(), 4) * $2::int)::int AS n
       FROM generate_series(1, $1::int) AS g
     ) picked
     JOIN seed_communes c ON c.n = picked.n
     ORDER BY g`,
    [shape.groups, communes.length],
  );
  const partners = shape.partners ?? 50;
  await sql.unsafe(
    `WITH biggest AS (
       SELECT commune_insee, count(*) FROM chats GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT $1
     ),
     made AS (
       INSERT INTO partners (name) SELECT 'Ville ' || commune_insee FROM biggest
       RETURNING id, name
     ),
     communes AS (
       INSERT INTO partner_communes (partner_id, insee)
       SELECT id, substr(name, 7) FROM made RETURNING partner_id
     )
     INSERT INTO quartiers (partner_id, name)
     SELECT id, 'Quartier ' || q FROM made, generate_series(1, 5) AS q`,
    [partners],
  );
  // Half the groups of a partner's commune chose a quartier.
  await sql.unsafe(
    `UPDATE chats SET quartier_id = (
       SELECT q.id FROM quartiers q JOIN partner_communes pc ON pc.partner_id = q.partner_id
       WHERE pc.insee = chats.commune_insee ORDER BY q.id OFFSET (chats.id % 5) LIMIT 1)
     WHERE chats.id % 2 = 0
       AND commune_insee IN (SELECT insee FROM partner_communes)`,
  );
  await sql`DROP TABLE seed_communes`;
}

/**
 * The small run's check: the same events recorded one by one through recordActivity in one
 * database and seeded in another must leave the same rows.
 */
async function checkSeedAgainstRecording(): Promise<void> {
  const shape = { groups: 200, events: 1_000, years: 2, partners: 3, lastYear: 2026, seed: 7 };
  const random = seededRandom(42);
  const rows: string[][] = [];
  await withBenchDatabase(async (recorded) => {
    await withBenchDatabase(async (seeded) => {
      const a = postgres(recorded.url, { max: 1, onnotice: () => {} });
      const b = postgres(seeded.url, { max: 1, onnotice: () => {} });
      const app = await createDatabase({ url: recorded.url, maxConnections: 2 });
      const other = await createDatabase({ url: seeded.url, maxConnections: 2 });
      try {
        await migrateDatabase(app);
        await migrateDatabase(other);
        await seedGroups(a, shape);
        await seedGroups(b, shape);
        await b.unsafe(SEED_EVENTS_TABLE);
        const start = Date.UTC(2025, 0, 1);
        const span = Date.UTC(2027, 0, 1) - start;
        const events = Array.from({ length: shape.events }, () => ({
          chatId: 1 + Math.floor(random() * shape.groups),
          at: new Date(start + Math.floor(random() * span)),
          metric: SEED_METRICS[Math.floor(random() ** 2 * SEED_METRICS.length)]!,
        }));
        for (const event of events) await recordActivity(app.db, event);
        await b`INSERT INTO seed_events (chat_id, at, metric, n)
          SELECT *, 1 FROM unnest(${b.array(events.map((e) => e.chatId))}::bigint[],
            ${b.array(events.map((e) => e.at.toISOString()))}::timestamptz[],
            ${b.array(events.map((e) => e.metric))}::text[])`;
        await rollUpSeedEvents(b);
        const read = (sql: Sql) =>
          sql<{ scope: string; period: string; metric: string; value: string }[]>`
            SELECT scope, period, metric, value FROM activity_rollups ORDER BY 1, 2, 3`;
        const readCopy = (sql: Sql) =>
          sql`SELECT scope, period, figures FROM activity_period_rollups ORDER BY 1, 2`;
        const [left, right] = [await read(a), await read(b)];
        const same =
          JSON.stringify(left) === JSON.stringify(right) &&
          JSON.stringify(await readCopy(a)) === JSON.stringify(await readCopy(b));
        const sum = (list: { scope: string; value: string }[]) =>
          list.filter((r) => r.scope.startsWith('dep:')).reduce((t, r) => t + Number(r.value), 0);
        rows.push(
          ['check (1,000 events, 200 groups)', 'rows', 'sum of dep:* rows'],
          ['recorded one by one', formatNumber(left.length), formatNumber(sum(left))],
          ['seeded', formatNumber(right.length), formatNumber(sum(right))],
        );
        console.log(formatTable(rows));
        if (!same) throw new Error('seeded rollups differ from recorded ones');
        console.log('seeded = recorded, row for row\n');
      } finally {
        await a.end({ timeout: 5 });
        await b.end({ timeout: 5 });
        await app.close();
        await other.close();
      }
    });
  });
}

const SCALE = Number(process.env.BENCH_CONSOLE_SCALE ?? 1);
/** The national shape; BENCH_CONSOLE_SCALE=0.1 seeds a tenth of it, for a quick look. */
const SHAPE = {
  groups: Math.round(200_000 * SCALE),
  events: Math.round(20_000_000 * SCALE),
  years: 5,
};
const READS = 1_000;
const CONCURRENT = 10;
const TARGET_PAGE_P99_MS = 200;

async function timeReads(
  read: (worker: number) => Promise<unknown>,
): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENT }, async (_, worker) => {
      while (next++ < READS) {
        const start = performance.now();
        await read(worker);
        times.push(performance.now() - start);
      }
    }),
  );
  times.sort((x, y) => x - y);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * BENCH_CONSOLE_KEEP=<name> seeds into `vsb_bench_<name>` and leaves it there; a later run
 * with the same name migrates it and reuses its seed (drop it by hand when done).
 */
const KEEP = process.env.BENCH_CONSOLE_KEEP || undefined;

export async function benchConsoleSeed(): Promise<void> {
  if (!KEEP) await checkSeedAgainstRecording();
  await withBenchDatabase(
    async (database) => {
      const sql = postgres(database.url, { max: 1, onnotice: () => {} });
      const app = await createDatabase({ url: database.url, maxConnections: CONCURRENT });
      try {
        await migrateDatabase(app);
        const [seeded] = await sql`SELECT 1 FROM partners LIMIT 1`;
        const reused = database.existed && seeded !== undefined;
        const start = performance.now();
        if (reused) console.log(`reusing the seed of ${database.name}`);
        else await seedNationalActivity(sql, SHAPE);
        const seedSeconds = (performance.now() - start) / 1000;
        const refreshStart = performance.now();
        await refreshStateFigures(app.db, new Date());
        const refreshSeconds = (performance.now() - refreshStart) / 1000;
        await sql`VACUUM ANALYZE activity_rollups`;
        const [stored] = await sql<{ rows: string; size: string }[]>`
        SELECT count(*) AS rows, pg_size_pretty(pg_total_relation_size('activity_rollups')) AS size
        FROM activity_rollups`;
        console.log(
          `PostgreSQL ${database.serverVersion}: ${formatNumber(SHAPE.groups)} groups, ` +
            `${formatNumber(SHAPE.events)} events over ${SHAPE.years} years seeded in ` +
            `${formatNumber(seedSeconds, 1)} s: ${formatNumber(Number(stored?.rows))} rollup rows ` +
            `(${stored?.size}); ` +
            `state figures refreshed in ${formatNumber(refreshSeconds, 1)} s`,
        );
        const year = String(new Date().getUTCFullYear());
        const [city] = await sql<{ partner_id: string; communes: string }[]>`
        SELECT partner_id, count(*) AS communes FROM partner_communes GROUP BY 1 ORDER BY 1 LIMIT 1`;
        const scopes = await findPartnerScopes(app.db, Number(city!.partner_id));
        const cityScopes = [...scopes.communes, ...scopes.quartiers].map((s) => s.scope);
        const periods = [
          year,
          ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`),
        ];
        const metrics = [
          ...SEED_METRICS,
          'groups:immeuble',
          'groups:rue',
          'groups:quartier',
          'groups:unset',
          'neighbours:active',
          'watch:referents',
          'watch:watched',
        ];
        const cityRows = await readRollups(app.db, { scopes: cityScopes, periods });
        const national = await readDepartementYear(app.db, year, metrics);
        const plan = await sql.unsafe(
          `EXPLAIN SELECT scope, period, metric, value FROM activity_rollups
         WHERE scope LIKE 'dep:%' AND period = '${year}' AND metric = ANY($1::text[])`,
          [metrics],
        );
        const cityTimes = await timeReads(() =>
          readRollups(app.db, { scopes: cityScopes, periods }),
        );
        // What the city's page reads now: the same rows from the copy by period (0027).
        const cityCopyTimes = await timeReads(() =>
          readCityRollups(app.db, { scopes: cityScopes, periods }),
        );
        const nationalTimes = await timeReads(() => readDepartementYear(app.db, year, metrics));
        console.log(
          `national plan: ${plan
            .map((r) => String((r as Record<string, string>)['QUERY PLAN']).trim())
            .filter((line) => line.includes('Scan'))
            .map((line) => line.replace(/\s+\(cost.*$/, ''))
            .join(' ← ')}\n`,
        );
        console.log(
          formatTable([
            ['read (1,000 at 10 concurrent)', 'rows', 'p50 ms', 'p99 ms'],
            [
              `readRollups: a city (${scopes.communes.length} commune, ${scopes.quartiers.length} quartiers), ${periods.length} periods`,
              formatNumber(cityRows.length),
              formatNumber(cityTimes.p50, 2),
              formatNumber(cityTimes.p99, 2),
            ],
            [
              `readCityRollups: the same, from the rows by scope and period (the page's read)`,
              formatNumber(cityRows.length),
              formatNumber(cityCopyTimes.p50, 2),
              formatNumber(cityCopyTimes.p99, 2),
            ],
            [
              `readDepartementYear: ${year}, ${metrics.length} metrics`,
              formatNumber(national.length),
              formatNumber(nationalTimes.p50, 2),
              formatNumber(nationalTimes.p99, 2),
            ],
          ]),
        );
        await timePages(app.db, Number(city!.partner_id), year);
        await timeRecording(app.db, sql, SHAPE.groups);
      } finally {
        await sql.end({ timeout: 5 });
        await app.close();
      }
    },
    { keep: KEEP },
  );
}

/**
 * The pages themselves, over HTTP through the bot's own server: a CCAS member of the city's
 * staff loads its city page (every table, the watch's included) and an administrator of the
 * association the national page, 1,000 times each, from 10 sessions at once.
 */
async function timePages(db: Db, partnerId: number, year: string): Promise<void> {
  const now = new Date();
  // A reused seed still has the last run's two people: they go (their staff rows and
  // sessions with them).
  await db.delete(people).where(
    inArray(
      people.id,
      db
        .select({ id: personIdentities.personId })
        .from(personIdentities)
        .where(inArray(personIdentities.externalId, ['900000001', '900000002'])),
    ),
  );
  const makePerson = async (externalId: string) => {
    const [person] = await db
      .insert(people)
      .values({ platform: 'telegram', displayName: 'Bench' })
      .returning({ id: people.id });
    await db
      .insert(personIdentities)
      .values({ personId: person!.id, platform: 'telegram', externalId });
    return person!.id;
  };
  const ccas = await makePerson('900000001');
  const admin = await makePerson('900000002');
  await db.insert(partnerStaff).values({ partnerId, personId: ccas, role: 'ccas' });
  const sessions = async (personId: number) =>
    Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        openSession(db, {
          personId,
          locale: 'fr',
          now,
          expiresAt: new Date(now.getTime() + 3_600_000),
        }),
      ),
    );
  const logger = createCountingLogger();
  const i18n = await createI18n();
  // The console as the bot makes it, and the same one reading a city's figures at every load
  // (none kept): the first load of a city each minute, or many cities each opened once.
  const makeConsole = (cityFiguresTtlMs?: number) =>
    createConsoleApp({
      db,
      i18n,
      clock: { now: () => new Date() },
      logger,
      botAdmins: ['telegram:900000002'],
      helpServiceValues: defaultServiceValues,
      publicUrl: 'http://127.0.0.1',
      inviteLinks: () => [],
      kitIds: loadKits().ids,
      ...(cityFiguresTtlMs === undefined ? {} : { cityFiguresTtlMs }),
    });
  const serve = (console: ReturnType<typeof createConsoleApp>) =>
    startHttpServer({
      port: 0,
      host: '127.0.0.1',
      logger,
      health: () => Promise.resolve({ ok: true, database: true, adapters: {} }),
      console,
    });
  const http = await serve(makeConsole());
  const unkept = await serve(makeConsole(0));
  try {
    // The browsers are another thread (as they are other machines): reading 1,000 pages
    // must not take turns with the server on its event loop.
    const load = (port: number, path: string, sessions: { token: string }[]) =>
      loadInWorker({
        url: `http://127.0.0.1:${port}${path}`,
        cookies: sessions.map((s) => `${SESSION_COOKIE}=${s.token}`),
        loads: READS,
      });
    const cityPath = `/console/villes/${partnerId}?annee=${year}`;
    const ccasSessions = await sessions(ccas);
    const cityPage = await load(http.port, cityPath, ccasSessions);
    const cityUnkept = await load(unkept.port, cityPath, ccasSessions);
    const nationalPage = await load(
      http.port,
      `/console/national?annee=${year}`,
      await sessions(admin),
    );
    const verdict = (p99: number) => (p99 < TARGET_PAGE_P99_MS ? 'met' : 'MISSED');
    console.log(
      '\n' +
        formatTable([
          [
            'page (1,000 loads, 10 sessions at once)',
            'KB',
            'p50 ms',
            'p99 ms',
            `p99 < ${TARGET_PAGE_P99_MS} ms`,
          ],
          [
            'a city (CCAS: every table, the watch too), its figures kept a minute',
            formatNumber(cityPage.bytes / 1024),
            formatNumber(cityPage.p50, 1),
            formatNumber(cityPage.p99, 1),
            verdict(cityPage.p99),
          ],
          [
            'the same city, its figures read at every load (none kept)',
            formatNumber(cityUnkept.bytes / 1024),
            formatNumber(cityUnkept.p50, 1),
            formatNumber(cityUnkept.p99, 1),
            verdict(cityUnkept.p99),
          ],
          [
            'national (the association: map, kits by month, partners, groups outside)',
            formatNumber(nationalPage.bytes / 1024),
            formatNumber(nationalPage.p50, 1),
            formatNumber(nationalPage.p99, 1),
            verdict(nationalPage.p99),
          ],
        ]),
    );
  } finally {
    await http.close();
    await unkept.close();
  }
}

/** The page loads, from a worker thread: 10 sessions at once, each waiting for its page. */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, cookies, loads } = workerData;
const times = [];
let next = 0;
let bytes = 0;
Promise.all(cookies.map(async (cookie) => {
  while (next++ < loads) {
    const start = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(url + ': ' + response.status);
    times.push(performance.now() - start);
    bytes = body.length;
  }
})).then(() => parentPort.postMessage({ times, bytes }), (error) => parentPort.postMessage({ error: String(error) }));
`;

function loadInWorker(work: {
  url: string;
  cookies: string[];
  loads: number;
}): Promise<{ p50: number; p99: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: work });
    worker.once('message', (result: { times?: number[]; bytes?: number; error?: string }) => {
      void worker.terminate();
      if (result.error || !result.times) return reject(new Error(result.error));
      const times = result.times.sort((x, y) => x - y);
      resolve({ p50: percentile(times, 50), p99: percentile(times, 99), bytes: result.bytes ?? 0 });
    });
    worker.once('error', reject);
  });
}

const RECORDED = 5_000;

/**
 * The write side on the national table: `recordActivity` (one upsert of 8 rows: 4 scopes ×
 * month and year) for events of random groups, now, 10 at a time as the bot's pipeline would,
 * each in its own transaction. Reported per event, with how many of the row updates were HOT
 * (no index touched): what an index on activity_rollups costs every recorded event.
 */
export async function timeRecording(db: Db, sql: Sql, groups: number): Promise<void> {
  const random = seededRandom(99);
  const stats = () =>
    sql<{ upd: string; hot: string; ins: string }[]>`
      SELECT n_tup_upd AS upd, n_tup_hot_upd AS hot, n_tup_ins AS ins
      FROM pg_stat_user_tables WHERE relname = 'activity_rollups'`;
  const [before] = await stats();
  const times: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      while (next++ < RECORDED) {
        const event = {
          chatId: 1 + Math.floor(random() * groups),
          metric: SEED_METRICS[Math.floor(random() ** 2 * SEED_METRICS.length)]!,
          at: new Date(),
        };
        const begin = performance.now();
        await db.transaction((tx) => recordActivity(tx, event));
        times.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  // The statistics collector reports a backend's counts when its transaction ends, at most
  // once a second: wait for them.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const [after] = await stats();
  times.sort((x, y) => x - y);
  const updated = Number(after!.upd) - Number(before!.upd);
  const hot = Number(after!.hot) - Number(before!.hot);
  const inserted = Number(after!.ins) - Number(before!.ins);
  const [indexes] = await sql<{ list: string }[]>`
    SELECT string_agg(indexrelid::regclass::text, ', ' ORDER BY indexrelid::regclass::text) AS list
    FROM pg_index WHERE indrelid = 'activity_rollups'::regclass`;
  console.log(
    '\n' +
      formatTable([
        [
          `recordActivity (${formatNumber(RECORDED)} events, 10 at once)`,
          'events/s',
          'p50 ms',
          'p99 ms',
          'rows updated',
          'of which HOT',
          'rows inserted',
        ],
        [
          `indexes: ${indexes?.list ?? '?'}`,
          formatNumber(RECORDED / seconds),
          formatNumber(percentile(times, 50), 2),
          formatNumber(percentile(times, 99), 2),
          formatNumber(updated),
          formatNumber(hot),
          formatNumber(inserted),
        ],
      ]),
  );
}
