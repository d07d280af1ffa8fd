// Text with Arabic in it, drawn right to left; and text whose letters are in both Latin font
// files (Turkish "komşu", "İstanbul"), drawn left to right a piece per file. pdfkit draws a string in one font and in
// the order given; fontkit, under it, shapes Arabic (the letters' joined forms, lam-alef)
// and turns an Arabic run into visual order, but knows nothing of the paragraph: numbers,
// Latin names and spaces inside Arabic would come out in the wrong order, and Noto Sans
// Arabic's "arabic" file has no space. So each line is ordered here by Unicode's bidi
// algorithm (bidi-js), cut into pieces of one font and one direction, and each piece is
// placed by hand, from left to right, spaces measured in the Latin font.
import bidiModule, { type Bidi } from 'bidi-js';
import { fontName } from './fonts.ts';
import { DIRECTION_MARK, ISOLATE, scriptOf, toRuns, type Script } from './printable-text.ts';
import { largestFitting, type Align, type TextPlan, type TextStyle } from './layout.ts';

type Pdf = PDFKit.PDFDocument;

/** Arabic's optional vowel marks (tashkil: fathatan to sukun, superscript alef). */
const HARAKAT = /[\u064b-\u0652\u0670]/g;

/**
 * How far Noto Sans Arabic's letters reach above and below the baseline, in em: a letter
 * with one vowel mark reaches 0.84 above and 0.39 below (measured on the font, see
 * arabic-text.test.ts). A rare hamza with a damma on it (سأُحضر) reaches 1.23 em, into the
 * gap above its line.
 */
export const ARABIC_INK = { ascent: 0.9, descent: 0.45 } as const;

// bidi-js is CommonJS: Node hands its factory over as the default export (its types say
// it is the module).
const bidi = (bidiModule as unknown as () => Bidi)();

/** A piece of a line in visual order: one font, one direction, no space inside. */
export interface VisualPiece {
  /** The text as handed to pdfkit (logical order for Arabic: fontkit turns it round). */
  text: string;
  script: Script;
  rtl: boolean;
  /** A space between words (drawn as a gap). */
  space: boolean;
}

/** Whether a paragraph reads right to left (its first strong letter, rule P2). */
export function isRightToLeft(text: string): boolean {
  return (bidi.getEmbeddingLevels(text).paragraphs[0]?.level ?? 0) % 2 === 1;
}

/** One line, ordered for display from left to right. */
export function toVisualPieces(line: string, rtl: boolean): VisualPiece[] {
  const levels = bidi.getEmbeddingLevels(line, rtl ? 'rtl' : 'ltr');
  // Code units, as bidi-js counts them (Arabic has no surrogate pairs).
  const chars = line.split('');
  const visual = bidi.getReorderedIndices(line, levels);
  const mirrored = bidi.getMirroredCharactersMap(line, levels.levels);
  const pieces: VisualPiece[] = [];
  let last: { piece: VisualPiece; index: number } | undefined;
  for (const index of visual) {
    const char = mirrored.get(index) ?? chars[index]!;
    if (ISOLATE.test(char) || DIRECTION_MARK.test(char)) continue;
    const isSpace = /\s/.test(char);
    const pieceRtl = (levels.levels[index] ?? 0) % 2 === 1;
    const script = isSpace ? 'latin' : (scriptOf(char) ?? 'latin');
    const follows =
      last &&
      !isSpace &&
      !last.piece.space &&
      last.piece.script === script &&
      last.piece.rtl === pieceRtl &&
      index === last.index + (pieceRtl ? -1 : 1);
    if (follows && last) {
      // An Arabic run is kept in logical order (fontkit shapes it and turns it round);
      // anything else is written in the order it is seen.
      last.piece.text =
        pieceRtl && script === 'arabic' ? char + last.piece.text : last.piece.text + char;
      last.index = index;
    } else {
      const piece = { text: char, script, rtl: pieceRtl, space: isSpace };
      pieces.push(piece);
      last = { piece, index };
    }
  }
  return pieces;
}

interface Measured {
  pieces: VisualPiece[];
  widths: number[];
  width: number;
}

/**
 * Text with Arabic in it, or with letters of both Latin files, planned like planText: wrapped
 * at the largest size that fits, each line's pieces placed in their own font.
 */
export function planBidiText(doc: Pdf, text: string, width: number, style: TextStyle): TextPlan {
  const runs = toRuns(text, { keepIsolates: true });
  const printable = runs.map((run) => run.text).join('');
  // Arabic letters reach higher and lower than Latin ones; text without them (Turkish, whose
  // ş and ğ are in the other Latin file) keeps the Latin font's lines, as pdfkit sets them.
  const ink = runs.some((run) => run.script === 'arabic') ? ARABIC_INK : { ascent: 0, descent: 0 };
  const weight = style.weight ?? 'regular';
  const rtl = isRightToLeft(printable);
  const align = rtl ? mirror(style.align ?? 'left') : (style.align ?? 'left');
  const maxHeight = style.maxHeight ?? Number.POSITIVE_INFINITY;
  const minSize = Math.min(style.minSize ?? style.size, style.size);

  const measure = (line: string, size: number): Measured => {
    const pieces = toVisualPieces(line, rtl);
    const widths = pieces.map((piece) => {
      doc.font(fontName(weight, piece.space ? 'latin' : piece.script)).fontSize(size);
      if (piece.space) return doc.widthOfString(' ');
      try {
        return doc.widthOfString(piece.text);
      } catch (error) {
        // fontkit fails on some vowel marks the font's subset has no anchor for (the
        // kasratan of كافٍ on its feh): the word is written without its short vowels,
        // as Arabic usually is, rather than not at all.
        const bare = piece.text.replace(HARAKAT, '');
        if (piece.script !== 'arabic' || bare === piece.text) throw error;
        piece.text = bare;
        return doc.widthOfString(bare);
      }
    });
    return { pieces, widths, width: widths.reduce((sum, w) => sum + w, 0) };
  };

  /** The Latin font's ascent at a size (pdfkit's font object knows it; its types do not). */
  const latinAscent = (size: number) => {
    doc.font(fontName(weight, 'latin')).fontSize(size);
    return ((doc as unknown as { _font: { ascender: number } })._font.ascender / 1000) * size;
  };
  // A line as tall as the letters need, not as the Arabic font's declared ascent and descent
  // (1.374 and 0.738 em, room for marks stacked three high): with them an Arabic line took
  // 1.7 times the height of a French one, and documents planned for French overflowed.
  const ascentOf = (size: number) => Math.max(latinAscent(size), ink.ascent * size);
  const lineHeight = (size: number) =>
    ascentOf(size) +
    Math.max(
      doc.font(fontName(weight, 'latin')).fontSize(size).currentLineHeight(true) -
        latinAscent(size),
      ink.descent * size,
    ) +
    size * (style.lineGap ?? 0.12);

  /** Lines wrapped greedily at word boundaries (a word wider than the line stays whole). */
  const wrap = (size: number): Measured[] => {
    const lines: Measured[] = [];
    for (const paragraph of printable.split('\n')) {
      let current = '';
      const tooWide = (w: string) => measure(w, size).width > width;
      // Brackets are bound after the names are unbound, so that a name too wide for a line
      // still keeps its bracketed part whole where it can.
      for (const word of unbindTooWide(
        bindBrackets(unbindTooWide(toWords(paragraph), tooWide)),
        tooWide,
      )) {
        const tried = current === '' ? word : `${current} ${word}`;
        if (current !== '' && measure(tried, size).width > width) {
          lines.push(measure(current, size));
          current = word;
        } else current = tried;
      }
      lines.push(measure(current, size));
    }
    return lines;
  };

  const planAt = (size: number, cut: boolean): (TextPlan & { fits: boolean }) | undefined => {
    let lines = wrap(size);
    const step = lineHeight(size);
    const fits =
      lines.length * step <= maxHeight + 0.01 && lines.every((line) => line.width <= width);
    if (!fits && !cut) return undefined;
    if (!fits) {
      const room = Math.max(1, Math.floor((maxHeight + 0.01) / step));
      lines = lines.slice(0, room);
      const lastLine = lines.at(-1)!;
      // Cut where the line ends in reading order: the left end of a right-to-left line.
      const ellipsis: VisualPiece = { text: '…', script: 'latin', rtl, space: false };
      lastLine.pieces = rtl ? [ellipsis, ...lastLine.pieces] : [...lastLine.pieces, ellipsis];
      const ellipsisWidth = doc.font(fontName(weight)).fontSize(size).widthOfString('…');
      lastLine.widths = rtl
        ? [ellipsisWidth, ...lastLine.widths]
        : [...lastLine.widths, ellipsisWidth];
      lastLine.width += ellipsisWidth;
    }
    const widest = Math.max(0, ...lines.map((line) => line.width));
    // One baseline for both fonts, as low as the taller of their letters needs.
    const baseline = ascentOf(size);
    return {
      fits,
      size,
      height: lines.length * step,
      width: Math.min(width, widest),
      draw: (x, y) => {
        lines.forEach((line, i) => {
          let left =
            align === 'center'
              ? x + (width - line.width) / 2
              : align === 'right'
                ? x + width - line.width
                : x;
          line.pieces.forEach((piece, j) => {
            if (!piece.space) {
              doc
                .font(fontName(weight, piece.script))
                .fontSize(size)
                .text(piece.text, left, y + i * step + baseline, {
                  lineBreak: false,
                  baseline: 'alphabetic',
                });
            }
            left += line.widths[j] ?? 0;
          });
        });
      },
    };
  };

  return (
    largestFitting(minSize, style.size, (size) => planAt(size, false)) ?? planAt(minSize, true)!
  );
}

/** Words between spaces; an isolated value (a phone number, a name) is never cut. */
function toWords(paragraph: string): string[] {
  const words: string[] = [];
  let word = '';
  let depth = 0;
  for (const char of paragraph) {
    if (char === '\u2069') depth = Math.max(0, depth - 1);
    else if (ISOLATE.test(char)) depth++;
    if (char === ' ' && depth === 0) {
      if (word !== '') words.push(word);
      word = '';
    } else word += char;
  }
  if (word !== '') words.push(word);
  return bindNumbers(words);
}

/**
 * A phone number written in groups ("0 800 06 66 66") stays on one line where it can:
 * consecutive words of digits are bound by no-break spaces (unbound when too wide).
 */
function bindNumbers(words: string[]): string[] {
  const bound: string[] = [];
  for (const word of words) {
    const previous = bound.at(-1);
    if (
      previous !== undefined &&
      /^\d+$/.test(previous.split('\u00a0').at(-1)!) &&
      /^\d/.test(word)
    )
      bound[bound.length - 1] = `${previous}\u00a0${word}`;
    else bound.push(word);
  }
  return bound;
}

/** Opening brackets and quotation marks, with what closes each. */
const CLOSING: Record<string, string> = { '(': ')', '[': ']', '«': '»', '“': '”' };
/** The most words kept together between brackets: more is a sentence, wrapped as usual. */
const BRACKETED_WORDS = 6;

/**
 * A short bracketed phrase ("(Le panneau des voisins)", the French name after an Arabic
 * title) stays on one line where it can: cut between two lines of a right-to-left paragraph,
 * each line's bracket stood alone among letters of the other direction, was turned round by
 * the bidi algorithm and drawn on the wrong side ("Le panneau des) لوحة الجيران" over
 * "(voisins"). Its words are bound by no-break spaces (unbound when too wide).
 */
export function bindBrackets(words: string[]): string[] {
  const bound: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const closing = CLOSING[word.replace(/^[\u2066-\u2069\u200e\u200f]+/, '')[0] ?? ''];
    if (closing === undefined || word.includes(closing)) {
      bound.push(word);
      continue;
    }
    const end = words.findIndex((w, j) => j > i && w.includes(closing));
    if (end === -1 || end - i + 1 > BRACKETED_WORDS) {
      bound.push(word);
      continue;
    }
    bound.push(words.slice(i, end + 1).join('\u00a0'));
    i = end;
  }
  return bound;
}

/**
 * Words bound by no-break spaces (a kit's name, blocks.ts keepTogether) stay bound only where
 * a line can hold them, as in layout.ts: bound too wide, they were one word wider than the
 * line, set at the smallest size and cut ("إنه / الدخول المدرسي بين الجيران…").
 */
function unbindTooWide(words: string[], tooWide: (word: string) => boolean): string[] {
  return words.flatMap((word) =>
    word.includes('\u00a0') && tooWide(word) ? word.split('\u00a0') : [word],
  );
}

function mirror(align: Align): Align {
  return align === 'left' ? 'right' : align === 'right' ? 'left' : align;
}
