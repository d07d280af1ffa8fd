// Every word a person sees lives in locales/<lng>/<feature>.json; a file's name is the first
// part of its keys (`help.title` is in locales/fr/help.json). Interpolated values are
// HTML-escaped, because outbound text is a safe HTML subset (see OutboundMessage): nothing
// a person typed can turn into markup on any platform.
// Six languages: French first, English, then the languages most spoken in France's
// neighbourhoods after French (Arabic, Portuguese, Spanish, Turkish). A language is offered
// only once its folder is there (`available`); a text missing in it falls back to French.
// Arabic is written right to left: its values are isolated (U+2068…U+2069) so that a phone
// number, a time or a French name keeps its own order inside an Arabic sentence.
import i18next, { type i18n, type TFunction } from 'i18next';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toCommandAliases, type CommandAliases } from './commands.ts';
import { createCommandWords, toLanguageWords, type CommandWords } from './command-words.ts';
import { escapeHtml } from './events.ts';

export const locales = ['fr', 'en', 'ar', 'pt', 'es', 'tr'] as const;
export type Locale = (typeof locales)[number];
export type T = TFunction;

/** Languages written right to left. */
export const rtlLocales: readonly Locale[] = ['ar'];
export const isRtl = (locale: Locale): boolean => rtlLocales.includes(locale);

/**
 * The tag handed to Intl for dates, times and numbers. Arabic as written in France (and in
 * the Maghreb) uses Western digits: 112, not ١١٢.
 */
const INTL_TAGS: Record<Locale, string> = {
  fr: 'fr-FR',
  en: 'en-GB',
  ar: 'ar-u-nu-latn',
  pt: 'pt-PT',
  es: 'es-ES',
  tr: 'tr-TR',
};
export const intlLocale = (locale: Locale): string => INTL_TAGS[locale];

/**
 * The language tag i18next holds each language's texts under, which is also the tag its
 * plural forms are chosen with (Intl.PluralRules). Plain `pt` is Brazil's rule, where 0
 * takes the singular ("0 pessoa"); the Portuguese of France's neighbourhoods is mostly
 * European, where 0 takes the plural ("0 pessoas"): `pt-PT`.
 */
export const pluralTag = (locale: Locale): string => (locale === 'pt' ? 'pt-PT' : locale);

const numberFormats = new Map<Locale, Intl.NumberFormat>();
/** A number as the language writes it ("1 234,5" in French, "1,234.5" in English). */
export function formatNumber(value: number, locale: Locale): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(intlLocale(locale))));
  return format.format(value);
}

export const localesDir = fileURLToPath(new URL('../locales', import.meta.url));

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Maps a client's language tag (`fr-FR`, `en-GB`) to a supported locale, French otherwise. */
export function toLocale(tag: string | undefined | null, fallback: Locale = 'fr'): Locale {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : fallback;
}

/** The languages whose folder is in `dir` (French and English always are). */
export function findAvailableLocales(dir = localesDir): Locale[] {
  return locales.filter((lng) => lng === 'fr' || lng === 'en' || existsSync(join(dir, lng)));
}

/**
 * The texts of each available language, as the bot says them: French typography, Arabic
 * direction marks. A language whose folder is not there yet is left out (French stands in).
 */
export function loadLocaleResources(
  dir = localesDir,
): Partial<Record<Locale, Record<string, unknown>>> & Record<'fr' | 'en', Record<string, unknown>> {
  const resources = {} as Record<Locale, Record<string, unknown>>;
  for (const lng of findAvailableLocales(dir)) {
    const namespace = loadRawLocale(lng, dir);
    resources[lng] =
      lng === 'fr'
        ? (withTypography(namespace, frenchTypography) as typeof namespace)
        : isRtl(lng)
          ? (withTypography(namespace, rightToLeftMarks) as typeof namespace)
          : namespace;
  }
  return resources;
}

/** A language's files as written, file name → its keys (no typography added). */
export function loadRawLocale(lng: Locale, dir = localesDir): Record<string, unknown> {
  const namespace: Record<string, unknown> = {};
  for (const file of readdirSync(join(dir, lng))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    namespace[basename(file, '.json')] = JSON.parse(readFileSync(join(dir, lng, file), 'utf8'));
  }
  return namespace;
}

export interface I18n {
  t(locale: Locale): T;
  /** The languages a person or a group may choose (their texts are there). */
  available: readonly Locale[];
  /** Each language's own command names (locales/<lng>/commands.json). */
  commandAliases?: CommandAliases;
  /** The words typed after commands, French and English and each language's own. */
  commandWords: CommandWords;
}

export async function createI18n(dir = localesDir): Promise<I18n> {
  const instance: i18n = i18next.createInstance();
  const resources = loadLocaleResources(dir);
  await instance.init({
    lng: 'fr',
    fallbackLng: 'fr',
    supportedLngs: locales.map(pluralTag),
    resources: Object.fromEntries(
      Object.entries(resources).map(([lng, translation]) => [
        pluralTag(lng as Locale),
        { translation },
      ]),
    ),
    interpolation: { escapeValue: true, escape: escapeHtml },
    returnNull: false,
    initAsync: false,
  });
  const fixed = new Map(
    locales.map((lng) => [
      lng,
      memoised(instance.getFixedT(pluralTag(lng)), templatesOf(instance, pluralTag(lng))),
    ]),
  );
  const available = locales.filter((lng) => lng in resources);
  const commandAliases: CommandAliases = Object.fromEntries(
    available.map((lng) => [lng, toCommandAliases(resources[lng])]),
  );
  const commandWords = createCommandWords(
    Object.fromEntries(available.map((lng) => [lng, toLanguageWords(resources[lng])])),
  );
  return {
    t: (locale) => fixed.get(locale) ?? fixed.get('fr')!,
    available,
    commandAliases,
    commandWords,
  };
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

const FSI = '\u2068';
const PDI = '\u2069';
const RLM = '\u200f';
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;

/**
 * Direction marks for a right-to-left text, added when it is loaded: every escaped value
 * (`{{name}}`, `{{count}}`: names, phone numbers, times, counts) is wrapped in a first-strong
 * isolate, so "06 12 34 56 78" or "Mme Lefèvre" keep their order inside an Arabic sentence
 * (Unicode's bidi algorithm, rule X5c; Telegram's and WhatsApp's apps on Android, iOS and the
 * web render isolates, and an older client shows nothing for them). A line that does not
 * start with an Arabic letter (a value, a number, markup then a name) starts with a
 * right-to-left mark, so that even a client that ignores isolates sets it right to left.
 */
export function rightToLeftMarks(text: string): string {
  return text
    .replace(/\{\{(?!-)\s*([\w.]+)\s*\}\}/g, `${FSI}{{$1}}${PDI}`)
    .split('\n')
    .map((line) => {
      const visible = line.replace(/<[^>]*>/g, '').replace(/[\u2068\u2069]/g, '');
      const first = /[\p{L}\p{N}{]/u.exec(visible)?.[0];
      return first && !RTL_LETTER.test(first) ? RLM + line : line;
    })
    .join('\n');
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
function templatesOf(instance: i18n, lng: string): (key: string) => Template | undefined {
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
