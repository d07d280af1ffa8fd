// The .xlsx workbook laid out as it reads in LibreOffice (which does not measure an .xlsx
// row's height again when it opens the file): the cells of the CSV, a figure column aligned
// right with its head and its words, each head on one line, a long label wrapped in a row as
// high as its lines.
import { describe, expect, it } from 'vitest';
import { protectFigureTable, toCsv, type FigureTable } from '../../web/figure-table.ts';
import { toWorkbook } from '../../web/figure-workbook.ts';
import { readSheetLayout, readWorkbook } from '../support/read-xlsx.ts';

const words = {
  small: 'moins de 5',
  hidden: 'masqué',
  number: (v: number) => new Intl.NumberFormat('fr-FR').format(v),
  euros: (v: number) => `${new Intl.NumberFormat('fr-FR').format(v)} €`,
};

const longName = `Quartier des Hautes-Grèves, ${'très '.repeat(20)}long`;

const quartiers: FigureTable = {
  id: 'quartiers',
  title: 'Par quartier',
  rowHead: 'Quartier',
  rows: ['Château-Blanc', longName, 'حي النور'],
  blocks: [
    {
      columns: ['Groupes 2026', 'Groupes 2025', 'Demandes d’entraide 2026'],
      values: [
        [400, 350, 12],
        [3, 10, 40],
        [300, 250, 2],
      ],
      totals: { rows: false, columns: true },
    },
  ],
  totalLabel: 'Total',
};

async function layoutOf(rightToLeft: boolean) {
  const bytes = new Uint8Array(
    await toWorkbook([protectFigureTable(quartiers)], words, { rightToLeft }),
  );
  return {
    cells: readWorkbook(bytes)['Par quartier']!,
    layout: readSheetLayout(bytes)['Par quartier']!,
  };
}

describe('toWorkbook', () => {
  it('holds the cells of the CSV', async () => {
    const { cells } = await layoutOf(false);
    const csv = toCsv(protectFigureTable(quartiers), words)
      .slice(1)
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(';'));
    expect(cells).toEqual(csv);
    expect(cells[2]![1]).toBe('moins de 5');
    expect(cells.flat()).toContain('masqué');
  });

  it('aligns a figure column right, its head and its words included, a label at the start', async () => {
    for (const rightToLeft of [false, true]) {
      const { layout } = await layoutOf(rightToLeft);
      for (const row of layout.rows) {
        const [label, ...figures] = row.align;
        // Excel's left and right stay where they are in a right-to-left sheet.
        expect(label).toBe(rightToLeft ? 'right' : 'left');
        expect(figures).toEqual(figures.map(() => 'right'));
      }
    }
  });

  it('makes each head fit its column, and a long label a row as high as its lines', async () => {
    const { layout } = await layoutOf(false);
    const [labelWidth, ...figureWidths] = layout.widths;
    quartiers.blocks[0]!.columns.forEach((head, i) => {
      expect(figureWidths[i], head).toBeGreaterThanOrEqual(head.length + 2);
    });
    expect(labelWidth).toBe(60);
    const [head, chateau, long] = layout.rows;
    // Every head on one line: no height set, nothing for LibreOffice to show only the end of.
    expect(head!.height).toBeUndefined();
    expect(chateau!.height).toBeUndefined();
    expect(long!.wrap[0]).toBe(true);
    expect(long!.height).toBe(15 * Math.ceil((longName.length + 2) / 60));
  });
});
