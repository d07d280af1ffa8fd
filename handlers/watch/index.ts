// Heat and cold watch: /referent (a neighbour offers, an admin confirms, a backup is named),
// /veiller (a referent adds, privately and with recorded consent, a neighbour to check on),
// /vigilance (levels per département), and the rounds and ladder of rounds.ts. The most
// sensitive data of the product: the minimum, never health, never in a group.
import {
  clearPendingAnswer,
  findPendingAnswer,
  takePendingAnswer,
} from '../../db/queries/pending-answers.ts';
import {
  eraseWatchDataOfPerson,
  findCheckIn,
  findReferentIn,
  WATCH_DATA_OF_PERSON,
  type WatchDataOfPerson,
} from '../../db/queries/watch.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import { groupNamed, ownThings, rowNamed } from '../access.ts';
import {
  defineChoice,
  defineStartPayload,
  type Feature,
  type HandlerContext,
  type JobContext,
} from '../feature.ts';
import type { KitsOptions } from '../kits/index.ts';
import type { PrivacySection } from '../privacy/registry.ts';
import { groupInSentence } from '../reach.ts';
import { formatDayMonthYear } from '../calendar/format-date.ts';
import { recordedLines } from './texts.ts';
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
import {
  approve,
  onMembership,
  referent,
  referentGuard,
  referentHandover,
  setBackup,
} from './referents.ts';
import { asCommand } from '../understanding/intents.ts';
import { answerStep, onText, startAdding, watch } from './add-neighbour.ts';
import {
  chooseMember,
  consentByNumber,
  consent,
  openConsent,
  pickMember,
  referentConsent,
  referentConsentConfirmed,
  watchedGuard,
} from './consent.ts';
import { remove, renewConfirmed } from './roster.ts';
import { confirmVigilance, vigilance } from './vigilance-command.ts';
import { sendRelayCards } from './relay-card.ts';
import { tellWithdrawal } from './withdrawn.ts';
import { offerWishFor, runWish, sendWish } from './wish.ts';
import {
  confirmByReferent,
  consentByNeighbour,
  registryRequestGuard,
  runRegistryHandled,
  startRegistryRequest,
} from './registry-request.ts';

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

/** A check-in named by the data (`12:ok`), with its group. */
const checkInGuard = {
  reaches: (ctx: HandlerContext, rest: string) => rowNamed(ctx.deps, rest, findCheckIn),
};

/** "No emergency contact": the step of /veiller waiting in this chat, and its group. */
async function pendingContactQuestion(ctx: HandlerContext) {
  const pending = await findPendingAnswer(ctx.deps.db, ctx.chat.id, ctx.now, 'watch_contact');
  if (pending?.personId !== ctx.person.id) return undefined;
  const reach = await groupNamed(ctx.deps, String(pending.data.chatId));
  return reach && { group: reach.group, row: pending };
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
        run: (ctx) => watch(ctx, options.kits.catalogue),
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
        run: consentByNumber,
      },
    ],
    // Each button names a referent row, a watched neighbour, a check-in or a group; the
    // router checks the person is in that group (approving a referent: an organiser of it).
    // The handlers then check the relation: the neighbour's own referent, the neighbour.
    choices: [
      defineChoice({
        prefix: 'watch:approve',
        where: 'group',
        role: 'organiser',
        ...referentGuard,
        run: approve,
      }),
      defineChoice({ prefix: 'watch:backup', where: 'any', ...referentGuard, run: setBackup }),
      defineChoice({
        prefix: 'watch:group',
        where: 'private',
        reaches: (ctx, rest) => groupNamed(ctx.deps, rest),
        async run(ctx, group) {
          const mine = await findReferentIn(ctx.deps.db, group.id, ctx.person.id);
          if (mine?.status !== 'active') throw new UserFacingError('watch.not_referent');
          return startAdding(ctx, group.id);
        },
      }),
      defineChoice({
        prefix: 'watch:nocontact',
        where: 'private',
        reaches: pendingContactQuestion,
        async run(ctx, _, rest) {
          if (rest !== '') throw new UserFacingError('router.stale_choice');
          const pending = await takePendingAnswer(ctx.deps.db, ctx.chat.id, ctx.now, 'watch_');
          if (pending?.kind !== 'watch_contact' || pending.personId !== ctx.person.id) {
            throw new UserFacingError('router.stale_choice');
          }
          return answerStep(ctx, 'contact', pending.data, null);
        },
      }),
      defineChoice({
        prefix: 'watch:selfconsent',
        where: 'private',
        ...watchedGuard,
        run: chooseMember,
      }),
      defineChoice({ prefix: 'watch:pick', where: 'private', ...watchedGuard, run: pickMember }),
      defineChoice({
        prefix: 'watch:refconsent',
        where: 'private',
        ...watchedGuard,
        run: referentConsent,
      }),
      defineChoice({
        prefix: 'watch:refconsentok',
        where: 'private',
        ...watchedGuard,
        run: referentConsentConfirmed,
      }),
      defineChoice({ prefix: 'watch:consent', where: 'private', ...watchedGuard, run: consent }),
      // The CCAS registry request: started by the neighbour's referent, confirmed by the
      // neighbour themselves (regconsent) or by the referent on their word (regok).
      defineChoice({
        prefix: 'watch:registry',
        where: 'private',
        ...watchedGuard,
        run: startRegistryRequest,
      }),
      defineChoice({
        prefix: 'watch:regok',
        where: 'private',
        ...registryRequestGuard,
        run: confirmByReferent,
      }),
      defineChoice({
        prefix: 'watch:regconsent',
        where: 'private',
        ...registryRequestGuard,
        run: consentByNeighbour,
      }),
      defineChoice({
        prefix: 'watch:remove',
        where: 'private',
        ...watchedGuard,
        async run(ctx, watched) {
          await clearPendingAnswer(ctx.deps.db, ctx.chat.id);
          return remove(ctx, watched);
        },
      }),
      // The referent's own roster, across their groups.
      defineChoice({
        prefix: 'watch:renewok',
        where: 'private',
        reaches: ownThings,
        run(ctx, _, rest) {
          if (rest !== '') throw new UserFacingError('router.stale_choice');
          return renewConfirmed(ctx);
        },
      }),
      // The relay card, under the message saying a neighbour was added (and /veiller carte):
      // the referent's own card, refused to anyone who is not one. `heat`/`cold` is kept in
      // the data of buttons already sent; the card takes the group's season.
      defineChoice({
        prefix: 'watch:sheet',
        where: 'any',
        reaches: ownThings,
        run(ctx, _, hazard) {
          if (hazard !== 'heat' && hazard !== 'cold')
            throw new UserFacingError('router.stale_choice');
          return sendRelayCards(ctx, options.kits.catalogue);
        },
      }),
      ...(['ans', 'for'] as const).map((action) =>
        defineChoice({
          prefix: `watch:${action}`,
          where: 'private',
          ...checkInGuard,
          run(ctx, checkIn, rest) {
            const [, outcome = ''] = rest.split(':');
            if (outcome !== 'ok' && outcome !== 'needs_help' && outcome !== 'unreachable') {
              throw new UserFacingError('router.stale_choice');
            }
            return answerCheckInChoice(
              ctx,
              checkIn.id,
              outcome,
              action === 'for',
              config(ctx.deps),
            );
          },
        }),
      ),
      // A level out of its season, confirmed (or not) by whoever may declare it.
      defineChoice({
        prefix: 'watch:vigok',
        where: 'any',
        reaches: ownThings,
        run: (ctx, _, rest) => confirmVigilance(ctx, rest),
      }),
      defineChoice({
        prefix: 'watch:vigno',
        where: 'any',
        reaches: ownThings,
        async run(ctx, _, rest) {
          if (rest !== '') throw new UserFacingError('router.stale_choice');
          await ctx.notify(ctx.t('watch.vigilance_cancelled'));
        },
      }),
      // A neighbour asks to be checked on: the referents of that group are told.
      defineChoice({
        prefix: 'watch:wish',
        where: 'private',
        reaches: (ctx, rest) => groupNamed(ctx.deps, rest),
        run: (ctx, group) => sendWish(ctx, group),
      }),
      defineChoice({
        prefix: 'watch:show',
        where: 'private',
        ...checkInGuard,
        run: (ctx, checkIn) => showCheckIn(ctx, checkIn.id),
      }),
    ],
    startPayloads: {
      consent: defineStartPayload({
        ...watchedGuard,
        run: (ctx, watched) => openConsent(ctx, watched),
      }),
      // /veiller typed in a group by a neighbour who would like to be checked on.
      watchme: defineStartPayload({
        reaches: (ctx, rest) => groupNamed(ctx.deps, rest),
        run: (ctx, group) => offerWishFor(ctx, group),
      }),
    },
    jobs: [
      { kind: 'watchPlanRounds', run: withConfig(runPlanRounds) },
      { kind: 'watchCheckIn', urgent: true, run: withConfig(runCheckIn) },
      { kind: 'watchLadder', urgent: true, run: withConfig(runLadder) },
      { kind: 'watchUnreachable', urgent: true, run: withConfig(runUnreachable) },
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
      { kind: 'watchAnnounce', urgent: true, run: runAnnounce },
      { kind: 'watchAnnounceGroup', urgent: true, run: withConfig(runAnnounceGroup) },
      { kind: 'watchHousekeeping', run: withConfig(runHousekeeping) },
      { kind: 'watchImport', run: runImport },
      { kind: 'watchRegistryHandled', urgent: true, run: runRegistryHandled },
      { kind: 'watchWish', run: runWish },
    ],
    recurring: [
      { kind: 'watchPlanRounds', cron: '0 * * * *' },
      { kind: 'watchPlanSummaries', cron: '0 * * * *' },
      { kind: 'watchHousekeeping', cron: '20 4 * * *' },
      ...(options.vigilanceImport
        ? [{ kind: 'watchImport', cron: `*/${options.vigilanceImport.everyMinutes} * * * *` }]
        : []),
    ],
    intents: [
      {
        name: 'watch.vigilance',
        where: 'any',
        patterns: [
          /\b(?:alerte|alertes|vigilance|vigilances|niveau (?:orange|rouge|jaune)|canicule en cours|plan canicule|grand froid en cours|heat ?wave|heat alert|cold alert|cold snap|weather alert)\b/,
        ],
        unless: [/\b(?:affiche|kit|flyer|poster|conseils|fiche|pdf|tips|leaflet)\b/],
        offer: (t) => t('understanding.offer_vigilance'),
        run: (ctx) => vigilance(asCommand(ctx, 'vigilance')),
      },
    ],
    onText,
    onMembership,
    privacy: {
      key: 'heatColdWatch',
      titleKey: 'watch.privacy_title',
      dataSql: WATCH_DATA_OF_PERSON,
      format(data, { t, locale }) {
        const day = (iso: string) => formatDayMonthYear(iso, locale);
        const lines = [
          ...data.asReferent.map((g) => t('watch.privacy_referent', groupInSentence(g.name))),
          ...(data.watchedByThem.length > 0
            ? [
                t('watch.privacy_watching', {
                  names: data.watchedByThem.map((w) => w.name).join(', '),
                }),
              ]
            : []),
          // Everything the referent noted about them, and who checks on them.
          ...data.watchedThemselves.flatMap((w) => [
            t(`watch.privacy_watched_${w.status}`, groupInSentence(w.group)),
            ...(w.status === 'removed'
              ? []
              : [
                  `• ${
                    w.referent === null
                      ? t('watch.privacy_watched_no_referent')
                      : w.backup === null
                        ? t('watch.privacy_watched_referent', { referent: w.referent })
                        : t('watch.privacy_watched_referents', {
                            referent: w.referent,
                            backup: w.backup,
                          })
                  }`,
                  ...recordedLines(w, t),
                  ...(w.consentOn
                    ? [
                        `• ${t(`watch.privacy_consent_${w.consentBy ?? 'self'}`, {
                          since: day(w.consentOn),
                          until: day(w.expiresOn),
                        })}`,
                      ]
                    : []),
                ]),
          ]),
          ...(data.registryRequests.filedByThem.length > 0
            ? [
                t('watch.privacy_registry_filed', {
                  names: data.registryRequests.filedByThem
                    .map((r) => `${r.name} (${t(`watch.registry_status.${r.status}`)})`)
                    .join(', '),
                }),
              ]
            : []),
          ...data.registryRequests.aboutThem.map((r) =>
            t('watch.privacy_registry_about', {
              date: day(r.createdAt.slice(0, 10)),
              status: t(`watch.registry_status.${r.status}`),
            }),
          ),
        ];
        return { lines, data };
      },
      erase: (personId, tx) => eraseWatchDataOfPerson(tx, personId),
      handover: {
        describe: (deps, personId, t) => referentHandover.describe(deps, personId, t),
        // A watched neighbour's check-ins stop with their records: whoever they reached is
        // told first. A referent's neighbours are handed on.
        async run(deps, personId, toBackup) {
          await tellWithdrawal(deps, personId);
          await referentHandover.run(deps, personId, toBackup);
        },
      },
    } satisfies PrivacySection<WatchDataOfPerson>,
  };
}
