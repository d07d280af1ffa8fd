// Reading what people add to the "who brings what" list, and saying what is missing.
import { describe, expect, it } from 'vitest';
import type { ListedItem } from '../../../db/queries/gatherings.ts';
import {
  guessCategory,
  missingLine,
  parseItem,
  parseQuantity,
} from '../../../handlers/gatherings/items.ts';
import { createI18n } from '../../../handlers/i18n.ts';

describe('parseItem', () => {
  it('reads a category, a quantity, the item and a note', () => {
    expect(parseItem('sucré 3 desserts (sans gluten)')).toEqual({
      category: 'sucre',
      quantity: 3,
      label: 'desserts',
      note: 'sans gluten',
    });
    expect(parseItem('10 chaises')).toEqual({
      category: 'chaises',
      quantity: 10,
      label: 'chaises',
      note: null,
    });
    expect(parseItem('une enceinte')).toMatchObject({
      category: 'musique',
      quantity: 1,
      label: 'une enceinte',
    });
    expect(parseItem('jus de pomme x4')).toMatchObject({
      category: 'boissons',
      quantity: 4,
      label: 'jus de pomme',
    });
    expect(parseItem('Boissons: sirop')).toMatchObject({ category: 'boissons', label: 'sirop' });
    expect(parseItem('un parasol')).toMatchObject({ category: 'autre', label: 'un parasol' });
  });

  it('keeps a lone category word as the item itself', () => {
    expect(parseItem('tables')).toEqual({
      category: 'tables',
      quantity: 1,
      label: 'tables',
      note: null,
    });
  });

  it('refuses empty, oversized and absurd input', () => {
    expect(() => parseItem('   ')).toThrow('gatherings.item_empty');
    expect(() => parseItem('sucré')).not.toThrow();
    expect(() => parseItem('0 chaises')).toThrow('gatherings.bad_quantity');
    expect(() => parseItem(`2 ${'x'.repeat(61)}`)).toThrow('gatherings.item_too_long');
    expect(() => parseItem(`gâteau (${'y'.repeat(61)})`)).toThrow('gatherings.item_too_long');
  });

  it('reads quantities after an item number', () => {
    expect(parseQuantity(undefined)).toBe(1);
    expect(parseQuantity(' 2 ')).toBe(2);
    expect(parseQuantity('x3')).toBe(3);
    expect(() => parseQuantity('beaucoup')).toThrow('gatherings.bad_quantity');
    expect(() => parseQuantity('100')).toThrow('gatherings.bad_quantity');
  });

  it('guesses categories from common words, in French and English', () => {
    expect(guessCategory('Quiche lorraine')).toBe('sale');
    expect(guessCategory('gâteau au chocolat')).toBe('sucre');
    expect(guessCategory('bière sans alcool')).toBe('boissons');
    expect(guessCategory('guirlandes lumineuses')).toBe('decoration');
    expect(guessCategory('paper cups')).toBe('materiel');
  });
});

describe('missingLine', () => {
  const item = (label: string, quantity: number, claimed: number[]): ListedItem => ({
    id: 1,
    gatheringId: 1,
    position: 1,
    category: 'autre',
    label,
    quantity,
    note: null,
    addedBy: null,
    createdAt: new Date(),
    claims: claimed.map((q, i) => ({ personId: i, displayName: `P${i}`, quantity: q })),
  });

  it('says what is still missing, escaped, or that nothing is', async () => {
    const t = (await createI18n()).t('fr');
    expect(
      missingLine(
        [item('desserts', 3, [2]), item('chaises <pliantes>', 6, []), item('eau', 1, [1])],
        t,
      ),
    ).toBe('Il manque encore\u202f: desserts, chaises &lt;pliantes&gt; ×6');
    expect(missingLine([item('eau', 1, [1])], t)).toBe('✅ Il ne manque rien\u202f!');
  });
});
