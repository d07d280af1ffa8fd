// The tables of a page as one .xlsx workbook (a sheet per table), from the same protected
// cells as the page and the CSV exports: a hidden cell carries the same words, never its
// number. Written by write-excel-file (MIT, one dependency, fflate, which the project already
// has). The same tables as an OpenDocument spreadsheet: web/figure-ods.ts.
import writeXlsxFile, { type Row, type Sheet } from 'write-excel-file/node';
import { cellText, type CellWords, type ProtectedFigureTable } from './figure-table.ts';
import { sheetName } from './sheet-name.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Column widths are in characters. LibreOffice does not measure an .xlsx row's height again
// when it opens the file (seen: a wrapped head showed only its last line, a wrapped label ran
// over the row below), so a column is as wide as its longest head or figure, and a label
// longer than its column wraps in a row made as high as its lines.
const LABEL_WIDTH = { min: 32, max: 60 };
const FIGURE_WIDTH = { min: 12, max: 30 };
const LINE_HEIGHT = 15;

const widthOf = (texts: string[], bounds: { min: number; max: number }) =>
  Math.min(bounds.max, Math.max(bounds.min, ...texts.map((t) => t.length + 2)));

export function toWorkbook(
  tables: ProtectedFigureTable[],
  words: CellWords,
  options: { rightToLeft: boolean },
): Promise<Buffer> {
  const taken = new Set<string>();
  // Aligned as the .ods is (web/figure-ods.ts): a figure column right, its head and its words
  // included, as on the page; a label at the sheet's start. Excel's left and right stay where
  // they are in a right-to-left sheet (ECMA-376, ST_HorizontalAlignment).
  const start = options.rightToLeft ? ('right' as const) : ('left' as const);
  const sheets: Sheet<Buffer>[] = tables.map((table) => {
    const lines = [table.body, table.foot ? [table.foot] : []].flat();
    const widths = table.head.map((head, i) =>
      i === 0
        ? widthOf([head, ...lines.map((r) => r.label)], LABEL_WIDTH)
        : widthOf(
            [head, ...lines.map((r) => (r.cells[i - 1] ? cellText(r.cells[i - 1]!, words) : ''))],
            FIGURE_WIDTH,
          ),
    );
    // The height of a row whose texts wrap: as many lines as its longest text needs.
    const height = (texts: string[]) => {
      const most = Math.max(...texts.map((t, i) => Math.ceil((t.length + 2) / widths[i]!)));
      return most > 1 ? { height: most * LINE_HEIGHT } : {};
    };
    const row = (label: string, cells: ProtectedFigureTable['body'][number]['cells']): Row => [
      { value: label, align: start, wrap: true, ...height([label]) },
      ...cells.map((cell) =>
        cell.state === 'shown' && cell.value !== undefined
          ? {
              value: cell.value,
              format: cell.kind === 'euros' ? '#,##0 "€"' : '#,##0',
              align: 'right' as const,
            }
          : { value: cellText(cell, words), align: 'right' as const },
      ),
    ];
    const data: Row[] = [
      table.head.map((h, i) => ({
        value: h,
        fontWeight: 'bold' as const,
        align: i === 0 ? start : ('right' as const),
        wrap: true,
        ...height(table.head),
      })),
      ...table.body.map((r) => row(r.label, r.cells)),
      ...(table.foot ? [row(table.foot.label, table.foot.cells)] : []),
    ];
    return {
      data,
      sheet: sheetName(table.title, taken),
      rightToLeft: options.rightToLeft,
      columns: widths.map((width) => ({ width })),
    };
  });
  // Excel's own font: without a name, LibreOffice set the bold heads in a serif face.
  return writeXlsxFile(sheets, { fontFamily: 'Calibri', fontSize: 11 }).toBuffer();
}
