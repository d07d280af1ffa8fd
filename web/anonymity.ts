// The console's anonymity rule (DESIGN.md: "partner cities see figures, never people"). Pure,
// applied the same way to the HTML pages and to the CSV exports.
//
// 1. A count from 1 to 4 is never shown: it reads "moins de 5" / "fewer than 5" (`small`).
//    A true zero is shown as 0: it says that nothing happened, which tells nothing about any
//    person (there is no one to recognise in an empty cell), and hiding it would make an
//    empty city look like a city with secrets.
// 2. A total shown beside its cells must not give a hidden cell back by subtraction: when a
//    line (row or column whose total is shown) has exactly one hidden cell, the next smallest
//    non-zero cell of that line is hidden too (`hidden`: "masqué" / "hidden"; it is not
//    labelled "fewer than 5" because it may be larger). When the line has no such cell left,
//    its total is hidden instead. This repeats until nothing changes, since hiding a cell in
//    a row can leave its column with a single hidden cell.
// 3. A total from 1 to 4 is itself a small count and is hidden the same way.
// 4. Euros computed from a count are hidden whenever that count is (see `hideDerived`).
//
// Zero cells are never chosen as the complementary cell: a reader who knows that hidden
// cells are 1–4 or the complement could otherwise narrow the pair down.
// Limits: the rule protects one table at a time; the pages show each figure in one table
// only (the summaries are the same cells as the detailed tables), so tables do not combine.

export const SMALL_COUNT_LIMIT = 5;

/** How a cell is shown: its number, "fewer than 5", or hidden to protect another cell. */
export type CellState = 'shown' | 'small' | 'hidden';

export function isSmallCount(value: number): boolean {
  return value > 0 && value < SMALL_COUNT_LIMIT;
}

/** The state of a lone figure (no total beside it). */
export function protectCount(value: number): CellState {
  return isSmallCount(value) ? 'small' : 'shown';
}

export interface ProtectedTable {
  cells: CellState[][];
  /** One per row (present when the table shows row totals). */
  rowTotals?: CellState[];
  /** One per column (present when the table shows column totals). */
  columnTotals?: CellState[];
  /** The grand total (present when both kinds of totals are shown). */
  grandTotal?: CellState;
}

interface Line {
  members: [number, number][];
  total: [number, number];
}

/**
 * Applies the rule to a table of counts (rows × columns), with its row totals and/or column
 * totals as the page shows them (computed here as sums of the cells); `columns` is how many
 * columns the table has when it may have no rows.
 */
export function protectTable(
  values: number[][],
  totals: { rows: boolean; columns: boolean },
  columns = 0,
): ProtectedTable {
  const rowCount = values.length;
  // The columns as the page shows them: a table with no rows yet still has its months, whose
  // totals are 0 (without them, a city with no group yet saw "fewer than 5" in every month).
  const columnCount = Math.max(columns, ...values.map((r) => r.length));
  // The grid with a totals column (index columnCount) and a totals row (index rowCount).
  const value = (r: number, c: number): number => {
    if (r < rowCount && c < columnCount) return values[r]?.[c] ?? 0;
    if (r < rowCount) return sum(values[r] ?? []);
    if (c < columnCount) return sum(values.map((row) => row[c] ?? 0));
    return sum(values.map((row) => sum(row)));
  };
  const state: CellState[][] = [];
  for (let r = 0; r <= rowCount; r++) {
    state.push([]);
    for (let c = 0; c <= columnCount; c++) state[r]!.push(protectCount(value(r, c)));
  }
  const lines: Line[] = [];
  const rowIndexes = [...Array(rowCount).keys()];
  const columnIndexes = [...Array(columnCount).keys()];
  if (totals.rows) {
    for (const r of rowIndexes) {
      lines.push({ members: columnIndexes.map((c) => [r, c]), total: [r, columnCount] });
    }
  }
  if (totals.columns) {
    for (const c of columnIndexes) {
      lines.push({ members: rowIndexes.map((r) => [r, c]), total: [rowCount, c] });
    }
  }
  if (totals.rows && totals.columns) {
    // The totals column and the totals row both add up to the grand total.
    lines.push({
      members: rowIndexes.map((r) => [r, columnCount]),
      total: [rowCount, columnCount],
    });
    lines.push({
      members: columnIndexes.map((c) => [rowCount, c]),
      total: [rowCount, columnCount],
    });
  }
  const at = ([r, c]: [number, number]) => state[r]![c]!;
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      if (at(line.total) !== 'shown') continue;
      const unshown = line.members.filter((m) => at(m) !== 'shown');
      if (unshown.length !== 1) continue;
      const candidates = line.members
        .filter((m) => at(m) === 'shown' && value(...m) > 0)
        .sort((a, b) => value(...a) - value(...b));
      const [r, c] = candidates[0] ?? line.total;
      state[r]![c] = 'hidden';
      changed = true;
    }
  }
  const result: ProtectedTable = {
    cells: rowIndexes.map((r) => columnIndexes.map((c) => state[r]![c]!)),
  };
  if (totals.rows) result.rowTotals = rowIndexes.map((r) => state[r]![columnCount]!);
  if (totals.columns) result.columnTotals = columnIndexes.map((c) => state[rowCount]![c]!);
  if (totals.rows && totals.columns) result.grandTotal = state[rowCount]![columnCount]!;
  return result;
}

/** A figure derived from a count (euros from services) is hidden whenever the count is. */
export function hideDerived(countState: CellState): CellState {
  return countState === 'shown' ? 'shown' : 'hidden';
}

/** A share (answered within 2 h): shown only when both its parts may be shown. */
export function protectShare(part: number, whole: number): CellState {
  return protectCount(part) === 'shown' && protectCount(whole) === 'shown' && whole > 0
    ? 'shown'
    : 'hidden';
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
