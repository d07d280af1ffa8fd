// Sends within the shared limits (bot/outbox/): what goes at once, what waits in the outbox
// and is sent by the dispatcher in its time and its chat's order, what a failure does, and a
// job whose messages must wait for the limit (it finishes at once and runs once).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countOutbox } from '../../../db/queries/outbox.ts';
import { enqueueJob, findJob } from '../../../db/queries/jobs.ts';
import { createDurableMessenger } from '../../../bot/outbox/durable-messenger.ts';
import { createOutboxDispatcher } from '../../../bot/outbox/outbox-dispatcher.ts';
import type { SendLanes } from '../../../bot/outbox/send-lanes.ts';
import type { SendFailure } from '../../../bot/outbox/operation.ts';
import { TransientError } from '../../../handlers/errors.ts';
import type { Messenger } from '../../../handlers/ports.ts';
import { createJobRunner } from '../../../handlers/jobs/job-runner.ts';
import { createRecordingMessenger, type Sent } from '../../support/recording-messenger.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createMemoryLogger, createTestDeps } from '../../support/test-deps.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

/** A group's window of `max` sends per `windowMs` (urgent: two more), nothing else. */
const lanes = (max: number, windowMs: number): SendLanes => ({
  bot: 'telegram:test',
  slotMs: 1,
  chat: (_chatId, urgent) => ({ gapMs: 0, windowMax: urgent ? max + 2 : max, windowMs }),
});

class Refused extends Error {}
class Reset extends Error {}
const classify = (error: unknown): SendFailure => ({
  permanent: error instanceof Refused,
  connectionReset: error instanceof Reset,
});

function setUp(windowMax: number, windowMs: number, raw: Messenger) {
  const logger = createMemoryLogger();
  const platform = { raw, lanes: lanes(windowMax, windowMs), classify };
  const dispatcher = createOutboxDispatcher({
    db: database.db,
    logger,
    workerId: 'test:1:a',
    platforms: new Map([['telegram', platform]]),
    pollMs: 20,
  });
  const messenger = createDurableMessenger({
    ...platform,
    db: database.db,
    logger,
    maxAgeMs: 3_600_000,
    onQueued: () => dispatcher.wake(),
  });
  return { messenger, dispatcher, logger };
}

const text = (n: number) => ({ kind: 'text' as const, text: `message ${n}` });

describe('sending within the limits', () => {
  it('sends at once within the window, queues the rest, and sends it in order later', async () => {
    const sent: Sent[] = [];
    const { messenger, dispatcher } = setUp(2, 1_000, createRecordingMessenger(sent));
    const results = [];
    for (let n = 1; n <= 5; n++) results.push(await messenger.send('-100', text(n)));
    expect(results.map((r) => r.messageId !== undefined)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(sent).toHaveLength(2);
    expect(await countOutbox(database.db, ['telegram'])).toBe(3);
    // An urgent message overtakes the queue; an ordinary one to another chat is not held back.
    await messenger.urgent!().send('-100', text(6));
    await messenger.send('-200', text(7));
    expect(sent.map((s) => s.message.kind === 'text' && s.message.text)).toEqual([
      'message 1',
      'message 2',
      'message 6',
      'message 7',
    ]);
    dispatcher.start();
    await dispatcher.settle();
    await dispatcher.stop();
    const toGroup = sent.filter((s) => s.chatId === '-100');
    expect(toGroup.map((s) => s.message.kind === 'text' && s.message.text)).toEqual([
      'message 1',
      'message 2',
      'message 6',
      'message 3',
      'message 4',
      'message 5',
    ]);
  });

  it('queues what fails for now, throws what is refused, and keeps a poll waiting for its turn', async () => {
    const sent: Sent[] = [];
    const recording = createRecordingMessenger(sent);
    let failures = 1;
    const raw: Messenger = {
      ...recording,
      send: (chatId, message) => {
        if (chatId === 'blocked') return Promise.reject(new Refused('bot was blocked'));
        if (failures-- > 0) return Promise.reject(new Error('socket hang up'));
        return recording.send(chatId, message);
      },
      isAdmin: () => Promise.reject(new Error('ECONNRESET')),
    };
    const { messenger, dispatcher } = setUp(1, 1_500, raw);
    expect(await messenger.send('7', text(1))).toEqual({});
    await expect(messenger.send('blocked', text(2))).rejects.toThrow('bot was blocked');
    await expect(messenger.isAdmin('-100', '7')).rejects.toBeInstanceOf(TransientError);
    dispatcher.start();
    await dispatcher.settle();
    expect(sent.map((s) => s.chatId)).toEqual(['7']);

    await messenger.send('-100', text(3));
    const poll = await messenger.send('-100', {
      kind: 'poll',
      question: 'Quand ?',
      options: ['vendredi', 'samedi'],
      multipleAnswers: true,
    });
    expect(poll.messageId).toBeDefined();
    expect(sent.at(-1)!.message.kind).toBe('poll');
    await dispatcher.stop();
  });

  it('sends again at once what met a reset connection, once, and queues it if that fails too', async () => {
    const sent: Sent[] = [];
    const recording = createRecordingMessenger(sent);
    let resets = 1;
    const raw: Messenger = {
      ...recording,
      send: (chatId, message) =>
        resets-- > 0
          ? Promise.reject(new Reset('read ECONNRESET'))
          : recording.send(chatId, message),
    };
    const { messenger, dispatcher } = setUp(5, 1_000, raw);
    expect((await messenger.send('7', text(1))).messageId).toBeDefined();
    expect(sent).toHaveLength(1);
    expect(await countOutbox(database.db, ['telegram'])).toBe(0);
    resets = 2;
    expect(await messenger.send('7', text(2))).toEqual({});
    expect(sent).toHaveLength(1);
    expect(await countOutbox(database.db, ['telegram'])).toBe(1);
    dispatcher.start();
    await dispatcher.settle();
    await dispatcher.stop();
    expect(sent.map((s) => s.message.kind === 'text' && s.message.text)).toEqual([
      'message 1',
      'message 2',
    ]);
  });

  it('lets a job whose messages wait for the limit finish at once, and run once', async () => {
    const sent: Sent[] = [];
    const { messenger, dispatcher } = setUp(2, 60_000, createRecordingMessenger(sent));
    const deps = await createTestDeps(database.db);
    deps.messengers.set('telegram', messenger);
    let runs = 0;
    const runner = createJobRunner(
      deps,
      [
        {
          kind: 'announce',
          urgent: false,
          async run(_payload, ctx) {
            runs++;
            for (let n = 1; n <= 6; n++)
              await ctx.deps.messengers.get('telegram')!.send('-100', text(n));
          },
        },
      ],
      { workerId: 'test:1:jobs', leaseSeconds: 1, batchSize: 10, concurrency: 2 },
    );
    await enqueueJob(database.db, {
      kind: 'announce',
      dedupeKey: 'announce:1',
      runAt: deps.clock.now(),
    });
    const started = Date.now();
    await runner.runDueJobs();
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 1_200));
    await runner.runDueJobs();
    expect(runs).toBe(1);
    expect((await findJob(database.db, 'announce:1'))?.status).toBe('done');
    expect(sent).toHaveLength(2);
    expect(await countOutbox(database.db, ['telegram'])).toBe(4);
    await runner.stop();
    await dispatcher.stop();
  });
});
