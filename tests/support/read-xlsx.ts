// Opens an .xlsx workbook (fflate's unzip and the sheets' XML read by pattern): each sheet's
// cells as text, shared strings resolved, numbers as written.
import { strFromU8, unzipSync } from 'fflate';

export function readWorkbook(bytes: Uint8Array): Record<string, string[][]> {
  const files = unzipSync(bytes);
  const text = (name: string) => strFromU8(files[name]!);
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => unescapeXml(t[1]!)).join(''),
  );
  const names = [...text('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) =>
    unescapeXml(m[1]!),
  );
  return Object.fromEntries(
    names.map((name, i) => {
      const rows = [
        ...text(`xl/worksheets/sheet${i + 1}.xml`).matchAll(/<row[^>]*>(.*?)<\/row>/gs),
      ];
      return [
        name,
        rows.map((row) =>
          [...row[1]!.matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)].map((cell) => {
            const value = /<v>(.*?)<\/v>/s.exec(cell[2] ?? '')?.[1] ?? '';
            return / t="s"/.test(cell[1]!) ? shared[Number(value)]! : value;
          }),
        ),
      ];
    }),
  );
}

function unescapeXml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

export interface SheetLayout {
  /** Each column's width, in characters. */
  widths: number[];
  /** Each row's height in points when set, and each cell's horizontal alignment. */
  rows: { height: number | undefined; align: (string | undefined)[]; wrap: boolean[] }[];
}

/** How each sheet is laid out: column widths, row heights, the cells' alignment. */
export function readSheetLayout(bytes: Uint8Array): Record<string, SheetLayout> {
  const files = unzipSync(bytes);
  const text = (name: string) => strFromU8(files[name]!);
  const formats = [
    ...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(text('xl/styles.xml'))?.[1] ?? '').matchAll(
      /<xf\b[^>]*?(?:\/>|>(.*?)<\/xf>)/gs,
    ),
  ].map((xf) => ({
    align: /horizontal="([a-z]+)"/.exec(xf[1] ?? '')?.[1],
    wrap: /wrapText="1"/.test(xf[1] ?? ''),
  }));
  const names = [...text('xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) =>
    unescapeXml(m[1]!),
  );
  return Object.fromEntries(
    names.map((name, i) => {
      const sheet = text(`xl/worksheets/sheet${i + 1}.xml`);
      const widths = [...sheet.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
      const rows = [...sheet.matchAll(/<row([^>]*)>(.*?)<\/row>/gs)].map((row) => {
        const styles = [...row[2]!.matchAll(/<c ([^>]*)>/g)].map(
          (c) => formats[Number(/\bs="(\d+)"/.exec(c[1]!)?.[1] ?? 0)],
        );
        const height = / ht="([\d.]+)"/.exec(row[1]!)?.[1];
        return {
          height: height === undefined ? undefined : Number(height),
          align: styles.map((s) => s?.align),
          wrap: styles.map((s) => s?.wrap ?? false),
        };
      });
      return [name, { widths, rows }];
    }),
  );
}
