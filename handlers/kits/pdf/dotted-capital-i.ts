// Turkish İ (U+0130, the capital of i) is in neither of @fontsource's Atkinson Hyperlegible
// files: without it, "İstanbul" printed as "Istanbul", a misspelling in Turkish (where I is
// the capital of ı). The glyph is made here from the font's own outlines: its capital I with
// the dot of its i above, as far above the I as the dot of i is above its stem, and added to
// the font with a cmap entry. The tables touched: 'glyf' and 'loca' (the glyph appended),
// 'hmtx' and 'hhea' (its width: that of I), 'maxp' (the glyph count), 'cmap' (rewritten as one
// format 4 subtable) and 'head' (long 'loca' offsets). Hinting is not carried over: PDF
// viewers and printers draw the outlines unhinted.
import {
  glyphIdOf,
  readGlyphOffsets,
  readTableDirectory,
  unicodeFormat4Subtables,
  writeFont,
} from './plain-zero.ts';

interface Point {
  x: number;
  y: number;
  on: boolean;
}

/** The font with İ; the same bytes if it has one already or lacks I or i as simple glyphs. */
export function withDottedCapitalI(sfnt: Buffer): Buffer {
  const tables = readTableDirectory(sfnt);
  const [glyf, loca, head, maxp, cmap, hhea, hmtx] = [
    'glyf',
    'loca',
    'head',
    'maxp',
    'cmap',
    'hhea',
    'hmtx',
  ].map((tag) => tables.get(tag));
  if (!glyf || !loca || !head || !maxp || !cmap || !hhea || !hmtx) return sfnt;
  if (glyphIdOf(sfnt, cmap.offset, 0x130)) return sfnt;
  const capitalI = glyphIdOf(sfnt, cmap.offset, 0x49);
  const smallI = glyphIdOf(sfnt, cmap.offset, 0x69);
  if (!capitalI || !smallI) return sfnt;
  const { glyphCount, offsets } = readGlyphOffsets(sfnt, head, maxp, loca);
  const outline = (id: number) =>
    readSimpleGlyph(sfnt.subarray(glyf.offset + offsets[id]!, glyf.offset + offsets[id + 1]!));
  const capital = outline(capitalI);
  const small = outline(smallI);
  if (!capital || !small || small.length < 2) return sfnt;

  // The dot is the contour of i that starts highest; the stem, the others.
  const bottom = (contour: Point[]) => Math.min(...contour.map((p) => p.y));
  const dot = small.reduce((a, b) => (bottom(b) > bottom(a) ? b : a));
  const stemTop = Math.max(...small.filter((c) => c !== dot).flatMap((c) => c.map((p) => p.y)));
  const capitalTop = Math.max(...capital.flat().map((p) => p.y));
  const centre = (points: Point[]) =>
    (Math.min(...points.map((p) => p.x)) + Math.max(...points.map((p) => p.x))) / 2;
  const dx = Math.round(centre(capital.flat()) - centre(dot));
  const dy = capitalTop + (bottom(dot) - stemTop) - bottom(dot);
  const dotted = [...capital, dot.map((p) => ({ ...p, x: p.x + dx, y: p.y + dy }))];
  const glyph = writeSimpleGlyph(dotted);

  // glyf and loca: the glyph appended, offsets written long.
  const oldGlyf = sfnt.subarray(glyf.offset, glyf.offset + offsets[glyphCount]!);
  const newGlyf = Buffer.concat([oldGlyf, glyph]);
  const newLoca = Buffer.alloc(4 * (glyphCount + 2));
  offsets.forEach((offset, i) => newLoca.writeUInt32BE(offset, 4 * i));
  newLoca.writeUInt32BE(newGlyf.length, 4 * (glyphCount + 1));
  const newHead = Buffer.from(sfnt.subarray(head.offset, head.offset + head.length));
  newHead.writeInt16BE(1, 50);

  // hmtx as one full metric per glyph, then the new one with I's advance.
  const metrics = sfnt.readUInt16BE(hhea.offset + 34);
  const advanceOf = (id: number) => sfnt.readUInt16BE(hmtx.offset + 4 * Math.min(id, metrics - 1));
  const lsbOf = (id: number) =>
    id < metrics
      ? sfnt.readInt16BE(hmtx.offset + 4 * id + 2)
      : sfnt.readInt16BE(hmtx.offset + 4 * metrics + 2 * (id - metrics));
  const newHmtx = Buffer.alloc(4 * (glyphCount + 1));
  for (let id = 0; id < glyphCount; id++) {
    newHmtx.writeUInt16BE(advanceOf(id), 4 * id);
    newHmtx.writeInt16BE(lsbOf(id), 4 * id + 2);
  }
  newHmtx.writeUInt16BE(advanceOf(capitalI), 4 * glyphCount);
  newHmtx.writeInt16BE(glyph.readInt16BE(2), 4 * glyphCount + 2);
  const newHhea = Buffer.from(sfnt.subarray(hhea.offset, hhea.offset + hhea.length));
  newHhea.writeUInt16BE(glyphCount + 1, 34);

  const newMaxp = Buffer.from(sfnt.subarray(maxp.offset, maxp.offset + maxp.length));
  newMaxp.writeUInt16BE(glyphCount + 1, 4);
  if (newMaxp.length >= 10) {
    const points = dotted.reduce((sum, c) => sum + c.length, 0);
    newMaxp.writeUInt16BE(Math.max(points, newMaxp.readUInt16BE(6)), 6); // maxPoints
    newMaxp.writeUInt16BE(Math.max(dotted.length, newMaxp.readUInt16BE(8)), 8); // maxContours
  }

  const mappings = readMappings(sfnt, cmap.offset);
  mappings.set(0x130, glyphCount);
  return writeFont(
    sfnt,
    tables,
    new Map([
      ['glyf', newGlyf],
      ['loca', newLoca],
      ['head', newHead],
      ['hmtx', newHmtx],
      ['hhea', newHhea],
      ['maxp', newMaxp],
      ['cmap', writeCmap(mappings)],
    ]),
  );
}

// Simple glyph flags (OpenType 'glyf' table).
const ON_CURVE = 0x01;
const X_SHORT = 0x02;
const Y_SHORT = 0x04;
const REPEAT = 0x08;
const X_SAME_OR_POSITIVE = 0x10;
const Y_SAME_OR_POSITIVE = 0x20;

/** A simple glyph's contours in font units; undefined for a composite or empty glyph. */
function readSimpleGlyph(data: Buffer): Point[][] | undefined {
  if (data.length < 10) return undefined;
  const contours = data.readInt16BE(0);
  if (contours <= 0) return undefined;
  const ends = Array.from({ length: contours }, (_, i) => data.readUInt16BE(10 + 2 * i));
  const count = ends.at(-1)! + 1;
  let at = 10 + 2 * contours;
  at += 2 + data.readUInt16BE(at); // instructions
  const flags: number[] = [];
  while (flags.length < count) {
    const flag = data.readUInt8(at++);
    flags.push(flag);
    if (flag & REPEAT) {
      for (let n = data.readUInt8(at++); n > 0; n--) flags.push(flag);
    }
  }
  const coordinates = (short: number, same: number) => {
    let value = 0;
    return flags.map((flag) => {
      if (flag & short) {
        const delta = data.readUInt8(at++);
        value += flag & same ? delta : -delta;
      } else if (!(flag & same)) {
        value += data.readInt16BE(at);
        at += 2;
      }
      return value;
    });
  };
  const xs = coordinates(X_SHORT, X_SAME_OR_POSITIVE);
  const ys = coordinates(Y_SHORT, Y_SAME_OR_POSITIVE);
  const points = flags.map((flag, i) => ({ x: xs[i]!, y: ys[i]!, on: (flag & ON_CURVE) !== 0 }));
  return ends.map((end, i) => points.slice(i === 0 ? 0 : ends[i - 1]! + 1, end + 1));
}

/** A simple glyph from contours: every coordinate as a 16-bit delta, no instructions. */
function writeSimpleGlyph(contours: Point[][]): Buffer {
  const points = contours.flat();
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const header = Buffer.alloc(10 + 2 * contours.length + 2);
  header.writeInt16BE(contours.length, 0);
  [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) =>
    header.writeInt16BE(v, 2 + 2 * i),
  );
  let end = -1;
  contours.forEach((contour, i) => header.writeUInt16BE((end += contour.length), 10 + 2 * i));
  const flags = Buffer.from(points.map((p) => (p.on ? ON_CURVE : 0)));
  const deltas = Buffer.alloc(4 * points.length);
  points.forEach((p, i) => {
    deltas.writeInt16BE(p.x - (points[i - 1]?.x ?? 0), 2 * i);
    deltas.writeInt16BE(p.y - (points[i - 1]?.y ?? 0), 2 * points.length + 2 * i);
  });
  const glyph = Buffer.concat([header, flags, deltas]);
  return Buffer.concat([glyph, Buffer.alloc((4 - (glyph.length % 4)) % 4)]);
}

/** Every code point → glyph of the cmap's Unicode format 4 subtable. */
function readMappings(sfnt: Buffer, cmap: number): Map<number, number> {
  const mappings = new Map<number, number>();
  for (const table of unicodeFormat4Subtables(sfnt, cmap)) {
    const segments = sfnt.readUInt16BE(table + 6) / 2;
    const ends = table + 14;
    for (let s = 0; s < segments; s++) {
      const end = sfnt.readUInt16BE(ends + 2 * s);
      const start = sfnt.readUInt16BE(ends + 2 * segments + 2 + 2 * s);
      for (let code = start; code <= Math.min(end, 0xfffe); code++) {
        const id = glyphIdOf(sfnt, cmap, code);
        if (id) mappings.set(code, id);
      }
    }
    return mappings;
  }
  return mappings;
}

/** A cmap with one format 4 subtable (Unicode BMP) for both the Unicode and Windows platforms. */
function writeCmap(mappings: Map<number, number>): Buffer {
  const codes = [...mappings.keys()].sort((a, b) => a - b);
  // Runs of consecutive code points with consecutive glyphs: one segment each, by delta.
  const segments: { start: number; end: number; delta: number }[] = [];
  for (const code of codes) {
    const delta = (mappings.get(code)! - code) & 0xffff;
    const last = segments.at(-1);
    if (last && last.end === code - 1 && last.delta === delta) last.end = code;
    else segments.push({ start: code, end: code, delta });
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segments.length;
  const length = 16 + 8 * n;
  const sub = Buffer.alloc(length);
  const power = 2 ** Math.floor(Math.log2(n));
  sub.writeUInt16BE(4, 0);
  sub.writeUInt16BE(length, 2);
  sub.writeUInt16BE(2 * n, 6);
  sub.writeUInt16BE(2 * power, 8);
  sub.writeUInt16BE(Math.log2(power), 10);
  sub.writeUInt16BE(2 * n - 2 * power, 12);
  segments.forEach((s, i) => {
    sub.writeUInt16BE(s.end, 14 + 2 * i);
    sub.writeUInt16BE(s.start, 16 + 2 * n + 2 * i);
    sub.writeUInt16BE(s.delta, 16 + 4 * n + 2 * i);
    // idRangeOffset stays 0 (after the deltas).
  });
  const header = Buffer.alloc(4 + 8 * 2);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(2, 2);
  [
    [0, 3],
    [3, 1],
  ].forEach(([platform, encoding], i) => {
    header.writeUInt16BE(platform!, 4 + 8 * i);
    header.writeUInt16BE(encoding!, 6 + 8 * i);
    header.writeUInt32BE(header.length, 8 + 8 * i);
  });
  return Buffer.concat([header, sub]);
}
