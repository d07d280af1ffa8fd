// What "/liste ajouter …" adds (handlers/gatherings/read-items.ts): a comma list is several
// items (December 2026 tryout: "a, b, c" was one), a note's commas and "2,5" stay whole.
import { describe, expect, it } from 'vitest';
import { readItems, splitItems } from '../../../handlers/gatherings/read-items.ts';

describe('splitItems', () => {
  it('splits a comma list, and its last item at "et" in each language', () => {
    expect(splitItems('pain, beurre, confiture')).toEqual(['pain', 'beurre', 'confiture']);
    expect(splitItems('pain, beurre et confiture')).toEqual(['pain', 'beurre', 'confiture']);
    expect(splitItems('bread, butter and jam')).toEqual(['bread', 'butter', 'jam']);
    expect(splitItems('pão, manteiga e doce')).toEqual(['pão', 'manteiga', 'doce']);
    expect(splitItems('pan, mantequilla y mermelada')).toEqual(['pan', 'mantequilla', 'mermelada']);
    expect(splitItems('ekmek, tereyağı ve reçel')).toEqual(['ekmek', 'tereyağı', 'reçel']);
    expect(splitItems('خبز، زبدة، مربى')).toEqual(['خبز', 'زبدة', 'مربى']);
    expect(splitItems('chips; olives\ncacahuètes')).toEqual(['chips', 'olives', 'cacahuètes']);
  });

  it('keeps one item without a comma, a note’s commas, and figures', () => {
    expect(splitItems('sel et poivre')).toEqual(['sel et poivre']);
    expect(splitItems('3 desserts (sans gluten, sans lactose)')).toEqual([
      '3 desserts (sans gluten, sans lactose)',
    ]);
    expect(splitItems('chips, tarte (pommes et poires)')).toEqual([
      'chips',
      'tarte (pommes et poires)',
    ]);
    expect(splitItems('2,5 quiches')).toEqual(['2,5 quiches']);
    expect(splitItems('pain, , beurre,')).toEqual(['pain', 'beurre']);
  });
});

describe('readItems', () => {
  it('reads each item, a category named first going to those that name none', () => {
    expect(readItems('boissons : sirop de menthe, citronnade, 6 chaises').items).toEqual([
      { category: 'boissons', quantity: 1, label: 'sirop de menthe', note: null },
      { category: 'boissons', quantity: 1, label: 'citronnade', note: null },
      { category: 'chaises', quantity: 6, label: 'chaises', note: null },
    ]);
  });

  it('leaves out the quotation marks around what was typed', () => {
    for (const typed of [
      '"galettes, cidre et jus de pomme"',
      '« galettes, cidre et jus de pomme »',
    ]) {
      expect(readItems(typed).items.map((i) => i.label)).toEqual([
        'galettes',
        'cidre',
        'jus de pomme',
      ]);
    }
    expect(readItems("pommes d'api").items.map((i) => i.label)).toEqual(["pommes d'api"]);
  });

  it('leaves out health and whom to call, and says so', () => {
    expect(readItems('cake (appelez Chloé au 3e), quiche (diabétique)')).toEqual({
      items: [
        { category: 'sucre', quantity: 1, label: 'cake', note: null },
        { category: 'sale', quantity: 1, label: 'quiche', note: null },
      ],
      healthLeftOut: true,
      reachLeftOut: true,
    });
    // A measure with a decimal comma is one item, its figures part of it.
    expect(readItems('1,5 L de jus, chips').items).toEqual([
      { category: 'boissons', quantity: 1, label: '1,5 L de jus', note: null },
      { category: 'sale', quantity: 1, label: 'chips', note: null },
    ]);
    expect(readItems('deux galettes').items).toEqual([
      { category: 'autre', quantity: 2, label: 'galettes', note: null },
    ]);
    // Other languages' number words too, but not those that start a French or Portuguese
    // dish's name.
    expect(readItems('tres roscones').items[0]).toMatchObject({ quantity: 1 });
    expect(readItems('cuatro roscones').items[0]).toMatchObject({ quantity: 4, label: 'roscones' });
    expect(readItems('dos de cabillaud').items[0]).toMatchObject({
      quantity: 1,
      label: 'dos de cabillaud',
    });
    expect(readItems('doce de leite').items[0]).toMatchObject({ quantity: 1 });
  });

  it('refuses a spelled phone number or too many items at once', () => {
    expect(() => readItems('gâteau, zéro six douze trente quatre cinquante six')).toThrow(
      'gatherings.no_contact_item',
    );
    expect(() => readItems(Array.from({ length: 13 }, (_, i) => `a${i}`).join(', '))).toThrow(
      'gatherings.too_many_items',
    );
  });
});
