// What one language adds to the plain-words understanding: its words of distress, and its
// everyday phrasings of the features' intents, keyed by the intent's name (IntentSpec.name).
// Written against the bare reading of normalise.ts (readWords): lower case, no accents or
// tashkeel, Arabic letters folded, Turkish ı as i, punctuation gone, and no French SMS
// spelling written out. A volunteer adds a language with one file beside this one, listed
// in index.ts, and its messages in tests/understanding/corpus.ts.

export interface LanguageWords {
  /** ISO 639-1 code, for the corpus's figures ("ar" covers Arabic script and arabizi). */
  language: string;
  distress: {
    /** Thoughts of suicide (3114 as well). */
    suicide: RegExp[];
    /** Fire or gas. */
    fire: RegExp[];
    /** Said afterwards: it is over ("ya estoy mejor"). */
    over: RegExp[];
    /** Someone else: fell, no longer answers, collapsed. */
    other: RegExp[];
    /** The writer: unwell, fallen, cannot breathe, calling for help. */
    self: RegExp[];
  };
  intents: Record<string, { patterns: RegExp[]; unless?: RegExp[] }>;
}

/**
 * One regular expression that matches where any of these does (one scan, not many). Those
 * that begin at a word (`\\b` or `^`) are tried only where a word begins: over words
 * separated by single spaces, one check there saves each of them its own at every letter.
 */
export function anyOf(patterns: RegExp[]): RegExp | undefined {
  if (patterns.length === 0) return undefined;
  const atWord = patterns.filter((pattern) => /^(?:\\b|\^)/.test(pattern.source));
  const elsewhere = patterns.filter((pattern) => !atWord.includes(pattern));
  const join = (list: RegExp[]) => list.map((pattern) => `(?:${pattern.source})`).join('|');
  const sources = [
    ...(atWord.length > 0 ? [`(?<![^ ])(?:${join(atWord)})`] : []),
    ...(elsewhere.length > 0 ? [join(elsewhere)] : []),
  ];
  return new RegExp(sources.join('|'));
}

/**
 * A whole word or phrase in Arabic script, where `\b` does not work (it knows only ASCII
 * letters): between spaces or the ends of the text, with the prefixes that stick to words
 * (و and, ف so, ب with, ل for, ال the) allowed before it.
 */
export function arabicWord(alternatives: string, prefixes = true): string {
  const before = prefixes ? '(?:و|ف|ب|ل|ال|وال|بال|فال|لل)?' : '';
  return `(?<![^ ])${before}(?:${alternatives})(?![^ ])`;
}
