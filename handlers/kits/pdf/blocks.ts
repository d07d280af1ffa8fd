// Blocks that several documents print: the group's name, the date/time/place details, the
// QR code with its caption, and the heading of the sheets (panneau, annuaire, planning,
// tips), which carries the QR code in its top-right corner.
import type { DocumentContext } from './document-types.ts';
import { fontName } from './fonts.ts';
import {
  CONTENT_WIDTH,
  PAGE,
  drawBox,
  drawLine,
  planText,
  type Align,
  type Block,
} from './layout.ts';
import { drawQrCodeSquares } from './qr-code.ts';

export interface Detail {
  label: string;
  value: string;
}

/** The date, time and place that were given, with their labels. */
export function eventDetails({ personalisation: p, labels }: DocumentContext): Detail[] {
  const details: Detail[] = [];
  if (p.date?.trim()) details.push({ label: labels.date, value: p.date });
  if (p.time?.trim()) details.push({ label: labels.time, value: p.time });
  if (p.place?.trim()) details.push({ label: labels.place, value: p.place });
  return details;
}

/** "Organisé par les voisins de" on one line, then the group's name in bold. */
export function planGroupName(
  ctx: DocumentContext,
  prefix: string,
  width: number,
  align: Align,
  sizes: { prefix: number; name: number; minName: number; maxNameHeight: number },
): Block {
  const { doc, personalisation } = ctx;
  const lead = planText(doc, prefix, width, {
    size: sizes.prefix,
    minSize: Math.min(sizes.prefix, 8),
    align,
    maxHeight: sizes.prefix * 1.3,
  });
  const name = planText(doc, personalisation.groupName, width, {
    weight: 'bold',
    size: sizes.name,
    minSize: sizes.minName,
    align,
    maxHeight: sizes.maxNameHeight,
    lineGap: 0.05,
    oneLineDownTo: Math.max(sizes.minName, sizes.name * 0.7),
  });
  return {
    height: lead.height + 1 + name.height,
    draw: (x, y) => {
      lead.draw(x, y);
      name.draw(x, y + lead.height + 1);
    },
  };
}

/** The details as labelled rows inside a box (poster); empty when none was given. */
export function planDetailRows(
  ctx: DocumentContext,
  details: Detail[],
  width: number,
  sizes: { label: number; value: number; minValue: number },
): Block {
  if (details.length === 0) return { height: 0, draw: () => undefined };
  const { doc } = ctx;
  const pad = 12;
  const gap = 6;
  doc.font(fontName('regular')).fontSize(sizes.label);
  const labelWidth = Math.min(
    width * 0.3,
    Math.max(...details.map((d) => doc.widthOfString(d.label))) + 14,
  );
  const valueWidth = width - 2 * pad - labelWidth;
  const rows = details.map((detail) => {
    const value = planText(doc, detail.value, valueWidth, {
      weight: 'bold',
      size: sizes.value,
      minSize: sizes.minValue,
      maxHeight: sizes.value * 2.4,
      lineGap: 0.05,
      oneLineDownTo: sizes.minValue,
    });
    const label = planText(doc, detail.label, labelWidth - 8, {
      size: sizes.label,
      minSize: 8,
      maxHeight: sizes.label * 2.6,
    });
    // Label and value share a baseline on the row's first line.
    const shift = Math.max(0, (value.size - label.size) * 0.75);
    return { value, label, shift, height: Math.max(value.height, label.height + shift) };
  });
  const height = rows.reduce((sum, row) => sum + row.height + gap, 2 * pad - gap);
  return {
    height,
    draw: (x, y) => {
      let top = y + pad;
      for (const row of rows) {
        row.label.draw(x + pad, top + row.shift);
        row.value.draw(x + pad + labelWidth, top);
        top += row.height + gap;
      }
      drawBox(doc, x, y, width, height, 1.5);
    },
  };
}

/** The details side by side in one boxed strip (flyer, sheets). Returns the height used. */
export function drawDetailStrip(
  ctx: DocumentContext,
  details: Detail[],
  at: { x: number; y: number; width: number },
): number {
  if (details.length === 0) return 0;
  const { doc } = ctx;
  // Short values (a time) get a narrow cell; long ones may take two lines.
  const weights = details.map((d) => (d.value.length <= 8 ? 1 : 2));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const widths = weights.map((w) => (at.width * w) / total);
  const cells = details.map((detail, i) => {
    const inner = (widths[i] ?? 0) - 16;
    return {
      label: planText(doc, detail.label, inner, { size: 9, minSize: 7, maxHeight: 12 }),
      value: planText(doc, detail.value, inner, {
        weight: 'bold',
        size: 13,
        minSize: 9,
        maxHeight: 32,
        lineGap: 0.05,
        oneLineDownTo: 10,
      }),
    };
  });
  const height = Math.max(...cells.map((cell) => cell.value.height)) + 23;
  let x = at.x;
  cells.forEach((cell, i) => {
    cell.label.draw(x + 8, at.y + 5);
    cell.value.draw(x + 8, at.y + 17);
    if (i > 0) drawLine(doc, x, at.y + 6, x, at.y + height - 6, 0.75);
    x += widths[i] ?? 0;
  });
  drawBox(doc, at.x, at.y, at.width, height, 1.2);
  return height;
}

/** The QR code with its caption centred below it. Returns the height used. */
export function drawQrCode(
  ctx: DocumentContext,
  at: { x: number; y: number; size: number; captionWidth: number; captionSize: number },
): number {
  const { doc, qr, personalisation } = ctx;
  if (!qr) return 0;
  drawQrCodeSquares(doc, qr, at.x, at.y, at.size);
  const caption = planText(doc, personalisation.qrCaption, at.captionWidth, {
    weight: 'bold',
    size: at.captionSize,
    minSize: 7,
    align: 'center',
    maxHeight: at.captionSize * 2.5,
  });
  caption.draw(at.x + (at.size - at.captionWidth) / 2, at.y + at.size + 3);
  return at.size + 3 + caption.height;
}

/**
 * A sheet's heading: its title and the group's name on the left, the QR code on the right,
 * then the date/time/place strip when any is given. Returns the y below it.
 */
export function drawSheetHeading(ctx: DocumentContext, title: string): number {
  const { doc, labels } = ctx;
  const x = PAGE.margin;
  const top = PAGE.margin - 5;
  const qrSize = ctx.qr ? 78 : 0;
  const captionWidth = 110;
  const textWidth = CONTENT_WIDTH - (ctx.qr ? captionWidth + 14 : 0);
  const heading = planText(doc, title, textWidth, {
    weight: 'bold',
    size: 26,
    minSize: 15,
    maxHeight: 64,
    lineGap: 0.05,
  });
  heading.draw(x, top);
  let y = top + heading.height + 6;
  const group = planGroupName(ctx, labels.forNeighboursOf, textWidth, 'left', {
    prefix: 12,
    name: 20,
    minName: 11,
    maxNameHeight: 44,
  });
  group.draw(x, y);
  y += group.height;
  const qrHeight = drawQrCode(ctx, {
    x: PAGE.width - PAGE.margin - (captionWidth + qrSize) / 2,
    y: top,
    size: qrSize,
    captionWidth,
    captionSize: 9,
  });
  y = Math.max(y, top + qrHeight) + 10;
  drawLine(doc, x, y, x + CONTENT_WIDTH, y, 2);
  y += 10;
  const strip = drawDetailStrip(ctx, eventDetails(ctx), { x, y, width: CONTENT_WIDTH });
  return strip > 0 ? y + strip + 10 : y;
}
