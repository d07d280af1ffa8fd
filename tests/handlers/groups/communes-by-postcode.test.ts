// The committed table of communes by postcode: that it is what the official package gives,
// and the cases a prefix rule got wrong (a postcode's first digits are not its département).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  communesTableFile,
  loadCommunesTable,
  toCommunesTable,
  type CommunesTable,
} from '../../../handlers/groups/communes-by-postcode.ts';
import { toDepartementTimezone } from '../../../handlers/groups/departements.ts';
import { toCommunesTable as generateCommunesTable } from '../../../scripts/communes-table.ts';
import { readDecoupageAdministratif } from '../../../scripts/decoupage-administratif.ts';

const text = readFileSync(communesTableFile, 'utf8');
const table: CommunesTable = toCommunesTable(text);
const postcodes = text.split('\n').flatMap((l) => (/^\d{5}\t/.test(l) ? [l.slice(0, 5)] : []));
const communesOf = (postcode: string) =>
  table.communesOf(postcode).map((c) => `${c.insee} ${c.name} (${c.departement})`);
const departementsOf = (postcode: string) =>
  [...new Set(table.communesOf(postcode).map((c) => c.departement))].sort();

describe('the communes table', () => {
  it('is what scripts/communes-table.ts makes of the installed @etalab/decoupage-administratif', () => {
    const { communes, departements, source } = readDecoupageAdministratif();
    // If this fails after updating the package: `npm run communes:generate`, review, commit.
    expect(generateCommunesTable(communes, departements, source)).toBe(text);
    expect(postcodes.length).toBeGreaterThan(6000);
  });

  it('is the one the bot loads', async () => {
    expect((await loadCommunesTable()).communesOf('69003')).toEqual(table.communesOf('69003'));
  });

  it('gives each postcode its own communes, not its first digits', () => {
    expect(communesOf('94390')).toEqual(['91479 Paray-Vieille-Poste (91)']);
    expect(communesOf('13780')).toEqual(['13030 Cuges-les-Pins (13)', '83105 Riboux (83)']);
    expect(departementsOf('33220')).toEqual(['24', '33']);
    expect(communesOf('33220')).toContain('24335 Port-Sainte-Foy-et-Ponchapt (24)');
    expect(communesOf('97150')).toEqual(['97801 Saint-Martin (978)']);
    expect(communesOf('97133')).toEqual(['97701 Saint-Barthélemy (977)']);
  });

  it('knows the sixteen postcodes shared by two départements', () => {
    const shared = Object.fromEntries(
      postcodes.filter((p) => departementsOf(p).length > 1).map((p) => [p, departementsOf(p)]),
    );
    expect(shared).toEqual({
      '01200': ['01', '74'],
      '01410': ['01', '39'],
      '01590': ['01', '39'],
      '05110': ['04', '05'],
      '05130': ['04', '05'],
      '05160': ['04', '05'],
      '05700': ['05', '26'],
      '06260': ['04', '06'],
      '13780': ['13', '83'],
      '21340': ['21', '71'],
      '33220': ['24', '33'],
      '37160': ['37', '86'],
      '42620': ['03', '42'],
      '43450': ['15', '43'],
      '48250': ['07', '48'],
      '52100': ['51', '52'],
    });
    // The commune on the other side of the border, for each (the one a prefix rule missed).
    expect(communesOf('01200')).toContain('74109 Éloise (74)');
    expect(communesOf('42620')).toContain('03250 Saint-Pierre-Laval (03)');
    expect(communesOf('37160')).toContain('86042 Buxeuil (86)');
    expect(communesOf('52100')).toContain('51478 Saint-Eulien (51)');
  });

  it('lists communes by decreasing population', () => {
    expect(communesOf('01000')).toEqual([
      '01053 Bourg-en-Bresse (01)',
      '01344 Saint-Denis-lès-Bourg (01)',
    ]);
    expect(communesOf('52100')[0]).toBe('52448 Saint-Dizier (52)');
    expect(communesOf('33220')[0]).toBe('33324 Pineuilh (33)');
  });

  it('splits Corsica into 2A and 2B by commune', () => {
    expect(communesOf('20000')).toEqual(['2A004 Ajaccio (2A)']);
    expect(communesOf('20200')[0]).toBe('2B033 Bastia (2B)');
    const corsican = postcodes.filter((p) => p.startsWith('20'));
    expect(corsican.length).toBeGreaterThan(50);
    for (const postcode of corsican) {
      for (const commune of table.communesOf(postcode)) {
        expect(['2A', '2B']).toContain(commune.departement);
        expect(commune.insee.slice(0, 2)).toBe(commune.departement);
      }
    }
    expect(table.departementName('2A')).toBe('Corse-du-Sud');
    expect(table.departementName('2B')).toBe('Haute-Corse');
  });

  it('covers overseas France, each with its time zone', () => {
    const cases = [
      ['97100', '971', 'America/Guadeloupe', 'Guadeloupe'],
      ['97200', '972', 'America/Martinique', 'Martinique'],
      ['97300', '973', 'America/Cayenne', 'Guyane'],
      ['97400', '974', 'Indian/Reunion', 'La Réunion'],
      ['97500', '975', 'America/Miquelon', 'Saint-Pierre-et-Miquelon'],
      ['97600', '976', 'Indian/Mayotte', 'Mayotte'],
      ['97133', '977', 'America/St_Barthelemy', 'Saint-Barthélemy'],
      ['97150', '978', 'America/Marigot', 'Saint-Martin'],
    ] as const;
    for (const [postcode, departement, timezone, name] of cases) {
      expect(departementsOf(postcode)).toEqual([departement]);
      expect(toDepartementTimezone(departement)).toBe(timezone);
      expect(table.departementName(departement)).toBe(name);
      // A zone this Node knows (an unknown one throws a RangeError).
      expect(() => new Intl.DateTimeFormat('fr', { timeZone: timezone })).not.toThrow();
    }
    expect(toDepartementTimezone('69')).toBe('Europe/Paris');
    expect(toDepartementTimezone('2A')).toBe('Europe/Paris');
  });

  it('keeps the arrondissements of Paris, Lyon and Marseille, never the whole city', () => {
    const arrondissements = (prefix: string, from: number, to: number) =>
      Array.from(
        { length: to - from + 1 },
        (_, i) => `${prefix}${String(from + i).padStart(2, '0')}`,
      );
    for (const postcode of [...arrondissements('750', 1, 20), '75116']) {
      expect(communesOf(postcode)).toEqual([expect.stringMatching(/^751\d\d Paris \d+e/)]);
    }
    expect(communesOf('75001')).toEqual(['75101 Paris 1er Arrondissement (75)']);
    expect(communesOf('75016')).toEqual(['75116 Paris 16e Arrondissement (75)']);
    for (const postcode of arrondissements('690', 1, 9)) {
      expect(communesOf(postcode)).toEqual([expect.stringMatching(/^6938\d Lyon \de/)]);
    }
    expect(communesOf('69003')).toEqual(['69383 Lyon 3e Arrondissement (69)']);
    for (const postcode of arrondissements('130', 1, 16)) {
      expect(communesOf(postcode)).toEqual([expect.stringMatching(/^132\d\d Marseille \d+/)]);
    }
    expect(communesOf('13016')).toEqual(['13216 Marseille 16e Arrondissement (13)']);
    expect(text).not.toMatch(/\t(75056|69123|13055) /);
  });

  it('has nothing for postcodes that are no French commune the bot serves', () => {
    for (const postcode of ['99999', '00100', '96000', '20700', '97700', '98000', '98800']) {
      expect(table.communesOf(postcode)).toEqual([]);
    }
    expect(toDepartementTimezone('988')).toBeUndefined();
    expect(toDepartementTimezone('20')).toBeUndefined();
  });
});
