// kill -9 in the middle of a burst, then a restart and Telegram's redelivery: every update
// is answered, and the only answers given twice are those of updates in flight at the kill
// (stored in the inbox, not yet recorded as handled). The bot runs in a child process
// (bench/support/app-process.ts) in webhook mode, against the fake Bot API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { startAppProcess, waitForExit } from '../../bench/support/child-app.ts';
import { freePort } from '../../bench/support/common.ts';
import { countInboxEvents } from '../../db/queries/inbox.ts';
import { startFakeBotApi, type FakeBotApi } from '../fakes/telegram-bot-api.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-database.ts';
import {
  BOT,
  groupChat,
  messageUpdate,
  people,
  SECRET,
  TOKEN,
} from '../support/telegram-harness.ts';

const UPDATES = 120;

describe.skipIf(!serverUrl)('a crash', () => {
  let database: TestDatabase;
  let fake: FakeBotApi;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    fake = await startFakeBotApi({ token: TOKEN, botUser: BOT });
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await fake.close();
    await database.drop();
  });

  it('loses no webhook update to kill -9, and repeats only those in flight', async () => {
    const port = await freePort();
    const env = {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_MAX_SENDS_PER_SECOND: '1000',
      DATABASE_URL: database.url!,
      PORT: String(port),
      LOG_LEVEL: 'silent',
    };
    const logs: unknown[] = [];
    const groups = Array.from({ length: UPDATES }, (_, i) => groupChat(-5000 - i, `G${i}`));
    const updates = groups.map((g) => messageUpdate(people.alice, g, '/aide'));
    const post = (update: Record<string, unknown>) =>
      fetch(`http://127.0.0.1:${port}/telegram/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-telegram-bot-api-secret-token': SECRET,
        },
        body: JSON.stringify(update),
      }).then(
        (r) => r.status,
        () => 0,
      );

    child = await startAppProcess(env, logs);
    const posting = Promise.all(updates.map(post));
    // Kill it while it answers: some updates handled, some stored and waiting, some not
    // even received.
    await fake.waitForCalls('sendMessage', UPDATES / 4, 20_000);
    child.kill('SIGKILL');
    await waitForExit(child);
    await posting;
    const inFlight = await countInboxEvents(database.db);

    child = await startAppProcess(env, logs);
    // Telegram delivers again whatever it did not get a 200 for; here, everything.
    const redelivered = await Promise.all(updates.map(post));
    expect(redelivered.every((status) => status === 200)).toBe(true);
    await expect
      .poll(() => groups.filter((g) => sentTo(fake, g.id) === 0).length, { timeout: 30_000 })
      .toBe(0);
    await expect.poll(() => countInboxEvents(database.db), { timeout: 10_000 }).toBe(0);
    const repeated = groups.reduce((n, g) => n + Math.max(0, sentTo(fake, g.id) - 1), 0);
    expect(repeated).toBeLessThanOrEqual(inFlight);
    child.kill('SIGTERM');
    await waitForExit(child);
    child = undefined;
  }, 90_000);
});

function sentTo(fake: FakeBotApi, chatId: number): number {
  return fake.successfulCalls('sendMessage').filter((c) => c.params.chat_id === chatId).length;
}
