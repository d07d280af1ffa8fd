// The .ods workbook, opened as a reader would (tests/support/read-ods.ts): a valid package,
// well-formed XML, a sheet per table with the same protected cells as the CSV (numbers as
// numbers, euros as currency, a hidden cell as its words), whatever the names hold.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { protectFigureTable, toCsv, type FigureTable } from '../../web/figure-table.ts';
import { toOds } from '../../web/figure-ods.ts';
import { asCsvCells, firstZipEntry, parseXml, readOds } from '../support/read-ods.ts';

const words = {
  small: 'moins de 5',
  hidden: 'masqué',
  number: (v: number) => new Intl.NumberFormat('fr-FR').format(v),
  euros: (v: number) =>
    new Intl.NumberFormat('fr-FR', {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    }).format(v),
};

const help: FigureTable = {
  id: 'entraide',
  title: 'Entraide : services rendus [2026]',
  rowHead: 'Catégorie',
  rows: ['Courses & repas', 'Bricolage <outils>', 'Animaux "de compagnie"'],
  blocks: [
    {
      columns: ['2026'],
      values: [[1200], [3], [40]],
      totals: { rows: false, columns: true },
      euros: { head: 'Valeur 2026', perUnit: [15, 30, 10] },
    },
  ],
  totalLabel: 'Total',
};

const quartiers: FigureTable = {
  id: 'quartiers',
  title: "'Quartiers' de la ville, très long titre qui dépasse",
  rowHead: 'Quartier',
  rows: ['Croix-Rousse\u0007 \ttab', 'Pentes\nbas'],
  blocks: [
    {
      columns: ['2026', '2025'],
      values: [
        [0, 12],
        [7, 0],
      ],
      totals: { rows: true, columns: true },
    },
  ],
  totalLabel: 'Total',
};

function csvCells(table: FigureTable): string[][] {
  return toCsv(protectFigureTable(table), words)
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';').map((f) => f.replace(/^"(.*)"$/s, '$1').replaceAll('""', '"')));
}

describe('toOds', () => {
  it('writes a package a spreadsheet application recognises', () => {
    const bytes = toOds([protectFigureTable(help)], words, { rightToLeft: false });
    expect(firstZipEntry(bytes)).toMatchObject({
      name: 'mimetype',
      compression: 0,
      flags: 0,
      extraLength: 0,
      data: 'application/vnd.oasis.opendocument.spreadsheet',
    });
    expect(readOds(bytes).files).toEqual(['mimetype', 'META-INF/manifest.xml', 'content.xml']);
  });

  it('holds each table as a sheet, with the cells of its CSV', () => {
    const tables = [help, quartiers];
    const { sheets } = readOds(
      toOds(tables.map(protectFigureTable), words, { rightToLeft: false }),
    );
    expect(sheets.map((s) => s.name)).toEqual([
      // At most 31 characters, cut between words; none of []:*?/\ (a colon reads as a dash),
      // no apostrophe at either end (web/sheet-name.ts).
      'Entraide – services rendus…',
      "Quartiers' de la ville, très…",
    ]);
    expect(asCsvCells(sheets[0]!)).toEqual(csvCells(help));
    // Line breaks and tabs of a name become spaces; control characters go.
    expect(asCsvCells(sheets[1]!)).toEqual(
      csvCells(quartiers).map((row) =>
        row.map((c) => c.replace(/[\t\n]/g, ' ').replace('\u0007', '')),
      ),
    );
    const [head, courses, bricolage] = sheets[0]!.rows;
    expect(head!.map((c) => [c.type, c.style])).toEqual([
      ['string', 'head'],
      ['string', 'figure-head'],
      ['string', 'figure-head'],
    ]);
    // A count is a number, its euros a currency (shown as the page shows them); a small count
    // and the euros made from it are words.
    expect(courses!.slice(1)).toEqual([
      { type: 'float', value: '1200', text: words.number(1200), style: 'count-cell', align: 'end' },
      {
        type: 'currency',
        value: '18000',
        text: words.euros(18000),
        style: 'euros-cell',
        align: 'end',
      },
    ]);
    expect(bricolage!.slice(1).map((c) => [c.type, c.value, c.text])).toEqual([
      ['string', undefined, 'moins de 5'],
      ['string', undefined, 'masqué'],
    ]);
    expect(sheets.every((s) => !s.rightToLeft)).toBe(true);
  });

  it('aligns a figure column as the page does: its head, numbers and words alike', () => {
    // Opened in LibreOffice, a column's numbers went right and its head and its "moins de 5"
    // left, so the head stood over the wrong figures; an Arabic name went right in a French
    // sheet. LibreOffice reads start and end as left and right in either direction.
    for (const rightToLeft of [false, true]) {
      const { sheets } = readOds(
        toOds([help, quartiers].map(protectFigureTable), words, { rightToLeft }),
      );
      for (const sheet of sheets) {
        for (const row of sheet.rows) {
          const [label, ...figures] = row;
          expect(label!.align, sheet.name).toBe(rightToLeft ? 'end' : 'start');
          for (const cell of figures.filter((c) => c.type !== undefined)) {
            expect(cell.align, `${sheet.name}: ${cell.text}`).toBe('end');
          }
        }
      }
      const [, , bricolage] = sheets[0]!.rows;
      expect(bricolage!.slice(1).map((c) => [c.text, c.align])).toEqual([
        ['moins de 5', 'end'],
        ['masqué', 'end'],
      ]);
    }
  });

  it('reads right to left in Arabic', () => {
    const { sheets } = readOds(toOds([protectFigureTable(help)], words, { rightToLeft: true }));
    expect(sheets[0]!.rightToLeft).toBe(true);
  });

  it('is read by a reader that refuses what LibreOffice refuses or misreads', () => {
    const good = toOds([protectFigureTable(help)], words, { rightToLeft: false });
    const files = unzipSync(good);
    const content = strFromU8(files['content.xml']!);
    const repack = (change: (text: string) => string, extra: Record<string, Uint8Array> = {}) =>
      zipSync({
        mimetype: [files.mimetype!, { level: 0 }],
        'META-INF/manifest.xml': files['META-INF/manifest.xml']!,
        'content.xml': strToU8(change(content)),
        ...extra,
      });
    expect(() => readOds(repack((c) => c))).not.toThrow();
    for (const [why, bad] of [
      ['a file the manifest does not list', repack((c) => c, { 'styles.xml': strToU8('<x/>') })],
      [
        'a number LibreOffice reads as 0',
        repack((c) => c.replace('office:value="1200"', 'office:value="NaN"')),
      ],
      [
        'a number with a space',
        repack((c) => c.replace('office:value="1200"', 'office:value="1 200"')),
      ],
      [
        'an alignment LibreOffice drops',
        repack((c) => c.replace('fo:text-align="end"', 'fo:text-align="right"')),
      ],
      [
        'a colon in a sheet name',
        repack((c) => c.replace(/table:name="[^"]*"/, 'table:name="Entraide : 2026"')),
      ],
      [
        'a sheet name over 31 characters',
        repack((c) => c.replace(/table:name="[^"]*"/, `table:name="${'x'.repeat(32)}"`)),
      ],
    ] as const) {
      expect(() => readOds(bad), why).toThrow();
    }
    const twice = toOds([protectFigureTable(help), protectFigureTable(help)], words, {
      rightToLeft: false,
    });
    const renamed = strFromU8(unzipSync(twice)['content.xml']!).replace(' 2"', '"');
    expect(() =>
      readOds(
        zipSync({
          mimetype: [files.mimetype!, { level: 0 }],
          'META-INF/manifest.xml': files['META-INF/manifest.xml']!,
          'content.xml': strToU8(renamed),
        }),
      ),
    ).toThrow(/twice/);
  });

  it('is checked by a parser that refuses what is not well-formed', () => {
    for (const bad of [
      '<a><b></a></b>',
      '<a x="1" x="2"/>',
      '<a>&nope;</a>',
      '<a>x & y</a>',
      '<a>',
      '<a/><b/>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    expect(parseXml('<a x="&lt;1&gt;"><b>t&amp;t</b></a>')).toEqual({
      name: 'a',
      attributes: { x: '<1>' },
      children: [{ name: 'b', attributes: {}, children: ['t&t'] }],
    });
  });
});
