// The production build run by plain node (no tsx), as `npm run start:prod` does, against the
// fake Bot API: a group adds the bot, asks for help and for a kit with its printables. This
// reaches every file the code reads at run time (migrations, locales, kits, fonts, the
// driver's patch on a server run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../fakes/telegram-bot-api.ts';
import { buildProduction, type ProductionBuild } from '../support/production-build.ts';
import { spawnScript, type ScriptProcess } from '../support/spawn-script.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-database.ts';
import {
  BOT,
  botAddedUpdate,
  groupChat,
  messageUpdate,
  people,
  TOKEN,
} from '../support/telegram-harness.ts';

const { alice, bruno } = people;
const group = groupChat();

describe('the production build', () => {
  let build: ProductionBuild;
  let fake: FakeBotApi;
  let bot: ScriptProcess;
  let dataDir: string;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    build = await buildProduction();
    fake = await startFakeBotApi({ token: TOKEN, botUser: BOT });
    dataDir = mkdtempSync(join(tmpdir(), 'vsb-prod-'));
    // On a server run the built bot gets a database of its own on that server.
    database = serverUrl ? await createTestDatabase() : undefined;
    bot = spawnScript(join(build.dir, 'bot/main.js'), [], {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      PORT: '0',
      LOG_LEVEL: 'info',
      CONSOLE: 'false',
      DATA_DIR: dataDir,
      ...(database ? { DATABASE_URL: database.url } : {}),
    });
  }, 120_000);

  afterAll(async () => {
    bot?.child.kill('SIGTERM');
    if (bot) expect(await bot.exited).toBe(0);
    await fake?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('runs with node alone: answers a group, in French, with a kit and its PDFs', async () => {
    fake.pushUpdate(botAddedUpdate(alice, group));
    fake.pushUpdate(messageUpdate(bruno, group, '/aide'));
    const [intro, help] = await fake.waitForCalls('sendMessage', 2, 30_000);
    expect(intro!.params.text).toContain('/parametres');
    expect(help!.params.text).toContain('<b>Ce que je sais faire</b>');

    fake.pushUpdate(messageUpdate(bruno, group, '/kit canicule'));
    const [, , summary] = await fake.waitForCalls('sendMessage', 3, 30_000);
    expect(summary!.params.text).toContain('<b>Canicule</b>');
    const [document] = await fake.waitForCalls('sendDocument', 1, 30_000);
    expect((document!.params.document as { filename: string }).filename).toMatch(/\.pdf$/);
    expect(bot.stderr()).toBe('');
  }, 60_000);
});
