import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../../handlers/i18n.ts';
import { createKitIndex, editDistance } from '../../../handlers/kits/find-kit.ts';
import { KitFileError, kitsDir, loadKits } from '../../../handlers/kits/load-kits.ts';
import { orderBySeason } from '../../../handlers/kits/seasonal-order.ts';

const required = [
  'fete-des-voisins',
  'ete-des-voisins',
  'canicule',
  'grand-froid',
  'vacances',
  'noel',
  'galette',
  'rentree',
  'epidemie',
  'cyber-voisins',
  'greves',
  'panneau-des-voisins',
];

describe('kit files', () => {
  it('hold every required kit, valid, in French and English', () => {
    const catalogue = loadKits();
    expect([...catalogue.ids].sort()).toEqual([...required].sort());
    for (const id of catalogue.ids) {
      const [fr, en] = [catalogue.get(id, 'fr'), catalogue.get(id, 'en')];
      expect(en.steps, id).toHaveLength(fr.steps.length);
      expect(
        en.numbers.map((n) => n.number),
        id,
      ).toEqual(fr.numbers.map((n) => n.number));
    }
    // Every locale's easy-to-read kits with numbers say them in easy words (tryout).
    for (const locale of locales)
      for (const id of catalogue.ids) {
        const kit = catalogue.get(id, locale);
        if (kit.easyRead && kit.numbers.length > 0)
          expect(kit.easyRead.numbers, `${locale} ${id}`).toBeDefined();
      }
  });

  it('stop startup with a message naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kits-'));
    try {
      cpSync(kitsDir, dir, { recursive: true });
      const file = join(dir, 'fr', 'canicule.json');
      writeFileSync(file, JSON.stringify({ id: 'canicule', title: 'Canicule' }));
      expect(() => loadKits(dir)).toThrow(KitFileError);
      expect(() => loadKits(dir)).toThrow(/fr\/canicule\.json[\s\S]*summary/);
      writeFileSync(file, '{ not json');
      expect(() => loadKits(dir)).toThrow(/fr\/canicule\.json[\s\S]*not valid JSON/);
      rmSync(join(dir, 'en', 'galette.json'));
      cpSync(join(kitsDir, 'fr', 'canicule.json'), file);
      expect(() => loadKits(dir)).toThrow(/en\/galette\.json[\s\S]*every language/);
      cpSync(join(kitsDir, 'en', 'galette.json'), join(dir, 'en', 'galette.json'));
      // The easy-to-read numbers' words must go with the same numbers.
      const kit = JSON.parse(readFileSync(file, 'utf8')) as {
        easyRead: { numbers: { label: string; number: string }[] };
      };
      kit.easyRead.numbers.pop();
      writeFileSync(file, JSON.stringify(kit));
      expect(() => loadKits(dir)).toThrow(/fr\/canicule\.json[\s\S]*easyRead\.numbers/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('finding a kit by name', () => {
  const index = createKitIndex(loadKits());
  it.each([
    ['canicule', 'canicule'],
    ['Canicule', 'canicule'],
    ['CANICULE 28/05', 'canicule'],
    ['grand-froid', 'grand-froid'],
    ['grand froid', 'grand-froid'],
    ['froid', 'grand-froid'],
    ['fete', 'fete-des-voisins'],
    ['fête des voisins', 'fete-des-voisins'],
    ['Fête des Voisins 28/05 19h cour', 'fete-des-voisins'],
    ['heatwave', 'canicule'],
    ['canicul', 'canicule'],
    ['caniculle', 'canicule'],
    ['galete', 'galette'],
    ['noël', 'noel'],
    ['rentrée', 'rentree'],
    // Every language the bot speaks names its kits: Arabic as typed (hamza, alef forms), Turkish ı.
    ['موجة الحر', 'canicule'],
    ['الحرارة', 'canicule'],
    ['sıcak hava dalgası', 'canicule'],
    ['aşırı soğuk', 'grand-froid'],
  ])('%s → %s', (query, id) => {
    expect(index.find(query)).toMatchObject({ id });
  });

  it('keeps what follows the name as personalisation', () => {
    expect(index.find('fête des voisins 28/05 19h cour intérieure')).toEqual({
      id: 'fete-des-voisins',
      rest: '28/05 19h cour intérieure',
    });
  });

  it('reads a long name with a typo whole, rather than a short one and a place', () => {
    expect(index.find('fête des voisin')).toEqual({ id: 'fete-des-voisins', rest: '' });
    expect(index.find('fete des voisin 28/05 cour')).toEqual({
      id: 'fete-des-voisins',
      rest: '28/05 cour',
    });
    expect(index.find('fete grand')).toEqual({ id: 'fete-des-voisins', rest: 'grand' });
    expect(index.find('canicule grand')).toEqual({ id: 'canicule', rest: 'grand' });
    expect(index.find('grand froid grand')).toEqual({ id: 'grand-froid', rest: 'grand' });
    expect(index.find('heatwave large')).toEqual({ id: 'canicule', rest: 'large' });
  });

  it('finds each kit by the title the catalogue shows, with or without its French name', () => {
    // "Frio intenso (grand froid)": "/kit frio intenso" found "frio" and printed "intenso" as
    // the place; "/kit vecinos digitales" found nothing.
    const catalogue = loadKits();
    for (const locale of locales) {
      for (const id of catalogue.ids) {
        const title = catalogue.get(id, locale).title;
        const own = title.replace(/\s*\(.*\)$/, '');
        for (const name of [title, own]) {
          expect(index.find(`${name} 28/05 19h cour`), `${locale}: ${name}`).toEqual({
            id,
            rest: '28/05 19h cour',
          });
        }
      }
    }
    expect(index.find('frio intenso')).toEqual({ id: 'grand-froid', rest: '' });
    expect(index.find('vecinos digitales')).toEqual({ id: 'cyber-voisins', rest: '' });
  });

  it('offers the closest names for an unknown one', () => {
    const result = index.find('pique-nique');
    expect(result).toHaveProperty('suggestions');
    expect((result as { suggestions: string[] }).suggestions).toHaveLength(3);
  });

  it('measures edit distance', () => {
    expect(editDistance('canicule', 'canicule')).toBe(0);
    expect(editDistance('canicul', 'canicule')).toBe(1);
    expect(editDistance('galete', 'galette')).toBe(1);
  });
});

describe('seasonal order', () => {
  const catalogue = loadKits();
  const firstIn = (iso: string, tz = 'Europe/Paris') =>
    orderBySeason(catalogue, new Date(iso), tz)[0];
  it.each([
    ['2027-01-10T10:00:00Z', 'galette'],
    ['2027-04-10T10:00:00Z', 'fete-des-voisins'],
    ['2027-06-10T10:00:00Z', 'ete-des-voisins'],
    ['2027-09-10T10:00:00Z', 'rentree'],
    ['2026-11-26T10:00:00Z', 'grand-froid'],
    ['2026-12-10T10:00:00Z', 'noel'],
  ])('on %s the kit of the moment is %s', (date, id) => {
    expect(firstIn(date)).toBe(id);
  });

  it('puts the kits of the season before the others, all year long', () => {
    for (let month = 1; month <= 12; month++) {
      const date = new Date(Date.UTC(2027, month - 1, 15, 10));
      const order = orderBySeason(catalogue, date, 'Europe/Paris');
      const inSeason = order.filter((id) => catalogue.get(id, 'fr').months.includes(month));
      expect(order.slice(0, inSeason.length).sort()).toEqual([...inSeason].sort());
      expect(order).toHaveLength(catalogue.ids.length);
    }
  });

  it('follows the group’s time zone at the turn of a month', () => {
    // 31 December 23:30 in Martinique is already January in Paris.
    expect(firstIn('2027-01-01T03:30:00Z', 'America/Martinique')).toBe('noel');
    expect(firstIn('2027-01-01T03:30:00Z', 'Europe/Paris')).toBe('galette');
  });
});
