// Easy-to-read (FALC) documents for the kits that have easy-read content (canicule, grand
// froid, fête des voisins): large type, one short sentence per line, each beside a
// pictogram, nothing abbreviated. The poster keeps what the others have: the details or
// lines to write them on, the emergency numbers and the relay for the watch kits, the QR
// code. The tips sheet is the same lines under the sheet's heading, with the numbers box.
import { isRightToLeft } from './bidi-text.ts';
import {
  drawSheetHeading,
  planDetailStrip,
  eventDetails,
  missingDetails,
  planDetailRows,
  planGroupName,
  planQrBlock,
} from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { planFillInRows } from './fill-in.ts';
import {
  CONTENT_WIDTH,
  FOOTER_TOP,
  PAGE,
  drawFooter,
  drawPages,
  drawStack,
  stackHeight,
  fitted,
  planText,
  type Block,
} from './layout.ts';
import { planNumberCells, planNumbersList } from './numbers-box.ts';
import { drawPictogram } from './pictograms.ts';
import { POSTER_DETAIL_MIN } from './rules.ts';

/**
 * The kit's easy-read lines, each with its pictogram where its line starts (on the left, on
 * the right in Arabic); empty without them.
 */
export function planPictogramLines(ctx: DocumentContext, width: number, factor: number): Block {
  const { doc, kit, rules } = ctx;
  const lines = kit.easyRead?.lines ?? [];
  if (lines.length === 0) return { height: 0, draw: () => undefined };
  const size = rules.size('lead', factor);
  const icon = Math.round(size * 1.8);
  const gutter = size * 0.8;
  const gap = size * 0.45;
  const rows = lines.map((line) => {
    const text = planText(doc, line.text, width - icon - gutter, {
      size,
      minSize: Math.min(size, 14),
      maxHeight: size * 3.8,
      lineGap: 0.15,
    });
    return { line, text, height: Math.max(icon, text.height) };
  });
  const rtl = isRightToLeft(lines.map((line) => line.text).join(' '));
  return {
    height: rows.reduce((sum, row) => sum + row.height + gap, -gap),
    draw: (x, y) => {
      let top = y;
      for (const row of rows) {
        const iconLeft = rtl ? x + width - icon : x;
        drawPictogram(doc, row.line.pictogram, iconLeft, top + (row.height - icon) / 2, icon);
        const textLeft = rtl ? x : x + icon + gutter;
        row.text.draw(textLeft, top + (row.height - row.text.height) / 2);
        top += row.height + gap;
      }
    },
  };
}

/**
 * Large type throughout (nothing under 16 pt): on one page when it fits at a size a little
 * below the full one, else on two at the full size, rather than small.
 */
export function drawEasyPoster(ctx: DocumentContext): void {
  const [top, bottom] = [PAGE.margin - 8, FOOTER_TOP - 10];
  const { gap } = ctx.rules;
  const plan = (factor: number) => planEasyPoster(ctx, factor);
  const onePage = fitted(plan, bottom - top, gap, 0.8);
  if (stackHeight(onePage, gap * 0.8) <= bottom - top) {
    drawStack(onePage, PAGE.margin, top, bottom, gap * 3);
    drawFooter(ctx.doc, ctx.labels.footer);
    return;
  }
  const at = { top, bottom, gap, maxGap: gap * 3, footer: ctx.labels.footer };
  drawPages(ctx.doc, plan(1), at);
}

function planEasyPoster(ctx: DocumentContext, factor: number): Block[] {
  const { doc, kit, labels, rules } = ctx;
  const width = CONTENT_WIDTH;
  const title = planText(doc, kit.easyRead?.title ?? kit.poster.headline, width, {
    weight: 'bold',
    size: rules.size('title', factor * 0.9),
    minSize: 22,
    align: 'center',
    maxHeight: rules.size('title', factor * 2),
  });
  const group = planGroupName(ctx, 'organisedBy', width, 'center', {
    prefix: rules.size('lead', factor * 0.7),
    name: rules.size('heading', factor * 0.8),
    minName: 14,
    maxNameHeight: rules.size('heading', factor * 1.8),
  });
  const blocks: Block[] = [title, group];
  const details = eventDetails(ctx);
  const detailSize = Math.max(POSTER_DETAIL_MIN, rules.size('detail', factor * 0.8));
  if (details.length > 0 && kit.kind === 'watch') {
    // The numbers are what the page is for; a date typed for it goes in the strip.
    blocks.push(planDetailStrip(ctx, details, width));
  } else if (details.length > 0) {
    blocks.push(
      planDetailRows(ctx, details, width, {
        label: rules.size('lead', factor * 0.8),
        value: detailSize,
        minValue: POSTER_DETAIL_MIN,
      }),
    );
  }
  const missing = missingDetails(ctx).map((label) => ({ label }));
  if (missing.length > 0) blocks.push(planFillInRows(ctx, missing, width, detailSize));
  // The lines keep most of their size (at least 20 pt); the numbers give way first.
  const lines = planPictogramLines(ctx, width, Math.max(factor, 0.6));
  if (kit.kind === 'watch') {
    // The numbers first, on the first page when the poster takes two, and their words no
    // smaller than on the standard poster (tryout).
    blocks.push(planNumberCells(ctx, width, factor * 0.75), lines);
    const relay = [{ label: labels.relayNameEasy }, { label: labels.relayDoorPhone }];
    blocks.push(planFillInRows(ctx, relay, width, rules.size('lead', factor * 0.75)));
  } else blocks.push(lines);
  blocks.push(
    planQrBlock(ctx, {
      size: Math.max(90, Math.round(110 * factor)),
      captionSize: rules.size('lead', factor * 0.8),
      width,
    }),
  );
  return blocks;
}

/** The tips sheet, easy to read: the lines with their pictograms, then the numbers box. */
export function drawEasyTips(ctx: DocumentContext): void {
  const { kit, labels, rules } = ctx;
  const top = drawSheetHeading(ctx, kit.easyRead?.title ?? kit.tips.title);
  const numbers = planNumbersList(ctx, CONTENT_WIDTH);
  const bottom = FOOTER_TOP - 12;
  let lines = planPictogramLines(ctx, CONTENT_WIDTH, 1);
  for (
    let factor = 0.95;
    factor >= 0.5 && lines.height > bottom - top - numbers.height - rules.gap;
    factor -= 0.05
  )
    lines = planPictogramLines(ctx, CONTENT_WIDTH, factor);
  drawStack([lines, numbers], PAGE.margin, top, bottom, rules.gap * 4);
  drawFooter(ctx.doc, labels.footer);
}
