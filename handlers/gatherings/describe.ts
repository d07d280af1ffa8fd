// What the group reads about a gathering: its name and when, the running RSVP count with
// the buttons to answer, and its whole state for /fete and /evenement.
import { findItems, findRsvps, type GatheringRow } from '../../db/queries/gatherings.ts';
import { findLatestPollOfGathering, tallyPoll } from '../../db/queries/polls.ts';
import { formatDate, formatTime } from '../calendar/french-dates.ts';
import { escapeHtml, type Choice, type OutboundMessage } from '../events.ts';
import { intlLocale, type Locale, type T } from '../i18n.ts';
import { listLines, missingLine } from './items.ts';
import type { Scope } from './scope.ts';
import { timeIn } from '../zoned-time.ts';
import { commandOf, distinctTitleAmongComing, tellApart, titleOf, toldTitle } from './names.ts';

/**
 * One line per gathering of `coming`, each told apart: "• <b>Galette</b> — samedi 12 juin
 * 2027, 16 h, salle commune", "• <b>Galette — date à choisir, sondage lancé par Alice le
 * jeu. 26 nov.</b>". `more`: what follows a line (its count, the command to answer).
 */
export async function comingLines(
  scope: Pick<Scope, 'deps' | 't' | 'locale' | 'chat'>,
  coming: GatheringRow[],
  more: (gathering: GatheringRow) => Promise<string> | string = () => '',
): Promise<string[]> {
  const told = await tellApart(scope, coming);
  const lines: string[] = [];
  for (const g of coming) {
    const named = told.get(g.id);
    const head = g.date
      ? `• <b>${titleOf(g, scope.t)}</b> — ${whenLine(g, scope.locale)}`
      : `• <b>${named ? toldTitle(named) : titleOf(g, scope.t)}</b>`;
    lines.push(`${head}${await more(g)}`);
  }
  return lines;
}

/** "vendredi 28 mai 2027, 19 h, cour intérieure" (what is known of it). */
export function whenLine(gathering: GatheringRow, locale: Locale): string {
  return [
    gathering.date ? formatDate(gathering.date, locale, 'long') : undefined,
    gathering.time ? formatTime(gathering.time, locale) : undefined,
    gathering.place ? escapeHtml(gathering.place) : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
}

export function rsvpChoices(gathering: GatheringRow, t: T): Choice[][] {
  const data = (answer: string, guests = 0) => `rsvp:${gathering.id}:${answer}:${guests}`;
  return [
    [
      { label: t('gatherings.rsvp_yes_button'), data: data('yes') },
      { label: t('gatherings.rsvp_yes_plus_button'), data: data('yes', 1) },
    ],
    [
      { label: t('gatherings.rsvp_maybe_button'), data: data('maybe') },
      { label: t('gatherings.rsvp_no_button'), data: data('no') },
    ],
  ];
}

/** "📅 Ajouter à mon agenda": the .ics file, privately (calendar-file.ts). */
export function calendarChoices(gathering: GatheringRow, t: T): Choice[][] {
  return gathering.date
    ? [[{ label: t('gatherings.calendar_button'), data: `gcal:${gathering.id}` }]]
    : [];
}

/** The counts line and who comes. */
export async function rsvpLines(scope: Scope, gathering: GatheringRow): Promise<string[]> {
  const { t } = scope;
  const rsvps = await findRsvps(scope.deps.db, gathering.id);
  const coming = rsvps.filter((r) => r.answer === 'yes');
  const guests = coming.reduce((sum, r) => sum + r.guests, 0);
  const counts = t('gatherings.rsvp_counts', {
    yes: coming.length + guests,
    maybe: rsvps.filter((r) => r.answer === 'maybe').length,
    no: rsvps.filter((r) => r.answer === 'no').length,
  });
  if (coming.length === 0) return [counts];
  const names = coming
    .map((r) =>
      r.guests > 0 ? `${escapeHtml(r.displayName)} (+${r.guests})` : escapeHtml(r.displayName),
    )
    .join(', ');
  return [counts, t('gatherings.rsvp_coming', { names, interpolation: { escapeValue: false } })];
}

/**
 * The running count: when, who comes, what is missing, and the buttons to answer.
 * `more`: lines said before the hint, just above the choices (the card's list).
 */
export async function summaryMessage(
  scope: Scope,
  gathering: GatheringRow,
  headline?: string,
  more: string[] = [],
): Promise<OutboundMessage> {
  const { t, locale } = scope;
  const items = await findItems(scope.deps.db, gathering.id);
  const lines = [
    headline ?? `📅 <b>${titleOf(gathering, t)}</b> — ${whenLine(gathering, locale)}`,
    ...(gathering.rainPlace ? [t('gatherings.rain_line', { place: gathering.rainPlace })] : []),
    '',
    ...(await rsvpLines(scope, gathering)),
    missingLine(items, t),
    ...more,
    '',
    t(
      scope.messenger.capabilities.inlineButtons
        ? 'gatherings.summary_hint'
        : 'gatherings.summary_hint_numbered',
    ),
  ];
  // Where choices are numbers, the running count keeps its four: the calendar file is one
  // more choice of the announcement only (lifecycle.ts), and /agenda says it at any time.
  const calendar = scope.messenger.capabilities.inlineButtons ? calendarChoices(gathering, t) : [];
  return {
    kind: 'text',
    text: lines.join('\n'),
    choices: [...rsvpChoices(gathering, t), ...calendar],
  };
}

/**
 * Everything about a gathering, for /fete and /evenement said again (its card). Where choices
 * are typed numbers, the card's one menu is its RSVP: the bring-list is shown with bullets,
 * not its item numbers, so that a "3" on the card can only mean the menu's 3 (tryout: a "3"
 * meant for the third item answered "peut-être"). /liste has the numbered list.
 */
export async function stateMessage(
  scope: Scope,
  gathering: GatheringRow,
): Promise<OutboundMessage> {
  const { t, locale, deps } = scope;
  if (gathering.status === 'scheduled') {
    const items = await findItems(deps.db, gathering.id);
    const typed = !scope.messenger.capabilities.inlineButtons;
    const list =
      items.length === 0
        ? []
        : [
            '',
            ...listLines(items, t, { bullets: typed }),
            ...(typed ? [t('gatherings.card_bring_hint')] : []),
          ];
    return summaryMessage(scope, gathering, undefined, list);
  }
  const poll = await findLatestPollOfGathering(deps.db, gathering.id);
  // Its date still to choose: named "Galette — date à choisir" when another galette is coming
  // (a scheduled one's headline already says its date).
  const lines = [`📊 <b>${await distinctTitleAmongComing(scope, gathering)}</b>`];
  if (poll) {
    const { counts, voters } = await tallyPoll(deps.db, poll);
    lines.push(
      gathering.status === 'tie'
        ? t('gatherings.state_tie')
        : t('gatherings.state_polling', {
            deadline: formatDeadline(poll.closesAt, scope.chat.timezone, locale, t),
          }),
      t('gatherings.state_voters', { count: voters }),
      ...poll.options.map(
        (date, i) =>
          `• ${t('format.pair', {
            label: formatDate(date, locale, 'long'),
            value: t('gatherings.votes', { count: counts[i] ?? 0 }),
            interpolation: { escapeValue: false },
          })}`,
      ),
    );
  }
  lines.push(
    '',
    t('gatherings.state_polling_hint', { command: commandOf(gathering.kind, locale) }),
  );
  return { kind: 'text', text: lines.join('\n') };
}

/** "jeudi 10 décembre à 20 h": a deadline in the group's time zone. */
/** "jeudi 10 décembre à 20 h" (times as the group writes them: formatTime). */
export function formatDeadline(at: Date, timeZone: string, locale: Locale, t: T): string {
  const day = new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone,
  }).format(at);
  const hhmm = timeIn(at, timeZone);
  return t('gatherings.date_at_time', { date: day, time: formatTime(hhmm, locale) });
}
