// Turkish on paper: İ (the capital of i) is not I, and ş, ğ keep their marks in wrapped
// text. Atkinson Hyperlegible's two @fontsource files have no İ (dotted-capital-i.ts adds
// it to the "latin" file from the font's own I and i) and hold ş and ğ apart from ASCII
// (planText then places a line's pieces font by font instead of dropping the marks).
import * as fontkit from 'fontkit';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../../../handlers/i18n.ts';
import { loadKits } from '../../../../handlers/kits/load-kits.ts';
import { loadFonts } from '../../../../handlers/kits/pdf/fonts.ts';
import { createKitDocumentRenderer } from '../../../../handlers/kits/render-kit-document.ts';
import { readPdf } from './read-pdf.ts';

const PDFTOTEXT = '/usr/bin/pdftotext';
let tips: Uint8Array;

beforeAll(async () => {
  const render = createKitDocumentRenderer(await createI18n());
  tips = await render({
    kind: 'tips',
    kit: loadKits().get('canicule', 'tr'),
    locale: 'tr',
    groupName: 'İstiklal Apartmanı, İzmir',
  });
});

describe('Turkish in documents', () => {
  it('has a dotted capital I in the font, I with the dot of i above it', async () => {
    for (const weight of ['regular', 'bold'] as const) {
      const font = fontkit.create((await loadFonts()).get(`${weight}-latin`)!) as fontkit.Font;
      const dotted = font.glyphForCodePoint(0x130);
      const capital = font.glyphForCodePoint(0x49);
      expect(dotted.id, weight).not.toBe(0);
      expect(dotted.id).not.toBe(capital.id);
      expect(dotted.advanceWidth).toBe(capital.advanceWidth);
      expect(dotted.bbox.minY).toBe(capital.bbox.minY);
      // The dot sits above the cap height, as high above it as i's dot above its stem.
      expect(dotted.bbox.maxY).toBeGreaterThan(capital.bbox.maxY + 100);
      expect(dotted.path.commands.length).toBeGreaterThan(capital.path.commands.length);
    }
  });

  it('prints İ, ş and ğ as written, in wrapped lines too', async () => {
    const { text } = await readPdf(tips);
    expect(text).toContain('İstiklal Apartmanı, İzmir');
    expect(text).toContain('İtfaiye');
    // Tip 8 wraps on two lines: its ş kept ("Yaşlı", "komşu"), not "Yasli", "komsu".
    expect(text).toContain('Yaşlı, engelli ya da yalnız bir komşu mu var?');
    expect(text).toContain('etkinliği');
    expect(text).not.toMatch(/\bIstiklal|\bItfaiye|\bkomsu|\bYasl/);
  });

  it.skipIf(!existsSync(PDFTOTEXT))('reads the same with poppler’s pdftotext', () => {
    const dir = mkdtempSync(join(tmpdir(), 'turkish-pdf-'));
    try {
      writeFileSync(join(dir, 'tips.pdf'), tips);
      const text = execFileSync(PDFTOTEXT, [join(dir, 'tips.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain('İstiklal');
      expect(text).toContain('komşu');
      expect(text).not.toContain('Istiklal');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
