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
    resources[lng] =
      lng === 'fr' ? (withTypography(namespace, frenchTypography) as typeof namespace) : namespace;
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
  const fixed = new Map(
    locales.map((lng) => [lng, memoised(instance.getFixedT(lng), templatesOf(instance, lng))]),
  );
  return { t: (locale) => fixed.get(locale) ?? fixed.get('fr')! };
}

/** "label : value" in the language's punctuation; both already safe markup. */
export function pair(label: string, value: string, t: T): string {
  return t('format.pair', { label, value, interpolation: { escapeValue: false } });
}

/** What a person wrote, between the language's quotation marks, escaped. */
export function quoted(text: string, t: T): string {
  return t('format.quoted', { text });
}

/**
 * French typography, as the PDFs have it: a narrow no-break space (U+202F) before « : ; ? ! »
 * that end a word, and inside « », so that a phone never puts "?" alone at the start of a line.
 * Applied to the bot's own words when they are loaded, never to what a person typed. A colon
 * that starts a word (":moi", a time "20:00") is left alone.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/[ \u00a0](?=[:;?!](?:[\s?!)»"'.,<*_]|$))/g, '\u202f')
    .replace(/«[ \u00a0]/g, '«\u202f')
    .replace(/[ \u00a0]»/g, '\u202f»');
}

function withTypography(value: unknown, typeset: (text: string) => string): unknown {
  if (typeof value === 'string') return typeset(value);
  if (Array.isArray(value)) return value.map((v) => withTypography(v, typeset));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, withTypography(v, typeset)]),
    );
  }
  return value;
}

/** A text whose only markup is `{{name}}` placeholders: literal parts around the names. */
interface Template {
  parts: string[];
  names: string[];
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The plain `{{name}}` texts of a language (its own, else French, as i18next falls back). */
function templatesOf(instance: i18n, lng: Locale): (key: string) => Template | undefined {
  const templates = new Map<string, Template | null>();
  return (key) => {
    let template = templates.get(key);
    if (template === undefined) {
      const text: unknown =
        instance.getResource(lng, 'translation', key) ??
        instance.getResource('fr', 'translation', key);
      template = null;
      // Anything else ({{- raw}}, formats, nesting, plurals) is left to i18next.
      if (typeof text === 'string' && !text.includes('$t(')) {
        const pieces = text.split(PLACEHOLDER);
        const parts = pieces.filter((_, i) => i % 2 === 0);
        if (!parts.some((part) => part.includes('{{'))) {
          template = { parts, names: pieces.filter((_, i) => i % 2 === 1) };
        }
      }
      templates.set(key, template);
    }
    return template ?? undefined;
  };
}

/**
 * A key asked for without options always gives the same text: remember it. A key whose text
 * has only `{{name}}` placeholders, asked for with exactly those values (strings or numbers),
 * is filled in here, escaped as i18next would (or not, with `interpolation: { escapeValue:
 * false }`, which i18next pays for dearly: it builds its regular expressions again). i18next's own lookup and interpolation were a
 * tenth of the bot's CPU under load (bench/telegram-pipeline.ts); anything else (plurals with
 * `count`, per-call options, missing values) still goes to i18next.
 */
function memoised(t: TFunction, templateOf: (key: string) => Template | undefined): TFunction {
  const texts = new Map<string, string>();
  const lookup = (key: unknown, ...rest: unknown[]): unknown => {
    if (typeof key === 'string') {
      if (rest.length === 0) {
        let text = texts.get(key);
        if (text === undefined) texts.set(key, (text = String(t(key))));
        return text;
      }
      const filled = rest.length === 1 ? fill(templateOf(key), rest[0]) : undefined;
      if (filled !== undefined) return filled;
    }
    return (t as unknown as (...args: unknown[]) => unknown)(key, ...rest);
  };
  return lookup as unknown as TFunction;
}

function fill(template: Template | undefined, options: unknown): string | undefined {
  if (!template || typeof options !== 'object' || options === null) return undefined;
  const values = options as Record<string, unknown>;
  let escape = escapeHtml;
  for (const name in values) {
    // Plain text asked for (to go into another text, which escapes it then).
    if (name === 'interpolation' && isUnescaped(values.interpolation)) escape = String;
    else if (!template.names.includes(name)) return undefined;
  }
  let text = template.parts[0]!;
  for (let i = 0; i < template.names.length; i++) {
    const value = values[template.names[i]!];
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    text += escape(String(value)) + template.parts[i + 1]!;
  }
  return text;
}

/** `{ escapeValue: false }` and nothing else. */
function isUnescaped(interpolation: unknown): boolean {
  if (typeof interpolation !== 'object' || interpolation === null) return false;
  const keys = Object.keys(interpolation);
  return keys.length === 1 && (interpolation as { escapeValue?: unknown }).escapeValue === false;
}
