// The tables of a page as one OpenDocument spreadsheet (.ods, LibreOffice's own format, which
// many mairies use), a sheet per table, from the same protected cells as the page, the CSV
// and the .xlsx: a hidden cell carries the same words, never its number.
//
// Written here rather than by a library: npm has no small maintained ODS writer (SheetJS's
// npm release has an unfixed CVE, the others are its old forks, need LibreOffice itself, or
// are not free software), and the format is small. An .ods file is a zip holding:
// - `mimetype`, first, stored uncompressed with no extra field (how a reader recognises it);
// - `META-INF/manifest.xml`, the list of the other files;
// - `content.xml`, the sheets (ODF 1.2, OpenDocument-v1.2-os part 1, §9 tables, §16.27 data
//   styles).
// The zip is fflate's (MIT, no dependencies), already there for pdfkit and write-excel-file.
import { strToU8, zipSync } from 'fflate';
import { cellText, type Cell, type CellWords, type ProtectedFigureTable } from './figure-table.ts';
import { sheetName } from './sheet-name.ts';

export const ODS_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/** Text for XML: escaped, and without the control characters XML 1.0 cannot hold. */
function xml(text: string): string {
  return [...text]
    .map((ch) => (ch === '\t' || ch === '\n' || ch === '\r' ? ' ' : ch))
    .filter((ch) => ch >= ' ' && ch !== '\ufffe' && ch !== '\uffff')
    .join('')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

const NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
].join(' ');

// Counts as `1 234`, euros as `1 234 €` (in the reader's own locale for the separators); the
// heads in bold (Latin, Asian and Arabic scripts alike); a sheet right to left in Arabic.
//
// A figure column is aligned right as on the page, its head and its words ("moins de 5")
// included: LibreOffice otherwise sets numbers right and text left, so a head stood over the
// wrong figures and the words looked like another column's. A row's label is set at the
// sheet's start whatever its script (an Arabic quartier's name in a French sheet went right,
// against the next column). Heads and labels wrap rather than run into the next cell.
const GROUPED = `<number:number number:decimal-places="0" number:min-integer-digits="1" number:grouping="true"/>`;
const aligned = (side: 'start' | 'end', wrap = false) =>
  `<style:table-cell-properties style:text-align-source="fix"${wrap ? ' fo:wrap-option="wrap"' : ''}/><style:paragraph-properties fo:text-align="${side}"/>`;
const BOLD = `<style:text-properties fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/>`;
const STYLES = (rightToLeft: boolean) => {
  // LibreOffice reads start and end as left and right whatever the sheet's direction (seen by
  // opening the files), and writes them so itself: a label goes right in Arabic.
  const labelSide = rightToLeft ? 'end' : 'start';
  return `<office:automatic-styles>
<number:number-style style:name="count">${GROUPED}</number:number-style>
<number:currency-style style:name="euros">${GROUPED}<number:text> </number:text><number:currency-symbol number:language="fr" number:country="FR">€</number:currency-symbol></number:currency-style>
<style:style style:name="sheet" style:family="table"><style:table-properties table:display="true" style:writing-mode="${rightToLeft ? 'rl-tb' : 'lr-tb'}"/></style:style>
<style:style style:name="label-column" style:family="table-column"><style:table-column-properties style:column-width="6.5cm"/></style:style>
<style:style style:name="figure-column" style:family="table-column"><style:table-column-properties style:column-width="2.5cm"/></style:style>
<style:style style:name="head" style:family="table-cell">${aligned(labelSide, true)}${BOLD}</style:style>
<style:style style:name="figure-head" style:family="table-cell">${aligned('end', true)}${BOLD}</style:style>
<style:style style:name="label" style:family="table-cell">${aligned(labelSide, true)}</style:style>
<style:style style:name="count-cell" style:family="table-cell" style:data-style-name="count">${aligned('end')}</style:style>
<style:style style:name="euros-cell" style:family="table-cell" style:data-style-name="euros">${aligned('end')}</style:style>
<style:style style:name="words-cell" style:family="table-cell">${aligned('end')}</style:style>
</office:automatic-styles>`;
};

const text = (value: string, style: string) =>
  `<table:table-cell office:value-type="string" table:style-name="${style}"><text:p>${xml(value)}</text:p></table:table-cell>`;

function cell(c: Cell, words: CellWords): string {
  if (c.value === undefined) return '<table:table-cell/>';
  if (c.state !== 'shown') return text(cellText(c, words), 'words-cell');
  const value = String(c.value);
  const shown = xml(c.kind === 'euros' ? words.euros(c.value) : words.number(c.value));
  return c.kind === 'euros'
    ? `<table:table-cell table:style-name="euros-cell" office:value-type="currency" office:currency="EUR" office:value="${value}"><text:p>${shown}</text:p></table:table-cell>`
    : `<table:table-cell table:style-name="count-cell" office:value-type="float" office:value="${value}"><text:p>${shown}</text:p></table:table-cell>`;
}

function sheet(table: ProtectedFigureTable, name: string, words: CellWords): string {
  const row = (cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
  const line = (r: { label: string; cells: Cell[] }) =>
    row([text(r.label, 'label'), ...r.cells.map((c) => cell(c, words))]);
  return [
    `<table:table table:name="${xml(name)}" table:style-name="sheet">`,
    '<table:table-column table:style-name="label-column"/>',
    table.head.length > 1
      ? `<table:table-column table:style-name="figure-column" table:number-columns-repeated="${table.head.length - 1}"/>`
      : '',
    row(table.head.map((h, i) => text(h, i === 0 ? 'head' : 'figure-head'))),
    ...table.body.map(line),
    table.foot ? line(table.foot) : '',
    '</table:table>',
  ].join('');
}

export function toOds(
  tables: ProtectedFigureTable[],
  words: CellWords,
  options: { rightToLeft: boolean },
): Uint8Array<ArrayBuffer> {
  const taken = new Set<string>();
  const content =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<office:document-content ${NAMESPACES} office:version="1.2">` +
    STYLES(options.rightToLeft) +
    '<office:body><office:spreadsheet>' +
    tables.map((table) => sheet(table, sheetName(table.title, taken), words)).join('') +
    '</office:spreadsheet></office:body></office:document-content>';
  const manifest =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">` +
    `<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="${ODS_TYPE}"/>` +
    `<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>` +
    `</manifest:manifest>`;
  // In this order: a reader finds the type in the first file's first bytes.
  return zipSync({
    mimetype: [strToU8(ODS_TYPE), { level: 0 }],
    'META-INF/manifest.xml': strToU8(manifest),
    'content.xml': strToU8(content),
  });
}
