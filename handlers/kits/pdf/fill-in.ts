// The fill-in line: a bold label, its colon, then a rule to the end of its space at the
// text's baseline, with room above it to write by hand. Used wherever a document leaves a
// detail for people to write: the poster's date, time and place when none was given, the
// relay's name and door, the invitation's reply slip.
import { isRightToLeft } from './bidi-text.ts';
import type { DocumentContext } from './document-types.ts';
import { drawLine, planText, type Block } from './layout.ts';

export interface FillIn {
  label: string;
  /** Relative width on a shared row (default 1). */
  share?: number;
}

/** One row of fill-ins side by side, each label at `size` followed by its line. */
export function planFillInRow(
  ctx: DocumentContext,
  fields: FillIn[],
  width: number,
  size: number,
): Block {
  const { doc, labels, rules } = ctx;
  const gap = size * 0.8;
  const shares = fields.map((field) => field.share ?? 1);
  const total = shares.reduce((sum, share) => sum + share, 0);
  const widths = shares.map((share) => ((width - gap * (fields.length - 1)) * share) / total);
  // A label alone on its row may take more of it; beside others, the line needs room.
  const labelShare = fields.length === 1 ? 0.85 : 0.7;
  const cells = fields.map((field, i) => {
    const cell = widths[i] ?? 0;
    const room = cell * labelShare;
    const label = planText(doc, `${field.label}${labels.colon}`, room, {
      weight: 'bold',
      size,
      minSize: Math.min(size, 8),
      oneLineDownTo: Math.min(size, 8),
    });
    return { label, cell, room };
  });
  // Right to left (Arabic), the label is at the right end of its cell, its line to its left,
  // and the first cell of a row is the rightmost.
  const rtl = isRightToLeft(fields.map((field) => field.label).join(' '));
  const height = Math.max(...cells.map(({ label }) => label.height)) * rules.fillIn.rowHeight;
  return {
    height,
    draw: (x, y) => {
      let edge = rtl ? x + width : x;
      for (const { label, cell, room } of cells) {
        const left = rtl ? edge - cell : edge;
        const baseline = y + height - size * 0.35;
        const labelTop = baseline - label.size * 0.95;
        if (rtl) {
          // planText sets right-to-left text against the right end of its room.
          label.draw(left + cell - room, labelTop);
          const end = left + cell - label.width - size * 0.25;
          drawLine(doc, left, baseline, end, baseline, rules.fillIn.stroke);
        } else {
          label.draw(left, labelTop);
          const start = left + label.width + size * 0.25;
          drawLine(doc, start, baseline, left + cell, baseline, rules.fillIn.stroke);
        }
        edge = rtl ? left - gap : left + cell + gap;
      }
    },
  };
}

/** Rows of fill-ins, one field a row (the poster's "Date : ____", "Heure : ____"…). */
export function planFillInRows(
  ctx: DocumentContext,
  fields: FillIn[],
  width: number,
  size: number,
): Block {
  const rows = fields.map((field) => planFillInRow(ctx, [field], width, size));
  return {
    height: rows.reduce((sum, row) => sum + row.height, 0),
    draw: (x, y) => {
      let top = y;
      for (const row of rows) {
        row.draw(x, top);
        top += row.height;
      }
    },
  };
}

/** A box to tick, `size` points wide, its top at y. */
export function drawTickBox(doc: PDFKit.PDFDocument, x: number, y: number, size: number): void {
  doc.save().lineWidth(1.2).rect(x, y, size, size).stroke().restore();
}
