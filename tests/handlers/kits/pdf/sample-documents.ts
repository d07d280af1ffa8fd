// Labels in both languages and a French kit using every document, for the PDF tests. The
// real labels come from locales/ (owned elsewhere); these have the same shape and words.
import { kitSchema, type Kit } from '../../../../handlers/kits/kit-schema.ts';
import type {
  DocumentLabels,
  Personalisation,
} from '../../../../handlers/kits/pdf/render-document.ts';

export const frenchLabels: DocumentLabels = {
  language: 'fr',
  documentNames: {
    poster: 'Affiche',
    flyer: 'Invitation',
    leaflet: 'Mot pour les boîtes aux lettres',
    panneau: 'Panneau des voisins',
    annuaire: 'Annuaire des voisins',
    planning: 'Planning',
    tips: 'Conseils',
  },
  date: 'Date',
  time: 'Heure',
  place: 'Lieu',
  organisedBy: 'Organisé par les voisins',
  forNeighboursOf: 'Pour les voisins',
  organisedByUnnamed: 'Organisé par les voisins de votre immeuble',
  forNeighboursOfUnnamed: 'Pour les voisins de votre immeuble',
  need: 'Je cherche',
  offer: 'Je propose',
  panneauInstructions:
    'Écrivez votre prénom, votre étage et ce que vous cherchez ou proposez, « un coup de main » ou un prêt. Rayez quand c’est fait !',
  panneauWho: 'Prénom, étage',
  annuaireName: 'Nom',
  annuaireFloorDoor: 'Étage / porte',
  annuairePhone: 'Téléphone',
  annuaireEmail: 'Courriel',
  annuairePrivacyNote:
    'N’écrivez que ce que vous acceptez de partager (« rien » est une bonne réponse) ; cette feuille reste dans l’immeuble.',
  usefulNumbers: 'Numéros utiles',
  cutHere: 'Découper ici',
  footer: 'Voisins solidaires – les bons côtés d’être à côté',
  variantNames: { large: 'gros caractères', easy: 'facile à lire' },
  colon: '\u00a0:',
  annuaireFirstName: 'Prénom',
  annuaireCheckOnMe:
    'Case cochée : d’accord pour qu’on prenne de mes nouvelles en cas d’alerte (canicule, grand froid).',
  annuaireCheckOnMeHeading: 'Nouvelles en cas d’alerte',
  planningPrivate:
    'Ne pas afficher dans le hall : ce planning reste entre les personnes concernées.',
  relayName: 'Votre voisin·e relais',
  relayNameEasy: 'Le voisin ou la voisine relais',
  relayDoorPhone: 'Porte / téléphone',
  replySlip:
    'Coupon-réponse : découpez-le et glissez-le dans la boîte aux lettres de l’organisateur',
  replyGuests: 'Nous serons',
  replyBringing: 'J’apporte',
  replyWho: 'Prénom, porte',
  replyCheckOnMe: 'J’aimerais qu’un voisin prenne de mes nouvelles pendant l’alerte',
  replyCanCall: 'Je peux appeler ou passer voir un voisin',
  replyWhoPhone: 'Prénom, porte, téléphone',
};

export const englishLabels: DocumentLabels = {
  language: 'en',
  documentNames: {
    poster: 'Poster',
    flyer: 'Invitation',
    leaflet: 'Letterbox note',
    panneau: 'Neighbours’ board',
    annuaire: 'Neighbours’ directory',
    planning: 'Rota',
    tips: 'Tips',
  },
  date: 'Date',
  time: 'Time',
  place: 'Place',
  organisedBy: 'Organised by the neighbours',
  forNeighboursOf: 'For the neighbours',
  organisedByUnnamed: 'Organised by the neighbours of your building',
  forNeighboursOfUnnamed: 'For the neighbours of your building',
  need: 'I need',
  offer: 'I can offer',
  panneauInstructions:
    'Write your first name, your floor and what you need or can offer. Cross it out once done!',
  panneauWho: 'Name, floor',
  annuaireName: 'Name',
  annuaireFloorDoor: 'Floor / door',
  annuairePhone: 'Phone',
  annuaireEmail: 'Email',
  annuairePrivacyNote: 'Only write what you agree to share; keep this sheet inside the building.',
  usefulNumbers: 'Useful numbers',
  cutHere: 'Cut here',
  footer: 'Voisins solidaires – neighbours helping neighbours',
  variantNames: { large: 'large print', easy: 'easy to read' },
  colon: ':',
  annuaireFirstName: 'First name',
  annuaireCheckOnMe:
    'Box ticked: happy for neighbours to check on me during an alert (heatwave, cold snap).',
  annuaireCheckOnMeHeading: 'Check on me in an alert',
  planningPrivate: 'Do not put up in the hall: this rota stays among the people involved.',
  relayName: 'Your neighbour relay',
  relayNameEasy: 'Your neighbour relay',
  relayDoorPhone: 'Door / phone',
  replySlip: 'Reply slip: cut it out and drop it in the organiser’s letterbox',
  replyGuests: 'We will be',
  replyBringing: 'I will bring',
  replyWho: 'First name, door',
  replyCheckOnMe: 'I would like a neighbour to check on me during the alert',
  replyCanCall: 'I can call or drop in on a neighbour',
  replyWhoPhone: 'First name, door, phone',
};

export const personalisation: Personalisation = {
  groupName: 'Résidence des Lilas',
  date: 'vendredi 29 mai 2026',
  time: '19 h',
  place: 'cour intérieure',
  qrUrl: 'https://t.me/voisins_solidaires_bot?startgroup=lilas-42',
  qrCaption: 'Rejoignez le groupe',
};

/** A French kit with every document; € « » œ ’ appear in the text of each of them. */
export const sampleKit: Kit = kitSchema.parse({
  id: 'fete-test',
  title: 'Fête des voisins « test »',
  months: [5],
  summary: 'Un moment convivial entre voisins, fin mai, pour faire connaissance.',
  steps: ['Parlez-en à vos voisins.', 'Choisissez un lieu.', 'Affichez l’invitation.'],
  numbers: [
    { label: 'SAMU (urgence médicale)', number: '15' },
    { label: 'Urgences européennes', number: '112' },
    { label: 'Canicule info service (« gratuit », 0 €)', number: '0 800 06 66 66' },
  ],
  documents: ['poster', 'flyer', 'panneau', 'annuaire', 'planning', 'tips'],
  poster: {
    headline: 'C’est la Fête des voisins !',
    subtitle: 'Et si on s’organisait entre voisins ? « Les bons côtés d’être à côté »',
    body: 'Chacun apporte un plat, une boisson ou un dessert à partager : quiche, taboulé, gâteau, jus de fruits… Pensez aux tables et aux chaises pour les plus âgés. Une participation de 2 € pour les gobelets réutilisables est la bienvenue. Sœurs, frères, cœurs vaillants : tout le monde est invité !',
    callToAction: 'Venez nombreux, et dites-le à vos voisins !',
  },
  flyer: {
    headline: 'Vous êtes invités !',
    body: 'Les voisins organisent la fête des voisins. Chacun apporte quelque chose à partager : un plat, une boisson, un dessert. Participation de 2 € pour les gobelets. « Plus on est de fous, plus on rit ! » Les enfants sont les bienvenus, avec leurs sœurs et frères.',
    callToAction: 'Répondez en glissant un mot dans la boîte aux lettres du 3e étage.',
  },
  tips: {
    title: 'Dix conseils pour une fête réussie',
    items: [
      'Parlez-en à vos voisins et répartissez-vous les tâches.',
      'Faites connaître la fête : affiche dans le hall, invitation dans les boîtes aux lettres.',
      'Choisissez un lieu : cour, hall, ou la rue avec l’autorisation de la mairie.',
      'Chacun apporte quelque chose : « un plat, une boisson, un dessert ».',
      'Évitez le gaspillage : gobelets réutilisables (2 € de caution), œufs et restes partagés.',
    ],
  },
  planning: {
    title: 'Qui apporte quoi ? « Liste des plats »',
    columns: ['Prénom', 'Étage', 'Plat ou boisson', 'Budget (€)', 'Œufs ?'],
    rows: 20,
  },
});
