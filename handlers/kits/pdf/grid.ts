// A blank table to fill in by hand (annuaire, planning): bold column headings, then ruled
// rows as tall as the space allows, up to a comfortable handwriting height.
import type { DocumentContext } from './document-types.ts';
import { CONTENT_WIDTH, PAGE, drawBox, drawLine, planText } from './layout.ts';

export interface GridColumn {
  heading: string;
  /** Relative width (default 1). */
  share?: number;
}

export function drawGrid(
  ctx: DocumentContext,
  grid: { columns: GridColumn[]; rows: number; top: number; bottom: number; maxRowHeight: number },
): void {
  const { doc } = ctx;
  const x = PAGE.margin;
  const shares = grid.columns.map((column) => column.share ?? 1);
  const totalShare = shares.reduce((sum, share) => sum + share, 0);
  const widths = shares.map((share) => (CONTENT_WIDTH * share) / totalShare);
  const headingSize = grid.columns.length > 4 ? 10 : 11.5;
  const headings = grid.columns.map((column, i) =>
    planText(doc, column.heading, (widths[i] ?? 0) - 10, {
      weight: 'bold',
      size: headingSize,
      minSize: 7,
      maxHeight: headingSize * 2.5,
      lineGap: 0.05,
      oneLineDownTo: 8.5,
    }),
  );
  const headerHeight = Math.max(22, ...headings.map((plan) => plan.height + 12));
  const rowsTop = grid.top + headerHeight;
  const rowHeight = Math.min(grid.maxRowHeight, (grid.bottom - rowsTop) / grid.rows);
  const bottom = rowsTop + rowHeight * grid.rows;

  let left = x;
  headings.forEach((plan, i) => {
    plan.draw(left + 5, grid.top + (headerHeight - plan.height) / 2);
    if (i > 0) drawLine(doc, left, grid.top, left, bottom, 0.75);
    left += widths[i] ?? 0;
  });
  drawLine(doc, x, rowsTop, x + CONTENT_WIDTH, rowsTop, 2);
  for (let row = 1; row < grid.rows; row++) {
    const y = rowsTop + row * rowHeight;
    drawLine(doc, x, y, x + CONTENT_WIDTH, y, 0.6);
  }
  drawBox(doc, x, grid.top, CONTENT_WIDTH, bottom - grid.top, 1.5);
}
