// Words typed after a command's name (`/fete clore`, `/parametres messages oui`). Like the
// command names (commands.ts), the French and English words below work in every chat; each
// other language adds its own in locales/<lng>/commands.json, `words.<table>.<meaning>`:
// "a, b", which work in every chat too (a Portuguese neighbour in a French group types
// `/fete fechar`); a language's help texts show its own words. Words are
// compared without case, accents or punctuation ("Arrêter" = "arreter", "grand-froid" =
// "grandfroid"); Turkish dotless ı is read as i, so that "HAYIR", "hayır" and "hayir" (typed
// without a Turkish keyboard) are one word; Arabic letters are kept, their marks dropped.
import type { Locale } from './i18n.ts';

/** Each table's meanings, with their French then English words. */
export const builtInWords = {
  /** /fete and /evenement, for organisers. */
  gathering: {
    close: ['clore', 'cloturer', 'fermer', 'close'],
    date: ['date', 'deplacer', 'move'],
    time: ['heure', 'time'],
    place: ['lieu', 'place'],
    rain: ['pluie', 'repli', 'rain'],
    deadline: ['delai', 'echeance', 'deadline'],
    cancel: ['annuler', 'cancel'],
  },
  /** /evenement <title> sondage <dates>. */
  poll: { poll: ['sondage', 'poll'] },
  /** /liste. */
  list: {
    add: ['ajouter', 'add'],
    remove: ['retirer', 'supprimer', 'remove'],
    print: ['imprimer', 'imprime', 'print', 'pdf'],
  },
  /** /parametres <setting>. */
  setting: {
    kind: ['type', 'genre', 'kind'],
    name: ['nom', 'name'],
    postcode: ['cp', 'codepostal', 'commune', 'postcode', 'zip'],
    language: ['langue', 'language', 'lang'],
    // Also typed in words: "deuxième langue", "second language" (readSetting).
    secondLanguage: [
      ...['langue2', 'deuxiemelangue', 'secondelangue', 'autrelangue'],
      ...['language2', 'lang2', 'secondlanguage', 'otherlanguage'],
    ],
    suggestions: ['suggestions', 'suggestion', 'kits'],
    listening: ['ecoute', 'detresse', 'listening', 'listen', 'distress'],
    quartier: ['quartier', 'district'],
    city: ['mairie', 'ville', 'visible', 'city'],
    cityMessages: [
      'messages',
      'messagesmairie',
      'messagesville',
      'annonces',
      'citymessages',
      'announcements',
    ],
  },
  /** /parametres suggestions|ecoute|mairie|messages <on or off>. */
  switch: {
    on: ['oui', 'activer', 'on', 'yes'],
    off: ['non', 'desactiver', 'off', 'no'],
  },
  /** /parametres type <kind>. */
  groupKind: {
    immeuble: ['immeuble', 'residence', 'building'],
    rue: ['rue', 'street'],
    quartier: ['quartier', 'neighbourhood', 'neighborhood'],
  },
  /** /parametres langue2 and /parametres quartier: none. */
  none: { none: ['aucune', 'aucun', 'sans', 'rien', '0', 'none'] },
  /** /referent. */
  referent: {
    backup: ['secours', 'remplacant', 'backup'],
    stop: ['arreter', 'stop'],
  },
  /** /veiller. */
  watch: {
    card: ['carte', 'card'],
    list: ['liste', 'list'],
    renew: ['renouveler', 'renew'],
  },
  /** /besoin. */
  need: { cancel: ['annuler', 'retirer', 'cancel', 'withdraw'] },
  /** /jepeuxaider. */
  volunteer: {
    pause: ['pause', 'vacances', 'absent'],
    resume: ['reprendre', 'retour', 'resume'],
    stop: ['arreter', 'stop'],
  },
  /** /kit <name> grand|facile: large print or easy to read, at the ends (parse-variant.ts). */
  kitVariant: {
    large: ['grand', 'gros', 'large', 'big'],
    easy: ['facile', 'simple', 'easy'],
  },
  /**
   * /kit <name> gros caractères: the same as phrases of up to four words, read wherever they
   * are (compared as one word, their spaces left out), with the little word people put before
   * them ("en gros caractères"), which would otherwise be left as the place.
   */
  kitVariantPhrase: {
    large: [
      ...['gros caracteres', 'grands caracteres', 'grand format'],
      ...['en gros caracteres', 'en grands caracteres', 'en grand format'],
      ...['large print', 'big print', 'in large print', 'in big print'],
    ],
    easy: ['facile a lire', 'en facile a lire', 'falc', 'en falc', 'easy to read', 'easy read'],
  },
  /**
   * "l'affiche canicule", "/kit canicule affiche", "the heatwave poster": one of a kit's
   * documents rather than all of them (handlers/kits/parse-documents.ts). No kit's name has
   * these words (tests/handlers/kits/parse-documents.test.ts).
   */
  kitDocument: {
    poster: ['affiche', 'affiches', 'affichette', 'poster', 'posters'],
    flyer: [
      ...['tract', 'tracts', 'flyer', 'flyers', 'prospectus', 'invitation', 'invitations'],
      ...['leaflet', 'leaflets'],
    ],
    tips: ['conseils', 'fiche', 'fiches', 'tips', 'advice'],
  },
  /**
   * /kit <name> …, and a kit asked for in a sentence ("kit noël pour samedi"): the small
   * words around a date that are no place ("pour", "for") and a sentence's courtesy ("s'il
   * te plaît"), as phrases of up to four words, read at the ends of what is left once the
   * date, the time and the print size are taken (parse-personalisation.ts).
   */
  kitFiller: {
    filler: [
      'pour',
      'le',
      'la',
      'les',
      'de',
      'du',
      'des',
      'en',
      'au',
      'a',
      'dans',
      'et',
      'svp',
      'stp',
      'sil vous plait',
      'sil te plait',
      'merci',
      'for',
      'the',
      'of',
      'on',
      'at',
      'in',
      'and',
      'please',
      'pls',
      'thanks',
      'thank you',
    ],
  },
  /**
   * /langue, /parametres langue and langue2: a language by its code or its name. Each
   * language's file names the six in its own words (its first word is the one its texts show).
   */
  languageName: {
    fr: ['fr', 'francais', 'french'],
    en: ['en', 'anglais', 'english'],
    ar: ['ar', 'arabe', 'arabic'],
    pt: ['pt', 'portugais', 'portuguese'],
    es: ['es', 'espagnol', 'spanish'],
    tr: ['tr', 'turc', 'turkish'],
  },
  /** /vigilance <département> <hazard> <level>. */
  hazard: {
    heat: ['canicule', 'chaleur', 'heat', 'heatwave'],
    cold: ['grandfroid', 'froid', 'cold'],
  },
  level: {
    green: ['vert', 'verte', 'green'],
    yellow: ['jaune', 'yellow'],
    orange: ['orange'],
    red: ['rouge', 'red'],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type WordTable = keyof typeof builtInWords;
export type MeaningOf<Table extends WordTable> = keyof (typeof builtInWords)[Table] & string;

/** Each language's own words: table → meaning → words, as commands.json writes them. */
export type LanguageWords = Partial<
  Record<Locale, Partial<Record<WordTable, Record<string, string[]>>>>
>;

/** A word as compared: no case, accents, spaces or punctuation. */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export interface CommandWords {
  /** What a typed word means in a table, in any language; undefined if nothing. */
  find<Table extends WordTable>(table: Table, typed: string): MeaningOf<Table> | undefined;
}

/**
 * The words of every table, French and English first, then each language's. A language's
 * word that means two things in one table, or names a meaning the table does not have, stops
 * startup with the file and key to fix.
 */
export function createCommandWords(languages: LanguageWords = {}): CommandWords {
  const tables = new Map<WordTable, Map<string, string>>();
  for (const table of Object.keys(builtInWords) as WordTable[]) {
    const found = new Map<string, string>();
    const add = (word: string, meaning: string, where: string) => {
      const key = normaliseWord(word);
      if (key === '') return;
      const taken = found.get(key);
      if (taken !== undefined && taken !== meaning) {
        throw new Error(`${where}: "${word}" already means "${taken}" in commands.words.${table}`);
      }
      found.set(key, meaning);
    };
    const builtIn: Record<string, readonly string[]> = builtInWords[table];
    for (const [meaning, words] of Object.entries(builtIn)) {
      for (const word of words) add(word, meaning, 'handlers/command-words.ts');
    }
    for (const [lng, own] of Object.entries(languages)) {
      for (const [meaning, words] of Object.entries(own[table] ?? {})) {
        const where = `locales/${lng}/commands.json words.${table}.${meaning}`;
        if (!Object.hasOwn(builtInWords[table], meaning)) {
          throw new Error(`${where}: "${meaning}" is not a meaning of this table`);
        }
        for (const word of words) add(word, meaning, where);
      }
    }
    tables.set(table, found);
  }
  return {
    find: (table, typed) =>
      tables.get(table)?.get(normaliseWord(typed)) as MeaningOf<typeof table> | undefined,
  };
}

/** The words a language's texts give (`commands.words`), each list "a, b" made an array. */
export function toLanguageWords(
  resource: unknown,
): Partial<Record<WordTable, Record<string, string[]>>> {
  const words = (resource as { commands?: { words?: Record<string, unknown> } } | undefined)
    ?.commands?.words;
  const out: Partial<Record<WordTable, Record<string, string[]>>> = {};
  for (const [table, meanings] of Object.entries(words ?? {})) {
    if (!Object.hasOwn(builtInWords, table)) {
      throw new Error(`commands.words.${table}: no such table (see handlers/command-words.ts)`);
    }
    const lists: Record<string, string[]> = {};
    for (const [meaning, list] of Object.entries(meanings as Record<string, unknown>)) {
      if (typeof list !== 'string') continue;
      lists[meaning] = list
        .split(',')
        .map((w) => w.trim())
        .filter((w) => w !== '');
    }
    out[table as WordTable] = lists;
  }
  return out;
}
