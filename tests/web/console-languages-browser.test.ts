// The console in each of the bot's six languages, in a real browser (Debian's Chromium through
// puppeteer-core): the one-time link's page follows the browser's Accept-Language, the city
// page is checked by axe-core (no serious or critical violation) and saved as a screenshot
// under tmp/console-screenshots/city-<lang>.png; Arabic reads right to left (the table's
// first column and January's bar on the right) with Western digits. The language choice works
// without JavaScript (buttons of a form, links before login). Skipped when /usr/bin/chromium
// is missing (CI installs it).
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locales, type Locale } from '../../handlers/i18n.ts';
import {
  checkPage,
  CHROMIUM,
  hasChromium,
  launchChromium,
  pageText,
  type Chromium,
} from '../support/chromium.ts';
import {
  addStaff,
  createPerson,
  loginLink,
  seedPartner,
  seedRollups,
  startConsoleHarness,
  type ConsoleHarness,
} from './console-harness.ts';

if (!hasChromium) console.warn(`console language tests skipped: ${CHROMIUM} is missing`);

/** What the tests read of a page's elements (this project's TypeScript lib has no DOM). */
interface DomElement {
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { left: number };
  querySelector(selector: string): DomElement | null;
  textContent: string | null;
}

let h: ConsoleHarness;
let browser: Browser;
let chromium: Chromium | undefined;
let lyon: number;
let claire: number;

/** A word of the city page in each language (its "Neighbours' groups" heading). */
const groupsHeading: Record<Locale, string> = {
  fr: 'Groupes de voisins',
  en: 'Neighbours',
  ar: 'مجموعات الجيران',
  pt: 'Grupos de vizinhos',
  es: 'Grupos de vecinos',
  tr: 'Komşu grupları',
};

describe.skipIf(!hasChromium)('the console in six languages', () => {
  beforeAll(async () => {
    h = await startConsoleHarness();
    chromium = await launchChromium('console-languages');
    browser = chromium.browser;
    lyon = await seedPartner(h, 'Lyon 1er', ['69381'], ['Pentes']);
    await seedRollups(h, [
      ['insee:69381', '2026', 'groups:immeuble', 14],
      ['insee:69381', '2026', 'groups:rue', 6],
      ['insee:69381', '2025', 'groups:immeuble', 9],
      ['insee:69381', '2026', 'neighbours:active', 1230],
      ['insee:69381', '2026', 'kit:canicule', 31],
      ['insee:69381', '2026-01', 'kit:canicule', 12],
      ['insee:69381', '2026-07', 'kit:canicule', 19],
      ['insee:69381', '2026', 'watch:round', 60],
      ['insee:69381', '2026', 'watch:answered_2h', 51],
    ]);
    claire = await createPerson(h, 'Claire');
    await addStaff(h, lyon, claire, 'ccas');
  }, 60_000);

  afterAll(async () => {
    await chromium?.close();
    await h?.close();
  });

  /** A fresh browser whose first language is `lang`, logged in through a one-time link. */
  async function logIn(lang: string): Promise<Page> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setBypassCSP(true); // to inject axe-core; the pages themselves run no script
    await page.setJavaScriptEnabled(false);
    await page.setExtraHTTPHeaders({ 'Accept-Language': `${lang},fr;q=0.5` });
    await page.setViewport({ width: 420, height: 900 });
    await page.goto(await loginLink(h, claire));
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    return page;
  }

  const direction = (page: Page) =>
    page.$eval('html', (el) => [
      (el as unknown as DomElement).getAttribute('lang'),
      (el as unknown as DomElement).getAttribute('dir'),
    ]);

  it.each([...locales])('shows the city page in %s', async (lng) => {
    const page = await logIn(lng);
    expect(page.url()).toContain(`/console/villes/${lyon}`);
    expect(await direction(page)).toEqual([lng, lng === 'ar' ? 'rtl' : 'ltr']);
    const body = await pageText(page);
    expect(body).toContain(groupsHeading[lng]);
    expect(body).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/); // Western digits everywhere
    await page.setJavaScriptEnabled(true); // axe-core is a script
    await page.reload();
    await checkPage(page, `city-${lng}`);
    await page.browserContext().close();
  });

  it('lays Arabic out right to left: navigation, tables, the chart', async () => {
    const page = await logIn('ar');
    await page.setViewport({ width: 1100, height: 900 });
    const body = await pageText(page);
    expect(body).toMatch(/[\u0621-\u064a]{3,} [\u0621-\u064a]{3,}/); // Arabic words
    expect(body).toContain('1,230'); // a number as Arabic writes it in France
    // The table's row heads (first column) on the right of its figures.
    const [head, figure] = await page.$eval('#table-groupes tbody tr', (row) =>
      ['th', 'td'].map(
        (cell) => (row as unknown as DomElement).querySelector(cell)!.getBoundingClientRect().left,
      ),
    );
    expect(head).toBeGreaterThan(figure!);
    // The header: the product's name on the right, the navigation after it on its left.
    const [product, nav] = await page.$$eval('header > *', (els) =>
      els.slice(0, 2).map((el) => (el as unknown as DomElement).getBoundingClientRect().left),
    );
    expect(product).toBeGreaterThan(nav!);
    // January's bar is the rightmost, July's to its left; the figures stay left to right.
    const bars = await page.$$eval('svg[aria-labelledby="kits-chart-title"] rect', (rects) =>
      (rects as unknown as DomElement[])
        .filter((r) => r.querySelector('title'))
        .map((r) => ({
          x: Number(r.getAttribute('x')),
          title: r.querySelector('title')!.textContent,
        })),
    );
    expect(bars).toHaveLength(12);
    const january = bars[0]!;
    expect(Math.max(...bars.map((b) => b.x))).toBe(january.x);
    expect(january.title).toContain('12');
    expect(bars[6]!.x).toBeLessThan(january.x);
    await page.browserContext().close();
  });

  it('switches language without JavaScript, from the login page and once logged in', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setExtraHTTPHeaders({ 'Accept-Language': 'tr-TR,tr;q=0.9' });
    await page.goto(await loginLink(h, claire));
    expect(await direction(page)).toEqual(['tr', 'ltr']);
    await Promise.all([page.waitForNavigation(), page.click('nav.languages a[lang="ar"]')]);
    expect(await direction(page)).toEqual(['ar', 'rtl']);
    await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
    expect(await direction(page)).toEqual(['ar', 'rtl']);
    await Promise.all([page.waitForNavigation(), page.click('form.languages button[lang="es"]')]);
    expect(page.url()).toContain(`/console/villes/${lyon}`);
    expect(await direction(page)).toEqual(['es', 'ltr']);
    expect(await pageText(page)).toContain(groupsHeading.es);
    await context.close();
  });
});
