// The languages the understanding reads besides French and English (distress.ts and the
// features' own patterns), each merged into one expression per category so that a message
// is scanned once per category, whatever the number of languages.
import { arabizi } from './ar-latin.ts';
import { arabic } from './ar.ts';
import { anyOf, type LanguageWords } from './language-words.ts';
import { portuguese } from './pt.ts';
import { spanish } from './es.ts';
import { turkish } from './tr.ts';

export const LANGUAGES: readonly LanguageWords[] = [arabic, arabizi, portuguese, spanish, turkish];

type Category = keyof LanguageWords['distress'];

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;

/** Per category, one expression for the languages in Latin letters, one for Arabic script. */
function merged(category: Category): { latin?: RegExp; arabic?: RegExp } {
  return {
    latin: anyOf(LANGUAGES.filter((l) => l !== arabic).flatMap((l) => l.distress[category])),
    arabic: anyOf(arabic.distress[category]),
  };
}

const DISTRESS_WORDS: Readonly<Record<Category, { latin?: RegExp; arabic?: RegExp }>> = {
  suicide: merged('suicide'),
  fire: merged('fire'),
  over: merged('over'),
  other: merged('other'),
  self: merged('self'),
};

const ANY_LATIN = anyOf(
  LANGUAGES.filter((l) => l !== arabic).flatMap((l) => Object.values(l.distress).flat()),
);
const ANY_ARABIC = anyOf(Object.values(arabic.distress).flat());

/**
 * Whether the words (bare reading) may say distress in one of the other languages: one scan
 * for every category, so that most messages, which say none, cost one scan, not five.
 */
export function mayBeDistress(bare: string, script: { arabic: boolean }): boolean {
  return ANY_LATIN?.test(bare) || (script.arabic && (ANY_ARABIC?.test(bare) ?? false));
}

/**
 * Whether the words (bare reading) say this in one of the other languages. Arabic script is
 * read only when the text has some: most messages have none.
 */
export function saidInOtherLanguages(
  category: Category,
  bare: string,
  script: { arabic: boolean },
): boolean {
  const words = DISTRESS_WORDS[category];
  return (
    (words.latin?.test(bare) ?? false) || (script.arabic && (words.arabic?.test(bare) ?? false))
  );
}

/** What the text is written in, worked out once per message. */
export function scriptOf(bare: string): { arabic: boolean } {
  return { arabic: ARABIC_SCRIPT.test(bare) };
}

const ANY_PHRASING = anyOf(
  LANGUAGES.flatMap((l) => Object.values(l.intents).flatMap((spec) => spec.patterns)),
);

/** Whether any intent may be said in one of the other languages (one scan for all). */
export function mayBeAnIntent(bare: string): boolean {
  return ANY_PHRASING?.test(bare) ?? false;
}

export interface Phrasings {
  patterns: RegExp;
  unless?: RegExp;
}

/** Per intent name, its phrasings in every language, as one expression. */
export function phrasingsOf(name: string): Phrasings | undefined {
  const specs = LANGUAGES.flatMap((l) =>
    Object.hasOwn(l.intents, name) ? [l.intents[name]!] : [],
  );
  const patterns = anyOf(specs.flatMap((s) => s.patterns));
  if (!patterns) return undefined;
  return { patterns, unless: anyOf(specs.flatMap((s) => s.unless ?? [])) };
}

/**
 * Arabic in Latin letters ("arabizi") said it: a tag, not a language of the bot's. French
 * speakers write these words too (language-detect.ts), so the answer stays in the chat's
 * language, with one short line in Arabic (safety.ts).
 */
export const ARABIZI = 'ar-Latn';

const ARABIZI_WORDS = Object.fromEntries(
  Object.entries(arabizi.distress).map(([category, patterns]) => [category, anyOf(patterns)]),
) as Record<Category, RegExp | undefined>;

/** Per language (Arabic in Latin letters apart: ARABIZI), per category. */
const BY_LANGUAGE = LANGUAGES.filter((l) => l !== arabizi).map((l) => ({
  language: l.language,
  arabic: l === arabic,
  words: Object.fromEntries(
    Object.entries(l.distress).map(([category, patterns]) => [category, anyOf(patterns)]),
  ) as Record<Category, RegExp | undefined>,
}));

/**
 * The languages whose words say this (bare reading). Read only once something was found:
 * one scan per language.
 */
export function languagesSaying(
  category: Category,
  bare: string,
  script: { arabic: boolean },
): string[] {
  const found = BY_LANGUAGE.filter(
    (l) => (!l.arabic || script.arabic) && (l.words[category]?.test(bare) ?? false),
  ).map((l) => l.language);
  return ARABIZI_WORDS[category]?.test(bare) ? [...found, ARABIZI] : found;
}
