import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveChatSeen, saveChatSettings } from '../../../db/queries/chats.ts';
import { createJobRunner } from '../../../handlers/jobs/job-runner.ts';
import { createKitsFeature } from '../../../handlers/kits/index.ts';
import { loadKits } from '../../../handlers/kits/load-kits.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createTestClock, createTestDeps } from '../../support/test-deps.ts';
import { createRecordingMessenger, type Sent } from '../../support/recording-messenger.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

async function setup(start: string) {
  const clock = createTestClock(start);
  const deps = await createTestDeps(database.db, clock);
  const sent: Sent[] = [];
  deps.messengers.set('console', createRecordingMessenger(sent, { platform: 'console' }));
  const feature = createKitsFeature({
    catalogue: loadKits(),
    render: () => Promise.reject(new Error('unused')),
  });
  const runner = createJobRunner(deps, feature.jobs!, {
    workerId: 'w',
    leaseSeconds: 60,
    batchSize: 50,
    concurrency: 2,
  });
  const plan = () =>
    runner.enqueueRecurring({ kind: 'planKitSuggestions', cron: '0 * * * *' }, clock.now());
  return { clock, deps, sent, runner, plan };
}

const group = (id: string, timezone = 'Europe/Paris') =>
  saveChatSeen(database.db, {
    platform: 'console',
    externalId: id,
    kind: 'group',
    title: id,
    locale: 'fr',
  }).then((chat) => saveChatSettings(database.db, chat, { timezone }));

describe('seasonal kit suggestions', () => {
  it('suggests the kit of the month once per group at 10:00 local time, even if planned twice', async () => {
    const { clock, sent, runner, plan } = await setup('2027-01-11T08:00:00Z'); // 09:00 in Paris
    await group('lilas');
    const quiet = await group('tilleuls');
    await saveChatSettings(database.db, quiet, { kitSuggestions: false });
    await plan();
    await runner.runDueJobs();
    expect(sent).toEqual([]);

    clock.set('2027-01-11T09:00:00Z'); // 10:00 in Paris
    await plan();
    await runner.runDueJobs();
    clock.advance(60_000);
    await plan();
    await runner.runDueJobs();
    clock.advance(30_000);
    await runner.runDueJobs();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ chatId: 'lilas', message: { kind: 'text' } });
    const message = sent[0]!.message as { text: string; choices: { data: string }[][] };
    expect(message.text).toContain('Galette des voisins');
    expect(message.choices[0]![0]!.data).toBe('kit:galette');

    // The next day at 10:00 again: already suggested this season.
    clock.set('2027-01-12T09:00:00Z');
    await plan();
    await runner.runDueJobs();
    expect(sent).toHaveLength(1);
  });

  it('waits for each group’s own 10 o’clock overseas', async () => {
    const { clock, sent, runner, plan } = await setup('2027-01-11T09:00:00Z');
    await group('fort-de-france', 'America/Martinique'); // 05:00 there
    await plan();
    await runner.runDueJobs();
    expect(sent).toEqual([]);
    clock.set('2027-01-11T14:00:00Z'); // 10:00 in Martinique
    await plan();
    await runner.runDueJobs();
    expect(sent.map((s) => s.chatId)).toEqual(['fort-de-france']);
  });

  it('does not repeat a suggestion when its job runs twice', async () => {
    const { deps, sent } = await setup('2027-01-11T09:00:00Z');
    const chat = await group('lilas');
    const feature = createKitsFeature({
      catalogue: loadKits(),
      render: () => Promise.reject(new Error('unused')),
    });
    const send = feature.jobs!.find((j) => j.kind === 'sendKitSuggestion')!;
    const payload = { chatId: chat.id, kitId: 'galette', season: 'galette:2027' };
    const ctx = { deps, now: deps.clock.now(), jobId: 1, attempt: 1, workerId: 'test' };
    await send.run(payload, ctx);
    await send.run(payload, { ...ctx, attempt: 2 });
    expect(sent).toHaveLength(1);
  });
});
