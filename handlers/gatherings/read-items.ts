// What "/liste ajouter …" adds: one item, or several when they are listed with commas
// ("pain, beurre et confiture" is three: December 2026 tryout, where it made one item "a, b,
// c"). Each is read as parseItem reads one, and kept off the list is what the group must not
// read there: health (health-words.ts) and whom to call or where to ring (contacts.ts).
import { hasContacts, hasReachDetails } from '../contacts.ts';
import { UserFacingError } from '../errors.ts';
import { labelWithoutHealth } from '../health-words.ts';
import { categoryNamed, parseItem, type ItemInput } from './items.ts';

/** Items added by one message, at most: a longer list is more likely a pasted text. */
export const MAX_ITEMS_AT_ONCE = 12;

/** "et", "and", "e", "y", "ve" before the last item of a comma list ("a, b et c"). */
const LAST_JOIN = /\s(?:et|and|e|y|ve|و)\s/giu;

/**
 * The items of a comma list: split at commas and semicolons (the Arabic ones too) and line
 * breaks, never inside a note's brackets nor between figures ("2,5"), and the last one at its
 * "et" ("a, b et c"). Without a comma the text is one item, "et" and all ("sel et poivre").
 */
export function splitItems(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (depth === 0 && /[,;،؛\n]/.test(c)) {
      const betweenFigures =
        c === ',' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '');
      if (!betweenFigures) {
        pieces.push(text.slice(from, i));
        from = i + 1;
      }
    }
  }
  pieces.push(text.slice(from));
  const items = pieces.map((p) => p.trim()).filter((p) => p !== '');
  if (items.length < 2) return items;
  const last = items.at(-1)!;
  const join = [...last.matchAll(LAST_JOIN)].filter((m) => outsideBrackets(last, m.index)).at(-1);
  if (join) {
    items.splice(
      -1,
      1,
      ...[last.slice(0, join.index), last.slice(join.index + join[0].length)]
        .map((p) => p.trim())
        .filter((p) => p !== ''),
    );
  }
  return items;
}

const outsideBrackets = (text: string, at: number) =>
  (text.slice(0, at).match(/[([]/g)?.length ?? 0) <=
  (text.slice(0, at).match(/[)\]]/g)?.length ?? 0);

export interface ReadItems {
  items: ItemInput[];
  /** Words about health were not written on the list (the caller says so). */
  healthLeftOut: boolean;
  /** A note saying whom to call or where to ring was not written on the list. */
  reachLeftOut: boolean;
}

/**
 * The items typed, as the list will show them, or a refusal before anything is added: a
 * phone number, an address or a link anywhere refuses the whole message (the list is printed
 * and pinned too); health is left out of each item, as is a note saying how to reach someone
 * ("cake (appelez Chloé au 3e)" is "cake"). A category named first applies to the items that
 * name none ("boissons : jus, eau, sirop"). `/liste ajouter` and `/japporte` read them alike
 * ("/japporte chips, boissons" brings both).
 */
export function readItems(quoted: string): ReadItems {
  const typed = withoutQuotes(quoted);
  if (hasContacts(typed)) throw new UserFacingError('gatherings.no_contact_item');
  const pieces = splitItems(typed);
  if (pieces.length === 0) throw new UserFacingError('gatherings.item_empty');
  if (pieces.length > MAX_ITEMS_AT_ONCE) {
    throw new UserFacingError('gatherings.too_many_items', { max: MAX_ITEMS_AT_ONCE });
  }
  const [firstWord = '', ...more] = pieces[0]!.split(/\s+/);
  const category = more.length > 0 ? categoryNamed(firstWord, more[0]) : undefined;
  let healthLeftOut = false;
  let reachLeftOut = false;
  const items: ItemInput[] = [];
  for (const piece of pieces) {
    // The list is the group's to read, with who brings what: no health detail on it (an item
    // or its note, "(je suis diabétique)"), whoever adds it. The item stays when it stands
    // without them ("quiche sans gluten pour mon diabète"); health-words.ts decides, and an
    // item that is nothing but health is left out.
    const { kept, withheld } = labelWithoutHealth(piece);
    healthLeftOut ||= withheld;
    if (kept === '') continue;
    const item = parseItem(kept, category);
    const reach = item.note !== null && hasReachDetails(item.note);
    reachLeftOut ||= reach;
    items.push(reach ? { ...item, note: null } : item);
  }
  if (items.length === 0) throw new UserFacingError('gatherings.no_health_item');
  return { items, healthLeftOut, reachLeftOut };
}

/**
 * What was typed between quotation marks, as an example with quotes invites
 * (`/liste ajouter "galettes, cidre"`): the marks are not part of the items (tryout: the
 * list showed `"galettes` and `cidre"`, and so did the printed sheet).
 */
function withoutQuotes(text: string): string {
  const trimmed = text.trim();
  const match = /^(["«“„'‘])\s*([\s\S]*?)\s*(["»”“'’])$/u.exec(trimmed);
  return match && match[2] !== '' ? match[2]! : trimmed;
}
