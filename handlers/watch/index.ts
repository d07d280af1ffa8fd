// Heat and cold watch: /referent (a neighbour offers, an admin confirms, a backup is named),
// /veiller (a referent adds, privately and with recorded consent, a neighbour to check on),
// /vigilance (levels per département), and the rounds and ladder of rounds.ts. The most
// sensitive data of the product: the minimum, never health, never in a group.
import { addDays } from '../calendar/french-dates.ts';
import {
  clearPendingAnswer,
  savePendingAnswer,
  takePendingAnswer,
} from '../../db/queries/pending-answers.ts';
import {
  createWatched,
  eraseWatchDataOfPerson,
  findActiveReferents,
  findReferent,
  findReferentGroups,
  findReferentIn,
  findVigilance,
  findWatched,
  findWatchedOf,
  handOverWatched,
  saveReferent,
  updateReferent,
  updateWatched,
  WATCH_DATA_OF_PERSON,
  type ReferentRow,
  type WatchDataOfPerson,
} from '../../db/queries/watch.ts';
import { findMembers, findPerson } from '../../db/queries/people.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import type { OutboundMessage } from '../events.ts';
import type {
  ChoiceContext,
  Feature,
  HandlerContext,
  JobContext,
  MembershipContext,
  MessageContext,
} from '../feature.ts';
import type { T } from '../i18n.ts';
import { deliverKit } from '../kits/deliver-kit.ts';
import type { KitsOptions } from '../kits/index.ts';
import { requireRowId } from '../plain-words.ts';
import type { PrivacySection } from '../privacy/registry.ts';
import { requireGroupChat, sendPrivately } from '../reach.ts';
import { todayIn } from '../zoned-time.ts';
import { answerCheckInChoice, listOpenCheckIns, showCheckIn } from './answers.ts';
import {
  organisersOf,
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
  HAZARD_WORDS,
  isDepartement,
  LEVEL_WORDS,
  seasonEnd,
  seasonOf,
  type Hazard,
} from './season.ts';
import { looksLikeHealthData } from './texts.ts';
import {
  applyVigilance,
  runAnnounce,
  runAnnounceGroup,
  type VigilanceReading,
} from './vigilance.ts';

const ANSWER_TTL_MS = 30 * 60_000;
const LIMITS = { name: 40, location: 40, reach: 80, contact: 80 } as const;
const MAX_MEMBER_CHOICES = 20;

type Step = 'name' | 'location' | 'reach' | 'contact';
const NEXT: Record<Step, Step | undefined> = {
  name: 'location',
  location: 'reach',
  reach: 'contact',
  contact: undefined,
};

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

  // --- Referents ---

  async function referent(ctx: MessageContext): Promise<void> {
    const args = (ctx.event.command?.args ?? '').trim().toLowerCase();
    if (['secours', 'backup', 'remplacant', 'remplaçant'].includes(args)) return chooseBackup(ctx);
    if (['arreter', 'arrêter', 'stop'].includes(args)) return stepDown(ctx);
    if (ctx.chat.kind !== 'group') throw new UserFacingError('watch.referent_in_group');
    const existing = await findReferentIn(ctx.deps.db, ctx.chat.id, ctx.person.id);
    if (existing?.status === 'active') throw new UserFacingError('watch.already_referent');
    if (existing?.status === 'pending') throw new UserFacingError('watch.referent_pending');
    if (await ctx.isOrganiser()) {
      await saveReferent(ctx.deps.db, {
        chatId: ctx.chat.id,
        personId: ctx.person.id,
        status: 'active',
      });
      await ctx.reply(ctx.t('watch.referent_active', { name: ctx.person.displayName }));
      return;
    }
    const row = await saveReferent(ctx.deps.db, {
      chatId: ctx.chat.id,
      personId: ctx.person.id,
      status: 'pending',
    });
    await ctx.reply({
      kind: 'text',
      text: ctx.t('watch.referent_proposed', { name: ctx.person.displayName }),
      choices: [[{ label: ctx.t('watch.approve_button'), data: `watch:approve:${row.id}` }]],
    });
  }

  async function approve(ctx: ChoiceContext, id: number): Promise<void> {
    const row = await findReferent(ctx.deps.db, id);
    if (!row || row.chatId !== ctx.chat.id) throw new UserFacingError('router.stale_choice');
    const active = await updateReferent(ctx.deps.db, row.id, { status: 'active' }, ['pending']);
    if (!active) throw new UserFacingError('watch.already_decided');
    const person = await findPerson(ctx.deps.db, active.personId);
    await ctx.reply(ctx.t('watch.referent_active', { name: person?.displayName ?? '' }));
  }

  async function activeReferentGroups(ctx: HandlerContext) {
    const groups = await findReferentGroups(ctx.deps.db, ctx.person.id);
    if (ctx.chat.kind === 'group') return groups.filter((g) => g.referent.chatId === ctx.chat.id);
    return groups;
  }

  async function chooseBackup(ctx: MessageContext): Promise<void> {
    const [mine] = await activeReferentGroups(ctx);
    if (!mine) throw new UserFacingError('watch.not_referent');
    const others = (await findActiveReferents(ctx.deps.db, mine.referent.chatId)).filter(
      (r) => r.referent.personId !== ctx.person.id,
    );
    if (others.length === 0) throw new UserFacingError('watch.no_other_referent');
    await ctx.reply({
      kind: 'text',
      text: ctx.t('watch.choose_backup'),
      choices: others.map((o) => [
        {
          label: o.displayName,
          data: `watch:backup:${mine.referent.id}:${o.referent.personId}`,
        },
      ]),
    });
  }

  async function setBackup(ctx: ChoiceContext, rest: string): Promise<void> {
    const [id = '', personId = ''] = rest.split(':');
    const row = await findReferent(ctx.deps.db, requireRowId(id));
    if (!row || row.personId !== ctx.person.id || row.status !== 'active') {
      throw new UserFacingError('router.stale_choice');
    }
    const backup = await findReferentIn(ctx.deps.db, row.chatId, requireRowId(personId));
    if (backup?.status !== 'active') throw new UserFacingError('router.stale_choice');
    await updateReferent(ctx.deps.db, row.id, { backupPersonId: backup.personId });
    await ctx.reply(ctx.t('watch.backup_set'));
  }

  async function stepDown(ctx: MessageContext): Promise<void> {
    const groups = await activeReferentGroups(ctx);
    if (groups.length === 0) throw new UserFacingError('watch.not_referent');
    for (const { referent: row } of groups) await leaveRole(ctx.deps, row);
    await ctx.reply(ctx.t('watch.stepped_down'));
  }

  /** A referent who steps down or leaves hands their neighbours on; the organisers are told. */
  async function leaveRole(deps: Deps, row: ReferentRow): Promise<void> {
    await updateReferent(deps.db, row.id, { status: 'removed' });
    const backup = row.backupPersonId
      ? await findReferentIn(deps.db, row.chatId, row.backupPersonId)
      : undefined;
    const to = backup?.status === 'active' ? backup.personId : null;
    const moved = await handOverWatched(deps.db, row.chatId, row.personId, to);
    if (moved === 0) return;
    if (to !== null) {
      await sendPrivately(deps, to, (t) => t('watch.handed_to_you', { count: moved }));
    }
    for (const organiser of await organisersOf(deps, row.chatId)) {
      await sendPrivately(deps, organiser, (t) =>
        t(to !== null ? 'watch.handed_to_backup' : 'watch.handed_to_organisers', { count: moved }),
      );
    }
  }

  // --- Adding a neighbour (privately) ---

  async function watch(ctx: MessageContext): Promise<void> {
    const args = (ctx.event.command?.args ?? '').trim();
    if (ctx.chat.kind === 'group') {
      // Nothing about a neighbour is kept from a group message, health least of all.
      throw new UserFacingError(
        looksLikeHealthData(args) ? 'watch.no_health_group' : 'watch.privately',
      );
    }
    const groups = await findReferentGroups(ctx.deps.db, ctx.person.id);
    if (groups.length === 0) throw new UserFacingError('watch.not_referent');
    if (['liste', 'list'].includes(args.toLowerCase())) return listWatched(ctx);
    if (['renouveler', 'renew'].includes(args.toLowerCase())) return renew(ctx);
    if (groups.length > 1) {
      await ctx.reply({
        kind: 'text',
        text: ctx.t('watch.which_group'),
        choices: groups.map((g) => [
          { label: g.name || '?', data: `watch:group:${g.referent.chatId}` },
        ]),
      });
      return;
    }
    await startAdding(ctx, groups[0]!.referent.chatId);
  }

  async function startAdding(ctx: HandlerContext, chatId: number): Promise<void> {
    await ctx.reply(ctx.t('watch.add_intro'));
    await ask(ctx, 'name', { chatId });
  }

  async function ask(
    ctx: HandlerContext,
    step: Step,
    data: Record<string, unknown>,
  ): Promise<void> {
    await savePendingAnswer(ctx.deps.db, {
      chatId: ctx.chat.id,
      personId: ctx.person.id,
      kind: `watch_${step}`,
      data,
      expiresAt: new Date(ctx.now.getTime() + ANSWER_TTL_MS),
    });
    await ctx.reply(
      step === 'contact'
        ? {
            kind: 'text',
            text: ctx.t('watch.ask_contact'),
            choices: [[{ label: ctx.t('watch.no_contact_button'), data: 'watch:nocontact' }]],
          }
        : ctx.t(`watch.ask_${step}`),
    );
  }

  async function answerStep(
    ctx: HandlerContext,
    step: Step,
    data: Record<string, unknown>,
    text: string | null,
  ) {
    const value = text?.replace(/\s+/g, ' ').trim() ?? null;
    if (value !== null) {
      if (looksLikeHealthData(value)) {
        await ctx.reply(ctx.t('watch.no_health'));
        return ask(ctx, step, data);
      }
      if (value === '' || value.length > LIMITS[step]) {
        await ctx.reply(ctx.t('watch.too_long', { max: LIMITS[step] }));
        return ask(ctx, step, data);
      }
    }
    const collected = { ...data, [step]: value };
    const next = NEXT[step];
    if (next) return ask(ctx, next, collected);
    const chat = await requireGroupChat(ctx.deps, Number(collected.chatId));
    const mine = await findReferentIn(ctx.deps.db, chat.id, ctx.person.id);
    if (mine?.status !== 'active') throw new UserFacingError('watch.not_referent');
    const watched = await createWatched(ctx.deps.db, {
      chatId: chat.id,
      referentPersonId: ctx.person.id,
      name: String(collected.name),
      location: (collected.location as string | null) ?? null,
      reach: (collected.reach as string | null) ?? null,
      emergencyContact: (collected.contact as string | null) ?? null,
      status: 'pending_consent',
      expiresOn: seasonEnd(todayIn(ctx.now, chat.timezone)),
    });
    await ctx.reply({
      kind: 'text',
      text: ctx.t('watch.ask_consent', { name: watched.name }),
      choices: [
        [{ label: ctx.t('watch.consent_self_button'), data: `watch:selfconsent:${watched.id}` }],
        [{ label: ctx.t('watch.consent_referent_button'), data: `watch:refconsent:${watched.id}` }],
        [{ label: ctx.t('watch.cancel_button'), data: `watch:remove:${watched.id}` }],
      ],
    });
  }

  /** A neighbour of the referent's own roster, for their buttons. */
  async function ownWatched(ctx: HandlerContext, id: number) {
    const watched = await findWatched(ctx.deps.db, id);
    if (!watched || watched.referentPersonId !== ctx.person.id || watched.status === 'removed') {
      throw new UserFacingError('watch.not_your_neighbour');
    }
    return watched;
  }

  async function referentConsent(ctx: ChoiceContext, id: number): Promise<void> {
    const watched = await ownWatched(ctx, id);
    await ctx.reply({
      kind: 'text',
      text: ctx.t('watch.confirm_referent_consent', { name: watched.name }),
      choices: [
        [
          {
            label: ctx.t('watch.confirm_consent_button'),
            data: `watch:refconsentok:${watched.id}`,
          },
        ],
      ],
    });
  }

  async function referentConsentConfirmed(ctx: ChoiceContext, id: number): Promise<void> {
    const watched = await ownWatched(ctx, id);
    const active = await updateWatched(
      ctx.deps.db,
      watched.id,
      {
        status: 'active',
        consentBy: 'referent',
        consentRecordedBy: ctx.person.id,
        consentAt: ctx.now,
      },
      ['pending_consent'],
    );
    if (!active) throw new UserFacingError('watch.already_decided');
    await afterConsent(ctx, active.name, active.chatId);
  }

  async function afterConsent(ctx: HandlerContext, name: string, chatId: number): Promise<void> {
    const chat = await requireGroupChat(ctx.deps, chatId);
    const hazard = seasonOf(todayIn(ctx.now, chat.timezone));
    await ctx.reply({
      kind: 'text',
      text: `${ctx.t('watch.added', { name })}\n\n${ctx.t('watch.ccas')}`,
      choices: [[{ label: ctx.t('watch.sheet_button'), data: `watch:sheet:${hazard}` }]],
    });
  }

  async function chooseMember(ctx: ChoiceContext, id: number): Promise<void> {
    const watched = await ownWatched(ctx, id);
    const members = (await findMembers(ctx.deps.db, watched.chatId))
      .filter((m) => m.personId !== ctx.person.id)
      .slice(0, MAX_MEMBER_CHOICES);
    if (members.length === 0) throw new UserFacingError('watch.no_members');
    await ctx.reply({
      kind: 'text',
      text: ctx.t('watch.who_in_group'),
      choices: members.map((m) => [
        { label: m.displayName, data: `watch:pick:${watched.id}:${m.personId}` },
      ]),
    });
  }

  async function pickMember(ctx: ChoiceContext, rest: string): Promise<void> {
    const [id = '', personId = ''] = rest.split(':');
    const watched = await ownWatched(ctx, requireRowId(id));
    const members = await findMembers(ctx.deps.db, watched.chatId);
    const member = members.find((m) => m.personId === requireRowId(personId));
    if (!member) throw new UserFacingError('router.stale_choice');
    await updateWatched(ctx.deps.db, watched.id, { personId: member.personId }, [
      'pending_consent',
    ]);
    const asked = await sendPrivately(ctx.deps, member.personId, (t) =>
      consentRequest(t, watched.id, ctx.person.displayName),
    );
    if (asked) {
      await ctx.reply(ctx.t('watch.consent_asked', { name: member.displayName }));
      return;
    }
    const link = ctx.messenger.privateChatLink(`consent-${watched.id}`);
    await ctx.reply(
      link
        ? ctx.t('watch.consent_link', { name: member.displayName, link })
        : ctx.t('watch.consent_write', { name: member.displayName, id: watched.id }),
    );
  }

  function consentRequest(t: T, id: number, referentName: string): OutboundMessage {
    return {
      kind: 'text',
      text: t('watch.consent_request', { referent: referentName }),
      choices: [
        [{ label: t('watch.consent_yes_button'), data: `watch:consent:${id}:yes` }],
        [{ label: t('watch.consent_no_button'), data: `watch:consent:${id}:no` }],
      ],
    };
  }

  /** The neighbour opens the consent question (deep link, or /accord <n> where there is none). */
  async function openConsent(ctx: MessageContext, id: number): Promise<void> {
    const watched = await findWatched(ctx.deps.db, id);
    if (!watched || watched.personId !== ctx.person.id || watched.status !== 'pending_consent') {
      throw new UserFacingError('router.stale_choice');
    }
    const referentPerson = watched.referentPersonId
      ? await findPerson(ctx.deps.db, watched.referentPersonId)
      : undefined;
    await ctx.reply(consentRequest(ctx.t, watched.id, referentPerson?.displayName ?? ''));
  }

  async function consent(ctx: ChoiceContext, rest: string): Promise<void> {
    const [id = '', answer = ''] = rest.split(':');
    const watched = await findWatched(ctx.deps.db, requireRowId(id));
    // Only the neighbour themselves answers this one.
    if (!watched || watched.personId !== ctx.person.id)
      throw new UserFacingError('router.stale_choice');
    if (answer === 'yes') {
      const active = await updateWatched(
        ctx.deps.db,
        watched.id,
        {
          status: 'active',
          consentBy: 'self',
          consentRecordedBy: ctx.person.id,
          consentAt: ctx.now,
        },
        ['pending_consent'],
      );
      if (!active) throw new UserFacingError('watch.already_decided');
      await ctx.reply(ctx.t('watch.consent_thanks'));
      if (watched.referentPersonId) {
        await sendPrivately(ctx.deps, watched.referentPersonId, (t) =>
          t('watch.consent_given', { name: watched.name }),
        );
      }
      return;
    }
    await updateWatched(ctx.deps.db, watched.id, { status: 'removed' });
    await ctx.reply(ctx.t('watch.consent_refused_thanks'));
    if (watched.referentPersonId) {
      await sendPrivately(ctx.deps, watched.referentPersonId, (t) =>
        t('watch.consent_refused', { name: watched.name }),
      );
    }
  }

  async function listWatched(ctx: MessageContext): Promise<void> {
    const mine = await findWatchedOf(ctx.deps.db, ctx.person.id);
    if (mine.length === 0) {
      await ctx.reply(ctx.t('watch.list_empty'));
      return;
    }
    await ctx.reply({
      kind: 'text',
      text: [
        ctx.t('watch.list_title'),
        ...mine.map((w) =>
          ctx.t(w.status === 'active' ? 'watch.list_line' : 'watch.list_line_pending', {
            name: w.name,
            location: w.location ?? '—',
            until: w.expiresOn,
          }),
        ),
      ].join('\n'),
      choices: mine.map((w) => [
        { label: ctx.t('watch.remove_button', { name: w.name }), data: `watch:remove:${w.id}` },
      ]),
    });
  }

  async function renew(ctx: MessageContext): Promise<void> {
    const mine = (await findWatchedOf(ctx.deps.db, ctx.person.id)).filter(
      (w) => w.status === 'active',
    );
    if (mine.length === 0) throw new UserFacingError('watch.list_empty');
    await ctx.reply({
      kind: 'text',
      text: ctx.t('watch.renew_confirm', { count: mine.length }),
      choices: [[{ label: ctx.t('watch.confirm_consent_button'), data: 'watch:renewok' }]],
    });
  }

  async function renewConfirmed(ctx: ChoiceContext): Promise<void> {
    const mine = (await findWatchedOf(ctx.deps.db, ctx.person.id)).filter(
      (w) => w.status === 'active',
    );
    for (const w of mine) {
      const chat = await requireGroupChat(ctx.deps, w.chatId);
      const today = todayIn(ctx.now, chat.timezone);
      // Renewing is a new consent, recorded as such.
      await updateWatched(ctx.deps.db, w.id, {
        expiresOn: seasonEnd(w.expiresOn < today ? today : addDays(w.expiresOn, 1)),
        consentAt: ctx.now,
        consentRecordedBy: ctx.person.id,
      });
    }
    await ctx.reply(ctx.t('watch.renewed', { count: mine.length }));
  }

  async function remove(ctx: ChoiceContext, id: number): Promise<void> {
    const watched = await ownWatched(ctx, id);
    await updateWatched(ctx.deps.db, watched.id, { status: 'removed' });
    await ctx.reply(ctx.t('watch.removed', { name: watched.name }));
  }

  // --- Vigilance ---

  async function vigilance(ctx: MessageContext): Promise<void> {
    const words = (ctx.event.command?.args ?? '').trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return showVigilance(ctx);
    const [dep = '', hazardWord = '', levelWord = ''] = words;
    const departement = dep.toUpperCase().padStart(2, '0');
    const accounts = ctx.deps.config.vigilanceAccounts;
    const sender = 'sender' in ctx.event ? ctx.event.sender.id : '';
    const allowed =
      ctx.isBotAdmin() || (accounts[`${ctx.chat.platform}:${sender}`] ?? []).includes(departement);
    if (!allowed) throw new UserFacingError('watch.vigilance_not_allowed');
    if (!isDepartement(departement))
      throw new UserFacingError('watch.unknown_departement', { departement: dep.slice(0, 10) });
    const hazard = HAZARD_WORDS[hazardWord.toLowerCase()];
    const level = LEVEL_WORDS[levelWord.toLowerCase()];
    if (!hazard || !level || words.length > 3) throw new UserFacingError('watch.vigilance_usage');
    const { changed, previous } = await applyVigilance(
      ctx.deps,
      { departement, hazard, level },
      `${ctx.chat.platform}:${sender}`,
      ctx.now,
    );
    await ctx.reply(
      changed
        ? ctx.t('watch.vigilance_set', {
            departement,
            hazard: ctx.t(`watch.hazards.${hazard}`),
            level: ctx.t(`watch.levels.${level}`),
            previous: ctx.t(`watch.levels.${previous ?? 'green'}`),
          })
        : ctx.t('watch.vigilance_unchanged', {
            departement,
            level: ctx.t(`watch.levels.${level}`),
          }),
    );
  }

  async function showVigilance(ctx: MessageContext): Promise<void> {
    if (!ctx.chat.departement) throw new UserFacingError('watch.no_departement');
    const rows = await findVigilance(ctx.deps.db, ctx.chat.departement);
    const level = (hazard: Hazard) => rows.find((r) => r.hazard === hazard)?.level ?? 'green';
    await ctx.reply(
      ctx.t('watch.vigilance_now', {
        departement: ctx.chat.departement,
        heat: ctx.t(`watch.levels.${level('heat')}`),
        cold: ctx.t(`watch.levels.${level('cold')}`),
      }),
    );
  }

  async function runImport(_payload: Record<string, unknown>, { deps, now }: JobContext) {
    if (!options.vigilanceImport) return;
    const readings = await options.vigilanceImport.fetch();
    let changed = 0;
    for (const reading of readings) {
      if ((await applyVigilance(deps, reading, 'meteo-france', now)).changed) changed++;
    }
    deps.logger.info({ readings: readings.length, changed }, 'vigilance imported');
  }

  // --- Text in private: the steps of /veiller ---

  async function onText(ctx: MessageContext): Promise<boolean> {
    if (ctx.chat.kind !== 'private') return false;
    const pending = await takePendingAnswer(ctx.deps.db, ctx.chat.id, ctx.now, 'watch_');
    const step = pending?.kind.slice('watch_'.length) as Step | undefined;
    if (!pending || !step || !(step in NEXT) || pending.personId !== ctx.person.id) return false;
    await answerStep(ctx, step, pending.data, ctx.event.text);
    return true;
  }

  async function onMembership(ctx: MembershipContext): Promise<void> {
    if (ctx.event.type !== 'member_left' || !ctx.person) return;
    const row = await findReferentIn(ctx.deps.db, ctx.chat.id, ctx.person.id);
    if (row && row.status !== 'removed') await leaveRole(ctx.deps, row);
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
      { kind: 'watchCheckIn', urgent: true, run: withConfig(runCheckIn) },
      { kind: 'watchLadder', urgent: true, run: runLadder },
      { kind: 'watchUnreachable', urgent: true, run: runUnreachable },
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
