// The invitation for letterboxes: two copies per A4 page (A5 each once cut) with a dashed
// cut line between them; one copy per page in large print and easy to read. Each copy uses
// the full width: headline and group name beside the QR code, the date/time/place strip
// (or a line to write them on), the text, the call to action, the relay's details for the
// watch kits, and a tear-off reply slip for gatherings and watches.
import {
  drawQrCode,
  keepTogether,
  planDetailStrip,
  eventDetails,
  missingDetails,
  planGroupName,
} from './blocks.ts';
import { isRightToLeft } from './bidi-text.ts';
import type { DocumentContext } from './document-types.ts';
import { planPictogramLines } from './easy-read.ts';
import { drawTickBox, planFillInRow, planFillInRows, type FillIn } from './fill-in.ts';
import {
  CONTENT_WIDTH,
  PAGE,
  alignStart,
  drawDashedLine,
  drawFooter,
  drawPages,
  drawStack,
  fitted,
  isRightToLeftLanguage,
  planText,
  stackHeight,
  type Block,
} from './layout.ts';

const HALF = PAGE.height / 2;

export function drawFlyer(ctx: DocumentContext): void {
  if (ctx.rules.scale > 1) {
    // One copy, its whole text at full size (nothing under 16 pt), on a second page if
    // need be: large print that shrinks back is no large print.
    const { gap } = ctx.rules;
    const at = {
      top: PAGE.margin - 8,
      bottom: PAGE.height - 42,
      gap,
      maxGap: gap * 2,
      footer: ctx.labels.footer,
    };
    drawPages(ctx.doc, planCopy(ctx, 1, undefined), at);
    return;
  }
  drawCopy(ctx, 0, HALF);
  drawCopy(ctx, HALF, HALF);
  drawCutLine(ctx, HALF, ctx.labels.cutHere);
}

function drawCopy(ctx: DocumentContext, top: number, height: number): void {
  const { labels, rules } = ctx;
  const first = top + (height === HALF ? 26 : PAGE.margin - 8);
  const last = top + height - (height === HALF ? 38 : 42);
  const room = last - first;
  const blocks = fitted(
    (factor, cut) => planCopy(ctx, factor, cut ? room : undefined),
    room,
    rules.gap,
  );
  drawStack(blocks, PAGE.margin, first, last, rules.gap * 2);
  drawFooter(ctx.doc, labels.footer, top + height - 30);
}

/** One copy's blocks; the text is cut to what `room` leaves only when it is given. */
function planCopy(ctx: DocumentContext, factor: number, room: number | undefined): Block[] {
  const { doc, kit, labels, rules } = ctx;
  const width = CONTENT_WIDTH;
  const blocks: Block[] = [planHeading(ctx, factor)];
  const details = eventDetails(ctx);
  const fieldSize = rules.size('body', factor * 1.15);
  if (details.length > 0) blocks.push(planDetailStrip(ctx, details, width));
  // What was not given is left to write by hand (only the date given: the time and place).
  const shares: Record<string, number> = { [labels.time]: 0.6, [labels.place]: 1.2 };
  const missing = missingDetails(ctx).map((label) => ({ label, share: shares[label] ?? 1 }));
  if (missing.length > 0) blocks.push(planFillIns(ctx, missing, width, fieldSize));
  const callToAction = planText(doc, kit.flyer.callToAction, width, {
    weight: 'bold',
    size: rules.size('body', factor * 1.15),
    minSize: 10,
    maxHeight: rules.size('body', factor * 3.6),
  });
  const after: Block[] = [callToAction];
  if (kit.kind === 'watch') {
    const name = rules.variant === 'easy' ? labels.relayNameEasy : labels.relayName;
    const relay = [
      { label: name, share: 1.3 },
      { label: labels.relayDoorPhone, share: 1 },
    ];
    after.push(planFillIns(ctx, relay, width, fieldSize));
  }
  after.push(planReplySlip(ctx, factor));
  const gaps = rules.gap * factor * (blocks.length + after.length);
  const left =
    room === undefined
      ? Number.POSITIVE_INFINITY
      : room - stackHeight([...blocks, ...after], 0) - gaps;
  const body =
    rules.variant === 'easy' && kit.easyRead
      ? planPictogramLines(ctx, width, factor * 0.8)
      : planText(doc, kit.flyer.body, width, {
          size: rules.size('body', factor),
          minSize: room === undefined ? rules.size('body', factor) : 8,
          maxHeight: Math.max(left, 20),
          lineGap: 0.18,
        });
  return [...blocks, body, ...after];
}

/**
 * Headline and group name on the left, the QR code and its caption on the right; the other
 * way round in a right-to-left document.
 */
function planHeading(ctx: DocumentContext, factor: number): Block {
  const { doc, kit, labels, rules } = ctx;
  // Not shrunk with the text: below about 2 pt a module, phones struggle.
  const qrSize = ctx.qr ? rules.qrSize : 0;
  const side = ctx.qr ? Math.max(110, qrSize * 1.3) : 0;
  const width = CONTENT_WIDTH - (side ? side + 12 : 0);
  const easy = rules.variant === 'easy' ? kit.easyRead?.title : undefined;
  const headlineText = keepTogether(easy ?? kit.flyer.headline, kit.title);
  const rtl = isRightToLeftLanguage(labels.language);
  const headline = planText(doc, headlineText, width, {
    weight: 'bold',
    align: alignStart(labels.language, headlineText),
    size: rules.size('heading', factor * 1.1),
    minSize: 16,
    maxHeight: rules.size('heading', factor * 2.4),
    lineGap: 0.02,
  });
  const group = planGroupName(ctx, 'organisedBy', width, 'left', {
    prefix: rules.size('note', factor),
    name: rules.size('lead', factor),
    minName: 11,
    maxNameHeight: rules.size('lead', factor * 2.4),
  });
  const captionSize = rules.size('footer');
  const qrHeight = ctx.qr ? qrSize + 3 + captionSize * 2.6 : 0;
  return {
    height: Math.max(headline.height + 4 + group.height, qrHeight),
    draw: (x, y) => {
      const textX = rtl ? x + CONTENT_WIDTH - width : x;
      headline.draw(textX, y);
      group.draw(textX, y + headline.height + 4);
      if (!ctx.qr) return;
      drawQrCode(ctx, {
        x: rtl ? x + (side - qrSize) / 2 : x + CONTENT_WIDTH - (side + qrSize) / 2,
        y,
        size: qrSize,
        captionWidth: side,
        captionSize,
      });
    },
  };
}

/** Fill-ins side by side on a half page; one a line in large print, where they are wide. */
function planFillIns(ctx: DocumentContext, fields: FillIn[], width: number, size: number): Block {
  return ctx.rules.scale > 1
    ? planFillInRows(ctx, fields, width, size)
    : planFillInRow(ctx, fields, width, size);
}

/** The tear-off slip: a cut line, its heading, then what to fill in or tick. */
function planReplySlip(ctx: DocumentContext, factor: number): Block {
  const { doc, kit, labels, rules } = ctx;
  if (kit.kind === 'notice') return { height: 0, draw: () => undefined };
  const width = CONTENT_WIDTH;
  const size = rules.size('body', factor * 1.05);
  const heading = planText(doc, labels.replySlip, width, {
    weight: 'bold',
    size: rules.size('note', factor),
    minSize: 8,
    maxHeight: rules.size('note', factor * 2.6),
  });
  const rows: Block[] = [];
  if (kit.kind === 'gathering') {
    const fields = [
      { label: labels.replyGuests, share: 0.7 },
      { label: labels.replyBringing, share: 1.5 },
    ];
    rows.push(planFillIns(ctx, fields, width, size));
    rows.push(planFillInRow(ctx, [{ label: labels.replyWho }], width, size));
  } else {
    rows.push(planTick(ctx, labels.replyCheckOnMe, size), planTick(ctx, labels.replyCanCall, size));
    rows.push(planFillInRow(ctx, [{ label: labels.replyWhoPhone }], width, size));
  }
  const top = 10;
  return {
    height: top + heading.height + stackHeight(rows, 0),
    draw: (x, y) => {
      drawCutLine(ctx, y, '');
      heading.draw(x, y + top);
      let row = y + top + heading.height;
      for (const block of rows) {
        block.draw(x, row);
        row += block.height;
      }
    },
  };
}

function planTick(ctx: DocumentContext, label: string, size: number): Block {
  const box = size * 0.95;
  const text = planText(ctx.doc, label, CONTENT_WIDTH - box - 10, {
    size,
    minSize: Math.min(size, 8),
    maxHeight: size * 2.6,
  });
  return {
    height: Math.max(text.height, box) + size * 0.5,
    draw: (x, y) => {
      // The box where the line starts: on the right, right to left.
      const rtl = isRightToLeft(label);
      drawTickBox(ctx.doc, rtl ? x + CONTENT_WIDTH - box : x, y + size * 0.3, box);
      text.draw(rtl ? x : x + box + 10, y + size * 0.3);
    },
  };
}

function drawCutLine(ctx: DocumentContext, y: number, label: string): void {
  const { doc } = ctx;
  drawDashedLine(doc, 18, y, PAGE.width - 18);
  if (!label) return;
  const style = { size: 7.5, minSize: 6, align: 'right', maxHeight: 10, fine: true } as const;
  const plan = planText(doc, label, 160, style);
  plan.draw(PAGE.width - 18 - 160, y - 11);
}
