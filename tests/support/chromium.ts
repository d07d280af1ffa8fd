// Debian's Chromium for the console's browser tests, through puppeteer-core (no download):
// one launch with the same flags everywhere, a throwaway profile, screenshots kept under
// tmp/console-screenshots/ for review, and axe-core's source to inject for accessibility
// checks (checkPage). Tests are skipped when /usr/bin/chromium is missing (CI installs it).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const screenshots = join(import.meta.dirname, '../../tmp/console-screenshots');

let axe: string | undefined;
/** axe-core, to add to a page as a script. */
export function axeSource(): string {
  axe ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axe;
}

export interface Chromium {
  browser: Browser;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/** A headless Chromium with a profile of its own (named after the test, in the temp folder). */
export async function launchChromium(name: string): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), `${name}-chromium-`));
  mkdirSync(screenshots, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profile}`,
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A Chromium for the tests of the file (or describe block), launched before the first and
 * closed after the last; none where /usr/bin/chromium is missing (those tests are skipped).
 */
export function useChromium(name: string): () => Browser {
  let chromium: Chromium | undefined;
  beforeAll(async () => {
    if (hasChromium) chromium = await launchChromium(name);
  }, 60_000);
  afterAll(() => chromium?.close());
  return () => {
    if (!chromium) throw new Error(`no Chromium for ${name}`);
    return chromium.browser;
  };
}

/**
 * axe-core's checks on the page as it stands (no serious or critical violation, named after
 * the page in the failure), then a full-page screenshot under tmp/console-screenshots/.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: axeSource() });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  expect(
    violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    name,
  ).toEqual([]);
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** The page's text as a person reads it. */
export const pageText = (page: Page): Promise<string> =>
  page.$eval('body', (body) => (body as unknown as { innerText: string }).innerText);
