// Sending a city message through the real job runner and the real durable messenger (its
// sendInTurn within shared send limits kept in the database), over a recording platform:
// each group in its language, the first time's note, "non" taking effect at once, a send cut
// short by a crash never made again, cancellation while it goes out, a turn too far away
// giving the worker back, and the purge.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDurableMessenger } from '../../../bot/outbox/durable-messenger.ts';
import type { SendLanes } from '../../../bot/outbox/send-lanes.ts';
import { queryRows } from '../../../db/client.ts';
import { createCityMessageDraft, readDeliveryReport } from '../../../db/queries/city-messages.ts';
import { createPartner } from '../../../db/queries/partners.ts';
import { chats, people } from '../../../db/schema.ts';
import { createCityMessagesFeature, INTERRUPTED } from '../../../handlers/city-messages/index.ts';
import {
  cancelCityMessageSending,
  scheduleCityMessage,
} from '../../../handlers/city-messages/schedule.ts';
import type { Deps } from '../../../handlers/deps.ts';
import { createJobRunner, type JobRunner } from '../../../handlers/jobs/job-runner.ts';
import { createRecordingMessenger, type Sent } from '../../support/recording-messenger.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createTestClock, createTestDeps, type TestClock } from '../../support/test-deps.ts';

const FAST: SendLanes = {
  bot: 'telegram:city-test',
  slotMs: 1,
  chat: () => ({ gapMs: 0, windowMax: 0, windowMs: 0 }),
};

let database: TestDatabase;
let deps: Deps;
let clock: TestClock;
let sent: Sent[];
let jobs: JobRunner;
let partnerId: number;
let authorId: number;

function useLanes(lanes: SendLanes) {
  deps.messengers.set(
    'telegram',
    createDurableMessenger({
      raw: createRecordingMessenger(sent),
      lanes,
      classify: () => ({ permanent: true }),
      db: deps.db,
      logger: deps.logger,
      maxAgeMs: 3_600_000,
    }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

beforeEach(async () => {
  await resetDatabase(database);
  clock = createTestClock('2026-11-26T09:00:00Z');
  deps = await createTestDeps(database.db, clock);
  sent = [];
  useLanes(FAST);
  jobs = createJobRunner(deps, createCityMessagesFeature().jobs!, {
    workerId: 'test-worker',
    leaseSeconds: 60,
    batchSize: 50,
    concurrency: 4,
  });
  partnerId = await createPartner(deps.db, {
    name: 'Lyon 1er',
    communes: ['69381'],
    quartiers: [],
  });
  const [author] = await deps.db
    .insert(people)
    .values({ platform: 'telegram', displayName: 'Agent' })
    .returning();
  authorId = author!.id;
});

async function group(
  externalId: string,
  locale = 'fr',
  extra: Partial<typeof chats.$inferInsert> = {},
) {
  const [row] = await deps.db
    .insert(chats)
    .values({
      platform: 'telegram',
      externalId,
      kind: 'group',
      communeInsee: '69381',
      locale,
      ...extra,
    })
    .returning();
  return row!.id;
}

async function send(texts: { fr?: string; en?: string }, options: { urgent?: boolean } = {}) {
  const id = await createCityMessageDraft(deps.db, {
    partnerId,
    authorPersonId: authorId,
    textFr: texts.fr ?? null,
    textEn: texts.en ?? null,
    urgent: options.urgent ?? false,
    communes: [],
    quartierIds: [],
    groupKinds: [],
    sendAt: clock.now(),
  });
  expect(await scheduleCityMessage(deps.db, partnerId, id, clock.now())).toBe(true);
  return id;
}

/** Runs the plan job alone, its send jobs then due an hour later. */
async function plan(messageId: number) {
  const spec = createCityMessagesFeature().jobs!.find((j) => j.kind === 'cityMessagePlan')!;
  await deps.db.execute(sql`delete from jobs where kind = 'cityMessagePlan'`);
  await spec.run({ messageId }, { deps, now: clock.now(), jobId: 0, attempt: 1, workerId: 'test' });
  await deps.db.execute(
    sql`update jobs set run_at = run_at + interval '1 hour' where kind = 'cityMessageSend'`,
  );
}

const textTo = (chatId: string) =>
  sent
    .filter((s) => s.chatId === chatId)
    .map((s) => (s.message.kind === 'text' ? s.message.text : ''));

describe('city messages going out', () => {
  it('speaks each group’s language, names the language otherwise, and notes the first time', async () => {
    await group('-1', 'fr');
    await group('-2', 'en');
    await send({ fr: 'Coupure d’eau mardi.', en: 'Water cut on Tuesday.' });
    await jobs.runDueJobs();
    expect(textTo('-1')).toHaveLength(1);
    expect(textTo('-1')[0]).toContain('<b>Message de la mairie de Lyon 1er</b>');
    expect(textTo('-1')[0]).toContain('Coupure d’eau mardi.');
    expect(textTo('-1')[0]).toContain('/parametres messages non');
    expect(textTo('-2')[0]).toContain('Message from the city of Lyon 1er');
    expect(textTo('-2')[0]).toContain('Water cut on Tuesday.');
    expect(textTo('-2')[0]).not.toContain('written in');

    sent.length = 0;
    await send({ fr: 'Tables prêtées pour la fête.' }, { urgent: true });
    await jobs.runDueJobs();
    expect(textTo('-2')[0]).toContain('Urgent message from the city of Lyon 1er');
    expect(textTo('-2')[0]).toContain('(message written in French)');
    expect(textTo('-2')[0]).toContain('Tables prêtées pour la fête.');
    // The note comes the first time only.
    expect(textTo('-1')[0]).not.toContain('/parametres messages non');
    // Each send job ended itself with its delivery's outcome (one statement); the urgent
    // message's jobs were claimed as urgent.
    const rows = await queryRows<{ kind: string; status: string; urgent: boolean; n: number }>(
      deps.db,
      sql`select kind, status, urgent, count(*)::int as n from jobs group by 1, 2, 3 order by 1, 3`,
    );
    expect(rows).toEqual([
      { kind: 'cityMessagePlan', status: 'done', urgent: false, n: 1 },
      { kind: 'cityMessagePlan', status: 'done', urgent: true, n: 1 },
      { kind: 'cityMessageSend', status: 'done', urgent: false, n: 2 },
      { kind: 'cityMessageSendUrgent', status: 'done', urgent: true, n: 2 },
    ]);
  });

  it('stops at once for a group that says "non", even while the message goes out', async () => {
    const noId = await group('-1');
    await group('-2');
    const id = await send({ fr: 'Plan canicule.' });
    await deps.db.execute(sql`update chats set city_messages = false where id = ${noId}`);
    await jobs.runDueJobs();
    expect(textTo('-1')).toEqual([]);
    expect(textTo('-2')).toHaveLength(1);
    const report = await readDeliveryReport(deps.db, id);
    expect(report.counts).toEqual([
      { platform: 'telegram', status: 'opted_out', groups: 1 },
      { platform: 'telegram', status: 'sent', groups: 1 },
    ]);
  });

  it('never sends again a delivery a crash left "sending": it is reported as interrupted', async () => {
    await group('-1');
    await group('-2');
    const id = await send({ fr: 'Coupure d’électricité.' });
    // The plan only, then the crash: one delivery was being sent.
    await plan(id);
    expect(sent).toEqual([]);
    await deps.db.execute(sql`
      update city_message_deliveries set status = 'sending'
      where id = (select min(d.id) from city_message_deliveries d join chats c on c.id = d.chat_id where c.external_id = '-1')`);
    clock.advance(3_600_000);
    await jobs.runDueJobs();
    expect(textTo('-1')).toEqual([]);
    expect(textTo('-2')).toHaveLength(1);
    const report = await readDeliveryReport(deps.db, id);
    expect(report.failures).toEqual([{ platform: 'telegram', error: INTERRUPTED, groups: 1 }]);
    const [message] = await queryRows<{ status: string }>(
      deps.db,
      sql`select status from city_messages where id = ${id}`,
    );
    expect(message!.status).toBe('sent');
    // Run everything again: nothing more goes out.
    await deps.db.execute(
      sql`update jobs set status = 'pending', attempts = 0, run_at = ${clock.now().toISOString()}::timestamptz`,
    );
    await jobs.runDueJobs();
    expect(sent).toHaveLength(1);
  });

  it('cancels what has not gone out yet', async () => {
    for (let i = 1; i <= 5; i++) await group(`-${i}`);
    const id = await send({ fr: 'Réunion de quartier annulée.' });
    await plan(id);
    // Two go out, then the city cancels.
    await deps.db.execute(sql`
      update jobs set run_at = ${clock.now().toISOString()}::timestamptz where id in (
        select id from jobs where kind = 'cityMessageSend' order by id limit 2)`);
    await jobs.runDueJobs();
    expect(sent).toHaveLength(2);
    expect(await cancelCityMessageSending(deps.db, partnerId, id, clock.now())).toBe(true);
    expect(await cancelCityMessageSending(deps.db, partnerId, id, clock.now())).toBe(false);
    clock.advance(3_600_000);
    await jobs.runDueJobs();
    expect(sent).toHaveLength(2);
    const report = await readDeliveryReport(deps.db, id);
    expect(report.counts.map((c) => [c.status, c.groups])).toEqual([
      ['cancelled', 3],
      ['sent', 2],
    ]);
  });

  it('gives the worker back when its turn is far away, without using an attempt', async () => {
    await group('-1');
    await group('-2');
    // One send a minute for the bot: no turn within a moment for anyone.
    useLanes({ ...FAST, bot: 'telegram:slow', slotMs: 60_000 });
    await send({ fr: 'Deux groupes.' });
    await jobs.runDueJobs();
    expect(sent).toHaveLength(0);
    const waiting = await queryRows<{ attempts: number; status: string; later: boolean }>(
      deps.db,
      sql`select attempts, status, run_at > ${clock.now().toISOString()}::timestamptz as later
        from jobs where kind = 'cityMessageSend'`,
    );
    expect(waiting).toEqual([
      { attempts: 0, status: 'pending', later: true },
      { attempts: 0, status: 'pending', later: true },
    ]);
    const [deliveries] = await queryRows<{ n: number }>(
      deps.db,
      sql`select count(*)::int as n from city_message_deliveries where status = 'pending'`,
    );
    expect(deliveries!.n).toBe(2);
  });

  it('purges messages and their reports after CITY_MESSAGE_RETENTION_DAYS', async () => {
    await group('-1');
    const id = await send({ fr: 'Vieux message.' });
    await jobs.runDueJobs();
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          deps.db,
          sql`select (select count(*) from city_messages where id = ${id})::int + (select count(*) from city_message_deliveries where message_id = ${id})::int as n`,
        )
      )[0]!.n;
    expect(await count()).toBe(2);
    const purge = createCityMessagesFeature().jobs!.find((j) => j.kind === 'cityMessagePurge')!;
    const at = (days: number) => new Date(clock.now().getTime() + days * 86_400_000);
    await purge.run({}, { deps, now: at(89), jobId: 0, attempt: 1, workerId: 'test' });
    expect(await count()).toBe(2);
    await purge.run({}, { deps, now: at(91), jobId: 0, attempt: 1, workerId: 'test' });
    expect(await count()).toBe(0);
  });

  it('reports the platform’s refusal, and tries again what did not go out', async () => {
    await group('-1');
    await group('-2');
    let unreachable = 1;
    const raw = createRecordingMessenger(sent);
    deps.messengers.set(
      'telegram',
      createDurableMessenger({
        raw: {
          ...raw,
          send: (chatId, message) => {
            if (chatId === '-1') return Promise.reject(new Error('Forbidden: bot was kicked'));
            if (unreachable-- > 0) return Promise.reject(new Error('ETIMEDOUT'));
            return raw.send(chatId, message);
          },
        },
        lanes: FAST,
        classify: (error) => ({ permanent: String(error).includes('Forbidden') }),
        db: deps.db,
        logger: deps.logger,
        maxAgeMs: 3_600_000,
      }),
    );
    const id = await send({ fr: 'Collecte de sapins samedi.' });
    await jobs.runDueJobs();
    // The unreachable one waits for its retry (30 s), pending again.
    let report = await readDeliveryReport(deps.db, id);
    expect(report.counts.map((c) => [c.status, c.groups])).toEqual([
      ['failed', 1],
      ['pending', 1],
    ]);
    expect(report.failures).toEqual([
      { platform: 'telegram', error: 'Forbidden: bot was kicked', groups: 1 },
    ]);
    clock.advance(60_000);
    await jobs.runDueJobs();
    report = await readDeliveryReport(deps.db, id);
    expect(report.counts.map((c) => [c.status, c.groups])).toEqual([
      ['failed', 1],
      ['sent', 1],
    ]);
    expect(textTo('-2')).toHaveLength(1);
  });

  it('prints it in the terminal, which has no limits to keep (no sendInTurn), once', async () => {
    deps.messengers.set('console', createRecordingMessenger(sent, { platform: 'console' }));
    await group('residence-des-lilas', 'fr', { platform: 'console' });
    const id = await send({ fr: 'Vide-grenier dimanche.' });
    await jobs.runDueJobs();
    await deps.db.execute(
      sql`update jobs set status = 'pending', attempts = 0, run_at = ${clock.now().toISOString()}::timestamptz`,
    );
    await jobs.runDueJobs();
    expect(textTo('residence-des-lilas')).toHaveLength(1);
    const report = await readDeliveryReport(deps.db, id);
    expect(report.counts).toEqual([{ platform: 'console', status: 'sent', groups: 1 }]);
  });
});
