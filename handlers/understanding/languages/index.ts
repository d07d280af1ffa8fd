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

/** Per category of distress, one expression for every language. */
export const DISTRESS_WORDS: Readonly<Record<Category, RegExp | undefined>> = {
  suicide: anyOf(LANGUAGES.flatMap((l) => l.distress.suicide)),
  fire: anyOf(LANGUAGES.flatMap((l) => l.distress.fire)),
  over: anyOf(LANGUAGES.flatMap((l) => l.distress.over)),
  other: anyOf(LANGUAGES.flatMap((l) => l.distress.other)),
  self: anyOf(LANGUAGES.flatMap((l) => l.distress.self)),
};

export interface Phrasings {
  patterns: RegExp;
  unless?: RegExp;
}

/** Per intent name, its phrasings in every language, as one expression. */
export function phrasingsOf(name: string): Phrasings | undefined {
  const specs = LANGUAGES.flatMap((l) => (Object.hasOwn(l.intents, name) ? [l.intents[name]!] : []));
  const patterns = anyOf(specs.flatMap((s) => s.patterns));
  if (!patterns) return undefined;
  return { patterns, unless: anyOf(specs.flatMap((s) => s.unless ?? [])) };
}
