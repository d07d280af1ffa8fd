// What a printable document is made from besides the kit: the group's details and the fixed
// words of the layout, both given by the caller in the group's language.
import type { DocumentName } from '../document-name.ts';
import type { Kit } from '../kit-schema.ts';
import type { PrintedCity } from './printed-city.ts';
import type { QrCode } from './qr-code.ts';
import type { LayoutRules, Variant } from './rules.ts';

export interface Personalisation {
  /**
   * The group's name, printed on every document: 'Résidence des Lilas'. Absent for a group
   * with no name: the documents then say "for the neighbours of your building" in a sentence
   * of their own (`organisedByUnnamed`), never a stand-in filled into "… de {name}".
   */
  groupName?: string;
  /** The gathering's date, formatted for display: 'vendredi 29 mai 2026'. */
  date?: string;
  /** Its time, formatted for display: '19 h'. */
  time?: string;
  /** Where it happens: 'cour intérieure'. */
  place?: string;
  /** Where the QR code leads (the group's or the bot's link); '' prints no QR code. */
  qrUrl: string;
  /** Printed next to the QR code: 'Rejoignez le groupe'. */
  qrCaption: string;
  /** Standard (default), large print, or easy to read (kits with easy-read content). */
  variant?: Variant;
  /** The group's partner city: its programme line and CCAS number (see printed-city.ts). */
  city?: PrintedCity;
}

/** Every fixed word printed on the documents that is not kit content. */
export interface DocumentLabels {
  /** Language of the labels and kit, written into the PDF for screen readers: 'fr', 'en'. */
  language: string;
  /**
   * The name of each kind of document: in the PDF title ('Fête des voisins – Affiche') and as
   * the annuaire's heading. { poster: 'Affiche', flyer: 'Invitation', panneau: 'Panneau des
   * voisins', annuaire: 'Annuaire des voisins', planning: 'Planning', tips: 'Conseils' }, and
   * the flyer of a kit that invites no one: { leaflet: 'Mot pour les boîtes aux lettres' }.
   */
  documentNames: Record<DocumentName, string>;
  /** The variants' names, after the title: { large: 'gros caractères', easy: 'facile à lire' }. */
  variantNames: Record<'large' | 'easy', string>;
  /** Above the date: 'Date'. */
  date: string;
  /** Above the time: 'Heure'. */
  time: string;
  /** Above the place: 'Lieu'. */
  place: string;
  /**
   * Above the group name on the poster and flyer, a phrase of its own: 'Organisé par les
   * voisins'. Never "… de" before the name: the article a name needs ("de la Résidence des
   * Lilas", "du 12 rue…", "de l'immeuble…") cannot be guessed reliably, in any language; the
   * name stands on its own line (or after " · " inline) as a signature.
   */
  organisedBy: string;
  /** Above the group name on the other sheets: 'Pour les voisins'. */
  forNeighboursOf: string;
  /** For a group with no name, instead of both: 'Organisé par les voisins de votre immeuble'. */
  organisedByUnnamed: string;
  /** 'Pour les voisins de votre immeuble' */
  forNeighboursOfUnnamed: string;
  /** Panneau: heading of the left column: 'Je cherche'. */
  need: string;
  /** Panneau: heading of the right column: 'Je propose'. */
  offer: string;
  /** Panneau: one line on how to use the board: 'Écrivez votre prénom, votre étage et…'. */
  panneauInstructions: string;
  /** Panneau: small words in each row's name box: 'Prénom, étage'. */
  panneauWho: string;
  /** Annuaire column heading: 'Nom'. */
  annuaireName: string;
  /** Annuaire column heading: 'Étage / porte'. */
  annuaireFloorDoor: string;
  /** Annuaire column heading: 'Téléphone'. */
  annuairePhone: string;
  /** Annuaire column heading: 'Courriel'. */
  annuaireEmail: string;
  /**
   * Annuaire: one line on privacy: 'N’écrivez que ce que vous acceptez de partager ; cette
   * feuille reste dans l’immeuble.'
   */
  annuairePrivacyNote: string;
  /** Tips: heading of the boxed list of phone numbers: 'Numéros utiles'. */
  usefulNumbers: string;
  /** Flyer: small words on the dashed line between the two copies: 'Découper ici'. */
  cutHere: string;
  /** Bottom line of every document: 'Voisins solidaires – les bons côtés d’être à côté'. */
  footer: string;
  /** After a fill-in's label: ' :' in French, ':' in English. */
  colon: string;
  /** Annuaire column heading: 'Prénom'. */
  annuaireFirstName: string;
  /** Annuaire: heading of the column of boxes to tick: 'Nouvelles en cas d’alerte'. */
  annuaireCheckOnMeHeading: string;
  /** Annuaire: what a ticked box means: 'Case cochée : d’accord pour qu’on prenne de…'. */
  annuaireCheckOnMe: string;
  /** Planning of people's details: 'Ne pas afficher dans le hall : …'. */
  planningPrivate: string;
  /** The relay's fill-in lines on a watch poster and flyer: 'Votre voisin·e relais'. */
  relayName: string;
  /** The same on easy-to-read documents, without the "·e": 'Le voisin ou la voisine relais'. */
  relayNameEasy: string;
  /** 'Porte / téléphone' */
  relayDoorPhone: string;
  /** Heading of the invitation's tear-off slip: 'Coupon-réponse, à découper et à rendre'. */
  replySlip: string;
  /** The gathering slip's fill-ins: 'Nous serons', 'J’apporte', 'Prénom, porte'. */
  replyGuests: string;
  replyBringing: string;
  replyWho: string;
  /** The watch slip's boxes: 'J’aimerais qu’on prenne de mes nouvelles', 'Je peux appeler…'. */
  replyCheckOnMe: string;
  replyCanCall: string;
  /** The watch slip's fill-in: 'Prénom, porte, téléphone'. */
  replyWhoPhone: string;
}

/** What each document's layout function receives. */
export interface DocumentContext {
  doc: PDFKit.PDFDocument;
  kit: Kit;
  personalisation: Personalisation;
  labels: DocumentLabels;
  /** The QR code of `qrUrl`, absent when it is ''. */
  qr: QrCode | undefined;
  /** Sizes and spacing of the document's variant. */
  rules: LayoutRules;
}
