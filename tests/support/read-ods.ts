// Opens an .ods file as a spreadsheet application would, without one (CI has no LibreOffice):
// the zip (fflate), the package rules a reader relies on (`mimetype` first, stored, no extra
// field; a manifest naming content.xml), and content.xml parsed by a small strict XML parser
// that throws on anything not well-formed, into sheets of cells.
//
// It also throws on what LibreOffice 7.4 was seen to do with a file it dislikes (README,
// the city page), none of which a strict XML parse catches:
// - a file in the zip that the manifest does not list: the whole file is refused;
// - a number whose office:value is not a plain xsd:double ("1 234", "NaN"): read as 1, or 0;
// - a sheet's name holding one of []*?:/\ or with an apostrophe at either end: renamed
//   "Sheet3"; a name taken twice, case ignored: renamed "_2" (and Excel's limit, 31
//   characters, for the .xlsx twin);
// - a cell's fo:text-align of "left" or "right": dropped (LibreOffice reads start and end).
import { strFromU8, unzipSync } from 'fflate';

export interface OdsCell {
  /** `float`, `currency`, `string`, or undefined for an empty cell. */
  type: string | undefined;
  /** office:value for a number (as written), else undefined. */
  value: string | undefined;
  /** The cell's text as shown. */
  text: string;
  style: string | undefined;
  /** The cell's fo:text-align, from its style (`start`, `end`), or undefined. */
  align: string | undefined;
}

export interface OdsSheet {
  name: string;
  rightToLeft: boolean;
  rows: OdsCell[][];
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&([a-z]+|#\d+|#x[0-9a-f]+);|&/gi, (whole, name: string | undefined) => {
    if (!name) throw new Error('a bare & in XML text');
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    const value = ENTITIES[name];
    if (value === undefined) throw new Error(`an unknown entity ${whole}`);
    return value;
  });
}

/** A strict, small XML parser: elements, attributes, text; throws when not well-formed. */
export function parseXml(source: string): XmlElement {
  let at = 0;
  if (source.startsWith('<?xml')) at = source.indexOf('?>') + 2;
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const open: XmlElement[] = [root];
  const NAME = /[A-Za-z_][\w.:-]*/y;
  while (at < source.length) {
    const lt = source.indexOf('<', at);
    const text = source.slice(at, lt === -1 ? source.length : lt);
    if (text.trim() !== '') {
      if (open.length === 1) throw new Error('text outside the root element');
      open.at(-1)!.children.push(decode(text));
    }
    if (lt === -1) break;
    at = lt + 1;
    if (source[at] === '/') {
      NAME.lastIndex = at + 1;
      const name = NAME.exec(source)?.[0];
      const element = open.pop();
      if (!name || element?.name !== name || source[NAME.lastIndex] !== '>') {
        throw new Error(`</${name}> closes <${element?.name}> at ${at}`);
      }
      at = NAME.lastIndex + 1;
      continue;
    }
    NAME.lastIndex = at;
    const name = NAME.exec(source)?.[0];
    if (!name) throw new Error(`a tag without a name at ${at}`);
    at = NAME.lastIndex;
    const element: XmlElement = { name, attributes: {}, children: [] };
    for (;;) {
      const space = /\s*/y;
      space.lastIndex = at;
      space.exec(source);
      at = space.lastIndex;
      if (source.startsWith('/>', at) || source[at] === '>') break;
      const attribute = /([A-Za-z_][\w.:-]*)="([^"<]*)"/y;
      attribute.lastIndex = at;
      const match = attribute.exec(source);
      if (!match || at === 0 || !/\s/.test(source[at - 1]!)) {
        throw new Error(`a malformed attribute in <${name}> at ${at}`);
      }
      if (match[1]! in element.attributes) throw new Error(`${match[1]} twice in <${name}>`);
      element.attributes[match[1]!] = decode(match[2]!);
      at = attribute.lastIndex;
    }
    if (open.length === 1 && root.children.length > 0) throw new Error('two root elements');
    open.at(-1)!.children.push(element);
    if (source.startsWith('/>', at)) at += 2;
    else {
      at += 1;
      open.push(element);
    }
  }
  if (open.length !== 1) throw new Error(`<${open.at(-1)!.name}> is never closed`);
  const [top] = root.children;
  if (!top || typeof top === 'string') throw new Error('no root element');
  return top;
}

const elements = (e: XmlElement, name: string) =>
  e.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);

function textOf(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** The zip's first local file header: its name, compression method, flags and extra field. */
export function firstZipEntry(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== 0x04034b50) throw new Error('not a zip');
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  return {
    name: strFromU8(bytes.subarray(30, 30 + nameLength)),
    compression: view.getUint16(8, true),
    flags: view.getUint16(6, true),
    extraLength,
    data: strFromU8(
      bytes.subarray(30 + nameLength + extraLength, 30 + nameLength + extraLength + 46),
    ),
  };
}

export function readOds(bytes: Uint8Array): { sheets: OdsSheet[]; files: string[] } {
  const first = firstZipEntry(bytes);
  if (first.name !== 'mimetype' || first.compression !== 0 || first.extraLength !== 0) {
    throw new Error(`the first file is not a stored mimetype: ${JSON.stringify(first)}`);
  }
  const files = unzipSync(bytes);
  const mimetype = strFromU8(files.mimetype!);
  if (mimetype !== 'application/vnd.oasis.opendocument.spreadsheet') throw new Error(mimetype);
  const manifest = parseXml(strFromU8(files['META-INF/manifest.xml']!));
  const listed = elements(manifest, 'manifest:file-entry').map(
    (e) => e.attributes['manifest:full-path'],
  );
  for (const name of Object.keys(files)) {
    if (name !== 'mimetype' && name !== 'META-INF/manifest.xml' && !listed.includes(name)) {
      throw new Error(`${name} is not in the manifest`);
    }
  }
  const content = parseXml(strFromU8(files['content.xml']!));
  const styles = elements(elements(content, 'office:automatic-styles')[0]!, 'style:style');
  const rtl = new Set(
    styles
      .filter((s) =>
        elements(s, 'style:table-properties').some(
          (p) => p.attributes['style:writing-mode'] === 'rl-tb',
        ),
      )
      .map((s) => s.attributes['style:name']),
  );
  const alignOf = new Map(
    styles.map((s) => [
      s.attributes['style:name'],
      elements(s, 'style:paragraph-properties')[0]?.attributes['fo:text-align'],
    ]),
  );
  for (const [name, align] of alignOf) {
    if (align !== undefined && !['start', 'end', 'center', 'justify'].includes(align)) {
      throw new Error(`style ${name}: LibreOffice ignores fo:text-align="${align}"`);
    }
  }
  const spreadsheet = elements(elements(content, 'office:body')[0]!, 'office:spreadsheet')[0]!;
  const names = new Set<string>();
  const sheets = elements(spreadsheet, 'table:table').map((table) => {
    const name = table.attributes['table:name']!;
    if (/[[\]*?:/\\]/.test(name) || /^'|'$/.test(name) || name.length > 31 || name === '') {
      throw new Error(
        `a sheet's name LibreOffice or Excel would not take: ${JSON.stringify(name)}`,
      );
    }
    if (names.has(name.toLowerCase())) throw new Error(`the sheet's name ${name} twice`);
    names.add(name.toLowerCase());
    return {
      name,
      rightToLeft: rtl.has(table.attributes['table:style-name']),
      rows: elements(table, 'table:table-row').map((row) =>
        elements(row, 'table:table-cell').map((cell) => {
          const value = cell.attributes['office:value'];
          if (value !== undefined && !/^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
            throw new Error(`office:value="${value}" is not a number LibreOffice reads`);
          }
          const style = cell.attributes['table:style-name'];
          return {
            type: cell.attributes['office:value-type'],
            value,
            text: elements(cell, 'text:p').map(textOf).join('\n'),
            style,
            align: style === undefined ? undefined : alignOf.get(style),
          };
        }),
      ),
    };
  });
  return { sheets, files: Object.keys(files) };
}

/** A sheet as the CSV export writes it: numbers plain, every other cell as its words. */
export function asCsvCells(sheet: OdsSheet): string[][] {
  return sheet.rows.map((row) => row.map((c) => c.value ?? c.text));
}
