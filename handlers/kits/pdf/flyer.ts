// The invitation for letterboxes: two identical copies per A4 page (A5 each once cut), with a
// dashed cut line between them. Each copy: headline, group name, the date/time/place strip,
// then the body and call to action beside a small QR code.
import { drawDetailStrip, drawQrCode, eventDetails, planGroupName } from './blocks.ts';
import type { DocumentContext } from './document-types.ts';
import { CONTENT_WIDTH, PAGE, drawDashedLine, drawFooter, drawLine, planText } from './layout.ts';

const HALF = PAGE.height / 2;
const SIDE_WIDTH = 130;
const GUTTER = 20;

export function drawFlyer(ctx: DocumentContext): void {
  drawCopy(ctx, 0);
  drawCopy(ctx, HALF);
  drawCutLine(ctx);
}

function drawCopy(ctx: DocumentContext, top: number): void {
  const { doc, kit, labels } = ctx;
  const x = PAGE.margin;
  let y = top + 30;
  const bottom = top + HALF - 46;

  const headline = planText(doc, kit.flyer.headline, CONTENT_WIDTH, {
    weight: 'bold',
    size: 30,
    minSize: 18,
    align: 'center',
    maxHeight: 68,
    lineGap: 0.02,
  });
  headline.draw(x, y);
  y += headline.height + 4;
  const group = planGroupName(ctx, labels.organisedBy, CONTENT_WIDTH, 'center', {
    prefix: 11,
    name: 18,
    minName: 11,
    maxNameHeight: 40,
  });
  group.draw(x, y);
  y += group.height + 8;
  drawLine(doc, x, y, x + CONTENT_WIDTH, y, 1.5);
  y += 12;

  const strip = drawDetailStrip(ctx, eventDetails(ctx), { x, y, width: CONTENT_WIDTH });
  if (strip > 0) y += strip + 12;

  // Beside the text, the QR code as large as the space allows (60–100 pt).
  const sideX = x + CONTENT_WIDTH - SIDE_WIDTH;
  const qrSize = Math.max(60, Math.min(100, bottom - y - 30));
  drawQrCode(ctx, {
    x: sideX + (SIDE_WIDTH - qrSize) / 2,
    y,
    size: qrSize,
    captionWidth: SIDE_WIDTH,
    captionSize: 9,
  });

  const mainWidth = CONTENT_WIDTH - SIDE_WIDTH - GUTTER;
  const callToAction = planText(doc, kit.flyer.callToAction, mainWidth, {
    weight: 'bold',
    size: 14,
    minSize: 10,
    maxHeight: 52,
  });
  const body = planText(doc, kit.flyer.body, mainWidth, {
    size: 14,
    minSize: 7.5,
    maxHeight: Math.max(bottom - y - callToAction.height - 10, 12),
    lineGap: 0.18,
  });
  body.draw(x, y);
  callToAction.draw(x, y + body.height + 10);
  drawFooter(doc, labels.footer, top + HALF - 30);
}

function drawCutLine(ctx: DocumentContext): void {
  const { doc, labels } = ctx;
  drawDashedLine(doc, 18, HALF, PAGE.width - 18);
  const label = planText(doc, labels.cutHere, 160, {
    size: 7.5,
    minSize: 6,
    align: 'right',
    maxHeight: 10,
  });
  label.draw(PAGE.width - 18 - 160, HALF - 11);
}
