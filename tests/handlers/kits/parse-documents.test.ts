// The words that ask for one of a kit's documents ("l'affiche", "poster", "cartel", "afiş"):
// taken out of what follows the kit's name, and never part of a kit's name.
import { describe, expect, it } from 'vitest';
import { createI18n, locales } from '../../../handlers/i18n.ts';
import { loadKits } from '../../../handlers/kits/load-kits.ts';
import { documentsIn, takeDocuments } from '../../../handlers/kits/parse-documents.ts';

const { commandWords } = await createI18n();

describe('document words', () => {
  it('name the poster, the flyer or the tips in every language, and leave the rest', () => {
    expect(takeDocuments("l'affiche 28/05 cour", commandWords)).toEqual({
      documents: ['poster'],
      rest: '28/05 cour',
    });
    for (const [text, kind] of [
      ['the poster please', 'poster'],
      ['el cartel', 'poster'],
      ['o cartaz', 'poster'],
      ['afişi', 'poster'],
      ['الملصق', 'poster'],
      ["l'invitation", 'flyer'],
      ['el ilanı', 'flyer'],
      ['les conseils', 'tips'],
    ] as const) {
      expect(documentsIn(text, commandWords), text).toEqual([kind]);
    }
    expect(documentsIn('le kit canicule pour samedi', commandWords)).toEqual([]);
  });

  it('are in no kit’s name, in any language: a name is never cut', () => {
    const catalogue = loadKits();
    for (const id of catalogue.ids) {
      for (const locale of locales) {
        const kit = catalogue.get(id, locale);
        for (const name of [kit.title, ...kit.aliases]) {
          expect(documentsIn(name, commandWords), `${locale} ${id}: ${name}`).toEqual([]);
        }
      }
    }
  });
});
