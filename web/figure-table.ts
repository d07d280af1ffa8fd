// One model per table of figures, rendered as HTML and as CSV from the same protected cells,
// so a page and its export always hide the same things (web/anonymity.ts).
import { hideDerived, protectTable, type CellState } from './anonymity.ts';
import { html, type Html } from './html.ts';

export interface FigureBlock {
  /** Column heads of the block (e.g. the months, or just the year). */
  columns: string[];
  /** One array per row, aligned with `columns`. */
  values: number[][];
  totals: { rows: boolean; columns: boolean };
  /** Euros per unit, per row: adds a derived euros column after the block's last column. */
  euros?: { head: string; perUnit: number[] };
}

export interface FigureTable {
  id: string;
  title: string;
  rowHead: string;
  rows: string[];
  /** Side by side, each protected on its own (e.g. this year, then the previous year). */
  blocks: FigureBlock[];
  totalLabel: string;
}

export interface Cell {
  value: number | undefined;
  state: CellState;
  kind: 'count' | 'euros';
}

export interface ProtectedFigureTable {
  id: string;
  title: string;
  head: string[];
  body: { label: string; cells: Cell[] }[];
  /** The column totals row, when some block shows it. */
  foot?: { label: string; cells: Cell[] };
}

export function protectFigureTable(table: FigureTable): ProtectedFigureTable {
  const head = [table.rowHead];
  const body = table.rows.map((label) => ({ label, cells: [] as Cell[] }));
  const footCells: Cell[] = [];
  let hasFoot = false;
  for (const block of table.blocks) {
    const p = protectTable(block.values, block.totals, block.columns.length);
    head.push(...block.columns);
    if (block.totals.rows)
      head.push(`${table.totalLabel} ${block.columns.length > 1 ? '' : ''}`.trim());
    if (block.euros) head.push(block.euros.head);
    const rowSums = block.values.map((r) => r.reduce((a, b) => a + b, 0));
    body.forEach((row, r) => {
      const values = block.values[r] ?? [];
      block.columns.forEach((_, c) =>
        row.cells.push({
          value: values[c] ?? 0,
          state: p.cells[r]?.[c] ?? 'hidden',
          kind: 'count',
        }),
      );
      if (p.rowTotals) row.cells.push({ value: rowSums[r], state: p.rowTotals[r]!, kind: 'count' });
      if (block.euros) {
        // Euros of the row's (single or total) count.
        const count = block.totals.rows ? rowSums[r]! : (values[0] ?? 0);
        const countState = p.rowTotals ? p.rowTotals[r]! : (p.cells[r]?.[0] ?? 'hidden');
        row.cells.push({
          value: count * (block.euros.perUnit[r] ?? 0),
          state: hideDerived(countState),
          kind: 'euros',
        });
      }
    });
    if (p.columnTotals) {
      hasFoot = true;
      const sums = block.columns.map((_, c) => block.values.reduce((a, r) => a + (r[c] ?? 0), 0));
      sums.forEach((value, c) =>
        footCells.push({ value, state: p.columnTotals![c]!, kind: 'count' }),
      );
      if (p.rowTotals) {
        footCells.push({
          value: sums.reduce((a, b) => a + b, 0),
          state: p.grandTotal!,
          kind: 'count',
        });
      }
      if (block.euros) {
        const euros = block.values.reduce(
          (a, r, i) => a + r.reduce((x, y) => x + y, 0) * (block.euros!.perUnit[i] ?? 0),
          0,
        );
        const totalState = p.rowTotals ? p.grandTotal! : p.columnTotals[0]!;
        // The euros total would give back a hidden row's euros: shown only when every row is.
        const allShown = body.every((row) => row.cells.at(-1)?.state === 'shown');
        footCells.push({
          value: euros,
          state: allShown ? hideDerived(totalState) : 'hidden',
          kind: 'euros',
        });
      }
    } else {
      const width = block.columns.length + (block.totals.rows ? 1 : 0) + (block.euros ? 1 : 0);
      for (let i = 0; i < width; i++)
        footCells.push({ value: undefined, state: 'shown', kind: 'count' });
    }
  }
  const result: ProtectedFigureTable = { id: table.id, title: table.title, head, body };
  if (hasFoot) result.foot = { label: table.totalLabel, cells: footCells };
  return result;
}

export interface CellWords {
  small: string;
  hidden: string;
  number(value: number): string;
  euros(value: number): string;
}

export function cellText(cell: Cell, words: CellWords): string {
  if (cell.value === undefined) return '';
  if (cell.state === 'small') return words.small;
  if (cell.state === 'hidden') return words.hidden;
  return cell.kind === 'euros' ? words.euros(cell.value) : words.number(cell.value);
}

export function renderFigureTable(
  table: ProtectedFigureTable,
  words: CellWords,
  exportLink?: { href: string; label: string },
): Html {
  const td = (cell: Cell) =>
    html`<td class="${cell.state === 'shown' ? 'num' : 'num masked'}">
      ${cellText(cell, words)}
    </td>`;
  // A wide table scrolls sideways on a phone: its region can take the focus (keyboard users
  // scroll it with the arrows) and is named by the caption.
  return html`<div
      class="table-wrap"
      role="region"
      tabindex="0"
      aria-labelledby="${`caption-${table.id}`}"
    >
      <table id="${`table-${table.id}`}">
        <caption id="${`caption-${table.id}`}">
          ${table.title}
        </caption>
        <thead>
          <tr>
            ${table.head.map((h, i) => (i === 0 ? html`<th scope="col">${h}</th>` : html`<th scope="col" class="num">${h}</th>`))}
          </tr>
        </thead>
        <tbody>
          ${table.body.map(
            (row) =>
              html`<tr>
                <th scope="row">${row.label}</th>
                ${row.cells.map(td)}
              </tr>`,
          )}
        </tbody>
        ${
          table.foot
            ? html`<tfoot>
                <tr>
                  <th scope="row">${table.foot.label}</th>
                  ${table.foot.cells.map(td)}
                </tr>
              </tfoot>`
            : ''
        }
      </table>
    </div>
    ${exportLink ? html`<p class="export"><a href="${exportLink.href}" download>${exportLink.label}</a></p>` : ''}`;
}

/**
 * What a spreadsheet opening a CSV reads as a formula (a partner's or quartier's name such as
 * "=HYPERLINK(…)", "+33…", "-1+2", "@SUM(…)"): such a cell is written with an apostrophe first,
 * as OWASP advises against CSV injection, so it is shown, never run. Counts are never signed.
 * The .xlsx and .ods workbooks type their names as text cells: they need none.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * CSV for French Excel: `;` separates fields (Excel in a French locale reads `,` as the
 * decimal mark, so a comma-separated file opens in one column), UTF-8 with a byte order mark
 * (without it Excel reads the accents as Windows-1252), CRLF line ends. Numbers are written
 * plain (no thousands separator) so they stay numbers; hidden cells carry the same words as
 * the page.
 */
export function toCsv(table: ProtectedFigureTable, words: CellWords): string {
  const field = (cell: string) => {
    const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
    return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const plain: CellWords = { ...words, number: String, euros: String };
  const lines = [table.head.map(field).join(';')];
  for (const row of table.body) {
    lines.push([row.label, ...row.cells.map((c) => cellText(c, plain))].map(field).join(';'));
  }
  if (table.foot) {
    lines.push(
      [table.foot.label, ...table.foot.cells.map((c) => cellText(c, plain))].map(field).join(';'),
    );
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
