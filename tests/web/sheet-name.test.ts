// A sheet's name, as LibreOffice and Excel take it (web/sheet-name.ts): what they refuse or
// rename replaced, cut between words with an ellipsis, unique, and no direction isolate left
// open by a cut.
import { describe, expect, it } from 'vitest';
import { sheetName } from '../../web/sheet-name.ts';

const one = (title: string) => sheetName(title, new Set());
const FSI = '\u2068';
const PDI = '\u2069';
const RLM = '\u200f';

describe('sheetName', () => {
  it('keeps a title that fits as it is', () => {
    expect(one('Groupes de voisins')).toBe('Groupes de voisins');
    expect(one('Villes partenaires (2026)')).toBe('Villes partenaires (2026)');
    expect(one('x'.repeat(31))).toBe('x'.repeat(31));
  });

  it('replaces what a sheet name cannot hold, with single spaces', () => {
    // LibreOffice renamed a sheet with a colon "Sheet3"; replaced by a space, the Turkish
    // "İllere göre: Gruplar" read "İllere göre  Gruplar".
    expect(one('İllere göre: Gruplar (2026)')).toBe('İllere göre – Gruplar (2026)');
    expect(one('Entraide : services [2026]')).toBe('Entraide – services (2026)');
    expect(one('Aide *urgente*?  a/b\\c')).toBe('Aide urgente a b c');
    expect(one("'Quartiers'")).toBe('Quartiers');
    expect(one(' : ')).toBe('Tableau');
  });

  it('cuts a long title between words, with an ellipsis', () => {
    expect(one('Groupes hors des villes partenaires (2026)')).toBe('Groupes hors des villes…');
    expect(one('Kits remis par département (2026)')).toBe('Kits remis par département…');
    expect(one('Gatherings, help and active neighbours')).toBe('Gatherings, help and active…');
    // A word longer than half the room is cut inside.
    expect(one(`Un ${'a'.repeat(40)}`)).toBe(`Un ${'a'.repeat(27)}…`);
    for (const title of ['Kits remis par mois en France (2026)', 'a b '.repeat(20)]) {
      expect(one(title).length).toBeLessThanOrEqual(31);
    }
  });

  it('never leaves a direction isolate open, nor half a character', () => {
    // An Arabic title holds isolates around its values (handlers/i18n.ts).
    const arabic = `${RLM}${FSI}العُدَد المسلَّمة${PDI} حسب المقاطعة (${FSI}2026${PDI})`;
    const name = one(arabic);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name.endsWith('…')).toBe(true);
    expect(name.split(FSI).length).toBe(name.split(PDI).length);
    const inside = one(`${FSI}${'كلمة '.repeat(10)}${PDI}`);
    expect(inside.length).toBeLessThanOrEqual(31);
    expect(inside).toMatch(new RegExp(`${PDI}…$`));
    expect(one('😀'.repeat(20))).not.toMatch(/[\ud800-\udbff]…$/);
  });

  it('is unique in its workbook, case ignored, within 31 characters', () => {
    const taken = new Set<string>();
    const long = 'Kits remis par mois en France (2026)';
    expect([
      sheetName('Kits', taken),
      sheetName('KITS', taken),
      sheetName('kits', taken),
      sheetName(long, taken),
      sheetName(long, taken),
    ]).toEqual([
      'Kits',
      'KITS 2',
      'kits 3',
      'Kits remis par mois en France…',
      'Kits remis par mois en… 2',
    ]);
  });
});
