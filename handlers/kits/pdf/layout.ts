// Drawing helpers shared by the documents. Text is measured before it is drawn so that each
// document can share out the page and stay on one page: a block is set at the largest size
// that fits its space, and cut with an ellipsis when even the smallest size does not.
import { isLocale, isRtl } from '../../i18n.ts';
import { isRightToLeft, planBidiText } from './bidi-text.ts';
import { fontName, type Weight } from './fonts.ts';
import { toRuns, type TextRun } from './printable-text.ts';

type Pdf = PDFKit.PDFDocument;
export type Align = 'left' | 'center' | 'right';

/** A4 portrait in PDF points, with the margin kept clear on every side. */
export const PAGE = { width: 595.28, height: 841.89, margin: 45 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Top of the footer line; everything else ends above it. */
export const FOOTER_TOP = PAGE.height - 32;

export interface TextStyle {
  weight?: Weight;
  /** The preferred size, in points. */
  size: number;
  /** The smallest acceptable size (default: `size`). */
  minSize?: number;
  align?: Align;
  /** Space between lines, as a fraction of the size (default 0.12). */
  lineGap?: number;
  /** The height the block may take (default: unlimited). */
  maxHeight?: number;
  /** Shrink down to this size to stay on one line before wrapping (dates, headings). */
  oneLineDownTo?: number;
  /**
   * Small print the large-print floor does not lift (the footer's signature line, "cut
   * here"): it says nothing a reader needs.
   */
  fine?: boolean;
}

/**
 * The smallest type of a document: large print and easy to read set nothing a reader needs
 * below it, whatever the layout asked for (see rules.ts); text that no longer fits its
 * space at that size is given the room it needs instead of being cut, and the documents
 * that can run onto more pages do (drawPages).
 */
const floors = new WeakMap<Pdf, number>();

export function setTypeFloor(doc: Pdf, size: number): void {
  floors.set(doc, size);
}

export function typeFloor(doc: Pdf): number {
  return floors.get(doc) ?? 0;
}

/**
 * Whether a document in this language is laid out right to left: its tables' first column,
 * its numbers' labels and the first of two cells on the right (Arabic).
 */
export function isRightToLeftLanguage(language: string): boolean {
  return isLocale(language) && isRtl(language);
}

/**
 * The alignment that sets `text` against the side a line starts on in the document (the
 * right in a right-to-left one), whatever the text's own direction: planText turns an
 * alignment round for text that reads right to left, so an Arabic line in an Arabic
 * document and a Latin name in it ("Les Lilas") are both given what lands them on the right.
 */
export function alignStart(language: string, text: string): Align {
  return isRightToLeftLanguage(language) === isRightToLeft(text) ? 'left' : 'right';
}

/** A measured block, drawn later at a position of the caller's choosing. */
export interface Block {
  height: number;
  draw(x: number, y: number): void;
}

/** A measured block of text, and the size it was set at. */
export interface TextPlan extends Block {
  size: number;
  /** The width of its widest line (at most the width it was planned in). */
  width: number;
}

const EMPTY: TextPlan = { height: 0, size: 0, width: 0, draw: () => undefined };

export function planText(doc: Pdf, text: string, width: number, given: TextStyle): TextPlan {
  const floor = given.fine ? 0 : typeFloor(doc);
  const style: TextStyle =
    floor > 0
      ? {
          ...given,
          size: Math.max(given.size, floor),
          minSize: Math.max(given.minSize ?? given.size, floor),
          ...(given.oneLineDownTo !== undefined
            ? { oneLineDownTo: Math.max(given.oneLineDownTo, floor) }
            : {}),
        }
      : given;
  const runs = toRuns(text);
  if (runs.length === 0) return EMPTY;
  const weight = style.weight ?? 'regular';
  const align = style.align ?? 'left';
  const maxHeight = style.maxHeight ?? Number.POSITIVE_INFINITY;
  const minSize = Math.min(style.minSize ?? style.size, style.size);
  const oneLine = (size: number): TextPlan | undefined => {
    const line = planLine(doc, runs, weight, size, width, align);
    return line && line.height <= maxHeight + 0.01 ? line : undefined;
  };
  const oneLineFirst = style.oneLineDownTo !== undefined && !text.includes('\n');
  if (runs.some((run) => run.script !== 'latin')) {
    // pdfkit wraps a text in one font: text with Arabic, or with letters of both Latin files
    // (Turkish ş, ğ, İ beside ASCII), is wrapped and placed piece by piece (bidi-text.ts).
    const arabic = runs.some((run) => run.script === 'arabic');
    const line =
      oneLineFirst && !arabic
        ? largestFitting(Math.max(minSize, style.oneLineDownTo!), style.size, oneLine)
        : undefined;
    return line ?? planBidiText(doc, text, width, style);
  }
  const latin = runs.map((run) => run.text).join('');

  /** The text wrapped at `size`; with `cut`, at most maxHeight and ended by an ellipsis. */
  const wrapped = (size: number, cut: boolean): TextPlan & { fits: boolean } => {
    const options = { width, align, lineGap: size * (style.lineGap ?? 0.12) };
    doc.font(fontName(weight)).fontSize(size);
    const body = unbindTooWide(doc, latin, width);
    const full = doc.heightOfString(body, options);
    const drawOptions = cut ? { ...options, height: maxHeight, ellipsis: true } : options;
    const widest = Math.max(...body.split('\n').map((line) => doc.widthOfString(line)));
    return {
      fits: full <= maxHeight + 0.01,
      height: cut ? Math.min(full, maxHeight) : full,
      size,
      width: Math.min(width, widest),
      draw: (x, y) => {
        doc.font(fontName(weight)).fontSize(size).text(body, x, y, drawOptions);
      },
    };
  };
  const wrappedIfFits = (size: number): TextPlan | undefined => {
    const plan = wrapped(size, false);
    return plan.fits ? plan : undefined;
  };
  if (oneLineFirst) {
    const line = largestFitting(Math.max(minSize, style.oneLineDownTo!), style.size, oneLine);
    if (line) return line;
  }
  // Above a floor, nothing is cut: the text takes the height it needs.
  return largestFitting(minSize, style.size, wrappedIfFits) ?? wrapped(minSize, floor === 0);
}

/**
 * Words bound by no-break spaces (a kit's name kept on one line, blocks.ts keepTogether) stay
 * bound only where one line can hold them at the current size: pdfkit would otherwise cut
 * them inside a word ("Fêt / e des voisins"), worse than a break between two of them.
 */
function unbindTooWide(doc: Pdf, text: string, width: number): string {
  if (!text.includes('\u00a0')) return text;
  return text.replace(/[^ \n]*\u00a0[^ \n]*/g, (bound) =>
    doc.widthOfString(bound) > width ? bound.replace(/\u00a0/g, ' ') : bound,
  );
}

/**
 * The plan at the largest half-point size in [from, to] that fits, by binary search (what
 * fits at a size fits at every smaller one); undefined when none does.
 */
export function largestFitting<T>(
  from: number,
  to: number,
  plan: (size: number) => T | undefined,
): T | undefined {
  let best = plan(to); // most text fits at its preferred size: one measure
  if (best !== undefined) return best;
  let low = Math.round(from * 2);
  let high = Math.round(to * 2) - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const fitting = plan(middle / 2);
    if (fitting !== undefined) {
      best = fitting;
      low = middle + 1;
    } else high = middle - 1;
  }
  return best;
}

/** One line of text mixing the two font files; undefined when it is wider than `width`. */
function planLine(
  doc: Pdf,
  runs: TextRun[],
  weight: Weight,
  size: number,
  width: number,
  align: Align,
): TextPlan | undefined {
  const widths = runs.map((run) =>
    doc.font(fontName(weight, run.script)).fontSize(size).widthOfString(run.text),
  );
  const total = widths.reduce((sum, w) => sum + w, 0);
  if (total > width) return undefined;
  const height = doc.font(fontName(weight)).fontSize(size).currentLineHeight(true);
  return {
    height,
    size,
    width: total,
    draw: (x, y) => {
      let left =
        align === 'center' ? x + (width - total) / 2 : align === 'right' ? x + width - total : x;
      runs.forEach((run, i) => {
        doc.font(fontName(weight, run.script)).fontSize(size).text(run.text, left, y, {
          lineBreak: false,
        });
        left += widths[i] ?? 0;
      });
    },
  };
}

export function drawLine(doc: Pdf, x1: number, y1: number, x2: number, y2: number, width = 1) {
  doc.save().lineWidth(width).moveTo(x1, y1).lineTo(x2, y2).stroke().restore();
}

export function drawDashedLine(doc: Pdf, x1: number, y: number, x2: number, width = 0.8) {
  doc.save().lineWidth(width).dash(5, { space: 4 }).moveTo(x1, y).lineTo(x2, y).stroke();
  doc.undash().restore();
}

export function drawDottedLine(doc: Pdf, x1: number, y: number, x2: number) {
  doc.save().lineWidth(0.6).dash(1, { space: 3 }).moveTo(x1, y).lineTo(x2, y).stroke();
  doc.undash().restore();
}

export function drawBox(doc: Pdf, x: number, y: number, w: number, h: number, width = 1.2) {
  doc.save().lineWidth(width).roundedRect(x, y, w, h, 6).stroke().restore();
}

export function drawFooter(doc: Pdf, text: string, top: number = FOOTER_TOP): void {
  const style = { size: 9, minSize: 7, align: 'center', maxHeight: 14, fine: true } as const;
  planText(doc, text, CONTENT_WIDTH, style).draw(PAGE.margin, top);
}

/** The height of blocks stacked with `gap` between them (empty blocks take no gap). */
export function stackHeight(blocks: Block[], gap: number): number {
  const shown = blocks.filter((block) => block.height > 0);
  return shown.reduce((sum, block) => sum + block.height, 0) + gap * Math.max(0, shown.length - 1);
}

/**
 * Blocks shared out onto pages of `room` points, one under the other with `gap` between
 * them (large print: nothing shrinks); a block goes onto the next page when it does not fit.
 * Empty blocks are left out.
 */
export function toPages(blocks: Block[], room: number, gap: number): Block[][] {
  const pages: Block[][] = [[]];
  let used = 0;
  for (const block of blocks.filter((b) => b.height > 0)) {
    const page = pages.at(-1)!;
    const needed = (page.length > 0 ? gap : 0) + block.height;
    if (page.length > 0 && used + needed > room) {
      pages.push([block]);
      used = block.height;
    } else {
      page.push(block);
      used += needed;
    }
  }
  return pages;
}

/**
 * Blocks one under the other on as many pages as they need (toPages), each page from `top`
 * to `bottom` with its footer; a page's blocks are spread as drawStack spreads them, their
 * gaps at most `maxGap`. The first page is the current one.
 */
export function drawPages(
  doc: Pdf,
  blocks: Block[] | Block[][],
  at: { top: number; bottom: number; gap: number; maxGap: number; footer: string },
): void {
  const pages = isPaged(blocks) ? blocks : toPages(blocks, at.bottom - at.top, at.gap);
  pages.forEach((page, i) => {
    if (i > 0) doc.addPage();
    drawStack(page, PAGE.margin, at.top, at.bottom, at.maxGap);
    drawFooter(doc, at.footer);
  });
}

const isPaged = (blocks: Block[] | Block[][]): blocks is Block[][] => Array.isArray(blocks[0]);

/**
 * Blocks one under the other from `top` down to `bottom`, the spare height shared out
 * between them so that no band of the page is left empty; gaps never grow past `maxGap`
 * (what is left then goes above and below, in equal parts).
 */
export function drawStack(
  blocks: Block[],
  x: number,
  top: number,
  bottom: number,
  maxGap = Number.POSITIVE_INFINITY,
): void {
  const shown = blocks.filter((block) => block.height > 0);
  const used = shown.reduce((sum, block) => sum + block.height, 0);
  const gaps = Math.max(1, shown.length - 1);
  const gap = Math.min(maxGap, Math.max(0, (bottom - top - used) / gaps));
  let y = top + Math.max(0, (bottom - top - used - gap * (shown.length - 1)) / 2);
  for (const block of shown) {
    block.draw(x, y);
    y += block.height + gap;
  }
}

/**
 * The blocks planned at the largest factor, from 1 down to `smallest` by 0.05, whose stack
 * (with `gap` times the factor between blocks) fits in `room`: the first try at 1, then a
 * binary search (smaller type, shorter stack). When none fits, the smallest is planned
 * with `last` set, so that the plan may cut its longest text to make it fit.
 */
export function fitted(
  plan: (factor: number, last: boolean) => Block[],
  room: number,
  gap: number,
  smallest = 0.5,
): Block[] {
  const steps = Math.round((1 - smallest) / 0.05);
  const factorAt = (i: number) => 1 - i * 0.05;
  const tryAt = (i: number) => {
    const blocks = plan(factorAt(i), false);
    return stackHeight(blocks, gap * factorAt(i)) <= room ? blocks : undefined;
  };
  let best = tryAt(0);
  if (best) return best;
  let [low, high] = [1, steps];
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const fitting = tryAt(middle);
    if (fitting) {
      best = fitting;
      high = middle - 1;
    } else low = middle + 1;
  }
  return best ?? plan(factorAt(steps), true);
}
