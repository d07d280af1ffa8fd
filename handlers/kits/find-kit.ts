// Finding a kit from what a person typed: any language's title, id or alias, without
// accents or case, and small typos (edit distance). The longest run of words that names a
// kit wins, so "/kit fête des voisins 28/05" finds the kit and leaves "28/05"; a long name
// with a typo wins over a short exact one, so "/kit fête des voisin" does not leave
// "des voisin" to be read as the place.
import { locales } from '../i18n.ts';
import { readWords } from '../understanding/normalise.ts';
import type { KitCatalogue } from './load-kits.ts';

export function normaliseName(text: string): string {
  // As plain words are read (Arabic spellings folded, Turkish ı, œ), without SMS spellings:
  // kits are named in every language the bot speaks.
  return readWords(text).bare;
}

export interface KitIndex {
  /** Kit id and the rest of the words, or the closest ids when nothing matches. */
  find(query: string): { id: string; rest: string } | { suggestions: string[] };
  /**
   * The kit a sentence names anywhere in it, exactly ("tu as l'affiche de la galette ?"),
   * and the words after its name, as typed ("kit noël pour samedi" → "pour samedi").
   */
  mentioned(text: string): { id: string; after: string } | undefined;
}

export function createKitIndex(catalogue: KitCatalogue): KitIndex {
  const names = new Map<string, string>();
  for (const id of catalogue.ids) {
    for (const locale of locales) {
      const kit = catalogue.get(id, locale);
      for (const name of [id, kit.title, ...kit.aliases]) names.set(normaliseName(name), id);
    }
  }
  const maxWords = Math.max(...[...names.keys()].map((n) => n.split(' ').length));

  function closest(name: string): { id: string; distance: number } | undefined {
    let best: { id: string; distance: number } | undefined;
    for (const [candidate, id] of names) {
      const distance = editDistance(name, candidate);
      if (!best || distance < best.distance) best = { id, distance };
    }
    return best;
  }

  return {
    mentioned(text) {
      // The words as typed first, to give what follows the name as typed; then the sentence
      // read as words (a name inside a word, "l'affiche-galette"), with nothing after it.
      const typed = text.trim().split(/\s+/).filter(Boolean);
      const words = normaliseName(text).split(' ').filter(Boolean);
      for (const [list, read] of [
        [typed, normaliseName],
        [words, (name: string) => name],
      ] as const) {
        for (let n = Math.min(list.length, maxWords); n >= 1; n--) {
          for (let start = 0; start + n <= list.length; start++) {
            const id = names.get(read(list.slice(start, start + n).join(' ')));
            if (id) return { id, after: list === typed ? list.slice(start + n).join(' ') : '' };
          }
        }
      }
      return undefined;
    },
    find(query) {
      const words = query.trim().split(/\s+/).filter(Boolean);
      // Longest first: a name of several words, exact or with a typo allowance; then a
      // single word, exact, then with a typo allowance.
      for (const pass of ['long', 'single-exact', 'single-tolerant'] as const) {
        const longest = pass === 'long' ? Math.min(words.length, maxWords) : 1;
        const shortest = pass === 'long' ? 2 : 1;
        for (let n = longest; n >= shortest; n--) {
          const name = normaliseName(words.slice(0, n).join(' '));
          if (name === '') continue;
          const exact = names.get(name);
          if (exact) return { id: exact, rest: words.slice(n).join(' ') };
          if (pass !== 'single-exact' && name.length >= 4) {
            const near = closest(name);
            if (near && near.distance <= Math.max(1, Math.floor(name.length / 5))) {
              return { id: near.id, rest: words.slice(n).join(' ') };
            }
          }
        }
      }
      const name = normaliseName(words.slice(0, 3).join(' '));
      const ranked = [...names]
        .map(([candidate, id]) => ({ id, distance: editDistance(name, candidate) }))
        .sort((a, b) => a.distance - b.distance);
      return { suggestions: [...new Set(ranked.map((r) => r.id))].slice(0, 3) };
    },
  };
}

/** Levenshtein distance, with two rows. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
