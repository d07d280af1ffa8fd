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
      '«\u00a0Venez\u00a0!\u00a0» à 19\u00a0h, 2\u00a0€\u00a0: oui\u00a0?',
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
