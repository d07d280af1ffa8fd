// The tables of a page as one .xlsx workbook (a sheet per table), from the same protected
// cells as the page and the CSV exports: a hidden cell carries the same words, never its
// number. Written by write-excel-file (MIT, one dependency, fflate, which the project already
// has). The same tables as an OpenDocument spreadsheet: web/figure-ods.ts.
import writeXlsxFile, { type Row, type Sheet } from 'write-excel-file/node';
import { cellText, type CellWords, type ProtectedFigureTable } from './figure-table.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A sheet's name: at most 31 characters (Excel), none of []:*?/\ and no apostrophe at either
 * end (Excel and LibreOffice), unique in the workbook. The .ods uses it too.
 */
export function sheetName(title: string, taken: Set<string>): string {
  const ends = (text: string) => text.replace(/^[\s']+|[\s']+$/g, '');
  const base = ends(title.replace(/[[\]:*?/\\]/g, ' ')) || 'Tableau';
  let name = ends(base.slice(0, 31));
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${ends(base.slice(0, 28))} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

export function toWorkbook(
  tables: ProtectedFigureTable[],
  words: CellWords,
  options: { rightToLeft: boolean },
): Promise<Buffer> {
  const taken = new Set<string>();
  const sheets: Sheet<Buffer>[] = tables.map((table) => {
    const row = (label: string, cells: ProtectedFigureTable['body'][number]['cells']): Row => [
      label,
      ...cells.map((cell) =>
        cell.state === 'shown' && cell.value !== undefined
          ? { value: cell.value, format: cell.kind === 'euros' ? '#,##0 "€"' : '#,##0' }
          : cellText(cell, words),
      ),
    ];
    const data: Row[] = [
      table.head.map((h) => ({ value: h, fontWeight: 'bold' as const })),
      ...table.body.map((r) => row(r.label, r.cells)),
      ...(table.foot ? [row(table.foot.label, table.foot.cells)] : []),
    ];
    return {
      data,
      sheet: sheetName(table.title, taken),
      rightToLeft: options.rightToLeft,
      columns: table.head.map((_, i) => ({ width: i === 0 ? 32 : 12 })),
    };
  });
  return writeXlsxFile(sheets).toBuffer();
}
