// The locale check (also `npm run locales:check`): every word exists in every language,
// with the same interpolation variables, the plural forms each language needs (i18next uses
// Intl.PluralRules: French one/many/other, Arabic zero/one/two/few/many/other…), and fits
// the platforms once filled. A language whose folder is not there yet is reported as
// skipped by name, never passed over in silence.
import i18next from 'i18next';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../handlers/events.ts';
import {
  createI18n,
  findAvailableLocales,
  frenchTypography,
  loadLocaleResources,
  locales,
  pluralTag,
  type Locale,
} from '../handlers/i18n.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!).sort();
}

const resources = loadLocaleResources();
const available = findAvailableLocales();
const flat = new Map(available.map((lng) => [lng, flatten(resources[lng])]));
const fr = flat.get('fr')!;
const base = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));
/**
 * Command aliases and the words typed after commands are each language's own: a language
 * may have some where French has none (French and English words live in the code).
 */
const ALIASES = /^commands\.(aliases|words)\./;
const shared = (keys: Iterable<string>) => [...base(keys)].filter((k) => !ALIASES.test(k)).sort();

describe('French typography', () => {
  it('puts a narrow no-break space before « : ; ? ! » ending a word and inside « »', () => {
    expect(frenchTypography('Type : rue ; « oui » ? Oui ! Voilà ?!')).toBe(
      'Type\u202f: rue\u202f; «\u202foui\u202f»\u202f? Oui\u202f! Voilà\u202f?!',
    );
    // A colon starting a word (a simulator command), a time, a link: left alone.
    expect(frenchTypography(':moi Bruno à 20:00 sur https://t.me/x')).toBe(
      ':moi Bruno à 20:00 sur https://t.me/x',
    );
  });

  it('is in every French text the bot says, and in no English one', async () => {
    const i18n = await createI18n();
    expect(i18n.t('fr')('aid.preview_cancelled')).toBe("C'est annulé\u202f: rien n'a été publié.");
    for (const text of flatten(loadLocaleResources().fr).values()) {
      expect(text).not.toMatch(/ [:;?!](\s|$)|« | »/);
    }
    for (const text of flatten(loadLocaleResources().en).values()) {
      expect(text).not.toContain('\u202f');
    }
  });
});

/** The variables a key uses in a language, all its plural forms together. */
function variablesOf(texts: Map<string, string>, key: string): string[] {
  const found = new Set(
    [...texts].filter(([k]) => k.replace(PLURAL, '') === key).flatMap(([, v]) => variables(v)),
  );
  return [...found].sort();
}

/** The plural stems of French (a key with _one, _other…). */
describe("a group's name in a sentence", () => {
  // "vos voisins de Résidence des Lilas", "Quelqu'un de Rue Victor-Hugo": a name glued after
  // "de" (or "of", "de" in Spanish and Portuguese) reads badly for most names. It goes in
  // quotes after "du groupe", or after a colon.
  it('is never glued after "de" or "of"', () => {
    const glued = /(?:^|[\s'’])(?:de|of) \{\{group\}\}/i;
    for (const [lng, texts] of flat) {
      const found = [...texts].filter(([, text]) => glued.test(text)).map(([key]) => key);
      expect(found, lng).toEqual([]);
    }
  });
});

const pluralStems = [
  ...new Set([...fr.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''))),
];

// Telegram: a message is at most 4096 characters, a command's description 256 (Bot API
// sendMessage, BotCommand); WhatsApp allows more. Values as long as a long name.
const MESSAGE_LIMIT = 4096;
const DESCRIPTION_LIMIT = 256;
const LONG_VALUE = 'x'.repeat(80);

describe.each(locales.filter((lng) => lng !== 'fr'))('the %s texts', (lng) => {
  const texts = flat.get(lng);
  if (!texts) {
    it.skip(`${lng}: no translation yet (locales/${lng}/ is missing; French stands in)`, () => {});
    return;
  }
  it('have every French key and no other (plural forms and command aliases aside)', () => {
    expect(shared(texts.keys())).toEqual(shared(fr.keys()));
  });

  it('use the same interpolation variables as French', () => {
    for (const key of base(fr.keys())) {
      expect(variablesOf(texts, key), `${lng} ${key}`).toEqual(variablesOf(fr, key));
    }
  });
});

describe.each([...locales])('the %s plural forms', (lng) => {
  const texts = flat.get(lng);
  if (!texts) {
    it.skip(`${lng}: no translation yet (locales/${lng}/ is missing)`, () => {});
    return;
  }
  // i18next picks `key_<category>` with Intl.PluralRules (for the tag it holds the texts
  // under: pt-PT for Portuguese); `_zero` is also read for 0.
  const categories = new Intl.PluralRules(pluralTag(lng)).resolvedOptions().pluralCategories;
  it(`are the language's own: ${categories.join(', ')}`, () => {
    for (const stem of pluralStems) {
      for (const form of categories) {
        expect(texts.has(`${stem}_${form}`), `${lng} ${stem}_${form}`).toBe(true);
      }
      for (const key of texts.keys()) {
        if (key.replace(PLURAL, '') !== stem) continue;
        const form = PLURAL.exec(key)![1]!;
        expect(
          form === 'zero' || categories.includes(form as Intl.LDMLPluralRule),
          `${lng} ${key}: no such form`,
        ).toBe(true);
      }
    }
  });

  it('fit Telegram once filled (messages, command descriptions)', async () => {
    const t = (await createI18n()).t(lng);
    for (const [key, text] of texts) {
      if (ALIASES.test(key)) continue;
      const values = Object.fromEntries(variables(text).map((name) => [name, LONG_VALUE]));
      const filled = String(t(key.replace(PLURAL, ''), { ...values, count: 1000 }));
      expect(filled.length, `${lng} ${key}`).toBeLessThanOrEqual(MESSAGE_LIMIT);
      if (/(^|\.)description$/.test(key)) {
        expect(filled.length, `${lng} ${key}`).toBeGreaterThan(0);
        expect(filled.length, `${lng} ${key}`).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
      }
    }
  });
});

describe('locales', () => {
  it('are the six languages, French and English always there', () => {
    expect([...locales]).toEqual(['fr', 'en', 'ar', 'pt', 'es', 'tr']);
    expect(available.slice(0, 2)).toEqual(['fr', 'en']);
  });

  it("name every language a group may speak, where the console's preview says which (tryout)", () => {
    // web/pages/city-messages.ts: t(`web_messages.language.${groupLocale}`).
    for (const lng of available) {
      for (const group of available) {
        expect(
          flat.get(lng)!.get(`web_messages.language.${group}`),
          `${lng}: ${group}`,
        ).toBeTruthy();
      }
    }
  });

  it('only use markup that every platform can render, with no raw ampersand', () => {
    for (const [key, text] of [...flat.values()].flatMap((texts) => [...texts])) {
      const tags = [...text.matchAll(/<\/?([a-z]+)[^>]*>/g)].map((m) => m[1]);
      for (const tag of tags) expect(['b', 'i', 'code', 'a'], `${key}: <${tag}>`).toContain(tag);
      expect(/&(?!(lt|gt|amp|quot);)/.test(text), `${key}: raw &`).toBe(false);
    }
  });

  it('escape what a person typed when it is interpolated', async () => {
    const t = (await createI18n()).t('fr');
    expect(t('privacy.core_name', { name: '<b>Zoé & co</b>' })).toBe(
      'Nom affiché\u202f: &lt;b&gt;Zoé &amp; co&lt;/b&gt;',
    );
  });

  it('pick the French plural forms', async () => {
    const t = (await createI18n()).t('fr');
    expect(t('privacy.core_groups', { count: 1 })).toBe('Vu dans 1 groupe\u202f:');
    expect(t('privacy.core_groups', { count: 2 })).toBe('Vu dans 2 groupes\u202f:');
    expect(t('privacy.core_groups', { count: 1_000_000 })).toBe('Vu dans 1000000 groupes\u202f:');
  });

  it("pick European Portuguese's plural forms: 0 takes the plural, as in Portugal", async () => {
    const t = (await createI18n()).t('pt');
    // Brazil's rule (plain `pt` for Intl) would say "0 pessoa" and "Visto em 0 grupo".
    expect(t('gatherings.rsvp_noted_guests', { count: 0, name: 'Ana', title: 'Festa' })).toBe(
      'Fica registado, Ana: vai com 0 pessoas (Festa).',
    );
    expect(t('gatherings.item_missing', { count: 0 })).toBe('faltam 0');
    expect(t('privacy.core_groups', { count: 1 })).toBe('Visto em 1 grupo:');
    expect(t('privacy.core_groups', { count: 2 })).toBe('Visto em 2 grupos:');
    expect(t('privacy.core_groups', { count: 1_000_000 })).toBe('Visto em 1000000 grupos:');
  });

  it('fill in every text exactly as i18next does, even when the value looks like markup', async () => {
    const i18n = await createI18n();
    const reference = i18next.createInstance();
    await reference.init({
      lng: 'fr',
      fallbackLng: 'fr',
      supportedLngs: locales.map(pluralTag),
      resources: Object.fromEntries(
        available.map((lng) => [pluralTag(lng), { translation: resources[lng]! }]),
      ),
      interpolation: { escapeValue: true, escape: escapeHtml },
      returnNull: false,
      initAsync: false,
    });
    const values = ['<b>Zoé & "co"</b> / l\'été', 42, ''];
    for (const lng of available) {
      const t = i18n.t(lng);
      const expected = reference.getFixedT(pluralTag(lng));
      for (const [key, text] of flat.get(lng)!) {
        if (PLURAL.test(key)) continue;
        for (const value of values) {
          const vars = Object.fromEntries(variables(text).map((name) => [name, value]));
          expect(t(key, vars), `${lng} ${key}`).toBe(expected(key, vars));
          expect(t(key, { ...vars, extra: value }), `${lng} ${key}`).toBe(
            expected(key, { ...vars, extra: value }),
          );
          const plain = { ...vars, interpolation: { escapeValue: false } };
          expect(t(key, plain), `${lng} ${key} unescaped`).toBe(expected(key, plain));
        }
      }
    }
  });
});

describe('a group with no name', () => {
  // A sentence that names a group ({{group}}) has a `_unnamed` form written without it, asked
  // for through i18next's context when the group has neither a name nor a title
  // (groupInSentence, handlers/reach.ts). A stand-in noun filled into the sentence read wrong:
  // "Alguém de o seu grupo", "grubunuz grubundan".
  const alwaysNamed = new Map([
    ['console.banner', "the terminal's trial group always has its title"],
  ]);
  const sentences = [...base(fr.keys())].filter(
    (key) => variablesOf(fr, key).includes('group') && !key.endsWith('_unnamed'),
  );

  it('every text that names a group has its unnamed form, without {{group}}', () => {
    expect(sentences.length).toBeGreaterThan(15);
    for (const lng of available) {
      const texts = flat.get(lng)!;
      for (const [key, text] of texts) {
        const stem = key.replace(PLURAL, '');
        if (!variables(text).includes('group') || alwaysNamed.has(stem)) continue;
        const unnamed = `${stem}_unnamed${key.slice(stem.length)}`;
        expect(texts.has(unnamed), `${lng} ${unnamed}`).toBe(true);
        expect(variables(texts.get(unnamed)!), `${lng} ${unnamed}`).not.toContain('group');
      }
    }
  });

  it('reads as a sentence of its own in every language, never a stand-in filled in', async () => {
    const i18n = await createI18n();
    // The articles Portuguese, Spanish and French contract ("de o" → "do"), and Turkish's
    // "your group" before "group" (grubunuz grubundan).
    const broken = /\b(de|em|por) (o|a|os|as) |\bde el |\b(de|à) les? |grubunuz grubu/i;
    for (const lng of available) {
      const t = i18n.t(lng);
      for (const key of sentences) {
        if (alwaysNamed.has(key)) continue;
        const values = Object.fromEntries(
          variablesOf(fr, key).map((name) => [name, name === 'count' ? 2 : 'X']),
        );
        const { group: _named, ...rest } = values;
        const text = String(t(key, { ...rest, context: 'unnamed' }));
        expect(text, `${lng} ${key}`).not.toMatch(/\{\{|\bX\b.*\bX\b.*\bX\b/);
        expect(text, `${lng} ${key}`).not.toMatch(broken);
        // Its own form, not the named one with the group left empty.
        expect(text, `${lng} ${key}`).not.toBe(String(t(key, { ...values, group: '' })));
      }
    }
  });

  it('is asked for by the code, never a stand-in name', () => {
    // `group: name ?? t('…')` (a noun filled into the sentence) is what read wrong.
    const root = join(import.meta.dirname, '..');
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? files(join(dir, entry.name))
          : entry.name.endsWith('.ts')
            ? [join(dir, entry.name)]
            : [],
      );
    const standIns = ['handlers', 'web', 'bot']
      .flatMap(files)
      .flatMap((file) =>
        [
          ...readFileSync(join(root, file), 'utf8').matchAll(
            /\bgroup(Name)?: [^,\n]*(\?\?|\|\|) ?(ctx\.)?t\(/g,
          ),
        ].map((m) => `${file}: ${m[0]}`),
      );
    expect(standIns).toEqual([]);
  });
});

describe('dates, times and numbers', () => {
  it('are written by Intl for the locale, never with a hard-coded French or English tag', () => {
    // Everything a person reads, in the bot (handlers/, bot/) and in the console (web/), goes
    // through intlLocale(): Western digits in Arabic, Portugal's Portuguese, the 24-hour clock
    // of en-GB. A bare language code ("en": "02:05 PM") is a finding too. zoned-time.ts reads
    // a clock's fields (en-CA/en-GB give digits in a fixed order): no person sees them.
    const reading = new Set(['handlers/zoned-time.ts']);
    const root = join(import.meta.dirname, '..');
    const sources = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? sources(join(dir, entry.name))
          : entry.name.endsWith('.ts')
            ? [join(dir, entry.name)]
            : [],
      );
    const hardCoded: string[] = [];
    for (const file of ['handlers', 'web', 'bot'].flatMap(sources)) {
      if (reading.has(file)) continue;
      const text = readFileSync(join(root, file), 'utf8');
      const formatters =
        /new Intl\.(DateTimeFormat|NumberFormat|RelativeTimeFormat|ListFormat)\(\s*([^,)]*)/g;
      for (const m of text.matchAll(formatters)) {
        if (!m[2]!.startsWith('intlLocale(')) hardCoded.push(`${file}: ${m[0]}`);
      }
      for (const m of text.matchAll(/toLocale(?:Date|Time)?String\(\s*([^,)]*)/g)) {
        if (!m[1]!.startsWith('intlLocale(')) hardCoded.push(`${file}: ${m[0]}`);
      }
    }
    expect(hardCoded).toEqual([]);
  });

  it.each([...locales])('follow the %s conventions', async (lng: Locale) => {
    const { formatDate, formatDayMonthYear } = await import('../handlers/calendar/format-date.ts');
    const { formatNumber, intlLocale } = await import('../handlers/i18n.ts');
    const date = formatDayMonthYear('2027-05-28', lng);
    expect(date).toContain('2027');
    expect(date).toContain('28');
    expect(formatDate('2027-05-28', lng, 'long').length).toBeGreaterThan(date.length);
    expect(formatNumber(1234.5, lng)).toBe(new Intl.NumberFormat(intlLocale(lng)).format(1234.5));
    // Western digits in every language, Arabic included (as written in France).
    expect(formatNumber(112, lng)).toBe('112');
    if (lng !== 'fr' && lng !== 'en') {
      expect(date).toBe(
        new Intl.DateTimeFormat(intlLocale(lng), {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date('2027-05-28T12:00:00Z')),
      );
    }
    const months = { fr: 'mai', en: 'May', ar: 'مايو', pt: 'maio', es: 'mayo', tr: 'Mayıs' };
    expect(date).toContain(months[lng]);
  });
});

describe('command aliases', () => {
  it('are valid Telegram names for commands that exist, in every language', async () => {
    const { createFeatures } = await import('../handlers/features.ts');
    const i18n = await createI18n();
    const frenchNames = new Set(
      createFeatures({ i18n }).flatMap((f) => (f.commands ?? []).map((c) => c.names.fr)),
    );
    for (const [lng, aliases] of Object.entries(i18n.commandAliases ?? {})) {
      for (const name of Object.keys(aliases)) {
        expect(frenchNames.has(name), `${lng} commands.aliases.${name}: no such command`).toBe(
          true,
        );
      }
    }
  });
});
