// The printables made from a group's live data rather than from a kit alone: the "qui apporte
// quoi" sheet of a gathering and a referent's relay card. Their words come from the locale
// (kits.pdf.*), their layout from the same rules and blocks as the kits' documents. Not
// cached: the list changes with every claim. The renderer is loaded with the first sheet (see
// document-cache.ts).
import type { Locale, T } from '../i18n.ts';
import type { Kit } from './kit-schema.ts';
import type { BringSheetRow } from './pdf/bring-sheet.ts';
import { toDocumentLabels } from './render-kit-document.ts';

export interface PrintedGroup {
  /** Absent for a group with no name (see Personalisation). */
  groupName?: string | undefined;
  /** Where the QR code leads; none on the terminal. */
  qrUrl?: string;
}

async function loadRenderer() {
  const [{ renderPrintable }, { drawBringSheet }, { drawRelayCards }] = await Promise.all([
    import('./pdf/render-document.ts'),
    import('./pdf/bring-sheet.ts'),
    import('./pdf/relay-card.ts'),
  ]);
  return { renderPrintable, drawBringSheet, drawRelayCards };
}

export async function renderBringSheet(
  t: T,
  locale: Locale,
  kit: Kit,
  sheet: PrintedGroup & {
    /** The gathering's name, as /liste shows it. */
    title: string;
    date?: string;
    time?: string;
    place?: string;
    rows: BringSheetRow[];
  },
): Promise<Uint8Array> {
  const k = (key: string, vars?: Record<string, unknown>) => t(`kits.pdf.bring_sheet.${key}`, vars);
  const title = k('title', { title: sheet.title, interpolation: { escapeValue: false } });
  const { renderPrintable, drawBringSheet } = await loadRenderer();
  return renderPrintable(
    {
      kit,
      labels: toDocumentLabels(t, locale),
      title,
      personalisation: {
        groupName: sheet.groupName,
        ...(sheet.date ? { date: sheet.date } : {}),
        ...(sheet.time ? { time: sheet.time } : {}),
        ...(sheet.place ? { place: sheet.place } : {}),
        qrUrl: sheet.qrUrl ?? '',
        qrCaption: t('kits.pdf.qr_caption'),
      },
    },
    (ctx) =>
      drawBringSheet(ctx, {
        title,
        instructions: k('instructions'),
        headings: {
          position: k('position'),
          item: k('item'),
          wanted: k('wanted'),
          who: k('who'),
          missing: k('missing'),
        },
        rows: sheet.rows,
        more: (count) => k('more', { count }),
      }),
  );
}

export async function renderRelayCard(
  t: T,
  locale: Locale,
  kit: Kit,
  card: PrintedGroup & { referent: string; backup?: string },
): Promise<Uint8Array> {
  const k = (key: string, vars?: Record<string, unknown>) =>
    t(`kits.pdf.relay_card.${key}`, { ...vars, interpolation: { escapeValue: false } });
  const labels = toDocumentLabels(t, locale);
  const { renderPrintable, drawRelayCards } = await loadRenderer();
  return renderPrintable(
    {
      kit,
      labels,
      title: `${kit.title} – ${k('document_name')}`,
      // No QR code: the card is for a neighbour who may not use the chat.
      personalisation: { groupName: card.groupName, qrUrl: '', qrCaption: '' },
    },
    (ctx) =>
      drawRelayCards(ctx, {
        heading: k('heading'),
        referent: card.referent,
        reachMe: k('reach_me'),
        ...(card.backup
          ? {
              backup: k('backup', { name: card.backup }),
              reachBackup: k('reach_backup', { name: card.backup }),
            }
          : {}),
        emergency: k('emergency'),
      }),
  );
}
