// Health details are a special category of personal data (GDPR art. 9, FACTS.md): the bot
// keeps none and publishes none. One check for every place a neighbour's own words would be
// kept or shown to others: a neighbour to watch over (/veiller, the CCAS request), a need's
// card (/besoin). Words that suggest health, and whatever reads as distress (a fall, feeling
// unwell: understanding/distress.ts), fire aside.
import { plain } from './plain-words.ts';
import { detectDistress } from './understanding/distress.ts';

/** At the start of a word, accents ignored ("diabétique", "malade", "Covid"). */
const HEALTH = new RegExp(
  `(?<![a-z])(?:${[
    'malad(?!roit)',
    'diabet',
    'cardia',
    'cardio',
    'problemes? (?:de|au) coeur',
    'mal au coeur',
    'cancer',
    'chimio',
    'alzheimer',
    'parkinson',
    'handicap',
    'traitement(?! de texte)',
    'medicament',
    'insulin',
    'dialys',
    'oxygene',
    'demence',
    'fauteuil roulant',
    'sante',
    'un avc',
    'hopital',
    'fievre',
    'covid',
    'grippe',
    'depression',
    'depressi',
    'asthm',
    'allergi',
    'grossesse',
    'medecin',
    'infirmi',
    'psychiatr',
    // Seen getting through in a tryout (December 2026).
    'seropositi',
    'vih',
    'sida(?![a-z])',
    '(?:suis|est|etre) enceinte',
    'enceinte de \\d',
    'deprim',
    'aveugle',
    'malvoyant',
    'sourde?(?![a-z])',
    '(?:jambe|bras|poignet|cheville|hanche|pied|main)s? (?:est |sont )?cass',
    'fractur',
    'entorse',
    'mal (?:au (?:dos|ventre|genou|coeur|pied)|aux (?:dents|jambes|genoux|pieds)|a la (?:tete|hanche|jambe|gorge))',
    'operee? (?:du|de|des|d)(?![a-z])',
    'la creve',
    'migraine',
    // English.
    'health',
    'disease',
    'heart',
    'medication',
    'wheelchair',
    'dementia',
    'hospital',
    'fever',
    'sick',
    'illness',
    'pregnan',
    'disabilit',
    'disabled',
    'surgery',
    'flu(?![a-z])',
    'blind(?![a-z])',
    'deaf(?![a-z])',
    'depress',
    'broken (?:leg|arm|hip|wrist|ankle)',
    'hiv(?![a-z])',
    // Portuguese, Spanish, Turkish, Arabic: the commonest.
    'doente',
    'doenca',
    'enfermo',
    'enferma',
    'hospitalar',
    'hastalik',
    'hastane',
    'hastay',
    'hastas',
    'atesim',
    'ameliyat',
    'fiebre',
    'febre',
    'gripe(?![a-z])',
    'embarazada',
    'gravida',
    'السكري',
    'سرطان',
    'مريض',
    'مستشفى',
    'دواء',
  ].join('|')})`,
  'iu',
);

/** Whether the text speaks of health: such words are neither kept nor published. */
export function looksLikeHealthData(text: string): boolean {
  if (HEALTH.test(plain(text).replace(/œ/g, 'oe'))) return true;
  const distress = detectDistress(text);
  return distress !== undefined && distress !== 'fire';
}

/** Where a text divides into parts that each say one thing ("…, …", "… et …", "… car …"). */
const CLAUSES =
  /(?<=[.!?;,:\n])\s+|\s+(?=(?:et|mais|car|parce|puisque|donc|and|but|because|since|e|y|ve|porque|pero|ama|çünkü|cunku)\s)/iu;
const LEADING_LINK =
  /^(?:et|mais|car|parce que|parce qu|puisque|donc|and|but|because|since|porque|pero|ama|çünkü|cunku)\s+/iu;

/**
 * The text without the parts of it that speak of health ("je suis tombée hier, il me faut du
 * pain" → "il me faut du pain"); empty when nothing else is said. `withheld`: something was
 * left out.
 */
export function withoutHealthDetails(text: string): { kept: string; withheld: boolean } {
  if (!looksLikeHealthData(text)) return { kept: text, withheld: false };
  const kept = text
    .split(CLAUSES)
    .filter((part) => part.trim() !== '' && !looksLikeHealthData(part))
    .join(' ')
    .replace(LEADING_LINK, '')
    .replace(/[\s,;:]+$/u, '')
    .trim();
  // Health said across the parts: nothing of it is kept.
  return { kept: looksLikeHealthData(kept) ? '' : kept, withheld: true };
}
