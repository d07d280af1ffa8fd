// Every word exists in French and English, with the same interpolation variables, and
// French plurals have their `_many` form (i18next uses Intl.PluralRules: one, many, other).
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../handlers/events.ts';
import { createI18n, frenchTypography, loadLocaleResources, locales } from '../handlers/i18n.ts';

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
const fr = flatten(resources.fr);
const en = flatten(resources.en);
const base = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));

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

describe('locales', () => {
  it('have the same keys in French and English (plural forms aside)', () => {
    expect([...base(fr.keys())].sort()).toEqual([...base(en.keys())].sort());
  });

  it('use the same interpolation variables in both languages', () => {
    for (const key of base(fr.keys())) {
      const frVars = new Set(
        [...fr].filter(([k]) => k.replace(PLURAL, '') === key).flatMap(([, v]) => variables(v)),
      );
      const enVars = new Set(
        [...en].filter(([k]) => k.replace(PLURAL, '') === key).flatMap(([, v]) => variables(v)),
      );
      expect([...frVars].sort(), key).toEqual([...enVars].sort());
    }
  });

  it('give every French plural its one, many and other forms', () => {
    for (const key of fr.keys()) {
      if (!PLURAL.test(key)) continue;
      const stem = key.replace(PLURAL, '');
      for (const form of ['one', 'many', 'other'])
        expect(fr.has(`${stem}_${form}`), `${stem}_${form}`).toBe(true);
    }
  });

  it('only use markup that every platform can render, with no raw ampersand', () => {
    for (const [key, text] of [...fr, ...en]) {
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

  it('fill in every text exactly as i18next does, even when the value looks like markup', async () => {
    const i18n = await createI18n();
    const reference = i18next.createInstance();
    await reference.init({
      lng: 'fr',
      fallbackLng: 'fr',
      supportedLngs: [...locales],
      resources: { fr: { translation: resources.fr }, en: { translation: resources.en } },
      interpolation: { escapeValue: true, escape: escapeHtml },
      returnNull: false,
      initAsync: false,
    });
    const values = ['<b>Zoé & "co"</b> / l\'été', 42, ''];
    for (const lng of locales) {
      const t = i18n.t(lng);
      const expected = reference.getFixedT(lng);
      for (const [key, text] of lng === 'fr' ? fr : en) {
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
