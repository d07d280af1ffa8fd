// Every table of a page in one file, `chiffres.xlsx` (Excel) or `chiffres.ods` (LibreOffice),
// a sheet per table: the city page's and the national page's. The caller gives the tables the
// viewer may see, already protected (web/anonymity.ts), so a workbook never holds more than
// the page.
import type { T } from '../handlers/i18n.ts';
import type { CellWords, ProtectedFigureTable } from './figure-table.ts';
import { html, type Html } from './html.ts';
import { ODS_TYPE, toOds } from './figure-ods.ts';
import { toWorkbook, XLSX_TYPE } from './figure-workbook.ts';

export const workbookFormats = ['xlsx', 'ods'] as const;
export type WorkbookFormat = (typeof workbookFormats)[number];

/** The format a workbook's file name asks for (`chiffres.xlsx`, `chiffres.ods`), if any. */
export function workbookFormatOf(file: string): WorkbookFormat | undefined {
  const extension = /^chiffres\.([a-z]+)$/.exec(file)?.[1];
  return workbookFormats.find((f) => f === extension);
}

/** The workbook's bytes and its headers: `fileName` without its extension. */
export async function writeWorkbook(
  format: WorkbookFormat,
  tables: ProtectedFigureTable[],
  words: CellWords,
  options: { rightToLeft: boolean; fileName: string },
): Promise<{ bytes: Uint8Array<ArrayBuffer>; headers: Record<string, string> }> {
  const bytes =
    format === 'ods'
      ? toOds(tables, words, options)
      : new Uint8Array(await toWorkbook(tables, words, options));
  return {
    bytes,
    headers: {
      'content-type': format === 'ods' ? ODS_TYPE : XLSX_TYPE,
      'content-disposition': `attachment; filename="${options.fileName}.${format}"`,
    },
  };
}

/** The page's links to its workbooks: `base` is the export route, `query` the page's own. */
export function renderWorkbookLinks(base: string, query: string, t: T): Html {
  return html`<ul class="workbooks">
    ${workbookFormats.map(
      (format) =>
        html`<li>
          <a href="${`${base}/chiffres.${format}${query}`}" download
            >${t(`web.table.export_${format}`)}</a
          >
        </li>`,
    )}
  </ul>`;
}
