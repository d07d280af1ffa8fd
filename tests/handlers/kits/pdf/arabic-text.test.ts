// Arabic on paper: shaped (each letter in its joined form, from the font's own OpenType
// tables), ordered right to left with numbers, phone numbers and French names kept in
// their own order, and never blank. The reference sequences are the font's glyph names
// for each letter's joined form (.init, .medi, .fina; isolated without a suffix).
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { toVisualPieces } from '../../../../handlers/kits/pdf/bidi-text.ts';
import { loadFonts, registerFonts } from '../../../../handlers/kits/pdf/fonts.ts';
import { planText } from '../../../../handlers/kits/pdf/layout.ts';
import { toRuns } from '../../../../handlers/kits/pdf/printable-text.ts';
import { loadKits } from '../../../../handlers/kits/load-kits.ts';
import { renderPage } from './read-pdf.ts';

async function arabicFont() {
  const data = (await loadFonts()).get('regular-arabic')!;
  return fontkit.create(data) as fontkit.Font;
}

describe('Arabic in documents', () => {
  it('is shaped by the font: initial, medial and final forms, lam-alef', async () => {
    const font = await arabicFont();
    const shaped = (word: string) => font.layout(word).glyphs;
    // Noto Sans Arabic draws a letter as a body and its dots: بيت (house) is the dotless
    // beh body three times, final, medial (wide) and initial, in visual order (right to
    // left: the final form first), each with its dots.
    const house = shaped('بيت');
    expect(house.map((g) => g.name)).toEqual([
      'twodotshorizontalabovear',
      'uni066E.fina',
      'twodotshorizontalbelowar',
      'uni066E.medi.wide',
      'dotbelowar',
      'uni066E.init',
    ]);
    // The glyph ids are the font's own for those names, and none is .notdef (blank).
    // (Read from another instance: fontkit caches glyphs, and one asked for by id alone has
    // no code points, which its shaper then lacks.)
    const names = await arabicFont();
    const idOf = new Map<string, number>();
    for (let id = 0; id < names.numGlyphs; id++) idOf.set(names.getGlyph(id).name, id);
    expect(house.map((g) => g.id)).toEqual(house.map((g) => idOf.get(g.name)));
    expect(house.map((g) => g.id)).not.toContain(0);
    // Unshaped, the same letters would be their isolated forms.
    expect(house.map((g) => g.id)).not.toContain(font.glyphForCodePoint(0x628).id);
    // جار (neighbour): hah body initial with its dot, alef final, reh isolated.
    expect(shaped('جار').map((g) => g.name)).toEqual([
      'uni0631',
      'uni0627.fina',
      'dotbelowar',
      'uni062D.init',
    ]);
    // لا: lam and alef joined by the required ligature (rlig).
    expect(shaped('لا').map((g) => g.name)).toEqual(['uni0627.fina.rlig', 'uni0644.init.rlig']);
  });

  it('is ordered right to left, numbers and French names left to right inside', () => {
    const pieces = (line: string) =>
      toVisualPieces(line, true)
        .filter((p) => !p.space)
        .map((p) => p.text);
    // "Call 112 now", seen from left to right.
    expect(pieces('اتصلوا بالرقم 112 الآن')).toEqual(['الآن', '112', 'بالرقم', 'اتصلوا']);
    // A phone number isolated by the locale's marks keeps its groups in order.
    expect(pieces('الهاتف: \u206806 12 34 56 78\u2069').join(' ')).toBe('06 12 34 56 78 : الهاتف');
    // A French name keeps its words in order.
    expect(pieces('مع Mme Lefèvre')).toEqual(['Mme', 'Lefèvre', 'مع']);
  });

  it('goes to the Arabic font, not to UnprintableTextError', () => {
    expect(toRuns('عيد الجيران').map((r) => r.script)).toEqual(['arabic']);
  });

  it('is drawn on the page, right-aligned, never blank', async () => {
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise((resolve) => doc.on('end', resolve));
    registerFonts(doc, await loadFonts());
    const plan = planText(doc, 'عيد الجيران يوم الجمعة 29 مايو على الساعة 19:00', 500, {
      size: 24,
    });
    expect(plan.height).toBeGreaterThan(20);
    plan.draw(45, 100);
    doc.end();
    await done;
    const page = await renderPage(Buffer.concat(chunks), 36);
    const dark = (x0: number, x1: number) => {
      let count = 0;
      for (let y = 45; y < 45 + 30; y++) {
        for (let x = x0; x < x1; x++) {
          if (page.rgba[(y * page.width + x) * 4]! < 128) count++;
        }
      }
      return count;
    };
    // At 36 dpi the text's band starts at y = 50 px; the line fills from the right margin.
    const right = dark(Math.round(page.width / 2), Math.round(page.width - 22));
    expect(right).toBeGreaterThan(100);
  });

  it('takes the height it draws, about that of French text: blocks planned by height fit', async () => {
    // The canicule tips in Arabic once overflowed: each line was planned 2.1 em tall (the
    // Arabic font's declared ascent and descent), so the sheet fell back to 8 pt cut items
    // and its 11th step was drawn behind the useful numbers.
    const kits = loadKits();
    const arabic = kits.get('canicule', 'ar').tips.items;
    const french = kits.get('canicule', 'fr').tips.items;
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise((resolve) => doc.on('end', resolve));
    registerFonts(doc, await loadFonts());
    const style = { size: 11, lineGap: 0.18 };
    // One line each (a width no tip needs more than): the line's height, French and Arabic.
    const lineOf = (items: string[]) =>
      Math.max(...items.map((item) => planText(doc, item, 2000, style).height));
    expect(lineOf(arabic)).toBeLessThanOrEqual(lineOf(french) * 1.15);
    // Stacked, as the tips sheet does, every tip's ink stays in the band it was planned in
    // (a mark stacked on a hamza may reach a little above it, into the gap).
    const bands: [number, number][] = [];
    let y = 40;
    for (const item of [...arabic, 'سأُحضر أوانٍ كافٍ']) {
      const plan = planText(doc, item, 300, style);
      plan.draw(150, y);
      bands.push([y, y + plan.height]);
      y += plan.height + 6;
    }
    doc.end();
    await done;
    const dpi = 144;
    const page = await renderPage(Buffer.concat(chunks), dpi);
    const px = dpi / 72;
    const inkRows = new Set<number>();
    for (let row = 0; row < page.height; row++)
      for (let x = 0; x < page.width; x++)
        if (page.rgba[(row * page.width + x) * 4]! < 160) {
          inkRows.add(row);
          break;
        }
    const stray = [...inkRows].filter(
      (row) => !bands.some(([top, bottom]) => row / px >= top - 0.35 * 11 && row / px <= bottom),
    );
    expect(stray.map((row) => (row / px).toFixed(1))).toEqual([]);
    // Nor is it blank: every band has ink.
    for (const [top, bottom] of bands)
      expect([...inkRows].some((row) => row / px >= top && row / px <= bottom)).toBe(true);
  });
});
