// RSVPs: /jeviens [+n], /peutetre, /jenepeuxpas and the buttons under the announcement.
import {
  findComingGatherings,
  releaseClaims,
  saveRsvp,
  type GatheringRow,
  type RsvpAnswer,
} from '../../db/queries/gatherings.ts';
import type { ChatRow } from '../../db/queries/chats.ts';
import { UserFacingError } from '../errors.ts';
import { escapeHtml, type Choice } from '../events.ts';
import { formatDate } from '../calendar/french-dates.ts';
import { plain } from '../plain-words.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import {
  distinctTitleAmongComing,
  distinctTitles,
  plainTitleOf,
  tellApart,
  titleOf,
} from './names.ts';
import { refreshSummary } from './lifecycle.ts';
import { scopeOf, type Scope } from './scope.ts';

export const MAX_GUESTS = 20;
/** The longest arguments repeated in "which gathering?" (an item name and its note fit). */
const MAX_REPEATED = 80;

/**
 * The gatherings asked about ("c'est quand la galette ?"): those `named` ("galette", as
 * keywordOf gives it) when one is, else all those coming (`all`); soonest first.
 */
export async function gatheringsAskedAbout(
  scope: Scope,
  named = '',
): Promise<{ asked: GatheringRow[]; all: GatheringRow[] }> {
  const all = await findComingGatherings(scope.deps.db, scope.chat.id, scope.today);
  if (all.length === 0) throw new UserFacingError('gatherings.no_gathering');
  const those = all.filter((g) => named !== '' && keywordOf(g) === named);
  return { asked: those.length > 0 ? those : all, all };
}

/** The word that names a gathering in a command: "fete", or its title's first word. */
export function keywordOf(gathering: GatheringRow): string {
  return gathering.kind === 'fete' ? 'fete' : (plain(gathering.title ?? '').split(' ')[0] ?? '');
}

/**
 * The word naming each coming gathering in a command: its keyword, numbered in date order
 * where two share it (two fêtes in one group: "fete1", "fete2"), so that each is named apart.
 */
export function keywordsOf(coming: GatheringRow[]): Map<number, string> {
  const words = new Map<number, string>();
  for (const g of coming) {
    const base = keywordOf(g);
    const same = coming.filter((other) => keywordOf(other) === base);
    words.set(g.id, same.length > 1 ? `${base}${same.indexOf(g) + 1}` : base);
  }
  return words;
}

export interface Targeted {
  gathering: GatheringRow;
  /** The command's arguments after the word that named the gathering, if any. */
  rest: string;
}

/**
 * The gathering a command is about. With one coming, that one; with several (a fête and a
 * galette), the one the first word names (`/jeviens galette`, `/liste fete ajouter 3 chaises`),
 * else nothing is done: the bot asks which, naming each with its date and the command that
 * targets it, and, where `offer` gives one, a choice per gathering. A command never acts on a
 * gathering the person did not mean.
 */
export async function targetGathering(
  ctx: MessageContext,
  args: string,
  options: {
    command: { fr: string; en: string };
    /** A choice for a gathering, given what tells it apart from the others (its date…). */
    offer?: (gathering: GatheringRow, apart: string) => Choice | undefined;
    /**
     * Whether the gathering's name may also come second, after `first` (`/liste imprimer
     * galette1`), when `following` comes after it; the name first is always understood.
     */
    nameAfter?: (first: string, following: string, numbered: boolean) => boolean;
    /**
     * Checks the arguments when no gathering is named, before asking which: bad input is
     * refused at once (it would be refused once the gathering is chosen, and is not repeated
     * in the question). Throws a UserFacingError.
     */
    check?: (args: string) => void;
    /** The group whose gatherings are meant, when asked privately (default: this chat). */
    group?: ChatRow;
    /** Only gatherings of this kind (`/evenement annuler`: the events, never the fête). */
    kind?: GatheringRow['kind'];
  },
): Promise<Targeted | undefined> {
  const scope = scopeOf(ctx, options.group);
  const { t } = scope;
  const coming = await findComingGatherings(
    scope.deps.db,
    scope.chat.id,
    scope.today,
    options.kind,
  );
  if (coming.length === 0) throw new UserFacingError('gatherings.no_gathering');
  const trimmed = args.trim();
  const [word = '', rest = ''] = trimmed.split(/\s+(.*)/s, 2);
  const words = keywordsOf(coming);
  const wordOf = (g: GatheringRow) => words.get(g.id) ?? keywordOf(g);
  const namedBy = (typed: string) =>
    coming.filter((g) => wordOf(g) !== '' && wordOf(g) === plain(typed));
  const named = namedBy(word);
  if (named.length === 1) return { gathering: named[0]!, rest: rest.trim() };
  // The name after an action's word: `/liste imprimer galette1` = `/liste galette1 imprimer`.
  const [second = '', following = ''] = rest.trim().split(/\s+(.*)/s, 2);
  const namedSecond = namedBy(second);
  if (namedSecond.length === 1 && options.nameAfter?.(word, following.trim(), /\d$/.test(second))) {
    return { gathering: namedSecond[0]!, rest: `${word} ${following.trim()}`.trim() };
  }
  if (coming.length === 1) return { gathering: coming[0]!, rest: trimmed };
  options.check?.(trimmed);
  const command = options.command[ctx.locale === 'en' ? 'en' : 'fr'];
  // What was typed is repeated in the commands offered, if it is short.
  const repeated = trimmed === '' ? '' : trimmed.length <= MAX_REPEATED ? ` ${trimmed}` : ' …';
  const told = await tellApart(scope, coming);
  const apartOf = (g: GatheringRow) => told.get(g.id)?.apart ?? '';
  const lines = coming.map((g) =>
    t('gatherings.which_line', {
      title: titleOf(g, t),
      date: g.date ? formatDate(g.date, ctx.locale, 'long') : escapeHtml(apartOf(g)),
      command: escapeHtml(`/${command} ${wordOf(g)}${repeated}`),
      interpolation: { escapeValue: false },
    }),
  );
  const choices = coming.flatMap((g) => {
    const choice = options.offer?.(g, apartOf(g));
    return choice ? [[choice]] : [];
  });
  await ctx.reply({
    kind: 'text',
    text: [t('gatherings.which'), ...lines].join('\n'),
    ...(choices.length > 0 ? { choices, audience: ctx.event.sender.id, once: true } : {}),
  });
  return undefined;
}

/** An RSVP choice for a gathering whose date is set. */
function rsvpOffer(ctx: MessageContext, answer: RsvpAnswer, guests: number) {
  return (g: GatheringRow): Choice | undefined =>
    g.status === 'scheduled'
      ? {
          // A label is plain text: the platform shows it as it is (escaping it showed &amp;).
          label: `${plainTitleOf(g, ctx.t)}${g.date ? ` — ${formatDate(g.date, ctx.locale, 'short')}` : ''}`,
          data: `rsvp:${g.id}:${answer}:${guests}`,
        }
      : undefined;
}

export const RSVP_COMMANDS: Record<RsvpAnswer, { fr: string; en: string }> = {
  yes: { fr: 'jeviens', en: 'going' },
  maybe: { fr: 'peutetre', en: 'maybe' },
  no: { fr: 'jenepeuxpas', en: 'notgoing' },
};

/** An RSVP said by a command or in words: to the gathering meant, asked back when unclear. */
export async function rsvpTo(
  ctx: MessageContext,
  args: string,
  answer: RsvpAnswer,
  guestsFrom: (rest: string) => number,
): Promise<void> {
  // The guests are known before the target: "/jeviens 2" with two gatherings offers both,
  // and "/jeviens -3" is refused before any question.
  let guestsHere = 0;
  const target = await targetGathering(ctx, args, {
    command: RSVP_COMMANDS[answer],
    check: (rest) => {
      if (answer === 'yes') guestsHere = guestsFrom(rest);
    },
    offer: (g) => rsvpOffer(ctx, answer, guestsHere)(g),
  });
  if (!target) return;
  const guests = answer === 'yes' ? guestsFrom(target.rest) : 0;
  await rsvp(ctx, target.gathering, answer, guests);
}

export async function rsvp(
  ctx: HandlerContext,
  gathering: GatheringRow,
  answer: RsvpAnswer,
  guests: number,
): Promise<void> {
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  if (gathering.status !== 'scheduled') throw new UserFacingError('gatherings.date_not_chosen');
  const { deps, t, person } = ctx;
  await saveRsvp(
    deps.db,
    { gatheringId: gathering.id, personId: person.id, answer, guests },
    { chatId: gathering.chatId, at: ctx.now },
  );
  const released = answer === 'no' ? await releaseClaims(deps.db, gathering.id, person.id) : [];
  const pressed = ctx.event.type === 'choice' && ctx.event.callbackId !== undefined;
  if (!pressed || released.length > 0) {
    const lines = [
      t(
        answer === 'yes' && guests > 0
          ? 'gatherings.rsvp_noted_guests'
          : `gatherings.rsvp_noted_${answer}`,
        {
          name: escapeHtml(person.displayName),
          count: guests,
          title: await distinctTitleOf(ctx, gathering),
          interpolation: { escapeValue: false },
        },
      ),
    ];
    if (released.length > 0) {
      lines.push(
        t('gatherings.claims_released', {
          items: released.map(escapeHtml).join(', '),
          interpolation: { escapeValue: false },
        }),
      );
    }
    await ctx.reply(lines.join('\n'));
  }
  await refreshSummary(scopeOf(ctx), gathering);
}

/**
 * A gathering's name in an answer, told apart when another coming gathering of the group has
 * the same name (two "Fête des voisins"): the answer says which one it acted on.
 */
export async function distinctTitleOf(ctx: HandlerContext, gathering: GatheringRow) {
  return distinctTitleAmongComing(scopeOf(ctx), gathering);
}

/**
 * The line that says which gathering an answer acted on, when more than one is coming in the
 * group (the list of which one: "/japporte 2" went to the galette, not the fête); none when
 * there is only one.
 */
export async function whichGatheringLine(
  ctx: HandlerContext,
  gathering: GatheringRow,
): Promise<string[]> {
  const scope = scopeOf(ctx);
  const coming = await findComingGatherings(ctx.deps.db, gathering.chatId, scope.today);
  if (!coming.some((g) => g.id !== gathering.id)) return [];
  const among = coming.some((g) => g.id === gathering.id) ? coming : [...coming, gathering];
  const title = (await distinctTitles(scope, among)).get(gathering.id) ?? '';
  return [`🧺 ${ctx.t('gatherings.list_which', { title, interpolation: { escapeValue: false } })}`];
}

/**
 * "/jeviens 2": the people coming along, a whole number from 0 to MAX_GUESTS ("2 enfants" is
 * 2). Anything else ("-3", "3.5", "1000", "beaucoup") is refused with the range, nothing saved.
 */
export function guestsOf(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  const match = /^\+?\s*(\d{1,3})(?![\d.,])/.exec(trimmed);
  const guests = Number(match?.[1] ?? NaN);
  if (!Number.isInteger(guests) || guests > MAX_GUESTS) {
    throw new UserFacingError('gatherings.bad_guests', { max: MAX_GUESTS });
  }
  return guests;
}

export const rsvpCommand = (answer: RsvpAnswer) => async (ctx: MessageContext) => {
  await rsvpTo(ctx, ctx.event.command?.args ?? '', answer, guestsOf);
};

/** `rsvp:<gathering>:<answer>[:<guests>]`, the gathering checked by the router. */
export async function rsvpChoice(
  ctx: ChoiceContext,
  gathering: GatheringRow,
  rest: string,
): Promise<void> {
  const [, answer = '', guests = '0'] = rest.split(':');
  if (answer !== 'yes' && answer !== 'maybe' && answer !== 'no') {
    throw new UserFacingError('router.stale_choice');
  }
  const count = /^\d{1,2}$/.test(guests) ? Number(guests) : NaN;
  if (!(count <= MAX_GUESTS)) throw new UserFacingError('router.stale_choice');
  await rsvp(ctx, gathering, answer, count);
}
