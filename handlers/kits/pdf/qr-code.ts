// QR codes drawn as vector squares rather than embedded as a PNG: they print sharp at any
// size, and a first document costs ~10 ms for the code instead of ~60 ms for the code plus
// its PNG (pngjs converts and compresses the pixels in JavaScript). The code of a URL is
// computed once and kept in a small LRU: the same group link is printed on every document.
import QRCode from 'qrcode';

/** A QR code as runs of dark modules, in module units, quiet zone included. */
export interface QrCode {
  /** Width and height in modules, with a one-module quiet zone on each side. */
  size: number;
  /** Horizontal runs of dark modules: [row, first column, length]. */
  runs: [number, number, number][];
}

const MAX_URLS = 64;
const MARGIN = 1;
const codes = new Map<string, QrCode>();

/** The QR code (error correction M) of `url`. */
export function qrCodeFor(url: string): QrCode {
  const cached = codes.get(url);
  if (cached) {
    codes.delete(url);
    codes.set(url, cached);
    return cached;
  }
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push([row + MARGIN, start + MARGIN, col - start]);
        start = -1;
      }
    }
  }
  const code = { size: modules.size + 2 * MARGIN, runs };
  codes.set(url, code);
  const oldest = codes.keys().next();
  if (codes.size > MAX_URLS && !oldest.done) codes.delete(oldest.value);
  return code;
}

/** Draws the code as a `size`-point square with its top-left corner at (x, y). */
export function drawQrCodeSquares(
  doc: PDFKit.PDFDocument,
  code: QrCode,
  x: number,
  y: number,
  size: number,
): void {
  const unit = size / code.size;
  // Each row overlaps the next by a hair, or anti-aliased viewers show white seams.
  const overlap = unit * 0.08;
  doc.save();
  for (const [row, col, length] of code.runs) {
    doc.rect(x + col * unit, y + row * unit, length * unit, unit + overlap);
  }
  doc.fill('black').restore();
}
