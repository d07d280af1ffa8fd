// City messages written by a partner's CCAS in a real browser (Debian's Chromium through
// puppeteer-core): the CCAS has an agent's rights, so it composes, sends and cancels; and
// partner A's CCAS never reaches partner B's groups, whatever it forges in the form (B's
// commune or quartier ticked in A's form, A's form posted to B's address). The sending is
// planned by the real plan job: the deliveries say which groups it reaches. Skipped when
// /usr/bin/chromium is missing (CI installs it).
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { chats } from '../../db/schema.ts';
import { createCityMessagesFeature } from '../../handlers/city-messages/index.ts';
import {
  checkPage,
  hasChromium,
  launchChromium,
  pageText,
  type Chromium,
} from '../support/chromium.ts';
import { resetDatabase } from '../support/test-database.ts';
import { createTestDeps } from '../support/test-deps.ts';
import {
  addStaff,
  createPerson,
  loginLink,
  seedPartner,
  startConsoleHarness,
  type ConsoleHarness,
} from './console-harness.ts';

let h: ConsoleHarness;
let browser: Browser;
let chromium: Chromium | undefined;
let lyon: number;
let paris: number;
let belleville: number;

describe.skipIf(!hasChromium)('city messages from a partner’s CCAS, in a browser', () => {
  beforeAll(async () => {
    h = await startConsoleHarness();
    chromium = await launchChromium('city-messages-ccas');
    browser = chromium.browser;
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await h?.close();
  });

  beforeEach(async () => {
    await resetDatabase(h.database);
    h.clock.set('2026-11-26T09:00:00Z');
    lyon = await seedPartner(h, 'Lyon 1er', ['69381'], ['Pentes']);
    paris = await seedPartner(h, 'Paris 11e', ['75111'], ['Belleville']);
    const [found] = await queryRows<{ id: number }>(
      h.database.db,
      sql`select id from quartiers where name = 'Belleville'`,
    );
    belleville = Number(found!.id);
    await h.database.db.insert(chats).values([
      { platform: 'telegram', externalId: '-1', kind: 'group', communeInsee: '69381' },
      { platform: 'telegram', externalId: '-2', kind: 'group', communeInsee: '75111' },
    ]);
  });

  async function logIn(personId: number): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true); // to inject axe-core; the pages themselves run no script
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr-FR,fr;q=0.9' });
    await page.setViewport({ width: 420, height: 900 });
    await page.goto(await loginLink(h, personId));
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    return page;
  }

  async function submit(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }

  async function messagesOf(partner: number) {
    return queryRows<{ id: number; status: string }>(
      h.database.db,
      sql`select id, status from city_messages where partner_id = ${partner} order by id`,
    );
  }

  /** The plan job, as the runner would run it: the deliveries it records are who is reached. */
  async function planAndListReached(messageId: number): Promise<string[]> {
    const deps = await createTestDeps(h.database.db, h.clock);
    const spec = createCityMessagesFeature().jobs!.find((j) => j.kind === 'cityMessagePlan')!;
    await spec.run(
      { messageId },
      { deps, now: h.clock.now(), jobId: 0, attempt: 1, workerId: 'test' },
    );
    const rows = await queryRows<{ external_id: string }>(
      h.database.db,
      sql`select c.external_id from city_message_deliveries d join chats c on c.id = d.chat_id
          where d.message_id = ${messageId} order by c.external_id`,
    );
    return rows.map((r) => r.external_id);
  }

  it('lets the CCAS compose, send and cancel, and reaches only its city’s groups', async () => {
    const claire = await createPerson(h, 'Claire');
    await addStaff(h, lyon, claire, 'ccas');
    const page = await logIn(claire);
    await page.goto(`${h.base}/console/villes/${lyon}`);
    await submit(page, `a[href$="/villes/${lyon}/messages"]`);
    await checkPage(page, 'city-message-form-ccas');

    // Forged: Paris's commune ticked in Lyon's form.
    await page.type('#text_fr', 'Plan canicule : la salle climatisée est ouverte.');
    await page.$eval('input[name="communes"]', (input) => {
      const box = input as unknown as { value: string; checked: boolean };
      box.value = '75111';
      box.checked = true;
    });
    await submit(page, 'form button.primary');
    expect(await pageText(page)).toContain('ne correspond pas à votre ville');
    // Forged: Paris's quartier.
    await page.$eval(
      'input[name="communes"]',
      (input, id) => {
        const box = input as unknown as { value: string; checked: boolean; name: string };
        box.name = 'quartiers';
        box.value = String(id);
        box.checked = true;
      },
      belleville,
    );
    await submit(page, 'form button.primary');
    expect(await pageText(page)).toContain('ne correspond pas à votre ville');
    // Forged: Lyon's form posted to Paris's address.
    await page.$eval(
      'form:has(#text_fr)',
      (form, id) => {
        const f = form as unknown as { action: string };
        f.action = f.action.replace(/\/villes\/\d+\//, `/villes/${id}/`);
      },
      paris,
    );
    await submit(page, 'form button.primary');
    expect(await page.title()).toContain('Page introuvable');
    expect(await messagesOf(lyon)).toEqual([]);
    expect(await messagesOf(paris)).toEqual([]);

    // The real thing: the preview counts Lyon's one group, "send" schedules it.
    await page.goto(`${h.base}/console/villes/${lyon}/messages`);
    await page.type('#text_fr', 'Plan canicule : la salle climatisée est ouverte.');
    await submit(page, 'form button.primary');
    expect(await pageText(page)).toContain('1 groupe le recevra');
    await checkPage(page, 'city-message-preview-ccas');
    await submit(page, 'form[action$="/envoyer"] button');
    const [sent] = await messagesOf(lyon);
    expect(sent!.status).toBe('scheduled');
    expect(await planAndListReached(Number(sent!.id))).toEqual(['-1']);

    // A second one, scheduled for tomorrow, then cancelled from its page.
    await page.goto(`${h.base}/console/villes/${lyon}/messages`);
    await page.type('#text_fr', 'Fête des voisins : tables prêtées par la mairie.');
    await page.click('input[name="when"][value="later"]');
    await page.$eval(
      '#date',
      (input) => ((input as unknown as { value: string }).value = '2026-11-27'),
    );
    await page.$eval('#time', (input) => ((input as unknown as { value: string }).value = '10:00'));
    await submit(page, 'form button.primary');
    expect(await pageText(page)).toContain('1 groupe le recevra');
    await submit(page, 'form[action$="/envoyer"] button');
    await submit(page, 'form[action$="/annuler"] button');
    const [, cancelled] = await messagesOf(lyon);
    expect(cancelled!.status).toBe('cancelled');
    expect(await messagesOf(paris)).toEqual([]);
    await page.browserContext().close();
  }, 90_000);

  it('keeps partner A’s CCAS out of partner B’s messages, by URL', async () => {
    const zoe = await createPerson(h, 'Zoé');
    await addStaff(h, paris, zoe, 'agent');
    const intruder = await createPerson(h, 'Claire');
    await addStaff(h, lyon, intruder, 'ccas');
    const zoePage = await logIn(zoe);
    await zoePage.goto(`${h.base}/console/villes/${paris}/messages`);
    await zoePage.type('#text_fr', 'Réunion de quartier jeudi.');
    await submit(zoePage, 'form button.primary');
    const [draft] = await messagesOf(paris);
    await zoePage.browserContext().close();

    const page = await logIn(intruder);
    for (const path of [
      `/console/villes/${paris}/messages`,
      `/console/villes/${paris}/messages/${draft!.id}`,
      `/console/villes/${lyon}/messages/${draft!.id}`,
    ]) {
      await page.goto(`${h.base}${path}`);
      expect(await page.title(), path).toContain('Page introuvable');
    }
    expect((await messagesOf(paris)).map((m) => m.status)).toEqual(['draft']);
    await page.browserContext().close();
  }, 60_000);
});
