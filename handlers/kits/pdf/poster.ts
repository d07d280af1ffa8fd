// The poster for the hall: read from a few metres away, so the headline, the group's name
// and the date/time/place come first and large. The body must stay readable too (heat and
// cold advice lives there): when it would drop below 16 pt, everything else is set smaller,
// step by step, before the body shrinks further.
import { eventDetails, planDetailRows, planGroupName } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import {
  CONTENT_WIDTH,
  FOOTER_TOP,
  PAGE,
  drawFooter,
  drawLine,
  planText,
  type TextPlan,
} from './layout.ts';
import { drawQrCodeSquares } from './qr-code.ts';

const SCALES = [1, 0.9, 0.8, 0.7];
const READABLE_BODY = 16;

export function drawPoster(ctx: DocumentContext): void {
  let layout = planPoster(ctx, 1);
  for (const scale of SCALES.slice(1)) {
    if (layout.body.size >= READABLE_BODY) break;
    layout = planPoster(ctx, scale);
  }
  layout.draw();
  drawFooter(ctx.doc, ctx.labels.footer);
}

function planPoster(ctx: DocumentContext, scale: number): { body: TextPlan; draw: () => void } {
  const { doc, kit, labels } = ctx;
  const x = PAGE.margin;
  const headline = planText(doc, kit.poster.headline, CONTENT_WIDTH, {
    weight: 'bold',
    size: 52 * scale,
    minSize: 26,
    align: 'center',
    maxHeight: 150 * scale,
    lineGap: 0.02,
  });
  const subtitle = planText(doc, kit.poster.subtitle, CONTENT_WIDTH, {
    size: 21 * scale,
    minSize: 13,
    align: 'center',
    maxHeight: 64 * scale,
  });
  const group = planGroupName(ctx, labels.organisedBy, CONTENT_WIDTH, 'center', {
    prefix: 15,
    name: 30 * scale,
    minName: 15,
    maxNameHeight: 74 * scale,
  });
  const details = planDetailRows(ctx, eventDetails(ctx), CONTENT_WIDTH, {
    label: 15,
    value: 24 * scale,
    minValue: 13,
  });
  const callToAction = planText(doc, kit.poster.callToAction, CONTENT_WIDTH, {
    weight: 'bold',
    size: 22 * scale,
    minSize: 13,
    align: 'center',
    maxHeight: 84 * scale,
  });

  // Top down: headline, subtitle, rule, group, details. Bottom up: footer, QR band, call
  // to action. The body gets what is left between them.
  const headlineTop = PAGE.margin;
  const subtitleTop = headlineTop + headline.height + 6;
  const ruleY = subtitleTop + subtitle.height + 12;
  const groupTop = ruleY + 14;
  const detailsTop = groupTop + group.height + 16;
  const bodyTop = detailsTop + (details.height > 0 ? details.height + 16 : 0);
  const qrSize = ctx.qr ? Math.round(128 * Math.max(scale, 0.85)) : 0;
  const bandTop = ctx.qr ? FOOTER_TOP - 14 - qrSize : FOOTER_TOP - 10;
  const actionTop = bandTop - 14 - callToAction.height;
  const bodySpace = Math.max(actionTop - 14 - bodyTop, 12);
  const body = planText(doc, kit.poster.body, CONTENT_WIDTH, {
    size: 20,
    minSize: 9,
    maxHeight: bodySpace,
    lineGap: 0.2,
  });

  return {
    body,
    draw: () => {
      headline.draw(x, headlineTop);
      subtitle.draw(x, subtitleTop);
      drawLine(doc, x + CONTENT_WIDTH * 0.2, ruleY, x + CONTENT_WIDTH * 0.8, ruleY, 3);
      group.draw(x, groupTop);
      details.draw(x, detailsTop);
      body.draw(x, bodyTop + Math.min(Math.max(0, (bodySpace - body.height) / 3), 24));
      callToAction.draw(x, actionTop);
      drawQrBand(ctx, bandTop, qrSize);
    },
  };
}

/** The QR code on the left of the bottom band, its caption large beside it. */
function drawQrBand(ctx: DocumentContext, top: number, size: number): void {
  const { doc, personalisation, qr } = ctx;
  if (!qr) return;
  const x = PAGE.margin;
  drawLine(doc, x, top - 7, x + CONTENT_WIDTH, top - 7, 0.75);
  drawQrCodeSquares(doc, qr, x, top, size);
  const caption = planText(doc, personalisation.qrCaption, CONTENT_WIDTH - size - 18, {
    weight: 'bold',
    size: 22,
    minSize: 12,
    maxHeight: size - 10,
  });
  caption.draw(x + size + 18, top + (size - caption.height) / 2);
}
