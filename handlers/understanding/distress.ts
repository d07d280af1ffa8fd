// Distress, recognised before anything else in whatever a person writes to the bot: they
// feel unwell, fell, cannot breathe, call for help, or someone else does or no longer
// answers. Patterns over normalised text (normalise.ts), French and English. Missing a call
// for help is far worse than answering a false alarm with the emergency numbers, so the
// patterns lean that way: a sarcastic or quoted "au secours" is answered too (README).
import { normalise } from './normalise.ts';

export type Distress =
  /** The writer: unwell, fallen, calling for help. */
  | 'self'
  /** Someone else: a neighbour who no longer answers, who fell, who collapsed. */
  | 'other'
  /** Thoughts of suicide: 3114 as well. */
  | 'suicide';

/** A person who is not the writer. */
const SOMEONE =
  '(?:ma |mon |la |le |les |notre |une |un |cette |ce |the |my |our |a )?(?:voisine?s?|dame|monsieur|madame|mme|mr|m|mlle|mere|pere|mari|femme|maman|papa|grand mere|grand pere|mamie|papi|fille|fils|soeur|frere|amie?|locataire|personne agee|vieille dame|vieux monsieur|enfant|bebe|quelqu un|elle|il|neighbou?r|mum|mom|dad|mother|father|husband|wife|friend|lady|old man|old woman|someone|somebody|he|she)';

/** A few words between the person and what happened: "la dame du 2e ne répond plus". */
const GAP = '(?: [a-z0-9]+){0,4}';

const SUICIDE = [
  /\b(?:me suicider|suicide|suicidaire|envie de mourir|veux mourir|vais me tuer|me foutre en l air|en finir avec la vie|want to die|kill myself|end my life|suicidal)\b/,
];

const OTHER = [
  // "Ma voisine ne répond plus", "the lady next door is not answering".
  new RegExp(
    `\\b${SOMEONE}${GAP} (?:ne )?(?:repond|reponds|ouvre|bouge|reagit) (?:plus|pas|toujours pas)\\b(?! (?:a|aux) (?:mes |nos |ses )?(?:messages?|sms|mails?|appels du groupe))`,
  ),
  new RegExp(
    `\\b${SOMEONE}${GAP} (?:is |s )?(?:not|isn t) (?:answering|responding|moving|breathing)\\b`,
  ),
  // "Est tombée": the auxiliary is needed, "il tombe des cordes" is rain.
  new RegExp(
    `\\b${SOMEONE}${GAP} (?:est|s est|etait|vient de|viens de) (?:tombee?s?|tomber)\\b(?! (?:sur|amoureu|d accord|en panne|a pic|pile|bien))`,
  ),
  new RegExp(`\\b${SOMEONE}${GAP} (?:est |s est )?(?:effondree?|evanouie?|inconsciente?)\\b`),
  new RegExp(
    `\\b${SOMEONE}${GAP} (?:a |est en train de )?(?:fait|faire|fais) (?:un |une )?(?:malaise|crise|avc)\\b`,
  ),
  new RegExp(
    `\\b${SOMEONE}${GAP} (?:has |s |just )?(?:fallen|fell|collapsed|fainted|passed out)\\b(?! (?:in love|asleep|for))`,
  ),
  /\b(?:inconsciente?|perdu connaissance|perd connaissance|ne respire plus|unconscious|not breathing|stopped breathing)\b/,
];

const SELF = [
  // Unwell: "je me sens mal", "je (ne) me sens pas bien", "je vais pas bien".
  /\b(?:je |j )?(?:me )?sens (?:vraiment |tres |trop |un peu |pas du tout |tellement )*(?:mal|pas bien|pas tres bien|faible|bizarre|partir|vaseuse?|patraque)\b(?! a l aise)/,
  /\b(?:je |j )?(?:ne )?(?:vais|suis) (?:vraiment |tres |trop )*(?:pas bien|mal|au plus mal)\b(?! (?:a l aise|place|passe|garee?|partie?|comprise?|renseignee?|lunee?|reveillee?|organisee?))/,
  /\b(?:ca|sa) (?:ne )?va (?:pas|plus) du tout\b/,
  /\b(?:malaise|malaises|vertiges?|etourdie?|evanouir|syncope|tete qui tourne|la tete me tourne)\b/,
  /\b(?:je |j )?(?:suis|me suis|viens de) (?:tombee?|tomber|chuter?|faire une chute)\b(?! (?:sur|amoureu|d accord|en panne|a pic|pile|bien))/,
  /\b(?:j ai fait|fait) une chute\b/,
  /\b(?:je suis|suis|je me retrouve|chui) (?:par terre|au sol)\b/,
  /\b(?:n )?arrive (?:pas|plus) a (?:me lever|me relever|bouger|marcher)\b/,
  /\b(?:ambulance|pompiers|samu|sos)\b/,
  /\b(?:sens|sent) (?:plus|pas) (?:mon|ma|mes) (?:bras|jambes?|visage|main|cote|bouche)\b/,
  /\btomber dans les pommes\b/,
  /\b(?:je )?(?:ne )?peux (?:plus|pas) (?:me relever|me lever|bouger)\b/,
  /\b(?:j )?etouffe\b/,
  /\b(?:respire|respirer) (?:mal|plus|pas|difficilement|avec difficulte)\b/,
  /\b(?:du mal|mal|peine) a respirer\b/,
  /\b(?:n )?arrive (?:plus|pas) a respirer\b/,
  /\b(?:au secours|a l aide(?! (?:de|du|des|d))|aidez moi(?! (?:a|pour|avec) )|aide moi(?! (?:a|pour|avec) )|appelez les secours|appelez le 15|appelez une ambulance)\b/,
  /\b(?:urgence|urgences)\b(?<!(?:kit|numeros?|contacts?|trousse|sortie|plan|cas) d urgences?)/,
  /\b(?:besoin d aide|aide|help) (?:urgente?|vite|tout de suite|maintenant|now|asap)\b/,
  /\b(?:douleurs? (?:a la |dans la |thoraciques?|poitrine)|mal (?:a la|dans la) poitrine|crise cardiaque|infarctus|avc|hemorragie|saigne beaucoup|convulsions?)\b/,
  /\b(?:en peux plus|en peux vraiment plus|tiens plus|supporte plus)(?: [a-z]+){0,3} (?:chaleur|chaud|froid)\b/,
  /\b(?:trop|tres) (?:chaud|froid)\b.*\b(?:mal|pas bien|malaise|vertige|tete qui tourne|respire)\b/,
  // English.
  /\bi (?:feel|m feeling|am feeling|m|am) (?:very |really |so |quite )*(?:unwell|sick|ill|faint|dizzy|terrible|awful|not (?:well|ok|okay|good))\b/,
  /\b(?:not feeling (?:well|good|ok)|feel(?:ing)? faint|feel(?:ing)? dizzy)\b/,
  /\bi (?:have |ve |just )?(?:fell|fallen|collapsed|fainted|passed out)\b(?! (?:in love|asleep|for))/,
  /\b(?:can t|cannot|can not|struggling to|hard to|unable to) (?:breathe|get up|stand up|move)\b/,
  /\b(?:short of breath|chest pains?|heart attack|stroke|bleeding (?:a lot|badly|heavily))\b/,
  /\bgoing to (?:faint|pass out|collapse|be sick)\b/,
  /\b(?:someone|somebody|anyone) help(?: me| us)?(?: please| now| quick)?$/,
  /\b(?:ambulance|paramedics)\b/,
  // "Help me carry…" asks a hand, not rescue.
  /\b(?:help me|help us)\b(?! (?!please|now|quick|quickly|fast|asap|i\b|im\b|someone\b)[a-z])/,
  /\b(?:help please|please help|emergency|need help now|need urgent help)\b(?! (?:kit|kits|number|numbers|contact|contacts|exit|plan)\b)/,
  /^(?:help)$/,
  /\b(?:too hot|too cold)\b.*\b(?:unwell|sick|faint|dizzy|can t breathe)\b/,
];

/** What the text says of distress, if anything (suicide first, then someone else, then self). */
export function detectDistress(text: string): Distress | undefined {
  // A very long text is read in full: a call for help may be at its end.
  const plain = normalise(text.length > 20_000 ? text.slice(0, 20_000) : text);
  if (plain === '') return undefined;
  if (SUICIDE.some((pattern) => pattern.test(plain))) return 'suicide';
  if (OTHER.some((pattern) => pattern.test(plain))) return 'other';
  if (SELF.some((pattern) => pattern.test(plain))) return 'self';
  return undefined;
}

/** Messages already read for distress in this process (the inbox reads, the router trusts). */
const read = new WeakSet<object>();

/**
 * Distress in a message: as recorded on it (the inbox drops the words of such a message and
 * keeps only this), or read now, once per message object.
 */
export function distressIn(message: {
  text: string;
  distress?: Distress;
  command?: { name: string; args: string };
}): Distress | undefined {
  if (message.distress) return message.distress;
  if (read.has(message)) return undefined;
  read.add(message);
  // "/help" is the English name of the help command, not a call for help: only what follows
  // it is read. Any other command is read whole ("/sos", "/besoin je suis tombée").
  const { command } = message;
  return detectDistress(command?.name === 'help' ? command.args : message.text);
}
