// The "ville conviviale" certificate in each of the console's six languages, read back with
// pdf.js as a PDF reader would: every word there (none blank, none left in French), and in
// Arabic the page mirrored (the indicators' bullets on the right, the date at the bottom
// right, the signature at the bottom left). Its pages are kept in
// tmp/console-screenshots/label-certificate-<code>.pdf to be looked at (pdftoppm -png).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n, locales, type I18n, type Locale } from '../../handlers/i18n.ts';
import { renderCertificate } from '../../web/label-certificate.ts';
import { readPlacedText, type PlacedText } from '../handlers/kits/pdf/read-pdf.ts';

const artefacts = join(import.meta.dirname, '../../tmp/console-screenshots');
const WIDTH = 842;
const middle = WIDTH / 2;
const ARABIC = /[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]/;

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
  mkdirSync(artefacts, { recursive: true });
});

async function certificate(locale: Locale): Promise<PlacedText[]> {
  const t = i18n.t(locale);
  const k = (key: string, values?: Record<string, unknown>) =>
    t(`cityprogramme.label.${key}`, { ...values, interpolation: { escapeValue: false } });
  const pdf = await renderCertificate({
    language: locale,
    heading: k('certificate_heading'),
    title: k('certificate_title'),
    city: 'Lyon 1er',
    body: k('certificate_body', { year: 2026 }),
    indicators: ['groups_per_1000', 'fete_share'].map((id) =>
      k('certificate_line', { indicator: k(`indicators.${id}`), value: '0,52' }),
    ),
    date: k('certificate_date', { date: '7 décembre 2026' }),
    signature: k('certificate_signature'),
  });
  writeFileSync(join(artefacts, `label-certificate-${locale}.pdf`), pdf);
  return (await readPlacedText(pdf)).items;
}

/** The page's text without its spaces: a Turkish word is placed in pieces (ş, ğ in their own
 * font file), which pdf.js reads as separate items. */
const joined = (items: PlacedText[]) => items.map((i) => i.text.replace(/\s+/g, '')).join('');
const unspaced = (text: string) => text.replace(/\s+/g, '');

describe('the label certificate', () => {
  it.each(locales.filter((l) => l !== 'ar'))('is printed in %s, every word there', async (lng) => {
    const items = await certificate(lng);
    const text = joined(items);
    const t = i18n.t(lng);
    for (const key of ['certificate_heading', 'certificate_title', 'certificate_signature']) {
      const words = unspaced(t(`cityprogramme.label.${key}`));
      expect(text, `${lng} ${key}`).toContain(words);
    }
    expect(text).toContain('Lyon1er');
    expect(text).toContain('2026');
    if (lng !== 'fr') expect(text).not.toContain("pourl'année");
    // Left to right: the bullets on the left, the date bottom left, the signature bottom right.
    const bullets = items.filter((i) => i.text.trim().startsWith('•'));
    expect(bullets).toHaveLength(2);
    for (const bullet of bullets) expect(bullet.left).toBeLessThan(150);
  });

  it('is printed in Arabic, shaped and mirrored', async () => {
    const items = await certificate('ar');
    const text = joined(items);
    expect(text).toMatch(ARABIC);
    expect(text).not.toContain("pourl'année");
    expect(text).toContain('Lyon1er');
    expect(text).toContain('2026');
    // No Arabic letter left out: as many Arabic glyphs on the page as letters in the words
    // (pdf.js reads each shaped glyph back as the letter it stands for).
    const arabicLetters = (s: string) => [...s].filter((c) => /[\u0621-\u064a]/.test(c)).length;
    const t = i18n.t('ar');
    const heading = t('cityprogramme.label.certificate_heading');
    expect(arabicLetters(text)).toBeGreaterThanOrEqual(arabicLetters(heading));
    // The bullets start the lines on the right.
    const bullets = items.filter((i) => i.text.trim() === '•' || i.text.trim().endsWith('•'));
    expect(bullets.length).toBeGreaterThanOrEqual(2);
    for (const bullet of bullets) expect(bullet.right).toBeGreaterThan(WIDTH - 150);
    // The signature ("جمعية Voisins solidaires") at the bottom left, the date at the right.
    const bottom = items.filter((i) => i.top > 595 - 130);
    const signature = bottom.find((i) => i.text.includes('Voisins'));
    expect(signature, 'signature').toBeDefined();
    expect(signature!.right).toBeLessThan(middle);
    const date = bottom.find((i) => i.text.includes('2026'));
    expect(date, 'date').toBeDefined();
    expect(date!.left).toBeGreaterThan(middle);
  });
});
