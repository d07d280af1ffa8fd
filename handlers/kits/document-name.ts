// What a kit's document is called, in its file name, its caption in the chat and its PDF
// title. A gathering's flyer is an invitation; the other kits' flyer invites no one (the
// canicule's asks who would like a call): it is a note for the letterboxes (tryout: "/kit
// canicule facile à lire" answered "L'invitation en gros caractères").
import type { DocumentKind, Kit } from './kit-schema.ts';
import type { Variant } from './pdf/rules.ts';
import type { T } from '../i18n.ts';

/** The names a document goes by: its kind's, or the letterbox note's. */
export type DocumentName = DocumentKind | 'leaflet';

export function toDocumentName(kind: DocumentKind, kit: Pick<Kit, 'kind'>): DocumentName {
  return kind === 'flyer' && kit.kind !== 'gathering' ? 'leaflet' : kind;
}

/**
 * The caption of a document sent in the chat, the variant said after it ("Version facile à
 * lire."). The large-print and easy-to-read flyer is one copy, not two to a page
 * (pdf/flyer.ts).
 */
export function toDocumentCaption(
  t: T,
  kind: DocumentKind,
  kit: Pick<Kit, 'kind'>,
  variant: Variant,
): string {
  const name = toDocumentName(kind, kit);
  const oneCopy = kind === 'flyer' && variant !== 'standard';
  const caption = t(`kits.documents.${name}.${oneCopy ? 'caption_single' : 'caption'}`);
  return variant === 'standard' ? caption : `${caption} ${t(`kits.variants.${variant}.caption`)}`;
}

/** The file's name: 'canicule-mot-boites-aux-lettres-facile-a-lire.pdf'. */
export function toDocumentFile(
  t: T,
  kind: DocumentKind,
  kit: Pick<Kit, 'id' | 'kind'>,
  variant: Variant,
): string {
  const suffix = variant === 'standard' ? '' : `-${t(`kits.variants.${variant}.file`)}`;
  return `${kit.id}-${t(`kits.documents.${toDocumentName(kind, kit)}.file`)}${suffix}.pdf`;
}
