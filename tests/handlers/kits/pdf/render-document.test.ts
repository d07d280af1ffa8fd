// The printable documents, read back the way a person's tools would: a PDF reader extracts
// the text (the group's name, date, time and place must be real text), counts the pages,
// and renders the page so that the QR code can be decoded (read-pdf.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { describe, expect, it } from 'vitest';
import {
  documentKinds,
  kitSchema,
  type DocumentKind,
  type Kit,
} from '../../../../handlers/kits/kit-schema.ts';
import { toDocumentName } from '../../../../handlers/kits/document-name.ts';
import { kitsDir } from '../../../../handlers/kits/load-kits.ts';
import {
  renderDocument,
  type Personalisation,
} from '../../../../handlers/kits/pdf/render-document.ts';
import { rasterise, readPdf, readPdfInfo, readPdfPages, readQrCode } from './read-pdf.ts';
import { englishLabels, frenchLabels, personalisation, sampleKit } from './sample-documents.ts';

// jsqr is CommonJS with a transpiled default export.
const jsQR = jsQRModule.default;

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString() === '%PDF-';
const details = ['Résidence des Lilas', 'vendredi 29 mai 2026', '19 h', 'cour intérieure'];
/** The sheets that stay up all year print the group's name, not a gathering's details. */
const yearRound: DocumentKind[] = ['panneau', 'annuaire'];
const detailsOn = (kind: DocumentKind) =>
  yearRound.includes(kind) ? details.slice(0, 1) : details;

/** Characters of the sample kit and labels that each document prints. */
const printedChars: Record<DocumentKind, string[]> = {
  poster: ['é', '«', '»', '’'],
  flyer: ['é', '€', '«', '»', '’', 'œ'],
  panneau: ['é', 'É', '«', '»', '’'],
  annuaire: ['é', 'É', '«', '»', '’'],
  planning: ['é', 'É', '€', '«', '»', 'Œ'],
  tips: ['é', 'É', '€', '«', '»', '’', 'œ'],
};

/** The sample kit's documents, rendered once for the tests that only read them. */
const rendered = new Map<DocumentKind, Promise<Uint8Array>>();
function sampleDocument(kind: DocumentKind): Promise<Uint8Array> {
  const bytes =
    rendered.get(kind) ?? renderDocument(kind, sampleKit, personalisation, frenchLabels);
  rendered.set(kind, bytes);
  return bytes;
}

describe('renderDocument, sample kit', () => {
  it.each(documentKinds)('%s: one A4 page with the personal details as text', async (kind) => {
    const bytes = await sampleDocument(kind);
    expect(isPdf(bytes)).toBe(true);
    const [pdf, info] = await Promise.all([readPdf(bytes), readPdfInfo(bytes)]);
    expect(info.Pages).toBe('1');
    expect(info['Page size']).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    // The sample kit is a notice: its flyer is the letterbox note, not an invitation.
    const name = frenchLabels.documentNames[toDocumentName(kind, sampleKit)];
    expect(info.Title).toBe(`${sampleKit.title} – ${name}`);
    expect(info.Author).toBe('Voisins solidaires (bot)');
    expect(pdf.pages).toBe(1);
    for (const detail of detailsOn(kind)) expect(pdf.text).toContain(detail);
    for (const char of printedChars[kind]) expect(pdf.text).toContain(char);
  });

  it('prints each kind’s own content', async () => {
    const texts = Object.fromEntries(
      await Promise.all(
        documentKinds.map(async (kind) => {
          return [kind, (await readPdf(await sampleDocument(kind))).text] as const;
        }),
      ),
    ) as Record<DocumentKind, string>;
    expect(texts.poster).toContain('C’est la Fête des voisins !');
    expect(texts.poster).toContain('Organisé par les voisins');
    expect(texts.poster).toContain('Rejoignez le groupe');
    expect(texts.poster).toContain('Venez nombreux, et dites-le à vos voisins !');
    expect(texts.flyer.split('Vous êtes invités !')).toHaveLength(3); // two copies
    expect(texts.flyer).toContain('Découper ici');
    expect(texts.panneau).toContain('Je cherche');
    expect(texts.panneau).toContain('Je propose');
    expect(texts.panneau.split('Prénom, étage')).toHaveLength(25); // 12 rows, 2 columns
    // Headings may wrap in their column ("Étage /" over "porte").
    for (const heading of ['Annuaire des voisins', 'Prénom', 'Nom', 'Étage', 'porte', 'Téléphone'])
      expect(texts.annuaire).toContain(heading);
    expect(texts.annuaire).toContain('Courriel');
    expect(texts.annuaire).toContain('d’accord pour qu’on prenne de mes nouvelles en cas d’alerte');
    expect(texts.annuaire).toContain('cette feuille reste dans l’immeuble');
    for (const column of sampleKit.planning?.columns ?? [])
      expect(texts.planning).toContain(column);
    expect(texts.tips).toContain('Dix conseils pour une fête réussie');
    expect(texts.tips).toContain('Numéros utiles');
    expect(texts.tips).toContain('0 800 06 66 66');
    for (const item of sampleKit.tips.items) expect(texts.tips).toContain(item);
  });

  it('draws a QR code that leads to the given link', async () => {
    for (const kind of ['poster', 'flyer', 'annuaire'] as const) {
      const page = await rasterise(await sampleDocument(kind), 100);
      expect(readQrCode(page, jsQR), kind).toBe(personalisation.qrUrl);
    }
  });

  it('leaves out the details not given, and the QR code when there is no link', async () => {
    const bare: Personalisation = { groupName: 'Rue des Tilleuls', qrUrl: '', qrCaption: 'Scan' };
    for (const kind of documentKinds) {
      const pdf = await readPdf(await renderDocument(kind, sampleKit, bare, frenchLabels));
      expect(pdf.pages, kind).toBe(1);
      expect(pdf.text, kind).toContain('Rue des Tilleuls');
      expect(pdf.text, kind).not.toContain('Heure');
      expect(pdf.text, kind).not.toContain('Scan');
    }
  });

  it('keeps the longest content the schema allows on one page', async () => {
    const long = (length: number, word = 'entraide') =>
      Array.from({ length }, (_, i) => `${word}${i}`)
        .join(' ')
        .slice(0, length);
    const kit: Kit = kitSchema.parse({
      ...sampleKit,
      title: long(60),
      poster: {
        headline: long(60, 'Fête'),
        subtitle: long(120),
        body: long(600),
        callToAction: long(120),
      },
      flyer: { headline: long(60), body: long(700), callToAction: long(120) },
      tips: { title: long(80), items: Array.from({ length: 12 }, () => long(240)) },
      numbers: Array.from({ length: 11 }, (_, i) => ({ label: long(80), number: `01 23 45 ${i}` })),
      planning: { title: long(80), columns: Array.from({ length: 6 }, () => long(30)), rows: 30 },
    });
    const crowded: Personalisation = {
      groupName: `Résidence ${long(110, 'Lilas')}`,
      date: 'dimanche 27 septembre 2026',
      time: 'de 18 h 30 à 23 h',
      place: long(60, 'cour'),
      qrUrl: `https://t.me/voisins_solidaires_bot?startgroup=${'x'.repeat(60)}`,
      qrCaption: long(60, 'Rejoignez'),
    };
    const labels = {
      ...frenchLabels,
      panneauInstructions: long(300),
      annuairePrivacyNote: long(300),
    };
    for (const kind of documentKinds) {
      const pdf = await readPdf(await renderDocument(kind, kit, crowded, labels));
      expect(pdf.pages, kind).toBe(1);
      expect(pdf.text, kind).toContain('Résidence Lilas0');
      if (yearRound.includes(kind)) continue;
      expect(pdf.text, kind).toContain('dimanche 27 septembre 2026');
      expect(pdf.text, kind).toContain('de 18 h 30 à 23 h');
    }
  });

  it('prints central European letters and leaves out emoji', async () => {
    const polish = {
      ...personalisation,
      groupName: 'Osiedle Łąkowa 🌳',
      place: 'podwórze Śląskie',
    };
    for (const kind of ['poster', 'flyer'] as const) {
      const pdf = await readPdf(await renderDocument(kind, sampleKit, polish, frenchLabels));
      expect(pdf.text, kind).toContain('Osiedle Łąkowa');
      expect(pdf.text, kind).toContain('podwórze Śląskie');
      expect(pdf.text, kind).not.toContain('🌳');
    }
  });

  it('prints a hostile group name as typed, on one page: markup, "&", quotes, direction marks, 300 characters', async () => {
    const markup = '<script>alert(1)</script> & <b>"Lilas"</b> l\'immeuble';
    const marks = '\u202eseliL\u202c sed \u200fLilas';
    const long = `Résidence ${'très longue '.repeat(26)}`.slice(0, 300);
    const squeezed = (text: string) => text.replace(/\s+/g, '');
    for (const kind of documentKinds) {
      const [ofMarkup, ofMarks, ofLong] = await Promise.all(
        [markup, marks, long].map(async (groupName) => {
          const pdf = await readPdf(
            await renderDocument(kind, sampleKit, { ...personalisation, groupName }, frenchLabels),
          );
          expect(pdf.pages, `${kind}: ${groupName.slice(0, 12)}`).toBe(1);
          expect(pdf.text, kind).not.toMatch(/&(?:lt|gt|amp|quot|#\d+);/);
          return squeezed(pdf.text);
        }),
      );
      expect(ofMarkup, kind).toContain(squeezed(markup));
      // Direction marks are left out (the PDF orders its text itself), the words kept.
      expect(ofMarks, kind).toContain('seliLsedLilas');
      // A name too long for its place is cut, with an ellipsis.
      expect(ofLong, kind).toContain(squeezed(long.slice(0, 60)));
      expect(ofLong, kind).toContain('…');
    }
  });
});

/** Every kit file in both languages (none yet: the test is skipped). */
function readKitFiles(): { file: string; kit: Kit; locale: 'fr' | 'en' }[] {
  return (['fr', 'en'] as const).flatMap((locale) => {
    let names: string[] = [];
    try {
      names = readdirSync(join(kitsDir, locale)).filter((name) => name.endsWith('.json'));
    } catch {
      // No folder yet.
    }
    return names.sort().map((name) => {
      const file = `kits/${locale}/${name}`;
      const json: unknown = JSON.parse(readFileSync(join(kitsDir, locale, name), 'utf8'));
      const parsed = kitSchema.safeParse(json);
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      return { file, kit: parsed.data, locale };
    });
  });
}

/** The kit text a document prints. */
function printedText(kind: DocumentKind, kit: Kit): string {
  switch (kind) {
    case 'poster': {
      // With details given, the poster's short line replaces its text, but for a notice.
      const { headline, subtitle, callToAction } = kit.poster;
      return [headline, subtitle, callToAction].join(' ');
    }
    case 'flyer':
      return Object.values(kit.flyer).join(' ');
    case 'tips':
      return [kit.tips.title, ...kit.tips.items, ...kit.numbers.map((n) => n.label)].join(' ');
    case 'planning':
      return [kit.planning?.title ?? '', ...(kit.planning?.columns ?? [])].join(' ');
    case 'panneau':
      return '';
    case 'annuaire':
      return '';
  }
}

describe('renderDocument, the kit files', () => {
  const kits = readKitFiles();

  it.skipIf(kits.length === 0)('renders every document of every kit, whole', async () => {
    const documents = kits.flatMap(({ file, kit, locale }) =>
      kit.documents.map((kind) => ({ where: `${file} ${kind}`, kit, kind, locale })),
    );
    const rendered = await Promise.all(
      documents.map(({ kit, kind, locale }) =>
        renderDocument(kind, kit, personalisation, locale === 'fr' ? frenchLabels : englishLabels),
      ),
    );
    const failures: string[] = [];
    rendered.forEach((bytes, i) => {
      if (!isPdf(bytes)) failures.push(`${documents[i]?.where}: not a PDF`);
    });
    const pages = await readPdfPages(rendered);
    if (pages.length !== rendered.length) {
      // Some document has more than one page: find which, one by one.
      for (const [i, bytes] of rendered.entries()) {
        const { pages: count } = await readPdf(bytes);
        if (count !== 1) failures.push(`${documents[i]?.where}: ${count} pages`);
      }
      expect(failures).toEqual([]);
    }
    documents.forEach(({ where, kit, kind }, i) => {
      const text = pages[i] ?? '';
      for (const detail of detailsOn(kind))
        if (!text.includes(detail)) failures.push(`${where}: "${detail}" missing`);
      // Nothing cut or lost: every word of the kit's text for this document is on the page
      // (a word broken after its hyphen, "Dites-" / "le", counts as whole).
      const joined = text.replace(/- /g, '-');
      for (const word of new Set(printedText(kind, kit).split(/\s+/u))) {
        if (word && !text.includes(word) && !joined.includes(word))
          failures.push(`${where}: "${word}" missing`);
      }
    });
    expect(failures).toEqual([]);
    expect(new Set(kits.map((entry) => entry.locale))).toEqual(new Set(['fr', 'en']));
  });
});
