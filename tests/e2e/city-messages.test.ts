// A city message end to end: the whole bot (createApp) on Telegram (the fake Bot API),
// WhatsApp (the fake client) and the terminal at once, with the console served by its HTTP
// server; a partner city with one group on each, the terminal's group having said "non" in
// /parametres. An agent logs in with Debian's Chromium, writes a message with a PDF, sees
// the preview, presses "send" twice (and the form is posted twice more at once); the job
// runner sends it: the Telegram and WhatsApp groups get it once each, the terminal's group
// nothing, and the report page says so. Partner B's agent, in the same browser, reaches none
// of it, even with a forged commune in the form. Screenshots go to tmp/console-screenshots/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Page } from 'puppeteer-core';
import { checkPage, pageText, hasChromium, useChromium } from '../support/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../bot/create-app.ts';
import { queryRows } from '../../db/client.ts';
import { createLoginToken } from '../../db/queries/console-access.ts';
import { createPartner } from '../../db/queries/partners.ts';
import { chats, partnerStaff, people, personIdentities } from '../../db/schema.ts';
import type { FakeBotApi } from '../fakes/telegram-bot-api.ts';
import type { FakeWhatsAppClient } from '../fakes/whatsapp-client.ts';
import { startAllPlatforms, type AllPlatforms } from '../support/all-platforms-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { wa } from '../support/whatsapp-harness.ts';

const TELEGRAM_GROUP = -100777;
/** A real PDF's first bytes are what the console checks (never the name or the browser). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

describe.skipIf(!hasChromium)('a city message from the console to three platforms', () => {
  const database = useTestDatabase();
  let platforms: AllPlatforms | undefined;
  let fake: FakeBotApi;
  let app: App;
  let whatsapp: FakeWhatsAppClient;
  let dataDir: string;
  const printed = () => platforms!.printed();
  let base = '';

  beforeAll(async () => {
    platforms = await startAllPlatforms(database, { env: { WEB_URL: 'http://127.0.0.1' } });
    ({ app, fake, dataDir } = platforms);
    whatsapp = platforms.whatsapp();
    base = `http://127.0.0.1:${app.http!.port}`;
  }, 90_000);
  afterAll(() => platforms?.stop());
  const browser = useChromium('city');

  async function staff(name: string, externalId: string, partnerId: number) {
    const [person] = await app.deps.db
      .insert(people)
      .values({ platform: 'telegram', displayName: name })
      .returning();
    await app.deps.db
      .insert(personIdentities)
      .values({ platform: 'telegram', externalId, personId: person!.id });
    await app.deps.db
      .insert(partnerStaff)
      .values({ partnerId, personId: person!.id, role: 'agent' });
    return person!.id;
  }

  async function logIn(personId: number): Promise<Page> {
    const token = await createLoginToken(app.deps.db, personId, new Date(Date.now() + 600_000));
    const context = await browser().createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true); // to inject axe-core; the pages themselves run no script
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr-FR,fr;q=0.9' });
    await page.setViewport({ width: 420, height: 900 });
    await page.goto(`${base}/console/login?token=${token}`);
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    return page;
  }

  const check = checkPage;
  const text = pageText;

  it('reaches the two groups that accept it, once each, and the report says so', async () => {
    const db = app.deps.db;
    const lyon = await createPartner(db, { name: 'Lyon 1er', communes: ['69381'], quartiers: [] });
    const paris = await createPartner(db, {
      name: 'Paris 11e',
      communes: ['75111'],
      quartiers: [],
    });
    await db.insert(chats).values([
      {
        platform: 'telegram',
        externalId: String(TELEGRAM_GROUP),
        kind: 'group',
        name: 'Résidence des Pentes',
        communeInsee: '69381',
        groupKind: 'immeuble',
      },
      {
        platform: 'whatsapp',
        externalId: wa.group,
        kind: 'group',
        name: 'Rue Burdeau',
        communeInsee: '69381',
        groupKind: 'rue',
      },
      // Partner B's group: never reached by Lyon.
      { platform: 'telegram', externalId: '-100999', kind: 'group', communeInsee: '75111' },
    ]);
    // The terminal's group is in Lyon 1er too, and its admin says "non".
    await app.console!.say('1', 'group', '/parametres cp 69001');
    await app.console!.say('1', 'group', '/parametres messages non');
    expect(printed()).toContain('Messages de la mairie\u202f: non');
    const [terminal] = await queryRows<{ commune_insee: string; city_messages: boolean }>(
      db,
      sql`select commune_insee, city_messages from chats where platform = 'console' and kind = 'group'`,
    );
    expect(terminal).toEqual({ commune_insee: '69381', city_messages: false });

    const agent = await staff('Paul', '5001', lyon);
    const page = await logIn(agent);
    await Promise.all([
      page.waitForNavigation(),
      page.click(`a[href$="/villes/${lyon}/messages"]`),
    ]);
    await check(page, 'city-message-form');
    await page.type('#text_fr', 'Coupure d’eau mardi 8 h–12 h rue Burdeau. <Merci> de prévoir !');
    const pdfPath = join(dataDir, 'coupure-eau.pdf');
    writeFileSync(pdfPath, PDF);
    const upload = await page.$('#attachment');
    await (upload as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(pdfPath);
    await Promise.all([page.waitForNavigation(), page.click('form button.primary')]);
    const preview = await text(page);
    expect(preview).toContain('2 groupes le recevront');
    expect(preview).toContain('1 groupe a choisi de ne pas recevoir');
    expect(preview).toContain('Message de la mairie de Lyon 1er');
    expect(preview).toContain('<Merci>'); // escaped, shown as typed
    expect(preview).toContain('coupure-eau.pdf');
    expect(preview).toContain('(message written in French)'); // the English groups' preview
    await check(page, 'city-message-preview');

    // "Send", posted three times at once (a double click and a reload), then clicked twice.
    // (The page's own fetch: the browser's cookie and origin, as a reload would send them.)
    const statuses = await page.$eval('form[action$="/envoyer"]', async (element) => {
      const form = element as unknown as { action: string; querySelector(s: string): unknown };
      const csrf = (form.querySelector('input[name="_csrf"]') as { value: string }).value;
      const post = () =>
        fetch(form.action, {
          method: 'POST',
          body: new URLSearchParams({ _csrf: csrf }),
          redirect: 'manual',
        }).then((r) => r.type);
      return Promise.all([post(), post(), post()]);
    });
    expect(statuses).toHaveLength(3);
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/envoyer"] button', { clickCount: 2 }),
    ]);
    const plans = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from jobs where kind = 'cityMessagePlan'`,
    );
    expect(plans[0]!.n).toBe(1);

    await app.jobs.runDueJobs();
    await app.settle();
    await app.jobs.runDueJobs(); // nothing more to do: nothing is sent again

    const documents = fake
      .successfulCalls('sendDocument')
      .filter((c) => c.params.chat_id === TELEGRAM_GROUP);
    expect(documents).toHaveLength(1);
    const caption = String(documents[0]!.params.caption);
    expect(caption).toContain('<b>Message de la mairie de Lyon 1er</b>');
    expect(caption).toContain('&lt;Merci&gt; de prévoir !');
    expect(caption).toContain('/parametres messages non'); // the first time's note
    expect(
      fake.successfulCalls('sendMessage').filter((c) => c.params.chat_id === TELEGRAM_GROUP),
    ).toHaveLength(0);
    expect(fake.successfulCalls().filter((c) => c.params.chat_id === -100999)).toHaveLength(0);
    const sentOnWhatsApp = whatsapp.sentTo(wa.group);
    expect(sentOnWhatsApp).toHaveLength(1);
    expect(sentOnWhatsApp[0]!.kind).toBe('document');
    expect(sentOnWhatsApp[0]!.document!.filename).toBe('coupure-eau.pdf');
    expect(sentOnWhatsApp[0]!.text).toContain('*Message de la mairie de Lyon 1er*');
    expect(printed()).not.toContain('Message de la mairie');

    await page.reload();
    const cell = (row: string, status: string) =>
      page.$eval(`#report ${row} td[data-status="${status}"]`, (td) =>
        (td as unknown as { textContent: string }).textContent.trim(),
      );
    expect(await cell('tr[data-platform="telegram"]', 'sent')).toBe('1');
    expect(await cell('tr[data-platform="whatsapp"]', 'sent')).toBe('1');
    expect(await cell('tr[data-platform="console"]', 'opted_out')).toBe('1');
    expect(await cell('tfoot tr', 'sent')).toBe('2');
    expect(await cell('tfoot tr', 'failed')).toBe('0');
    const report = await text(page);
    expect(report).toContain('Envoyé.');
    expect(report).toContain('2 groupe(s) atteint(s) sur 2');
    await check(page, 'city-message-report');
    const url = page.url();

    // Partner B's agent: Lyon's pages are "not found", and a forged commune is refused.
    const other = await staff('Zoé', '5002', paris);
    const intruder = await logIn(other);
    for (const path of [`/console/villes/${lyon}/messages`, new URL(url).pathname]) {
      await intruder.goto(`${base}${path}`);
      expect(await intruder.title(), path).toContain('Page introuvable');
    }
    await intruder.goto(`${base}/console/villes/${paris}/messages`);
    await intruder.$eval('input[name="communes"]', (box) => {
      const input = box as unknown as { value: string; checked: boolean };
      input.value = '69381';
      input.checked = true;
    });
    await intruder.type('#text_fr', 'Bonjour Lyon');
    await Promise.all([intruder.waitForNavigation(), intruder.click('form button.primary')]);
    expect(await text(intruder)).toContain('ne correspond pas à votre ville');
    await check(intruder, 'city-message-forged');
    const drafts = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from city_messages where partner_id = ${paris}`,
    );
    expect(drafts[0]!.n).toBe(0);
    await intruder.browserContext().close();
    await page.browserContext().close();
  }, 120_000);
});
