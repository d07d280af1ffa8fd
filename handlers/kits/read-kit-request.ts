// What "/kit …" asks for: the kit, the version of its documents, and the details left for
// the date, time and place. The kit's name is read first, so that a name that starts with a
// variant word stays a name: "/kit grand froid" is the Grand froid kit, not "froid" in large
// print. Only when the words name no kit are variant words taken off their start, one phrase
// or word at a time, and the name looked for again: "/kit gros caractères canicule",
// "/kit letra grande onda de calor", "/kit büyük harflerle sıcak hava", "/kit facile grand
// froid" (the Grand froid kit, easy to read).
import type { CommandWords } from '../command-words.ts';
import type { KitIndex } from './find-kit.ts';
import { takeLeadingVariant, takeVariant } from './parse-variant.ts';
import type { Variant } from './pdf/rules.ts';

export type KitRequest =
  | { id: string; variant: Variant; rest: string }
  /** No kit named: the closest kits, for the words without their variant words. */
  | { suggestions: string[] };

export function readKitRequest(
  args: string,
  index: KitIndex,
  commandWords: CommandWords,
  today: string,
): KitRequest {
  let text = args;
  const before: Variant[] = [];
  let found = index.find(text);
  for (;;) {
    if ('id' in found) {
      const { variant, rest } = takeVariant(found.rest, commandWords, today, before);
      return { id: found.id, variant, rest };
    }
    const lead = takeLeadingVariant(text, commandWords);
    if (!lead || lead.rest === '') break;
    before.push(lead.variant);
    text = lead.rest;
    found = index.find(text);
  }
  return found;
}
