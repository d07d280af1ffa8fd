// The console in a real browser (Debian's Chromium through puppeteer-core): logging in
// through a one-time link, the pages a person sees, axe-core's accessibility checks (no
// serious or critical violation), and a screenshot of each page under
// tmp/console-screenshots/ for review. Skipped when /usr/bin/chromium is missing (CI
// installs it).

import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'puppeteer-core';
import {
  checkPage,
  pageText,
  hasChromium,
  CHROMIUM,
  launchChromium,
  type Chromium,
} from '../support/chromium.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { asCsvCells, readOds } from '../support/read-ods.ts';
import { resetDatabase } from '../support/test-database.ts';
import {
  ADMIN,
  addStaff,
  createPerson,
  loginLink,
  seedGroup,
  seedPartner,
  seedRollups,
  startConsoleHarness,
  type ConsoleHarness,
} from './console-harness.ts';

if (!hasChromium) console.warn(`console browser tests skipped: ${CHROMIUM} is missing`);

let h: ConsoleHarness;
let browser: Browser;
let chromium: Chromium | undefined;

describe.skipIf(!hasChromium)('the console in a browser', () => {
  beforeAll(async () => {
    h = await startConsoleHarness();
    chromium = await launchChromium('console');
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

  async function seedLyon() {
    const lyon = await seedPartner(h, 'Lyon 1er', ['69381'], ['Pentes', 'Terreaux']);
    const quartiers = await queryRows<{ id: number; name: string }>(
      h.database.db,
      sql`select id, name from quartiers order by name`,
    );
    await seedRollups(h, [
      ['insee:69381', '2026', 'groups:immeuble', 14],
      ['insee:69381', '2026', 'groups:rue', 6],
      ['insee:69381', '2026', 'groups:quartier', 2],
      ['insee:69381', '2025', 'groups:immeuble', 9],
      ['insee:69381', '2026', 'neighbours:active', 230],
      ['insee:69381', '2026', 'gathering:held:fete', 11],
      ['insee:69381', '2026', 'gathering:rsvp', 180],
      ['insee:69381', '2026', 'need:created', 25],
      ['insee:69381', '2026', 'kit:canicule', 31],
      ['insee:69381', '2026-06', 'kit:canicule', 12],
      ['insee:69381', '2026-07', 'kit:canicule', 19],
      ['insee:69381', '2026', 'kit:noel', 8],
      ['insee:69381', '2026-11', 'kit:noel', 8],
      ['insee:69381', '2026', 'service:courses', 12],
      ['insee:69381', '2026', 'service:bricolage', 7],
      ['insee:69381', '2026', 'watch:referents', 9],
      ['insee:69381', '2026', 'watch:watched', 21],
      ['insee:69381', '2026', 'watch:round', 60],
      ['insee:69381', '2026', 'watch:answered', 57],
      ['insee:69381', '2026', 'watch:answered_2h', 51],
      ['insee:69381', '2026', 'watch:escalation:1', 9],
      [`quartier:${quartiers[0]!.id}`, '2026', 'groups:immeuble', 8],
      [`quartier:${quartiers[1]!.id}`, '2026', 'groups:immeuble', 3],
      ['dep:69', '2026', 'groups:immeuble', 120],
      ['dep:69', '2026', 'kit:canicule', 300],
      ['dep:69', '2026-07', 'kit:canicule', 300],
      ['dep:75', '2026', 'groups:immeuble', 64],
      ['dep:13', '2026', 'groups:rue', 3],
      ['dep:974', '2026', 'groups:immeuble', 12],
    ]);
    await seedGroup(h, { name: 'Résidence des Capucins', insee: '69381', visibleToCity: true });
    await seedGroup(h, { name: 'Impasse discrète', insee: '69381', visibleToCity: false });
    return lyon;
  }

  /** Opens a fresh browser context, follows a one-time link and presses its button. */
  async function logIn(personId: number): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true); // to inject axe-core; the pages themselves run no script
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr-FR,fr;q=0.9' });
    await page.setViewport({ width: 420, height: 900 });
    await page.goto(await loginLink(h, personId));
    await check(page, 'login');
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    return page;
  }

  /** The file a page's link points to, fetched by the browser (with its session cookie). */
  async function downloadLinked(page: Page, selector: string): Promise<Uint8Array> {
    const href = await page.$eval(selector, (a) =>
      (a as unknown as { getAttribute(name: string): string }).getAttribute('href'),
    );
    const bytes = await page.evaluate(async (url: string) => {
      const answer = await fetch(url);
      if (answer.headers.get('content-type') !== 'application/vnd.oasis.opendocument.spreadsheet') {
        throw new Error(`${url}: ${answer.status} ${answer.headers.get('content-type')}`);
      }
      return [...new Uint8Array(await answer.arrayBuffer())];
    }, href);
    return new Uint8Array(bytes);
  }

  const check = checkPage;
  const text = pageText;

  it('lets a CCAS agent see the city, its watch figures and a CSV matching the database', async () => {
    const lyon = await seedLyon();
    const claire = await createPerson(h, 'Claire');
    await addStaff(h, lyon, claire, 'ccas');
    const page = await logIn(claire);
    expect(page.url()).toContain(`/console/villes/${lyon}`);
    await check(page, 'city-ccas');
    const body = await text(page);
    expect(body).toContain('Résidence des Capucins');
    expect(body).not.toContain('Impasse discrète');
    expect(body).toContain('Veille canicule et grand froid');
    expect(body).toContain('85\u00a0%');
    expect(body).toContain('230');
    const csv = await page.evaluate(async (href: string) => {
      const answer = await fetch(href);
      return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await answer.arrayBuffer());
    }, `/console/villes/${lyon}/export/activite.csv?annee=2026`);
    const [row] = await queryRows<{ value: number }>(
      h.database.db,
      sql`select sum(value)::int as value from activity_rollups where scope = 'insee:69381' and period = '2026' and metric = 'neighbours:active'`,
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`Voisins actifs;${row!.value};0\r\n`);
    // The .ods the page links to, fetched by the browser with its session: the same figure,
    // as a number, and the watch's sheet.
    const { sheets } = readOds(await downloadLinked(page, 'a[href*="/export/chiffres.ods"]'));
    const activity = sheets.find((s) => s.name.startsWith('Rencontres'))!;
    expect(asCsvCells(activity)).toContainEqual(['Voisins actifs', String(row!.value), '0']);
    expect(sheets.map((s) => s.name)).toContain('Veille canicule et grand froid');
    await page.browserContext().close();
  });

  it('hides the watch from an agent, and switches to English', async () => {
    const lyon = await seedLyon();
    const paul = await createPerson(h, 'Paul');
    await addStaff(h, lyon, paul, 'agent');
    const page = await logIn(paul);
    expect(await text(page)).not.toContain('Veille');
    await Promise.all([page.waitForNavigation(), page.click('form.languages button[lang="en"]')]);
    const body = await text(page);
    expect(body).toContain('Neighbours\u2019 groups'.replace('\u2019', "'"));
    await check(page, 'city-agent-en');
    await page.goto(`${h.base}/console/national`);
    expect(await page.title()).toContain('Page not found');
    await page.browserContext().close();
  });

  it('gives the association its partners, invitations and the national map', async () => {
    await seedLyon();
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const page = await logIn(admin);
    await check(page, 'partners');
    await page.type('#name', 'Villeurbanne');
    await page.type('#communes', '69266, 99999');
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action="/console/partenaires"] button'),
    ]);
    expect(await text(page)).toContain('99999');
    await check(page, 'partners-refused');
    await page.$eval('#communes', (el) => ((el as unknown as { value: string }).value = '69266'));
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action="/console/partenaires"] button'),
    ]);
    await Promise.all([
      page.waitForNavigation(),
      page.click('form[action$="/invitations"] button'),
    ]);
    expect(await text(page)).toMatch(/start=staff-/);
    await check(page, 'partner-invitation');
    await page.goto(`${h.base}/console/national?annee=2026`);
    await page.setViewport({ width: 1100, height: 900 });
    const national = await text(page);
    expect(national).toContain('Rhône (69)');
    expect(national).toContain('La Réunion (974)');
    expect(await page.$$eval('svg path', (paths) => paths.length)).toBeGreaterThanOrEqual(96);
    await check(page, 'national');
    const { sheets } = readOds(await downloadLinked(page, 'a[href*="/export/chiffres.ods"]'));
    expect(sheets).toHaveLength(4);
    expect(asCsvCells(sheets[0]!)).toContainEqual(['Rhône (69)', '120', '0']);
    await page.browserContext().close();
  });

  it('refuses a used link with a page that says what to do', async () => {
    const alice = await createPerson(h, 'Alice');
    const link = await loginLink(h, alice);
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true);
    await page.goto(link);
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    await check(page, 'home-no-access');
    await page.goto(link);
    expect(await text(page)).toContain('/console');
    await check(page, 'link-used');
    await context.close();
  });
});
