// Health details are a special category of personal data (GDPR art. 9, FACTS.md): the bot
// keeps none and publishes none. One check for every place a neighbour's own words would be
// kept or shown to others: a neighbour to watch over (/veiller, the CCAS request), a need's
// card (/besoin), the bring list, a poster's details, a gathering's title, place and rain
// place. Words that suggest health, and whatever reads as distress (a fall, feeling unwell:
// understanding/distress.ts), fire aside. Three rules, by what the words are for:
// - a need says what is wanted besides health (withoutHealthDetails: each part that speaks of
//   health is left out, wherever it is);
// - an item on the bring list is kept up to where health begins (labelWithoutHealth: "quiche
//   sans gluten pour mon diabète" → "quiche sans gluten"), refused when it begins there;
// - a place is one thing: it is refused whole (gatherings' checkPlace), or left off a poster
//   whose date and time are kept (kits' readEventDetails).
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
    'coeliaq',
    'celiaq',
    'cholest',
    'hypertensi',
    'hypotensi',
    '(?:ma|sa|ta|leur|votre|notre) tension(?! (?:electrique|du reseau))',
    'tension arterielle',
    // Mobility and hearing aids say a disability as plainly as its name (December 2026
    // tryout: "elle marche avec un déambulateur"). Not a lone "canne" or "béquille" (a
    // fishing rod, a bike's stand).
    'deambulat',
    'rollator',
    'fauteuil electrique',
    'cannes? (?:blanche|anglaise|de marche|tripode)',
    '(?:avec|sa|ma|une|leur|votre|des|ses|mes) cannes?(?! (?:a|en|de) (?:peche|sucre|noel|bonbon))(?![a-z])',
    'bequilles',
    '(?:avec|sous|sur) (?:des |ses |mes |une |sa )?bequille',
    'mobilite reduite',
    // Said of a person: "l'ascenseur marche mal" is not health.
    '(?:elle|il|qui|je) (?:marche|marchent) (?:mal|difficilement|avec difficulte|peu)(?![a-z])',
    '(?:du mal|de la peine|des difficultes) a (?:marcher|se deplacer|entendre)',
    '(?:elle|il|qui|je) ne (?:peut|peux) plus marcher',
    '(?:elle|il|qui|je) (?:se|me) deplace (?:mal|difficilement|peu)(?![a-z])',
    'alitee?(?![a-z])',
    'grabataire',
    'appareils? auditi',
    'protheses? (?:auditi|de (?:la )?(?:hanche|genou))',
    // English.
    'walking (?:frame|stick|aid)',
    'zimmer',
    '(?:a|her|his|with|uses|their) (?:walker|cane)(?![a-z])',
    'crutches',
    'mobility (?:scooter|aid)',
    'hearing aid',
    'bedridden',
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
    'celiac',
    'blood pressure',
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
    'cadeira de rodas',
    'silla de ruedas',
    'andador',
    'andarilho',
    'muletas',
    'tekerlekli sandalye',
    'yurutec',
    'koltuk degneg',
    'كرسي متحرك',
    'عكاز',
    'gravida',
    'colesterol',
    'tansiyon',
    'ضغط الدم',
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

/**
 * Where a short label divides: its clauses, a bracket ("(je suis diabétique)"), a dash between
 * spaces, and "pour", "for", "para" saying what it is for ("… pour mon diabète").
 */
const LABEL_PARTS = new RegExp(
  `${CLAUSES.source}|\\s*(?=[([])|(?<=[)\\]])\\s*|\\s+[–—-]\\s+|\\s+(?=(?:pour|for|para)\\s)`,
  'giu',
);

/**
 * A short label the whole group reads (an item on the bring list, with its note), kept as typed
 * up to the first part that speaks of health: "quiche sans gluten pour mon diabète" → "quiche
 * sans gluten", "une tarte (je suis diabétique)" → "une tarte". What follows health words is
 * taken as part of what they say. `kept` is empty when the label begins with health ("ma
 * chimio"): nothing stands on its own. `withheld`: something was left out.
 */
export function labelWithoutHealth(text: string): { kept: string; withheld: boolean } {
  if (!looksLikeHealthData(text)) return { kept: text, withheld: false };
  let start = 0;
  let cut = text.length;
  for (const boundary of [...text.matchAll(LABEL_PARTS), undefined]) {
    const end = boundary?.index ?? text.length;
    if (looksLikeHealthData(text.slice(start, end))) {
      cut = start;
      break;
    }
    if (boundary) start = end + boundary[0].length;
  }
  const kept = text
    .slice(0, cut)
    .replace(/[\s,;:.([–—-]+$/u, '')
    .trim();
  // Health said across the parts, or nothing but small signs left: nothing is kept.
  return { kept: looksLikeHealthData(kept) || !/\p{L}/u.test(kept) ? '' : kept, withheld: true };
}
