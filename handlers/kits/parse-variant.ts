// Which version of the documents a person asks for, from the words after the kit's name:
// "/kit canicule grand", "/kit fete gros caractères 28/05", "/kit canicule facile",
// "/kit heatwave large print", "/kit fete easy". Taken out before the date, time and place
// are read, so that these words never become the place. A phrase ("gros caractères",
// "large print", "facile à lire") counts anywhere; a single word ("grand", "large",
// "facile", "easy") only at the end, or first when a date, a time or nothing follows it:
// "/kit fete grand hall" keeps "grand hall" as the place. Both are each language's own too
// (command-words.ts, `kitVariantPhrase` and `kitVariant`: "/kit canicule letra grande",
// "/kit canicule büyük harflerle", "/kit canicule kolay").
import type { CommandWords } from '../command-words.ts';
import { normaliseName } from './find-kit.ts';
import type { Variant } from './pdf/rules.ts';

/** The longest phrase, in words ("easy to read", "büyük harflerle yazılmış"). */
const PHRASE_WORDS = 4;

/** A weekday or a number: what may follow a leading variant word. */
const DATE_START =
  /^(?:\d|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow)/;

export function takeVariant(
  text: string,
  commandWords: CommandWords,
): { variant: Variant; rest: string } {
  const wordOf = (word: string | undefined): Variant | undefined =>
    word === undefined ? undefined : commandWords.find('kitVariant', word);
  let words = text.trim().split(/\s+/).filter(Boolean);
  const found = new Set<Variant>();
  // Phrases, wherever they are, the longest first.
  for (let length = PHRASE_WORDS; length >= 1; length--) {
    for (let start = 0; start + length <= words.length; start++) {
      const phrase = commandWords.find(
        'kitVariantPhrase',
        words.slice(start, start + length).join(' '),
      );
      if (phrase) {
        found.add(phrase);
        words = [...words.slice(0, start), ...words.slice(start + length)];
        start--;
      }
    }
  }
  // Single words at the end, then at the start when a date, a time or nothing follows.
  for (;;) {
    const last = wordOf(words.at(-1));
    if (last && words.length > 0) {
      found.add(last);
      words = words.slice(0, -1);
      continue;
    }
    const first = wordOf(words[0]);
    if (first && (words.length === 1 || DATE_START.test(normaliseName(words[1] ?? '')))) {
      found.add(first);
      words = words.slice(1);
      continue;
    }
    break;
  }
  // Easy to read is set in large type already.
  const variant = found.has('easy') ? 'easy' : found.has('large') ? 'large' : 'standard';
  return { variant, rest: words.join(' ') };
}
