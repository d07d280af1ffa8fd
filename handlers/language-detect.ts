// Which of the bot's languages a private message is written in, to offer the person to
// switch to it. Small and honest: the script first (Arabic letters → Arabic), then letters
// only one language uses (ñ ¿ ¡ → Spanish, ã õ → Portuguese, ğ ş ı → Turkish), then the
// short everyday words each language cannot do without. A message too short or too mixed
// to tell says nothing (undefined): the bot never switches on a guess, it only offers.
// Arabic written in Latin letters ("arabizi": salam, 3andi, wesh) is read by French
// speakers too and is not taken for Arabic.
import type { Locale } from './i18n.ts';

const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]/gu;
const LETTER = /\p{L}/gu;

/** Letters that belong to one language among ours. */
const OWN_LETTERS: [RegExp, Locale][] = [
  [/[ñ¿¡]/u, 'es'],
  [/[ãõ]/u, 'pt'],
  [/[ğşı]/u, 'tr'],
];

/** Function words and everyday words, written without accents (as the text is compared). */
const WORDS: Record<Exclude<Locale, 'ar'>, string[]> = {
  fr: [
    'je',
    'tu',
    'il',
    'elle',
    'nous',
    'vous',
    'est',
    'suis',
    'les',
    'des',
    'une',
    'un',
    'le',
    'la',
    'du',
    'et',
    'pour',
    'avec',
    'pas',
    'mais',
    'qui',
    'que',
    'dans',
    'sur',
    'mon',
    'ma',
    'mes',
    'bonjour',
    'merci',
    'besoin',
    'aide',
    'oui',
    'non',
    'voisin',
    'voisins',
    'quand',
    'comment',
    'ce',
    'cest',
    'jai',
    'au',
    'aux',
  ],
  en: [
    'i',
    'you',
    'he',
    'she',
    'we',
    'they',
    'is',
    'am',
    'are',
    'the',
    'a',
    'an',
    'and',
    'for',
    'with',
    'not',
    'but',
    'who',
    'what',
    'in',
    'on',
    'my',
    'hello',
    'hi',
    'thanks',
    'thank',
    'need',
    'help',
    'yes',
    'no',
    'neighbour',
    'neighbor',
    'when',
    'how',
    'this',
    'can',
    'please',
    'of',
    'to',
    'have',
    'im',
  ],
  pt: [
    'eu',
    'vou',
    'voce',
    'ele',
    'ela',
    'nos',
    'sou',
    'estou',
    'os',
    'as',
    'um',
    'uma',
    'o',
    'e',
    'para',
    'com',
    'nao',
    'mas',
    'que',
    'em',
    'no',
    'na',
    'meu',
    'minha',
    'ola',
    'obrigado',
    'obrigada',
    'preciso',
    'ajuda',
    'sim',
    'vizinho',
    'vizinhos',
    'quando',
    'como',
    'isto',
    'isso',
    'tenho',
    'do',
    'da',
    'bom',
    'dia',
    'pode',
    'podes',
    'alguem',
    'ajudar',
  ],
  es: [
    'yo',
    'tu',
    'usted',
    'el',
    'ella',
    'nosotros',
    'soy',
    'estoy',
    'los',
    'las',
    'un',
    'una',
    'la',
    'y',
    'para',
    'con',
    'no',
    'pero',
    'que',
    'en',
    'mi',
    'hola',
    'gracias',
    'necesito',
    'ayuda',
    'si',
    'vecino',
    'vecinos',
    'cuando',
    'como',
    'esto',
    'eso',
    'tengo',
    'del',
    'por',
    'favor',
    'buenos',
    'dias',
  ],
  tr: [
    'ben',
    'sen',
    'o',
    'biz',
    'siz',
    'bir',
    've',
    'icin',
    'ile',
    'degil',
    'ama',
    'bu',
    'su',
    'merhaba',
    'selam',
    'tesekkurler',
    'tesekkur',
    'ederim',
    'yardim',
    'lazim',
    'evet',
    'hayir',
    'komsu',
    'komsular',
    'ne',
    'nasil',
    'zaman',
    'var',
    'yok',
    'benim',
    'iyi',
    'gunler',
    'lutfen',
    'misin',
    'musun',
  ],
};

/**
 * Greetings that belong to one language among ours, and say it alone ("olá", "hola",
 * "merhaba"): a person's first word to the bot is often one of them, too short for two
 * everyday words (tryout: "ola" was greeted back in French). "salam" and "marhaba" in Latin
 * letters are arabizi, written by French speakers too: not among them.
 */
const GREETINGS: Record<string, Locale> = {
  ola: 'pt',
  oi: 'pt',
  hola: 'es',
  merhaba: 'tr',
};

/** A greeting weighs as much as two everyday words. */
const GREETING_WEIGHT = 2;

const WORD_SETS = Object.entries(WORDS).map(
  ([locale, words]) => [locale as Locale, new Set(words)] as const,
);

/** Without accents or case, dotless ı as i, apostrophes joined ("j'ai" → "jai"). */
function plainWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’]/g, '')
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
}

/**
 * The language a message is written in, when it is clear: most of its letters Arabic, or
 * at least two everyday words of one language and twice as many as of any other.
 */
export function detectLanguage(text: string): Locale | undefined {
  const letters = text.match(LETTER)?.length ?? 0;
  const words = plainWords(text);
  const greeting = words.find((w) => GREETINGS[w] !== undefined);
  if (letters < 4 && greeting === undefined) return undefined;
  const arabic = text.match(ARABIC_LETTER)?.length ?? 0;
  if (arabic / letters >= 0.5) return 'ar';
  const lower = text.toLowerCase();
  const scores = new Map<Locale, number>();
  for (const [pattern, locale] of OWN_LETTERS) {
    if (pattern.test(lower)) scores.set(locale, (scores.get(locale) ?? 0) + 2);
  }
  for (const word of words) {
    const greets = GREETINGS[word];
    if (greets !== undefined) {
      scores.set(greets, (scores.get(greets) ?? 0) + GREETING_WEIGHT);
      continue;
    }
    for (const [locale, known] of WORD_SETS) {
      if (known.has(word)) scores.set(locale, (scores.get(locale) ?? 0) + 1);
    }
  }
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 2) return undefined;
  if (second && best[1] < 2 * second[1]) return undefined;
  return best[0];
}
