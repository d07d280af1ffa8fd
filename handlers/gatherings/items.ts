// "Qui apporte quoi": reading what people type to add to the list, and saying what is still
// missing. Categories are guessed from common words when nobody names one.
import type { ListedItem } from '../../db/queries/gatherings.ts';
import { hasReachDetails } from '../contacts.ts';
import { UserFacingError } from '../errors.ts';
import { escapeHtml } from '../events.ts';
import type { T } from '../i18n.ts';
import { plain } from '../plain-words.ts';
import { numberWord } from '../understanding/number-words.ts';

export const categories = [
  'sale',
  'sucre',
  'boissons',
  'tables',
  'chaises',
  'musique',
  'decoration',
  'materiel',
  'autre',
] as const;
export type Category = (typeof categories)[number];

export const MAX_LABEL_LENGTH = 60;
export const MAX_NOTE_LENGTH = 60;
export const MAX_QUANTITY = 99;
export const MAX_ITEMS = 60;

/** Words that name a category (French and English), and words that suggest one. */
const CATEGORY_NAMES: Record<string, Category> = {
  sale: 'sale',
  sales: 'sale',
  savoury: 'sale',
  savory: 'sale',
  sucre: 'sucre',
  sucres: 'sucre',
  sweet: 'sucre',
  sweets: 'sucre',
  boisson: 'boissons',
  boissons: 'boissons',
  drinks: 'boissons',
  table: 'tables',
  tables: 'tables',
  chaise: 'chaises',
  chaises: 'chaises',
  chairs: 'chaises',
  musique: 'musique',
  music: 'musique',
  deco: 'decoration',
  decoration: 'decoration',
  decorations: 'decoration',
  materiel: 'materiel',
  equipment: 'materiel',
  autre: 'autre',
  other: 'autre',
  // Spanish, Portuguese, Turkish, Arabic ("/liste añadir dulce 3 roscones": December 2026
  // tryout, where "dulce 3 roscones" was one item).
  salado: 'sale',
  salados: 'sale',
  salgado: 'sale',
  salgados: 'sale',
  tuzlu: 'sale',
  مالح: 'sale',
  مملحات: 'sale',
  dulce: 'sucre',
  dulces: 'sucre',
  doce: 'sucre',
  doces: 'sucre',
  tatlı: 'sucre',
  tatli: 'sucre',
  tatlılar: 'sucre',
  حلو: 'sucre',
  حلويات: 'sucre',
  bebida: 'boissons',
  bebidas: 'boissons',
  icecek: 'boissons',
  icecekler: 'boissons',
  مشروبات: 'boissons',
  mesa: 'tables',
  mesas: 'tables',
  masa: 'tables',
  masalar: 'tables',
  طاولات: 'tables',
  silla: 'chaises',
  sillas: 'chaises',
  cadeira: 'chaises',
  cadeiras: 'chaises',
  sandalye: 'chaises',
  sandalyeler: 'chaises',
  كراسي: 'chaises',
  musica: 'musique',
  muzik: 'musique',
  موسيقى: 'musique',
  decoracion: 'decoration',
  decoracao: 'decoration',
  dekorasyon: 'decoration',
  material: 'materiel',
  malzeme: 'materiel',
  otro: 'autre',
  otros: 'autre',
  outro: 'autre',
  outros: 'autre',
  diger: 'autre',
};

const CATEGORY_HINTS: [RegExp, Category][] = [
  [
    /\b(quiches?|chips|salades?|pizzas?|sandwich\w*|fromages?|charcuterie|cakes? sales?|feuillete\w*|taboule|crudites|olives|cheese|salad|crisps)\b/,
    'sale',
  ],
  [
    /\b(desserts?|gateaux?|gateau|tartes?|cookies?|crepes?|fruits?|bonbons?|brownies?|cakes?|cake|madeleines?|glaces?|pies?|cookies)\b/,
    'sucre',
  ],
  [
    /\b(jus|vins?|bieres?|eau|sirops?|sodas?|cafe|the|cidre|limonade|juice|wine|beers?|water|coffee|tea)\b/,
    'boissons',
  ],
  [/\b(bancs?|tabourets?|chairs?|stools?)\b/, 'chaises'],
  [/\b(enceintes?|guitares?|playlist|speakers?)\b/, 'musique'],
  [/\b(guirlandes?|lampions?|ballons?|fleurs|bougies|lights|balloons)\b/, 'decoration'],
  [
    /\b(gobelets?|assiettes?|couverts|barbecue|nappes?|serviettes?|glacieres?|rallonges?|tonnelles?|cups|plates|cutlery|napkins)\b/,
    'materiel',
  ],
];

export interface ItemInput {
  category: Category;
  quantity: number;
  label: string;
  note: string | null;
}

/** The category a word names ("sucré", "Boissons:", "drinks"), if it names one. */
export function categoryNamed(word: string, next?: string): Category | undefined {
  // "doce de leite", "dulce de membrillo", "sucre de canne": an item, not a category.
  if (next !== undefined && /^(?:de|da|do|del|d'.*)$/.test(plain(next))) return undefined;
  const plainWord = plain(word).replace(/:$/, '');
  return Object.hasOwn(CATEGORY_NAMES, plainWord) ? CATEGORY_NAMES[plainWord] : undefined;
}

/**
 * Reads "[catégorie] [quantité] article [(note)]": "sucré 2 desserts (sans gluten)",
 * "10 chaises", "une enceinte". The category is guessed from the words when not given, else
 * `fallback` (the one named first in a comma list: "boissons : jus, sirop de menthe").
 */
export function parseItem(text: string, fallback?: Category): ItemInput {
  let rest = text.replace(/\s+/g, ' ').trim();
  if (rest === '') throw new UserFacingError('gatherings.item_empty');
  let note: string | null = null;
  const noted = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(rest);
  if (noted) {
    rest = (noted[1] ?? '').trim();
    note = (noted[2] ?? '').trim() || null;
  }
  const words = rest.split(' ');
  let category = categoryNamed(words[0] ?? '', words[1]);
  if (category && words.length > 1) {
    words.shift();
    // "boissons : sirop", as French is typed.
    if (words[0] === ':' && words.length > 1) words.shift();
  } else category = undefined;
  let quantity = 1;
  // Any number is read as the quantity, then checked: "1000 verres", "-3 chaises" or "2,5
  // quiches" are refused, not listed as items named so. A measure is part of the item ("1,5 L
  // de jus", "2 kg de clémentines"), and a number in words is a number ("deux galettes": the
  // galettes of the list, not another item).
  const count = QUANTITY_FIRST.exec(words[0] ?? '');
  const first = plain(words[0] ?? '');
  const inWords = NOT_A_QUANTITY.has(first) ? undefined : numberWord(first);
  if (words.length > 1 && MEASURE.test(words.slice(0, 2).join(' '))) {
    // The whole of it is the label.
  } else if (count && words.length > 1) {
    quantity = toQuantity(count[1]!);
    words.shift();
  } else if (inWords !== undefined && words.length > 1) {
    quantity = inWords;
    words.shift();
  } else if (words.length > 1 && QUANTITY_LAST.test(words.at(-1) ?? '')) {
    quantity = toQuantity(QUANTITY_LAST.exec(words.pop()!)![1]!);
  }
  const label = words.join(' ').trim();
  if (label === '') throw new UserFacingError('gatherings.item_empty');
  if (label.length > MAX_LABEL_LENGTH || (note?.length ?? 0) > MAX_NOTE_LENGTH) {
    throw new UserFacingError('gatherings.item_too_long', { max: MAX_LABEL_LENGTH });
  }
  const guessed = guessCategory(label);
  return {
    category: category ?? (guessed === 'autre' && fallback ? fallback : guessed),
    quantity,
    label,
    note,
  };
}

/** "1,5 L", "2kg", "50 cl": a figure and its unit, which say what the item is. */
const MEASURE = /^\d+(?:[.,]\d+)?\s?(?:l|cl|ml|dl|kg|g|litres?|liters?|kilos?|grammes?)(?:\s|$)/i;

/** Number words an item's name may start with ("dos de cabillaud", "très bon", "doce de leite"). */
const NOT_A_QUANTITY = new Set(['dos', 'tres', 'doce']);

const QUANTITY_FIRST = /^([-−+]?\d+(?:[.,]\d+)?)(?:x|×)?$/i;
const QUANTITY_LAST = /^(?:x|×)([-−+]?\d+(?:[.,]\d+)?)$/i;

/** A typed quantity: a whole number from 1 to MAX_QUANTITY, else a polite refusal. */
function toQuantity(text: string): number {
  const quantity = /^\+?\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw new UserFacingError('gatherings.bad_quantity', { max: MAX_QUANTITY });
  }
  return quantity;
}

export function guessCategory(label: string): Category {
  const words = plain(label);
  const named = CATEGORY_NAMES[words];
  if (named) return named;
  return CATEGORY_HINTS.find(([pattern]) => pattern.test(words))?.[1] ?? 'autre';
}

/** Words before an item that do not make it another item ("des chaises" = "chaises"). */
const ARTICLES = new Set(
  'le la les l un une des du de d the a an some o os as um uma uns umas el los las unos unas bir'.split(
    ' ',
  ),
);

/**
 * What makes two items one on a list, as a person would judge: "Chaises", "des chaises" and
 * "une chaise" are the same item, "chaises pliantes" another. Case, accents, punctuation, a
 * leading article and plural endings (-s, -x) do not count.
 */
export function itemKey(label: string): string {
  const words = plain(label)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && ARTICLES.has(words[0]!)) words.shift();
  return words.map((w) => (w.length > 3 ? w.replace(/[sx]$/, '') : w)).join(' ');
}

/** A quantity typed after an item number: "/japporte 3 2" brings 2 of item 3. */
export function parseQuantity(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 1;
  return toQuantity(/^\s*(?:x|×)?\s*(\S+)\s*$/i.exec(text)?.[1] ?? '');
}

export function remainingOf(item: ListedItem): number {
  return Math.max(0, item.quantity - item.claims.reduce((sum, c) => sum + c.quantity, 0));
}

/** "desserts ×2" or "une enceinte": an item and how many are wanted, escaped. */
export function itemWithCount(label: string, count: number): string {
  return count > 1 ? `${escapeHtml(label)} ×${count}` : escapeHtml(label);
}

/** "Il manque encore : desserts ×2, chaises ×6", or that nothing is missing. */
export function missingLine(items: ListedItem[], t: T): string {
  if (items.length === 0) return t('gatherings.list_empty_short');
  const missing = items
    .map((item) => ({ item, remaining: remainingOf(item) }))
    .filter((m) => m.remaining > 0)
    .map((m) => itemWithCount(m.item.label, m.remaining));
  return missing.length === 0
    ? t('gatherings.nothing_missing')
    : t('gatherings.still_missing', {
        items: missing.join(', '),
        interpolation: { escapeValue: false },
      });
}

/**
 * An item's note as the group reads it: none when it says whom to call or where to ring (a
 * note saved before such notes were left out: "appelez Chloé au 3e"), plain text.
 */
export function shownNote(note: string | null): string | null {
  return note && !hasReachDetails(note) ? note : null;
}

/**
 * The whole list, by category, with who brings what; each item with its number (what
 * /japporte 3 names), or a bullet where a number would be read as a menu's (the card).
 */
export function listLines(
  items: ListedItem[],
  t: T,
  { bullets = false }: { bullets?: boolean } = {},
): string[] {
  const lines: string[] = [];
  for (const category of categories) {
    const inCategory = items.filter((i) => i.category === category);
    if (inCategory.length === 0) continue;
    lines.push(`<b>${t(`gatherings.categories.${category}`)}</b>`);
    for (const item of inCategory) {
      const who = item.claims
        .map((c) =>
          // "Bruno (2)": how many each brings, also of an item wanted once ("2 galettes").
          item.quantity > 1 || c.quantity > 1
            ? `${escapeHtml(c.displayName)} (${c.quantity})`
            : escapeHtml(c.displayName),
        )
        .join(', ');
      const remaining = remainingOf(item);
      const state =
        remaining === 0
          ? `✅ ${who}`
          : who
            ? `${who} · ${t('gatherings.item_missing', { count: remaining })}`
            : t('gatherings.item_missing', { count: remaining });
      const note = shownNote(item.note);
      const noted = note ? ` <i>(${escapeHtml(note)})</i>` : '';
      lines.push(
        `${bullets ? '•' : `${item.position}.`} ${itemWithCount(item.label, item.quantity)}${noted} — ${state}`,
      );
    }
  }
  return lines;
}
