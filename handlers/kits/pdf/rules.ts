// The layout rules every document follows, written once: the page and its margins, the type
// scale (multiplied for the large-print and easy-to-read variants), and the sizes of the
// shared blocks (fill-in lines, the QR block, the numbers box). Documents take their sizes
// from here and draw those blocks through blocks.ts, fill-in.ts and numbers-box.ts.
export const variants = ['standard', 'large', 'easy'] as const;
/** standard; large print (about 1.5× type); easy to read (FALC: short lines, pictograms). */
export type Variant = (typeof variants)[number];

/** Type sizes in points for the standard variant, from the footer up to a poster's details. */
const TYPE = {
  /** The bottom line, the small words of a form. */
  footer: 9,
  /** Notes, column headings, labels above a value. */
  note: 11,
  /** Running text of the sheets and invitations. */
  body: 13,
  /** A short line that must be read first: a call to action, a caption. */
  lead: 18,
  /** Sheet titles, the invitation's headline. */
  heading: 26,
  /** The poster's headline. */
  title: 36,
  /** A poster's date, time and place, and what replaces them: readable at 3 m. */
  detail: 40,
  /** An emergency number on a poster. */
  number: 46,
} as const;

export type TypeRole = keyof typeof TYPE;

/** Never below this on a poster, whatever else shrinks: the date at 3 m (about 36 pt). */
export const POSTER_DETAIL_MIN = 36;

/**
 * Large print and easy to read: nothing a reader needs under 16 pt on A4 (the usual large-
 * print guidance: body 16–18 pt, headings larger), however crowded the page; the documents
 * run onto more pages rather than shrink.
 */
export const LARGE_PRINT_MIN = 16;

export interface LayoutRules {
  variant: Variant;
  /** The smallest type of the variant: 0 (standard), LARGE_PRINT_MIN otherwise. */
  floor: number;
  /** 1, or 1.5 for large print and easy to read. */
  scale: number;
  /** The size of a role in this variant, times `factor` (a document fitting itself). */
  size(role: TypeRole, factor?: number): number;
  /** The gap between blocks at this variant's scale. */
  gap: number;
  /** The QR code's side on sheets and invitations; posters make it larger. */
  qrSize: number;
  /** A fill-in line: its stroke and the writing room above it, as a fraction of the type. */
  fillIn: { stroke: number; rowHeight: number };
}

export function rulesFor(variant: Variant): LayoutRules {
  const scale = variant === 'standard' ? 1 : 1.5;
  return {
    variant,
    floor: variant === 'standard' ? 0 : LARGE_PRINT_MIN,
    scale,
    size: (role, factor = 1) => Math.round(TYPE[role] * scale * factor * 2) / 2,
    gap: 12 * scale,
    qrSize: Math.round(78 * Math.min(scale, 1.25)),
    fillIn: { stroke: 1, rowHeight: 1.75 },
  };
}
