// Gatherings in plain words: "c'est quand la fête ?", "on sera 3", "je ne pourrai pas venir".
import { UserFacingError } from '../errors.ts';
import type { MessageContext } from '../feature.ts';
import { findOpenPollOfGathering } from '../../db/queries/polls.ts';
import { escapeHtml } from '../events.ts';
import { comingLines, formatDeadline, rsvpLines, stateMessage } from './describe.ts';
import { asCommand, withoutAddress, type IntentSpec } from '../understanding/intents.ts';
import { normalise, readWords } from '../understanding/normalise.ts';
import { numberWord } from '../understanding/number-words.ts';
import { withNamesMended } from '../understanding/typos.ts';
import type { KitCatalogue } from '../kits/load-kits.ts';
import { bring, list } from './bring-list.ts';
import {
  gatheringsAskedAbout,
  keywordOf,
  keywordsOf,
  MAX_GUESTS,
  RSVP_COMMANDS,
  rsvpTo,
} from './rsvp.ts';
import { scopeOf } from './scope.ts';
import { calendarCommand } from './calendar-file.ts';
import { showNextPrivately } from './next-privately.ts';

const GATHERING =
  '(?:fete|fetes|galette|repas|apero|soiree|pique nique|barbecue|bbq|rencontre|evenement|gouter|party|event|gathering|picnic)';
const ASKING =
  '(?:quand|quelle date|quel jour|quelle heure|a quelle heure|ou|combien|when|what time|what day|where|how many)';

/**
 * The names of gatherings read with one typo ("c'est quand la galete ?", "la fette des
 * voisins": typos.ts, names of five letters or more), and the real words one typo from them.
 */
const TYPO_NAMES = {
  names: [
    'fete des voisins',
    'galette',
    'apero',
    'repas',
    'soiree',
    'barbecue',
    'rencontre',
    'evenement',
    'gouter',
    'reunion',
    'brunch',
    'picnic',
    'gathering',
  ],
  unless: new Set(['palette', 'repos']),
};

/** "Vamos ser 3", "seremos dos", "üç kişiyiz", "سنكون ثلاثة": how many in all (bare reading). */
const PARTY_ELSEWHERE = [
  /\b(?:vamos ser|seremos|iremos|vamos a ser|somos) (\d{1,5}|[a-z]+)\b/,
  /\b(\d{1,5}|[a-z]+) kisi(?:yiz| gelecegiz| geliyoruz| olacagiz)\b/,
  /(?:^| )(?:سنكون|سنحضر|سناتي|غادي نكونو|غانكونو) (\d{1,5}|[^ ]+)(?: |$)/,
];

/**
 * "Vou com o meu marido", "voy con mi hija", "eşimle geliyorum", "ساتي مع زوجتي",
 * "eu e o meu marido vamos": the guests (bare reading).
 */
const BRINGING_ELSEWHERE = [
  /\b(?:vou|venho|irei|voy|vengo|ire)\b.*? (?:com|con) (?:o |a |os |as |el |la |los |las )?(\d{1,5}|[a-z]+)\b/,
  /(?:^| )(?:ساتي|ساحضر|سوف اتي|سوف احضر|جاي|جايه|نجي) مع (\d{1,5}|[^ ]+)(?: |$)/,
];
const ONE_WITH_ME = [
  /^(?:eu e|yo y) (?:o |a |el |la )?(?:meu|minha|mi) [a-z]+ (?:vamos|iremos|vamos la)\b/,
  /^(?:o |a )?(?:meu|minha|mi) [a-z]+ (?:e eu|y yo) (?:vamos|iremos)\b/,
  /\b[a-z]+(?:mle|mla) (?:geliyorum|gelecegim|gelirim)\b/,
];

/** "Je viens à la galette": the gathering's word, when the words name one (else ''). */
function namedIn(text: string): string {
  const words = withNamesMended(normalise(text), TYPO_NAMES.names, TYPO_NAMES.unless).split(' ');
  return words.includes('fete') ? 'fete' : (words.find((w) => GATHERING_WORDS.has(w)) ?? '');
}

const GATHERING_WORDS = new Set(['galette', 'apero', 'repas', 'pique', 'reunion', 'brunch']);

/**
 * "C'est quand la galette ?": where it stands. With several of that name coming (or several
 * coming, none named), each of them, told apart (December 2026 tryout: one galette was named
 * out of three): its date and time, its count and the command that answers it, or its poll.
 */
async function showNext(ctx: MessageContext, text: string): Promise<void> {
  if (ctx.chat.kind === 'private') return showNextPrivately(ctx, namedIn(text));
  const scope = scopeOf(ctx);
  const { asked, all } = await gatheringsAskedAbout(scope, namedIn(text));
  if (asked.length === 1) {
    await ctx.reply(await stateMessage(scope, asked[0]!));
    return;
  }
  const { t, locale } = scope;
  const words = keywordsOf(all);
  const going = RSVP_COMMANDS.yes[locale === 'en' ? 'en' : 'fr'];
  const lines = await comingLines(scope, asked, async (g) => {
    if (g.status === 'tie') return ` — ${t('gatherings.state_tie')}`;
    if (g.status !== 'scheduled') {
      const poll = await findOpenPollOfGathering(scope.deps.db, g.id);
      return poll
        ? ` — ${t('gatherings.state_polling', {
            deadline: formatDeadline(poll.closesAt, scope.chat.timezone, locale, t),
          })}`
        : '';
    }
    const [counts = ''] = await rsvpLines(scope, g);
    return ` — ${counts} — ${t('gatherings.next_going', {
      command: escapeHtml(`/${going} ${words.get(g.id) ?? keywordOf(g)}`),
      interpolation: { escapeValue: false },
    })}`;
  });
  await ctx.reply([t('gatherings.events_title'), ...lines].join('\n'));
}

/**
 * "On sera 3", "nous serons quatre", "je viens avec 2 amis": the guests besides oneself. More
 * than the bot takes ("on sera 50") is refused with the range, as "/jeviens 49" is.
 */
export function guestsIn(plain: string, bare = plain): number {
  const party =
    /\b(?:on sera|on viendra a|on vient a|nous serons|nous viendrons a|we ll be|we will be|there will be) (\d{1,5}|[a-z]+)\b/.exec(
      plain,
    ) ?? firstMatch(PARTY_ELSEWHERE, bare);
  const bringing =
    /\b(?:je viens|je viendrai|i m coming|i ll come|i will come|we ll come|we will come) (?:avec|with) (\d{1,5}|[a-z]+)\b/.exec(
      plain,
    ) ?? firstMatch(BRINGING_ELSEWHERE, bare);
  const guests = party
    ? Math.max(0, toNumber(party[1]!) - 1)
    : bringing
      ? toNumber(bringing[1]!)
      : ONE_WITH_ME.some((pattern) => pattern.test(bare))
        ? 1
        : 0;
  if (guests > MAX_GUESTS) throw new UserFacingError('gatherings.bad_guests', { max: MAX_GUESTS });
  return guests;
}

function firstMatch(patterns: RegExp[], text: string): RegExpExecArray | null {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match;
  }
  return null;
}

/** A number written in figures or in words; any other word ("avec constructor") counts one. */
const toNumber = (word: string) => (/^\d+$/.test(word) ? Number(word) : (numberWord(word) ?? 1));

const BRINGING =
  /^(?:moi )?(?:j apporte|je ramene|j amene|je vais apporter|i ll bring|i will bring|i m bringing) (?!(?:quoi|quelque chose|qqch|rien|what|something|nothing)\b)\S/;

/** What follows "j'apporte" as it was typed, for /japporte ("J'apporte 2 galettes !"). */
export function broughtIn(text: string): string {
  return withoutAddress(text)
    .replace(
      /^(?:moi\s*,?\s*)?(?:j['’`]?\s?apporte|je\s+ram[eè]ne|j['’`]?\s?am[eè]ne|je\s+vais\s+apporter|i['’`]?ll\s+bring|i\s+will\s+bring|i['’`]?m\s+bringing)\s*:?\s*/iu,
      '',
    )
    .replace(/[\s.!]+$/u, '');
}

export function gatheringIntents(catalogue: KitCatalogue): IntentSpec[] {
  return [
    {
      name: 'gatherings.next',
      // Privately too: the next gathering of the person's groups (next-privately.ts).
      where: 'any',
      patterns: [
        new RegExp(`\\b${ASKING}\\b.*\\b${GATHERING}\\b`),
        new RegExp(
          `\\b${GATHERING}\\b.*\\b(?:c est quand|quand|quel jour|quelle date|quelle heure|commence|c est ou|ou ca|combien)\\b`,
        ),
        /\b(?:on est combien|on sera combien|combien on sera|combien d inscrits|combien de personnes viennent|a quelle heure demain|c est a quelle heure|how many are coming|what time tomorrow)\b/,
      ],
      unless: [/\b(?:kit|affiche|flyer|poster|invitation)\b/],
      names: TYPO_NAMES,
      offer: (t) => t('understanding.offer_next'),
      run: showNext,
    },
    {
      name: 'gatherings.going',
      // Privately ("eu vou", "I will come with my wife"): the answers stay in the group, where
      // everyone sees them; the next gathering is told, with how to answer there.
      where: 'any',
      patterns: [
        /\b(?:je viens|je serai la|j y serai|je participe|je suis partante?|on vient|on sera la|nous viendrons|count me in|i m coming|i ll come|i will come|i ll be there|we re coming)\b(?! (?:de|d|du|des|juste|chercher|voir|te|vous|demander|aider|d arriver))/,
        /\b(?:on sera|nous serons|on viendra a|on vient a|we ll be|we will be) (?:\d{1,5}|deux|trois|quatre|cinq|six|sept|huit|two|three|four|five)\b/,
      ],
      unless: [/\b(?:ne|pas|not|can t|won t)\b/],
      offer: (t) => t('understanding.offer_going'),
      run: (ctx, text) =>
        ctx.chat.kind === 'private'
          ? showNextPrivately(ctx, namedIn(text))
          : rsvpTo(ctx, namedIn(text), 'yes', () =>
              guestsIn(normalise(text), readWords(withoutAddress(text)).bare),
            ),
    },
    {
      name: 'gatherings.not_going',
      where: 'group',
      patterns: [
        /\b(?:je |j )?(?:ne )?(?:pourrai|peux|pourrais|viendrai|serai) (?:pas|plus) (?:venir|etre la|y etre|y aller|la)\b/,
        /\b(?:je ne viens pas|je viens pas|on ne viendra pas|on viendra pas|pas dispo ce jour|(?:i|we) can t come|(?:i|we) cannot come|(?:i|we) won t (?:come|be there|make it)|(?:i m|we re) not coming|can t make it)\b/,
      ],
      offer: (t) => t('understanding.offer_not_going'),
      run: (ctx, text) => rsvpTo(ctx, namedIn(text), 'no', () => 0),
    },
    {
      name: 'gatherings.list',
      where: 'group',
      patterns: [
        /\b(?:qui apporte quoi|on apporte quoi|qu est ce qu on apporte|j apporte quoi|qu est ce qui manque|il manque quoi|ce qui manque|la liste des courses|what should i bring|who brings what|what is missing)\b/,
      ],
      offer: (t) => t('understanding.offer_list'),
      run: (ctx) => list(asCommand(ctx, 'liste'), catalogue),
    },
    {
      name: 'gatherings.bring',
      where: 'group',
      // "J'apporte 2 galettes", "moi j'apporte chips, boissons": as /japporte (not "j'apporte
      // quoi ?", the list's question).
      patterns: [BRINGING],
      offer: (t) => t('understanding.offer_bring'),
      run: (ctx, text) => bring(asCommand(ctx, 'japporte', broughtIn(text))),
    },
    {
      name: 'gatherings.calendar',
      where: 'any',
      patterns: [
        /\b(?:ajouter?|ajoute|mettre|mets|met|rajouter|rajoute|noter|note|add|put|save)\b.*\b(?:agenda|calendrier|calendar)\b/,
        /\b(?:fichier (?:ics|agenda|calendrier)|ics file|calendar file)\b/,
      ],
      offer: (t) => t('understanding.offer_calendar'),
      run: (ctx) => calendarCommand(asCommand(ctx, 'agenda')),
    },
    {
      name: 'gatherings.maybe',
      where: 'group',
      patterns: [
        /^(?:peut etre|maybe|je sais pas encore|je ne sais pas encore|not sure yet)(?: (?:je viens|que je viendrai|i ll come))?$/,
      ],
      offer: (t) => t('understanding.offer_maybe'),
      run: (ctx, text) => rsvpTo(ctx, namedIn(text), 'maybe', () => 0),
    },
  ];
}
