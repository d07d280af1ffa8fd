// Printable documents of a kit as one-page A4 PDFs, personalised for a group: pdfkit with
// Atkinson Hyperlegible embedded, black on white so that they photocopy well, every
// personal detail as real text (searchable, readable by screen readers and pdftotext).
import type PDFKitDocument from 'pdfkit';
import { toDocumentName } from '../document-name.ts';
import type { DocumentKind, Kit } from '../kit-schema.ts';
import { drawAnnuaire } from './annuaire.ts';
import type { DocumentContext, DocumentLabels, Personalisation } from './document-types.ts';
import { drawFlyer } from './flyer.ts';
import { loadFonts, registerFonts } from './fonts.ts';
import { PAGE, setTypeFloor } from './layout.ts';
import { drawPanneau } from './panneau.ts';
import { drawPlanning } from './planning.ts';
import { drawPoster } from './poster.ts';
import { withPrintedCity } from './printed-city.ts';
import { qrCodeFor } from './qr-code.ts';
import { rulesFor } from './rules.ts';
import { drawTips } from './tips.ts';

export type { DocumentLabels, Personalisation } from './document-types.ts';

const layouts: Record<DocumentKind, (ctx: DocumentContext) => void> = {
  poster: drawPoster,
  flyer: drawFlyer,
  panneau: drawPanneau,
  annuaire: drawAnnuaire,
  planning: drawPlanning,
  tips: drawTips,
};

let pdfkit: Promise<typeof PDFKitDocument> | undefined;

/** pdfkit (about 20 MB in memory) is loaded with the first document, not at startup. */
async function loadPdfkit(): Promise<typeof PDFKitDocument> {
  pdfkit ??= import('pdfkit').then((module) => module.default);
  return pdfkit;
}

/**
 * The document as the bytes of a one-page PDF. Text longer than its space is set smaller,
 * then cut with an ellipsis: content within the kit schema's limits never adds a page or
 * fails. Fonts are read on the first call; the QR code of each URL is computed once.
 */
export async function renderDocument(
  kind: DocumentKind,
  kit: Kit,
  personalisation: Personalisation,
  labels: DocumentLabels,
): Promise<Uint8Array> {
  const name = labels.documentNames[toDocumentName(kind, kit)];
  const title = `${kit.title} – ${name}${variantSuffix(personalisation, labels)}`;
  // Easy to read: the numbers' words too ("Les urgences, partout en Europe").
  const easyNumbers = personalisation.variant === 'easy' ? kit.easyRead?.numbers : undefined;
  const worded = easyNumbers ? { ...kit, numbers: easyNumbers } : kit;
  const printed = personalisation.city ? withPrintedCity(worded, personalisation.city) : worded;
  return renderPrintable({ kit: printed, personalisation, labels, title }, layouts[kind]);
}

/**
 * A one-page printable drawn by `layout` with the same page, fonts, rules and blocks as the
 * kits' documents: the sheets made from a group's live data (the "qui apporte quoi" list, a
 * relay card). `kit` gives the blocks their kit words (title, useful numbers).
 */
export async function renderPrintable(
  what: { kit: Kit; personalisation: Personalisation; labels: DocumentLabels; title: string },
  layout: (ctx: DocumentContext) => void,
): Promise<Uint8Array> {
  const { kit, personalisation, labels } = what;
  const fonts = await loadFonts();
  const qr = personalisation.qrUrl ? qrCodeFor(personalisation.qrUrl) : undefined;
  const PDFDocument = await loadPdfkit();
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    // Layouts keep their own margins; none here, so pdfkit never starts a second page.
    margin: 0,
    // No default font: pdfkit would parse Helvetica's metrics for every document.
    font: '',
    lang: labels.language,
    displayTitle: true,
    info: {
      Title: what.title,
      Author: 'Voisins solidaires (bot)',
      ...(personalisation.groupName ? { Subject: personalisation.groupName } : {}),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc, fonts);
  doc.fillColor('black').strokeColor('black');
  const rules = rulesFor(personalisation.variant ?? 'standard');
  setTypeFloor(doc, rules.floor);
  layout({ doc, kit, personalisation, labels, qr, rules });
  doc.end();
  return done;
}

/** ' (gros caractères)' or ' (facile à lire)' after the title of a variant; '' otherwise. */
function variantSuffix(personalisation: Personalisation, labels: DocumentLabels): string {
  const variant = personalisation.variant ?? 'standard';
  return variant === 'standard' ? '' : ` (${labels.variantNames[variant]})`;
}
