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
