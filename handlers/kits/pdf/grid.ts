// A table to fill in by hand (annuaire, planning): bold column headings, then ruled rows as
// tall as the space allows, up to a comfortable handwriting height. The first rows may come
// printed (the "qui apporte quoi" sheet's items), the rest stay blank.
import type { DocumentContext } from './document-types.ts';
import { drawTickBox } from './fill-in.ts';
import { fontName } from './fonts.ts';
import {
  CONTENT_WIDTH,
  PAGE,
  drawBox,
  drawLine,
  isRightToLeftLanguage,
  largestFitting,
  planText,
} from './layout.ts';

export interface GridColumn {
  heading: string;
  /** Relative width (default 1). */
  share?: number;
  /** Each row gets a box to tick instead of room to write. */
  tickBox?: boolean;
}

export function drawGrid(
  ctx: DocumentContext,
  grid: {
    columns: GridColumn[];
    rows: number;
    top: number;
    bottom: number;
    maxRowHeight: number;
    /** Printed text of the first rows, a cell per column ('' leaves a cell blank). */
    content?: string[][];
  },
): number {
  const { doc, rules } = ctx;
  const x = PAGE.margin;
  const shares = grid.columns.map((column) => column.share ?? 1);
  const totalShare = shares.reduce((sum, share) => sum + share, 0);
  const widths = shares.map((share) => (CONTENT_WIDTH * share) / totalShare);
  // Each column's left edge: the first column on the left, or on the right in Arabic.
  const rtl = isRightToLeftLanguage(ctx.labels.language);
  const lefts = widths.map((_, i) => {
    const before = widths.slice(0, i).reduce((sum, w) => sum + w, 0);
    return rtl ? x + CONTENT_WIDTH - before - (widths[i] ?? 0) : x + before;
  });
  // Every heading at one size: the largest at which each fits its column in four lines
  // without a word cut in two.
  const planAt = (size: number, cut: boolean) =>
    grid.columns.map((column, i) =>
      planText(doc, column.heading, (widths[i] ?? 0) - 10, {
        weight: 'bold',
        size,
        maxHeight: cut ? size * 5 : Number.POSITIVE_INFINITY,
        lineGap: 0.05,
        // Sized here, against the columns' width (see `smallest`).
        fine: true,
      }),
    );
  const fits = (size: number) => {
    const plans = planAt(size, false);
    doc.font(fontName('bold')).fontSize(size);
    const ok = grid.columns.every((column, i) => {
      const longest = Math.max(...column.heading.split(/\s+/).map((w) => doc.widthOfString(w)));
      return longest <= (widths[i] ?? 0) - 10 && (plans[i]?.height ?? 0) <= size * 5;
    });
    return ok ? plans : undefined;
  };
  const headingSize = rules.size('note', 1.05);
  // A column's heading may not cut a word; in large print six columns across A4 portrait
  // leave no room for "Téléphone" at 16 pt, so headings may go down to 13 pt there (the
  // rows themselves are written by hand, taller). Landscape pages would be the next step.
  const smallest = rules.floor > 0 ? 13 : 7;
  const headings = largestFitting(smallest, headingSize, fits) ?? planAt(smallest, true);
  const headerHeight = Math.max(22, ...headings.map((plan) => plan.height + 12));
  const rowsTop = grid.top + headerHeight;
  const rowHeight = Math.min(grid.maxRowHeight, (grid.bottom - rowsTop) / grid.rows);
  const bottom = rowsTop + rowHeight * grid.rows;

  headings.forEach((plan, i) => {
    const left = lefts[i] ?? x;
    plan.draw(left + 5, grid.top + (headerHeight - plan.height) / 2);
    // The rule between this column and the one before it.
    const rule = rtl ? left + (widths[i] ?? 0) : left;
    if (i > 0) drawLine(doc, rule, grid.top, rule, bottom, 0.75);
  });
  drawLine(doc, x, rowsTop, x + CONTENT_WIDTH, rowsTop, 2);
  for (let row = 1; row < grid.rows; row++) {
    const y = rowsTop + row * rowHeight;
    drawLine(doc, x, y, x + CONTENT_WIDTH, y, 0.6);
  }
  drawContent(ctx, grid.content ?? [], widths, lefts, rowsTop, rowHeight);
  const box = Math.min(rowHeight * 0.55, 16 * rules.scale);
  grid.columns.forEach((column, i) => {
    const columnWidth = widths[i] ?? 0;
    if (column.tickBox) {
      for (let row = 0; row < grid.rows; row++) {
        const y = rowsTop + row * rowHeight + (rowHeight - box) / 2;
        drawTickBox(doc, (lefts[i] ?? x) + (columnWidth - box) / 2, y, box);
      }
    }
  });
  drawBox(doc, x, grid.top, CONTENT_WIDTH, bottom - grid.top, 1.5);
  return bottom;
}

/** The printed rows' text, each cell at body size shrunk (then cut) to its row. */
function drawContent(
  ctx: DocumentContext,
  content: string[][],
  widths: number[],
  lefts: number[],
  rowsTop: number,
  rowHeight: number,
): void {
  const { doc, rules } = ctx;
  const size = Math.min(rules.size('body'), rowHeight * 0.6);
  content.forEach((cells, row) => {
    cells.forEach((text, i) => {
      const left = lefts[i] ?? PAGE.margin;
      const width = widths[i] ?? 0;
      const plan = planText(doc, text, width - 10, {
        size,
        // Never below 8 pt: a longer label is cut with an ellipsis (it is in full on /liste).
        minSize: Math.min(size, 8),
        maxHeight: rowHeight - 4,
        lineGap: 0.05,
      });
      plan.draw(left + 5, rowsTop + row * rowHeight + (rowHeight - plan.height) / 2);
    });
  });
}
