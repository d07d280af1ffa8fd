// The tips sheet: numbered advice at the largest size that lets every item fit, and the
// kit's useful numbers in a box at the bottom, where they are easy to find in a hurry.
import { drawSheetHeading } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { fontName } from './fonts.ts';
import {
  CONTENT_WIDTH,
  FOOTER_TOP,
  PAGE,
  drawBox,
  drawDottedLine,
  drawFooter,
  largestFitting,
  planText,
  type TextPlan,
} from './layout.ts';

const MARKER = 24;
const INDENT = MARKER + 12;
const ITEM_GAP = 10;

export function drawTips(ctx: DocumentContext): void {
  const { doc, kit, labels } = ctx;
  const top = drawSheetHeading(ctx, kit.tips.title);
  const numbersTop = drawNumbers(ctx);
  drawItems(ctx, top + 4, numbersTop - 14);
  drawFooter(doc, labels.footer);
}

/** The items at one size, or undefined when they do not all fit in `height`. */
function planItems(ctx: DocumentContext, size: number, height: number): TextPlan[] | undefined {
  const plans = ctx.kit.tips.items.map((item) =>
    planText(ctx.doc, item, CONTENT_WIDTH - INDENT, { size, lineGap: 0.18 }),
  );
  const total = plans.reduce((sum, plan) => sum + Math.max(plan.height, MARKER) + ITEM_GAP, 0);
  return total - ITEM_GAP <= height ? plans : undefined;
}

function drawItems(ctx: DocumentContext, top: number, bottom: number): void {
  const { doc } = ctx;
  let plans = largestFitting(8, 17, (size) => planItems(ctx, size, bottom - top));
  // Even the smallest size is too long: each item gets an equal share, cut with an ellipsis.
  plans ??= ctx.kit.tips.items.map((item) =>
    planText(doc, item, CONTENT_WIDTH - INDENT, {
      size: 8,
      lineGap: 0.1,
      maxHeight: Math.max((bottom - top) / ctx.kit.tips.items.length - ITEM_GAP, 10),
    }),
  );
  let y = top;
  plans.forEach((plan, i) => {
    drawMarker(ctx, i + 1, PAGE.margin, y);
    plan.draw(PAGE.margin + INDENT, y + Math.max(0, (MARKER - plan.size * 1.2) / 2));
    y += Math.max(plan.height, MARKER) + ITEM_GAP;
  });
}

function drawMarker(ctx: DocumentContext, n: number, x: number, y: number): void {
  const { doc } = ctx;
  doc
    .save()
    .lineWidth(1.5)
    .circle(x + MARKER / 2, y + MARKER / 2, MARKER / 2 - 1)
    .stroke();
  doc.restore();
  const label = String(n);
  doc.font('bold-latin').fontSize(12);
  const width = doc.widthOfString(label);
  doc.text(label, x + (MARKER - width) / 2, y + (MARKER - doc.currentLineHeight()) / 2 + 1, {
    lineBreak: false,
  });
}

/** The boxed list of useful numbers above the footer; returns its top (the footer's if none). */
function drawNumbers(ctx: DocumentContext): number {
  const { doc, kit, labels } = ctx;
  const bottom = FOOTER_TOP - 12;
  if (kit.numbers.length === 0) return bottom;
  const pad = 14;
  const columnGap = 24;
  const columns = kit.numbers.length > 5 ? 2 : 1;
  const perColumn = Math.ceil(kit.numbers.length / columns);
  const columnWidth = (CONTENT_WIDTH - 2 * pad - (columns - 1) * columnGap) / columns;
  doc.font(fontName('bold')).fontSize(13);
  const numberWidth = Math.min(
    columnWidth * 0.45,
    Math.max(...kit.numbers.map((entry) => doc.widthOfString(entry.number))) + 4,
  );
  const labelWidth = columnWidth - numberWidth - 10;
  const rows = kit.numbers.map((entry) => {
    const label = planText(doc, entry.label, labelWidth, {
      size: 11,
      minSize: 8,
      maxHeight: 27,
      lineGap: 0.05,
    });
    const number = planText(doc, entry.number, numberWidth, {
      weight: 'bold',
      size: 13,
      minSize: 8,
      align: 'right',
      maxHeight: 17,
      oneLineDownTo: 8,
    });
    return { label, number, height: Math.max(label.height, number.height) + 6 };
  });
  // Row i of each column shares the height of the taller of the two.
  const rowHeights = Array.from({ length: perColumn }, (_, i) =>
    Math.max(...rows.filter((_, j) => j % perColumn === i).map((row) => row.height)),
  );
  const heading = planText(doc, labels.usefulNumbers, CONTENT_WIDTH - 2 * pad, {
    weight: 'bold',
    size: 14,
    minSize: 10,
    maxHeight: 18,
  });
  const height = 12 + heading.height + 8 + rowHeights.reduce((sum, h) => sum + h, 0) + 8;
  const top = bottom - height;
  heading.draw(PAGE.margin + pad, top + 12);
  rows.forEach((row, i) => {
    const x = PAGE.margin + pad + Math.floor(i / perColumn) * (columnWidth + columnGap);
    const rowIndex = i % perColumn;
    const y =
      top + 12 + heading.height + 8 + rowHeights.slice(0, rowIndex).reduce((a, b) => a + b, 0);
    const rowHeight = rowHeights[rowIndex] ?? row.height;
    row.label.draw(x, y + 1);
    row.number.draw(
      x + columnWidth - numberWidth,
      y + Math.max(0, row.label.height - row.number.height),
    );
    drawDottedLine(doc, x, y + rowHeight - 3, x + columnWidth);
  });
  drawBox(doc, PAGE.margin, top, CONTENT_WIDTH, height, 1.5);
  return top;
}
