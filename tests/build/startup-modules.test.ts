// What a Telegram-only process of the production build has loaded once it runs and answers
// a group: none of the modules only some features or some processes need (the PDF renderer,
// the calendar file's generator, the WhatsApp and terminal adapters, the web console, the
// metrics, the embedded database on a server run). Each is loaded by dynamic import when
// first needed; one static import anywhere on the way from bot/main.ts would load it at
// startup and keep it in memory for the process's life. The calendar file is then asked
// for, to show that the recorder sees a module once it is loaded, and that the on-demand
// path works in the build (plain node, .js files).
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  privateChat,
  TOKEN,
} from '../support/telegram-harness.ts';

const recorder = fileURLToPath(new URL('../support/loaded-modules/record.js', import.meta.url));

/** Packages a Telegram-only process loads only when a feature first needs them. */
const ON_DEMAND_PACKAGES = [
  // The calendar file (handlers/calendar/ics-text.ts).
  'ical-generator',
  '@touch4it/ical-timezones',
  // The PDF renderer (handlers/kits/pdf/render-document.ts) and the label certificate.
  'pdfkit',
  'fontkit',
  'bidi-js',
  'qrcode',
  // WhatsApp (bot/whatsapp/whatsapp-client.ts) and its QR code in the terminal.
  'whatsapp-web.js',
  'puppeteer',
  'puppeteer-core',
  'qrcode-terminal',
  // The web console (bot/create-web-console.ts) and its spreadsheets.
  'hono',
  '@hono/node-server',
  'write-excel-file',
  // /metrics (bot/metrics.ts), off unless enabled.
  'prom-client',
  // The embedded database, when DATABASE_URL names a server.
  ...(serverUrl ? ['@electric-sql/pglite'] : []),
];

/** Our modules (files, or folders ending in /) that a Telegram-only process loads on demand. */
const ON_DEMAND_MODULES = [
  'handlers/calendar/ics-text.js',
  'handlers/kits/pdf/render-document.js',
  'bot/metrics.js',
  'bot/create-web-console.js',
  'web/',
  'bot/whatsapp/',
  'bot/console/',
];

/** "grammy", "@grammyjs/auto-retry": the package a loaded file belongs to. */
function packageOf(path: string): string | undefined {
  const at = path.lastIndexOf(`node_modules${sep}`);
  if (at < 0) return undefined;
  const [first, second] = path.slice(at + 'node_modules'.length + 1).split(sep);
  return first?.startsWith('@') ? `${first}/${second}` : first;
}

describe('a Telegram-only process of the production build', () => {
  let build: ProductionBuild;
  let fake: FakeBotApi;
  let bot: ScriptProcess;
  let dataDir: string;
  let listFile: string;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    build = await buildProduction();
    fake = await startFakeBotApi({ token: TOKEN, botUser: BOT });
    dataDir = mkdtempSync(join(tmpdir(), 'vsb-modules-'));
    listFile = join(dataDir, 'loaded-modules.txt');
    database = serverUrl ? await createTestDatabase() : undefined;
    bot = spawnScript(join(build.dir, 'bot/main.js'), [], {
      NODE_OPTIONS: `--import=${recorder}`,
      LOADED_MODULES_FILE: listFile,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: fake.url,
      PORT: '0',
      LOG_LEVEL: 'warn',
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

  /** The modules loaded so far: files of the build (relative to it), and packages. */
  async function loadedNow(): Promise<{ ours: string[]; packages: Set<string> }> {
    if (existsSync(listFile)) unlinkSync(listFile);
    bot.child.kill('SIGUSR2');
    const deadline = Date.now() + 10_000;
    while (!existsSync(listFile)) {
      if (Date.now() > deadline) throw new Error(`no list of modules: ${bot.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const paths = readFileSync(listFile, 'utf8').split('\n');
    return {
      ours: paths
        .filter((path) => path.startsWith(build.dir + sep))
        .map((path) => relative(build.dir, path).split(sep).join('/')),
      packages: new Set(paths.map(packageOf).filter((name) => name !== undefined)),
    };
  }

  const group = groupChat();
  const { alice, bruno } = people;

  it('answers a group without loading what only some features need', async () => {
    fake.setChatMember(group.id, alice.id, 'administrator');
    fake.pushUpdate(botAddedUpdate(alice, group));
    fake.pushUpdate(messageUpdate(bruno, group, '/aide'));
    await fake.waitForCalls('sendMessage', 2, 30_000);

    const { ours, packages } = await loadedNow();
    // The recorder sees what is loaded, ours and the packages'.
    expect(ours).toContain('bot/main.js');
    expect(ours).toContain('handlers/calendar/ics-file.js');
    expect(packages).toContain('grammy');
    expect(ON_DEMAND_PACKAGES.filter((name) => packages.has(name))).toEqual([]);
    expect(ours.filter((path) => ON_DEMAND_MODULES.some((m) => path.startsWith(m)))).toEqual([]);
  }, 60_000);

  it('loads the calendar file generator with the first .ics, which arrives whole', async () => {
    const before = fake.successfulCalls('sendMessage').length;
    fake.pushUpdate(messageUpdate(alice, group, '/evenement Galette des rois 15/01 19h'));
    await fake.waitForCalls('sendMessage', before + 1, 30_000);
    fake.pushUpdate(messageUpdate(bruno, privateChat(bruno), '/start'));
    fake.pushUpdate(messageUpdate(bruno, privateChat(bruno), '/agenda'));
    const [file] = await fake.waitForCalls('sendDocument', 1, 30_000);
    expect(file!.params.chat_id).toBe(bruno.id);
    expect((file!.params.document as { filename: string }).filename).toBe('galette-des-rois.ics');

    const { ours, packages } = await loadedNow();
    expect(packages).toContain('ical-generator');
    expect(packages).toContain('@touch4it/ical-timezones');
    expect(ours).toContain('handlers/calendar/ics-text.js');
    expect(bot.stderr()).toBe('');
  }, 60_000);
});
