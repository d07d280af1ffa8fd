// The language plumbing's pure parts: which language a message is written in (the offer to
// switch), and the direction marks an Arabic text gets when it is loaded. Arabic texts here
// are a scaffold made in a temporary folder for the test (a few keys written for it), not
// the product's translation, which lives in locales/ar/.
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createI18n,
  findAvailableLocales,
  localesDir,
  rightToLeftMarks,
} from '../../handlers/i18n.ts';
import {
  createCommandTable,
  listVisibleCommands,
  toCommandAliases,
} from '../../handlers/commands.ts';
import { detectLanguage } from '../../handlers/language-detect.ts';

describe('detectLanguage', () => {
  it.each([
    ["Bonjour, j'ai besoin d'aide pour mes courses", 'fr'],
    ['Hello, I need help with my shopping please', 'en'],
    ['Olá, preciso de ajuda com as compras, obrigado', 'pt'],
    ['Hola, necesito ayuda con la compra, por favor', 'es'],
    ['Merhaba, alışveriş için yardım lazım, teşekkürler', 'tr'],
    ['السلام عليكم، أحتاج مساعدة في التسوق', 'ar'],
    ['Bonjour السلام عليكم يا جيران', 'ar'],
    // A greeting of one language alone, and short words (tryout: answered in French).
    ['ola', 'pt'],
    ['Olá!', 'pt'],
    ['oi', 'pt'],
    ['hola', 'es'],
    ['merhaba', 'tr'],
    ['eu vou', 'pt'],
  ])('reads %j as %s', (text, locale) => {
    expect(detectLanguage(text)).toBe(locale);
  });

  it.each([
    'ok',
    'Bonjour',
    '06 12 34 56 78',
    // Arabic in Latin letters is read by French speakers too: no guess.
    'salam khouya 3andi mochkil',
    'salam',
    'marhaba',
    // Two languages' greetings: no guess.
    'olá, hola',
    // As much French as English: no guess.
    'ok merci thanks',
  ])('says nothing about %j', (text) => {
    expect(detectLanguage(text)).toBeUndefined();
  });
});

describe('right-to-left marks', () => {
  it('isolate every escaped value and start a line that opens on one with RLM', () => {
    expect(rightToLeftMarks('اتصلوا بـ {{phone}} الآن')).toBe(
      'اتصلوا بـ \u2068{{phone}}\u2069 الآن',
    );
    expect(rightToLeftMarks('{{name}} سيأتي')).toBe('\u200f\u2068{{name}}\u2069 سيأتي');
    expect(rightToLeftMarks('<b>15</b> للإسعاف\nمرحبا')).toBe('\u200f<b>15</b> للإسعاف\nمرحبا');
    // Unescaped values ({{- raw}}) are built texts: left as they are.
    expect(rightToLeftMarks('مرحبا {{- list}}')).toBe('مرحبا {{- list}}');
  });

  const dir = mkdtempSync(join(tmpdir(), 'locales-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are in what the bot says in Arabic, and Arabic is offered once its folder is there', async () => {
    cpSync(join(localesDir, 'fr'), join(dir, 'fr'), { recursive: true });
    cpSync(join(localesDir, 'en'), join(dir, 'en'), { recursive: true });
    expect(findAvailableLocales(dir)).toEqual(['fr', 'en']);
    mkdirSync(join(dir, 'ar'));
    writeFileSync(
      join(dir, 'ar', 'privacy.json'),
      JSON.stringify({ core_name: 'الاسم: {{name}}' }),
    );
    expect(findAvailableLocales(dir)).toEqual(['fr', 'en', 'ar']);
    const i18n = await createI18n(dir);
    expect(i18n.available).toEqual(['fr', 'en', 'ar']);
    const t = i18n.t('ar');
    expect(t('privacy.core_name', { name: 'Mme Lefèvre' })).toBe('الاسم: \u2068Mme Lefèvre\u2069');
    // A text not translated yet falls back to French.
    expect(t('language.names.fr')).toBe('Français');
  });
});

describe('command names per language', () => {
  const spec = {
    names: { fr: 'parametres', en: 'settings' },
    descriptionKey: 'settings.description',
    where: 'group' as const,
    run: () => Promise.resolve(),
  };
  const other = { ...spec, names: { fr: 'fete', en: 'party' } };

  it('take a language its own aliases, working everywhere, the menu showing the French name', () => {
    const aliases = {
      es: toCommandAliases({ commands: { aliases: { parametres: 'ajustes, config' } } }),
    };
    expect(aliases.es).toEqual({ parametres: ['ajustes', 'config'] });
    const table = createCommandTable([spec, other], aliases);
    expect(table.get('ajustes')).toBe(spec);
    expect(table.get('parametres')).toBe(spec);
    expect(table.get('config')).toBe(spec);
    // Shown as every text, poster and neighbour of a French group names them.
    expect(listVisibleCommands([spec, other], 'es').map((c) => c.name)).toEqual([
      'parametres',
      'fete',
    ]);
    expect(listVisibleCommands([spec, other], 'en').map((c) => c.name)).toEqual([
      'settings',
      'party',
    ]);
  });

  it('refuse a name Telegram would not take, or one another command has', () => {
    expect(() => toCommandAliases({ commands: { aliases: { fete: 'fiesta!' } } })).toThrow(
      /commands.aliases.fete: "fiesta!"/,
    );
    expect(() => createCommandTable([spec, other], { es: { fete: ['settings'] } })).toThrow(
      /used twice/,
    );
  });
});
