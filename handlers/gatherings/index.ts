// Gatherings by command: /fete (this year's fête des voisins: a date poll with the national
// date and alternatives), /evenement (any other gathering, poll optional), RSVPs with
// guests, and the "who brings what" list that always says what is missing.
import {
  eraseGatheringDataOfPerson,
  findGathering,
  GATHERING_DATA_OF_PERSON,
  type GatheringDataOfPerson,
} from '../../db/queries/gatherings.ts';
import { eraseVotesOfPerson } from '../../db/queries/polls.ts';
import { formatDate } from '../calendar/french-dates.ts';
import { escapeHtml } from '../events.ts';
import { groupNamed, rowNamed } from '../access.ts';
import {
  defineChoice,
  defineStartPayload,
  type CommandSpec,
  type Feature,
  type HandlerContext,
} from '../feature.ts';
import type { KitsOptions } from '../kits/index.ts';
import type { PrivacySection } from '../privacy/registry.ts';
import { itemWithCount } from './items.ts';
import {
  runCloseDatePoll,
  runPostGatheringSummary,
  runCountHeldGathering,
  runRemindGathering,
  runRemindPollVoters,
} from './lifecycle.ts';
import { createGatheringCreation } from './create-gathering.ts';
import { actionChoice, pickDate } from './organiser-actions.ts';
import { rsvpChoice, rsvpCommand } from './rsvp.ts';
import { bring, itemChoice, itemOfChoice, list, showList, unbring } from './bring-list.ts';
import { invite } from './invitation.ts';
import { releaseOnErasure } from './erasure.ts';
import { officialDate } from './official-date.ts';
import { onPollClosed, onPollVote } from './votes.ts';
import { gatheringIntents } from './intents.ts';
import {
  calendarChoice,
  calendarCommand,
  calendarGroupLink,
  calendarLink,
} from './calendar-file.ts';

import {
  askToCancelAgain,
  bringListName,
  datePollName,
  gatheringActionListName,
  isBringListOver,
  isGatheringListOver,
  rsvpListName,
  tieListName,
  whichGatheringListName,
} from './list-names.ts';

const gatheringNamed = (ctx: HandlerContext, rest: string) =>
  rowNamed(ctx.deps, rest, findGathering);

export function createGatheringsFeature(kits: KitsOptions): Feature {
  const { fete, event } = createGatheringCreation(kits);

  const commands: CommandSpec[] = [
    {
      names: { fr: 'fete', en: 'party' },
      aliases: ['fête', 'fetedesvoisins'],
      descriptionKey: 'gatherings.description_fete',
      organiserUsesKey: 'gatherings.organisers_fete',
      where: 'group',
      run: fete,
    },
    {
      names: { fr: 'evenement', en: 'event' },
      aliases: ['événement', 'evenements'],
      descriptionKey: 'gatherings.description_event',
      organiserUsesKey: 'gatherings.organisers_event',
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
      organiserUsesKey: 'gatherings.organisers_list',
      // Privately: /liste imprimer, for the person's group.
      where: 'any',
      run: (ctx) => list(ctx, kits.catalogue),
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
      names: { fr: 'agenda', en: 'calendar' },
      descriptionKey: 'gatherings.description_calendar',
      where: 'any',
      run: calendarCommand,
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
    intents: gatheringIntents(kits.catalogue),
    commands,
    // Every button is under a message in the group: the gathering (or the item) it names
    // must be that group's, and the presser one of its members.
    choices: [
      defineChoice({
        prefix: 'rsvp',
        where: 'group',
        reaches: gatheringNamed,
        run: rsvpChoice,
        listName: rsvpListName,
        isOver: isGatheringListOver,
      }),
      defineChoice({
        prefix: 'bring',
        where: 'group',
        reaches: itemOfChoice,
        run: (ctx, found) => itemChoice(ctx, found, true),
        listName: bringListName,
        isOver: isBringListOver,
      }),
      defineChoice({
        prefix: 'unbring',
        where: 'group',
        reaches: itemOfChoice,
        run: (ctx, found) => itemChoice(ctx, found, false),
        listName: bringListName,
        isOver: isBringListOver,
      }),
      defineChoice({
        prefix: 'gpick',
        where: 'group',
        role: 'organiser',
        reaches: gatheringNamed,
        run: pickDate,
        listName: tieListName,
        isOver: isGatheringListOver,
      }),
      // "Which one?" after /evenement annuler or clore, and "cancel it?" after /fete or
      // /evenement annuler: an organiser's, on this group's gathering.
      defineChoice({
        prefix: 'gact',
        where: 'group',
        role: 'organiser',
        reaches: gatheringNamed,
        run: actionChoice,
        listName: gatheringActionListName,
        isOver: isGatheringListOver,
        askAgain: askToCancelAgain,
      }),
      // "Which gathering?" after /liste or /japporte: its list, shown in the group.
      defineChoice({
        prefix: 'glist',
        where: 'group',
        reaches: gatheringNamed,
        run: (ctx, gathering) => showList(ctx, gathering),
        listName: whichGatheringListName,
      }),
      defineChoice({
        prefix: 'ginvite',
        where: 'group',
        reaches: gatheringNamed,
        run: (ctx, gathering) => invite(kits, ctx, gathering),
      }),
      // "📅 Ajouter à mon agenda": the file goes privately, whoever pressed.
      defineChoice({
        prefix: 'gcal',
        where: 'group',
        reaches: gatheringNamed,
        run: calendarChoice,
      }),
    ],
    // Opened from the group when the bot may not write first: the person must be its member.
    startPayloads: {
      gcal: defineStartPayload({ reaches: gatheringNamed, run: calendarLink }),
      agenda: defineStartPayload({
        reaches: (ctx, rest) => groupNamed(ctx.deps, rest),
        run: calendarGroupLink,
      }),
    },
    jobs: [
      { kind: 'closeDatePoll', run: runCloseDatePoll },
      { kind: 'remindPollVoters', run: runRemindPollVoters },
      { kind: 'remindGathering', run: runRemindGathering },
      { kind: 'postGatheringSummary', run: runPostGatheringSummary },
      { kind: 'countHeldGathering', run: runCountHeldGathering },
    ],
    onPollVote,
    onPollClosed,
    pollName: datePollName,
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
              answer:
                r.answer === 'yes' && r.guests > 0
                  ? t('gatherings.answers.yes_guests', { count: r.guests })
                  : t(`gatherings.answers.${r.answer}`),
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
          ...data.calendarFiles.map((f) =>
            t('gatherings.privacy_calendar', {
              title: name(f),
              interpolation: { escapeValue: false },
            }),
          ),
        ];
        return { lines, data };
      },
      async erase(personId, tx) {
        await eraseGatheringDataOfPerson(tx, personId);
        await eraseVotesOfPerson(tx, personId);
      },
      handover: releaseOnErasure,
    } satisfies PrivacySection<GatheringDataOfPerson>,
  };
}
