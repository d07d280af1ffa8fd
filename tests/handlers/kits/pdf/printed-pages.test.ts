// Every kit's every document, in both languages and every variant, with and without the
// details (a long group name, a 30-character place), checked on the rendered pages as a
// person would look at them pinned in a hall: nothing outside the margins or overlapping,
// the poster's date/time/place (or the lines to write them on) in type of at least 36 pt and
// on its first page,
// no empty third of a page, the QR code readable, zeros without a slash. One kit per
// document type and variant is also written as PNG to tmp/kit-documents/ (ignored by git)
// for a reviewer to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n, locales } from '../../../../handlers/i18n.ts';
import { toDocumentCaption, toDocumentFile } from '../../../../handlers/kits/document-name.ts';
import type { DocumentRequest, RenderKitDocument } from '../../../../handlers/kits/deliver-kit.ts';
import type { DocumentKind, Kit } from '../../../../handlers/kits/kit-schema.ts';
import { loadKits, type KitCatalogue } from '../../../../handlers/kits/load-kits.ts';
import { loadFonts, registerFonts } from '../../../../handlers/kits/pdf/fonts.ts';
import { FOOTER_TOP, PAGE } from '../../../../handlers/kits/pdf/layout.ts';
import { renderDocument } from '../../../../handlers/kits/pdf/render-document.ts';
import { UnprintableTextError } from '../../../../handlers/kits/pdf/printable-text.ts';
import { POSTER_DETAIL_MIN, type Variant } from '../../../../handlers/kits/pdf/rules.ts';
import { createKitDocumentRenderer } from '../../../../handlers/kits/render-kit-document.ts';
import { renderBringSheet, renderRelayCard } from '../../../../handlers/kits/render-printables.ts';
import type { I18n } from '../../../../handlers/i18n.ts';
import {
  readPdf,
  readPdfInfo,
  readPlacedText,
  readQrCode,
  renderPage,
  type PlacedText,
} from './read-pdf.ts';
import { frenchLabels, personalisation, sampleKit } from './sample-documents.ts';

const jsQR = jsQRModule.default;
const OUTPUT = join(import.meta.dirname, '../../../../tmp/kit-documents');
/** Ink closer than this to the paper's edge may not print (most printers: 4–5 mm). */
const PRINTABLE = 17;
const QR_URL = 'https://t.me/voisins_solidaires_bot?start=g-1234567890';

const details = {
  undated: { groupName: 'Rue des Tilleuls', qrUrl: QR_URL },
  crowded: {
    groupName: 'Résidence Les Jardins de la Vallée de l’Yerres, bâtiment C',
    date: 'dimanche 27 septembre 2026',
    time: '18 h 30',
    place: 'salle commune, rez-de-chaussée',
    qrUrl: QR_URL,
  },
} as const;

/**
 * The details as an Arabic-speaking group gives them (the group's name stays French). Arabic
 * glyphs are placed one piece at a time and do not read back as text in logical order, so
 * on a poster only the date's year and the time, in Latin digits, are looked for.
 */
const arabicDetails = {
  undated: details.undated,
  crowded: {
    ...details.crowded,
    date: 'الأحد، 27 سبتمبر 2026',
    time: '18:30',
    place: 'القاعة المشتركة، الطابق الأرضي',
  },
} as const;
const detailsOf = (c: Case) => (c.locale === 'ar' ? arabicDetails : details)[c.details];

interface Case {
  name: string;
  kit: Kit;
  kind: DocumentKind;
  locale: 'fr' | 'en' | 'ar';
  variant: Variant;
  details: keyof typeof details;
}

let catalogue: KitCatalogue;
let render: RenderKitDocument;
let i18n: I18n;

beforeAll(async () => {
  catalogue = loadKits();
  i18n = await createI18n();
  render = createKitDocumentRenderer(i18n);
});

function cases(locales: readonly Case['locale'][] = ['fr', 'en']): Case[] {
  const all: Case[] = [];
  const kits = loadKits();
  for (const id of kits.ids) {
    for (const locale of locales) {
      const kit = kits.get(id, locale);
      const variants: Variant[] = kit.easyRead
        ? ['standard', 'large', 'easy']
        : ['standard', 'large'];
      for (const kind of kit.documents)
        for (const variant of variants)
          for (const which of Object.keys(details) as (keyof typeof details)[])
            all.push({
              name: `${id} ${kind} ${locale} ${variant} ${which}`,
              kit,
              kind,
              locale,
              variant,
              details: which,
            });
    }
  }
  return all;
}

const request = (c: Case): DocumentRequest => ({
  kind: c.kind,
  kit: c.kit,
  locale: c.locale,
  variant: c.variant,
  ...detailsOf(c),
});

/** The problems a person would see on the pages of one document. */
async function problems(c: Case, bytes: Uint8Array): Promise<string[]> {
  const found: string[] = [];
  const { pages, items: read } = await readPlacedText(bytes);
  // pdf.js reads hand-placed Arabic glyphs back as scrambled text of unreliable width (see
  // arabic-text.test.ts): on an Arabic document only the pieces in Latin letters and digits
  // are placed exactly; the Arabic ones are checked for their height on the page only.
  const latinOnly = (item: PlacedText) => !/[^\u0020-\u024f\u2000-\u206f\u20ac]/.test(item.text);
  const items = c.locale === 'ar' ? read.filter(latinOnly) : read;
  for (const item of read.filter((i) => !items.includes(i)))
    if (item.top < PRINTABLE || item.bottom > PAGE.height - PRINTABLE)
      found.push(`Arabic at ${box(item)}, outside the page's printable height`);
  // Large print and easy to read run onto more pages rather than shrink (large-print.test.ts).
  const maxPages = c.variant === 'standard' ? 1 : 4;
  if (pages > maxPages) found.push(`${pages} pages`);

  for (const item of items) {
    // The cut line's label sits outside the content, in the printable area.
    const inContent = item.left >= PAGE.margin - 1 && item.right <= PAGE.width - PAGE.margin + 1;
    const inPrintable = item.left >= PRINTABLE && item.right <= PAGE.width - PRINTABLE;
    const vertical = item.top >= PRINTABLE && item.bottom <= PAGE.height - PRINTABLE;
    if (!vertical || !(inContent || (inPrintable && item.size < 8)))
      found.push(`"${item.text}" outside the margins (${box(item)})`);
  }
  for (const [a, b] of overlapping(items)) found.push(`"${a.text}" overlaps "${b.text}"`);

  // On an easy-to-read watch poster the numbers come first, a typed date in the strip.
  const numbersFirst = c.variant === 'easy' && c.kit.kind === 'watch';
  if (c.kind === 'poster' && !numbersFirst) found.push(...posterDetailProblems(c, items));
  const group = detailsOf(c).groupName.slice(0, 16);
  if (!items.some((item) => item.text.includes(group))) found.push(`group name missing`);
  return found;
}

const box = (i: PlacedText) =>
  `${i.left.toFixed(0)},${i.top.toFixed(0)}–${i.right.toFixed(0)},${i.bottom.toFixed(0)}`;

/** Pairs of text pieces whose letters overlap by more than a point each way. */
function overlapping(items: PlacedText[]): [PlacedText, PlacedText][] {
  const pairs: [PlacedText, PlacedText][] = [];
  items.forEach((a, i) => {
    for (const b of items.slice(i + 1)) {
      if (a.page !== b.page) continue;
      const width = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const height = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (width > 1 && height > 1) pairs.push([a, b]);
    }
  });
  return pairs;
}

/** On a poster, the details (or the lines to write them on) come first and large. */
function posterDetailProblems(c: Case, items: PlacedText[]): string[] {
  const found: string[] = [];
  const given = detailsOf(c);
  const wanted =
    'date' in given && c.locale === 'ar'
      ? [given.date.slice(-4), given.time]
      : 'date' in given
        ? [given.date.split(' ')[0] ?? '', given.time, given.place.split(',')[0] ?? '']
        : c.kit.kind === 'gathering'
          ? c.locale === 'ar'
            ? []
            : [c.locale === 'fr' ? 'Date' : 'Date', c.locale === 'fr' ? 'Heure' : 'Time']
          : [];
  const sizes: number[] = [];
  for (const text of wanted) {
    const item = items.find((i) => i.text.includes(text) && i.size >= 20);
    if (!item) found.push(`"${text}" not found in large type`);
    else sizes.push(item.size);
    // Whoever pins only the first page of a large-print poster must see them (tryout: the
    // fête's date, time and place were on page 2).
    if (item && item.page !== 1) found.push(`"${text}" on page ${item.page}, not the first`);
  }
  const smallest = Math.min(...sizes);
  if (sizes.length > 0 && smallest < POSTER_DETAIL_MIN - 0.01)
    found.push(`details at ${smallest.toFixed(1)} pt`);
  // The largest thing on the page, but for the emergency numbers of the watch posters.
  const largestOther = Math.max(
    ...items.filter((i) => !/^[\d\s]+$/.test(i.text.trim())).map((i) => i.size),
  );
  // Within a point: an Arabic date is set piece by piece (bidi-text.ts), a point under the
  // time beside it at the 60 pt of large print.
  if (sizes.length > 0 && largestOther > smallest + 1.01 && c.variant !== 'easy')
    found.push(`something larger than the details (${largestOther.toFixed(1)} pt)`);
  return found;
}

/** The share of dark pixels in each third of the page between the margin and the footer. */
async function inkByThird(bytes: Uint8Array): Promise<{ thirds: number[]; edge: number }> {
  const dpi = 24;
  const page = await renderPage(bytes, dpi);
  const scale = dpi / 72;
  const top = PAGE.margin * scale;
  const third = ((FOOTER_TOP - PAGE.margin) * scale) / 3;
  const thirds = [0, 0, 0];
  let edge = 0;
  const edgePixels = Math.floor((PRINTABLE - 2) * scale);
  for (let y = 0; y < page.height; y++) {
    for (let x = 0; x < page.width; x++) {
      const dark = (page.rgba[(y * page.width + x) * 4] ?? 255) < 160;
      if (!dark) continue;
      const t = Math.floor((y - top) / third);
      if (t >= 0 && t < 3) thirds[t] = (thirds[t] ?? 0) + 1;
      if (
        x < edgePixels ||
        y < edgePixels ||
        x >= page.width - edgePixels ||
        y >= page.height - edgePixels
      )
        edge++;
    }
  }
  const area = page.width * third;
  return { thirds: thirds.map((n) => n / area), edge };
}

describe('kit documents on paper', () => {
  const all = cases();

  it(`every kit × document × language × variant × details renders clean (${all.length} documents)`, async () => {
    const failures: string[] = [];
    for (const c of all) {
      const bytes = await render(request(c));
      for (const problem of await problems(c, bytes)) failures.push(`${c.name}: ${problem}`);
      const { thirds, edge } = await inkByThird(bytes);
      thirds.forEach((share, i) => {
        if (share < 0.004) failures.push(`${c.name}: third ${i + 1} empty (${share.toFixed(4)})`);
      });
      if (edge > 0) failures.push(`${c.name}: ${edge} dark pixels in the unprintable edge`);
    }
    expect(failures.join('\n')).toBe('');
  }, 240_000);

  // Right to left, each line ordered and placed by bidi-text.ts, the Arabic font's letters
  // taller than the Latin's: what fits in French must fit here too.
  const arabic = cases(['ar']);
  it(`every kit × document × variant × details renders clean in Arabic (${arabic.length} documents)`, async () => {
    const failures: string[] = [];
    for (const c of arabic) {
      const bytes = await render(request(c));
      for (const problem of await problems(c, bytes)) failures.push(`${c.name}: ${problem}`);
      const { thirds, edge } = await inkByThird(bytes);
      thirds.forEach((share, i) => {
        if (share < 0.004) failures.push(`${c.name}: third ${i + 1} empty (${share.toFixed(4)})`);
      });
      if (edge > 0) failures.push(`${c.name}: ${edge} dark pixels in the unprintable edge`);
    }
    expect(failures.join('\n')).toBe('');
  }, 240_000);

  it('draws a readable QR code on every document type and variant, and writes PNGs to look at', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const shown = new Set<string>();
    const failures: string[] = [];
    for (const c of all) {
      const key = `${c.kind} ${c.variant}`;
      if (shown.has(key) || c.locale !== 'fr' || c.details !== 'undated') continue;
      if (
        c.variant !== 'easy' &&
        !['canicule', 'fete-des-voisins', 'ete-des-voisins'].includes(c.kit.id)
      )
        continue;
      shown.add(key);
      const bytes = await render(request(c));
      // Large print and easy to read may carry it on a later page.
      const { pages } = await readPlacedText(bytes);
      let read: string | undefined;
      for (let n = 1; n <= pages && read === undefined; n++)
        read = readQrCode(await renderPage(bytes, 100, n), jsQR);
      if (read !== QR_URL) failures.push(`${c.name}: QR code not read`);
      const preview = await renderPage(bytes, 60);
      writeFileSync(join(OUTPUT, `${c.kit.id}-${c.kind}-${c.variant}.png`), preview.png());
    }
    expect(failures.join('\n')).toBe('');
    // Every document type in each variant, easy to read only where it exists.
    expect(shown.size).toBeGreaterThanOrEqual(6 * 2 + 3);
  }, 120_000);

  it('sets large print at about 1.5× the standard text', async () => {
    const median = (items: PlacedText[]) => {
      const sizes = items.flatMap((i) => Array<number>(i.text.length).fill(i.size));
      return sizes.sort((a, b) => a - b)[Math.floor(sizes.length / 2)] ?? 0;
    };
    const ratios: Record<string, number> = {};
    for (const kind of ['flyer', 'panneau', 'annuaire', 'planning', 'tips'] as const) {
      const id = catalogue.ids.find((i) => catalogue.get(i, 'fr').documents.includes(kind))!;
      const kit = catalogue.get(id, 'fr');
      const base = { kind, kit, locale: 'fr' as const, ...details.undated };
      const standard = await readPlacedText(await render(base));
      const large = await readPlacedText(await render({ ...base, variant: 'large' }));
      ratios[kind] = median(large.items) / median(standard.items);
    }
    for (const [kind, ratio] of Object.entries(ratios))
      expect(ratio, `${kind}: ${JSON.stringify(ratios)}`).toBeGreaterThanOrEqual(1.3);
  });
});

/** The sheets printed from a group's live data, in both languages, short and crowded. */
async function livePrintables(): Promise<{ c: Case; bytes: Uint8Array }[]> {
  const made: { c: Case; bytes: Uint8Array }[] = [];
  for (const locale of ['fr', 'en'] as const) {
    const t = i18n.t(locale);
    for (const which of Object.keys(details) as (keyof typeof details)[]) {
      const given = details[which];
      const crowded = which === 'crowded';
      // Crowded: the list's 60 items at their longest, more than a page holds.
      const rows = Array.from({ length: crowded ? 60 : 4 }, (_, i) => ({
        position: i + 1,
        item: crowded
          ? `${'gâteau au chocolat sans gluten '.repeat(2)}(sans noix ni œufs)`
          : 'chaises',
        wanted: crowded ? '99' : String(i + 2),
        who: crowded
          ? 'Marie-Christine (12), Jean-Baptiste (30), Alice (4), Bruno (9)'
          : 'Alice (2)',
        missing: t('gatherings.item_missing', { count: crowded ? 44 : 1 }),
      }));
      const fete = catalogue.get('fete-des-voisins', locale);
      made.push({
        c: {
          name: `bring sheet ${locale} ${which}`,
          kit: fete,
          kind: 'planning',
          locale,
          variant: 'standard',
          details: which,
        },
        bytes: await renderBringSheet(t, locale, fete, {
          ...given,
          title: crowded
            ? 'Apéro de la cour intérieure et des jardins partagés'
            : 'Fête des voisins 2026',
          rows,
        }),
      });
      for (const id of ['canicule', 'grand-froid']) {
        const kit = catalogue.get(id, locale);
        made.push({
          c: {
            name: `relay card ${id} ${locale} ${which}`,
            kit,
            kind: 'planning',
            locale,
            variant: 'standard',
            details: which,
          },
          bytes: await renderRelayCard(t, locale, kit, {
            groupName: given.groupName,
            referent: crowded ? 'Marie-Christine-Éléonore' : 'Alice',
            ...(crowded ? { backup: 'Jean-Baptiste-Alexandre' } : {}),
          }),
        });
      }
    }
  }
  return made;
}

describe('sheets printed from live data on paper', () => {
  it('the "qui apporte quoi" sheet and the relay card render clean, and the sheet\'s QR code reads', async () => {
    mkdirSync(OUTPUT, { recursive: true });
    const failures: string[] = [];
    for (const { c, bytes } of await livePrintables()) {
      for (const problem of await problems(c, bytes)) failures.push(`${c.name}: ${problem}`);
      const { thirds, edge } = await inkByThird(bytes);
      thirds.forEach((share, i) => {
        if (share < 0.004) failures.push(`${c.name}: third ${i + 1} empty (${share.toFixed(4)})`);
      });
      if (edge > 0) failures.push(`${c.name}: ${edge} dark pixels in the unprintable edge`);
      const { items } = await readPlacedText(bytes);
      const smallest = Math.min(...items.map((i) => i.size));
      if (smallest < 7) failures.push(`${c.name}: text at ${smallest.toFixed(1)} pt`);
      if (c.name.startsWith('bring sheet')) {
        if (readQrCode(await renderPage(bytes, 100), jsQR) !== QR_URL)
          failures.push(`${c.name}: QR code not read`);
        if (c.details === 'crowded' && !items.some((i) => /\/(liste|list)/.test(i.text)))
          failures.push(`${c.name}: no line saying more items are on /liste`);
      }
      if (c.locale === 'fr')
        writeFileSync(
          join(OUTPUT, `${c.name.replace(/ /g, '-')}.png`),
          (await renderPage(bytes, 60)).png(),
        );
    }
    expect(failures.join('\n')).toBe('');
  }, 120_000);
});

describe('the names of the documents', () => {
  it('names every kit × document × variant for what it is, in every language: no invitation where none is, the variant said as such (tryout)', async () => {
    // "/kit canicule facile à lire" answered "L'invitation en gros caractères".
    const failures: string[] = [];
    for (const locale of locales) {
      const t = i18n.t(locale);
      const invitation = [t('kits.pdf.document_names.flyer'), t('kits.documents.flyer.file')];
      const said = (variant: Variant) =>
        variant === 'standard' ? '' : t(`kits.variants.${variant}.caption`);
      for (const id of catalogue.ids) {
        const kit = catalogue.get(id, locale);
        const variants: Variant[] = kit.easyRead
          ? ['standard', 'large', 'easy']
          : ['standard', 'large'];
        for (const kind of kit.documents)
          for (const variant of variants) {
            const name = `${id} ${kind} ${variant} ${locale}`;
            const caption = toDocumentCaption(t, kind, kit, variant);
            const file = toDocumentFile(t, kind, kit, variant);
            // The PDF's title, on the flyer (whose name depends on the kit) and the poster.
            const title =
              kind === 'flyer' || kind === 'poster'
                ? ((
                    await readPdfInfo(
                      await render({ kind, kit, locale, variant, ...details.undated }),
                    )
                  ).Title ?? '')
                : '';
            const all = `${caption} ${file} ${title}`.toLocaleLowerCase(locale);
            const invites = invitation.some((word) => all.includes(word.toLocaleLowerCase(locale)));
            if (kit.kind === 'gathering' && kind === 'flyer' && !invites)
              failures.push(`${name}: the gathering's invitation not called so`);
            if (kit.kind !== 'gathering' && invites)
              failures.push(`${name}: "${caption}" ${file} ${title}`);
            for (const other of ['large', 'easy'] as const) {
              const words = [
                t(`kits.variants.${other}.caption`),
                t(`kits.pdf.variant_names.${other}`),
              ];
              const mentioned = words.some((w) => `${caption} ${title}`.includes(w));
              if (other === variant && !caption.endsWith(said(variant)))
                failures.push(`${name}: caption "${caption}" does not say ${words[0]}`);
              if (other === variant && title && !title.endsWith(`(${words[1]})`))
                failures.push(`${name}: title "${title}" does not say ${words[1]}`);
              if (other === variant && !file.includes(t(`kits.variants.${other}.file`)))
                failures.push(`${name}: file ${file}`);
              if (other !== variant && mentioned)
                failures.push(`${name}: "${caption}" ${title} says ${other}`);
            }
          }
      }
    }
    expect(failures.join('\n')).toBe('');
  }, 120_000);
});

describe('characters on paper', () => {
  it('fails loudly on text no embedded font can print, rather than leaving a blank', async () => {
    // Arabic has its font (arabic-text.test.ts); Hebrew and Cyrillic have none.
    const hebrew = { ...personalisation, groupName: 'Résidence שלום' };
    await expect(renderDocument('poster', sampleKit, hebrew, frenchLabels)).rejects.toThrow(
      UnprintableTextError,
    );
    const arabic = { ...personalisation, groupName: 'Résidence السلام' };
    const printed = await readPdf(await renderDocument('poster', sampleKit, arabic, frenchLabels));
    expect(printed.text).toContain('Résidence');
    await expect(
      renderDocument('flyer', sampleKit, { ...personalisation, place: 'двор' }, frenchLabels),
    ).rejects.toThrow(/no glyph for "д"/);
  });

  it('prints zeros without a slash', async () => {
    // A 0 at 200 pt: a plain zero is white in its middle, a slashed one is not.
    const PDFDocument = (await import('pdfkit')).default;
    const doc = new PDFDocument({ size: [300, 300], margin: 0, font: '' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve) => doc.on('end', resolve));
    registerFonts(doc, await loadFonts());
    for (const font of ['regular-latin', 'bold-latin'] as const) {
      doc.font(font).fontSize(200).text('0', 0, 40, { width: 300, align: 'center' });
      doc.addPage({ size: [300, 300], margin: 0 });
    }
    doc.end();
    await done;
    const bytes = Buffer.concat(chunks);
    for (const pageNumber of [1, 2]) {
      const page = await renderPage(bytes, 72, pageNumber);
      const darkAt = (x: number, y: number) => (page.rgba[(y * page.width + x) * 4] ?? 255) < 128;
      // Find the glyph's box, then look at its centre.
      let [left, right, top, bottom] = [page.width, 0, page.height, 0];
      for (let y = 0; y < page.height; y++)
        for (let x = 0; x < page.width; x++)
          if (darkAt(x, y))
            [left, right, top, bottom] = [
              Math.min(left, x),
              Math.max(right, x),
              Math.min(top, y),
              Math.max(bottom, y),
            ];
      expect(right - left, 'a zero is drawn').toBeGreaterThan(50);
      const [cx, cy] = [Math.round((left + right) / 2), Math.round((top + bottom) / 2)];
      for (const [dx, dy] of [
        [0, 0],
        [-6, -6],
        [6, 6],
        [-6, 6],
        [6, -6],
      ] as const)
        expect(darkAt(cx + dx, cy + dy), `ink at the zero's centre, page ${pageNumber}`).toBe(
          false,
        );
    }
  });
});
