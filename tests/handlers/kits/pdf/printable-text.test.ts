import { describe, expect, it } from 'vitest';
import {
  UnprintableTextError,
  toLatin,
  toRuns,
  withFrenchSpacing,
} from '../../../../handlers/kits/pdf/printable-text.ts';

describe('printable text', () => {
  it('keeps French text in the "latin" font file, whole', () => {
    const text = 'L’œuvre « Fête » coûte 2 € – À l’été, Ève et Zoë…';
    expect(toRuns(text)).toEqual([{ script: 'latin', text: withFrenchSpacing(text) }]);
  });

  it('keeps French spaces from breaking a line', () => {
    expect(withFrenchSpacing('« Venez ! » à 19 h, 2 € : oui ?')).toBe(
      '«\u00a0Venez\u00a0!\u00a0» à\u00a019\u00a0h, 2\u00a0€\u00a0: oui\u00a0?',
    );
  });

  it('keeps a number to call on the line of the word before it, in every language (tryout)', () => {
    expect(withFrenchSpacing('Appelez le 15. Ou le 3114, le 112.')).toBe(
      'Appelez le\u00a015. Ou le\u00a03114, le\u00a0112.',
    );
    expect(withFrenchSpacing('اتصلوا بالرقم 15.')).toBe('اتصلوا بالرقم\u00a015.');
    expect(withFrenchSpacing("Acil durumda 15'i ya da 112'yi arayın.")).toBe(
      "Acil durumda\u00a015'i\u00a0ya da\u00a0112'yi\u00a0arayın.",
    );
    // A phone number in groups is bound by the layout (bidi-text.ts), not to the word before.
    expect(withFrenchSpacing('Canicule info service : 0 800 06 66 66')).toBe(
      'Canicule info service\u00a0: 0 800 06 66 66',
    );
  });

  it('cuts central European letters into runs of the "latin-ext" file', () => {
    expect(toRuns('Łódź, ul. Śląska')).toEqual([
      { script: 'ext', text: 'Ł' },
      { script: 'latin', text: 'ód' },
      { script: 'ext', text: 'ź' },
      { script: 'latin', text: ', ul. ' },
      { script: 'ext', text: 'Ś' },
      { script: 'latin', text: 'l' },
      { script: 'ext', text: 'ą' },
      { script: 'latin', text: 'ska' },
    ]);
    expect(toLatin('Łódź, ul. Śląska')).toBe('Lódz, ul. Slaska');
  });

  it('fails loudly, naming them, on letters no font has (never a blank on paper)', () => {
    expect(() => toRuns('Résidence ש')).toThrow(UnprintableTextError);
    expect(() => toRuns('Résidence ש')).toThrow(/"ש" \(U\+05E9\)/);
    expect(() => toLatin('Дом 5')).toThrow(/no glyph for "Д"/);
    try {
      toRuns('Cité 北京');
    } catch (error) {
      expect((error as UnprintableTextError).key).toBe('kits.pdf_unprintable');
      expect((error as UnprintableTextError).vars).toEqual({ characters: '北 京' });
    }
  });

  it('replaces look-alikes and leaves out decoration (emoji, symbols)', () => {
    expect(toLatin('Phở 🍜 ‐ 5\u2009km ✓')).toBe('Pho - 5 km');
    expect(toLatin('e\u0301te\u0301')).toBe('été');
    expect(toRuns('🌳')).toEqual([]);
  });
});
