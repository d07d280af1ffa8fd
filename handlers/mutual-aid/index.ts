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
import type { Feature } from '../feature.ts';
import { requireRowId } from '../plain-words.ts';
import type { PrivacySection } from '../privacy/registry.ts';
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
import { whichGroup } from './which-group.ts';
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
  listForWithdrawal,
  resumeDraft,
  showName,
  withdraw,
} from './needs.ts';
import { accept, decline, offerFromGroup, offerPrivately } from './offers.ts';
import { onText } from './private-text.ts';
import { onMembership } from './leaving-group.ts';
import { board, planSummaries, sendSummary, stats } from './board.ts';

export function createMutualAidFeature(): Feature {
  return {
    name: 'mutual-aid',
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
    choices: [
      {
        prefix: 'aid',
        async run(ctx, rest) {
          const [action = '', args = ''] = rest.split(/:(.*)/s, 2);
          switch (action) {
            case 'vgroup':
              return openVolunteerFlow(ctx, requireRowId(args));
            case 'agroup': {
              const chatId = await whichGroup(ctx, requireRowId(args), 'agroup');
              if (chatId !== undefined)
                await askDescription(ctx.deps, ctx.person.id, chatId, ctx.now);
              return;
            }
            case 'vcat':
              return toggleCategory(ctx, args);
            case 'vdone':
              return categoriesDone(ctx, String(requireRowId(args)));
            case 'vany':
              return saveAvailability(ctx, requireRowId(args), null);
            case 'ncat':
              return chooseNeedCategory(ctx, args);
            case 'offer':
              return offerFromGroup(ctx, requireRowId(args));
            case 'accept':
              return accept(ctx, String(requireRowId(args)));
            case 'decline':
              return decline(ctx, String(requireRowId(args)));
            case 'confirm': {
              const [id = '', mode = ''] = args.split(':');
              if (mode !== 'contact' && mode !== 'relay')
                throw new UserFacingError('router.stale_choice');
              await confirmOffer(ctx.deps, requireRowId(id), ctx.person.id, mode, ctx.now);
              return;
            }
            case 'refuse':
              await refuseOffer(ctx.deps, requireRowId(args), ctx.person.id, ctx.now);
              await ctx.reply(ctx.t('aid.refused'));
              return;
            case 'done':
              return markDone(ctx.deps, requireRowId(args), ctx.person.id, ctx.now);
            case 'notyet':
              await notYet(ctx.deps, requireRowId(args), ctx.person.id, ctx.now);
              await ctx.reply(ctx.t('aid.not_yet_noted'));
              return;
            case 'withdraw':
              return withdraw(ctx, String(requireRowId(args)));
            case 'showname':
              return showName(ctx, String(requireRowId(args)));
            default:
              throw new UserFacingError('router.stale_choice');
          }
        },
      },
    ],
    startPayloads: {
      volunteer: async (ctx, rest) => {
        const chatId = await whichGroup(ctx, requireRowId(rest), 'vgroup');
        if (chatId !== undefined) await openVolunteerFlow(ctx, chatId);
      },
      ask: resumeDraft,
      helpoffer: (ctx, rest) => offerPrivately(ctx, requireRowId(rest)),
      aidwithdraw: listForWithdrawal,
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
              group: g,
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
