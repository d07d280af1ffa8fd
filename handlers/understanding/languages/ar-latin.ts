// Maghrebi Arabic in Latin letters and numbers ("arabizi"), as typed in chats: 3 for ع,
// 7 for ح, 9 for ق, 5 or kh for خ, 2 for ء, often mixed with French ("ma voisine ma bghatch
// t7el lbab"). Spellings vary from one person to the next ("3awnouni", "3awnoni",
// "aawnouni"): each pattern takes the common ones. Counted as Arabic ('ar') in the figures.
// Traps left alone: "ta7t" (also "under"), "l3afya" alone (health; fire only when it
// burns), "bghit nmout b d7k" (dying of laughter).
import type { LanguageWords } from './language-words.ts';

// Spellings vary in the same few ways from one person to the next, so patterns are built from
// these rather than from the spellings found so far (a tryout in December 2026: "rassi kay
// dour" was missed where "rassi kaydour" was caught). The present tense's prefix (ka-, ta-,
// ki-, then y-, t- or n-) is stuck to its verb or not: "kaydour", "kay dour", "ka ydour",
// "kidour", "tydour", "ydour". Digits stand for letters or are written as letters: 7 or h
// (ح), 3 or a vowel or nothing (ع), 9, q, g or k (ق).
const PRESENT = '(?:(?:ka|ta|ki|k|t) ?)?(?:[ytn] ?)?';
const present = (stems: string) => `${PRESENT}(?:${stems})`;
const H = '(?:7|h)';
const A = '(?:3|a|e)?';
const Q = '[9qgk]';

/** "My chest / heart / belly": what hurts, said with the possessive stuck to it. */
const CHEST = `(?:s(?:a|e)?d(?:e|a)?r[iy]|${Q}albi|${Q}lbi|karchi|kerchi|korchi|kirchi|dra${A}i)`;
const HEAD = '(?:ras+[iy]|r2si)';
/** "Hurts me", "burns me", "squeezes me", "turns" (the head). */
const HURTS = `(?:wje${A}ni|wj${A}ni|w?oje${A}ni|w?oja${A}ni|wja${A}ni|ouje${A}ni|d(?:e|o|ou)?r+ni|${H}ar(?:a|e)?[9q]ni|${H}r(?:a|e)?[9q]ni|${Q}r(?:e|a)?s+ni|${Q}t(?:e|a)?lni|${Q}(?:e|a)?b(?:e|a)?dni|tay(?:e)?${Q}ni)`;
const SPINS = '(?:dour|dor|dur|douwer|dawer|dawar|dayer|dayr|dayra|douwr)';
const A_LOT = '(?:bzaf|bzzaf|bezaf|bzf|ktir|barcha|bzaaf|b9owa|bqowa)';
/** Dying of laughter, of hunger; "kanmout 3lik", dying for someone: no danger. */
const FIGURATIVE = `(?! (?:(?:b|bl|mn|men|m|f|fi|mel)(?: |l| l)?(?:d${H}k|d${H}ak|de${H}k|da${H}k|dd${H}ak|dda${H}k|d${H}ik|d${H}ek|da${H}ek|lfer${H}a|fer${H}a|lfr${H}a|lfar${H}a|ljou${A}|ljo${A}|jou${A}|l${A}atch|l${A}ach|l${A}tech|lghir)|${A}li(?:k|h|ha|kom|koum)|${A}la(?:k|h|ha)|fik|fih|fiha|fikom)\\b)`;
/** About to: "ghadi", "gha", "ghan" before the verb's n- ("ghadi nmout", "ghanmout"). */
const ABOUT_TO = '(?:ghadi|ghadia|ghadya|ghad|gha|ghan|radi)';

const SOMEONE =
  '\\b(?:jarti|jari|jartna|jarna|ljara|ljar|mama|yemma|yema|mmi|mima|baba|bba|bouya|3ami|3amti|khali|khalti|mrati|rajli|weldi|wldi|bnti|benti|khti|5ti|khoya|5oya|jda|jedda|jddi|jeddi|l7aja|l7aj|lhaja|mra|rajel|wa7ed|wa7da|chi 7ed|sa7bi|sahbi|sa7bti|chibani|chibania|chibaniya|l3azouza|hiya|houwa|huwa|hia|howa|voisine?|madame|monsieur|dame|mamie|papi|mere|pere)(?: [a-z0-9]+){0,3}';
/** "Does not answer / open / move / breathe", with the Moroccan and Algerian negations. */
const NO_ANSWER = `(?:ma ?(?:bghatch|bghach|bghaach|bghatsh|bghash|bghatch) (?:tjaweb|tjawb|tjawab|yjaweb|yjawb|yjawab|t7el|t7al|y7el|y7al|thel|yhel|tfte7|tnoud|ynoud)|ma ?${present(`jaweb|jawb|jawab|${H}el|${H}al|${H}l|noud|tnafs|tnefs|t${H}arek|t${H}rk`)}(?:ch|sh)|ma ?rah(?:ich|ouch) [ty]jaw(?:e|a)?b|ma ?b${Q}atch (?:katnafs|tatnafs|tjaweb))`;

export const arabizi: LanguageWords = {
  language: 'ar',
  distress: {
    suicide: [
      /\b(?:bghit|baghi|bagha|baghya|nebghi) nmo?u?t|\b(?:n9tel|nqtel|n9tl|nqtl|nkteul|nktel) rass?i\b|\bnentah(?:e|a)r\b|\bma ?bghitch n3ich\b|\b3yit mn (?:7yati|hyati|l7ayat)\b/,
    ],
    fire: [
      /\b(?:l3afya|l3afia) (?:ch3la|cha3la|cha3lat|ch3lat|f|fi|kayna)\b|\b(?:kayna|ch3lat|cha3lat|kayn) l3af[iy]a\b|\b(?:l7ri9|lhri9|7ri9a|hri9a)\b|\bnar (?:f|fi|cha3la|ch3la)\b|\b(?:ri7t?|riht?|ri7a dyal|ri7a d) ?l?gaz\b|\b(?:kayn|kayen) lgaz\b|\blgaz kay(?:5|kh)rej\b/,
    ],
    over: [
      /\b(?:daba (?:labas|mzyan|mzian|7sn|hsen)|rani (?:labas|mzyan|7sn) daba|(?:l)?7amdoulah? (?:labas|7sn|ahsen))\b/,
    ],
    other: [
      new RegExp(
        `${SOMEONE} (?:ta7|ta7et|t7at|ta7at|tay7|tay7a|tay7at|tayha|tayhat|ghab(?:et|t)? 3li(?:ha|h)|tghach(?:at|a|t)|mghmi 3li(?:ha|h)|mlo7a|mlo7|m7loula|kat(?:nzef|nzf)|kay(?:nzef|nzf)|f (?:l2ard|lard|l ard)|fl2ard|felard|flard|${NO_ANSWER})\\b(?! (?:3la|ela|a|aux?|l) (?:messages?|msg|sms|mes|les|lmessages))`,
      ),
      new RegExp(
        `\\b${NO_ANSWER}\\b(?! (?:3la|ela|a|aux?|l) (?:messages?|msg|sms|mes|les|lmessages))`,
      ),
      /\bma ?(?:chefnaha|chefnah|chfnaha|chafnaha|chafnah|chefnahach|chefnahch)(?:ch)?\b.*\bmn\b/,
    ],
    self: [
      /\b(?:ana |rani |rah(?:ni)? )?(?:3ayan|3ayana|3yan|3yana|3iyan|3iyana|mrid|mrida|mred|mreda|marid|marida|ta3ban|ta3bana)(?: bzaf| bzzaf| bezaf| bzf| ktir| barcha| bzaaf)\b/,
      /\b(?:rani|ana|rah(?:ni)?) (?:3ayan|3ayana|3yan|3yana|mrid|mrida|marid|marida)\b(?! (?:mn|men|b|bl|f|fl) )|\bma ?ni(?:ch|sh)? (?:mli7a?|labas|bikhir|b5ir|bi5ir)\b/,
      /\b(?:dou5a|dokha|dou5ti|dwikha|dwi5a|dwikh|dwi5|douikha|dwe5a|dwekha|dawkha|dawkhani|dawkhatni|dayekh|daykh|dayekha|day5|day5a|ghadi (?:ytgha|nt?ghach|n?tgha)[a-z]* 3liya)\b/,
      /\b(?:t7t|ti7t|t7it|ta7it|tihet|ti7et|ti7it|tay7t|tayht|tay7et|tayhet)\b|\b(?:ana|rani) (?:ta7t|tay7|tay7a|tayha|tayh)\b/,
      /\bma ?n?[9qgk][a-z]*d[a-z]*(?:ch|sh|x) n?t[a-z0-9]*n[a-z0-9]*f[a-z]*s\b|\b(?:kan|tan|ka|ta)?(?:ne?kh|n5|nkh)(?:e|a)?n(?:e|a)?9\b|\b(?:m5nou9|mkhnou9|makhnou9|m5ne9|mkhne9)a?\b|\bma fi(?:y|)a (?:nefs|nfs|nafas)\b|\bma ?n?[9qgk][a-z]*d[a-z]*(?:ch|sh|x) n(?:oud|od|nod|ou9ef|w9ef|wa9ef|wa9f|wa9af|o9ef|woqef|wqef)\b/,
      /\b(?:3awnouni|3awnoni|3awnooni|3aounouni|aawnouni|awnouni|3awni|3atkouni|3et9ouni|3t9ouni|3te9ni|3t9ni|3atqouni|n9dhouni|ngdouni|l3te9|l3ate9|najda|nejda|lnajda|lnejda)\b(?! (?:f|fi|b|bach|bash|n|nhez|ncharji|3la|l|f\w+) )/,
      /\b(?:lambulance|lambilans|lambulans|lanbilans|lpompier|lbompier|lbombya|lbompya|l ?is3af|l2is3af)\b/,
      // "3ayto l sami", "3afak 3ayet 3la lambulance": call the SAMU, an ambulance, a doctor.
      new RegExp(
        `\\b${A}ay(?:e|i)?t(?:o|ou|u|i|ou?li|ili|eli|li)?(?: (?:${A}afak|${A}afakom|daba|bser${A}a|dghya|dghiya|lia|liya|li))? (?:${A}la |${A}al |l |ela |le |li |${A}la l)?(?:15|112|18|114|l?ambulance|l?ambilans|l?ambulans|l?sami|l?samu|l?sammu|l?pompi(?:er|ye)s?|l?bompi(?:er|ye)s?|l?is${A}af|l2is${A}af|t?tbib|l?${H}imaya)\\b`,
      ),
      // The head turns: "rassi kaydour", "rassi kay dour", "rassi ka ydour", "rassi dayer".
      new RegExp(`\\b${HEAD} ${present(SPINS)}\\b`),
      // "Sdri kay7araqni", "9albi kaywje3ni", "sdri fih lwje3": the chest or heart hurts;
      // the head with "a lot" ("rassi kaywje3ni bzaf").
      new RegExp(
        `\\b${CHEST} ${present(HURTS)}|\\b${HEAD} ${present(HURTS)}(?: [a-z0-9]+)? ${A_LOT}\\b|\\b${CHEST} (?:fih|fiha) (?:l?wje${A}|l?wja${A}|l?2alam|lalam|l?${H}ri${Q}a|l?${H}ri${Q}|ddi${Q}a|d${Q}a)\\b|\\b(?:l?wje${A}|l?wja${A}|l?2alam|lalam|l?${H}ri${Q}a|l?${H}ri${Q}|ddi${Q}a)(?: [a-z0-9]+)? (?:f|fi|fl) ${CHEST}\\b`,
      ),
      // "Kan7ess b chi haja machi mzyana f sdri", "ana ma mzyanch", "rani machi mzyan".
      new RegExp(
        `\\b(?:kan ?|tan ?|ka n|ta n)?${H}(?:e|a)?s+(?:a|it|iti|eit)?\\b(?: [a-z0-9]+){0,6} (?:machi|mashi|mach|mch|ma) ?mzyan(?:a|ch|ach|sh)*\\b|\\b(?:ana|rani|rahni|rah ni|ra ni) (?:ma ?mzyan(?:a)?(?:ch|sh)|(?:machi|mashi|mach|mch) (?:mzyan|mzian|labas)(?:a)?|ma ?labas(?:ch|sh))\\b`,
      ),
      // About to die or to fall: "ghadi nmout", "kanmout", "7ass b rassi ghadi ntay7"; not of
      // laughter ("ghadi nmout b d7k") nor for someone ("kanmout 3lik").
      new RegExp(
        `\\b(?:${ABOUT_TO} ?n|ka ?n|ta ?n|rani ?n)(?:mout|mot|mut|moute)\\b${FIGURATIVE}|\\b${ABOUT_TO} ?n(?:ti${H}|tay${H}|tay${H}a|t${H}|ghib|tghach(?:a)?|tgha|s${Q}et)\\b(?! (?:f|fi|fl) (?:l?examen|lexam|limti${H}an))`,
      ),
    ],
  },
  intents: {
    'help.greeting': {
      patterns: [
        /^(?:salam|slm|salam (?:3likom|alikoum|alaykoum|3alaykoum)|salamou 3alaykoum|ahlan)(?: [a-z0-9]+){0,2}$/,
      ],
    },
    'help.thanks': {
      patterns: [
        /^(?:choukran|chokran|chokrane|shukran|chukran|baraka (?:allahou|llah|lah|allah) fik|lah y7fdek|allah y7afdek|tbarkallah|saha)\b/,
      ],
    },
    'help.menu': {
      patterns: [
        /\b(?:chno|chnou|achno|ach) (?:t9der|tqder|kat9der|katqder|kadir|kaddir) (?:dir)?\b/,
      ],
    },
    'gatherings.next': {
      patterns: [
        /\b(?:fo9ach|fou9ach|fawqach|imta|waqtach|wa9tach|fin|fayn|chhal)\b.*\b(?:l?7afla|l?fete|l?3cha|l?lqa|l?l9a)\b/,
      ],
    },
    'gatherings.going': {
      patterns: [
        /\b(?:ghadi nji|ghan ?ji|gha nji|ana jay|ana jaya|rani jay|rani jaya|jay inchallah|jaya inchallah|nji inchallah)\b/,
      ],
    },
    'gatherings.not_going': {
      patterns: [
        /\b(?:ma ?(?:n9derch|nqderch|ngderch|nkderch|9dertch|qdertch) nji|ma ?njich|ma ?ghadich nji|mankdarch nji)\b/,
      ],
    },
    'aid.ask': {
      patterns: [
        /\b(?:chi wa7ed|chi wa7da|chi 7ed|chkoun|chkon|shkoun|kayn chi wa7ed) (?:y9der|yqder|ygder|t9der|tqder|ymken|yemken) (?:y3awni|y3awenni|t3awni|y3awnni|ysslefni|yslefni|ywsslni|ywssalni|yhez|y7ez)\b/,
        /\b(?:3awnouni|3awnoni|3awni) (?:f|fi|bach|bash|n)\b|\b(?:m7taj|m7taja|ma7taj|khasni|5asni) (?:chi wa7ed|chi 3awn|l3awn|mosa3ada|chi mosa3ada) (?:f|fi|bach|bash|l)\b/,
        // "wach kayn chi wahd y3awni", "famma chkoun ynajem y3awenni", "kach wahed y9der…".
        /\b(?:kayn|kayen|kain|kayna|famma|fama|kach|kech|bghit|khasni|5asni|m7taj|m7taja)(?: chi| ch| chy)? (?:wa7ed|wa7d|wahed|wahd|wa7da|wahda|7ed|chkoun|chkon|shkoun)(?: [a-z0-9]+){0,2} (?:y3awni|y3awenni|y3awnni|y3aweni|ysa3dni|ysa3edni|ysa3adni|ysslefni|yslefni|ywssalni|ywsselni|yhez|y7ez)\b/,
        // "kifach ndir bach nl9a chi m3awna": how to get help is asking for it.
        /\b(?:kifach|kifech|kifash|kifah|kifch)(?: [a-z0-9]+){0,3} (?:nl9a|nl9aw|nlqa|nalqa|nakhod|na5od|ntleb|n7sel|nhsel)(?: [a-z0-9]+){0,2} (?:m3awna|m3ewna|l3awn|3awn|mosa3ada|mousa3ada|msa3da|chi wa7ed|chi wahd)\b/,
      ],
    },
    'aid.offer': {
      patterns: [/\b(?:n9der|nqder|ngder|nkder) n3awen\b|\bbghit n3awen\b|\bmosta3id n3awen\b/],
    },
  },
};
