// Text as neighbours type it, made comparable: lower case, no accents, no emoji or
// punctuation, letters typed again and again squeezed ("auuuu secouuurs"), and the SMS
// spellings most common in French ("jsuis", "chui", "jme", "qqn", "ya", "stp") written out.
// Arabic script is folded the way people's spellings vary (no tashkeel or tatweel, one alef
// for أ إ آ ٱ, ة as ه, ى as ي, ؤ as و, ئ as ي, Eastern digits as 0-9), and Turkish ı as i
// (ş ğ ç ö ü İ lose their marks like any accent). What the patterns of distress.ts and the
// features' intents are written against.
//
// Two readings of the same words: `normalise` writes the French and English SMS spellings
// out, for the French and English patterns; `bare` (readWords) leaves every word as typed,
// for the other languages' patterns, where those short spellings are ordinary words
// (Turkish "kan" is blood, not "quand"; Portuguese "o" is "the", not "au").

/** Whole words replaced (after accents and apostrophes are gone). */
const WORDS = new Map<string, string>(
  Object.entries({
    jsuis: 'je suis',
    jsui: 'je suis',
    chui: 'je suis',
    chuis: 'je suis',
    jss: 'je suis',
    sui: 'suis',
    jme: 'je me',
    jm: 'je me',
    jai: 'j ai',
    g: 'j ai',
    jarrive: 'j arrive',
    jpeux: 'je peux',
    jpx: 'je peux',
    jpourrai: 'je pourrai',
    jviens: 'je viens',
    jvien: 'je viens',
    jvais: 'je vais',
    jveux: 'je veux',
    jsais: 'je sais',
    chais: 'je sais',
    pa: 'pas',
    ps: 'pas',
    pr: 'pour',
    tro: 'trop',
    tjrs: 'toujours',
    bcp: 'beaucoup',
    qqn: 'quelqu un',
    qq1: 'quelqu un',
    kelkun: 'quelqu un',
    quelquun: 'quelqu un',
    qlq: 'quelque',
    ya: 'il y a',
    ke: 'que',
    koi: 'quoi',
    kan: 'quand',
    qd: 'quand',
    cmb: 'combien',
    c: 'c est',
    cest: 'c est',
    ces: 'c est',
    o: 'au',
    mwa: 'moi',
    moa: 'moi',
    bsoin: 'besoin',
    daide: 'd aide',
    dun: 'd un',
    dune: 'd une',
    lescalier: 'l escalier',
    lescaliers: 'l escalier',
    besoins: 'besoin',
    aidez: 'aidez',
    aider: 'aider',
    aidee: 'aide',
    secour: 'secours',
    secoure: 'secours',
    secoures: 'secours',
    plu: 'plus',
    sen: 'sens',
    pri: 'pris',
    jveu: 'je veux',
    medoc: 'medicaments',
    medocs: 'medicaments',
    rep: 'repond',
    ki: 'qui',
    // Spellings of older neighbours' messages: one letter off, or no apostrophe and no space.
    quelqun: 'quelqu un',
    qqun: 'quelqu un',
    qlqun: 'quelqu un',
    quelkun: 'quelqu un',
    quelqu1: 'quelqu un',
    quelq: 'quelqu',
    qulqu: 'quelqu',
    quelqe: 'quelqu',
    maide: 'm aide',
    maider: 'm aider',
    voudrai: 'voudrais',
    aimerai: 'aimerais',
    souhaiterai: 'souhaiterais',
    faudrai: 'faudrait',
    pourai: 'pourrai',
    pourais: 'pourrais',
    pourait: 'pourrait',
    pouriez: 'pourriez',
    aurai: 'aurais',
    sest: 's est',
    jentends: 'j entends',
    slt: 'salut',
    bjr: 'bonjour',
    bsr: 'bonsoir',
    cc: 'coucou',
    mrc: 'merci',
    mci: 'merci',
    thx: 'thanks',
    ty: 'thanks',
    pls: 'please',
    plz: 'please',
    im: 'i m',
    ive: 'i ve',
    cant: 'can t',
    dont: 'don t',
    u: 'you',
    r: 'are',
    // Politeness carries no meaning for the patterns.
    svp: '',
    stp: '',
  }),
);

/** Words that only say a message is for the bot: "bot", "le bot", "hey bot". */
export const BOT_ADDRESS =
  /^(?:(?:hey|he|ok|dis|dites|eh|bonjour|salut|coucou|hello|hi) )?(?:le |la |mon |cher |monsieur le )?(?:bot|robot|voisinsbot)\b ?/;

const ASCII = /^[ -~\t\n\r]*$/;

/** Arabic marks that only say how to pronounce (tashkeel, Quranic signs, dagger alef, hamza marks). */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
/** Letters whose spellings vary in what people type, and Eastern Arabic and Persian digits. */
const ARABIC_FOLD: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ؤ: 'و',
  ئ: 'ي',
  ى: 'ي',
  ی: 'ي',
  ة: 'ه',
  ک: 'ك',
  ...Object.fromEntries([...'٠١٢٣٤٥٦٧٨٩'].map((digit, value) => [digit, String(value)] as const)),
  ...Object.fromEntries([...'۰۱۲۳۴۵۶۷۸۹'].map((digit, value) => [digit, String(value)] as const)),
};
const ARABIC_LETTERS = /[أإآٱؤئىیةک٠-٩۰-۹]/g;
const ARABIC = /[\u0600-\u06ff]/;

/** The words of the text, lower case, without accents, marks or punctuation. */
function toWords(text: string): string[] {
  // Most of what reaches the bot is plain ASCII (commands above all): the Unicode steps,
  // which cost several times more, are for the rest.
  let plain: string;
  if (ASCII.test(text)) {
    plain = text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .replace(/([a-z])\1{2,}/g, '$1');
  } else {
    let folded = text;
    if (ARABIC.test(text)) {
      folded = text
        .replace(ARABIC_MARKS, '')
        .replace(ARABIC_LETTERS, (letter) => ARABIC_FOLD[letter] ?? letter);
    }
    plain = folded
      // A thumbs-up or an OK hand says "ok" (help.ts answers it); other emoji say nothing.
      .replace(/👍|👌/gu, ' ok ')
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase()
      .replace(/ı/g, 'i')
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      // Anything not a letter or a digit (emoji, punctuation, apostrophes) separates words.
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .replace(/(\p{L})\1{2,}/gu, '$1');
  }
  return plain.split(' ').filter((word) => word !== '');
}

function expand(words: string[]): string {
  return (
    words
      .map((word) => WORDS.get(word) ?? word)
      .filter((word) => word !== '')
      .join(' ')
      .replace(/\bc est est\b/g, 'c est')
      // "quelque un" for "quelqu'un"; "je voudrait", "j'aimerai": the conditional meant.
      .replace(/\bquelque un\b/g, 'quelqu un')
      .replace(/\b(je|j) (voudr|aimer|souhaiter|pourr|aur)ai[st]?\b/g, '$1 $2ais')
  );
}

/**
 * Lower case, accents and emoji gone, apostrophes and punctuation made spaces, runs of three
 * or more of one letter squeezed to one, SMS spellings written out, single spaces.
 */
export function normalise(text: string): string {
  return expand(toWords(text));
}

/** Both readings at once: `plain` as normalise gives it, `bare` without the SMS spellings. */
export function readWords(text: string): { plain: string; bare: string } {
  const words = toWords(text);
  return { plain: expand(words), bare: words.join(' ') };
}
