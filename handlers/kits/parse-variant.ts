// Which version of the documents a person asks for, from the words around the kit's name:
// "/kit canicule grand", "/kit fete gros caractères 28/05", "/kit canicule facile",
// "/kit heatwave large print", "/kit gros caractères canicule". Taken out before the date,
// time and place are read, so that these words never become the place. Each language's own
// words count too, in every chat (command-words.ts, `kitVariantPhrase` and `kitVariant`:
// "/kit canicule letra grande", "/kit canicule büyük harflerle", "/kit canicule kolay").
//
// - A phrase ("gros caractères", "large print", "letra grande", "facile à lire") counts
//   anywhere: it names nothing else.
// - A single word counts at either end of the details, and before the kit's name. "Easy"
//   ("facile", "fácil", "kolay") names no place, so it always counts there. "Large"
//   ("grand", "grande", "büyük", "كبير") is also said of a place, before it ("grand hall",
//   "büyük salon") or after it ("sala grande", "patio grande"): next to the place it stays
//   in the place, and counts only next to the kit's name, a date, a time or another variant
//   word ("/kit fete grand vendredi 19h cour", "/kit fete 28/05 19h grande"). Someone who
//   wants both a big room and large print writes the phrase, which works anywhere; a place
//   cut short would have had no such way out.
import { findDate, findHours } from '../calendar/french-dates.ts';
import type { CommandWords } from '../command-words.ts';
import { UserFacingError } from '../errors.ts';
import type { Variant } from './pdf/rules.ts';

/** The longest phrase, in words ("easy to read", "büyük harflerle yazılmış"). */
const PHRASE_WORDS = 4;

const split = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** The phrase starting at `start`, the longest first. */
function phraseAt(
  words: string[],
  start: number,
  commandWords: CommandWords,
): { variant: Variant; length: number } | undefined {
  for (let length = Math.min(PHRASE_WORDS, words.length - start); length >= 1; length--) {
    const variant = commandWords.find(
      'kitVariantPhrase',
      words.slice(start, start + length).join(' '),
    );
    if (variant) return { variant, length };
  }
  return undefined;
}

/**
 * Whether the words end (or start) with a date or a time, as handlers/calendar reads them in
 * every language ("vendredi", "sexta-feira", "cuma", "الجمعة", "28/05", "19h"), or are none.
 */
function touchesWhen(words: string[], side: 'start' | 'end', today: string): boolean {
  const text = words.join(' ');
  if (text === '') return true;
  try {
    for (const find of [(s: string) => findDate(s, today), findHours]) {
      // Each date or time in turn: findDate and findTime give the first one.
      for (let offset = 0; offset < text.length;) {
        const found = find(text.slice(offset));
        if (!found) break;
        if (side === 'start' && offset + found.start === 0) return true;
        if (side === 'end' && offset + found.end === text.length) return true;
        offset += found.end;
      }
    }
  } catch (error) {
    // A date that cannot be (31/02, a past year) is a date all the same: its own message
    // follows when the details are read.
    if (error instanceof UserFacingError) return true;
    throw error;
  }
  return false;
}

/**
 * The variant asked for in the details after the kit's name, and the details without it.
 * `today` (YYYY-MM-DD) reads the dates; `before` are variants already read before the name.
 * In a sentence (`singleWords` false) only phrases count: a single word is too common there.
 */
export function takeVariant(
  text: string,
  commandWords: CommandWords,
  today: string,
  before: Variant[] = [],
  { singleWords = true }: { singleWords?: boolean } = {},
): { variant: Variant; rest: string } {
  let words = split(text);
  const found = new Set<Variant>(before);
  // Phrases, wherever they are, the longest first.
  for (let start = 0; start < words.length;) {
    const phrase = phraseAt(words, start, commandWords);
    if (!phrase) {
      start++;
      continue;
    }
    found.add(phrase.variant);
    words = [...words.slice(0, start), ...words.slice(start + phrase.length)];
  }
  // Single words at the end, then at the start (not in a sentence: `singleWords` false).
  if (!singleWords) return { variant: chosen(found), rest: words.join(' ') };
  const wordOf = (word: string | undefined): Variant | undefined =>
    word === undefined ? undefined : commandWords.find('kitVariant', word);
  for (;;) {
    const last = wordOf(words.at(-1));
    if (last && (last === 'easy' || touchesWhen(words.slice(0, -1), 'end', today))) {
      found.add(last);
      words = words.slice(0, -1);
      continue;
    }
    const first = wordOf(words[0]);
    if (first && (first === 'easy' || touchesWhen(words.slice(1), 'start', today))) {
      found.add(first);
      words = words.slice(1);
      continue;
    }
    break;
  }
  return { variant: chosen(found), rest: words.join(' ') };
}

/** A variant phrase or word at the very start ("gros caractères canicule"), taken out. */
export function takeLeadingVariant(
  text: string,
  commandWords: CommandWords,
): { variant: Variant; rest: string } | undefined {
  const words = split(text);
  const phrase = phraseAt(words, 0, commandWords);
  if (phrase) return { variant: phrase.variant, rest: words.slice(phrase.length).join(' ') };
  const word = words[0] === undefined ? undefined : commandWords.find('kitVariant', words[0]);
  return word ? { variant: word, rest: words.slice(1).join(' ') } : undefined;
}

/** The variant a phrase names anywhere in a sentence ("le kit canicule en gros caractères"). */
export function variantPhraseIn(text: string, commandWords: CommandWords): Variant | undefined {
  const words = split(text.replace(/[,;:!?.()«»"،؟]/g, ' '));
  const found = new Set<Variant>();
  for (let start = 0; start < words.length; start++) {
    const phrase = phraseAt(words, start, commandWords);
    if (phrase) found.add(phrase.variant);
  }
  return found.size > 0 ? chosen(found) : undefined;
}

/** Easy to read is set in large type already. */
function chosen(found: ReadonlySet<Variant>): Variant {
  return found.has('easy') ? 'easy' : found.has('large') ? 'large' : 'standard';
}
