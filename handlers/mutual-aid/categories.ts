// What neighbours help each other with, and a rough value of each service for /stats
// (euros per service, configurable with HELP_SERVICE_VALUES).
import { plain } from '../plain-words.ts';

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

const HINTS: [RegExp, HelpCategory][] = [
  [
    /\b(courses?|pain|lait|pharmacie|supermarche|marche|epicerie|medicaments?|groceries|shopping)\b/,
    'courses',
  ],
  [
    /\b(bricol\w*|perceuse|etagere|meuble|reparer|reparation|ampoule|fuite|monter|visser|fix|drill|diy)\b/,
    'bricolage',
  ],
  [/\b(chats?|chiens?|animal|animaux|nourrir|promener|litiere|pets?|dogs?|cats?)\b/, 'animaux'],
  [/\b(plantes?|arroser|arrosage|jardin|balcon|plants?|garden|watering)\b/, 'plantes'],
  [/\b(visites?|compagnie|discuter|parler|seule?|isolee?|company|visit|chat with)\b/, 'visites'],
  [
    /\b(ordinateur|telephone|portable|internet|imprimante|imprimer|demarches?|numerique|mail|computer|phone|printer|online)\b/,
    'numerique',
  ],
  [
    /\b(voiture|covoiturage|gare|aeroport|emmener|conduire|transport|trajet|ride|lift|drive)\b/,
    'transport',
  ],
  [
    /\b(enfants?|garde|babysitting|baby-sitting|ecole|creche|kids?|children|childcare)\b/,
    'enfants',
  ],
  [/\b(preter|emprunter|pret|echelle|outil|lend|borrow|ladder)\b/, 'pret'],
];

/** The category a need's words suggest, if any ("du pain et du lait" → courses). */
export function guessHelpCategory(text: string): HelpCategory | undefined {
  const words = plain(text);
  return HINTS.find(([pattern]) => pattern.test(words))?.[1];
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
