// Large print and easy to read, measured on the PDFs as printed (pdf.js gives each piece of
// text its font size): nothing a reader needs under 16 pt, every document (the poster too)
// clearly larger than the standard one, and the easy-to-read numbers in easy words, no
// smaller than on the standard poster (tryout: the large poster was 5–8 % larger, the easy
// poster's captions smaller than the standard ones).
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n, locales, type I18n, type Locale } from '../../../../handlers/i18n.ts';
import { withFrenchSpacing } from '../../../../handlers/kits/pdf/printable-text.ts';
import type { DocumentRequest, RenderKitDocument } from '../../../../handlers/kits/deliver-kit.ts';
import type { DocumentKind } from '../../../../handlers/kits/kit-schema.ts';
import { loadKits, type KitCatalogue } from '../../../../handlers/kits/load-kits.ts';
import type { Variant } from '../../../../handlers/kits/pdf/rules.ts';
import { createKitDocumentRenderer } from '../../../../handlers/kits/render-kit-document.ts';
import { readPlacedText, type PlacedText } from './read-pdf.ts';

/** Large-print guidance for A4: body text of 16–18 pt, headings larger (rules.ts). */
const LARGE_PRINT_MIN = 16;
/** Column headings of the hand-filled grids may go down to this (see grid.ts). */
const GRID_HEADING_MIN = 13;

let catalogue: KitCatalogue;
let render: RenderKitDocument;
let i18n: I18n;

beforeAll(async () => {
  catalogue = loadKits();
  i18n = await createI18n();
  render = createKitDocumentRenderer(i18n);
});

const group = { groupName: 'Résidence des Lilas', qrUrl: 'https://t.me/voisins_bot?start=g-1' };

async function placed(
  id: string,
  kind: DocumentKind,
  variant: Variant,
  locale: Locale = 'fr',
  details: Partial<DocumentRequest> = {},
): Promise<PlacedText[]> {
  const request: DocumentRequest = {
    kind,
    kit: catalogue.get(id, locale),
    locale,
    ...(variant === 'standard' ? {} : { variant }),
    ...group,
    ...details,
  };
  return (await readPlacedText(await render(request))).items;
}

/** The size of the middle character of the document (each piece weighs its length). */
function median(items: PlacedText[]): number {
  const sizes = items.flatMap((i) => Array<number>(i.text.length).fill(i.size));
  return sizes.sort((a, b) => a - b)[Math.floor(sizes.length / 2)] ?? 0;
}

describe('large print and easy to read on paper', () => {
  it(`sets nothing a reader needs under ${LARGE_PRINT_MIN} pt, in every kit's every document`, async () => {
    const failures: string[] = [];
    for (const locale of ['fr', 'en'] as const) {
      const t = i18n.t(locale);
      const fine = [t('kits.pdf.footer'), t('kits.pdf.cut_here')];
      for (const id of catalogue.ids) {
        const kit = catalogue.get(id, locale);
        const headings = [
          ...['annuaire_first_name', 'annuaire_name', 'annuaire_floor_door', 'annuaire_phone'],
          ...['annuaire_email', 'annuaire_check_on_me_heading'],
        ]
          .map((key) => t(`kits.pdf.${key}`))
          .concat(kit.planning?.columns ?? [], kit.planning ? [t('kits.pdf.date')] : []);
        const variants: Variant[] = kit.easyRead ? ['large', 'easy'] : ['large'];
        for (const kind of kit.documents)
          for (const variant of variants)
            for (const item of await placed(id, kind, variant, locale)) {
              if (fine.some((words) => words.includes(item.text.trim()))) continue;
              const heading = headings.some((h) => h.includes(item.text.trim()));
              const min = heading ? GRID_HEADING_MIN : LARGE_PRINT_MIN;
              if (item.size < min - 0.01)
                failures.push(`${id} ${kind} ${variant} ${locale}: "${item.text}" at ${item.size}`);
            }
      }
    }
    expect(failures.slice(0, 30).join('\n')).toBe('');
  }, 240_000);

  it('sets every document of every kit, the poster included, at about 1.5× the standard (1.35× at least)', async () => {
    // The footer's signature line is fine print, and a longer document has more of it.
    const footer = i18n.t('fr')('kits.pdf.footer');
    const read = async (id: string, kind: DocumentKind, variant: Variant) =>
      (await placed(id, kind, variant)).filter((i) => !footer.includes(i.text.trim()));
    const failures: string[] = [];
    for (const id of catalogue.ids) {
      for (const kind of catalogue.get(id, 'fr').documents) {
        const ratio =
          median(await read(id, kind, 'large')) / median(await read(id, kind, 'standard'));
        if (ratio < 1.35) failures.push(`${id} ${kind}: ${ratio.toFixed(2)}×`);
      }
    }
    expect(failures.join('\n')).toBe('');
  }, 120_000);

  it('says the easy-to-read numbers in easy words, no smaller than on the standard poster', async () => {
    for (const id of ['canicule', 'grand-froid']) {
      const standard = await placed(id, 'poster', 'standard');
      const easy = await placed(id, 'poster', 'easy');
      const text = easy.map((i) => i.text).join(' ');
      expect(text).toContain('partout en Europe');
      expect(text).not.toContain("Numéro d'urgence européen");
      // The words under 15, 112 and 114: the smallest of them, on each poster.
      const captionSize = (items: PlacedText[], words: RegExp) =>
        Math.min(...items.filter((i) => words.test(i.text)).map((i) => i.size));
      const standardSize = captionSize(standard, /SAMU|européen|SMS/);
      const easySize = captionSize(easy, /SAMU|Europe|SMS/);
      expect(easySize, id).toBeGreaterThanOrEqual(standardSize);
      expect(easySize, id).toBeGreaterThanOrEqual(LARGE_PRINT_MIN);
    }
  });

  it('puts the numbers to call on the first page of a large-print watch poster (tryout)', async () => {
    for (const id of ['canicule', 'grand-froid']) {
      const items = await placed(id, 'poster', 'large');
      const first = Math.min(...items.map((i) => i.page));
      const page = items
        .filter((i) => i.page === first)
        .map((i) => i.text)
        .join(' ');
      expect(page, id).toMatch(/\b15\b/);
      expect(page, id).toMatch(/\b112\b/);
      expect(page, id).toMatch(/\b114\b/);
    }
  });

  it('never leaves a number to call alone at the start of a line: "le 15" stays together (tryout)', async () => {
    // The easy-to-read lines that name a number ("Appelez le 15.", "Llame al 115."), with and
    // without the details that push them onto narrower room, read back line by line. Arabic
    // glyphs do not read back in order (arabic-text.test.ts): its lines are checked as text.
    // A word and the number after it, or (Turkish) a number with its suffix and the verb.
    const bound = [
      /(\p{L}+)[ \u00a0](\d{2,4})(?=$|[\s.,;:!?'’)])/u,
      /(\d{2,4}['’]\p{L}+)[ \u00a0](\p{L}+)/u,
    ];
    const pairs = (line: string) =>
      bound.flatMap((pattern) => {
        const [, a, b] = pattern.exec(line) ?? [];
        return a && b ? [`${a} ${b}`] : [];
      });
    const failures: string[] = [];
    let seen = 0;
    for (const locale of locales) {
      for (const id of catalogue.ids) {
        const kit = catalogue.get(id, locale);
        const lines = (kit.easyRead?.lines ?? []).map((l) => l.text).filter((l) => pairs(l).length);
        for (const line of lines)
          for (const pair of pairs(line))
            if (!withFrenchSpacing(line).includes(pair.replace(' ', '\u00a0')))
              failures.push(`${id} ${locale}: "${pair}" may be split across lines`);
        if (lines.length === 0 || locale === 'ar') continue;
        const details = { date: 'dimanche 27 septembre 2026', time: '18 h 30', place: 'salle' };
        for (const kind of ['poster', 'tips'] as const)
          for (const given of [{}, details]) {
            const read = (await placed(id, kind, 'easy', locale, given)).map((i) =>
              i.text.replace(/\u00a0/g, ' ').trim(),
            );
            for (const pair of lines.flatMap(pairs)) {
              seen++;
              if (!read.some((text) => text.includes(pair)))
                failures.push(`${id} ${kind} ${locale}: "${pair}" split across lines`);
            }
          }
      }
    }
    expect(seen).toBeGreaterThanOrEqual(20);
    expect(failures.join('\n')).toBe('');
  }, 120_000);

  it('names the relay as the chat does, on every watch document and variant, in every language (tryout)', async () => {
    // One word for the role ("voisin relais"): the easy-to-read poster said "le voisin ou la
    // voisine qui veille", the English kits "contact neighbour".
    const role: Record<Locale, RegExp> = {
      fr: /voisin(·e| ou la voisine)? relais/,
      en: /neighbour relay/i,
      ar: /متابِع/,
      es: /vecino o (la )?vecina de enlace/i,
      pt: /vizinh[oa](\/a| ou a vizinha)? de apoio/i,
      // Turkish: one word for the referent and the relay, in the chat and on paper.
      tr: /[sS]orumlu komşu/,
    };
    const failures: string[] = [];
    for (const locale of locales) {
      const t = i18n.t(locale);
      for (const key of ['kits.pdf.relay_name', 'kits.pdf.relay_name_easy', 'watch.sheet_button'])
        if (!role[locale].test(t(key))) failures.push(`${locale} ${key}: "${t(key)}"`);
      // Arabic glyphs do not read back in order; Turkish letters are pieces of their own
      // (ş, the dotted İ drawn by hand): the role's word is looked for in the Latin ones.
      if (locale === 'ar') continue;
      const word = { fr: 'relais', en: 'relay', es: 'enlace', pt: 'apoio', tr: 'orumlu' }[locale];
      for (const id of ['canicule', 'grand-froid'])
        for (const variant of ['large', 'easy'] as const) {
          const text = (await placed(id, 'poster', variant, locale)).map((i) => i.text).join(' ');
          if (!text.includes(word))
            failures.push(`${id} poster ${variant} ${locale}: no "${word}"`);
        }
    }
    expect(failures.join('\n')).toBe('');
  });
});
