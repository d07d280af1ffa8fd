// Debian's Chromium for the console's browser tests, through puppeteer-core (no download):
// one launch with the same flags everywhere, a throwaway profile, screenshots kept under
// tmp/console-screenshots/ for review, and axe-core's source to inject for accessibility
// checks. Tests are skipped when /usr/bin/chromium is missing (CI installs it).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

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
