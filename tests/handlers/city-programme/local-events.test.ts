// A city's local events announced in its groups, through the real job runner and the real
// durable messenger (sendInTurn within shared send limits kept in the database) over a
// recording platform: when (a week before, 10:00 Paris; at once or the next morning when added
// late; never after the eve), once per group in its language with the city's title as
// written, not to groups that said "non" or other cities' groups, never in a removed or old
// form, and never twice after a crash.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDurableMessenger } from '../../../bot/outbox/durable-messenger.ts';
import { queryRows } from '../../../db/client.ts';
import { claimAnnouncement } from '../../../db/queries/local-event-announcements.ts';
import { createPartner } from '../../../db/queries/partners.ts';
import { chats } from '../../../db/schema.ts';
import { announcementTime } from '../../../handlers/city-programme/announcement-time.ts';
import {
  createCityProgrammeFeature,
  INTERRUPTED,
  UNSURE,
} from '../../../handlers/city-programme/index.ts';
import {
  addLocalEventAnnounced,
  changeLocalEventAnnounced,
  removeLocalEventAnnounced,
} from '../../../handlers/city-programme/schedule.ts';
import type { Deps } from '../../../handlers/deps.ts';
import type { Messenger } from '../../../handlers/ports.ts';
import { createJobRunner, type JobRunner } from '../../../handlers/jobs/job-runner.ts';
import { createRecordingMessenger, type Sent } from '../../support/recording-messenger.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createTestClock, createTestDeps, type TestClock } from '../../support/test-deps.ts';

describe('when a local event is announced', () => {
  const at = (date: string, now: string) => announcementTime(date, new Date(now))?.toISOString();
  it('is a week before at 10:00 Paris time, winter and summer', () => {
    expect(at('2026-12-12', '2026-11-26T09:00:00Z')).toBe('2026-12-05T09:00:00.000Z');
    expect(at('2026-07-14', '2026-05-01T09:00:00Z')).toBe('2026-07-07T08:00:00.000Z');
  });
  it('is at once in the daytime, or the next 10:00, for an event added late', () => {
    expect(at('2026-11-30', '2026-11-26T09:00:00Z')).toBe('2026-11-26T09:00:00.000Z');
    expect(at('2026-11-30', '2026-11-26T21:30:00Z')).toBe('2026-11-27T09:00:00.000Z');
    expect(at('2026-11-30', '2026-11-26T05:00:00Z')).toBe('2026-11-26T09:00:00.000Z');
  });
  it('is never on the event’s day or after 20:00 the eve', () => {
    expect(at('2026-11-27', '2026-11-26T18:30:00Z')).toBe('2026-11-26T18:30:00.000Z');
    expect(at('2026-11-27', '2026-11-26T19:30:00Z')).toBeUndefined();
    expect(at('2026-11-26', '2026-11-26T09:00:00Z')).toBeUndefined();
  });
});

let database: TestDatabase;
let deps: Deps;
let clock: TestClock;
let sent: Sent[];
let jobs: JobRunner;
let lyon: number;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

beforeEach(async () => {
  await resetDatabase(database);
  // Thursday 26 November 2026, 10:00 in Paris.
  clock = createTestClock('2026-11-26T09:00:00Z');
  deps = await createTestDeps(database.db, clock);
  sent = [];
  connect(createRecordingMessenger(sent), true);
  lyon = await createPartner(deps.db, { name: 'Lyon 1er', communes: ['69381'], quartiers: [] });
  await createPartner(deps.db, { name: 'Paris 11e', communes: ['75111'], quartiers: [] });
});

/** The platform behind the real durable messenger, and a job runner over them. */
function connect(raw: Messenger, surelyFailed: boolean) {
  deps.messengers.set(
    'telegram',
    createDurableMessenger({
      raw,
      lanes: {
        bot: 'telegram:local-events-test',
        slotMs: 1,
        chat: () => ({ gapMs: 0, windowMax: 0, windowMs: 0 }),
      },
      classify: () => ({ permanent: surelyFailed }),
      db: deps.db,
      logger: deps.logger,
      maxAgeMs: 3_600_000,
    }),
  );
  jobs = createJobRunner(deps, createCityProgrammeFeature().jobs!, {
    workerId: 'test-worker',
    leaseSeconds: 60,
    batchSize: 50,
    concurrency: 4,
  });
}

async function group(externalId: string, extra: Partial<typeof chats.$inferInsert> = {}) {
  const [row] = await deps.db
    .insert(chats)
    .values({ platform: 'telegram', externalId, kind: 'group', communeInsee: '69381', ...extra })
    .returning();
  return row!.id;
}

const textTo = (chatId: string) =>
  sent
    .filter((s) => s.chatId === chatId)
    .map((s) => (s.message.kind === 'text' ? s.message.text : ''));

async function runAt(iso: string) {
  clock.set(iso);
  await jobs.runDueJobs();
}

/** Runs an event's plan job alone (at the clock's time); its sends then wait an hour. */
async function planOnly() {
  const [plan] = await queryRows<{ id: number; payload: Record<string, unknown> }>(
    deps.db,
    sql`select id, payload from jobs where kind = 'localEventPlan' and status = 'pending'`,
  );
  const spec = createCityProgrammeFeature().jobs!.find((j) => j.kind === 'localEventPlan')!;
  await deps.db.execute(sql`delete from jobs where id = ${plan!.id}`);
  await spec.run(plan!.payload, { deps, now: clock.now(), jobId: 0, attempt: 1, workerId: 'test' });
  await deps.db.execute(
    sql`update jobs set run_at = run_at + interval '1 hour' where kind = 'localEventSend'`,
  );
}

describe('local events in the groups', () => {
  it('are announced once, a week before, in each group’s language, to the city’s groups that accept it', async () => {
    await group('-1', { locale: 'fr' });
    await group('-2', { locale: 'en' });
    await group('-3', { cityMessages: false });
    await group('-4', { communeInsee: '75111' }); // Paris 11e's group
    await group('-5', { active: false }); // the bot left it
    await addLocalEventAnnounced(
      deps.db,
      lyon,
      { date: '2026-12-12', title: 'Brocante <place> Saint-Jean & goûter' },
      clock.now(),
    );
    await jobs.runDueJobs();
    await runAt('2026-12-05T08:59:00Z');
    expect(sent).toEqual([]);

    await runAt('2026-12-05T09:00:00Z');
    expect(textTo('-1')).toHaveLength(1);
    expect(textTo('-1')[0]).toContain('<b>La mairie de Lyon 1er vous invite</b>');
    expect(textTo('-1')[0]).toContain('samedi 12 décembre 2026');
    expect(textTo('-1')[0]).toContain('Brocante &lt;place&gt; Saint-Jean &amp; goûter');
    expect(textTo('-1')[0]).toContain('/parametres messages non'); // the first time's note
    expect(textTo('-2')).toHaveLength(1);
    expect(textTo('-2')[0]).toContain('An invitation from the city of Lyon 1er');
    expect(textTo('-2')[0]).toContain('Saturday 12 December 2026');
    expect(textTo('-2')[0]).toContain('Brocante &lt;place&gt; Saint-Jean'); // as written
    expect(sent.map((s) => s.chatId).sort()).toEqual(['-1', '-2']);
    const noted = await queryRows<{ external_id: string }>(
      deps.db,
      sql`select external_id from chats where city_messages_noted_at is not null order by 1`,
    );
    expect(noted.map((r) => r.external_id)).toEqual(['-1', '-2']);

    // Everything run again, a day later: nothing more goes out.
    await deps.db.execute(sql`update jobs set status = 'pending', run_at = now() - interval '1 s'`);
    await runAt('2026-12-06T09:00:00Z');
    expect(sent).toHaveLength(2);
  });

  it('are never announced once removed, and only in their new form once changed', async () => {
    await group('-1');
    const removed = await addLocalEventAnnounced(
      deps.db,
      lyon,
      { date: '2026-12-12', title: 'Marché de Noël' },
      clock.now(),
    );
    const moved = await addLocalEventAnnounced(
      deps.db,
      lyon,
      { date: '2026-12-12', title: 'Brocante' },
      clock.now(),
    );
    expect(await removeLocalEventAnnounced(deps.db, lyon, removed)).toBe(true);
    clock.set('2026-11-28T09:00:00Z');
    expect(
      await changeLocalEventAnnounced(
        deps.db,
        lyon,
        moved,
        { date: '2026-12-19', title: 'Vide-grenier' },
        clock.now(),
      ),
    ).toBe(true);
    // Another partner's id changes and removes nothing.
    const paris = lyon + 1;
    expect(await removeLocalEventAnnounced(deps.db, paris, moved)).toBe(false);
    expect(
      await changeLocalEventAnnounced(
        deps.db,
        paris,
        moved,
        { date: '2026-12-20', title: 'X' },
        clock.now(),
      ),
    ).toBe(false);

    await runAt('2026-12-05T09:00:00Z'); // the old date's announcement: nothing
    expect(sent).toEqual([]);
    await runAt('2026-12-12T09:00:00Z');
    expect(textTo('-1')).toHaveLength(1);
    expect(textTo('-1')[0]).toContain('Vide-grenier');
    expect(textTo('-1')[0]).toContain('samedi 19 décembre 2026');
    expect(sent.some((s) => JSON.stringify(s.message).includes('Marché'))).toBe(false);
  });

  it('are not sent in the old form by a send planned before a change', async () => {
    await group('-1');
    await group('-2');
    clock.set('2026-12-05T09:00:00Z');
    const id = await addLocalEventAnnounced(
      deps.db,
      lyon,
      { date: '2026-12-12', title: 'Brocante' },
      clock.now(),
    );
    await planOnly();
    const [oldSend] = await queryRows<{ payload: Record<string, unknown> }>(
      deps.db,
      sql`select payload from jobs where kind = 'localEventSend' order by id limit 1`,
    );
    await changeLocalEventAnnounced(
      deps.db,
      lyon,
      id,
      { date: '2026-12-12', title: 'Brocante et soupe' },
      clock.now(),
    );
    // A worker that read the event before the change cannot claim it in its old form.
    const [first] = await queryRows<{ id: number }>(
      deps.db,
      sql`select id from local_event_announcements order by id limit 1`,
    );
    expect(
      await claimAnnouncement(deps.db, first!.id, { date: '2026-12-12', title: 'Brocante' }),
    ).toBe(false);
    // A send job of the old plan, already claimed when the change came, sends the new form.
    const send = createCityProgrammeFeature().jobs!.find((j) => j.kind === 'localEventSend')!;
    await send.run(oldSend!.payload, {
      deps,
      now: clock.now(),
      jobId: 0,
      attempt: 1,
      workerId: 'test',
    });
    // The new plan announces the new form to the others; nobody gets it twice or in its old form.
    await jobs.runDueJobs();
    for (const chat of ['-1', '-2']) {
      expect(textTo(chat)).toHaveLength(1);
      expect(textTo(chat)[0]).toContain('Brocante et soupe');
    }
  });

  it('never announce again what a crash left "sending", and skip a group that said "non" since', async () => {
    await group('-1');
    const later = await group('-2');
    await group('-3');
    clock.set('2026-12-05T09:00:00Z');
    await addLocalEventAnnounced(
      deps.db,
      lyon,
      { date: '2026-12-12', title: 'Brocante' },
      clock.now(),
    );
    await planOnly();
    expect(sent).toEqual([]);
    await deps.db.execute(sql`
      update local_event_announcements set status = 'sending'
      where chat_id = (select id from chats where external_id = '-1')`);
    await deps.db.execute(sql`update chats set city_messages = false where id = ${later}`);
    await runAt('2026-12-05T10:00:00Z');
    expect(textTo('-1')).toEqual([]);
    expect(textTo('-2')).toEqual([]);
    expect(textTo('-3')).toHaveLength(1);
    const rows = await queryRows<{ external_id: string; status: string; error: string | null }>(
      deps.db,
      sql`select c.external_id, a.status, a.error from local_event_announcements a
        join chats c on c.id = a.chat_id order by c.external_id`,
    );
    expect(rows).toEqual([
      { external_id: '-1', status: 'failed', error: INTERRUPTED },
      { external_id: '-2', status: 'cancelled', error: 'reason:opted_out' },
      { external_id: '-3', status: 'sent', error: null },
    ]);
  });

  it('are not sent again after a send whose outcome is unknown (it may have arrived)', async () => {
    await group('-1');
    await group('-2');
    // The platform takes the message to -1, then the connection is cut before it answers.
    const raw = createRecordingMessenger(sent);
    const send = raw.send.bind(raw);
    raw.send = async (chatId, message) => {
      const result = await send(chatId, message);
      if (chatId === '-1') throw new Error('read ECONNRESET');
      return result;
    };
    connect(raw, false);
    clock.set('2026-12-05T09:00:00Z');
    await addLocalEventAnnounced(
      deps.db,
      lyon,
      { date: '2026-12-12', title: 'Brocante' },
      clock.now(),
    );
    await runAt('2026-12-05T09:00:00Z');
    // Every retry the job runner would make, had the send been put back.
    for (const time of ['09:01', '09:05', '09:30', '11:00']) await runAt(`2026-12-05T${time}:00Z`);
    expect(textTo('-1')).toHaveLength(1);
    expect(textTo('-2')).toHaveLength(1);
    const rows = await queryRows<{ external_id: string; status: string; error: string | null }>(
      deps.db,
      sql`select c.external_id, a.status, a.error from local_event_announcements a
        join chats c on c.id = a.chat_id order by c.external_id`,
    );
    expect(rows).toEqual([
      { external_id: '-1', status: 'failed', error: `${UNSURE}: read ECONNRESET` },
      { external_id: '-2', status: 'sent', error: null },
    ]);
  });

  it('forget their announcements a month after the event', async () => {
    await group('-1');
    clock.set('2026-12-05T09:00:00Z');
    await addLocalEventAnnounced(
      deps.db,
      lyon,
      { date: '2026-12-12', title: 'Brocante' },
      clock.now(),
    );
    await jobs.runDueJobs();
    const purge = createCityProgrammeFeature().jobs!.find((j) => j.kind === 'localEventPurge')!;
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          deps.db,
          sql`select count(*)::int as n from local_event_announcements`,
        )
      )[0]!.n;
    const context = (iso: string) => ({
      deps,
      now: new Date(iso),
      jobId: 0,
      attempt: 1,
      workerId: 'test',
    });
    await purge.run({}, context('2027-01-11T09:00:00Z'));
    expect(await count()).toBe(1);
    await purge.run({}, context('2027-01-12T09:00:00Z'));
    expect(await count()).toBe(0);
  });
});
