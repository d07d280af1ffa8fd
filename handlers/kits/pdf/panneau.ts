// The neighbours' board: two ruled columns, "I need" and "I can offer", where each
// neighbour writes their first name and floor in a small box and their request beside it.
import { drawSheetHeading } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import {
  CONTENT_WIDTH,
  FOOTER_TOP,
  PAGE,
  drawBox,
  drawDottedLine,
  drawFooter,
  drawLine,
  planText,
} from './layout.ts';

const ROWS = 12;
const COLUMN_GAP = 16;

export function drawPanneau(ctx: DocumentContext): void {
  const { doc, kit, labels } = ctx;
  let y = drawSheetHeading(ctx, kit.title);
  const instructions = planText(doc, labels.panneauInstructions, CONTENT_WIDTH, {
    size: 12,
    minSize: 9,
    maxHeight: 32,
  });
  instructions.draw(PAGE.margin, y);
  y += instructions.height + 10;

  const width = (CONTENT_WIDTH - COLUMN_GAP) / 2;
  const bottom = FOOTER_TOP - 12;
  drawColumn(ctx, labels.need, PAGE.margin, y, width, bottom);
  drawColumn(ctx, labels.offer, PAGE.margin + width + COLUMN_GAP, y, width, bottom);
  drawFooter(doc, labels.footer);
}

function drawColumn(
  ctx: DocumentContext,
  heading: string,
  x: number,
  top: number,
  width: number,
  bottom: number,
): void {
  const { doc, labels } = ctx;
  const title = planText(doc, heading, width - 20, {
    weight: 'bold',
    size: 20,
    minSize: 12,
    align: 'center',
    maxHeight: 26,
  });
  title.draw(x + 10, top + 8);
  const rowsTop = top + Math.max(title.height, 20) + 16;
  drawLine(doc, x, rowsTop, x + width, rowsTop, 2);
  const rowHeight = (bottom - rowsTop) / ROWS;
  const nameWidth = Math.round(width * 0.32);
  const who = planText(doc, labels.panneauWho, nameWidth - 8, {
    size: 7.5,
    minSize: 6,
    maxHeight: 18,
  });
  for (let row = 0; row < ROWS; row++) {
    const y = rowsTop + row * rowHeight;
    if (row > 0) drawLine(doc, x, y, x + width, y, 0.75);
    who.draw(x + 4, y + 3);
    drawDottedLine(doc, x + nameWidth + 8, y + rowHeight / 2, x + width - 8);
  }
  drawLine(doc, x + nameWidth, rowsTop, x + nameWidth, bottom, 0.75);
  drawBox(doc, x, top, width, bottom - top, 1.5);
}
