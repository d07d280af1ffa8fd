// A city message whose send Telegram took but never answered (the connection cut after the
// message was in the chat: a timeout, a reset). The bot cannot know it arrived, so it tries
// once more, and only once: a group gets it at most twice, and the second copy is logged.
// The real app (grammY, job runner, durable messenger) against the fake Bot API over HTTP.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCityMessageDraft, readDeliveryReport } from '../../db/queries/city-messages.ts';
import { createPartner } from '../../db/queries/partners.ts';
import { chats, people } from '../../db/schema.ts';
import { UNSURE } from '../../handlers/city-messages/index.ts';
import { scheduleCityMessage } from '../../handlers/city-messages/schedule.ts';
import { startTelegramHarness, type TelegramHarness } from '../support/telegram-harness.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';
import { createTestClock, type TestClock } from '../support/test-deps.ts';

const GROUP = -100_777;
const HEADER = 'Message de la mairie de Lyon 1er';

let database: TestDatabase;
let h: TelegramHarness;
let clock: TestClock;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(async () => {
  await resetDatabase(database);
  clock = createTestClock(new Date());
  h = await startTelegramHarness(database, { clock });
});
afterEach(() => h.stop());

async function sendCityMessage(): Promise<number> {
  const partnerId = await createPartner(database.db, {
    name: 'Lyon 1er',
    communes: ['69381'],
    quartiers: [],
  });
  await database.db.insert(chats).values({
    platform: 'telegram',
    externalId: String(GROUP),
    kind: 'group',
    communeInsee: '69381',
    cityMessagesNotedAt: clock.now(),
  });
  const [author] = await database.db
    .insert(people)
    .values({ platform: 'telegram', displayName: 'Agent' })
    .returning();
  const id = await createCityMessageDraft(database.db, {
    partnerId,
    authorPersonId: author!.id,
    textFr: 'Coupure d’eau mardi matin.',
    textEn: null,
    urgent: false,
    communes: [],
    quartierIds: [],
    groupKinds: [],
    sendAt: clock.now(),
  });
  expect(await scheduleCityMessage(database.db, partnerId, id, clock.now())).toBe(true);
  return id;
}

/** Runs the jobs now, then again past the one more try's time. */
async function runJobsTwice() {
  await h.app.jobs.runDueJobs();
  clock.advance(5_000);
  await h.app.jobs.runDueJobs();
  clock.advance(5 * 60_000);
  await h.app.jobs.runDueJobs();
}

const copiesInGroup = () =>
  h.sentTo(GROUP).filter((c) => String(c.params.text).includes(HEADER)).length;
const unsureWarnings = () =>
  h.logs.filter((e) => e.level === 'warn' && e.msg?.startsWith('city message may have arrived'));

describe('a city message send Telegram took without answering', () => {
  it('is sent once more: the group may get it twice, never more, and it is logged', async () => {
    const id = await sendCityMessage();
    h.fake.dropAnswerNext('sendMessage', 1);
    await runJobsTwice();
    expect(copiesInGroup()).toBe(2);
    expect(unsureWarnings()).toHaveLength(1);
    const report = await readDeliveryReport(database.db, id);
    expect(report.counts.map((c) => [c.status, c.groups])).toEqual([['sent', 1]]);
  });

  it('is given up after the second unanswered send: twice at most, reported as unsure', async () => {
    const id = await sendCityMessage();
    h.fake.dropAnswerNext('sendMessage', 10);
    await runJobsTwice();
    expect(copiesInGroup()).toBe(2);
    expect(unsureWarnings()).toHaveLength(1);
    const report = await readDeliveryReport(database.db, id);
    expect(report.counts.map((c) => [c.status, c.groups])).toEqual([['failed', 1]]);
    expect(report.failures.map((f) => f.error)).toEqual([UNSURE]);
  });

  it('is sent again freely when Telegram surely did not take it (a 429), and arrives once', async () => {
    const id = await sendCityMessage();
    h.fake.failNext('sendMessage', 3, { status: 429, retryAfter: 1 });
    for (let i = 0; i < 5; i++) {
      await h.app.jobs.runDueJobs();
      clock.advance(5_000);
    }
    expect(copiesInGroup()).toBe(1);
    expect(unsureWarnings()).toHaveLength(0);
    const report = await readDeliveryReport(database.db, id);
    expect(report.counts.map((c) => [c.status, c.groups])).toEqual([['sent', 1]]);
  });
});
