// The anonymity rule: no count from 1 to 4 is shown, and no shown total lets a reader
// subtract their way back to a hidden cell.
import { describe, expect, it } from 'vitest';
import {
  hideDerived,
  protectCount,
  protectShare,
  protectTable,
  type CellState,
  type ProtectedTable,
} from '../../web/anonymity.ts';
import { protectFigureTable, toCsv } from '../../web/figure-table.ts';

/** Whether some hidden cell can be recovered from a shown total of its line. */
function recoverable(values: number[][], p: ProtectedTable): boolean {
  const rows = values.length;
  const columns = values[0]?.length ?? 0;
  for (let r = 0; r < rows; r++) {
    if (p.rowTotals?.[r] === 'shown') {
      const hidden = p.cells[r]!.filter((s) => s !== 'shown').length;
      if (hidden === 1) return true;
    }
  }
  for (let c = 0; c < columns; c++) {
    if (p.columnTotals?.[c] === 'shown') {
      const hidden = p.cells.filter((row) => row[c] !== 'shown').length;
      if (hidden === 1) return true;
    }
  }
  if (p.grandTotal === 'shown') {
    if (p.rowTotals && p.rowTotals.filter((s) => s !== 'shown').length === 1) return true;
    if (p.columnTotals && p.columnTotals.filter((s) => s !== 'shown').length === 1) return true;
  }
  return false;
}

describe('a lone count', () => {
  it('shows 0 and 5 or more, and hides 1 to 4', () => {
    expect([0, 1, 2, 3, 4, 5, 120].map(protectCount)).toEqual([
      'shown',
      'small',
      'small',
      'small',
      'small',
      'shown',
      'shown',
    ]);
  });

  it('hides euros whenever their count is hidden', () => {
    expect((['shown', 'small', 'hidden'] as CellState[]).map(hideDerived)).toEqual([
      'shown',
      'hidden',
      'hidden',
    ]);
  });

  it('shows a share only when both of its parts may be shown', () => {
    expect(protectShare(10, 12)).toBe('shown');
    expect(protectShare(3, 12)).toBe('hidden');
    expect(protectShare(6, 4)).toBe('hidden');
    expect(protectShare(0, 0)).toBe('hidden');
  });
});

describe('a table with totals', () => {
  it('leaves a table of large counts alone', () => {
    const p = protectTable(
      [
        [10, 20],
        [30, 40],
      ],
      { rows: true, columns: true },
    );
    expect(p.cells.flat().every((s) => s === 'shown')).toBe(true);
    expect(p.grandTotal).toBe('shown');
  });

  it('hides the next smallest cell of a line with a single small cell', () => {
    const p = protectTable([[3, 9, 7, 20]], { rows: true, columns: false });
    // 3 is small; 7 is the next smallest non-zero cell of the row.
    expect(p.cells[0]).toEqual(['small', 'shown', 'hidden', 'shown']);
    expect(p.rowTotals).toEqual(['shown']);
  });

  it('never picks a zero as the complementary cell: hides the total instead', () => {
    const p = protectTable([[3, 0, 0, 9]], { rows: true, columns: false });
    expect(p.cells[0]).toEqual(['small', 'shown', 'shown', 'hidden']);
    const q = protectTable([[3, 0, 0]], { rows: true, columns: false });
    expect(q.cells[0]).toEqual(['small', 'shown', 'shown']);
    // 3 is itself a small total.
    expect(q.rowTotals).toEqual(['small']);
    const r = protectTable([[7, 0, 0]], { rows: true, columns: false });
    expect(r.rowTotals).toEqual(['shown']);
  });

  it('hides a total from 1 to 4', () => {
    const p = protectTable([[1], [2]], { rows: false, columns: true });
    expect(p.columnTotals).toEqual(['small']);
  });

  it('iterates across rows and columns until no hidden cell can be recovered', () => {
    const values = [
      [2, 8, 9, 30],
      [6, 7, 40, 12],
      [11, 3, 15, 16],
    ];
    const p = protectTable(values, { rows: true, columns: true });
    expect(p.cells[0]![0]).toBe('small');
    expect(p.cells[2]![1]).toBe('small');
    expect(recoverable(values, p)).toBe(false);
  });

  it('protects random tables (no recoverable cell, no small count shown)', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 300; n++) {
      const rows = 1 + Math.floor(random() * 5);
      const columns = 1 + Math.floor(random() * 6);
      const values = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => {
          const x = random();
          return x < 0.2
            ? 0
            : x < 0.55
              ? 1 + Math.floor(random() * 4)
              : 5 + Math.floor(random() * 30);
        }),
      );
      const totals = { rows: random() < 0.7, columns: random() < 0.7 };
      const p = protectTable(values, totals);
      expect(recoverable(values, p)).toBe(false);
      values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v > 0 && v < 5) expect(p.cells[r]![c]).not.toBe('shown');
        }),
      );
      for (const [i, s] of (p.rowTotals ?? []).entries()) {
        const total = values[i]!.reduce((a, b) => a + b, 0);
        if (total > 0 && total < 5) expect(s).not.toBe('shown');
      }
    }
  });
});

describe('a figure table and its CSV', () => {
  const words = {
    small: 'moins de 5',
    hidden: 'masqué',
    number: String,
    euros: (v: number) => `${v} €`,
  };

  it('hides the euros of a hidden count, and the euros total when a row is hidden', () => {
    const table = protectFigureTable({
      id: 'entraide',
      title: 'Services',
      rowHead: 'Catégorie',
      rows: ['courses', 'bricolage', 'visites'],
      blocks: [
        {
          columns: ['2026'],
          values: [[2], [10], [6]],
          totals: { rows: false, columns: true },
          euros: { head: 'Valeur', perUnit: [15, 40, 20] },
        },
      ],
      totalLabel: 'Total',
    });
    const csv = toCsv(table, words);
    expect(csv.startsWith('\ufeffCatégorie;2026;Valeur\r\n')).toBe(true);
    expect(csv).toContain('courses;moins de 5;masqué\r\n');
    // 6 is the next smallest: hidden so that 2 cannot be recovered from the total 18.
    expect(csv).toContain('bricolage;10;400\r\n');
    expect(csv).toContain('visites;masqué;masqué\r\n');
    expect(csv).toContain('Total;18;masqué\r\n');
  });

  it('shows 0 in every month of a table with no rows yet (a city with no group), not "fewer than 5"', () => {
    const months = ['janv.', 'févr.', 'mars'];
    const table = protectFigureTable({
      id: 'kits',
      title: 'Kits',
      rowHead: 'Kit',
      rows: [],
      blocks: [{ columns: months, values: [], totals: { rows: true, columns: true } }],
      totalLabel: 'Total',
    });
    expect(table.foot?.cells.map((cell) => [cell.value, cell.state])).toEqual([
      [0, 'shown'],
      [0, 'shown'],
      [0, 'shown'],
      [0, 'shown'],
    ]);
    expect(toCsv(table, words)).toContain('Total;0;0;0;0\r\n');
  });

  it('quotes fields with a separator or a quote', () => {
    const table = protectFigureTable({
      id: 'x',
      title: 'x',
      rowHead: 'Nom',
      rows: ['Quartier "Nord"; centre'],
      blocks: [{ columns: ['2026'], values: [[12]], totals: { rows: false, columns: false } }],
      totalLabel: 'Total',
    });
    expect(toCsv(table, words)).toContain('"Quartier ""Nord""; centre";12\r\n');
  });
});
