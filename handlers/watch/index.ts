// Heat and cold watch: /referent (a neighbour offers, an admin confirms, a backup is named),
// /veiller (a referent adds, privately and with recorded consent, a neighbour to check on),
// /vigilance (levels per département), and the rounds and ladder of rounds.ts. The most
// sensitive data of the product: the minimum, never health, never in a group.
import { clearPendingAnswer, takePendingAnswer } from '../../db/queries/pending-answers.ts';
import {
  eraseWatchDataOfPerson,
  findReferentIn,
  WATCH_DATA_OF_PERSON,
  type WatchDataOfPerson,
} from '../../db/queries/watch.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import type { Feature, JobContext } from '../feature.ts';
import { deliverKit } from '../kits/deliver-kit.ts';
import type { KitsOptions } from '../kits/index.ts';
import { requireRowId } from '../plain-words.ts';
import type { PrivacySection } from '../privacy/registry.ts';
import { answerCheckInChoice, listOpenCheckIns, showCheckIn } from './answers.ts';
import {
  runCheckIn,
  runHousekeeping,
  runLadder,
  runPlanRounds,
  runPlanSummaries,
  runUnreachable,
  sendSummary,
  type WatchConfig,
} from './rounds.ts';
import {
  applyVigilance,
  runAnnounce,
  runAnnounceGroup,
  type VigilanceReading,
} from './vigilance.ts';
import { approve, onMembership, referent, setBackup } from './referents.ts';
import { answerStep, onText, startAdding, watch } from './add-neighbour.ts';
import {
  chooseMember,
  consent,
  openConsent,
  pickMember,
  referentConsent,
  referentConsentConfirmed,
} from './consent.ts';
import { remove, renewConfirmed } from './roster.ts';
import { vigilance } from './vigilance-command.ts';

export interface VigilanceImport {
  /** Fetches today's levels (bot/ does the network: Météo-France's map). */
  fetch: () => Promise<VigilanceReading[]>;
  everyMinutes: number;
}

export interface WatchOptions {
  kits: KitsOptions;
  /** Present when a Météo-France key is configured. */
  vigilanceImport?: VigilanceImport;
}

export function createWatchFeature(options: WatchOptions): Feature {
  const config = (deps: Deps): WatchConfig => deps.config.watch;

  async function runImport(_payload: Record<string, unknown>, { deps, now }: JobContext) {
    if (!options.vigilanceImport) return;
    const readings = await options.vigilanceImport.fetch();
    let changed = 0;
    for (const reading of readings) {
      if ((await applyVigilance(deps, reading, 'meteo-france', now)).changed) changed++;
    }
    deps.logger.info({ readings: readings.length, changed }, 'vigilance imported');
  }

  const withConfig =
    (
      run: (
        payload: Record<string, unknown>,
        ctx: JobContext,
        config: WatchConfig,
      ) => Promise<void>,
    ) =>
    (payload: Record<string, unknown>, ctx: JobContext) =>
      run(payload, ctx, config(ctx.deps));

  return {
    name: 'watch',
    commands: [
      {
        names: { fr: 'referent', en: 'referent' },
        aliases: ['référent', 'referente', 'référente'],
        descriptionKey: 'watch.description_referent',
        where: 'any',
        run: referent,
      },
      {
        names: { fr: 'veiller', en: 'watch' },
        descriptionKey: 'watch.description_watch',
        where: 'any',
        run: watch,
      },
      {
        names: { fr: 'vigilance', en: 'vigilance' },
        descriptionKey: 'watch.description_vigilance',
        where: 'any',
        run: vigilance,
      },
      {
        names: { fr: 'nouvelles', en: 'checkins' },
        descriptionKey: 'watch.description_checkins',
        where: 'private',
        run: listOpenCheckIns,
      },
      {
        names: { fr: 'accord', en: 'consent' },
        descriptionKey: 'watch.description_consent',
        where: 'private',
        hidden: true,
        run: (ctx) => openConsent(ctx, requireRowId((ctx.event.command?.args ?? '').trim())),
      },
    ],
    choices: [
      {
        prefix: 'watch',
        async run(ctx, rest) {
          const [action = '', args = ''] = rest.split(/:(.*)/s, 2);
          switch (action) {
            case 'approve':
              if (!(await ctx.isOrganiser())) throw new UserFacingError('router.organisers_only');
              return approve(ctx, requireRowId(args));
            case 'backup':
              return setBackup(ctx, args);
            case 'group':
              if (!(await findReferentIn(ctx.deps.db, requireRowId(args), ctx.person.id))) {
                throw new UserFacingError('router.stale_choice');
              }
              return startAdding(ctx, requireRowId(args));
            case 'nocontact': {
              const pending = await takePendingAnswer(ctx.deps.db, ctx.chat.id, ctx.now, 'watch_');
              if (pending?.kind !== 'watch_contact' || pending.personId !== ctx.person.id) {
                throw new UserFacingError('router.stale_choice');
              }
              return answerStep(ctx, 'contact', pending.data, null);
            }
            case 'selfconsent':
              return chooseMember(ctx, requireRowId(args));
            case 'pick':
              return pickMember(ctx, args);
            case 'refconsent':
              return referentConsent(ctx, requireRowId(args));
            case 'refconsentok':
              return referentConsentConfirmed(ctx, requireRowId(args));
            case 'consent':
              return consent(ctx, args);
            case 'remove':
              await clearPendingAnswer(ctx.deps.db, ctx.chat.id);
              return remove(ctx, requireRowId(args));
            case 'renewok':
              return renewConfirmed(ctx);
            case 'sheet': {
              const hazard = args === 'cold' ? 'grand-froid' : 'canicule';
              return deliverKit(ctx, {
                ...options.kits,
                id: hazard,
                details: {},
                documents: ['annuaire'],
                withSummary: false,
              });
            }
            case 'ans':
            case 'for': {
              const [id = '', outcome = ''] = args.split(':');
              if (outcome !== 'ok' && outcome !== 'needs_help' && outcome !== 'unreachable') {
                throw new UserFacingError('router.stale_choice');
              }
              return answerCheckInChoice(
                ctx,
                requireRowId(id),
                outcome,
                action === 'for',
                config(ctx.deps),
              );
            }
            case 'show':
              return showCheckIn(ctx, requireRowId(args));
            default:
              throw new UserFacingError('router.stale_choice');
          }
        },
      },
    ],
    startPayloads: { consent: (ctx, rest) => openConsent(ctx, requireRowId(rest)) },
    jobs: [
      { kind: 'watchPlanRounds', run: withConfig(runPlanRounds) },
      { kind: 'watchCheckIn', run: withConfig(runCheckIn) },
      { kind: 'watchLadder', run: runLadder },
      { kind: 'watchUnreachable', run: runUnreachable },
      { kind: 'watchPlanSummaries', run: withConfig(runPlanSummaries) },
      {
        kind: 'watchSummary',
        run: (payload, { deps }) =>
          sendSummary(
            deps,
            Number(payload.chatId),
            new Date(String(payload.since)),
            'watch.daily_summary',
          ),
      },
      { kind: 'watchAnnounce', run: runAnnounce },
      { kind: 'watchAnnounceGroup', run: withConfig(runAnnounceGroup) },
      { kind: 'watchHousekeeping', run: withConfig(runHousekeeping) },
      { kind: 'watchImport', run: runImport },
    ],
    recurring: [
      { kind: 'watchPlanRounds', cron: '0 * * * *' },
      { kind: 'watchPlanSummaries', cron: '0 * * * *' },
      { kind: 'watchHousekeeping', cron: '20 4 * * *' },
      ...(options.vigilanceImport
        ? [{ kind: 'watchImport', cron: `*/${options.vigilanceImport.everyMinutes} * * * *` }]
        : []),
    ],
    onText,
    onMembership,
    privacy: {
      key: 'heatColdWatch',
      titleKey: 'watch.privacy_title',
      dataSql: WATCH_DATA_OF_PERSON,
      format(data, { t }) {
        const lines = [
          ...data.asReferent.map((g) => t('watch.privacy_referent', { group: g.name })),
          ...(data.watchedByThem.length > 0
            ? [
                t('watch.privacy_watching', {
                  names: data.watchedByThem.map((w) => w.name).join(', '),
                }),
              ]
            : []),
          ...data.watchedThemselves.map((w) =>
            t('watch.privacy_watched', {
              since: w.consentAt?.slice(0, 10) ?? '—',
              until: w.expiresOn,
            }),
          ),
        ];
        return { lines, data };
      },
      erase: (personId, tx) => eraseWatchDataOfPerson(tx, personId),
    } satisfies PrivacySection<WatchDataOfPerson>,
  };
}
