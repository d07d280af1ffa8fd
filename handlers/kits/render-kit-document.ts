// From a kit request to its PDF: the personalisation and the fixed words of the layout, in
// the group's language, through the document cache (a repeat request is not re-rendered).
import type { I18n, Locale, T } from '../i18n.ts';
import type { DocumentRequest, RenderKitDocument } from './deliver-kit.ts';
import type { DocumentName } from './document-name.ts';
import { documentKinds } from './kit-schema.ts';
import { createDocumentCache } from './pdf/document-cache.ts';
import type { DocumentLabels } from './pdf/document-types.ts';

export function createKitDocumentRenderer(i18n: I18n, maxEntries = 500): RenderKitDocument {
  const cache = createDocumentCache({ maxEntries });
  const labels = new Map<Locale, DocumentLabels>();
  const labelsFor = (locale: Locale) => {
    let found = labels.get(locale);
    if (!found) labels.set(locale, (found = toDocumentLabels(i18n.t(locale), locale)));
    return found;
  };
  return (request: DocumentRequest) => {
    const t = i18n.t(request.locale);
    return cache.get(
      request.kind,
      request.kit,
      {
        ...(request.groupName ? { groupName: request.groupName } : {}),
        ...(request.date ? { date: request.date } : {}),
        ...(request.time ? { time: request.time } : {}),
        ...(request.place ? { place: request.place } : {}),
        qrUrl: request.qrUrl ?? '',
        qrCaption: t('kits.pdf.qr_caption'),
        ...(request.variant && request.variant !== 'standard' ? { variant: request.variant } : {}),
        ...(request.city ? { city: request.city } : {}),
      },
      labelsFor(request.locale),
      request.locale,
    );
  };
}

export function toDocumentLabels(t: T, locale: Locale): DocumentLabels {
  const k = (key: string) => t(`kits.pdf.${key}`);
  return {
    language: locale,
    documentNames: Object.fromEntries(
      [...documentKinds, 'leaflet'].map((name) => [name, k(`document_names.${name}`)]),
    ) as Record<DocumentName, string>,
    variantNames: { large: k('variant_names.large'), easy: k('variant_names.easy') },
    date: k('date'),
    time: k('time'),
    place: k('place'),
    organisedBy: k('organised_by'),
    forNeighboursOf: k('for_neighbours_of'),
    organisedByUnnamed: k('organised_by_unnamed'),
    forNeighboursOfUnnamed: k('for_neighbours_of_unnamed'),
    need: k('need'),
    offer: k('offer'),
    panneauInstructions: k('panneau_instructions'),
    panneauWho: k('panneau_who'),
    annuaireName: k('annuaire_name'),
    annuaireFloorDoor: k('annuaire_floor_door'),
    annuairePhone: k('annuaire_phone'),
    annuaireEmail: k('annuaire_email'),
    annuairePrivacyNote: k('annuaire_privacy_note'),
    usefulNumbers: k('useful_numbers'),
    cutHere: k('cut_here'),
    footer: k('footer'),
    colon: k('colon'),
    annuaireFirstName: k('annuaire_first_name'),
    annuaireCheckOnMe: k('annuaire_check_on_me'),
    annuaireCheckOnMeHeading: k('annuaire_check_on_me_heading'),
    planningPrivate: k('planning_private'),
    relayName: k('relay_name'),
    relayNameEasy: k('relay_name_easy'),
    relayDoorPhone: k('relay_door_phone'),
    replySlip: k('reply_slip'),
    replyGuests: k('reply_guests'),
    replyBringing: k('reply_bringing'),
    replyWho: k('reply_who'),
    replyCheckOnMe: k('reply_check_on_me'),
    replyCanCall: k('reply_can_call'),
    replyWhoPhone: k('reply_who_phone'),
  };
}
