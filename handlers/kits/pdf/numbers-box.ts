// The numbers box: the kit's useful numbers in a box, where they are found in a hurry. Two
// forms: a list (label, dotted leader, number) at the foot of the sheets, and cells with
// each number in very large type over its label, on the posters of the watch kits, where
// 15, 112 and 114 must be read from across the hall.
import type { DocumentContext } from './document-types.ts';
import { fontName } from './fonts.ts';
import { drawBox, drawDottedLine, isRightToLeftLanguage, planText, type Block } from './layout.ts';

const PAD = 14;

/** The list form, `width` wide; empty when the kit has no numbers. */
export function planNumbersList(ctx: DocumentContext, width: number): Block {
  const { doc, kit, labels, rules } = ctx;
  if (kit.numbers.length === 0) return { height: 0, draw: () => undefined };
  const labelSize = rules.size('note');
  const numberSize = rules.size('body');
  const columnGap = 24;
  const columns = kit.numbers.length > 5 && rules.scale === 1 ? 2 : 1;
  const perColumn = Math.ceil(kit.numbers.length / columns);
  const columnWidth = (width - 2 * PAD - (columns - 1) * columnGap) / columns;
  doc.font(fontName('bold')).fontSize(numberSize);
  const numberWidth = Math.min(
    columnWidth * 0.45,
    Math.max(...kit.numbers.map((entry) => doc.widthOfString(entry.number))) + 4,
  );
  const labelWidth = columnWidth - numberWidth - 10;
  // Right to left (Arabic): the first column on the right, each label on the right of its row
  // and its number at the left end of the dotted line.
  const rtl = isRightToLeftLanguage(ctx.labels.language);
  const rows = kit.numbers.map((entry) => {
    const label = planText(doc, entry.label, labelWidth, {
      size: labelSize,
      minSize: Math.min(labelSize, 8),
      maxHeight: labelSize * 2.5,
      lineGap: 0.05,
    });
    const number = planText(doc, entry.number, numberWidth, {
      weight: 'bold',
      size: numberSize,
      minSize: 8,
      align: rtl ? 'left' : 'right',
      maxHeight: numberSize * 1.3,
      oneLineDownTo: 8,
    });
    return { label, number, height: Math.max(label.height, number.height) + 6 };
  });
  // Row i of each column shares the height of the taller of the two.
  const rowHeights = Array.from({ length: perColumn }, (_, i) =>
    Math.max(...rows.filter((_, j) => j % perColumn === i).map((row) => row.height)),
  );
  const heading = planText(doc, labels.usefulNumbers, width - 2 * PAD, {
    weight: 'bold',
    size: rules.size('body', 1.08),
    minSize: 10,
    maxHeight: rules.size('body', 1.4),
  });
  const height = 12 + heading.height + 8 + rowHeights.reduce((sum, h) => sum + h, 0) + 8;
  return {
    height,
    draw: (left, top) => {
      heading.draw(left + PAD, top + 12);
      rows.forEach((row, i) => {
        const column = Math.floor(i / perColumn);
        const x = left + PAD + (rtl ? columns - 1 - column : column) * (columnWidth + columnGap);
        const rowIndex = i % perColumn;
        const y =
          top + 12 + heading.height + 8 + rowHeights.slice(0, rowIndex).reduce((a, b) => a + b, 0);
        const rowHeight = rowHeights[rowIndex] ?? row.height;
        row.label.draw(rtl ? x + numberWidth + 10 : x, y + 1);
        row.number.draw(
          rtl ? x : x + columnWidth - numberWidth,
          y + Math.max(0, row.label.height - row.number.height),
        );
        drawDottedLine(doc, x, y + rowHeight - 3, x + columnWidth);
      });
      drawBox(doc, left, top, width, height, 1.5);
    },
  };
}

/**
 * The poster form: each number very large over its label; short numbers (15, 112) two to a
 * row, long ones (0 800 06 66 66) alone. `factor` shrinks it with the rest of the poster.
 */
export function planNumberCells(ctx: DocumentContext, width: number, factor: number): Block {
  const { doc, kit, rules } = ctx;
  if (kit.numbers.length === 0) return { height: 0, draw: () => undefined };
  const inner = width - 2 * PAD;
  const gap = 16;
  const numberSize = rules.size('number', factor);
  const labelSize = Math.max(rules.size('note', factor * 1.2), 10);
  // Right to left (Arabic): the first cell of a row on the right, its number set on the right.
  const rtl = isRightToLeftLanguage(ctx.labels.language);
  // Cells laid out in rows: a short number takes half a row, a long one a whole row.
  const rows: { number: string; label: string }[][] = [];
  for (const entry of kit.numbers) {
    const last = rows.at(-1);
    const short = entry.number.replace(/\s/g, '').length <= 4;
    if (short && last?.length === 1 && isShort(last[0]?.number)) last.push(entry);
    else rows.push([entry]);
  }
  const planned = rows.map((row) => {
    const cellWidth = row.length === 2 ? (inner - gap) / 2 : inner;
    const cells = row.map((entry) => ({
      number: planText(doc, entry.number, cellWidth, {
        weight: 'bold',
        size: numberSize,
        minSize: Math.min(numberSize, 24),
        oneLineDownTo: Math.min(numberSize, 24),
        maxHeight: numberSize * 1.25,
        ...(rtl ? { align: 'right' as const } : {}),
      }),
      label: planText(doc, entry.label, cellWidth, {
        size: labelSize,
        minSize: Math.min(labelSize, 9),
        maxHeight: labelSize * 2.5,
        lineGap: 0.05,
      }),
    }));
    const height = Math.max(...cells.map((cell) => cell.number.height + cell.label.height)) + 8;
    return { cells, cellWidth, height };
  });
  const height = planned.reduce((sum, row) => sum + row.height, 2 * 10);
  return {
    height,
    draw: (x, y) => {
      let top = y + 10;
      for (const row of planned) {
        row.cells.forEach((cell, i) => {
          const place = rtl ? row.cells.length - 1 - i : i;
          const left = x + PAD + place * (row.cellWidth + gap);
          cell.number.draw(left, top);
          cell.label.draw(left, top + cell.number.height);
        });
        top += row.height;
      }
      drawBox(doc, x, y, width, height, 2);
    },
  };
}

const isShort = (number: string | undefined) => (number ?? '').replace(/\s/g, '').length <= 4;
