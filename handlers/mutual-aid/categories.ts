// What neighbours help each other with, and a rough value of each service for /stats
// (euros per service, configurable with HELP_SERVICE_VALUES).
import { plain } from '../plain-words.ts';
import { arabicWord } from '../understanding/languages/language-words.ts';
import { readWords } from '../understanding/normalise.ts';

/** A need's text is at most this long (needs.ts): nothing past it is read. */
const MAX_READ = 1_000;

export const helpCategories = [
  'courses',
  'bricolage',
  'animaux',
  'plantes',
  'visites',
  'numerique',
  'transport',
  'enfants',
  'pret',
  'autre',
] as const;
export type HelpCategory = (typeof helpCategories)[number];

export function isHelpCategory(value: string): value is HelpCategory {
  return (helpCategories as readonly string[]).includes(value);
}

/** Euros per service, from the association's idea that small services have real value. */
export const defaultServiceValues: Record<HelpCategory, number> = {
  courses: 15,
  bricolage: 40,
  animaux: 15,
  plantes: 10,
  visites: 20,
  numerique: 25,
  transport: 20,
  enfants: 30,
  pret: 10,
  autre: 15,
};

// Words that say a category, in the languages the bot reads (bare reading of
// understanding/normalise.ts: no accents, Arabic letters folded, Turkish ı as i): French and
// English, then Portuguese, Spanish, Turkish and Arabic in Latin letters. Arabic script apart
// (ARABIC_HINTS): `\b` knows only ASCII letters.
const HINTS: [RegExp, HelpCategory][] = [
  [
    /\b(courses?|pain|lait|pharmacie|supermarche|marche|epicerie|medicaments?|groceries|shopping|compras?|mercado|supermercado|farmacia|pao|leite|mercearia|pan|leche|alisveris\w*|market|bakkal|eczane|ekmek|lcourses|l7wayej|7wayej|lhwayej|l9ofa|qoffa|lmarchi)\b/,
    'courses',
  ],
  [
    /\b(bricol\w*|perceuse|etagere|meuble|reparer|reparation|ampoule|fuite|monter|visser|fix|drill|diy|montar|movel|moveis|mueble|muebles|arranjar|arreglar|reparar|berbequim|taladro|lampada|bombilla|tamir\w*|dolap\w*|mobilya|matkap|ampul)\b/,
    'bricolage',
  ],
  [
    /\b(chats?|chiens?|animal|animaux|nourrir|promener|litiere|pets?|dogs?|cats?|caes?|cao|gatos?|perros?|mascotas?|passear|pasear|kedi\w*|kopek\w*|hayvan\w*)\b/,
    'animaux',
  ],
  [
    /\b(plantes?|arroser|arrosage|jardin|balcon|plants?|garden|watering|plantas|regar|jardim|varanda|cicek\w*|bitki\w*|sula\w*)\b/,
    'plantes',
  ],
  [
    /\b(visites?|compagnie|discuter|parler|seule?|isolee?|company|visit|chat with|companhia|visita|conversar|sozinh[oa]|compania|charlar|ziyaret|sohbet|yalniz\w*)\b/,
    'visites',
  ],
  [
    /\b(ordinateur|telephone|portable|internet|imprimante|imprimer|demarches?|numerique|mail|computer|phone|printer|online|computador|telemovel|celular|impressora|ordenador|computadora|movil|impresora|tramites|bilgisayar|telefon\w*|yazici|e devlet)\b/,
    'numerique',
  ],
  [
    /\b(voiture|covoiturage|gare|aeroport|emmener|conduire|transport|trajet|ride|lift|drive|carro|boleia|carona|estacao|aeroporto|coche|estacion|aeropuerto|araba\w*|istasyon|havalimani)\b/,
    'transport',
  ],
  [
    /\b(enfants?|garde|babysitting|baby sitting|ecole|creche|kids?|children|childcare|criancas?|filhos|escola|ninos|hijos|colegio|escuela|cocuk\w*|okul\w*)\b/,
    'enfants',
  ],
  [
    /\b(preter|emprunter|pret|echelle|outil|lend|borrow|ladder|emprestar|escada|ferramentas?|prestar|escalera|herramientas?|odunc|merdiven|alet)\b/,
    'pret',
  ],
];

/** The same, in Arabic script (folded: ة as ه, ى as ي). */
const ARABIC_WORDS: [string, HelpCategory][] = [
  [
    'المشتريات|مشتريات|التسوق|تسوق|القفه|السوق|الحوايج|الخضره|الصيدليه|البقاله|الخبز|الحليب',
    'courses',
  ],
  ['تركيب|اصلاح|نصلح|الخزانه|خزانه|الاثاث|اثاث|المصباح|البريكولاج', 'bricolage'],
  ['الكلب|كلب|القط|القطه|قطه|المش|الحيوان|حيوان', 'animaux'],
  ['النباتات|نباتات|سقي|الورود|الحديقه|الجرده', 'plantes'],
  ['زياره|وحيد|وحيده|الونس', 'visites'],
  ['الحاسوب|حاسوب|الهاتف|هاتف|التليفون|الانترنت|انترنت|الطابعه|طابعه|البورطابل', 'numerique'],
  ['السياره|سياره|توصيل|يوصلني|المطار|المحطه|الطوموبيل', 'transport'],
  ['الاطفال|اطفال|الاولاد|الدراري|المدرسه', 'enfants'],
  ['يسلفني|تسلفني|السلم|سلما', 'pret'],
];
const ARABIC_HINTS = ARABIC_WORDS.map(
  ([words, category]) => [new RegExp(arabicWord(words)), category] as [RegExp, HelpCategory],
);

/** The category a need's words suggest, if any ("du pain et du lait" → courses). */
export function guessHelpCategory(text: string): HelpCategory | undefined {
  const words = readWords(text.slice(0, MAX_READ)).bare;
  const hints = /[\u0600-\u06ff]/.test(words) ? [...HINTS, ...ARABIC_HINTS] : HINTS;
  return hints.find(([pattern]) => pattern.test(words))?.[1];
}

/** A category named by a person ("bricolage", "numérique", "3"). */
export function readHelpCategory(text: string): HelpCategory | undefined {
  const word = plain(text.trim());
  if (isHelpCategory(word)) return word;
  return undefined;
}

/** "courses=15,bricolage=40" → values (unknown categories and bad numbers are refused). */
export function parseServiceValues(text: string | undefined): Record<HelpCategory, number> {
  const values = { ...defaultServiceValues };
  for (const pair of (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [name = '', amount = ''] = pair.split('=').map((s) => s.trim());
    const value = Number(amount);
    if (!isHelpCategory(name) || !Number.isFinite(value) || value < 0) {
      throw new Error(
        `${pair}: expected category=euros with a category among ${helpCategories.join(', ')}`,
      );
    }
    values[name] = value;
  }
  return values;
}
