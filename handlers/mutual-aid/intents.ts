// Help in plain words: "quelqu'un pourrait m'aider à porter mes courses demain ?" opens the
// need form with the text already filled in; "je peux faire des courses pour les anciens"
// opens the volunteer form.
import { asCommand, withoutAddress, type IntentSpec } from '../understanding/intents.ts';
import { readWords } from '../understanding/normalise.ts';
import { ask } from './needs.ts';
import { volunteer } from './volunteers.ts';

export function mutualAidIntents(): IntentSpec[] {
  return [
    {
      name: 'aid.ask',
      where: 'any',
      asks: true,
      afterDistress: true,
      patterns: [
        /\b(?:quelqu un|qqn|une personne|un voisin|une voisine) (?:peut|peu|peux|pourrait|pourrais|pourrai|pourra|aurait|a|serait dispo pour) (?:m aider|me donner|me preter|me porter|porter|m accompagner|me conduire|me depanner|faire mes|arroser|garder|nourrir|recuperer|me monter|monter)\b/,
        /\b(?:quelqu un|qqn|un voisin|une voisine) (?:aurait|a|peut|pourrait)(?: [a-z]+){1,6} (?:a me preter|a preter|a me donner|a donner|a me passer)\b/,
        /\b(?:qui (?:peut|peu|pourrait|pourrais|pourrai|pourra|voudrait) m aider|j (?:ai|aurais) besoin (?:d aide|d un coup de main|de quelqu un|qu on m aide|qu on me|d une personne)|besoin d un coup de main|un coup de main (?:pour|svp)|aidez moi (?:a|pour)|aide moi (?:a|pour)|je cherche quelqu un pour)\b/,
        // "Je voudrais de l'aide pour mes courses", "besoin d'aide pour porter un carton".
        /\b(?:je voudrais|j aimerais|je souhaiterais|je souhaite|il me faudrait|je cherche|je demande) (?:de l aide|un peu d aide|un coup de main|qu on m aide|un voisin pour|une voisine pour)\b|\bbesoin d aide (?:pour|a)\b/,
        // "Je voudrais que quelqu'un m'aide", "j'aurais besoin que quelqu'un passe…".
        /\b(?:je voudrais|j ?aimerais|je souhaiterais|je souhaite|il faudrait)(?: bien)? qu(?:e)? (?:quelqu un|un voisin|une voisine|on) (?:m ?aide|me donne un coup de main|me file un coup de main|puisse m aider|vienne m aider|me prete|m accompagne|me conduise)\b|\b(?:j ai|j aurais|on aurait) besoin qu(?:e)? (?:quelqu un|un voisin|une voisine|on)\b/,
        // "Y aurait-il quelqu'un pour m'aider", "il me faudrait quelqu'un pour sortir mon chien".
        /\b(?:quelqu un|un voisin|une voisine|des voisins) (?:pour|qui (?:peut|pourrait|pourra|voudrait|veut bien|aurait le temps de)) (?:m ?aider|me donner un coup de main|me depanner|me preter|m accompagner|me conduire|porter|monter|descendre|garder|arroser|nourrir)\b|\b(?:quelqu un|un voisin|une voisine)(?: [a-z0-9]+){1,5} pour m ?aider\b|\b(?:il me faudrait|il me faut) (?:quelqu un|un voisin|une voisine|une personne|un coup de main|de l aide)\b/,
        // "Besoin d'aide svp" alone, "pourriez-vous m'aider à porter…": asked of anyone reading.
        /^(?:(?:bonjour|bonsoir|salut|coucou|hello) )?(?:j (?:ai|aurais) )?besoin d (?:aide|un coup de main)(?: s il vous plait| s il te plait| merci| please)?$|\b(?:pourriez vous|pouvez vous|vous pouvez|vous pourriez|tu peux|peux tu|tu pourrais|pourrais tu) m ?aider (?:a|pour) [a-z]+/,
        // "Comment on fait pour avoir de l'aide" (HOW_TO below).
        /\bcomment (?:on fait|faire|je fais|je dois faire|je peux faire|est ce qu on fait|est ce que je peux|je peux|puis je|on peut|peut on)? ?(?:pour )?(?:avoir|obtenir|trouver|demander|recevoir) (?:de l aide|un coup de main|un peu d aide|quelqu un pour|un voisin pour)\b/,
        /\b(?:can|could) (?:someone|anyone|somebody|a neighbou?r) (?:help|give me a hand|carry|lend|water|feed|drive)\b|\bi need (?:help|a hand|someone) (?:to|with|for)\b|\bwho can help me\b/,
        /\b(?:is|are) there (?:anyone|anybody|someone|somebody|a neighbou?r) (?:who|that) (?:can|could|would|might) (?:help|give me a hand|lend)\b|\b(?:i d like|i would like|i want|i need) (?:someone|somebody|a neighbou?r) to (?:help|give me a hand|carry|water|feed|walk|drive|lend)\b|\bi could (?:use|do with) (?:a hand|some help)\b|\b(?:would|will) (?:anyone|anybody|someone|somebody) be able to help\b|\bhow (?:do|can|could) i (?:get|find|ask for) (?:some )?(?:help|a hand)\b/,
        /\b(?:anyone|anybody|someone|somebody)(?: [a-z]+){0,3} (?:to|could|can|would) (?:help me|give me a hand)\b|\bwhere (?:can|could|do) i (?:get|find) (?:some )?(?:help|a hand)\b/,
      ],
      // Someone else's need asked about ("qui a besoin d'aide ?", "si quelqu'un a besoin d'un
      // coup de main…"): an offer or a question, not a need of the writer's.
      unless: [
        /\b(?:qui|quelqu un|si (?:quelqu un|vous|tu|on)|est ce que (?:vous|tu)|vous|tu|des voisins|d autres voisins) (?:a|aurait|avez|auriez|as|aurais|ont|auraient) besoin\b/,
      ],
      offer: (t) => t('understanding.offer_ask'),
      // "How do I get help?" is not the need itself: the bot asks for it (or says /besoin).
      run: (ctx, text) =>
        ask(asCommand(ctx, 'besoin', asksHowTo(text) ? '' : withoutAddress(text).slice(0, 500))),
    },
    {
      name: 'aid.offer',
      where: 'any',
      asks: true,
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

/**
 * "Comment on fait pour avoir de l'aide ?", in each language the understanding reads (bare
 * reading, normalise.ts): a question about asking, whose words are not the need to publish.
 */
const HOW_TO =
  /^(?:bot )?(?:bonjour |salut |hello |hi )?(?:comment|how (?:do|can|could) i|how to|como (?:e que )?(?:faco|posso|consigo|hago|puedo|se hace|hacer|fazer)|nasil|kifach|kifech|kifash|kifah|كيفاش|كيفاه|كيف)(?= |$)|\bnasil (?:yardim|destek) (?:alabilirim|isteyebilirim|bulabilirim|alirim)\b/;

export function asksHowTo(text: string): boolean {
  return HOW_TO.test(readWords(text.slice(0, 500)).bare);
}
