// Blocks that several documents print: the group's name, the date/time/place details, the
// QR code with its caption, and the heading of the sheets (panneau, annuaire, planning,
// tips), which carries the QR code in its top-right corner. Right to left (Arabic) each of
// them is mirrored: the QR code top left, the name and the first detail on the right.
import { isRightToLeft } from './bidi-text.ts';
import type { DocumentContext } from './document-types.ts';
import {
  CONTENT_WIDTH,
  PAGE,
  alignStart,
  drawBox,
  drawLine,
  isRightToLeftLanguage,
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

/**
 * For a gathering, the labels of the details not given (all three when none is): each gets
 * a line to write it on by hand, so that a poster with only its date still has room for the
 * time and the place. None for the other kits.
 */
export function missingDetails({ kit, personalisation: p, labels }: DocumentContext): string[] {
  if (kit.kind !== 'gathering') return [];
  return [
    ...(p.date?.trim() ? [] : [labels.date]),
    ...(p.time?.trim() ? [] : [labels.time]),
    ...(p.place?.trim() ? [] : [labels.place]),
  ];
}

/**
 * "Organisé par les voisins" on one line, then the group's name in bold below it, as a
 * signature (no article to guess before the name); for a group with
 * no name, the whole sentence in bold ("Organisé par les voisins de votre immeuble"). `'left'`
 * sets it where the document's lines start (on the right in Arabic, a Latin name too).
 */
export function planGroupName(
  ctx: DocumentContext,
  lead: 'organisedBy' | 'forNeighboursOf',
  width: number,
  align: Align,
  sizes: { prefix: number; name: number; minName: number; maxNameHeight: number },
): Block {
  const { doc, personalisation, labels } = ctx;
  const aligned = (text: string) => (align === 'left' ? alignStart(labels.language, text) : align);
  const planName = (text: string) =>
    planText(doc, text, width, {
      weight: 'bold',
      size: sizes.name,
      minSize: sizes.minName,
      align: aligned(text),
      maxHeight: sizes.maxNameHeight,
      lineGap: 0.05,
      oneLineDownTo: Math.max(sizes.minName, sizes.name * 0.7),
    });
  const { groupName } = personalisation;
  if (!groupName) {
    return planName(
      lead === 'organisedBy' ? labels.organisedByUnnamed : labels.forNeighboursOfUnnamed,
    );
  }
  // The lead-in never drops below 10 pt, however small the rest of the page is set.
  const leadSize = Math.max(sizes.prefix, 10);
  const prefix = labels[lead];
  const leadIn = planText(doc, prefix, width, {
    size: leadSize,
    minSize: 9,
    align: aligned(prefix),
    maxHeight: leadSize * 2.6,
  });
  const name = planName(groupName);
  return {
    height: leadIn.height + 1 + name.height,
    draw: (x, y) => {
      leadIn.draw(x, y);
      name.draw(x, y + leadIn.height + 1);
    },
  };
}

/**
 * The details as rows inside a box (poster), each label small above its value in large
 * bold type, never below `minValue`; empty when none was given.
 */
export function planDetailRows(
  ctx: DocumentContext,
  details: Detail[],
  width: number,
  sizes: { label: number; value: number; minValue: number },
): Block {
  if (details.length === 0) return { height: 0, draw: () => undefined };
  const { doc } = ctx;
  const pad = 14;
  const gap = 8;
  const planRows = (valueSize: number) =>
    details.map((detail) => {
      const label = planText(doc, detail.label, width - 2 * pad, {
        size: sizes.label,
        minSize: Math.min(sizes.label, 8),
        maxHeight: sizes.label * 1.3,
      });
      // A time or a Latin name under an Arabic label starts where the label does, on the right
      // (an Arabic value is set right to left by planText itself).
      const againstLabel = isRightToLeft(detail.label) && !isRightToLeft(detail.value);
      const value = planText(doc, detail.value, width - 2 * pad, {
        weight: 'bold',
        ...(againstLabel ? { align: 'right' as const } : {}),
        size: valueSize,
        minSize: Math.min(sizes.minValue, valueSize),
        maxHeight: valueSize * 2.8,
        lineGap: 0.02,
        oneLineDownTo: Math.max(Math.min(sizes.minValue, valueSize), valueSize * 0.85),
      });
      return { label, value, height: label.height + value.height };
    });
  // The details at one size: a long date set smaller leaves the time no larger than it.
  let rows = planRows(sizes.value);
  const smallest = Math.min(...rows.map((row) => row.value.size));
  if (rows.some((row) => row.value.size > smallest + 0.01)) rows = planRows(smallest);
  const height = rows.reduce((sum, row) => sum + row.height + gap, 2 * pad - gap);
  return {
    height,
    draw: (x, y) => {
      let top = y + pad;
      for (const row of rows) {
        row.label.draw(x + pad, top);
        row.value.draw(x + pad, top + row.label.height);
        top += row.height + gap;
      }
      drawBox(doc, x, y, width, height, 2);
    },
  };
}

/** The QR code on the left (right, right to left), its caption beside it (posters). */
export function planQrBlock(
  ctx: DocumentContext,
  at: { size: number; captionSize: number; width: number },
): Block {
  const { doc, personalisation, qr } = ctx;
  if (!qr) return { height: 0, draw: () => undefined };
  const gutter = Math.max(12, at.size * 0.14);
  const rtl = isRightToLeftLanguage(ctx.labels.language);
  const captionWidth = at.width - at.size - gutter;
  const caption = planText(doc, personalisation.qrCaption, captionWidth, {
    weight: 'bold',
    size: at.captionSize,
    minSize: Math.min(at.captionSize, 9),
    // Against the code, which is where lines start.
    align: alignStart(ctx.labels.language, personalisation.qrCaption),
    maxHeight: at.size,
  });
  return {
    height: at.size,
    draw: (x, y) => {
      const captionTop = y + (at.size - caption.height) / 2;
      if (rtl) {
        drawQrCodeSquares(doc, qr, x + at.width - at.size, y, at.size);
        caption.draw(x, captionTop);
        return;
      }
      drawQrCodeSquares(doc, qr, x, y, at.size);
      caption.draw(x + at.size + gutter, captionTop);
    },
  };
}

/**
 * The details side by side in one boxed strip (invitation, sheets), the first (the date)
 * where lines start: on the left, or on the right in a right-to-left document. Empty when
 * none is given.
 */
export function planDetailStrip(ctx: DocumentContext, details: Detail[], width: number): Block {
  if (details.length === 0) return { height: 0, draw: () => undefined };
  const { doc, rules, labels } = ctx;
  const rtl = isRightToLeftLanguage(labels.language);
  // Short values (a time) get a narrow cell; long ones may take two lines.
  const weights = details.map((d) => (d.value.length <= 8 ? 1 : 2));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const widths = weights.map((w) => (width * w) / total);
  const cells = details.map((detail, i) => {
    const inner = (widths[i] ?? 0) - 16;
    return {
      label: planText(doc, detail.label, inner, {
        size: rules.size('footer'),
        minSize: 7,
        align: alignStart(labels.language, detail.label),
        maxHeight: rules.size('footer', 1.4),
      }),
      value: planText(doc, detail.value, inner, {
        weight: 'bold',
        align: alignStart(labels.language, detail.value),
        size: rules.size('body', 1.1),
        minSize: 9,
        maxHeight: rules.size('body', 2.6),
        lineGap: 0.05,
        oneLineDownTo: 10,
      }),
    };
  });
  const labelHeight = Math.max(...cells.map((cell) => cell.label.height));
  const height = Math.max(...cells.map((cell) => cell.value.height)) + labelHeight + 12;
  return {
    height,
    draw: (left, y) => {
      let edge = rtl ? left + width : left;
      cells.forEach((cell, i) => {
        const cellWidth = widths[i] ?? 0;
        const x = rtl ? edge - cellWidth : edge;
        cell.label.draw(x + 8, y + 5);
        cell.value.draw(x + 8, y + 7 + labelHeight);
        if (i > 0) drawLine(doc, edge, y + 6, edge, y + height - 6, 0.75);
        edge = rtl ? x : x + cellWidth;
      });
      drawBox(doc, left, y, width, height, 1.2);
    },
  };
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
 * A sheet's heading: its title and the group's name on the left, the QR code on the right
 * (mirrored right to left),
 * then the date/time/place strip when any is given and the sheet is about them (not the
 * panneau or the annuaire, which stay up all year). Returns the y below it.
 */
export function drawSheetHeading(
  ctx: DocumentContext,
  title: string,
  options: { details: boolean } = { details: true },
): number {
  const { doc, labels, rules } = ctx;
  const x = PAGE.margin;
  const top = PAGE.margin - 5;
  const qrSize = ctx.qr ? rules.qrSize : 0;
  const captionWidth = Math.max(110, qrSize * 1.3);
  const textWidth = CONTENT_WIDTH - (ctx.qr ? captionWidth + 14 : 0);
  const headingSize = rules.size('heading');
  const rtl = isRightToLeftLanguage(labels.language);
  // Right to left, the text takes the right of the page and the QR code its left.
  const textX = rtl ? PAGE.width - PAGE.margin - textWidth : x;
  const heading = planText(doc, keepTogether(title, ctx.kit.title), textWidth, {
    weight: 'bold',
    align: alignStart(labels.language, title),
    size: headingSize,
    minSize: Math.min(headingSize, 15),
    maxHeight: headingSize * 2.5,
    lineGap: 0.05,
    oneLineDownTo: headingSize * 0.8,
  });
  heading.draw(textX, top);
  let y = top + heading.height + 6;
  const group = planGroupName(ctx, 'forNeighboursOf', textWidth, 'left', {
    prefix: rules.size('note', 1.1),
    name: rules.size('lead', 1.1),
    minName: 11,
    maxNameHeight: rules.size('lead', 2.4),
  });
  group.draw(textX, y);
  y += group.height;
  const qrHeight = drawQrCode(ctx, {
    x: rtl
      ? PAGE.margin + (captionWidth - qrSize) / 2
      : PAGE.width - PAGE.margin - (captionWidth + qrSize) / 2,
    y: top,
    size: qrSize,
    captionWidth,
    captionSize: rules.size('footer'),
  });
  y = Math.max(y, top + qrHeight) + 10;
  drawLine(doc, x, y, x + CONTENT_WIDTH, y, 2);
  y += 10;
  if (!options.details) return y;
  const strip = planDetailStrip(ctx, eventDetails(ctx), CONTENT_WIDTH);
  strip.draw(x, y);
  return strip.height > 0 ? y + strip.height + 10 : y;
}

/** The title with the kit's name in it unbreakable: never "Fête des / voisins". */
export function keepTogether(title: string, name: string): string {
  const at = title.toLocaleLowerCase().indexOf(name.toLocaleLowerCase());
  if (at < 0 || !name.includes(' ')) return title;
  const bound = title.slice(at, at + name.length).replace(/ /g, '\u00a0');
  return title.slice(0, at) + bound + title.slice(at + name.length);
}
