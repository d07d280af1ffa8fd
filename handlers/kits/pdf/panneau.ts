// The neighbours' board: two ruled columns, "I need" and "I can offer", where each
// neighbour writes their first name and floor in a small box and their request beside it.
// It stays up all year: its heading is the board's name, never a gathering's title or date.
// Right to left (Arabic) it is mirrored: "I need" on the right, each row's name box on its
// right and the line to write on to its left.
import { drawSheetHeading } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import {
  CONTENT_WIDTH,
  FOOTER_TOP,
  PAGE,
  alignStart,
  drawBox,
  drawDottedLine,
  drawFooter,
  drawLine,
  isRightToLeftLanguage,
  planText,
} from './layout.ts';

const ROWS = 12;
const COLUMN_GAP = 16;

export function drawPanneau(ctx: DocumentContext): void {
  const { doc, labels, rules } = ctx;
  let y = drawSheetHeading(ctx, labels.documentNames.panneau, { details: false });
  const instructions = planText(doc, labels.panneauInstructions, CONTENT_WIDTH, {
    size: rules.size('body'),
    align: alignStart(labels.language, labels.panneauInstructions),
    minSize: 9,
    maxHeight: rules.size('body', 3.8),
  });
  instructions.draw(PAGE.margin, y);
  y += instructions.height + 10;

  const width = (CONTENT_WIDTH - COLUMN_GAP) / 2;
  const bottom = FOOTER_TOP - 12;
  const [first, second] = [PAGE.margin, PAGE.margin + width + COLUMN_GAP];
  const rtl = isRightToLeftLanguage(labels.language);
  drawColumn(ctx, labels.need, rtl ? second : first, y, width, bottom);
  drawColumn(ctx, labels.offer, rtl ? first : second, y, width, bottom);
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
  const { doc, labels, rules } = ctx;
  const title = planText(doc, heading, width - 20, {
    weight: 'bold',
    size: rules.size('lead', 1.1),
    minSize: 12,
    align: 'center',
    maxHeight: rules.size('lead', 1.5),
  });
  title.draw(x + 10, top + 8);
  const rowsTop = top + Math.max(title.height, 20) + 16;
  drawLine(doc, x, rowsTop, x + width, rowsTop, 2);
  // Large print keeps the handwriting room per row: fewer, taller rows.
  const rows = Math.round(ROWS / rules.scale);
  const rowHeight = (bottom - rowsTop) / rows;
  const nameWidth = Math.round(width * 0.32);
  const rtl = isRightToLeftLanguage(labels.language);
  // The name box where a row starts; the line to write on after it.
  const nameX = rtl ? x + width - nameWidth : x;
  const lineFrom = rtl ? x + 8 : x + nameWidth + 8;
  const lineTo = rtl ? x + width - nameWidth - 8 : x + width - 8;
  const who = planText(doc, labels.panneauWho, nameWidth - 8, {
    size: rules.size('footer', 0.85),
    align: alignStart(labels.language, labels.panneauWho),
    minSize: 6,
    maxHeight: rules.size('footer', 2.2),
  });
  for (let row = 0; row < rows; row++) {
    const y = rowsTop + row * rowHeight;
    if (row > 0) drawLine(doc, x, y, x + width, y, 0.75);
    who.draw(nameX + 4, y + 3);
    drawDottedLine(doc, lineFrom, y + rowHeight / 2, lineTo);
  }
  const rule = rtl ? nameX : x + nameWidth;
  drawLine(doc, rule, rowsTop, rule, bottom, 0.75);
  drawBox(doc, x, top, width, bottom - top, 1.5);
}
