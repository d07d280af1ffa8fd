// What the local events' tests share: one database per file, emptied before each test, with
// two partner cities (Lyon 1er, Paris 11e); the real job runner and the real durable messenger
// (sendInTurn within shared send limits kept in the database) over a recording platform; a
// test clock that starts on Thursday 26 November 2026, 10:00 in Paris.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createDurableMessenger } from '../../../bot/outbox/durable-messenger.ts';
import { queryRows } from '../../../db/client.ts';
import { createPartner } from '../../../db/queries/partners.ts';
import { chats, partnerLocalEvents } from '../../../db/schema.ts';
import { createCityProgrammeFeature } from '../../../handlers/city-programme/index.ts';
import type { Deps } from '../../../handlers/deps.ts';
import type { Messenger } from '../../../handlers/ports.ts';
import { createJobRunner, type JobRunner } from '../../../handlers/jobs/job-runner.ts';
import {
  addLocalEventAnnounced,
  changeLocalEventAnnounced,
  type LocalEventInput,
} from '../../../handlers/city-programme/schedule.ts';
import { createRecordingMessenger, type Sent } from '../../support/recording-messenger.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createTestClock, createTestDeps, type TestClock } from '../../support/test-deps.ts';

export interface LocalEventsHarness {
  deps: Deps;
  clock: TestClock;
  sent: Sent[];
  jobs: JobRunner;
  /** Lyon 1er's partner id (commune 69381); Paris 11e (75111) is the other city. */
  lyon: number;
  /** The platform behind the real durable messenger, and a job runner over them. */
  connect(raw: Messenger, surelyFailed: boolean): void;
  /** A Telegram group of Lyon 1er (unless `extra` says otherwise); its chat id. */
  group(externalId: string, extra?: Partial<typeof chats.$inferInsert>): Promise<number>;
  /** The texts a group received, in order. */
  textTo(externalId: string): string[];
  /** Sets the clock and runs the jobs due. */
  runAt(iso: string): Promise<void>;
  /** Runs one job of the city programme at the clock's time, as the runner would. */
  run(kind: string, payload?: Record<string, unknown>): Promise<void>;
  /** Runs an event's plan job alone (at the clock's time); its sends then wait an hour. */
  planOnly(): Promise<void>;
  /** The event (BROCANTE), announced on Saturday 5 December at 10:00 Paris to the groups there then. */
  announced: (event?: LocalEventInput) => Promise<number>;
  /** The city changes the event at `iso`; the jobs due then run. */
  change: (
    id: number,
    iso: string,
    changes: Partial<LocalEventInput>,
  ) => ReturnType<typeof changeLocalEventAnnounced>;
}

export const BROCANTE: LocalEventInput = {
  date: '2026-12-12',
  time: '15:00',
  place: 'Place Sathonay',
  title: 'Brocante de quartier',
  description: 'Apportez ce qui ne vous sert plus.',
};

export function useLocalEvents(): LocalEventsHarness {
  let database: TestDatabase;
  const feature = createCityProgrammeFeature();
  const h = { sent: [] as Sent[] } as LocalEventsHarness;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  beforeEach(async () => {
    await resetDatabase(database);
    h.clock = createTestClock('2026-11-26T09:00:00Z');
    h.deps = await createTestDeps(database.db, h.clock);
    h.sent = [];
    h.connect(createRecordingMessenger(h.sent), true);
    h.lyon = await createPartner(h.deps.db, {
      name: 'Lyon 1er',
      communes: ['69381'],
      quartiers: [],
    });
    await createPartner(h.deps.db, { name: 'Paris 11e', communes: ['75111'], quartiers: [] });
  });

  h.connect = (raw, surelyFailed) => {
    h.deps.messengers.set(
      'telegram',
      createDurableMessenger({
        raw,
        lanes: {
          bot: 'telegram:local-events-test',
          slotMs: 1,
          chat: () => ({ gapMs: 0, windowMax: 0, windowMs: 0 }),
        },
        classify: () => ({ permanent: surelyFailed }),
        db: h.deps.db,
        logger: h.deps.logger,
        maxAgeMs: 3_600_000,
      }),
    );
    h.jobs = createJobRunner(h.deps, feature.jobs!, {
      workerId: 'test-worker',
      leaseSeconds: 60,
      batchSize: 50,
      concurrency: 4,
    });
  };

  h.group = async (externalId, extra = {}) => {
    const [row] = await h.deps.db
      .insert(chats)
      .values({ platform: 'telegram', externalId, kind: 'group', communeInsee: '69381', ...extra })
      .returning();
    return row!.id;
  };

  h.textTo = (externalId) =>
    h.sent
      .filter((s) => s.chatId === externalId)
      .map((s) => (s.message.kind === 'text' ? s.message.text : ''));

  h.runAt = async (iso) => {
    h.clock.set(iso);
    await h.jobs.runDueJobs();
  };

  h.run = async (kind, payload = {}) => {
    const spec = feature.jobs!.find((j) => j.kind === kind)!;
    await spec.run(payload, {
      deps: h.deps,
      now: h.clock.now(),
      jobId: 0,
      attempt: 1,
      workerId: 'test',
    });
  };

  h.planOnly = async () => {
    const [plan] = await queryRows<{ id: number; payload: Record<string, unknown> }>(
      h.deps.db,
      sql`select id, payload from jobs where kind = 'localEventPlan' and status = 'pending'`,
    );
    await h.deps.db.execute(sql`delete from jobs where id = ${plan!.id}`);
    await h.run('localEventPlan', plan!.payload);
    await h.deps.db.execute(
      sql`update jobs set run_at = run_at + interval '1 hour' where kind = 'localEventSend'`,
    );
  };

  h.announced = async (event = BROCANTE) => {
    h.clock.set('2026-12-05T09:00:00Z');
    const { id } = await addLocalEventAnnounced(h.deps.db, h.lyon, event, h.clock.now());
    await h.runAt('2026-12-05T09:00:00Z');
    return id;
  };
  h.change = async (id, iso, changes) => {
    h.clock.set(iso);
    const [row] = await h.deps.db
      .select()
      .from(partnerLocalEvents)
      .where(eq(partnerLocalEvents.id, id));
    const plan = await changeLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      id,
      { ...row!, ...changes },
      h.clock.now(),
    );
    await h.jobs.runDueJobs();
    return plan;
  };
  return h;
}
