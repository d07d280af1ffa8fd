// How the group reads a gathering's name: its title (the fête's is the year's), told apart
// from another coming under the same name by its date, or, for two whose date is still to
// choose, by who started each poll and when; and the command of its kind in examples.
import {
  findComingGatherings,
  findCreatorNames,
  type GatheringRow,
} from '../../db/queries/gatherings.ts';
import { findLatestPollOfGathering } from '../../db/queries/polls.ts';
import { formatDate, formatTime } from '../calendar/french-dates.ts';
import { escapeHtml } from '../events.ts';
import type { Locale, T } from '../i18n.ts';
import { timeIn, todayIn } from '../zoned-time.ts';
import type { Scope } from './scope.ts';

export function titleOf(gathering: GatheringRow, t: T): string {
  return escapeHtml(plainTitleOf(gathering, t));
}

/** The name as plain text (a calendar file, a poll question): no markup, nothing escaped. */
export function plainTitleOf(gathering: GatheringRow, t: T): string {
  return gathering.kind === 'fete'
    ? t('gatherings.fete_title', { year: gathering.year })
    : capitalise(gathering.title ?? '');
}

/** How a gathering is told apart from the others coming (plain text, nothing escaped). */
export interface ToldApart {
  title: string;
  /**
   * Its date ("sam. 26 juin"), or "date à choisir", followed, when another gathering of the
   * same name has no date either, by who started its poll and when ("date à choisir, sondage
   * lancé par Alice le jeu. 26 nov.", with the time when the day is the same, with the dates
   * its poll proposes when that is the same too): numbered "galette1" and "galette2", two
   * polls of the same name meant nothing to the group (December 2026 tryout).
   */
  apart: string;
  /** Another of `coming` has the same name. */
  twin: boolean;
}

/** The name of each of `coming`, and what tells it apart from the others. */
export async function tellApart(
  scope: Pick<Scope, 'deps' | 't' | 'locale' | 'chat'>,
  coming: GatheringRow[],
): Promise<Map<number, ToldApart>> {
  const { t, locale } = scope;
  const titles = new Map(coming.map((g) => [g.id, plainTitleOf(g, t)]));
  const sameName = (g: GatheringRow) =>
    coming.filter((other) => other.id !== g.id && titles.get(other.id) === titles.get(g.id));
  const undatedTwins = coming.filter((g) => !g.date && sameName(g).some((other) => !other.date));
  const creators = await findCreatorNames(
    scope.deps.db,
    undatedTwins.map((g) => g.id),
  );
  const zone = scope.chat.timezone;
  /** "sondage lancé par Alice le jeu. 26 nov." (with the time when the day is not enough). */
  const origin = (g: GatheringRow, withTime: boolean) => {
    const day = formatDate(todayIn(g.createdAt, zone), locale, 'short');
    const date = withTime
      ? t('gatherings.date_at_time', {
          date: day,
          time: formatTime(timeIn(g.createdAt, zone), locale),
          interpolation: { escapeValue: false },
        })
      : day;
    const name = creators.get(g.id);
    return name === undefined
      ? t('gatherings.poll_started_on', { date, interpolation: { escapeValue: false } })
      : t('gatherings.poll_started_by', { name, date, interpolation: { escapeValue: false } });
  };
  /** Started the same minute by the same person: the dates its poll proposes. */
  const proposed = async (g: GatheringRow) => {
    const poll = await findLatestPollOfGathering(scope.deps.db, g.id);
    const dates = (poll?.options ?? []).map((d) => formatDate(d, locale, 'short')).join(', ');
    return t('gatherings.poll_of_dates', { dates, interpolation: { escapeValue: false } });
  };
  const told = new Map<number, ToldApart>();
  for (const g of coming) {
    const twin = sameName(g).length > 0;
    let apart = g.date ? formatDate(g.date, locale, 'short') : t('gatherings.which_no_date');
    if (undatedTwins.includes(g)) {
      const others = sameName(g).filter((other) => !other.date);
      const byDay = origin(g, false);
      const byTime = origin(g, true);
      const said = !others.some((other) => origin(other, false) === byDay)
        ? byDay
        : !others.some((other) => origin(other, true) === byTime)
          ? byTime
          : await proposed(g);
      apart = `${apart}, ${said}`;
    }
    told.set(g.id, { title: titles.get(g.id) ?? '', apart, twin });
  }
  return told;
}

/** "Galette — sam. 26 juin" for a twin, "Galette" otherwise: escaped. */
export function toldTitle(told: ToldApart): string {
  return escapeHtml(told.twin ? `${told.title} — ${told.apart}` : told.title);
}

/**
 * The name of each of `coming` as the group reads it among the others: with what tells it
 * apart when another of them has the same name (two "Galette"); escaped.
 */
export async function distinctTitles(
  scope: Pick<Scope, 'deps' | 't' | 'locale' | 'chat'>,
  coming: GatheringRow[],
): Promise<Map<number, string>> {
  const told = await tellApart(scope, coming);
  return new Map([...told].map(([id, one]) => [id, toldTitle(one)]));
}

/**
 * A gathering's name among those coming in its group (itself counted even when it is no
 * longer coming): the answer says which one it acted on; escaped.
 */
export async function distinctTitleAmongComing(
  scope: Pick<Scope, 'deps' | 't' | 'locale' | 'chat' | 'today'>,
  gathering: GatheringRow,
): Promise<string> {
  const coming = await findComingGatherings(scope.deps.db, gathering.chatId, scope.today);
  const among = coming.some((g) => g.id === gathering.id) ? coming : [...coming, gathering];
  return (await distinctTitles(scope, among)).get(gathering.id) ?? titleOf(gathering, scope.t);
}

/**
 * The command of a gathering's kind in an example ("/evenement heure 19h", never "/fete" for
 * an event): its English name in English, its French one elsewhere (commands.ts).
 */
export function commandOf(kind: GatheringRow['kind'], locale: Locale): string {
  const names = kind === 'fete' ? { fr: 'fete', en: 'party' } : { fr: 'evenement', en: 'event' };
  return `/${names[locale === 'en' ? 'en' : 'fr']}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr') + text.slice(1);
}
