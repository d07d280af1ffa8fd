// The embedded typeface: Atkinson Hyperlegible, drawn for low-vision readers, from the
// @fontsource package's .woff files. pdfkit reads WOFF, but through a pure-JavaScript
// inflate that costs tens of milliseconds per font and document; so the files are read and
// unpacked to plain TrueType once per process and kept as Buffers (pure data). Each
// document registers them under the names below and embeds only the glyphs it uses.
// Atkinson's zero is slashed by design ("Ø 8ØØ" to an older reader), and the font has no
// alternate: its zero is redrawn as its own letter O, narrowed to the zero's width. Turkish İ,
// in neither file, is added to the "latin" one (dotted-capital-i.ts).
// Arabic: Noto Sans Arabic (@fontsource/noto-sans-arabic, its "arabic" subset), whose
// OpenType tables fontkit (pdfkit's font engine) reads to shape the letters (initial,
// medial, final forms, lam-alef); bidi-text.ts orders the runs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { withDottedCapitalI } from './dotted-capital-i.ts';
import { withPlainZero } from './plain-zero.ts';
import type { Script } from './printable-text.ts';

export type Weight = 'regular' | 'bold';

const FILES = {
  'regular-latin': 'latin-400-normal',
  'bold-latin': 'latin-700-normal',
  'regular-ext': 'latin-ext-400-normal',
  'bold-ext': 'latin-ext-700-normal',
  'regular-arabic': 'arabic-400-normal',
  'bold-arabic': 'arabic-700-normal',
} as const;

export type FontName = keyof typeof FILES;

export const fontName = (weight: Weight, script: Script = 'latin'): FontName =>
  `${weight}-${script}`;

let loading: Promise<Map<FontName, Buffer>> | undefined;

async function readFonts(): Promise<Map<FontName, Buffer>> {
  const require = createRequire(import.meta.url);
  const entries = await Promise.all(
    Object.entries(FILES).map(async ([name, file]) => {
      const path = require.resolve(
        file.startsWith('arabic')
          ? `@fontsource/noto-sans-arabic/files/noto-sans-arabic-${file}.woff`
          : `@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-${file}.woff`,
      );
      const sfnt = woffToSfnt(await readFile(path));
      return [
        name as FontName,
        name.endsWith('latin') ? withDottedCapitalI(withPlainZero(sfnt)) : sfnt,
      ] as const;
    }),
  );
  return new Map(entries);
}

/** The font files, read on first use; a failed read is retried on the next call. */
export function loadFonts(): Promise<Map<FontName, Buffer>> {
  loading ??= readFonts().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export function registerFonts(doc: PDFKit.PDFDocument, fonts: Map<FontName, Buffer>): void {
  for (const [name, data] of fonts) doc.registerFont(name, data);
}

/** The TrueType/OpenType font inside a WOFF 1.0 file (W3C WOFF File Format 1.0, §3–5). */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font file');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const entry = 44 + i * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const compressed = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const raw = woff.subarray(offset, offset + compressed);
    return {
      tag: woff.subarray(entry, entry + 4),
      checksum: woff.readUInt32BE(entry + 16),
      data: compressed < length ? inflateSync(raw) : raw,
    };
  });
  const headerSize = 12 + 16 * count;
  const padded = (n: number) => (n + 3) & ~3;
  const size = tables.reduce((sum, table) => sum + padded(table.data.length), headerSize);
  const sfnt = Buffer.alloc(size);
  const power = 2 ** Math.floor(Math.log2(count));
  sfnt.writeUInt32BE(flavor, 0);
  sfnt.writeUInt16BE(count, 4);
  sfnt.writeUInt16BE(power * 16, 6);
  sfnt.writeUInt16BE(Math.log2(power), 8);
  sfnt.writeUInt16BE(count * 16 - power * 16, 10);
  let offset = headerSize;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    table.tag.copy(sfnt, record);
    sfnt.writeUInt32BE(table.checksum, record + 4);
    sfnt.writeUInt32BE(offset, record + 8);
    sfnt.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(sfnt, offset);
    offset += padded(table.data.length);
  });
  return sfnt;
}
