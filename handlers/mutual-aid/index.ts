// Help between neighbours, the panneau des voisins in the chat: /jepeuxaider (a volunteer's
// offer, made privately), /besoin (a need: an anonymous card in the group, volunteers asked
// privately, contacts only once both agree), /panneau (the board as copyable text) and
// /stats (what the group's mutual help is worth).
import {
  deleteStaleDrafts,
  eraseMutualAidDataOfPerson,
  MUTUAL_AID_DATA_OF_PERSON,
  type MutualAidDataOfPerson,
} from '../../db/queries/mutual-aid.ts';
import { UserFacingError } from '../errors.ts';
import { groupNamed, ownThings } from '../access.ts';
import { defineChoice, defineStartPayload, type Feature, type HandlerContext } from '../feature.ts';
import type { PrivacySection } from '../privacy/registry.ts';
import { groupInSentence } from '../reach.ts';
import {
  confirmOffer,
  freeOrphanedRequests,
  markDone,
  notYet,
  refuseOffer,
  runExpire,
  runFollowUp,
  runNotifyRound,
  runRemindVolunteer,
} from './requests.ts';
import {
  categoriesDone,
  openVolunteerFlow,
  saveAvailability,
  toggleCategory,
  volunteer,
} from './volunteers.ts';
import {
  ask,
  askDescription,
  chooseNeedCategory,
  decideDraft,
  inNeedLanguage,
  listForWithdrawal,
  askLink,
  showName,
  withdraw,
} from './needs.ts';
import { accept, decline, offerFromGroup, offerPrivately, requestGuard } from './offers.ts';
import { onText } from './private-text.ts';
import { onMembership } from './leaving-group.ts';
import { board, planSummaries, sendSummary, showBoard, stats } from './board.ts';
import { mutualAidIntents } from './intents.ts';
import { helpCalendarChoice } from './calendar-file.ts';

/** A group named by the data (`12`, `12:courses`). */
const groupInData = (ctx: HandlerContext, rest: string) =>
  groupNamed(ctx.deps, rest.split(':', 1)[0] ?? '');

export function createMutualAidFeature(): Feature {
  return {
    name: 'mutual-aid',
    intents: mutualAidIntents(),
    commands: [
      {
        names: { fr: 'besoin', en: 'ask' },
        descriptionKey: 'aid.description_ask',
        where: 'any',
        run: ask,
      },
      {
        names: { fr: 'jepeuxaider', en: 'volunteer' },
        descriptionKey: 'aid.description_volunteer',
        where: 'any',
        run: volunteer,
      },
      {
        names: { fr: 'panneau', en: 'board' },
        descriptionKey: 'aid.description_board',
        where: 'any',
        run: board,
      },
      {
        names: { fr: 'stats', en: 'stats' },
        descriptionKey: 'aid.description_stats',
        where: 'group',
        run: stats,
      },
    ],
    // Every button and link names a group or a help request; the router checks the person
    // is in its group (and, under a card in a group, that the request is that group's).
    // The handlers then check what is theirs: the requester's own need, a volunteer asked.
    choices: [
      defineChoice({
        prefix: 'aid:vgroup',
        where: 'private',
        reaches: groupInData,
        run: openVolunteerFlow,
      }),
      defineChoice({
        prefix: 'aid:agroup',
        where: 'private',
        reaches: groupInData,
        run: (ctx, group) => askDescription(ctx.deps, ctx.person.id, group.id, ctx.now),
      }),
      defineChoice({
        prefix: 'aid:bgroup',
        where: 'private',
        reaches: groupInData,
        run: showBoard,
      }),
      defineChoice({
        prefix: 'aid:vcat',
        where: 'private',
        reaches: groupInData,
        run: toggleCategory,
      }),
      defineChoice({
        prefix: 'aid:vdone',
        where: 'private',
        reaches: groupInData,
        run: categoriesDone,
      }),
      defineChoice({
        prefix: 'aid:vany',
        where: 'private',
        reaches: groupInData,
        run: (ctx, group) => saveAvailability(ctx, group, null),
      }),
      defineChoice({
        prefix: 'aid:ncat',
        where: 'private',
        ...requestGuard,
        run: chooseNeedCategory,
      }),
      defineChoice({
        prefix: 'aid:npub',
        where: 'private',
        ...requestGuard,
        run: (ctx, draft, rest) => decideDraft(ctx, draft, 'publish', rest),
      }),
      defineChoice({
        prefix: 'aid:nedit',
        where: 'private',
        ...requestGuard,
        run: (ctx, draft, rest) => decideDraft(ctx, draft, 'rewrite', rest),
      }),
      defineChoice({
        prefix: 'aid:ndel',
        where: 'private',
        ...requestGuard,
        run: (ctx, draft, rest) => decideDraft(ctx, draft, 'cancel', rest),
      }),
      defineChoice({ prefix: 'aid:offer', where: 'group', ...requestGuard, run: offerFromGroup }),
      defineChoice({ prefix: 'aid:accept', where: 'private', ...requestGuard, run: accept }),
      defineChoice({ prefix: 'aid:decline', where: 'private', ...requestGuard, run: decline }),
      defineChoice({
        prefix: 'aid:confirm',
        where: 'private',
        ...requestGuard,
        async run(ctx, request, rest) {
          const [, mode = ''] = rest.split(':');
          if (mode !== 'contact' && mode !== 'relay') {
            throw new UserFacingError('router.stale_choice');
          }
          await confirmOffer(ctx.deps, request.id, ctx.person.id, mode, ctx.now);
        },
      }),
      defineChoice({
        prefix: 'aid:refuse',
        where: 'private',
        ...requestGuard,
        async run(ctx, request) {
          await refuseOffer(ctx.deps, request.id, ctx.person.id, ctx.now);
          await ctx.reply(inNeedLanguage(ctx, request)('aid.refused'));
        },
      }),
      defineChoice({
        prefix: 'aid:done',
        where: 'private',
        ...requestGuard,
        run: (ctx, request) => markDone(ctx.deps, request.id, ctx.person.id, ctx.now),
      }),
      defineChoice({
        prefix: 'aid:notyet',
        where: 'private',
        ...requestGuard,
        async run(ctx, request) {
          await notYet(ctx.deps, request.id, ctx.person.id, ctx.now);
          await ctx.reply(inNeedLanguage(ctx, request)('aid.not_yet_noted'));
        },
      }),
      defineChoice({
        prefix: 'aid:ics',
        where: 'private',
        ...requestGuard,
        run: helpCalendarChoice,
      }),
      defineChoice({ prefix: 'aid:withdraw', where: 'private', ...requestGuard, run: withdraw }),
      defineChoice({ prefix: 'aid:showname', where: 'private', ...requestGuard, run: showName }),
    ],
    startPayloads: {
      volunteer: defineStartPayload({ reaches: groupInData, run: openVolunteerFlow }),
      ask: askLink,
      helpoffer: defineStartPayload({ ...requestGuard, run: offerPrivately }),
      aidwithdraw: { reaches: ownThings, run: listForWithdrawal },
    },
    jobs: [
      { kind: 'aidNotifyRound', run: runNotifyRound },
      { kind: 'aidExpire', run: runExpire },
      { kind: 'aidFollowUp', run: runFollowUp },
      { kind: 'aidRemindVolunteer', run: runRemindVolunteer },
      { kind: 'aidPlanSummaries', run: planSummaries },
      { kind: 'aidSendSummary', run: sendSummary },
      { kind: 'aidFreeOrphanedRequests', run: freeOrphanedRequests },
      {
        kind: 'aidPurgeDrafts',
        async run(_payload, { deps, now }) {
          const deleted = await deleteStaleDrafts(deps.db, new Date(now.getTime() - 86_400_000));
          deps.logger.info({ deleted }, 'unfinished help drafts removed');
        },
      },
    ],
    recurring: [
      { kind: 'aidPlanSummaries', cron: '0 10 * * 1' },
      { kind: 'aidPurgeDrafts', cron: '30 3 * * *' },
      // Needs left without volunteer by an erasure go back to the search within minutes.
      { kind: 'aidFreeOrphanedRequests', cron: '*/10 * * * *' },
    ],
    onText,
    onMembership,
    privacy: {
      key: 'mutualAid',
      titleKey: 'aid.privacy_title',
      dataSql: MUTUAL_AID_DATA_OF_PERSON,
      format(data, { t }) {
        const lines = [
          ...data.offers.map(({ volunteer: v, groupName: g }) =>
            t('aid.privacy_offer', {
              ...groupInSentence(g),
              categories: v.categories.map((c) => t(`aid.categories.${c}`)).join(', '),
              availability: v.availability ?? t('aid.any_time'),
            }),
          ),
          ...data.requests.map((r) =>
            t('aid.privacy_request', {
              category: t(`aid.categories.${r.category}`),
              description: r.description,
              status: t(`aid.statuses.${r.status}`),
            }),
          ),
          ...(data.helped.length > 0
            ? [t('aid.privacy_helped', { count: data.helped.length })]
            : []),
        ];
        return { lines, data };
      },
      erase: (personId, tx) => eraseMutualAidDataOfPerson(tx, personId),
    } satisfies PrivacySection<MutualAidDataOfPerson>,
  };
}
