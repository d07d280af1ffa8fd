// The whole bot (createApp) on the three platforms at once: Telegram against the fake Bot API,
// WhatsApp against a fake client, and the terminal, whose output is kept. For what reaches
// every platform's groups (city messages, local events). Its data folder is a fresh one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseConfig } from '../../bot/config.ts';
import { createApp, type App } from '../../bot/create-app.ts';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../handlers/ports.ts';
import { startFakeBotApi, type FakeBotApi } from '../fakes/telegram-bot-api.ts';
import { createFakeWhatsAppClient, type FakeWhatsAppClient } from '../fakes/whatsapp-client.ts';
import { BOT, FAST_LANES, TOKEN } from './telegram-harness.ts';
import { createMemoryLogger } from './test-deps.ts';
import { defaultFakeOptions } from './whatsapp-harness.ts';

export interface AllPlatforms {
  app: App;
  /** Telegram's Bot API. */
  fake: FakeBotApi;
  /** WhatsApp's client (the default group, Alice its admin). */
  whatsapp(): FakeWhatsAppClient;
  /** Everything the terminal printed so far. */
  printed(): string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Started, WhatsApp ready and the terminal's group joined; `env` adds variables (WEB_URL…). */
export async function startAllPlatforms(
  database: Database,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<AllPlatforms> {
  const fake = await startFakeBotApi({ token: TOKEN, botUser: BOT });
  const dataDir = mkdtempSync(join(tmpdir(), 'vsb-platforms-'));
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  let whatsapp: FakeWhatsAppClient | undefined;
  const app = await createApp(
    parseConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      WHATSAPP_ENABLED: 'true',
      CONSOLE: 'true',
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      FLOOD_PERSON_PER_MINUTE: '1000',
      FLOOD_GROUP_PER_MINUTE: '1000',
      ...options.env,
    }),
    {
      database,
      ...(options.clock ? { clock: options.clock } : {}),
      logger: createMemoryLogger(),
      telegram: { sendLanes: FAST_LANES, pollingTimeoutSeconds: 1 },
      whatsapp: {
        createClient: () => (whatsapp = createFakeWhatsAppClient(defaultFakeOptions)),
        pacing: { minGapMs: 0, jitterMs: 0, maxPerMinute: 100_000 },
      },
      terminal: { input: new PassThrough(), output, color: false },
      scheduler: false,
      httpHost: '127.0.0.1',
    },
  );
  await app.start();
  await app.whatsapp!.ready();
  await app.console!.join();
  return {
    app,
    fake,
    whatsapp: () => whatsapp!,
    printed: () => printed,
    dataDir,
    async stop() {
      await app.stop();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
