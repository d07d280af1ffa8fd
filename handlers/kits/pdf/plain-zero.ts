// A TrueType font whose zero is the font's own capital O, narrowed to the zero's box: a
// composite glyph (OpenType spec, 'glyf' table, composite glyph description) that points at
// the O with a horizontal scale. The zero keeps its advance width, so figures still line
// up; only the 'glyf' and 'loca' tables change (and 'maxp' allows one component).

/** The font with a plain zero; the same bytes if it has no '0' or no 'O' outline. */
export function withPlainZero(sfnt: Buffer): Buffer {
  const tables = readTableDirectory(sfnt);
  const [glyf, loca, head, maxp, cmap] = ['glyf', 'loca', 'head', 'maxp', 'cmap'].map((tag) =>
    tables.get(tag),
  );
  if (!glyf || !loca || !head || !maxp || !cmap) return sfnt;
  const { glyphCount, offsets } = readGlyphOffsets(sfnt, head, maxp, loca);
  const zero = glyphIdOf(sfnt, cmap.offset, 0x30);
  const capitalO = glyphIdOf(sfnt, cmap.offset, 0x4f);
  if (!zero || !capitalO) return sfnt;
  const box = (id: number) => {
    const at = glyf.offset + (offsets[id] ?? 0);
    return [2, 4, 6, 8].map((d) => sfnt.readInt16BE(at + d)) as [number, number, number, number];
  };
  const [zx0, zy0, zx1, zy1] = box(zero);
  const [ox0, , ox1] = box(capitalO);
  const scale = (zx1 - zx0) / (ox1 - ox0);

  // numberOfContours -1, the zero's box, then one component: flags, glyph, dx, dy, scale.
  const glyph = Buffer.alloc(24);
  glyph.writeInt16BE(-1, 0);
  [zx0, zy0, zx1, zy1].forEach((v, i) => glyph.writeInt16BE(v, 2 + 2 * i));
  const ARGS_ARE_WORDS = 0x0001;
  const ARGS_ARE_XY = 0x0002;
  const ROUND_XY = 0x0004;
  const SCALE_XY = 0x0040;
  glyph.writeUInt16BE(ARGS_ARE_WORDS | ARGS_ARE_XY | ROUND_XY | SCALE_XY, 10);
  glyph.writeUInt16BE(capitalO, 12);
  glyph.writeInt16BE(Math.round(zx0 - ox0 * scale), 14);
  glyph.writeInt16BE(0, 16);
  glyph.writeInt16BE(Math.round(scale * 16384), 18); // F2Dot14
  glyph.writeInt16BE(16384, 20);

  const oldGlyf = sfnt.subarray(glyf.offset, glyf.offset + glyf.length);
  const start = offsets[zero] ?? 0;
  const end = offsets[zero + 1] ?? start;
  const newGlyf = Buffer.concat([oldGlyf.subarray(0, start), glyph, oldGlyf.subarray(end)]);
  const shift = glyph.length - (end - start);
  const newLoca = Buffer.alloc(4 * (glyphCount + 1));
  offsets.forEach((offset, i) => newLoca.writeUInt32BE(i > zero ? offset + shift : offset, 4 * i));

  const replaced = new Map<string, Buffer>([
    ['glyf', newGlyf],
    ['loca', newLoca],
  ]);
  const newHead = Buffer.from(sfnt.subarray(head.offset, head.offset + head.length));
  newHead.writeInt16BE(1, 50); // long 'loca' offsets
  replaced.set('head', newHead);
  const newMaxp = Buffer.from(sfnt.subarray(maxp.offset, maxp.offset + maxp.length));
  if (newMaxp.length >= 32) {
    newMaxp.writeUInt16BE(Math.max(1, newMaxp.readUInt16BE(28)), 28); // maxComponentElements
    newMaxp.writeUInt16BE(Math.max(1, newMaxp.readUInt16BE(30)), 30); // maxComponentDepth
  }
  replaced.set('maxp', newMaxp);
  return writeFont(sfnt, tables, replaced);
}

export interface TableRecord {
  checksum: number;
  offset: number;
  length: number;
}

/** How many glyphs the font has, and where each starts in 'glyf' ('loca', short or long). */
export function readGlyphOffsets(
  sfnt: Buffer,
  head: TableRecord,
  maxp: TableRecord,
  loca: TableRecord,
): { glyphCount: number; offsets: number[] } {
  const longOffsets = sfnt.readInt16BE(head.offset + 50) === 1;
  const glyphCount = sfnt.readUInt16BE(maxp.offset + 4);
  const offsets = Array.from({ length: glyphCount + 1 }, (_, i) =>
    longOffsets
      ? sfnt.readUInt32BE(loca.offset + 4 * i)
      : 2 * sfnt.readUInt16BE(loca.offset + 2 * i),
  );
  return { glyphCount, offsets };
}

export function readTableDirectory(sfnt: Buffer): Map<string, TableRecord> {
  const count = sfnt.readUInt16BE(4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < count; i++) {
    const record = 12 + 16 * i;
    tables.set(sfnt.toString('latin1', record, record + 4), {
      checksum: sfnt.readUInt32BE(record + 4),
      offset: sfnt.readUInt32BE(record + 8),
      length: sfnt.readUInt32BE(record + 12),
    });
  }
  return tables;
}

/** The offsets of the cmap's Unicode subtables in format 4 (BMP: (3,1) or platform 0). */
export function unicodeFormat4Subtables(sfnt: Buffer, cmap: number): number[] {
  const found: number[] = [];
  const count = sfnt.readUInt16BE(cmap + 2);
  for (let i = 0; i < count; i++) {
    const platform = sfnt.readUInt16BE(cmap + 4 + 8 * i);
    const encoding = sfnt.readUInt16BE(cmap + 6 + 8 * i);
    const table = cmap + sfnt.readUInt32BE(cmap + 8 + 8 * i);
    if (!((platform === 3 && encoding === 1) || platform === 0)) continue;
    if (sfnt.readUInt16BE(table) === 4) found.push(table);
  }
  return found;
}

/** The glyph of a BMP code point through the cmap's (3,1) format 4 subtable; 0 if none. */
export function glyphIdOf(sfnt: Buffer, cmap: number, codePoint: number): number {
  for (const table of unicodeFormat4Subtables(sfnt, cmap)) {
    const segments = sfnt.readUInt16BE(table + 6) / 2;
    const ends = table + 14;
    const starts = ends + 2 * segments + 2;
    const deltas = starts + 2 * segments;
    const rangeOffsets = deltas + 2 * segments;
    for (let s = 0; s < segments; s++) {
      if (sfnt.readUInt16BE(ends + 2 * s) < codePoint) continue;
      const first = sfnt.readUInt16BE(starts + 2 * s);
      if (first > codePoint) return 0;
      const delta = sfnt.readInt16BE(deltas + 2 * s);
      const rangeOffset = sfnt.readUInt16BE(rangeOffsets + 2 * s);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const at = rangeOffsets + 2 * s + rangeOffset + 2 * (codePoint - first);
      const id = sfnt.readUInt16BE(at);
      return id === 0 ? 0 : (id + delta) & 0xffff;
    }
  }
  return 0;
}

/** The font with some tables replaced, laid out again (checksums of changed tables redone). */
export function writeFont(
  sfnt: Buffer,
  tables: Map<string, TableRecord>,
  replaced: Map<string, Buffer>,
): Buffer {
  const entries = [...tables].map(([tag, record]) => ({
    tag,
    data: replaced.get(tag) ?? sfnt.subarray(record.offset, record.offset + record.length),
    checksum: replaced.has(tag) ? undefined : record.checksum,
  }));
  const padded = (n: number) => (n + 3) & ~3;
  const headerSize = 12 + 16 * entries.length;
  const size = entries.reduce((sum, entry) => sum + padded(entry.data.length), headerSize);
  const out = Buffer.alloc(size);
  sfnt.copy(out, 0, 0, 12);
  let offset = headerSize;
  entries.forEach((entry, i) => {
    const record = 12 + 16 * i;
    out.write(entry.tag, record, 'latin1');
    out.writeUInt32BE(entry.checksum ?? tableChecksum(entry.data), record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(entry.data.length, record + 12);
    entry.data.copy(out, offset);
    offset += padded(entry.data.length);
  });
  return out;
}

function tableChecksum(data: Buffer): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    const word = Buffer.alloc(4);
    data.copy(word, 0, i, Math.min(i + 4, data.length));
    sum = (sum + word.readUInt32BE(0)) >>> 0;
  }
  return sum;
}
