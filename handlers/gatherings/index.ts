// Gatherings by command: /fete (this year's fête des voisins: a date poll with the national
// date and alternatives), /evenement (any other gathering, poll optional), RSVPs with
// guests, and the "who brings what" list that always says what is missing.
import {
  addItem,
  claimItem,
  createGathering,
  deleteItem,
  eraseGatheringDataOfPerson,
  findComingGatherings,
  findFete,
  findItem,
  findItemByPosition,
  findItems,
  findOfficialFeteDate,
  releaseClaims,
  saveOfficialFeteDate,
  saveRsvp,
  unclaimItem,
  updateGathering,
  GATHERING_DATA_OF_PERSON,
  type GatheringDataOfPerson,
  type GatheringRow,
  type ItemRow,
  type RsvpAnswer,
} from '../../db/queries/gatherings.ts';
import { savePersonSeen } from '../../db/queries/people.ts';
import {
  eraseVotesOfPerson,
  findOpenPollOfGathering,
  findPollByExternalId,
  savePollVote,
} from '../../db/queries/polls.ts';
import { defaultFeteDate } from '../calendar/fete-date.ts';
import {
  addDays,
  findDate,
  findTime,
  formatDate,
  parseDateList,
} from '../calendar/french-dates.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import { escapeHtml, type PollClosedEvent, type PollVoteEvent } from '../events.ts';
import type {
  ChoiceContext,
  CommandSpec,
  Feature,
  HandlerContext,
  MessageContext,
} from '../feature.ts';
import type { KitsOptions } from '../kits/index.ts';
import { deliverKit } from '../kits/deliver-kit.ts';
import { plain } from '../plain-words.ts';
import { createKitIndex } from '../kits/find-kit.ts';
import type { Messenger } from '../ports.ts';
import type { PrivacySection } from '../privacy/registry.ts';
import { stateMessage, titleOf, whenLine } from './describe.ts';
import {
  itemWithCount,
  listLines,
  MAX_ITEMS,
  missingLine,
  parseItem,
  parseQuantity,
  remainingOf,
} from './items.ts';
import {
  answerLateVote,
  cancelGathering,
  checkPollSize,
  chooseDate,
  closeDatePoll,
  gatheringInChat,
  invitationKit,
  movePollDeadline,
  refreshSummary,
  runCloseDatePoll,
  runPostGatheringSummary,
  runRemindGathering,
  runRemindPollVoters,
  startDatePoll,
  validSelection,
} from './lifecycle.ts';
import { scopeOf, scopeOfChat, type Scope } from './scope.ts';

const MAX_TITLE_LENGTH = 60;
const MAX_PLACE_LENGTH = 60;
const MAX_GUESTS = 20;
/** Buttons under the list: one per missing item, at most. */
const MAX_BRING_BUTTONS = 8;

type Action = 'close' | 'date' | 'time' | 'place' | 'rain' | 'deadline' | 'cancel';

const ACTION_WORDS: Record<string, Action> = {
  clore: 'close',
  cloturer: 'close',
  fermer: 'close',
  close: 'close',
  date: 'date',
  deplacer: 'date',
  move: 'date',
  heure: 'time',
  time: 'time',
  lieu: 'place',
  place: 'place',
  pluie: 'rain',
  repli: 'rain',
  rain: 'rain',
  delai: 'deadline',
  echeance: 'deadline',
  deadline: 'deadline',
  annuler: 'cancel',
  cancel: 'cancel',
};

function readAction(args: string): { action?: Action; rest: string } {
  const [first = '', rest = ''] = args.split(/\s+(.*)/s, 2);
  const action = ACTION_WORDS[plain(first)];
  return action ? { action, rest: rest.trim() } : { rest: args };
}

async function requireOrganiser(ctx: HandlerContext): Promise<void> {
  if (!(await ctx.isOrganiser())) throw new UserFacingError('router.organisers_only');
}

function checkPlace(text: string): string {
  const place = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:à|a|au|dans|at|in)\s+/iu, '');
  if (place === '') throw new UserFacingError('gatherings.place_missing');
  if (place.length > MAX_PLACE_LENGTH) {
    throw new UserFacingError('gatherings.place_too_long', { max: MAX_PLACE_LENGTH });
  }
  return place;
}

/** The gathering RSVPs and the list are about: the next one with a date, else the next. */
async function nextGathering(scope: Scope): Promise<GatheringRow> {
  const coming = await findComingGatherings(scope.deps.db, scope.chat.id, scope.today);
  const next = coming.find((g) => g.status === 'scheduled') ?? coming[0];
  if (!next) throw new UserFacingError('gatherings.no_gathering');
  return next;
}

/** Kits whose poster and invitation suit a gathering named after them. */
const GATHERING_KITS = new Set(['fete-des-voisins', 'galette', 'noel', 'rentree']);

export function createGatheringsFeature(kits: KitsOptions): Feature {
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
    // "/fete 28/05 19h": a time may come with the dates.
    const time = findTime(args);
    const datesText = time ? `${args.slice(0, time.start)} ${args.slice(time.end)}`.trim() : args;
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
      place: null,
      kitId: 'fete-des-voisins',
      createdBy: ctx.person.id,
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
    const { action, rest } = readAction(args);
    const [current] = await findComingGatherings(ctx.deps.db, ctx.chat.id, scope.today, 'fete');
    if (action) {
      if (!current) throw new UserFacingError('gatherings.no_fete');
      await requireOrganiser(ctx);
      return runAction(ctx, scope, current, action, rest);
    }
    if (current) {
      await ctx.reply(await stateMessage(scope, current));
      return;
    }
    await requireOrganiser(ctx);
    await createFete(ctx, scope, args);
  }

  async function event(ctx: MessageContext): Promise<void> {
    const scope = scopeOf(ctx);
    const args = ctx.event.command?.args.trim() ?? '';
    const { action, rest } = readAction(args);
    const coming = await findComingGatherings(ctx.deps.db, ctx.chat.id, scope.today, 'other');
    if (action) {
      const latest = [...coming].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      if (!latest) throw new UserFacingError('gatherings.no_event');
      await requireOrganiser(ctx);
      return runAction(ctx, scope, latest, action, rest);
    }
    if (args === '') {
      if (coming.length === 0) {
        await ctx.reply(ctx.t('gatherings.event_usage'));
        return;
      }
      const lines = coming.map(
        (g) => `• <b>${titleOf(g, ctx.t)}</b>${g.date ? ` — ${whenLine(g, ctx.locale)}` : ''}`,
      );
      await ctx.reply(
        `${ctx.t('gatherings.events_title')}\n${lines.join('\n')}\n\n${ctx.t('gatherings.event_usage')}`,
      );
      return;
    }
    await requireOrganiser(ctx);
    await createEvent(ctx, scope, args);
  }

  async function createEvent(ctx: MessageContext, scope: Scope, args: string): Promise<void> {
    const poll = /(?:^|\s)(?:sondage|poll)(?:\s+|$)/iu.exec(args);
    let title: string;
    let dates: string[];
    let time: string | null = null;
    let place: string | null = null;
    if (poll) {
      title = args.slice(0, poll.index).trim();
      dates = parseDateList(args.slice(poll.index + poll[0].length), scope.today, {
        locale: scope.locale,
      });
      if (dates.length < 2) throw new UserFacingError('gatherings.poll_needs_dates');
      checkPollSize(ctx.messenger, dates);
    } else {
      const found = findDate(args, scope.today, { locale: scope.locale });
      if (!found) throw new UserFacingError('gatherings.event_needs_date');
      title = args.slice(0, found.start).trim();
      dates = [found.date];
      let after = args.slice(found.end);
      const foundTime = findTime(after);
      if (foundTime) {
        time = foundTime.time;
        after = `${after.slice(0, foundTime.start)} ${after.slice(foundTime.end)}`;
      }
      if (after.trim() !== '') place = checkPlace(after);
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
    });
    if (!gathering) throw new Error('createGathering refused an event');
    if (dates.length === 1) {
      await chooseDate(scope, gathering, dates[0]!);
      return;
    }
    const labels = dates.map((d) => formatDate(d, scope.locale, 'long'));
    await startDatePoll(scope, gathering, dates, labels);
  }

  async function runAction(
    ctx: MessageContext,
    scope: Scope,
    gathering: GatheringRow,
    action: Action,
    rest: string,
  ): Promise<void> {
    const { deps, t } = ctx;
    const noted = async (updated: GatheringRow | undefined) => {
      if (!updated) throw new UserFacingError('gatherings.cancelled');
      await ctx.reply(
        t('gatherings.updated', {
          title: titleOf(updated, t),
          when: whenLine(updated, ctx.locale) || t('gatherings.date_pending'),
          interpolation: { escapeValue: false },
        }),
      );
      await refreshSummary(scope, updated);
    };
    switch (action) {
      case 'close': {
        const poll = await findOpenPollOfGathering(deps.db, gathering.id);
        if (!poll) throw new UserFacingError('gatherings.no_open_poll');
        return closeDatePoll(deps, poll.id, ctx.now, 'organiser');
      }
      case 'date': {
        const found = findDate(rest, scope.today, { locale: scope.locale });
        if (!found) throw new UserFacingError('gatherings.date_missing');
        const time = findTime(rest.slice(found.end));
        if (time) await updateGathering(deps.db, gathering.id, { time: time.time });
        await chooseDate(
          scope,
          { ...gathering, ...(time ? { time: time.time } : {}) },
          found.date,
          {
            moved: gathering.status === 'scheduled',
          },
        );
        return;
      }
      case 'time': {
        const time = findTime(rest);
        if (!time) throw new UserFacingError('gatherings.time_missing');
        return noted(await updateGathering(deps.db, gathering.id, { time: time.time }));
      }
      case 'place':
        return noted(await updateGathering(deps.db, gathering.id, { place: checkPlace(rest) }));
      case 'rain':
        return noted(await updateGathering(deps.db, gathering.id, { rainPlace: checkPlace(rest) }));
      case 'deadline': {
        const found = findDate(rest, scope.today, { locale: scope.locale });
        if (!found) throw new UserFacingError('gatherings.date_missing');
        await movePollDeadline(scope, gathering, found.date);
        await ctx.reply(
          t('gatherings.deadline_moved', { date: formatDate(found.date, ctx.locale, 'long') }),
        );
        return;
      }
      case 'cancel':
        return cancelGathering(scope, gathering);
    }
  }

  /** A tie (or no vote) settled by an organiser. */
  async function pickDate(ctx: ChoiceContext, rest: string): Promise<void> {
    const [id = '', date = ''] = rest.split(':');
    const gathering = await gatheringInChat(ctx.deps, Number(id), ctx.chat.id);
    if (gathering.status !== 'tie' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      throw new UserFacingError('gatherings.already_decided');
    }
    await chooseDate(scopeOf(ctx), gathering, date);
  }

  // --- RSVPs ---

  async function rsvp(
    ctx: HandlerContext,
    gathering: GatheringRow,
    answer: RsvpAnswer,
    guests: number,
  ): Promise<void> {
    if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
    if (gathering.status !== 'scheduled') throw new UserFacingError('gatherings.date_not_chosen');
    const { deps, t, person } = ctx;
    await saveRsvp(deps.db, { gatheringId: gathering.id, personId: person.id, answer, guests });
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
            title: titleOf(gathering, t),
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

  function guestsOf(text: string): number {
    const trimmed = text.trim();
    if (trimmed === '') return 0;
    const match = /^\+?\s*(\d{1,3})\b/.exec(trimmed);
    const guests = Number(match?.[1] ?? NaN);
    if (!Number.isInteger(guests) || guests > MAX_GUESTS) {
      throw new UserFacingError('gatherings.bad_guests', { max: MAX_GUESTS });
    }
    return guests;
  }

  const rsvpCommand = (answer: RsvpAnswer) => async (ctx: MessageContext) => {
    const guests = answer === 'yes' ? guestsOf(ctx.event.command?.args ?? '') : 0;
    await rsvp(ctx, await nextGathering(scopeOf(ctx)), answer, guests);
  };

  async function rsvpChoice(ctx: ChoiceContext, rest: string): Promise<void> {
    const [id = '', answer = '', guests = '0'] = rest.split(':');
    if (answer !== 'yes' && answer !== 'maybe' && answer !== 'no') {
      throw new UserFacingError('router.stale_choice');
    }
    const count = Number(guests);
    if (!Number.isInteger(count) || count < 0 || count > MAX_GUESTS) {
      throw new UserFacingError('router.stale_choice');
    }
    await rsvp(ctx, await gatheringInChat(ctx.deps, Number(id), ctx.chat.id), answer, count);
  }

  // --- Who brings what ---

  async function showList(ctx: HandlerContext, gathering: GatheringRow): Promise<void> {
    const { t, deps } = ctx;
    const items = await findItems(deps.db, gathering.id);
    const header = `🧺 <b>${t('gatherings.list_title', { title: titleOf(gathering, t), interpolation: { escapeValue: false } })}</b>`;
    if (items.length === 0) {
      await ctx.reply(`${header}\n\n${t('gatherings.list_empty')}`);
      return;
    }
    const missing = items.filter((i) => remainingOf(i) > 0).slice(0, MAX_BRING_BUTTONS);
    await ctx.reply({
      kind: 'text',
      text: [
        header,
        '',
        ...listLines(items, t),
        '',
        missingLine(items, t),
        '',
        t('gatherings.list_hint'),
      ].join('\n'),
      choices: missing.map((item) => [
        {
          label: t('gatherings.bring_button', {
            item: item.label,
            interpolation: { escapeValue: false },
          }),
          data: `bring:${item.id}`,
        },
      ]),
    });
  }

  async function list(ctx: MessageContext): Promise<void> {
    const scope = scopeOf(ctx);
    const gathering = await nextGathering(scope);
    const args = ctx.event.command?.args.trim() ?? '';
    const [word = '', rest = ''] = args.split(/\s+(.*)/s, 2);
    const verb = plain(word);
    if (args === '') return showList(ctx, gathering);
    if (verb === 'retirer' || verb === 'supprimer' || verb === 'remove') {
      await requireOrganiser(ctx);
      const item = await itemAt(gathering, rest, ctx.deps);
      await deleteItem(ctx.deps.db, item.id);
      await ctx.reply(ctx.t('gatherings.item_removed', { item: item.label }));
      return refreshSummary(scope, gathering);
    }
    const text = verb === 'ajouter' || verb === 'add' ? rest : args;
    const item = await addToList(ctx, gathering, text);
    await ctx.reply({
      kind: 'text',
      text: ctx.t('gatherings.item_added', {
        item: itemWithCount(item.label, item.quantity),
        position: item.position,
        interpolation: { escapeValue: false },
      }),
      choices: [
        [
          {
            label: ctx.t('gatherings.bring_button', {
              item: item.label,
              interpolation: { escapeValue: false },
            }),
            data: `bring:${item.id}`,
          },
        ],
      ],
    });
    await refreshSummary(scope, gathering);
  }

  async function addToList(ctx: HandlerContext, gathering: GatheringRow, text: string) {
    if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
    const input = parseItem(text);
    const items = await findItems(ctx.deps.db, gathering.id);
    if (items.length >= MAX_ITEMS)
      throw new UserFacingError('gatherings.list_full', { max: MAX_ITEMS });
    return addItem(ctx.deps.db, { ...input, gatheringId: gathering.id, addedBy: ctx.person.id });
  }

  async function itemAt(gathering: GatheringRow, text: string, deps: Deps): Promise<ItemRow> {
    const position = Number(/^\s*n?°?\s*(\d{1,3})\s*$/.exec(text)?.[1] ?? NaN);
    const item = Number.isInteger(position)
      ? await findItemByPosition(deps.db, gathering.id, position)
      : undefined;
    if (!item) throw new UserFacingError('gatherings.no_such_item');
    return item;
  }

  async function claim(
    ctx: HandlerContext,
    gathering: GatheringRow,
    item: ItemRow,
    quantity: number,
  ) {
    if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
    const { deps, t, person } = ctx;
    const outcome = await claimItem(deps.db, { itemId: item.id, personId: person.id, quantity });
    if (outcome.kind === 'no_item') throw new UserFacingError('gatherings.no_such_item');
    const items = await findItems(deps.db, gathering.id);
    const said =
      outcome.kind === 'claimed'
        ? t('gatherings.claimed', {
            name: escapeHtml(person.displayName),
            item: itemWithCount(item.label, outcome.total),
            interpolation: { escapeValue: false },
          })
        : t('gatherings.already_covered', { name: person.displayName, item: item.label });
    await ctx.reply(`${said}\n${missingLine(items, t)}`);
    if (outcome.kind === 'claimed') await refreshSummary(scopeOf(ctx), gathering);
  }

  async function bring(ctx: MessageContext): Promise<void> {
    const gathering = await nextGathering(scopeOf(ctx));
    const args = ctx.event.command?.args.trim() ?? '';
    if (args === '') return showList(ctx, gathering);
    const numbered = /^n?°?\s*(\d{1,3})(?:\s+(.*))?$/s.exec(args);
    if (numbered) {
      const item = await itemAt(gathering, numbered[1] ?? '', ctx.deps);
      return claim(ctx, gathering, item, parseQuantity(numbered[2]));
    }
    // Something not on the list: it goes on it, brought by this person.
    const item = await addToList(ctx, gathering, args);
    await claim(ctx, gathering, item, item.quantity);
  }

  async function unbring(ctx: MessageContext): Promise<void> {
    const gathering = await nextGathering(scopeOf(ctx));
    const item = await itemAt(gathering, ctx.event.command?.args ?? '', ctx.deps);
    await withdraw(ctx, gathering, item);
  }

  async function withdraw(ctx: HandlerContext, gathering: GatheringRow, item: ItemRow) {
    const { deps, t, person } = ctx;
    if (!(await unclaimItem(deps.db, item.id, person.id))) {
      throw new UserFacingError('gatherings.not_bringing', { item: item.label });
    }
    const items = await findItems(deps.db, gathering.id);
    await ctx.reply(
      `${t('gatherings.unclaimed', { name: person.displayName, item: item.label })}\n${missingLine(items, t)}`,
    );
    await refreshSummary(scopeOf(ctx), gathering);
  }

  async function itemChoice(ctx: ChoiceContext, rest: string, take: boolean): Promise<void> {
    const id = Number(rest);
    const item = Number.isSafeInteger(id) ? await findItem(ctx.deps.db, id) : undefined;
    if (!item) throw new UserFacingError('router.stale_choice');
    const gathering = await gatheringInChat(ctx.deps, item.gatheringId, ctx.chat.id);
    if (take) return claim(ctx, gathering, item, 1);
    return withdraw(ctx, gathering, item);
  }

  // --- Invitation, official date ---

  async function invite(ctx: ChoiceContext, rest: string): Promise<void> {
    const gathering = await gatheringInChat(ctx.deps, Number(rest), ctx.chat.id);
    const kitId = invitationKit(gathering);
    if (gathering.status !== 'scheduled' || !gathering.date || !kitId) {
      throw new UserFacingError('gatherings.date_not_chosen');
    }
    await deliverKit(ctx, {
      ...kits,
      id: kitId,
      details: {
        date: gathering.date,
        ...(gathering.time ? { time: gathering.time } : {}),
        ...(gathering.place ? { place: gathering.place } : {}),
      },
      documents: ['poster', 'flyer'],
      withSummary: false,
    });
  }

  async function officialDate(ctx: MessageContext): Promise<void> {
    if (!ctx.isBotAdmin()) throw new UserFacingError('gatherings.bot_admins_only');
    const args = ctx.event.command?.args.trim() ?? '';
    const year = Number(/^(\d{4})\b/.exec(args)?.[1] ?? NaN);
    if (!Number.isInteger(year)) throw new UserFacingError('gatherings.official_usage');
    const found = findDate(args.slice(4), `${year}-01-01`, {
      allowPast: true,
      locale: ctx.locale,
    });
    if (!found || !found.date.startsWith(String(year))) {
      throw new UserFacingError('gatherings.official_usage');
    }
    await saveOfficialFeteDate(ctx.deps.db, year, found.date);
    await ctx.reply(
      ctx.t('gatherings.official_saved', {
        year,
        date: formatDate(found.date, ctx.locale, 'long'),
      }),
    );
  }

  // --- Votes ---

  async function onPollVote(event: PollVoteEvent, deps: Deps, messenger: Messenger) {
    const poll = await findPollByExternalId(deps.db, messenger.platform, event.pollId);
    if (poll?.purpose !== 'gathering_date') return;
    const scope = await scopeOfChat(deps, poll.chatId, deps.clock.now());
    if (!scope) return;
    if (poll.closedAt) return answerLateVote(scope, poll);
    const person = await savePersonSeen(deps.db, {
      platform: messenger.platform,
      externalId: event.voter.id,
      aliases: event.voter.aliases,
      displayName: event.voter.displayName.slice(0, 64),
    });
    const selection = validSelection(poll, event.optionIndexes);
    await savePollVote(deps.db, { pollId: poll.id, personId: person.id, optionIndexes: selection });
    // A native poll shows the vote itself; a numbered one is acknowledged.
    if (!messenger.capabilities.nativePolls) {
      const { t, locale } = scope;
      await scope.say(
        selection.length === 0
          ? t('gatherings.vote_withdrawn', { name: person.displayName })
          : t('gatherings.vote_recorded', {
              name: person.displayName,
              dates: selection.map((i) => formatDate(poll.options[i]!, locale, 'short')).join(', '),
            }),
      );
    }
  }

  async function onPollClosed(event: PollClosedEvent, deps: Deps, messenger: Messenger) {
    const poll = await findPollByExternalId(deps.db, messenger.platform, event.pollId);
    if (poll?.purpose !== 'gathering_date') return;
    await closeDatePoll(deps, poll.id, deps.clock.now(), 'app');
  }

  const commands: CommandSpec[] = [
    {
      names: { fr: 'fete', en: 'party' },
      aliases: ['fête', 'fetedesvoisins'],
      descriptionKey: 'gatherings.description_fete',
      where: 'group',
      run: fete,
    },
    {
      names: { fr: 'evenement', en: 'event' },
      aliases: ['événement', 'evenements'],
      descriptionKey: 'gatherings.description_event',
      where: 'group',
      run: event,
    },
    {
      names: { fr: 'jeviens', en: 'going' },
      descriptionKey: 'gatherings.description_going',
      where: 'group',
      run: rsvpCommand('yes'),
    },
    {
      names: { fr: 'peutetre', en: 'maybe' },
      aliases: ['peut-etre', 'peutêtre'],
      descriptionKey: 'gatherings.description_maybe',
      where: 'group',
      run: rsvpCommand('maybe'),
    },
    {
      names: { fr: 'jenepeuxpas', en: 'notgoing' },
      aliases: ['absent'],
      descriptionKey: 'gatherings.description_notgoing',
      where: 'group',
      run: rsvpCommand('no'),
    },
    {
      names: { fr: 'liste', en: 'list' },
      descriptionKey: 'gatherings.description_list',
      where: 'group',
      run: list,
    },
    {
      names: { fr: 'japporte', en: 'bring' },
      descriptionKey: 'gatherings.description_bring',
      where: 'group',
      run: bring,
    },
    {
      names: { fr: 'japportepas', en: 'unbring' },
      descriptionKey: 'gatherings.description_unbring',
      where: 'group',
      run: unbring,
    },
    {
      names: { fr: 'datefete', en: 'partydate' },
      descriptionKey: 'gatherings.description_official',
      where: 'any',
      hidden: true,
      run: officialDate,
    },
  ];

  return {
    name: 'gatherings',
    commands,
    choices: [
      { prefix: 'rsvp', run: rsvpChoice },
      { prefix: 'bring', run: (ctx, rest) => itemChoice(ctx, rest, true) },
      { prefix: 'unbring', run: (ctx, rest) => itemChoice(ctx, rest, false) },
      { prefix: 'gpick', organiserOnly: true, run: pickDate },
      { prefix: 'ginvite', run: invite },
    ],
    jobs: [
      { kind: 'closeDatePoll', run: runCloseDatePoll },
      { kind: 'remindPollVoters', run: runRemindPollVoters },
      { kind: 'remindGathering', run: runRemindGathering },
      { kind: 'postGatheringSummary', run: runPostGatheringSummary },
    ],
    onPollVote,
    onPollClosed,
    privacy: {
      key: 'gatherings',
      titleKey: 'gatherings.privacy_title',
      dataSql: GATHERING_DATA_OF_PERSON,
      format(data, { t, locale }) {
        const name = (g: { kind: string; title: string | null; year: number }) =>
          g.kind === 'fete'
            ? t('gatherings.fete_title', { year: g.year })
            : escapeHtml(g.title ?? '');
        const lines = [
          ...data.rsvps.map((r) =>
            t('gatherings.privacy_rsvp', {
              title: name(r),
              date: r.date ? formatDate(r.date, locale, 'short') : '—',
              answer: t(`gatherings.answers.${r.answer}`),
              interpolation: { escapeValue: false },
            }),
          ),
          ...data.claims.map((c) =>
            t('gatherings.privacy_claim', {
              item: itemWithCount(c.label, c.quantity),
              interpolation: { escapeValue: false },
            }),
          ),
          ...(data.pollVotes > 0 ? [t('gatherings.privacy_votes', { count: data.pollVotes })] : []),
          ...(data.created.length > 0
            ? [t('gatherings.privacy_created', { count: data.created.length })]
            : []),
        ];
        return { lines, data };
      },
      async erase(personId, tx) {
        await eraseGatheringDataOfPerson(tx, personId);
        await eraseVotesOfPerson(tx, personId);
      },
    } satisfies PrivacySection<GatheringDataOfPerson>,
  };
}
