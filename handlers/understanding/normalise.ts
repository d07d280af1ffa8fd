// Text as neighbours type it, made comparable: lower case, no accents, no emoji or
// punctuation, letters typed again and again squeezed ("auuuu secouuurs"), and the SMS
// spellings most common in French ("jsuis", "chui", "jme", "qqn", "ya", "stp") written out.
// What the patterns of distress.ts and the features' intents are written against.

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

/**
 * Lower case, accents and emoji gone, apostrophes and punctuation made spaces, runs of three
 * or more of one letter squeezed to one, SMS spellings written out, single spaces.
 */
export function normalise(text: string): string {
  // Most of what reaches the bot is plain ASCII (commands above all): the Unicode steps,
  // which cost several times more, are for the rest.
  const plain = ASCII.test(text)
    ? text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')
        .replace(/([a-z])\1{2,}/g, '$1')
    : text
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase()
        .replace(/œ/g, 'oe')
        .replace(/æ/g, 'ae')
        // Anything not a letter or a digit (emoji, punctuation, apostrophes) separates words.
        .replace(/[^\p{L}\p{N}]+/gu, ' ')
        .replace(/(\p{L})\1{2,}/gu, '$1');
  const words = plain.split(' ').filter((word) => word !== '');
  return words
    .map((word) => WORDS.get(word) ?? word)
    .filter((word) => word !== '')
    .join(' ')
    .replace(/\bc est est\b/g, 'c est');
}
