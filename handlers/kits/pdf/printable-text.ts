// Text as the embedded fonts can print it. @fontsource splits Atkinson Hyperlegible into a
// "latin" file (ASCII, Latin-1, œ, € and the typographic quotes, dashes and ellipsis) and a
// "latin-ext" file (central European letters such as ł, ş, ő, but no ASCII). pdfkit draws a
// run of text in one font, so a string is cut into runs by the file that has its glyphs.
// Arabic letters go to Noto Sans Arabic (the "arabic" runs, shaped and ordered right to
// left by bidi-text.ts). A character no file has is replaced by a look-alike or its base
// letter (ệ → e); emoji and other pictographs are decoration (in group names) and are left
// out, as are direction marks (the PDF orders text itself); anything else (Cyrillic,
// Chinese…) throws UnprintableTextError: a document never prints a blank where a word was. French spacing: no line break inside « … » or before ? ! : ;.
import { UserFacingError } from '../../errors.ts';

export type Script = 'latin' | 'ext' | 'arabic';

/** Text with characters the embedded fonts cannot print, said to the chat by its key. */
export class UnprintableTextError extends UserFacingError {
  constructor(
    readonly characters: string[],
    text: string,
  ) {
    super('kits.pdf_unprintable', { characters: characters.join(' ') });
    const codes = characters.map(
      (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
    );
    this.name = 'UnprintableTextError';
    this.message = `The embedded fonts have no glyph for ${characters.map((c, i) => `"${c}" (${codes[i]})`).join(', ')} in "${text.slice(0, 80)}": a kit document cannot print them. Write the text in Latin letters, or add a font that has them (handlers/kits/pdf/fonts.ts).`;
  }
}

/**
 * Left out without a word: pictographs and other symbols (✓ ★), their modifiers, joiners and
 * variation selectors, invisible formatting.
 */
const DECORATION =
  /^(?:[\p{Extended_Pictographic}\p{So}\p{Emoji_Modifier}\p{Emoji_Component}\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\p{Cc}]|\ufe0e|\ufe0f)$/u;

/** Unicode's directional isolates (LRI, RLI, FSI, PDI). */
export const ISOLATE = /^[\u2066-\u2069]$/;

/**
 * Unicode's direction marks (LRM, RLM, ALM): an Arabic text that starts with a value (an
 * isolate) starts with an RLM (handlers/i18n.ts), the only strong letter that tells the
 * bidi algorithm the line reads right to left.
 */
export const DIRECTION_MARK = /^[\u200e\u200f\u061c]$/;

export interface TextRun {
  script: Script;
  text: string;
}

type Range = readonly [number, number];

// The code points in each file's cmap (read with fontkit from @fontsource 5.3.0's .woff files).
const LATIN: readonly Range[] = [
  [0x0a, 0x0a],
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x130, 0x131], // İ made by dotted-capital-i.ts, ı the font's own
  [0x152, 0x153],
  [0x2c6, 0x2c6],
  [0x2da, 0x2da],
  [0x2dc, 0x2dc],
  [0x2013, 0x2014],
  [0x2018, 0x201a],
  [0x201c, 0x201e],
  [0x2022, 0x2022],
  [0x2026, 0x2026],
  [0x2039, 0x203a],
  [0x2044, 0x2044],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2212, 0x2212],
  [0x2215, 0x2215],
];
const EXT: readonly Range[] = [
  [0x100, 0x107],
  [0x10a, 0x113],
  [0x116, 0x11b],
  [0x11e, 0x123],
  [0x126, 0x127],
  [0x12a, 0x12b],
  [0x12e, 0x12f],
  [0x136, 0x137],
  [0x13b, 0x13e],
  [0x141, 0x148],
  [0x150, 0x151],
  [0x154, 0x155],
  [0x158, 0x15b],
  [0x15e, 0x165],
  [0x16a, 0x16b],
  [0x16e, 0x173],
  [0x178, 0x17e],
  [0x192, 0x192],
  [0x218, 0x21b],
  [0x2020, 0x2020],
  [0x2113, 0x2113],
];

// The Arabic letters, marks and presentation forms of Noto Sans Arabic's "arabic" file
// (@fontsource's unicode-range for it).
const ARABIC: readonly Range[] = [
  [0x600, 0x6ff],
  [0x750, 0x77f],
  [0x870, 0x88e],
  [0x890, 0x891],
  [0x897, 0x8e1],
  [0x8e3, 0x8ff],
  [0xfb50, 0xfdff],
  [0xfe70, 0xfe74],
  [0xfe76, 0xfefc],
];

/** Look-alikes for characters that neither file has and that do not decompose. */
const SUBSTITUTES: Record<string, string> = {
  '\t': ' ',
  '\r': '',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '—',
  '\u2032': "'",
  '\u2033': '"',
  '\u202f': '\u00a0',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u00ad': '',
  Ħ: 'H',
  ħ: 'h',
  Đ: 'D',
  đ: 'd',
  ŀ: 'l',
  Ŀ: 'L',
};

const inRanges = (ranges: readonly Range[], code: number) =>
  ranges.some(([from, to]) => code >= from && code <= to);

export function scriptOf(char: string): Script | undefined {
  const code = char.codePointAt(0) ?? 0;
  if (inRanges(LATIN, code)) return 'latin';
  if (inRanges(EXT, code)) return 'ext';
  if (inRanges(ARABIC, code)) return 'arabic';
  return undefined;
}

/** A printable replacement for a character no file has; undefined when there is none. */
function substitute(char: string): string | undefined {
  const known = SUBSTITUTES[char];
  if (known !== undefined) return known;
  const base = char.normalize('NFD').replace(/\p{M}/gu, '');
  if (base !== '' && [...base].every((c) => scriptOf(c) !== undefined)) return base;
  // Digits and # * are emoji components too, but printable: they never reach here.
  return DECORATION.test(char) || /^\p{M}$/u.test(char) ? '' : undefined;
}

/**
 * Non-breaking spaces where French typography wants them, and one every language needs: a
 * short number (15, 112, 114, 3114, a year) stays on the line of the word before it
 * ("Appelez le 15.", "اتصلوا بالرقم 15", "Acil durumda 15'i"), never alone at a line's start
 * (tryout: "Appelez le / 15." on the easy-to-read poster); a Turkish number with its suffix
 * stays with the verb after it ("15'i arayın").
 */
export function withFrenchSpacing(text: string): string {
  return text
    .replace(/«\s+/g, '«\u00a0')
    .replace(/\s+»/g, '\u00a0»')
    .replace(/[ \t]+([?!:;])/g, '\u00a0$1')
    .replace(/(\d) (€|%|h\b)/g, '$1\u00a0$2')
    .replace(/(\p{L}) (\d{2,4})(?=$|[\s.,;:!?'’)\u00a0])/gu, '$1\u00a0$2')
    .replace(/(\d{2,4}['’]\p{L}+) (?=\p{L})/gu, '$1\u00a0');
}

/**
 * The text cut into runs by font file, look-alikes replacing what no file has, decoration
 * left out. Throws UnprintableTextError, naming every such character, for the rest.
 */
/** `keepIsolates` keeps the isolates and direction marks, for bidi-text.ts (drawn as nothing). */
export function toRuns(text: string, options: { keepIsolates?: boolean } = {}): TextRun[] {
  const runs: TextRun[] = [];
  const missing = new Set<string>();
  for (const original of withFrenchSpacing(text.normalize('NFC'))) {
    // Kept for the bidi algorithm (bidi-text.ts), which draws nothing for them.
    if (options.keepIsolates && (ISOLATE.test(original) || DIRECTION_MARK.test(original))) {
      const last = runs.at(-1);
      if (last) last.text += original;
      else runs.push({ script: 'latin', text: original });
      continue;
    }
    const printable = scriptOf(original) ? original : substitute(original);
    if (printable === undefined) {
      missing.add(original);
      continue;
    }
    for (const char of printable) {
      const script = scriptOf(char) ?? 'latin';
      const last = runs.at(-1);
      if (char === ' ' && last?.text.endsWith(' ')) continue; // left by a dropped character
      if (last?.script === script || (last && char === ' ')) last.text += char;
      else runs.push({ script, text: char });
    }
  }
  if (missing.size > 0) throw new UnprintableTextError([...missing], text);
  // What was dropped may leave blanks at either end.
  const first = runs[0];
  const last = runs.at(-1);
  if (first) first.text = first.text.trimStart();
  if (last) last.text = last.text.trimEnd();
  return runs.filter((run) => run.text !== '');
}

/** The text with only characters of the "latin" file: other letters lose their accents. */
export function toLatin(text: string): string {
  return toRuns(text)
    .map((run) =>
      run.script === 'latin'
        ? run.text
        : [...run.text].map((c) => (scriptOf(c) === 'latin' ? c : toBaseLatin(c))).join(''),
    )
    .join('');
}

const EXT_BASES: Record<string, string> = { Ł: 'L', ł: 'l', ƒ: 'f', '†': '+', ℓ: 'l' };

function toBaseLatin(char: string): string {
  const known = EXT_BASES[char];
  if (known !== undefined) return known;
  const base = char.normalize('NFD').replace(/\p{M}/gu, '');
  return [...base].every((c) => scriptOf(c) === 'latin') ? base : '';
}
