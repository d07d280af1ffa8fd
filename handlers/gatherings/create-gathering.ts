// /fete (this year's fête des voisins: a date poll with the national date and alternatives)
// and /evenement (any other gathering, poll optional): shown to everyone, created and
// changed by organisers.
import {
  createGathering,
  findComingGatherings,
  findFete,
  findOfficialFeteDate,
  type GatheringRow,
} from '../../db/queries/gatherings.ts';
import { defaultFeteDate } from '../calendar/fete-date.ts';
import { cityLinesFor } from '../kits/city-lines.ts';
import {
  addDays,
  daysBetween,
  findDate,
  findHours,
  formatDate,
  parseDateList,
} from '../calendar/french-dates.ts';
import type { CommandWords } from '../command-words.ts';
import { withBothChecked } from '../calendar/date-and-hours.ts';
import { UserFacingError } from '../errors.ts';
import { looksLikeHealthData } from '../health-words.ts';
import type { MessageContext } from '../feature.ts';
import type { KitsOptions } from '../kits/index.ts';
import { createKitIndex } from '../kits/find-kit.ts';
import { comingLines, stateMessage } from './describe.ts';
import { commandOf } from './names.ts';
import { checkPollSize, chooseDate, startDatePoll } from './lifecycle.ts';
import { scopeOf, type Scope } from './scope.ts';
import {
  actionOffer,
  checkActionArgs,
  checkPlace,
  isNoPlace,
  readAction,
  requireOrganiser,
  runAction,
} from './organiser-actions.ts';
import { targetGathering } from './rsvp.ts';

const MAX_TITLE_LENGTH = 60;

/** A yearless date read as next year's this far ahead or more gets a note (a past date meant?). */
const HALF_A_YEAR = 183;

/** Kits whose poster and invitation suit a gathering named after them. */
const GATHERING_KITS = new Set(['fete-des-voisins', 'galette', 'noel', 'rentree']);

/** The /fete and /evenement commands; events named after a kit get its invitation. */
export function createGatheringCreation(kits: KitsOptions) {
  const kitIndex = createKitIndex(kits.catalogue);

  /** "Galette des rois" → the galette kit; "apéro" → none. */
  function kitOfTitle(title: string): string | null {
    const found = kitIndex.find(title);
    return 'id' in found && GATHERING_KITS.has(found.id) ? found.id : null;
  }

  // --- /fete and /evenement ---

  /** This year's fête: the national date (set by an administrator, else computed). */
  async function feteOptions(scope: Scope) {
    const { deps, t, locale, today } = scope;
    const thisYear = Number(today.slice(0, 4));
    for (const year of [thisYear, thisYear + 1]) {
      const official = await findOfficialFeteDate(deps.db, year);
      const computed = defaultFeteDate(year);
      const main = official ?? computed.date;
      if (main <= addDays(today, 2)) continue;
      const dates = [main, addDays(main, 1), addDays(main, 7)];
      const mark = official
        ? t('gatherings.official_date')
        : computed.toConfirm
          ? t('gatherings.official_to_confirm')
          : t('gatherings.official_date');
      const labels = dates.map(
        (d, i) => formatDate(d, locale, 'long') + (i === 0 ? ` — ${mark}` : ''),
      );
      return { year, dates, labels };
    }
    throw new Error('no fête date in the next two years');
  }

  async function createFete(ctx: MessageContext, scope: Scope, args: string): Promise<void> {
    const { time, place, datesText } = readFeteArgs(args, scope);
    const options =
      datesText === ''
        ? await feteOptions(scope)
        : (() => {
            const dates = parseDateList(datesText, scope.today, { locale: scope.locale });
            return {
              year: Number(dates[0]!.slice(0, 4)),
              dates,
              labels: dates.map((d) => formatDate(d, scope.locale, 'long')),
            };
          })();
    checkPollSize(ctx.messenger, options.dates);
    const gathering = await createGathering(ctx.deps.db, {
      chatId: ctx.chat.id,
      kind: 'fete',
      title: null,
      year: options.year,
      status: 'polling',
      date: null,
      time: time?.time ?? null,
      place: place?.place ?? null,
      kitId: 'fete-des-voisins',
      createdBy: ctx.person.id,
      createdAt: ctx.now,
    });
    if (!gathering) {
      const existing = await findFete(ctx.deps.db, ctx.chat.id, options.year);
      if (existing) await ctx.reply(await stateMessage(scope, existing));
      return;
    }
    if (options.dates.length === 1) {
      await chooseDate(scope, gathering, options.dates[0]!);
      return;
    }
    await startDatePoll(scope, gathering, options.dates, options.labels);
  }

  async function fete(ctx: MessageContext): Promise<void> {
    const scope = scopeOf(ctx);
    const args = ctx.event.command?.args.trim() ?? '';
    const { action, rest } = readAction(ctx.deps.i18n.commandWords, args);
    const [current] = await findComingGatherings(ctx.deps.db, ctx.chat.id, scope.today, 'fete');
    if (action) {
      if (!current) throw new UserFacingError('gatherings.no_fete');
      await requireOrganiser(ctx);
      return runAction(ctx, scope, current, action, rest);
    }
    if (current) {
      if (args !== '') return answerDatesForExisting(ctx, scope, current, args);
      await ctx.reply(await stateMessage(scope, current));
      return;
    }
    await requireOrganiser(ctx);
    await createFete(ctx, scope, args);
    // In a partner city: what the mairie offers for the fête (its programme's line).
    const city = await cityLinesFor(ctx.deps, ctx.chat, 'fete-des-voisins', ctx.t);
    if (city.length > 0) await ctx.reply(city.join('\n'));
  }

  async function event(ctx: MessageContext): Promise<void> {
    const scope = scopeOf(ctx);
    const args = ctx.event.command?.args.trim() ?? '';
    const { action, rest } = readAction(ctx.deps.i18n.commandWords, args);
    const coming = await findComingGatherings(ctx.deps.db, ctx.chat.id, scope.today, 'other');
    if (action) {
      if (coming.length === 0) throw new UserFacingError('gatherings.no_event');
      await requireOrganiser(ctx);
      // With several coming, the one named (`/evenement annuler galette2`), else asked.
      const typed = args.split(/\s+/, 1)[0] ?? '';
      const target = await targetGathering(ctx, rest, {
        kind: 'other',
        command: { fr: `evenement ${typed}`, en: `event ${typed}` },
        check: (what) => checkActionArgs(action, what, scope, 'other'),
        offer: actionOffer(ctx.t, action),
      });
      if (!target) return;
      return runAction(ctx, scope, target.gathering, action, target.rest);
    }
    if (args === '') {
      if (coming.length === 0) {
        await ctx.reply(ctx.t('gatherings.event_usage'));
        return;
      }
      const lines = await comingLines(scope, coming);
      await ctx.reply(
        `${ctx.t('gatherings.events_title')}\n${lines.join('\n')}\n\n${ctx.t('gatherings.event_usage')}`,
      );
      return;
    }
    await requireOrganiser(ctx);
    await createEvent(ctx, scope, args);
  }

  async function createEvent(ctx: MessageContext, scope: Scope, args: string): Promise<void> {
    // Its title and place go in the group's announcement and everyone's calendar file: none
    // of it is kept when it speaks of health ("visite à Mme Martin, sortie de l'hôpital").
    if (looksLikeHealthData(args)) throw new UserFacingError('gatherings.no_health_event');
    const poll = pollWord(ctx.deps.i18n.commandWords, args);
    let title: string;
    let dates: string[];
    let time: string | null = null;
    let place: string | null = null;
    // An impossible date and an impossible time are both named (`31/02 25h`).
    const found = poll
      ? undefined
      : withBothChecked(
          () => findDate(args, scope.today, { locale: scope.locale }),
          () => findHours(args),
        );
    // "galette el sábado 9 de enero, el domingo 10 de enero a las 16h" with no poll word
    // (or one the bot does not know): several dates are a poll, never a place. The time is
    // no date ("saat 16.00'da").
    const several =
      found &&
      findDate(withoutHours(args.slice(found.end)), scope.today, {
        locale: scope.locale,
      });
    if (poll || several) {
      const start = poll ? poll.end : found!.start;
      title = args.slice(0, poll ? poll.start : found!.start).trim();
      // One time for all the dates ("…, el domingo 10 de enero a las 16h"), as /fete reads it.
      let datesText = args.slice(start);
      const foundTime = findHours(datesText);
      if (foundTime) {
        time = foundTime.time ?? null;
        datesText = `${datesText.slice(0, foundTime.start)} ${datesText.slice(foundTime.end)}`;
      }
      dates = parseDateList(datesText, scope.today, { locale: scope.locale });
      if (dates.length < 2) throw new UserFacingError('gatherings.poll_needs_dates');
      checkPollSize(ctx.messenger, dates);
    } else {
      if (!found) throw new UserFacingError('gatherings.event_needs_date');
      title = args.slice(0, found.start).trim();
      dates = [found.date];
      let after = args.slice(found.end);
      // "en soirée", "de 19h à 23h", "a las 16h", "saat 16'da" are the hours (their start is
      // kept), never the place; nor are the words left around them ("las", "saat", ",").
      const foundTime = findHours(after);
      if (foundTime) {
        time = foundTime.time ?? null;
        after = `${after.slice(0, foundTime.start)} ${after.slice(foundTime.end)}`;
      }
      if (!isNoPlace(after)) place = checkPlace(after, commandOf('other', scope.locale));
    }
    title = title.replace(/[,:;-]+$/, '').trim();
    if (title === '') throw new UserFacingError('gatherings.event_needs_title');
    if (title.length > MAX_TITLE_LENGTH) {
      throw new UserFacingError('gatherings.title_too_long', { max: MAX_TITLE_LENGTH });
    }
    const gathering = await createGathering(ctx.deps.db, {
      chatId: ctx.chat.id,
      kind: 'other',
      title,
      year: Number(dates[0]!.slice(0, 4)),
      status: 'polling',
      date: null,
      time,
      place,
      kitId: kitOfTitle(title),
      createdBy: ctx.person.id,
      createdAt: ctx.now,
    });
    if (!gathering) throw new Error('createGathering refused an event');
    if (dates.length === 1) {
      // "01/12" typed on 8 December is next year's: said, in case a past date was meant.
      const farNextYear = found?.nextYear && daysBetween(scope.today, dates[0]!) > HALF_A_YEAR;
      const note = farNextYear
        ? ctx.t('gatherings.date_next_year', {
            year: dates[0]!.slice(0, 4),
            command: commandOf('other', scope.locale),
          })
        : undefined;
      await chooseDate(scope, gathering, dates[0]!, note ? { note } : {});
      return;
    }
    const labels = dates.map((d) => formatDate(d, scope.locale, 'long'));
    await startDatePoll(scope, gathering, dates, labels);
  }

  return { fete, event };
}

/**
 * `/fete 28/05 19h cour` while this year's fête exists (its poll open, or its date set): the
 * dates are read as for a new fête, so that one that does not exist is named; a good one
 * gets the command that does it (`/fete date 28/05`, which closes the poll), never only the
 * poll's status. Setting dates is the organisers'.
 */
async function answerDatesForExisting(
  ctx: MessageContext,
  scope: Scope,
  current: GatheringRow,
  args: string,
): Promise<void> {
  await requireOrganiser(ctx);
  const { time, datesText } = readFeteArgs(args, scope);
  if (datesText === '') {
    await ctx.reply(await stateMessage(scope, current));
    return;
  }
  const dates = parseDateList(datesText, scope.today, { locale: scope.locale });
  const command = commandOf('fete', scope.locale);
  const key =
    dates.length > 1
      ? 'gatherings.fete_exists_dates'
      : current.status === 'scheduled'
        ? 'gatherings.fete_exists_move'
        : 'gatherings.fete_exists_poll_open';
  await ctx.reply(
    ctx.t(key, {
      command,
      // `/fete date 28/05 19h` takes the time too (the place: `/fete lieu`).
      typed:
        time && dates.length === 1 ? `${datesText} ${args.slice(time.start, time.end)}` : datesText,
      date: formatDate(dates[0]!, scope.locale, 'long'),
      interpolation: { escapeValue: false },
    }),
  );
}

/**
 * `/fete`'s words: a time may come with the dates ("de 19h à 23h": its start; "samedi soir":
 * no time kept, and the words are no date either), and one date may be followed by its place
 * ("/fete 28/05 19h cour intérieure", as /kit's example). An impossible date or time, or a
 * place the bot will not keep, is refused here.
 */
function readFeteArgs(
  args: string,
  scope: Scope,
): {
  time: ReturnType<typeof findHours>;
  place: { date: string; place: string } | undefined;
  datesText: string;
} {
  const time = withBothChecked(
    () => findHours(args),
    () => findDate(args, scope.today, { locale: scope.locale }),
  );
  let datesText = time ? `${args.slice(0, time.start)} ${args.slice(time.end)}`.trim() : args;
  const place = onePlaceAfterDate(datesText, scope);
  if (place) datesText = place.date;
  return { time, place, datesText };
}

/**
 * "28/05 cour intérieure": a date, then words that are no date (and no list of dates): the
 * place (checked as `/fete lieu` checks it). Undefined for a list of dates, or for text a date
 * list reads (its own errors then say what is wrong).
 */
function onePlaceAfterDate(
  text: string,
  scope: Scope,
): { date: string; place: string } | undefined {
  const found = findDate(text, scope.today, { locale: scope.locale });
  if (!found || text.slice(0, found.start).trim() !== '') return undefined;
  const after = text
    .slice(found.end)
    .replace(/^[\s,;:–-]+/u, '')
    .trim();
  if (isNoPlace(after)) return undefined;
  if (findDate(after, scope.today, { locale: scope.locale })) return undefined;
  try {
    parseDateList(text, scope.today, { locale: scope.locale });
    return undefined;
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
  }
  return {
    date: text.slice(found.start, found.end),
    place: checkPlace(after, commandOf('fete', scope.locale)),
  };
}

/** The text without its first time of day ("a las 16h", "16.00'da", "de 19h à 23h"). */
function withoutHours(text: string): string {
  const found = findHours(text);
  return found ? `${text.slice(0, found.start)} ${text.slice(found.end)}` : text;
}

/** Where "sondage" (or "poll", "votação"…: any language's word) splits a title from dates. */
function pollWord(words: CommandWords, args: string): { start: number; end: number } | undefined {
  for (const match of args.matchAll(/\S+/gu)) {
    if (words.find('poll', match[0])) {
      return { start: match.index, end: match.index + match[0].length };
    }
  }
  return undefined;
}
