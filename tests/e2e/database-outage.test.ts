// A database outage in the middle of traffic (the PostgreSQL server behind a TCP proxy that
// the test cuts): nothing is lost, nothing is answered twice, nobody gets an apology for
// it, and the bot recovers by itself. Server only: the embedded database has no outages.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.ts';
import { createProbeCommand } from '../support/probe-command.ts';
import { proxyInFrontOf, type TcpProxy } from '../support/tcp-proxy.ts';
import {
  createTestDatabase,
  resetDatabase,
  serverUrl,
  type TestDatabase,
} from '../support/test-database.ts';
import {
  groupChat,
  messageUpdate,
  people,
  startTelegramHarness,
  type TelegramHarness,
} from '../support/telegram-harness.ts';

const { alice } = people;

describe.skipIf(!serverUrl)('a database outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let proxied: Database;
  let h: TelegramHarness | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    const front = await proxyInFrontOf(database.url!);
    proxy = front.proxy;
    proxied = await createDatabase({ url: front.url, maxConnections: 4 });
  });
  afterAll(async () => {
    await proxied.close();
    await proxy.close();
    await database.drop();
  });
  beforeEach(() => resetDatabase(database));
  afterEach(async () => {
    proxy.restore();
    await h?.stop();
    h = undefined;
  });

  const groups = Array.from({ length: 12 }, (_, i) => groupChat(-1000 - i, `Groupe ${i}`));
  const apologies = () =>
    h!.fake
      .successfulCalls('sendMessage')
      .filter((c) => String(c.params.text).includes('un problème'));

  it('long polling: stops fetching while the database is away, then answers everything once', async () => {
    h = await startTelegramHarness(proxied);
    for (const g of groups.slice(0, 4)) await h.deliver(messageUpdate(alice, g, '/aide'));
    await h.fake.waitForCalls('sendMessage', 4);

    proxy.cut();
    for (const g of groups) await h.deliver(messageUpdate(alice, g, '/aide'));
    await new Promise((r) => setTimeout(r, 500));
    const fetchesBefore = h.fake.calls.filter((c) => c.method === 'getUpdates').length;
    await new Promise((r) => setTimeout(r, 2_000));
    // What it fetched could not be stored: it fetches nothing more until it can.
    expect(h.fake.calls.filter((c) => c.method === 'getUpdates').length).toBe(fetchesBefore);

    proxy.restore();
    await h.fake.waitForCalls('sendMessage', 4 + groups.length, 30_000);
    await h.app.settle();
    for (const [i, g] of groups.entries()) {
      expect(h.sentTo(g.id).length, `group ${g.id}`).toBe(i < 4 ? 2 : 1);
    }
    expect(apologies()).toEqual([]);
  }, 60_000);

  it('webhook: answers 503 while the update cannot be stored, and handles its redelivery once', async () => {
    h = await startTelegramHarness(proxied, { webhook: true });
    const update = messageUpdate(alice, groups[0]!, '/aide');
    proxy.cut();
    const refused = await fetch(`http://127.0.0.1:${h.app.http!.port}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': 'webhook-secret-0123456789',
      },
      body: JSON.stringify(update),
    });
    expect(refused.status).toBe(503);
    proxy.restore();
    // Telegram delivers it again, and perhaps again.
    expect((await h.postWebhook(update)).status).toBe(200);
    expect((await h.postWebhook(update)).status).toBe(200);
    expect(h.sentTo(groups[0]!.id)).toHaveLength(1);
  }, 60_000);

  it('an update being handled when the database goes away is handled again, once, after', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let runs = 0;
    const probe = createProbeCommand('outage-probe', { fr: 'sonde', en: 'probe' }, async (ctx) => {
      runs++;
      entered();
      await gate;
      await ctx.reply(`sonde ${runs}`);
    });
    h = await startTelegramHarness(proxied, { features: [probe] });
    await h.deliver(messageUpdate(alice, groups[0]!, '/sonde'));
    await inside;
    proxy.cut();
    release();
    await new Promise((r) => setTimeout(r, 1_500));
    proxy.restore();
    await expect.poll(() => h!.sentTo(groups[0]!.id).length, { timeout: 30_000 }).toBe(1);
    await h.app.settle();
    expect(h.sentTo(groups[0]!.id).map((c) => c.params.text)).toEqual(['sonde 2']);
    expect(apologies()).toEqual([]);
  }, 60_000);
});
