// The programme, CCAS and label pages in a real browser (Debian's Chromium through
// puppeteer-core): filled in through their forms as a person would, axe-core's checks (no
// serious or critical violation), and a screenshot of each under tmp/console-screenshots/.
// An agent never sees the registry requests, even by URL. Skipped when /usr/bin/chromium is
// missing (CI installs it).

import type { Browser, Page } from 'puppeteer-core';
import {
  checkPage,
  pageText,
  hasChromium,
  launchChromium,
  type Chromium,
} from '../support/chromium.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chats, partnerLocalEvents, registryRequests } from '../../db/schema.ts';
import { createCityProgrammeFeature } from '../../handlers/city-programme/index.ts';
import { addLocalEventAnnounced } from '../../handlers/city-programme/schedule.ts';
import { createJobRunner } from '../../handlers/jobs/job-runner.ts';
import { createRecordingMessenger, type Sent } from '../support/recording-messenger.ts';
import { createTestDeps } from '../support/test-deps.ts';
import { resetDatabase } from '../support/test-database.ts';
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

describe.skipIf(!hasChromium)('the programme, CCAS and label pages in a browser', () => {
  beforeAll(async () => {
    h = await startConsoleHarness();
    chromium = await launchChromium('programme');
    browser = chromium.browser;
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await h?.close();
  });

  beforeEach(async () => {
    await resetDatabase(h.database);
    h.clock.set('2026-11-26T09:00:00Z');
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

  const check = checkPage;
  const text = pageText;

  async function submit(page: Page, selector: string): Promise<void> {
    await Promise.all([page.waitForNavigation(), page.click(selector)]);
  }

  it('lets an agent fill in the programme and see the label, never the requests', async () => {
    const lyon = await seedPartner(h, 'Lyon 1er', ['69381'], ['Pentes', 'Terreaux']);
    const paul = await createPerson(h, 'Paul');
    await addStaff(h, lyon, paul, 'agent');
    const [chat] = await h.database.db
      .insert(chats)
      .values({ platform: 'telegram', externalId: '-1', kind: 'group', communeInsee: '69381' })
      .returning();
    await h.database.db.insert(registryRequests).values({
      partnerId: lyon,
      chatId: chat!.id,
      name: 'Mme Martin',
      address: '3 rue Terme',
      status: 'open',
      consentBy: 'self',
      consentAt: h.clock.now(),
    });
    const page = await logIn(paul);
    expect(await text(page)).not.toContain('CCAS et veille');
    await submit(page, 'a[href$="/programme"]');
    await page.type('#line-galette', 'Galette offerte à la salle des fêtes, le 10 janvier');
    await submit(page, 'form:has(#line-galette) button');
    await page.type('#event-date', '12122026');
    await page.type('#event-title', 'Salle municipale ouverte aux voisins');
    await submit(page, 'form[action$="/evenements"] button');
    const programme = await text(page);
    expect(programme).toContain('samedi 12 décembre 2026');
    expect(programme).toContain('Salle municipale ouverte aux voisins');
    expect(
      await page.$eval('#line-galette', (input) => (input as unknown as { value: string }).value),
    ).toBe('Galette offerte à la salle des fêtes, le 10 janvier');
    await check(page, 'programme-agent');

    await submit(page, 'a[href$="/label"]');
    const label = await text(page);
    expect(label).toContain('Groupes pour 1 000 habitants'.replace(' ', ' '));
    // One group: its share of 28,717 inhabitants would tell the count; it reads "moins de 5".
    expect(label).toContain('moins de 5 groupes');
    expect(label).not.toContain('0,03');
    await check(page, 'label-agent');

    await page.goto(`${h.base}/console/villes/${lyon}/ccas`);
    expect(await page.title()).toContain('Page introuvable');
    expect(await text(page)).not.toContain('Mme Martin');
    await page.browserContext().close();
  });

  it('tells the staff what a change does for the groups told, and when it is too late', async () => {
    const lyon = await seedPartner(h, 'Lyon 1er', ['69381']);
    const paul = await createPerson(h, 'Paul');
    await addStaff(h, lyon, paul, 'agent');
    await h.database.db
      .insert(chats)
      .values({ platform: 'telegram', externalId: '-1', kind: 'group', communeInsee: '69381' });
    // Announced to the group on Saturday 5 December at 10:00.
    h.clock.set('2026-12-05T09:00:00Z');
    const { id } = await addLocalEventAnnounced(
      h.database.db,
      lyon,
      { date: '2026-12-12', time: '15:00', place: 'Place Sathonay', title: 'Brocante' },
      h.clock.now(),
    );
    const deps = await createTestDeps(h.database.db, h.clock);
    const sent: Sent[] = [];
    deps.messengers.set('telegram', createRecordingMessenger(sent));
    await createJobRunner(deps, createCityProgrammeFeature().jobs!, {
      workerId: 'browser-test',
      leaseSeconds: 60,
      batchSize: 10,
      concurrency: 1,
    }).runDueJobs();
    expect(sent).toHaveLength(1);

    // Sunday 11:00: Paul moves it to the salle des fêtes.
    h.clock.set('2026-12-06T10:00:00Z');
    let page = await logIn(paul);
    await page.goto(`${h.base}/console/villes/${lyon}/programme`);
    expect(await text(page)).toMatch(/Groupes prévenus\s?: 1/);
    await page.click(`#event-${id} summary`);
    await page.$eval(
      `#event-place-${id}`,
      (input) => ((input as unknown as { value: string }).value = ''),
    );
    await page.type(`#event-place-${id}`, 'Salle des fêtes');
    await submit(page, `form[action$="/evenements/${id}/modifier"] button`);
    const changed = await text(page);
    expect(changed).toContain(
      'Les groupes déjà prévenus recevront le changement (nouveau lieu) le dimanche 6 décembre 2026 à 11 h 30',
    );
    expect(changed).toContain(
      'Changement à envoyer aux groupes prévenus le dimanche 6 décembre 2026 à 11 h 30',
    );
    await check(page, 'programme-change');
    await page.browserContext().close();

    // Sunday 20:30: an event for Monday is saved too late to tell the groups, and the page
    // says so where the count of groups told would be.
    h.clock.set('2026-12-06T19:30:00Z');
    page = await logIn(paul);
    await page.goto(`${h.base}/console/villes/${lyon}/programme`);
    // The date field's typing order follows the browser's own language: set it as ISO.
    await page.$eval(
      '#event-date',
      (input) => ((input as unknown as { value: string }).value = '2026-12-07'),
    );
    await page.type('#event-title', 'Loto');
    await submit(page, 'form[action$="/evenements"] button');
    expect(
      await page.$eval('[role="alert"]', (p) => (p as unknown as { innerText: string }).innerText),
    ).toContain(
      'Trop tard pour prévenir les groupes\u202f: «\u202fLoto\u202f» a lieu le lundi 7 décembre 2026',
    );
    const [, loto] = await h.database.db
      .select()
      .from(partnerLocalEvents)
      .orderBy(partnerLocalEvents.id);
    const item = await page.$eval(
      `#event-${loto!.id}`,
      (li) => (li as unknown as { innerText: string }).innerText,
    );
    expect(item).toContain('Trop tard pour prévenir les groupes');
    expect(item).not.toContain('Groupes prévenus');
    await check(page, 'programme-too-late');
    await page.browserContext().close();
  });

  it('lets the CCAS set its number (refusing a wrong one) and see the requests', async () => {
    const lyon = await seedPartner(h, 'Lyon 1er', ['69381']);
    const claire = await createPerson(h, 'Claire');
    await addStaff(h, lyon, claire, 'ccas');
    const page = await logIn(claire);
    await submit(page, 'a[href$="/ccas"]');
    await page.type('#ccas-phone', '06 12 34');
    await submit(page, 'form[action$="/reglages"] button');
    expect(await text(page)).toContain(
      "«\u202f06 12 34\u202f» n'est pas un numéro de téléphone français",
    );
    await check(page, 'ccas-bad-phone');
    await page.$eval(
      '#ccas-phone',
      (input) => ((input as unknown as { value: string }).value = ''),
    );
    await page.type('#ccas-phone', '04 72 10 30 30');
    await submit(page, 'form[action$="/reglages"] button');
    expect(
      await page.$eval('#ccas-phone', (input) => (input as unknown as { value: string }).value),
    ).toBe('04\u00a072\u00a010\u00a030\u00a030');
    expect(await text(page)).toContain('Aucune demande à traiter.');
    await check(page, 'ccas-settings');
    await page.browserContext().close();
  });
});
