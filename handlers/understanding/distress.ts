// Distress, recognised before anything else in whatever a person writes to the bot: they
// feel unwell, fell, cannot breathe, call for help, or someone else does or no longer
// answers. Patterns over normalised text (normalise.ts), French and English here, Arabic
// (script and arabizi), Portuguese, Spanish and Turkish in languages/. Missing a call
// for help is far worse than answering a false alarm with the emergency numbers, so the
// patterns lean that way: a sarcastic or quoted "au secours" is answered too (README).
// Each pattern belongs to its language, so that the answer can be given in the language the
// person wrote in (safety.ts), whatever the chat's.
import {
  languagesSaying,
  mayBeDistress,
  saidInOtherLanguages,
  scriptOf,
} from './languages/index.ts';
import { helpCommandOf } from './help-command.ts';
import { BOT_ADDRESS, readWords } from './normalise.ts';

export type Distress =
  /** The writer: unwell, fallen, calling for help. */
  | 'self'
  /** Someone else: a neighbour who no longer answers, who fell, who collapsed. */
  | 'other'
  /** Thoughts of suicide: 3114 as well. */
  | 'suicide'
  /** Fire or gas: 18 (pompiers) or 112. */
  | 'fire';

/** A category's patterns in French, in English, and those that read the same in both. */
interface Words {
  fr: RegExp[];
  en: RegExp[];
  either?: RegExp[];
}

/** A person who is not the writer. */
const SOMEONE =
  '(?:ma |mon |la |le |les |notre |une |un |cette |ce |the |my |our |a )?(?:voisine?s?|dame|monsieur|madame|mme|mr|m|mlle|mere|pere|mari|femme|maman|papa|grand mere|grand pere|mamie|papi|fille|fils|soeur|frere|amie?|locataire|personne agee|mec|homme|gars|type|jeune|gamin|gamine|petite?|vieux|vieille|guy|man|woman|kid|boy|girl|child|vieille dame|vieux monsieur|enfant|bebe|quelqu un|elle|il|neighbou?r|mum|mom|dad|mother|father|husband|wife|friend|lady|old man|old woman|someone|somebody|he|she)';

/** A few words between the person and what happened: "la dame du 2e ne répond plus". */
const GAP = '(?: [a-z0-9]+){0,4}';

const SUICIDE: Words = {
  either: [/\bsuicide\b/],
  en: [
    /\b(?:want to die|kill myself|end my life|suicidal|end it all|hurt myself|self harm|harm myself)\b/,
  ],
  fr: [
    /\b(?:me suicider|suicidaire|envie de mourir|veux mourir|vais me tuer|me foutre en l air|en finir avec la vie)\b/,
    /\b(?:veux|veut|envie de|plus envie de|peux plus|pas envie de) (?:plus )?vivre\b|\bveux en finir\b|\bvais en finir\b|\bme jeter (?:par|du|sous|dans)\b|\bme (?:scarifie|scarifier|taillade|tailler les veines)\b|\b(?:me faire|je me fais) du mal\b|\bplus (?:le )?gout a (?:rien|la vie)\b/,
  ],
};

const FIRE: Words = {
  fr: [
    /\b(?:au feu|le feu (?:a|au|dans|chez)|il y a (?:le|du) feu|incendie|ca brule|fumee (?:noire|epaisse|dans)|odeur de gaz|sent (?:tres )?(?:fort )?le gaz|fuite de gaz)\b/,
  ],
  en: [/\b(?:there s a fire|on fire|smell (?:of )?gas|gas leak)\b/],
};

const OTHER: Words = {
  fr: [
    // "Ma voisine ne répond plus".
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:ne )?(?:repond|reponds|ouvre|bouge|reagit) (?:plus|pas|toujours pas)\\b(?! (?:a|aux) (?:mes |nos |ses )?(?:messages?|sms|mails?|appels du groupe))`,
    ),
    // "Est tombée": the auxiliary is needed, "il tombe des cordes" is rain.
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:est|s est|etait|vient de|viens de) (?:tombee?s?|tomber)\\b(?! (?:sur|amoureu|d accord|en panne|a pic|pile|bien|enceinte))`,
    ),
    new RegExp(`\\b${SOMEONE}${GAP} (?:est |s est )?(?:effondree?|evanouie?|inconsciente?)\\b`),
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:a |est en train de )?(?:fait|faire|fais) (?:un |une )?(?:malaise|crise|avc|hypo|arret cardiaque)\\b`,
    ),
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:est|sont|etait|reste) (?:par terre|au sol|allongee? (?:par terre|au sol|dans))\\b`,
    ),
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:ne va pas bien|va pas bien|va tres mal|va mal|ne se reveille pas|se reveille plus|ne se reveille plus)\\b`,
    ),
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:s est etouffee?|s etouffe|etouffe|convulse|saigne|vomit du sang|a avale)\\b`,
    ),
    new RegExp(`\\b${SOMEONE}${GAP} (?:a fait|fait|vient de faire) une chute\\b`),
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:s est fait renverser|s est fait renverse|a ete renversee?|s est cassee? |s est brulee?)`,
    ),
    /\b(?:inconsciente?|perdu connaissance|perd connaissance|ne respire plus|arret cardiaque|ivre mort|crier a l aide|crie a l aide|appelle a l aide derriere|gemir|gemit)\b/,
    /\b(?:personne n a vu|pas vu|plus vu|n a pas vu)(?: [a-z]+){1,4} depuis\b/,
    /\b(?:allongee? (?:par terre|dans la rue|sur le trottoir|au sol))\b/,
  ],
  en: [
    // "The lady next door is not answering".
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:is |s )?(?:not|isn t) (?:answering|responding|moving|breathing)\\b`,
    ),
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:has |s |just )?(?:fallen|fell|collapsed|fainted|passed out)\\b(?! (?:in love|asleep|for))`,
    ),
    new RegExp(
      `\\b${SOMEONE}${GAP} (?:is having|has had|had|is) (?:a )?(?:heart attack|stroke|seizure|fit|bleeding|choking|unconscious)\\b`,
    ),
    /\b(?:unconscious|not breathing|stopped breathing)\b/,
  ],
};

const SELF: Words = {
  fr: [
    // Unwell: "je me sens mal", "je (ne) me sens pas bien", "je vais pas bien".
    /\b(?:je |j )?(?:me )?(?:sens|sent) (?:vraiment |tres |trop |un peu |pas du tout |tellement )*(?:mal|pas bien|pas tres bien|faible|bizarre|partir|vaseuse?|patraque)\b(?! a l aise)/,
    /\b(?:je |j )?(?:ne )?(?:vais|suis) (?:vraiment |tres |trop )*(?:pas bien|mal|au plus mal)\b(?! (?:a l aise|place|passe|garee?|partie?|comprise?|renseignee?|lunee?|reveillee?|organisee?))/,
    /\b(?:ca|sa) (?:ne )?va (?:pas|plus) du tout\b/,
    // "Le malaise, c'est que…" speaks of an atmosphere, not of a person.
    /\b(?<!(?:le|ce|quel|vrai|gros|grand|un certain) )(?:malaise|malaises)\b|\b(?:vertiges?|etourdie?|evanouir|syncope|tete qui tourne|la tete me tourne)\b|\b(?:je (?:ne )?|j |elle (?:ne )?|il (?:ne )?)(?:tiens|tient) (?:plus|pas)(?: du tout)? (?:debout|sur (?:mes|ses) (?:jambes|pieds))\b/,
    /\b(?:je |j )?(?:suis|me suis|viens de) (?:tombee?|tomber|chuter?|faire une chute)\b(?! (?:sur|amoureu|d accord|en panne|a pic|pile|bien|enceinte))/,
    /\b(?:j ai fait|fait) une chute\b/,
    /\b(?:je suis|suis|je me retrouve|chui) (?:par terre|au sol)\b/,
    /\b(?:n )?arrive (?:pas|plus) a (?:me lever|me relever|bouger|marcher)\b/,
    /\b(?<!(?:numero|numeros|tel|telephone) (?:du|des|de l|de|d) )(?:pompiers|samu)\b/,
    /\b(?:sens|sent) (?:plus|pas) (?:mon|ma|mes) (?:bras|jambes?|visage|main|cote|bouche)\b/,
    /\btomber dans les pommes\b/,
    /\b(?:je )?(?:ne )?peux (?:plus|pas) (?:me relever|me lever|bouger)\b/,
    /\b(?:j )?etouffe\b/,
    /\b(?:respire|respirer|respirez) (?:mal|plus|pas|difficilement|avec difficulte)\b/,
    /\b(?:du mal|mal|peine) a (?:respirer|respire)\b/,
    /\b(?:n )?arrive (?:plus|pas) a (?:respirer|respire)\b/,
    /\b(?:mal au coeur|arret cardiaque|crise d angoisse|crise de panique|crise d asthme)\b/,
    // "Ma poitrine me fait mal", "le cœur qui serre"; the head when it is bad or turns.
    /\b(?:ma |la |mon |le )?(?:poitrine|coeur|thorax|bras gauche)(?: qui| me)* (?:fait (?:tres |trop |super |vraiment |tellement )?mal|brule|serre|comprime|oppresse)\b|\b(?:douleurs?|mal|serrement|oppression|brulure|pression|point) (?:a la|au|dans la|dans le|sur la) (?:poitrine|coeur|thorax|bras gauche)\b/,
    /\b(?:tres|trop|tellement|vraiment|super|hyper|si) mal (?:a la|a ma) tete\b|\b(?:ma |la )?tete (?:qui )?(?:me )?(?:fait (?:tres|trop|tellement|vraiment|super) mal|va exploser|tourne)\b|\bmal de tete (?:horrible|atroce|terrible|insupportable|affreux)\b/,
    // Dying, not of laughter, shame or boredom ("je meurs de rire").
    /\b(?:je vais|j ai l impression (?:que je vais|de)|je crois que je vais|je sens que je vais|j ai peur de) mourir\b(?! (?:de (?:rire|honte|faim|soif|ennui|chaud|fatigue|jalousie|plaisir|impatience|envie)|d (?:ennui|impatience|envie)))|\bje suis en train de mourir\b/,
    /\b(?:avale des (?:medicaments|cachets|pilules|medocs)|pris trop de (?:medicaments|cachets|pilules|medocs)|intoxiquee?|empoisonnee?)\b/,
    /\b(?:hypo|hypoglycemie|fait une hypo|40 de fievre|ne se reveille pas|se reveille plus)\b/,
    /\b(?:je saigne|il saigne|elle saigne|saigne de la tete|saigne du nez beaucoup|me suis brulee?|brulee? (?:avec|a l eau)|casse le col|col du femur|me suis casse|tres tres mal|je vais tomber|en pls|tremble de froid|je tremble|en pls|en please)\b/,
    /\b(?:au secours|(?<!appelle )a l aide(?! (?:de|du|des|d))|j appelle a l aide(?! (?:tous|toutes|les|des|aux))|aidez moi(?! (?:a|pour|avec) )|aide moi(?! (?:a|pour|avec) )|appelez les secours|appelez le 15|appelez une ambulance)\b/,
    /\b(?:urgence|urgences)\b(?<!(?:kit|numeros?|contacts?|trousse|sortie|plan|cas) d urgences?)/,
    /\b(?:besoin d aide|aide) (?:urgente?|vite|tout de suite|maintenant|now|asap)\b/,
    // "avc" is also SMS for "avec": only a stroke when it is one ("un AVC", "fait un avc").
    /\b(?:douleurs? (?:a la |dans la |thoraciques?|poitrine)|mal (?:a la|dans la) poitrine|crise cardiaque|infarctus|hemorragie|saigne beaucoup|convulsions?|convulse)\b|\b(?:un|d un|fait un|fais un|faire un) avc\b/,
    /\b(?:en peux plus|en peux vraiment plus|tiens plus|supporte plus)(?: [a-z]+){0,3} (?:chaleur|chaud|froid)\b/,
    /\b(?:trop|tres) (?:chaud|froid)\b.*\b(?:mal|pas bien|malaise|vertige|tete qui tourne|respire)\b/,
  ],
  en: [
    /\bi (?:feel|m feeling|am feeling|m|am) (?:very |really |so |quite )*(?:unwell|sick|ill|faint|dizzy|terrible|awful|not (?:well|ok|okay|good))\b/,
    /\b(?:not feeling (?:well|good|ok)|feel(?:ing)? faint|feel(?:ing)? dizzy)\b/,
    /\bi (?:have |ve |just )?(?:fell|fallen|collapsed|fainted|passed out)\b(?! (?:in love|asleep|for))/,
    /\bi (?:have |ve |just )?(?:had|have had) a (?:bad |nasty )?fall\b/,
    /\b(?:can t|cannot|can not|struggling to|hard to|unable to) (?:breathe|breath|get up|stand up|move)\b/,
    /\b(?:short of breath|chest pains?|heart attack|stroke|bleeding (?:a lot|badly|heavily))\b/,
    /\bgoing to (?:faint|pass out|collapse|be sick)\b/,
    /\b(?:someone|somebody|anyone) help(?: me| us)?(?: please| now| quick)?$/,
    /\bparamedics\b/,
    // "Help me carry…" asks a hand, not rescue.
    /\b(?:help me|help us)\b(?! (?!please|now|quick|quickly|fast|asap|i\b|im\b|someone\b)[a-z])/,
    /\b(?:help please|please help|emergency|need help now|need urgent help)\b(?! (?:kit|kits|number|numbers|contact|contacts|exit|plan)\b)/,
    /^(?:help)$/,
    /\b(?:too hot|too cold)\b.*\b(?:unwell|sick|faint|dizzy|can t breathe)\b/,
    /\b(?:panic attack|asthma attack|took too many pills|swallowed)\b/,
    // "My chest hurts", "pain in my chest", "my heart is hurting"; the head when it is bad
    // ("my head hurts so much"), or spins. Not "my heart goes out to", "a pain in the neck".
    /\b(?:my |the )?(?:chest|heart|left arm)(?: really| still| is| s| so| very| badly| feels)* (?:hurts?|hurting|aches?|aching|is killing me|killing me|tight|tightening|burning|on fire|in pain|pounding and)\b(?! (?:for|when|to see|seeing|reading|watching|hearing))/,
    /\b(?:pain|pains|pressure|tightness|burning|crushing|ache|aching|sharp pain|stabbing pain) (?:in|on|across|around) (?:my|the) (?:chest|heart|left arm)\b/,
    /\bmy head(?: is| s)? (?:hurts?|hurting|aches?|aching|pounding|killing me)(?: [a-z]+){0,2} (?:so (?:much|bad|badly)|really bad|a lot|like hell|terribly)\b|\bmy head (?:really|badly|terribly) (?:hurts?|aches?)\b|\b(?:my head is|head s|room is|everything is) spinning\b|\b(?:worst|terrible|awful|unbearable) headache\b/,
    // About to die, not of laughter nor for a song ("I'm dying to see it").
    /\b(?:i m|i am|i think i m|i feel like i m|i feel i m) (?:going to|gonna|about to) die\b(?! (?:of|from|laughing|for|if|when|lol))|\bi (?:m|am) dying\b(?! (?:of|from|to|for|laughing|here|over|inside|lol))/,
    /\b(?:i m|i am) in (?:so much |a lot of |terrible |great |severe |awful )?pain\b/,
    /\bhelp (?:urgente?|vite|tout de suite|maintenant|now|asap)\b/,
  ],
  either: [
    // Said the same in both: the language is told by the rest, or is the chat's.
    /\b(?:ambulance|sos|overdose|intoxication)\b/,
  ],
};

/** Said afterwards: it is over ("j'ai eu un malaise la semaine dernière, ça va mieux"). */
const OVER: Words = {
  fr: [
    /\b(?:ca va mieux|ca va beaucoup mieux|je vais mieux|va mieux maintenant|c est passe|plus de peur que de mal)\b/,
  ],
  en: [/\b(?:i m fine now|i feel better)\b/],
};

/** Emoji that say it alone. */
const ALARM = /🚑|🆘|🚨/u;

type Category = Parameters<typeof saidInOtherLanguages>[0];

const WORDS: Readonly<Record<Category, Words>> = {
  suicide: SUICIDE,
  fire: FIRE,
  over: OVER,
  other: OTHER,
  self: SELF,
};

/** Every pattern of a category, whatever its language: what detection reads. */
const ALL = Object.fromEntries(
  Object.entries(WORDS).map(([category, w]) => [category, [...w.fr, ...w.en, ...(w.either ?? [])]]),
) as Record<Category, RegExp[]>;

/** What a message says of distress, read once (item by item below). */
export interface DistressReading {
  distress?: Distress;
  /** It tells of being unwell as something over ("j'ai eu un malaise, ça va mieux"). */
  over: boolean;
  /**
   * The languages whose words said it (ISO 639-1: "fr", "en", "ar", "pt", "es", "tr"), French
   * and English first. Empty when only words every language shares said it ("SOS", 🚑).
   * Arabic in Latin letters, which French speakers write too (language-detect.ts), is
   * "ar-Latn" (ARABIZI): not a language the answer can be given in, a hint for it.
   */
  languages: string[];
}

const NOTHING: DistressReading = { over: false, languages: [] };

/**
 * What the text says of distress, if anything: suicide first, then fire, then someone
 * else, then the writer; or that it is over. Its languages are worked out only when
 * something is said (most messages say nothing).
 */
export function readDistress(text: string): DistressReading {
  const said = reading(text);
  if (!said) return ALARM.test(text) ? { distress: 'self', over: false, languages: [] } : NOTHING;
  let distress: Distress | undefined;
  let over = false;
  if (said.is('suicide')) distress = 'suicide';
  else if (said.is('fire')) distress = 'fire';
  else if (said.is('over')) over = said.is('other') || said.is('self');
  else if (said.is('other')) distress = 'other';
  else if (said.is('self') || ALARM.test(text)) distress = 'self';
  const category = over ? 'over' : distress;
  return category ? { distress, over, languages: said.languages(category) } : NOTHING;
}

/** What the text says of distress, if anything (readDistress, without the rest). */
export function detectDistress(text: string): Distress | undefined {
  return readDistress(text).distress;
}

interface Said {
  /** Whether a category is said in the text, in French, English or another language. */
  is(category: Category): boolean;
  /** The languages that say it. */
  languages(category: Category): string[];
}

/** A Telegram bot's username (they all end in "bot"), as mentioned. */
const BOT_MENTION = /@[A-Za-z0-9_]*bot\b/gi;

/** How the text reads, category by category; none: no words. */
function reading(text: string): Said | undefined {
  // A very long text is read in full: a call for help may be at its end. The bot's own
  // name is no one ("@voisins_solidaires_bot" is not "voisins").
  const words = readWords(
    (text.length > 20_000 ? text.slice(0, 20_000) : text).replace(BOT_MENTION, ' '),
  );
  // "Bot, help": the words that only call the bot are not part of what is said.
  const plain = words.plain.replace(BOT_ADDRESS, '') || words.plain;
  // The other languages read the words as typed (no French SMS spelling written out).
  const bare = words.bare.replace(BOT_ADDRESS, '') || words.bare;
  if (plain === '') return undefined;
  const script = scriptOf(bare);
  // One scan tells whether the other languages need reading category by category.
  const other = mayBeDistress(bare, script);
  const test = (patterns: RegExp[]) => patterns.some((pattern) => pattern.test(plain));
  return {
    is: (category) =>
      test(ALL[category]) || (other && saidInOtherLanguages(category, bare, script)),
    languages(category) {
      const found: string[] = [];
      if (test(WORDS[category].fr)) found.push('fr');
      if (test(WORDS[category].en)) found.push('en');
      if (other) found.push(...languagesSaying(category, bare, script));
      return [...new Set(found)];
    },
  };
}

/** What was read of messages in this process (the inbox reads, the router reuses it). */
const read = new WeakMap<object, DistressReading>();

type Message = {
  text: string;
  distress?: Distress;
  distressLanguages?: string[];
  command?: { name: string; args: string };
};

/**
 * What a message says of distress: as recorded on it (the inbox drops the words of such a
 * message and keeps only this), or read now, once per message object: the inbox, the
 * router's distress check and its "told as over" check share one reading.
 */
export function distressReadingOf(message: Message): DistressReading {
  if (message.distress) {
    return { distress: message.distress, over: false, languages: message.distressLanguages ?? [] };
  }
  const known = read.get(message);
  if (known) return known;
  const text = distressTextOf(message);
  const found = BARE_COMMAND.test(text) ? bareCommandReading(text) : readDistress(text);
  read.set(message, found);
  return found;
}

/** Distress in a message (distressReadingOf). */
export function distressIn(message: Message): Distress | undefined {
  return distressReadingOf(message).distress;
}

/**
 * What of a message is read for distress: a command named "help" in one of the bot's
 * languages ("/help", "/ajuda", "/yardım": help-command.ts) asks for the bot's help, not for
 * rescue, so only what follows its name; any other command whole ("/sos", "/besoin je suis
 * tombée").
 */
export function distressTextOf(message: {
  text: string;
  command?: { name: string; args: string };
}): string {
  return helpCommandOf(message)?.command.args ?? message.text;
}

/** A command alone ("/aide", "/parametres@VoisinsBot"): one word, nothing of anyone's own. */
const BARE_COMMAND = /^\/\S{1,63}$/;
/** What each bare command says: the same few come again and again (bounded). */
const bareCommands = new Map<string, DistressReading>();

function bareCommandReading(text: string): DistressReading {
  let found = bareCommands.get(text);
  if (found === undefined) {
    // A command alone says nothing of being unwell as something over.
    found = { ...readDistress(text), over: false };
    if (bareCommands.size >= 1_000) bareCommands.clear();
    bareCommands.set(text, found);
  }
  return found;
}
