// The words typed after commands: French and English always, each language's own from its
// commands.json, compared without case or accents, and a clash stops startup.
import { describe, expect, it } from 'vitest';
import {
  builtInWords,
  createCommandWords,
  toLanguageWords,
  type WordTable,
} from '../../handlers/command-words.ts';
import { createI18n, findAvailableLocales, loadRawLocale } from '../../handlers/i18n.ts';
import { findLanguage, languagesIn } from '../../handlers/language.ts';

const words = createCommandWords(
  Object.fromEntries(
    findAvailableLocales().map((lng) => [lng, toLanguageWords(loadRawLocale(lng))]),
  ),
);

describe('the words typed after commands', () => {
  it('keep every French and English word working', () => {
    for (const table of Object.keys(builtInWords) as WordTable[]) {
      for (const [meaning, list] of Object.entries(builtInWords[table])) {
        for (const word of list as readonly string[]) {
          expect(words.find(table, word), `${table} ${word}`).toBe(meaning);
        }
      }
    }
  });

  it.each(findAvailableLocales().filter((lng) => lng !== 'fr' && lng !== 'en'))(
    'give %s its own word for every meaning, each understood',
    (lng) => {
      const own = toLanguageWords(loadRawLocale(lng));
      for (const table of Object.keys(builtInWords) as WordTable[]) {
        for (const meaning of Object.keys(builtInWords[table])) {
          const list = own[table]?.[meaning] ?? [];
          expect(list.length, `${lng} words.${table}.${meaning}`).toBeGreaterThan(0);
          for (const word of list) expect(words.find(table, word), `${lng} ${word}`).toBe(meaning);
        }
      }
    },
  );

  it('compare without case, accents or spaces, and keep Turkish and Arabic letters', () => {
    expect(words.find('gathering', 'CLÔRE')).toBe('close');
    expect(words.find('volunteer', 'Arrêter')).toBe('stop');
    expect(words.find('hazard', 'grand-froid')).toBe('cold');
    expect(words.find('gathering', 'İptal')).toBe('cancel');
    expect(words.find('switch', 'HAYIR')).toBe('off');
    expect(words.find('switch', 'hayir')).toBe('off');
    expect(words.find('switch', 'Não')).toBe('off');
    expect(words.find('switch', 'sí')).toBe('on');
    // Arabic typed with or without the hamza.
    expect(words.find('gathering', 'أغلق')).toBe('close');
    expect(words.find('gathering', 'اغلق')).toBe('close');
    expect(words.find('none', 'لا شيء')).toBe('none');
    // Nothing else: not a word, not one of Object's own properties.
    expect(words.find('switch', 'peut-être')).toBeUndefined();
    expect(words.find('switch', 'constructor')).toBeUndefined();
    expect(words.find('gathering', '')).toBeUndefined();
  });

  it('refuse a word that means two things in one table, or a meaning that does not exist', () => {
    expect(() => createCommandWords({ pt: { switch: { on: ['sim', 'non'] } } })).toThrow(
      'locales/pt/commands.json words.switch.on: "non" already means "off"',
    );
    expect(() => createCommandWords({ es: { switch: { maybe: ['quizás'] } } })).toThrow(
      '"maybe" is not a meaning of this table',
    );
    expect(() => toLanguageWords({ commands: { words: { colours: {} } } })).toThrow(
      'commands.words.colours: no such table',
    );
  });
});

describe('a language typed after /langue or /parametres langue', () => {
  it('is its code, a tag, or its name in any of the six languages', () => {
    const cases: [string, string | undefined][] = [
      ['pt', 'pt'],
      ['pt-BR', 'pt'],
      ['fr_FR', 'fr'],
      ['Português', 'pt'],
      ['portugais', 'pt'],
      ['portugués', 'pt'],
      ['البرتغالية', 'pt'],
      ['Portekizce', 'pt'],
      ['TÜRKÇE', 'tr'],
      ['turkce', 'tr'],
      ['İngilizce', 'en'],
      ['inglês', 'en'],
      ['العربية', 'ar'],
      ['عربي', 'ar'],
      ['castellano', 'es'],
      ['arapça', 'ar'],
      ['klingon', undefined],
      ['', undefined],
    ];
    for (const [typed, expected] of cases) expect(findLanguage(typed, words), typed).toBe(expected);
  });

  it("is named in each language's refusal as that language calls it", async () => {
    const i18n = await createI18n();
    for (const lng of findAvailableLocales()) {
      const t = i18n.t(lng);
      for (const code of findAvailableLocales()) {
        expect(findLanguage(t(`language.called.${code}`), words), `${lng} ${code}`).toBe(code);
      }
    }
    expect(languagesIn(i18n.t('pt'), ['fr', 'pt'])).toBe('francês (fr), português (pt)');
  });
});
