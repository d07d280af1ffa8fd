// Every word a person sees lives in locales/<lng>/<feature>.json; a file's name is the first
// part of its keys (`help.title` is in locales/fr/help.json). Interpolated values are
// HTML-escaped, because outbound text is a safe HTML subset (see OutboundMessage): nothing
// a person typed can turn into markup on any platform.
import i18next, { type i18n, type TFunction } from 'i18next';
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml } from './events.ts';

export const locales = ['fr', 'en'] as const;
export type Locale = (typeof locales)[number];
export type T = TFunction;

export const localesDir = fileURLToPath(new URL('../locales', import.meta.url));

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Maps a client's language tag (`fr-FR`, `en-GB`) to a supported locale, French otherwise. */
export function toLocale(tag: string | undefined | null, fallback: Locale = 'fr'): Locale {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : fallback;
}

export function loadLocaleResources(dir = localesDir): Record<Locale, Record<string, unknown>> {
  const resources = {} as Record<Locale, Record<string, unknown>>;
  for (const lng of locales) {
    const namespace: Record<string, unknown> = {};
    for (const file of readdirSync(join(dir, lng))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      namespace[basename(file, '.json')] = JSON.parse(readFileSync(join(dir, lng, file), 'utf8'));
    }
    resources[lng] = namespace;
  }
  return resources;
}

export interface I18n {
  t(locale: Locale): T;
}

export async function createI18n(dir = localesDir): Promise<I18n> {
  const instance: i18n = i18next.createInstance();
  const resources = loadLocaleResources(dir);
  await instance.init({
    lng: 'fr',
    fallbackLng: 'fr',
    supportedLngs: [...locales],
    resources: Object.fromEntries(
      Object.entries(resources).map(([lng, translation]) => [lng, { translation }]),
    ),
    interpolation: { escapeValue: true, escape: escapeHtml },
    returnNull: false,
    initAsync: false,
  });
  const fixed = new Map(locales.map((lng) => [lng, memoised(instance.getFixedT(lng))]));
  return { t: (locale) => fixed.get(locale) ?? fixed.get('fr')! };
}

/**
 * A key asked for without options always gives the same text: remember it. i18next's own
 * lookup was a tenth of the bot's CPU under load (bench/telegram-pipeline.ts), mostly for
 * such constant words (labels, headings); calls with options still go to i18next.
 */
function memoised(t: TFunction): TFunction {
  const texts = new Map<string, string>();
  const lookup = (key: unknown, ...rest: unknown[]): unknown => {
    if (rest.length === 0 && typeof key === 'string') {
      let text = texts.get(key);
      if (text === undefined) texts.set(key, (text = String(t(key))));
      return text;
    }
    return (t as unknown as (...args: unknown[]) => unknown)(key, ...rest);
  };
  return lookup as unknown as TFunction;
}
