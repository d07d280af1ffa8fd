// The watch's durable jobs under failures: a job runner that dies in the middle of a round,
// a failure between a check-in's message and its bookkeeping, two runners on one database
// (two connection pools on a server, as two processes would have), answers that come after
// the ladder moved on, neighbours without recorded consent, and Météo-France's import.
// Real database, the feature's own jobs and router; fakes only for the platform and clock.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database, type Db } from '../../../db/client.ts';
import { findChat, findChatById, saveChatSettings } from '../../../db/queries/chats.ts';
import { recordInboundEvent } from '../../../db/queries/inbound-events.ts';
import { findJob } from '../../../db/queries/jobs.ts';
import {
  createWatched,
  findVigilance,
  saveReferent,
  saveVigilance,
  updateWatched,
} from '../../../db/queries/watch.ts';
import { checkIns, jobs } from '../../../db/schema.ts';
import type { Deps } from '../../../handlers/deps.ts';
import type { Feature, JobSpec } from '../../../handlers/feature.ts';
import { createJobRunner, type JobRunnerOptions } from '../../../handlers/jobs/job-runner.ts';
import { loadKits } from '../../../handlers/kits/load-kits.ts';
import { createKitDocumentRenderer } from '../../../handlers/kits/render-kit-document.ts';
import type { Messenger } from '../../../handlers/ports.ts';
import { createRouter } from '../../../handlers/router.ts';
import { createWatchFeature, type WatchOptions } from '../../../handlers/watch/index.ts';
import { parseVigilanceMap } from '../../../handlers/watch/meteo-france.ts';
import { applyVigilance } from '../../../handlers/watch/vigilance.ts';
import { createRecordingMessenger, type Sent } from '../../support/recording-messenger.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createTestClock, createTestDeps, type TestClock } from '../../support/test-deps.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

// Tuesday 20 July 2027, 10:00 in Lyon: a round's hour.
const ROUND = '2027-07-20T08:00:00Z';
const HOUR = 3_600_000;
/** A referent's check-ins may be spaced a second or so apart (the platform's pace). */
const SPREAD = 10_000;
const runnerOptions: JobRunnerOptions = {
  workerId: 'a',
  leaseSeconds: 60,
  batchSize: 100,
  concurrency: 4,
};

let clock: TestClock;
beforeEach(async () => {
  await resetDatabase(database);
  clock = createTestClock(ROUND);
});

function watchFeature(deps: Deps, options: Partial<WatchOptions> = {}): Feature {
  return createWatchFeature({
    kits: { catalogue: loadKits(), render: createKitDocumentRenderer(deps.i18n) },
    ...options,
  });
}

/** What one process sees: its deps (its own connections), messenger, jobs and router. */
async function createInstance(db: Db, options: { organiser?: string } = {}) {
  const deps = await createTestDeps(db, clock);
  const sent: Sent[] = [];
  const messenger: Messenger = {
    ...createRecordingMessenger(sent),
    listAdmins: () => Promise.resolve(options.organiser ? [options.organiser] : []),
  };
  deps.messengers.set('telegram', messenger);
  const feature = watchFeature(deps);
  const specs = feature.jobs ?? [];
  return {
    deps,
    sent,
    messenger,
    feature,
    specs,
    router: createRouter(deps, [feature]),
    runner: (workerId: string, more: Partial<JobRunnerOptions> = {}) =>
      createJobRunner(deps, specs, { ...runnerOptions, workerId, ...more }),
  };
}
type Instance = Awaited<ReturnType<typeof createInstance>>;

let eventId = 0;
const GROUP = '-100777';
/** A person who is in the group and wrote to the bot privately; returns their person id. */
async function person(db: Db, externalId: string, name: string): Promise<number> {
  const seen = { externalId, displayName: name };
  await recordInboundEvent(db, {
    chat: { platform: 'telegram', externalId: GROUP, kind: 'group', locale: 'fr' },
    person: seen,
    member: true,
    reachable: false,
  });
  const recorded = await recordInboundEvent(db, {
    chat: { platform: 'telegram', externalId, kind: 'private', locale: 'fr' },
    person: seen,
    member: false,
    reachable: true,
  });
  return recorded.person.id;
}

interface Seeded {
  chatId: number;
  /** Watched neighbour id → their referent's external id. */
  referentOf: Map<number, string>;
  names: Map<number, string>;
}

/**
 * A group of the 69 on orange canicule, with `referents` referents (external ids r1, r2…)
 * each watching `each` consenting neighbours, and an organiser "o1".
 */
async function seedGroup(db: Db, referents: number, each: number): Promise<Seeded> {
  await person(db, 'o1', 'Olga');
  const chatId = await groupId(db);
  const now = clock.now();
  const referentOf = new Map<number, string>();
  const names = new Map<number, string>();
  for (let r = 1; r <= referents; r++) {
    const personId = await person(db, `r${r}`, `Référent ${r}`);
    await saveReferent(db, { chatId, personId, status: 'active' });
    for (let n = 1; n <= each; n++) {
      const name = `Voisin ${r}-${n}`;
      const watched = await createWatched(db, {
        chatId,
        referentPersonId: personId,
        name,
        location: `${n}e`,
        reach: 'frapper',
        emergencyContact: null,
        status: 'pending_consent',
        expiresOn: '2027-09-15',
      });
      await updateWatched(db, watched.id, {
        status: 'active',
        consentBy: 'referent',
        consentRecordedBy: personId,
        consentAt: now,
      });
      referentOf.set(watched.id, `r${r}`);
      names.set(watched.id, name);
    }
  }
  await saveChatSettings(db, (await findChatById(db, chatId))!, {
    postcode: '69003',
    departement: '69',
  });
  await saveVigilance(
    db,
    { departement: '69', hazard: 'heat', level: 'orange', source: 'test' },
    now,
  );
  return { chatId, referentOf, names };
}

async function groupId(db: Db): Promise<number> {
  const group = await findChat(db, 'telegram', GROUP);
  if (!group) throw new Error('no group yet');
  return group.id;
}

/** How many check-in messages each neighbour's referent received, by neighbour name. */
function perNeighbour(seeded: Seeded, ...sent: Sent[][]): Map<string, number> {
  const counts = new Map([...seeded.names.values()].map((name) => [name, 0]));
  for (const { chatId, message } of sent.flat()) {
    if (message.kind !== 'text' || !message.text.includes('tournée de nouvelles')) continue;
    const name = /<b>([^<]+)<\/b>\s*\(/.exec(message.text)?.[1] ?? '';
    const id = [...seeded.names].find(([, n]) => n === name)?.[0];
    // Each check-in goes to the neighbour's own referent, privately.
    expect(id !== undefined && seeded.referentOf.get(id)).toBe(chatId);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

/** The hourly planner ticks (once per period across instances). */
async function tickPlanner(instance: Instance, at = clock.now()): Promise<void> {
  await instance
    .runner('planner')
    .enqueueRecurring({ kind: 'watchPlanRounds', cron: '0 * * * *' }, at);
}

/** The round is planned (its check-in jobs enqueued), then they are all due. */
async function planRound(instance: Instance): Promise<void> {
  const plan = instance.specs.find((s: JobSpec) => s.kind === 'watchPlanRounds')!;
  await plan.run(
    {},
    { deps: instance.deps, now: clock.now(), jobId: 0, attempt: 1, workerId: 'test' },
  );
  clock.advance(SPREAD);
}

const allCheckIns = () => database.db.select().from(checkIns).orderBy(checkIns.id);
const jobsOfKind = async (kind: string) =>
  (await database.db.select().from(jobs)).filter((j) => j.kind === kind);

describe('a round survives a crash', () => {
  it('a runner that dies mid-round: the next one neither loses nor repeats a check-in', async () => {
    const seeded = await seedGroup(database.db, 4, 3);
    const a = await createInstance(database.db);
    // Worker "a" sends the first four check-ins, then freezes while sending the fifth (the
    // message left; the job is never marked): the process died. The rest it had claimed
    // are never started.
    let sends = 0;
    let frozen!: () => void;
    const died = new Promise<void>((resolve) => (frozen = resolve));
    const send = a.messenger.send.bind(a.messenger);
    a.messenger.send = async (chatId, message) => {
      const result = await send(chatId, message);
      if (++sends === 5) {
        frozen();
        await new Promise(() => {});
      }
      return result;
    };
    await planRound(a);
    void a.runner('a', { concurrency: 1 }).runDueJobs();
    await died;
    expect(a.sent).toHaveLength(5);
    const running = (await jobsOfKind('watchCheckIn')).filter((j) => j.status === 'running');
    expect(running).toHaveLength(8);

    // Worker "b" starts: nothing to take while "a"'s lease holds; everything once it ended.
    const b = await createInstance(database.db);
    expect(await b.runner('b').runDueJobs()).toBe(0);
    expect(b.sent).toEqual([]);
    clock.advance(61_000);
    await b.runner('b').runDueJobs();

    const counts = perNeighbour(seeded, a.sent, b.sent);
    const twice = [...counts].filter(([, n]) => n === 2);
    expect([...counts.values()].every((n) => n === 1 || n === 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(1); // at most the one in flight
    expect(a.sent.length + b.sent.length).toBe(12 + twice.length);
    // One check-in per neighbour, each sent, each with its ladder; every job finished.
    const rows = await allCheckIns();
    expect(rows).toHaveLength(12);
    expect(rows.every((c) => c.sentAt !== null)).toBe(true);
    expect(await jobsOfKind('watchLadder')).toHaveLength(36);
    expect((await jobsOfKind('watchCheckIn')).every((j) => j.status === 'done')).toBe(true);
  });

  it('a failure after a check-in went out: the retry plans its ladder, the round is not lost', async () => {
    const seeded = await seedGroup(database.db, 2, 2);
    const a = await createInstance(database.db);
    // The ladder cannot be saved (the database connection broke right after the send).
    await database.db.execute(
      sql.raw(`create or replace function test_refuse_ladder() returns trigger language plpgsql as $$
        begin
          if new.kind = 'watchLadder' then raise exception 'connection lost'; end if;
          return new;
        end $$`),
    );
    await database.db.execute(
      sql.raw(`create trigger test_refuse_ladder before insert on jobs
        for each row execute function test_refuse_ladder()`),
    );
    try {
      await planRound(a);
      await a.runner('a').runDueJobs();
    } finally {
      await database.db.execute(sql.raw('drop trigger test_refuse_ladder on jobs'));
      await database.db.execute(sql.raw('drop function test_refuse_ladder()'));
    }
    expect((await jobsOfKind('watchCheckIn')).map((j) => j.status)).toEqual(
      Array(4).fill('pending'),
    );
    expect(a.sent).toHaveLength(4);

    clock.advance(31_000);
    await a.runner('a').runDueJobs();
    // Each message was in flight when its bookkeeping failed: sent again, once.
    expect([...perNeighbour(seeded, a.sent).values()]).toEqual([2, 2, 2, 2]);
    const rows = await allCheckIns();
    expect(rows.every((c) => c.sentAt !== null)).toBe(true);
    for (const row of rows) {
      for (const step of [1, 2, 3]) {
        expect(await findJob(database.db, `watch:ladder:${row.id}:${step}`)).toBeDefined();
      }
    }
    // And silence still climbs the ladder: two hours later, the reminders.
    clock.advance(2 * HOUR);
    await a.runner('a').runDueJobs();
    expect(
      a.sent.filter(
        (s) => s.message.kind === 'text' && s.message.text.includes('Pas encore de réponse'),
      ),
    ).toHaveLength(4);
  });
});

describe('two runners at once', () => {
  it('never send the same check-in twice', async () => {
    // On a server: two connection pools, as two processes; on PGlite the one connection
    // serialises them, which must hold as well.
    const second: Database = database.url
      ? await createDatabase({ url: database.url, maxConnections: 5 })
      : database;
    try {
      const seeded = await seedGroup(database.db, 20, 3);
      const a = await createInstance(database.db);
      const b = await createInstance(second.db);
      // Both instances tick, their clocks a minute apart: two planners, one plan.
      await tickPlanner(a, clock.now());
      await tickPlanner(b, new Date(clock.now().getTime() + 60_000));
      clock.advance(60_000);
      const small = { batchSize: 3, concurrency: 3 };
      await Promise.all([a.runner('a', small).runDueJobs(), b.runner('b', small).runDueJobs()]);
      clock.advance(SPREAD);
      await Promise.all([a.runner('a', small).runDueJobs(), b.runner('b', small).runDueJobs()]);

      const counts = perNeighbour(seeded, a.sent, b.sent);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(a.sent.length + b.sent.length).toBe(60);
      expect(await allCheckIns()).toHaveLength(60);
      expect(await jobsOfKind('watchCheckIn')).toHaveLength(60);
      expect((await jobsOfKind('watchPlanRounds')).map((j) => j.status)).toEqual(['done', 'done']);
    } finally {
      if (second !== database) await second.close();
    }
  });
});

describe('answers that come late', () => {
  async function answerAs(instance: Instance, externalId: string, data: string): Promise<string> {
    const before = instance.sent.length;
    await instance.router.handle(
      {
        type: 'choice',
        id: `c${++eventId}`,
        chat: { platform: 'telegram', id: externalId, kind: 'private' },
        sender: { platform: 'telegram', id: externalId, displayName: externalId },
        data,
      },
      instance.messenger,
    );
    const replies = instance.sent.slice(before).filter((s) => s.chatId === externalId);
    return replies.map((s) => (s.message.kind === 'text' ? s.message.text : '')).join('\n');
  }
  const texts = (instance: Instance, chatId: string) =>
    instance.sent
      .filter((s) => s.chatId === chatId)
      .map((s) => (s.message.kind === 'text' ? s.message.text : ''));

  it('are recorded and stop the ladder, whichever step it had reached', async () => {
    await seedGroup(database.db, 1, 3);
    const a = await createInstance(database.db, { organiser: 'o1' });
    const runner = a.runner('a');
    await planRound(a);
    await runner.runDueJobs();
    const sentAt = clock.now().getTime();
    // The check-ins of Voisin 1-1, 1-2 and 1-3.
    const [first, second] = (await allCheckIns()).sort((x, y) => x.watchedId - y.watchedId);

    // +2 h: the reminders went out; one answer comes after its reminder.
    clock.advance(2 * HOUR);
    await runner.runDueJobs();
    expect(texts(a, 'r1').filter((t) => t.includes('Pas encore de réponse'))).toHaveLength(3);
    clock.advance(30 * 60_000);
    expect(await answerAs(a, 'r1', `watch:ans:${first!.id}:ok`)).toContain('Voisin 1-1 va bien');
    // Someone the ladder has not reached cannot answer for them.
    await person(database.db, 'x1', 'Xavier');
    expect(await answerAs(a, 'x1', `watch:ans:${second!.id}:ok`)).toContain(
      "Ce n'est pas (encore) à vous de répondre",
    );

    // +6 h: the organisers were asked about the two others (at +4 h already, for want of a
    // backup), never about the one answered; then one answer comes.
    clock.set(new Date(sentAt + 6 * HOUR));
    await runner.runDueJobs();
    const asked = texts(a, 'o1').filter((t) => t.includes("Personne n'a encore pris de nouvelles"));
    const about = new Set(asked.map((t) => /<b>([^<]+)<\/b>/.exec(t)?.[1]));
    expect(about).toEqual(new Set(['Voisin 1-2', 'Voisin 1-3']));
    // An organiser who went and found nobody: no one else to knock, the emergency contact next.
    expect(await answerAs(a, 'o1', `watch:ans:${second!.id}:unreachable`)).toContain(
      "Étape suivante : son contact d'urgence",
    );
    // Still unreachable an hour later: the next step; then found fine: the rest is silent.
    clock.advance(HOUR);
    await runner.runDueJobs();
    expect(texts(a, 'r1').at(-1)).toContain('Toujours sans nouvelles de ce voisin');
    expect(await answerAs(a, 'r1', `watch:ans:${second!.id}:ok`)).toContain('va bien');
    const before = a.sent.length;
    clock.advance(3 * HOUR);
    await runner.runDueJobs();
    expect(a.sent).toHaveLength(before);

    const rows = (await allCheckIns()).sort((x, y) => x.watchedId - y.watchedId);
    expect(rows.map((c) => [c.outcome, c.step])).toEqual([
      ['ok', 1],
      ['ok', 3],
      ['pending', 3],
    ]);
    expect(rows[0]!.answeredAt).toEqual(new Date(sentAt + 2.5 * HOUR));
  });
});

describe('consent', () => {
  it('a neighbour without recorded consent is never in a round', async () => {
    const seeded = await seedGroup(database.db, 1, 1);
    const base = {
      chatId: seeded.chatId,
      referentPersonId: null,
      location: null,
      reach: null,
      emergencyContact: null,
      expiresOn: '2027-09-15',
    };
    await createWatched(database.db, { ...base, name: 'Pending', status: 'pending_consent' });
    // Active without a consent date cannot happen through the bot; it is refused anyway.
    await createWatched(database.db, { ...base, name: 'NoDate', status: 'active' });
    const expired = await createWatched(database.db, {
      ...base,
      name: 'Expired',
      status: 'active',
      expiresOn: '2027-07-19',
    });
    await updateWatched(database.db, expired.id, { consentAt: new Date('2027-03-01T00:00:00Z') });
    const withdrawn = await createWatched(database.db, {
      ...base,
      name: 'Withdrawn',
      status: 'active',
    });
    await updateWatched(database.db, withdrawn.id, { consentAt: clock.now() });

    const a = await createInstance(database.db, { organiser: 'o1' });
    // The round is planned; then Withdrawn changes their mind before their check-in runs.
    await planRound(a);
    expect(await jobsOfKind('watchCheckIn')).toHaveLength(2);
    await updateWatched(database.db, withdrawn.id, { status: 'removed' });
    await a.runner('a').runDueJobs();

    const all = a.sent.map((s) => (s.message.kind === 'text' ? s.message.text : '')).join('\n');
    expect(all).toContain('Voisin 1-1');
    expect(all).not.toMatch(/Pending|NoDate|Expired|Withdrawn/);
    expect((await allCheckIns()).map((c) => c.watchedId)).toEqual([...seeded.names.keys()]);
  });
});

describe("Météo-France's import", () => {
  const sample = (name: string): unknown =>
    JSON.parse(
      readFileSync(new URL(`../../fixtures/meteo-france/${name}`, import.meta.url), 'utf8'),
    );

  it('saves the levels and plans each announcement once; the same map again changes nothing', async () => {
    // 12 August 2025, 17:00 in Paris: canicule red in 33, orange in 69 among others, and
    // green (or no item) everywhere else.
    clock.set('2025-08-12T15:00:00Z');
    const deps = await createTestDeps(database.db, clock);
    const sent: Sent[] = [];
    deps.messengers.set('telegram', createRecordingMessenger(sent));
    let fetches = 0;
    const feature = watchFeature(deps, {
      vigilanceImport: {
        fetch: () => {
          fetches++;
          return Promise.resolve(
            parseVigilanceMap(sample('canicule-orange-red.json'), clock.now()),
          );
        },
        everyMinutes: 15,
      },
    });
    expect(feature.recurring).toContainEqual({ kind: 'watchImport', cron: '*/15 * * * *' });
    // A group of the 33 hears it.
    await person(database.db, 'o1', 'Olga');
    await saveChatSettings(
      database.db,
      (await findChatById(database.db, await groupId(database.db)))!,
      {
        postcode: '33000',
        departement: '33',
      },
    );
    const runner = createJobRunner(deps, feature.jobs ?? [], runnerOptions);
    const importNow = async () => {
      await runner.enqueueRecurring({ kind: 'watchImport', cron: '*/15 * * * *' }, clock.now());
      await runner.runDueJobs();
    };

    await importNow();
    expect(fetches).toBe(1);
    const gironde = await findVigilance(database.db, '33');
    expect(gironde.map((v) => [v.hazard, v.level, v.source, v.version])).toEqual([
      ['heat', 'red', 'meteo-france', 1],
    ]);
    expect((await findVigilance(database.db, '69')).find((v) => v.hazard === 'heat')?.level).toBe(
      'orange',
    );
    // One announcement per level that is not green (green is where everything starts), and
    // one message to each group of its département.
    const readings = parseVigilanceMap(sample('canicule-orange-red.json'), clock.now());
    const onAlert = readings.filter((r) => r.level !== 'green');
    const announcements = await jobsOfKind('watchAnnounce');
    expect(announcements.map((j) => j.dedupeKey).sort()).toEqual(
      onAlert.map((r) => `watch:announce:${r.departement}:${r.hazard}:1`).sort(),
    );
    expect(sent.map((s) => s.chatId)).toEqual([GROUP]);
    expect(sent[0]!.message.kind === 'text' && sent[0]!.message.text).toContain(
      'Vigilance rouge canicule dans le 33',
    );

    // Fifteen minutes later, the same map: nothing changes, nothing is announced.
    const before = (await database.db.select().from(jobs)).filter((j) => j.kind !== 'watchImport');
    clock.advance(15 * 60_000);
    await importNow();
    expect(fetches).toBe(2);
    const after = (await database.db.select().from(jobs)).filter((j) => j.kind !== 'watchImport');
    expect(after).toHaveLength(before.length);
    expect(sent).toHaveLength(1);
    expect((await findVigilance(database.db, '33')).map((v) => v.version)).toEqual([1]);
  });
});

describe('an alert that starts during the day or at night (issue 15, 7)', () => {
  /** The group back to green, then the alert declared at `at`; the jobs run at `at`. */
  async function declareAt(instance: Instance, at: string): Promise<void> {
    clock.set(at);
    await saveVigilance(
      database.db,
      { departement: '69', hazard: 'heat', level: 'green', source: 'test' },
      clock.now(),
    );
    await applyVigilance(
      instance.deps,
      { departement: '69', hazard: 'heat', level: 'orange' },
      'test',
      clock.now(),
    );
    await runAll(instance);
  }
  async function runAll(instance: Instance): Promise<void> {
    const runner = instance.runner('a');
    for (let pass = 0; pass < 4; pass++) await runner.runDueJobs();
  }
  const toReferent = (instance: Instance) =>
    instance.sent.filter((s) => s.chatId === 'r1' && s.message.kind === 'text');
  const textOf = (s: Sent) => (s.message.kind === 'text' ? s.message.text : '');
  /** What went to referents, but the news that the alert started. */
  const roundsIn = (instance: Instance) =>
    instance.sent.filter((s) => s.chatId !== GROUP && !textOf(s).includes("l'alerte commence"));

  it('at 14:00 the referents are told at once, and the first round goes out within the hour', async () => {
    clock.set('2027-07-20T06:00:00Z');
    const seeded = await seedGroup(database.db, 1, 2);
    const instance = await createInstance(database.db);
    await declareAt(instance, '2027-07-20T12:00:00Z');
    const [told, ...rounds] = toReferent(instance).map(textOf);
    expect(told).toContain("Vigilance orange canicule\u202f: l'alerte commence");
    expect(told).toContain('Vous veillez sur 2 voisines et voisins.');
    expect(told).toContain("dans l'heure");
    expect(told).toContain('15');
    expect(perNeighbour(seeded, roundsIn(instance))).toEqual(
      new Map([
        ['Voisin 1-1', 1],
        ['Voisin 1-2', 1],
      ]),
    );
    expect(rounds).toHaveLength(2);
  });

  it('at 22:00 the referents are told at once, and the first round waits for the morning', async () => {
    clock.set('2027-07-20T06:00:00Z');
    const seeded = await seedGroup(database.db, 1, 2);
    const instance = await createInstance(database.db);
    await declareAt(instance, '2027-07-20T20:00:00Z');
    const told = toReferent(instance).map(textOf);
    expect(told).toHaveLength(1);
    // Not at night; in the morning, the daily round (10:00, within two hours of 08:00) is
    // the first.
    expect(told[0]).toContain(
      'La première tournée de nouvelles arrivera le mercredi 21 juillet 2027 à 10 h',
    );
    clock.set('2027-07-21T06:00:00Z');
    await runAll(instance);
    expect(roundsIn(instance)).toEqual([]);
    clock.set('2027-07-21T08:00:00Z');
    await tickPlanner(instance);
    await runAll(instance);
    expect(perNeighbour(seeded, roundsIn(instance))).toEqual(
      new Map([
        ['Voisin 1-1', 1],
        ['Voisin 1-2', 1],
      ]),
    );
  });
});
