// The "ville conviviale" certificate: one A4 landscape page in the console's language, drawn
// with pdfkit, the kits' typefaces and their text path (handlers/kits/pdf/layout.ts): Atkinson
// Hyperlegible for Latin letters (Turkish İ, ş, ğ included), Noto Sans Arabic shaped and
// ordered by bidi-text.ts for Arabic. Right to left, the page is mirrored: the indicators'
// bullets on the right, the date at the bottom right and the signature at the bottom left.
import { loadFonts, registerFonts } from '../handlers/kits/pdf/fonts.ts';
import {
  alignStart,
  isRightToLeftLanguage,
  planText,
  type TextStyle,
} from '../handlers/kits/pdf/layout.ts';
import { UnprintableTextError, toRuns } from '../handlers/kits/pdf/printable-text.ts';

/** The text without the characters no embedded font has (a city's name in another script):
 * left out rather than failing the certificate. */
function printable(text: string): string {
  try {
    toRuns(text);
    return text;
  } catch (error) {
    if (!(error instanceof UnprintableTextError)) throw error;
    const missing = new Set(error.characters);
    return [...text].filter((c) => !missing.has(c)).join('');
  }
}

export interface CertificateText {
  /** The language of the words: 'fr', 'ar'… (written into the PDF, and its direction). */
  language: string;
  heading: string;
  title: string;
  city: string;
  body: string;
  indicators: string[];
  date: string;
  signature: string;
}

const WIDTH = 842;
const HEIGHT = 595;
const ACCENT = '#0b5394';

export async function renderCertificate(given: CertificateText): Promise<Buffer> {
  const text = {
    ...given,
    ...Object.fromEntries(
      (['heading', 'title', 'city', 'body', 'date', 'signature'] as const).map((k) => [
        k,
        printable(given[k]),
      ]),
    ),
    indicators: given.indicators.map(printable),
  };
  const rtl = isRightToLeftLanguage(text.language);
  const fonts = await loadFonts();
  // pdfkit is loaded with the first certificate, as the kits' documents load it.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: [WIDTH, HEIGHT],
    margin: 0,
    font: '',
    lang: text.language,
    displayTitle: true,
    info: { Title: `${text.title} – ${text.city}`, Author: 'Voisins solidaires' },
  });
  registerFonts(doc, fonts);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc
    .rect(24, 24, WIDTH - 48, HEIGHT - 48)
    .lineWidth(6)
    .stroke(ACCENT);
  doc
    .rect(36, 36, WIDTH - 72, HEIGHT - 72)
    .lineWidth(1.5)
    .stroke(ACCENT);
  const inner = { x: 80, width: WIDTH - 160 };
  /** Draws `line` at (x, y) in `color`; returns the y below it. */
  const draw = (
    line: string,
    x: number,
    y: number,
    width: number,
    style: TextStyle,
    color: string,
  ) => {
    const plan = planText(doc, line, width, { minSize: Math.min(style.size, 10), ...style });
    doc.fillColor(color);
    plan.draw(x, y);
    return y + plan.height;
  };
  const centred = (size: number, maxLines: number) =>
    ({ size, align: 'center', maxHeight: size * 1.25 * maxLines }) as const;
  draw(text.heading, inner.x, 70, inner.width, centred(18, 1), '#333');
  draw(text.title, inner.x, 105, inner.width, { ...centred(40, 1), weight: 'bold' }, ACCENT);
  draw(text.city, inner.x, 175, inner.width, { ...centred(30, 1), weight: 'bold' }, '#1b1b1b');
  let y = draw(text.body, inner.x, 235, inner.width, centred(15, 3), '#1b1b1b') + 18;
  const footerTop = HEIGHT - 110;
  for (const line of text.indicators) {
    const bulleted = `•  ${line}`;
    const style = { size: 14, align: alignStart(text.language, bulleted), maxHeight: 14 * 2.5 };
    y = draw(bulleted, inner.x + 60, y, inner.width - 120, style, '#1b1b1b') + 6;
    if (y > footerTop - 20) break;
  }
  const half = inner.width / 2;
  // Where lines start: the date; where they end: the signature.
  const [dateX, signatureX] = rtl ? [inner.x + half, inner.x] : [inner.x, inner.x + half];
  draw(
    text.date,
    dateX,
    footerTop,
    half,
    { size: 13, align: alignStart(text.language, text.date) },
    '#333',
  );
  const signatureEnd = alignStart(text.language, text.signature) === 'left' ? 'right' : 'left';
  draw(
    text.signature,
    signatureX,
    footerTop,
    half,
    { size: 13, weight: 'bold', align: signatureEnd },
    '#333',
  );
  doc.end();
  return done;
}
