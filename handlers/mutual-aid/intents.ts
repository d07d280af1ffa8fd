// Help in plain words: "quelqu'un pourrait m'aider à porter mes courses demain ?" opens the
// need form with the text already filled in; "je peux faire des courses pour les anciens"
// opens the volunteer form.
import { asCommand, withoutAddress, type IntentSpec } from '../understanding/intents.ts';
import { ask } from './needs.ts';
import { volunteer } from './volunteers.ts';

export function mutualAidIntents(): IntentSpec[] {
  return [
    {
      name: 'aid.ask',
      where: 'any',
      patterns: [
        /\b(?:quelqu un|qqn|une personne|un voisin|une voisine) (?:peut|pourrait|pourra|aurait|a|serait dispo pour) (?:m aider|me donner|me preter|me porter|porter|m accompagner|me conduire|me depanner|faire mes|arroser|garder|nourrir|recuperer|me monter|monter)\b/,
        /\b(?:quelqu un|qqn|un voisin|une voisine) (?:aurait|a|peut|pourrait)(?: [a-z]+){1,6} (?:a me preter|a preter|a me donner|a donner|a me passer)\b/,
        /\b(?:qui (?:peut|pourrait|pourra) m aider|j ai besoin (?:d aide|d un coup de main|de quelqu un|qu on m aide|qu on me|d une personne)|besoin d un coup de main|un coup de main (?:pour|svp)|aidez moi (?:a|pour)|aide moi (?:a|pour)|je cherche quelqu un pour)\b/,
        // "Je voudrais de l'aide pour mes courses", "besoin d'aide pour porter un carton".
        /\b(?:je voudrais|j aimerais|je souhaiterais|je souhaite|il me faudrait|je cherche|je demande) (?:de l aide|un peu d aide|un coup de main|qu on m aide|un voisin pour|une voisine pour)\b|\bbesoin d aide (?:pour|a)\b/,
        /\b(?:can|could) (?:someone|anyone|somebody|a neighbou?r) (?:help|give me a hand|carry|lend|water|feed|drive)\b|\bi need (?:help|a hand|someone) (?:to|with|for)\b|\bwho can help me\b/,
      ],
      offer: (t) => t('understanding.offer_ask'),
      run: (ctx, text) => ask(asCommand(ctx, 'besoin', withoutAddress(text).slice(0, 500))),
    },
    {
      name: 'aid.offer',
      where: 'any',
      patterns: [
        /\b(?:je peux|je pourrais|je veux bien|je voudrais|je veux) (?:aider|faire (?:des|les) courses|donner un coup de main|preter|garder|arroser|accompagner|porter|rendre service|etre benevole)\b/,
        /\b(?:je (?:suis|serais) (?:dispo|disponible) pour (?:aider|donner|rendre)|je propose (?:mon aide|de l aide|un coup de main))\b/,
        /\b(?:i can help|i could help|i d like to help|i want to help|happy to help|i can (?:do|carry|lend|water|drive))\b/,
      ],
      offer: (t) => t('understanding.offer_volunteer'),
      run: (ctx) => volunteer(asCommand(ctx, 'jepeuxaider')),
    },
  ];
}
