// The printable documents read back the way a person's PDF reader would, with npm packages
// only (no poppler on a fresh machine): pdf.js (pdfjs-dist's Node build) reads the text,
// the page count and the metadata, and renders a page on @napi-rs/canvas (Skia, a prebuilt
// binary) so that the QR code can be decoded from pixels, as a phone would.
import { createCanvas } from '@napi-rs/canvas';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextContent, TextItem } from 'pdfjs-dist/types/src/display/api.js';

export interface PdfFacts {
  /** Every page's text in reading rows, runs of white space (including no-break) made one space. */
  text: string;
  /** Pages in the document. */
  pages: number;
}

/** What a PDF reader finds in the document: its text and its pages. */
export async function readPdf(bytes: Uint8Array): Promise<PdfFacts> {
  const pages = await withPdf(bytes, readPageTexts);
  return { text: pages.join(' '), pages: pages.length };
}

/** The text of every page of many PDFs, in order (as `readPdf` reads it). */
export async function readPdfPages(documents: Uint8Array[]): Promise<string[]> {
  const texts = await Promise.all(documents.map((bytes) => withPdf(bytes, readPageTexts)));
  return texts.flat();
}

/**
 * The PDF's metadata and first page, under the names and in the format of poppler's
 * pdfinfo ("Pages", "Page size": "595.28 x 841.89 pts (A4)", …), so that the tests read as
 * they did when they ran it.
 */
export async function readPdfInfo(bytes: Uint8Array): Promise<Record<string, string>> {
  return withPdf(bytes, async (pdf) => {
    const [{ info }, page] = await Promise.all([pdf.getMetadata(), pdf.getPage(1)]);
    const [left = 0, bottom = 0, right = 0, top = 0] = page.view;
    const fields = Object.entries(info as Record<string, unknown>).flatMap(([key, value]) =>
      ['Title', 'Subject', 'Author', 'Creator', 'Producer'].includes(key) &&
      typeof value === 'string'
        ? [[key, value] as const]
        : [],
    );
    return Object.fromEntries([
      ...fields,
      ['Pages', String(pdf.numPages)],
      ['Page size', toPageSize(right - left, top - bottom)],
      ['Page rot', String(page.rotate)],
    ]);
  });
}

/** The first page as an RGBA bitmap at `dpi`, for reading the QR code back. */
export async function rasterise(
  bytes: Uint8Array,
  dpi: number,
): Promise<{ width: number; height: number; rgba: Uint8ClampedArray }> {
  return withPdf(bytes, async (pdf) => {
    const page = await pdf.getPage(1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    // pdf.js paints the page white first, as paper. Its Node build draws on @napi-rs/canvas
    // (its types name the DOM's canvas, which this project's lib leaves out).
    await page.render({ canvas, viewport }).promise;
    const image = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    return { width: image.width, height: image.height, rgba: image.data };
  });
}

/** Opens the PDF, hands it to `read`, and frees it whatever happens. */
async function withPdf<T>(bytes: Uint8Array, read: (pdf: PDFDocumentProxy) => Promise<T>) {
  // A copy: pdf.js refuses Node's Buffer (what pdfkit gives) and may detach what it is given.
  const task = getDocument({ data: new Uint8Array(bytes) });
  try {
    return await read(await task.promise);
  } finally {
    await task.destroy();
  }
}

/** Each page's text, its white space collapsed; pdf.js's Unicode normalisation is off. */
async function readPageTexts(pdf: PDFDocumentProxy): Promise<string[]> {
  const pages = Array.from({ length: pdf.numPages }, (_, i) => pdf.getPage(i + 1));
  return Promise.all(
    pages.map(async (page) => {
      const content = await (await page).getTextContent({ disableNormalization: true });
      return toRows(content).replace(/\s+/gu, ' ').trim();
    }),
  );
}

/**
 * The page's text as rows read left to right, like `pdftotext -layout` once white space is
 * collapsed: pieces taken by their top edge; a piece joins the row above when its baseline
 * is within half the smaller font size of the row's; pieces further apart than a tenth of
 * the font size get a space between them. Checked against poppler 22.12, the same text for
 * 98 kit documents and 24 sample ones but the crowded tips page, whose phone numbers sit
 * between the lines of their wrapped labels: same words, some in another order. Horizontal
 * text only, which is all the documents print.
 */
function toRows({ items, styles }: TextContent): string {
  const pieces = items
    .filter((item): item is TextItem => 'str' in item && item.str !== '')
    .map((item) => {
      const [, , c = 0, d = 0, x = 0, baseline = 0] = item.transform as number[];
      const size = Math.hypot(c, d);
      const ascent = styles[item.fontName]?.ascent ?? 0.8;
      return {
        text: item.str,
        x,
        end: x + item.width,
        baseline,
        size,
        top: baseline + ascent * size,
      };
    })
    .sort((a, b) => b.top - a.top || a.x - b.x);
  const rows: { baseline: number; size: number; pieces: typeof pieces }[] = [];
  for (const piece of pieces) {
    const row = rows.at(-1);
    if (row && Math.abs(row.baseline - piece.baseline) < 0.5 * Math.min(row.size, piece.size)) {
      row.pieces.push(piece);
      row.size = Math.min(row.size, piece.size);
    } else {
      rows.push({ baseline: piece.baseline, size: piece.size, pieces: [piece] });
    }
  }
  return rows
    .map((row) => {
      let line = '';
      let end = -Infinity;
      for (const piece of row.pieces.sort((a, b) => a.x - b.x)) {
        if (line && piece.x - end > 0.1 * piece.size) line += ' ';
        line += piece.text;
        end = piece.end;
      }
      return line;
    })
    .join('\n');
}

/** Width by height as pdfinfo prints it (`%g` points), with the paper's name if it has one. */
function toPageSize(width: number, height: number): string {
  const points = `${+width.toPrecision(6)} x ${+height.toPrecision(6)} pts`;
  const near = (w: number, h: number) =>
    (Math.abs(width - w) < 1 && Math.abs(height - h) < 1) ||
    (Math.abs(width - h) < 1 && Math.abs(height - w) < 1);
  if (near(612, 792)) return `${points} (letter)`;
  // ISO 216: A0 is one square metre with sides in the ratio √2; each next size halves it.
  let long = (Math.sqrt(Math.SQRT2) * 7200) / 2.54;
  for (let n = 0; n <= 6; n++, long /= Math.SQRT2) {
    if (near(long / Math.SQRT2, long)) return `${points} (A${n})`;
  }
  return points;
}

/** A piece of text on a page, in points from the page's top-left corner. */
export interface PlacedText {
  page: number;
  text: string;
  /** Font size in points. */
  size: number;
  left: number;
  right: number;
  /** Top of the letters (cap height, roughly) and bottom (descenders). */
  top: number;
  bottom: number;
}

/** Every piece of text of every page with its position and size, as pdf.js lays it out. */
export async function readPlacedText(
  bytes: Uint8Array,
): Promise<{ pages: number; width: number; height: number; items: PlacedText[] }> {
  return withPdf(bytes, async (pdf) => {
    const items: PlacedText[] = [];
    let width = 0;
    let height = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [, , right = 0, top = 0] = page.view;
      [width, height] = [right, top];
      const content = await page.getTextContent({ disableNormalization: true });
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c = 0, d = 0, x = 0, baseline = 0] = item.transform as number[];
        const size = Math.hypot(c, d);
        items.push({
          page: n,
          text: item.str,
          size,
          left: x,
          right: x + item.width,
          top: height - (baseline + 0.72 * size),
          bottom: height - (baseline - 0.22 * size),
        });
      }
    }
    return { pages: pdf.numPages, width, height, items };
  });
}

/** One page drawn on a canvas at `dpi`, white paper first: its pixels, and a PNG of it. */
export async function renderPage(
  bytes: Uint8Array,
  dpi: number,
  pageNumber = 1,
): Promise<{ width: number; height: number; rgba: Uint8ClampedArray; png: () => Buffer }> {
  return withPdf(bytes, async (pdf) => {
    const page = await pdf.getPage(pageNumber);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas, viewport }).promise;
    const image = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    return {
      width: image.width,
      height: image.height,
      rgba: image.data,
      png: () => canvas.toBuffer('image/png'),
    };
  });
}

/**
 * The text of a QR code on the page, as a phone aimed at it would read it: the whole page
 * first, then each half, then the top and bottom quarters (jsQR reads one code a picture,
 * and may take a grid's tick boxes for finder patterns).
 */
export function readQrCode(
  page: { width: number; height: number; rgba: Uint8ClampedArray },
  decode: (
    rgba: Uint8ClampedArray,
    width: number,
    height: number,
    options: { inversionAttempts: 'dontInvert' },
  ) => { data: string } | null,
): string | undefined {
  const half = Math.floor(page.height / 2);
  const quarter = Math.floor(page.height / 4);
  const regions = [
    [0, page.height],
    [0, half],
    [half, page.height],
    [0, quarter],
    [page.height - quarter, page.height],
  ] as const;
  for (const [from, to] of regions) {
    const pixels = page.rgba.subarray(from * page.width * 4, to * page.width * 4);
    const found = decode(pixels, page.width, to - from, { inversionAttempts: 'dontInvert' });
    if (found) return found.data;
  }
  return undefined;
}
