// The "ville conviviale" certificate: one A4 landscape page, drawn with pdfkit and the same
// embedded typeface as the kits' printables (Atkinson Hyperlegible, handlers/kits/pdf/fonts.ts).
import { loadFonts, registerFonts } from '../handlers/kits/pdf/fonts.ts';
import { toLatin } from '../handlers/kits/pdf/printable-text.ts';

/** Text the embedded font can print (French spaces as no-break spaces, look-alikes for the
 * rest); a character it cannot print at all (a name in another script) is left out. */
function printable(text: string): string {
  try {
    return toLatin(text);
  } catch {
    return toLatin(text.replace(/[^\u0020-\u024f\u2000-\u206f\u20ac]/gu, ''));
  }
}

export interface CertificateText {
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
  doc
    .font('regular-latin')
    .fontSize(18)
    .fillColor('#333')
    .text(text.heading, inner.x, 70, { width: inner.width, align: 'center' });
  doc
    .font('bold-latin')
    .fontSize(40)
    .fillColor(ACCENT)
    .text(text.title, inner.x, 105, { width: inner.width, align: 'center' });
  doc
    .font('bold-latin')
    .fontSize(30)
    .fillColor('#1b1b1b')
    .text(text.city, inner.x, 175, { width: inner.width, align: 'center' });
  doc
    .font('regular-latin')
    .fontSize(15)
    .fillColor('#1b1b1b')
    .text(text.body, inner.x, 235, { width: inner.width, align: 'center' });
  let y = doc.y + 18;
  for (const line of text.indicators) {
    doc
      .font('regular-latin')
      .fontSize(14)
      .text(`•  ${line}`, inner.x + 60, y, {
        width: inner.width - 120,
      });
    y = doc.y + 6;
  }
  doc
    .font('regular-latin')
    .fontSize(13)
    .fillColor('#333')
    .text(text.date, inner.x, HEIGHT - 110, { width: inner.width / 2 });
  doc
    .font('bold-latin')
    .fontSize(13)
    .text(text.signature, inner.x + inner.width / 2, HEIGHT - 110, {
      width: inner.width / 2,
      align: 'right',
    });
  doc.end();
  return done;
}
