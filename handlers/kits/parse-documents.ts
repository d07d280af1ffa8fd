// Which of a kit's documents a person asks for: "l'affiche canicule", "/kit canicule affiche",
// "the heatwave poster", "el cartel de la ola de calor", "canicule afişi" ask for the poster
// only, "les conseils canicule" for the tips sheet; words naming no document ask for all of
// them. The words are each language's (command-words.ts, `kitDocument`), in every chat, and
// are taken out of the details so that they never become the place ("/kit fete affiche
// 28/05 19h cour"). No kit's name has such a word, so a kit's name is never cut.
import type { CommandWords } from '../command-words.ts';
import type { DocumentKind } from './kit-schema.ts';

/** "l'affiche", "d'affiches": the word after a French elision. */
const ELISION = /^(?:l|d|qu)['’]/iu;

const documentOf = (word: string, commandWords: CommandWords): DocumentKind | undefined =>
  commandWords.find('kitDocument', word.replace(ELISION, ''));

/** The documents the words name (none: all of the kit's), and the words without them. */
export function takeDocuments(
  text: string,
  commandWords: CommandWords,
): { documents: DocumentKind[]; rest: string } {
  const documents = new Set<DocumentKind>();
  const kept: string[] = [];
  const words = text.trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    // "el ilanı" (Turkish, two words) is one document's name, compared without its space.
    const pair =
      i + 1 < words.length ? documentOf(`${words[i]}${words[i + 1]}`, commandWords) : undefined;
    if (pair) {
      documents.add(pair);
      i++;
      continue;
    }
    const single = documentOf(words[i]!, commandWords);
    if (single) documents.add(single);
    else kept.push(words[i]!);
  }
  return { documents: [...documents], rest: kept.join(' ') };
}

/** The documents a sentence names anywhere ("tu as l'affiche pour la canicule ?"). */
export function documentsIn(text: string, commandWords: CommandWords): DocumentKind[] {
  return takeDocuments(text.replace(/[,;:!?.()«»"،؟]/g, ' '), commandWords).documents;
}
