// The tips sheet: numbered advice at the largest size that lets every item fit, and the
// kit's useful numbers in a box at the bottom, where they are easy to find in a hurry.
// In large print the items keep their size (1.5× the standard's largest) and run onto more
// pages instead.
import { isRightToLeft } from './bidi-text.ts';
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
  type Block,
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
  if (ctx.rules.scale > 1) {
    drawItemsOnPages(ctx, top + 4, numbers);
    return;
  }
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
  let plans = largestFitting(8, ctx.rules.size('lead', 1.1), (size) =>
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
  // A short list shares out the spare room between its items: no empty foot of the page.
  const used = plans.reduce((sum, plan) => sum + Math.max(plan.height, MARKER) + ITEM_GAP, 0);
  const gap = ITEM_GAP + Math.min(ITEM_GAP * 4, Math.max(0, bottom - top - used) / plans.length);
  let y = top;
  // Right to left, the numbers are at the right, where each line starts.
  const rtl = isRightToLeft(ctx.kit.tips.items.join(' '));
  plans.forEach((plan, i) => {
    drawMarker(ctx, i + 1, rtl ? PAGE.width - PAGE.margin - MARKER : PAGE.margin, y);
    const textTop = y + Math.max(0, (MARKER - plan.size * 1.2) / 2);
    plan.draw(PAGE.margin + (rtl ? 0 : INDENT), textTop);
    y += Math.max(plan.height, MARKER) + gap;
  });
}

/** Large print: every item at 1.5× the standard's largest size, on as many pages as needed. */
function drawItemsOnPages(ctx: DocumentContext, top: number, numbers: Block): void {
  const { doc, kit, labels, rules } = ctx;
  const marker = MARKER * rules.scale;
  const indent = marker + 14;
  const gap = ITEM_GAP * rules.scale;
  const bottom = FOOTER_TOP - 12;
  let y = top;
  const rtl = isRightToLeft(kit.tips.items.join(' '));
  kit.tips.items.forEach((item, i) => {
    // 1.5× the largest size of the standard sheet (a short list is set that large there).
    const plan = planText(doc, item, CONTENT_WIDTH - indent, {
      size: rules.size('lead', 1.1),
      lineGap: 0.15,
    });
    const height = Math.max(plan.height, marker);
    if (y + height > bottom) {
      drawFooter(doc, labels.footer);
      doc.addPage();
      y = PAGE.margin;
    }
    drawMarker(ctx, i + 1, rtl ? PAGE.width - PAGE.margin - marker : PAGE.margin, y, marker);
    const textTop = y + Math.max(0, (marker - plan.size * 1.2) / 2);
    plan.draw(PAGE.margin + (rtl ? 0 : indent), textTop);
    y += height + gap;
  });
  if (y + numbers.height > bottom) {
    drawFooter(doc, labels.footer);
    doc.addPage();
    y = PAGE.margin;
  }
  numbers.draw(PAGE.margin, bottom - numbers.height);
  drawFooter(doc, labels.footer);
}

function drawMarker(ctx: DocumentContext, n: number, x: number, y: number, size = MARKER): void {
  const { doc } = ctx;
  doc
    .save()
    .lineWidth(1.5)
    .circle(x + size / 2, y + size / 2, size / 2 - 1)
    .stroke();
  doc.restore();
  const label = String(n);
  doc.font('bold-latin').fontSize(size / 2);
  const width = doc.widthOfString(label);
  doc.text(label, x + (size - width) / 2, y + (size - doc.currentLineHeight()) / 2 + 1, {
    lineBreak: false,
  });
}
