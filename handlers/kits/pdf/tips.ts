// The tips sheet: numbered advice at the largest size that lets every item fit, and the
// kit's useful numbers in a box at the bottom, where they are easy to find in a hurry.
import { drawSheetHeading } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { drawEasyTips } from './easy-read.ts';
import {
  CONTENT_WIDTH,
  FOOTER_TOP,
  PAGE,
  drawFooter,
  largestFitting,
  planText,
  type TextPlan,
} from './layout.ts';
import { planNumbersList } from './numbers-box.ts';

const MARKER = 24;
const INDENT = MARKER + 12;
const ITEM_GAP = 10;

export function drawTips(ctx: DocumentContext): void {
  const { doc, kit, labels } = ctx;
  if (ctx.rules.variant === 'easy' && kit.easyRead) {
    drawEasyTips(ctx);
    return;
  }
  const top = drawSheetHeading(ctx, kit.tips.title);
  const numbers = planNumbersList(ctx, CONTENT_WIDTH);
  const numbersTop = FOOTER_TOP - 12 - numbers.height;
  numbers.draw(PAGE.margin, numbersTop);
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
  let plans = largestFitting(8, ctx.rules.size('lead', 0.95), (size) =>
    planItems(ctx, size, bottom - top),
  );
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
