// Help between neighbours, the panneau des voisins in the chat: /jepeuxaider (a volunteer's
// offer, made privately), /besoin (a need: an anonymous card in the group, volunteers asked
// privately, contacts only once both agree), /panneau (the board as copyable text) and
// /stats (what the group's mutual help is worth).
import {
  countRecentRequests,
  countServices,
  countVolunteersByCategory,
  createHelpRequest,
  deleteStaleDrafts,
  eraseMutualAidDataOfPerson,
  findActiveRequestsOf,
  findChatsWithOpenRequests,
  findHelpRequest,
  findLatestDraft,
  findMemberGroups,
  findOpenRequests,
  findRelaysOf,
  findVolunteer,
  findVolunteersOfPerson,
  findNotification,
  moveHelpRequest,
  recordVolunteering,
  saveNotificationAnswer,
  saveRequestCategory,
  saveVolunteer,
  MUTUAL_AID_DATA_OF_PERSON,
  type HelpRequestRow,
  type MutualAidDataOfPerson,
} from '../../db/queries/mutual-aid.ts';
import { enqueueJob } from '../../db/queries/jobs.ts';
import {
  clearPendingAnswer,
  savePendingAnswer,
  takePendingAnswer,
} from '../../db/queries/pending-answers.ts';
import type { ChatRow } from '../../db/queries/chats.ts';
import { findDate, formatDate, isIsoDate } from '../calendar/french-dates.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import { escapeHtml, type Choice, type OutboundMessage } from '../events.ts';
import type {
  ChoiceContext,
  Feature,
  HandlerContext,
  JobContext,
  MembershipContext,
  MessageContext,
} from '../feature.ts';
import type { T } from '../i18n.ts';
import { inPages } from '../jobs/in-pages.ts';
import { requireRowId } from '../plain-words.ts';
import { replyPrivately } from '../private-chat.ts';
import type { PrivacySection } from '../privacy/registry.ts';
import { localDateTimeToUtc, todayIn } from '../zoned-time.ts';
import {
  guessHelpCategory,
  helpCategories,
  isHelpCategory,
  readHelpCategory,
  type HelpCategory,
} from './categories.ts';
import { groupLine, groupName, privateLineTo, requireGroupChat, sendPrivately } from '../reach.ts';
import { availabilitySlots } from './availability.ts';
import {
  acceptRequest,
  askVolunteer,
  cardMessage,
  confirmOffer,
  describeWhen,
  freeOrphanedRequests,
  freeTakenRequests,
  markDone,
  notYet,
  publishRequest,
  refuseOffer,
  runExpire,
  runFollowUp,
  runNotifyRound,
  runRemindVolunteer,
  withdrawRequest,
} from './requests.ts';

export const MAX_DESCRIPTION_LENGTH = 500;
const MAX_AVAILABILITY_LENGTH = 120;
/** Requests a person may publish in an hour. */
export const MAX_REQUESTS_PER_HOUR = 3;
const ANSWER_TTL_MS = 30 * 60_000;
const SUMMARY_SPACING_MS = 3_000;

/** Phone numbers and e-mail addresses never reach the group card. */
function maskContacts(text: string, t: T): string {
  return text
    .replace(/(?:\+|00)?\d[\d .-]{7,}\d/g, t('aid.masked'))
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, t('aid.masked'));
}

export function createMutualAidFeature(): Feature {
  // --- Which group ---

  /**
   * The group a private flow is about: the one named (if the person is in it), else their
   * only group; with several, they choose.
   */
  async function whichGroup(
    ctx: HandlerContext,
    explicit: number | undefined,
    next: 'vgroup' | 'agroup',
  ): Promise<number | undefined> {
    if (ctx.chat.kind === 'group') return ctx.chat.id;
    const groups = await findMemberGroups(ctx.deps.db, ctx.person.id);
    if (explicit !== undefined) {
      if (!groups.some((g) => g.id === explicit)) throw new UserFacingError('aid.not_member');
      return explicit;
    }
    if (groups.length === 0) throw new UserFacingError('aid.no_group');
    if (groups.length === 1) return groups[0]!.id;
    await ctx.reply({
      kind: 'text',
      text: ctx.t('aid.which_group'),
      choices: groups.map((g) => [{ label: g.name || '?', data: `aid:${next}:${g.id}` }]),
    });
    return undefined;
  }

  // --- Volunteers ---

  function categoryPicker(t: T, chat: ChatRow, selected: string[]): OutboundMessage {
    const choices: Choice[][] = helpCategories.map((c) => [
      {
        label: `${selected.includes(c) ? '✅ ' : ''}${t(`aid.categories.${c}`)}`,
        data: `aid:vcat:${chat.id}:${c}`,
      },
    ]);
    choices.push([{ label: t('aid.categories_done_button'), data: `aid:vdone:${chat.id}` }]);
    return {
      kind: 'text',
      text: t('aid.volunteer_pick', { group: groupName(chat, t) }),
      choices,
    };
  }

  async function openVolunteerFlow(ctx: HandlerContext, chatId: number): Promise<void> {
    const chat = await requireGroupChat(ctx.deps, chatId);
    const existing = await findVolunteer(ctx.deps.db, chat.id, ctx.person.id);
    if (!existing) {
      await saveVolunteer(ctx.deps.db, { chatId: chat.id, personId: ctx.person.id, active: false });
    }
    await ctx.reply(categoryPicker(ctx.t, chat, existing?.categories ?? []));
  }

  async function volunteer(ctx: MessageContext): Promise<void> {
    const args = (ctx.event.command?.args ?? '').trim();
    if (ctx.chat.kind === 'group') {
      const numbered = /^#?(\d{1,12})$/.exec(args);
      if (numbered) return offerFromGroup(ctx, Number(numbered[1]));
      // Offers are made privately: nothing about them is said in the group.
      await replyPrivately(ctx, `volunteer-${ctx.chat.id}`, async (t) => {
        const chat = ctx.chat;
        const existing = await findVolunteer(ctx.deps.db, chat.id, ctx.person.id);
        if (!existing) {
          await saveVolunteer(ctx.deps.db, {
            chatId: chat.id,
            personId: ctx.person.id,
            active: false,
          });
        }
        return [categoryPicker(t, chat, existing?.categories ?? [])];
      });
      return;
    }
    // "en vacances jusqu'au 15", as people say it, is "vacances jusqu'au 15".
    const [word = '', rest = ''] = args
      .replace(/^en\s+(?=pause|vacances)/i, '')
      .split(/\s+(.*)/s, 2);
    const verb = word.toLowerCase();
    if (/^#?\d{1,12}$/.test(args)) return offerPrivately(ctx, Number(args.replace('#', '')));
    if (['pause', 'vacances', 'absent'].includes(verb)) return pause(ctx, rest);
    if (['reprendre', 'resume', 'retour'].includes(verb)) return resume(ctx);
    if (['arreter', 'arrêter', 'stop'].includes(verb)) return stopVolunteering(ctx);
    const chatId = await whichGroup(ctx, undefined, 'vgroup');
    if (chatId !== undefined) await openVolunteerFlow(ctx, chatId);
  }

  async function pause(ctx: MessageContext, text: string): Promise<void> {
    const today = todayIn(ctx.now, ctx.chat.timezone);
    const date = findDate(text, today, { locale: ctx.locale })?.date ?? nextDayNamed(text, today);
    if (!date) throw new UserFacingError('aid.pause_usage');
    const offers = await findVolunteersOfPerson(ctx.deps.db, ctx.person.id);
    if (offers.length === 0) throw new UserFacingError('aid.not_volunteer');
    for (const { volunteer: offer } of offers) {
      await saveVolunteer(ctx.deps.db, { ...offer, pausedUntil: date });
    }
    await ctx.reply(ctx.t('aid.paused', { date: formatDate(date, ctx.locale, 'long') }));
  }

  /** "jusqu'au 15": the next 15th of a month, from today on. */
  function nextDayNamed(text: string, today: string): string | undefined {
    const day = /^\D*\b(\d{1,2})\b\D*$/.exec(text)?.[1]?.padStart(2, '0');
    if (!day) return undefined;
    const [year = 0, month = 0] = today.split('-').map(Number);
    for (const m of [month, month + 1, month + 2]) {
      const date = `${year + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}-${day}`;
      if (isIsoDate(date) && date >= today) return date;
    }
    return undefined;
  }

  async function resume(ctx: MessageContext): Promise<void> {
    const offers = await findVolunteersOfPerson(ctx.deps.db, ctx.person.id);
    if (offers.length === 0) throw new UserFacingError('aid.not_volunteer');
    // Not in a group the person left: they would be asked there and could not accept.
    const groups = await findMemberGroups(ctx.deps.db, ctx.person.id);
    for (const { volunteer: offer } of offers) {
      await saveVolunteer(ctx.deps.db, {
        ...offer,
        pausedUntil: null,
        active: offer.categories.length > 0 && groups.some((g) => g.id === offer.chatId),
      });
    }
    await ctx.reply(ctx.t('aid.resumed'));
  }

  async function stopVolunteering(ctx: MessageContext): Promise<void> {
    const offers = await findVolunteersOfPerson(ctx.deps.db, ctx.person.id);
    if (offers.length === 0) throw new UserFacingError('aid.not_volunteer');
    for (const { volunteer: offer } of offers) {
      await saveVolunteer(ctx.deps.db, { ...offer, active: false });
    }
    await freeTakenRequests(ctx.deps, ctx.person.id, ctx.now);
    await ctx.reply(ctx.t('aid.stopped'));
  }

  async function toggleCategory(ctx: ChoiceContext, rest: string): Promise<void> {
    const [id = '', category = ''] = rest.split(':');
    if (!isHelpCategory(category)) throw new UserFacingError('router.stale_choice');
    const chat = await requireGroupChat(ctx.deps, requireRowId(id));
    const offer = await findVolunteer(ctx.deps.db, chat.id, ctx.person.id);
    if (!offer) throw new UserFacingError('router.stale_choice');
    const categories = offer.categories.includes(category)
      ? offer.categories.filter((c) => c !== category)
      : [...offer.categories, category];
    await saveVolunteer(ctx.deps.db, { chatId: chat.id, personId: ctx.person.id, categories });
    const picker = categoryPicker(ctx.t, chat, categories);
    if (ctx.messenger.capabilities.editMessages && ctx.event.messageId) {
      await ctx.messenger.edit(ctx.event.chat.id, ctx.event.messageId, picker);
    } else {
      await ctx.reply(picker);
    }
  }

  async function categoriesDone(ctx: ChoiceContext, rest: string): Promise<void> {
    const chat = await requireGroupChat(ctx.deps, Number(rest));
    const offer = await findVolunteer(ctx.deps.db, chat.id, ctx.person.id);
    if (!offer) throw new UserFacingError('router.stale_choice');
    if (offer.categories.length === 0) throw new UserFacingError('aid.pick_something');
    await savePendingAnswer(ctx.deps.db, {
      chatId: ctx.chat.id,
      personId: ctx.person.id,
      kind: 'aid_availability',
      data: { chatId: chat.id },
      expiresAt: new Date(ctx.now.getTime() + ANSWER_TTL_MS),
    });
    await ctx.reply({
      kind: 'text',
      text: ctx.t('aid.ask_availability'),
      choices: [[{ label: ctx.t('aid.any_time_button'), data: `aid:vany:${chat.id}` }]],
    });
  }

  async function saveAvailability(ctx: HandlerContext, chatId: number, text: string | null) {
    const chat = await requireGroupChat(ctx.deps, chatId);
    if (text !== null && text.length > MAX_AVAILABILITY_LENGTH) {
      throw new UserFacingError('aid.availability_too_long', { max: MAX_AVAILABILITY_LENGTH });
    }
    const offer = await saveVolunteer(ctx.deps.db, {
      chatId: chat.id,
      personId: ctx.person.id,
      availability: text,
      availabilitySlots: availabilitySlots(text),
      active: true,
    });
    // Answered with the button: the question no longer waits for a typed answer.
    if (ctx.chat.kind === 'private') await clearPendingAnswer(ctx.deps.db, ctx.chat.id);
    await ctx.reply(
      ctx.t('aid.volunteer_saved', {
        group: groupName(chat, ctx.t),
        categories: offer.categories.map((c) => ctx.t(`aid.categories.${c}`)).join(', '),
        availability: text ?? ctx.t('aid.any_time'),
      }),
    );
  }

  // --- Needs ---

  async function ask(ctx: MessageContext): Promise<void> {
    const args = (ctx.event.command?.args ?? '').trim();
    if (['annuler', 'retirer', 'cancel', 'withdraw'].includes(args.toLowerCase())) {
      return listForWithdrawal(ctx);
    }
    if (ctx.chat.kind === 'group') {
      // The conversation goes on privately; a need typed here waits there as a draft.
      const draft = args ? await makeDraft(ctx, ctx.chat.id, args) : undefined;
      const reachable = ctx.person.reachablePrivately || ctx.messenger.capabilities.canMessageFirst;
      if (reachable) {
        if (draft) await continueDraft(ctx.deps, draft, ctx.now);
        else await askDescription(ctx.deps, ctx.person.id, ctx.chat.id, ctx.now);
        await ctx.reply(ctx.t('private.sent_privately'));
        return;
      }
      const link = ctx.messenger.privateChatLink(draft ? `ask-${draft.id}` : `ask-g${ctx.chat.id}`);
      await ctx.reply(
        link
          ? {
              kind: 'text',
              text: ctx.t(draft ? 'aid.continue_privately_draft' : 'aid.continue_privately'),
              choices: [[{ label: ctx.t('private.open_button'), url: link }]],
            }
          : ctx.t(draft ? 'aid.write_privately_draft' : 'aid.write_privately'),
      );
      return;
    }
    const chatId = await whichGroup(ctx, undefined, 'agroup');
    if (chatId === undefined) return;
    if (args === '') {
      // A need typed in the group before the private chat existed waits here as a draft.
      const since = new Date(ctx.now.getTime() - 86_400_000);
      const draft = await findLatestDraft(ctx.deps.db, ctx.person.id, chatId, since);
      if (draft) return continueDraft(ctx.deps, draft, ctx.now);
      return askDescription(ctx.deps, ctx.person.id, chatId, ctx.now);
    }
    await continueDraft(ctx.deps, await makeDraft(ctx, chatId, args), ctx.now);
  }

  /** Asks the person, privately, to describe their need in their next message. */
  async function askDescription(deps: Deps, personId: number, chatId: number, now: Date) {
    const line = await privateLineTo(deps, personId);
    if (!line) throw new UserFacingError('aid.write_privately');
    await savePendingAnswer(deps.db, {
      chatId: line.chatRowId,
      personId,
      kind: 'aid_description',
      data: { chatId },
      expiresAt: new Date(now.getTime() + ANSWER_TTL_MS),
    });
    await line.send(line.t('aid.describe_need'));
  }

  async function makeDraft(
    ctx: HandlerContext,
    chatId: number,
    text: string,
  ): Promise<HelpRequestRow> {
    const description = text.replace(/\s+/g, ' ').trim();
    if (description === '') throw new UserFacingError('aid.empty_need');
    if (description.length > MAX_DESCRIPTION_LENGTH) {
      throw new UserFacingError('aid.need_too_long', { max: MAX_DESCRIPTION_LENGTH });
    }
    const since = new Date(ctx.now.getTime() - 3_600_000);
    if ((await countRecentRequests(ctx.deps.db, ctx.person.id, since)) >= MAX_REQUESTS_PER_HOUR) {
      throw new UserFacingError('aid.too_many_requests', { max: MAX_REQUESTS_PER_HOUR });
    }
    const chat = await requireGroupChat(ctx.deps, chatId);
    // A need given in full answers a "describe your need" question still waiting privately:
    // left there, the person's next private message (a relayed one) would become a new need.
    const privateChatId =
      ctx.chat.kind === 'private'
        ? ctx.chat.id
        : (await privateLineTo(ctx.deps, ctx.person.id))?.chatRowId;
    if (privateChatId !== undefined) {
      await takePendingAnswer(ctx.deps.db, privateChatId, ctx.now, 'aid_description');
    }
    const [first = '', rest = ''] = description.split(/[\s:,]+(.*)/s, 2);
    const named = readHelpCategory(first);
    const body = named && rest.trim() ? rest.trim() : description;
    const today = todayIn(ctx.now, chat.timezone);
    let neededOn: string | null = null;
    let whenText: string | null = null;
    try {
      const found = findDate(body, today, { locale: ctx.locale });
      if (found) {
        neededOn = found.date;
        whenText = body.slice(found.start, found.end).trim();
      }
    } catch {
      // A garbled or past date in a need's text is just words: the need stands without it.
    }
    return createHelpRequest(ctx.deps.db, {
      chatId: chat.id,
      requesterId: ctx.person.id,
      category: named ?? guessHelpCategory(body) ?? 'autre',
      description: maskContacts(body, ctx.t),
      whenText,
      neededOn,
      urgent: /\burgent/i.test(body),
      status: 'draft',
      expiresAt: new Date(ctx.now.getTime() + 86_400_000),
      // The per-person limit counts by this time: the handler's clock, not the database's.
      createdAt: ctx.now,
    });
  }

  /** A draft whose category is clear is published; otherwise the requester picks one. */
  async function continueDraft(deps: Deps, draft: HelpRequestRow, now: Date): Promise<void> {
    if (draft.category !== 'autre') return publishRequest(deps, draft, now);
    if (!(await sendPrivately(deps, draft.requesterId, (t) => pickNeedCategory(t, draft)))) {
      throw new UserFacingError('aid.write_privately');
    }
  }

  function pickNeedCategory(t: T, draft: HelpRequestRow): OutboundMessage {
    return {
      kind: 'text',
      text: t('aid.pick_need_category'),
      choices: helpCategories.map((c) => [
        { label: t(`aid.categories.${c}`), data: `aid:ncat:${draft.id}:${c}` },
      ]),
    };
  }

  async function chooseNeedCategory(ctx: ChoiceContext, rest: string): Promise<void> {
    const [id = '', category = ''] = rest.split(':');
    const draft = await findHelpRequest(ctx.deps.db, requireRowId(id));
    if (!draft || draft.requesterId !== ctx.person.id || !isHelpCategory(category)) {
      throw new UserFacingError('router.stale_choice');
    }
    if (draft.status !== 'draft') throw new UserFacingError('aid.already_published');
    await saveRequestCategory(ctx.deps.db, draft.id, category);
    await publishRequest(ctx.deps, { ...draft, category }, ctx.now);
  }

  async function resumeDraft(ctx: MessageContext, rest: string): Promise<void> {
    if (rest.startsWith('g')) {
      const chatId = await whichGroup(ctx, requireRowId(rest.slice(1)), 'agroup');
      if (chatId !== undefined) await askDescription(ctx.deps, ctx.person.id, chatId, ctx.now);
      return;
    }
    const draft = await findHelpRequest(ctx.deps.db, requireRowId(rest));
    if (!draft || draft.requesterId !== ctx.person.id)
      throw new UserFacingError('router.stale_choice');
    if (draft.status !== 'draft') throw new UserFacingError('aid.already_published');
    await continueDraft(ctx.deps, draft, ctx.now);
  }

  async function listForWithdrawal(ctx: MessageContext): Promise<void> {
    const active = await findActiveRequestsOf(ctx.deps.db, ctx.person.id);
    if (active.length === 0) throw new UserFacingError('aid.nothing_to_withdraw');
    await replyPrivately(ctx, 'aidwithdraw', (t) =>
      Promise.resolve([
        {
          kind: 'text' as const,
          text: t('aid.withdraw_which'),
          choices: active.map((r) => [
            {
              label: `${t(`aid.categories.${r.category}`)} — ${r.description.slice(0, 40)}`,
              data: `aid:withdraw:${r.id}`,
            },
          ]),
        },
      ]),
    );
  }

  async function withdraw(ctx: ChoiceContext, rest: string): Promise<void> {
    const request = await findHelpRequest(ctx.deps.db, Number(rest));
    if (!request || request.requesterId !== ctx.person.id)
      throw new UserFacingError('router.stale_choice');
    if (!(await withdrawRequest(ctx.deps, request)))
      throw new UserFacingError('aid.already_closed');
    await ctx.reply(ctx.t('aid.withdrawn'));
  }

  async function showName(ctx: ChoiceContext, rest: string): Promise<void> {
    const request = await findHelpRequest(ctx.deps.db, Number(rest));
    if (!request || request.requesterId !== ctx.person.id)
      throw new UserFacingError('router.stale_choice');
    const updated = await moveHelpRequest(ctx.deps.db, request.id, ['open', 'offered'], {
      showName: true,
    });
    if (!updated) throw new UserFacingError('aid.already_closed');
    const group = await groupLine(ctx.deps, updated.chatId);
    if (group && updated.cardMessageId && group.messenger.capabilities.editMessages) {
      await group.messenger.edit(
        group.chat.externalId,
        updated.cardMessageId,
        await cardMessage(ctx.deps, updated, group.t, group.locale),
      );
    }
    await ctx.reply(ctx.t('aid.name_shown'));
  }

  // --- Offering help on a card ---

  async function offerFromGroup(ctx: HandlerContext, requestId: number): Promise<void> {
    const request = await checkOfferable(ctx, requestId);
    const payload = `helpoffer-${request.id}`;
    if (
      ctx.chat.kind === 'group' &&
      !ctx.person.reachablePrivately &&
      !ctx.messenger.capabilities.canMessageFirst &&
      !ctx.messenger.privateChatLink(payload)
    ) {
      // No link to follow (WhatsApp), and "1" under the card is not something to type again
      // privately: say what to write there.
      await ctx.reply(ctx.t('aid.offer_write_privately', { id: request.id }));
      return;
    }
    await recordVolunteering(ctx.deps.db, request.id, ctx.person.id, ctx.now);
    const group = await requireGroupChat(ctx.deps, request.chatId);
    await replyPrivately(ctx, payload, (t) =>
      Promise.resolve([askVolunteer(request, groupName(group, t), t, ctx.locale)]),
    );
  }

  async function offerPrivately(ctx: MessageContext, requestId: number): Promise<void> {
    const request = await checkOfferable(ctx, requestId);
    const groups = await findMemberGroups(ctx.deps.db, ctx.person.id);
    if (!groups.some((g) => g.id === request.chatId)) throw new UserFacingError('aid.not_member');
    await recordVolunteering(ctx.deps.db, request.id, ctx.person.id, ctx.now);
    const group = await requireGroupChat(ctx.deps, request.chatId);
    await ctx.reply(askVolunteer(request, groupName(group, ctx.t), ctx.t, ctx.locale));
  }

  async function checkOfferable(ctx: HandlerContext, requestId: number): Promise<HelpRequestRow> {
    const request = Number.isSafeInteger(requestId)
      ? await findHelpRequest(ctx.deps.db, requestId)
      : undefined;
    if (!request || (ctx.chat.kind === 'group' && request.chatId !== ctx.chat.id)) {
      throw new UserFacingError('router.stale_choice');
    }
    if (request.requesterId === ctx.person.id) throw new UserFacingError('aid.own_request');
    if (request.status !== 'open') throw new UserFacingError('aid.taken_already');
    return request;
  }

  async function accept(ctx: ChoiceContext, rest: string): Promise<void> {
    if (ctx.chat.kind !== 'private') throw new UserFacingError('router.stale_choice');
    const outcome = await acceptRequest(ctx.deps, Number(rest), ctx.person.id);
    await ctx.reply(ctx.t(outcome === 'offered' ? 'aid.accepted' : 'aid.taken_by_someone_else'));
  }

  async function decline(ctx: ChoiceContext, rest: string): Promise<void> {
    const requestId = Number(rest);
    if (!(await findNotification(ctx.deps.db, requestId, ctx.person.id))) {
      throw new UserFacingError('aid.not_asked');
    }
    await saveNotificationAnswer(ctx.deps.db, requestId, ctx.person.id, 'declined');
    await ctx.reply(ctx.t('aid.declined'));
  }

  // --- Text in private: pending answers, then relayed messages ---

  async function onText(ctx: MessageContext): Promise<boolean> {
    if (ctx.chat.kind !== 'private') return false;
    const pending = await takePendingAnswer(ctx.deps.db, ctx.chat.id, ctx.now, 'aid_');
    if (pending?.personId === ctx.person.id) {
      const chatId = Number(pending.data.chatId);
      if (pending.kind === 'aid_availability') {
        await saveAvailability(ctx, chatId, ctx.event.text.trim());
        return true;
      }
      if (pending.kind === 'aid_description') {
        await continueDraft(ctx.deps, await makeDraft(ctx, chatId, ctx.event.text), ctx.now);
        return true;
      }
    }
    const [relay] = await findRelaysOf(ctx.deps.db, ctx.person.id);
    if (!relay?.volunteerId) return false;
    const other = relay.requesterId === ctx.person.id ? relay.volunteerId : relay.requesterId;
    const text = ctx.event.text.trim();
    const sent = await sendPrivately(ctx.deps, other, (t) =>
      t('aid.relayed', { name: ctx.person.displayName, text }),
    );
    await ctx.reply(ctx.t(sent ? 'aid.relay_sent' : 'aid.relay_failed'));
    return true;
  }

  // --- Leaving a group frees what the person was part of ---

  async function onMembership(ctx: MembershipContext): Promise<void> {
    if (ctx.event.type !== 'member_left' || !ctx.person) return;
    const offer = await findVolunteer(ctx.deps.db, ctx.chat.id, ctx.person.id);
    if (offer) await saveVolunteer(ctx.deps.db, { ...offer, active: false });
    await freeTakenRequests(ctx.deps, ctx.person.id, ctx.now, ctx.chat.id);
    for (const request of await findActiveRequestsOf(ctx.deps.db, ctx.person.id)) {
      if (request.chatId === ctx.chat.id) await withdrawRequest(ctx.deps, request);
    }
  }

  // --- The board and the figures ---

  async function board(ctx: MessageContext): Promise<void> {
    const chatId =
      ctx.chat.kind === 'group' ? ctx.chat.id : await whichGroup(ctx, undefined, 'agroup');
    if (chatId === undefined) return;
    const chat = await requireGroupChat(ctx.deps, chatId);
    const { t, locale } = ctx;
    const open = await findOpenRequests(ctx.deps.db, chat.id);
    const offers = await countVolunteersByCategory(
      ctx.deps.db,
      chat.id,
      todayIn(ctx.now, chat.timezone),
    );
    const needs = open.map(
      (r) =>
        `• ${t(`aid.categories.${r.category}`)} : ${escapeHtml(r.description)} (${describeWhen(r, locale, t)}) — /jepeuxaider ${r.id}`,
    );
    const offered = helpCategories
      .filter((c) => (offers[c] ?? 0) > 0)
      .map(
        (c) => `• ${t(`aid.categories.${c}`)} : ${t('aid.neighbours', { count: offers[c] ?? 0 })}`,
      );
    await ctx.reply(
      [
        t('aid.board_title', { group: groupName(chat, t) }),
        '',
        t('aid.board_needs'),
        ...(needs.length ? needs : [t('aid.board_no_needs')]),
        '',
        t('aid.board_offers'),
        ...(offered.length ? offered : [t('aid.board_no_offers')]),
        '',
        t('aid.board_hint'),
      ].join('\n'),
    );
  }

  async function stats(ctx: MessageContext): Promise<void> {
    const year = todayIn(ctx.now, ctx.chat.timezone).slice(0, 4);
    const since = localDateTimeToUtc(`${year}-01-01`, '00:00', ctx.chat.timezone);
    const rows = await countServices(ctx.deps.db, ctx.chat.id, since);
    const total = rows.reduce((sum, r) => sum + r.count, 0);
    if (total === 0) {
      await ctx.reply(ctx.t('aid.stats_none'));
      return;
    }
    const value = rows.reduce(
      (sum, r) =>
        sum + r.count * (ctx.deps.config.helpServiceValues[r.category as HelpCategory] ?? 0),
      0,
    );
    const euros = new Intl.NumberFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB').format(value);
    const lines = rows
      .sort((a, b) => b.count - a.count)
      .map((r) => `• ${ctx.t(`aid.categories.${r.category}`)} : ${r.count}`);
    await ctx.reply(
      [ctx.t('aid.stats', { count: total, euros }), '', ...lines, '', ctx.t('aid.stats_note')].join(
        '\n',
      ),
    );
  }

  /** Mondays: each group with needs nobody took gets a short anonymous summary. */
  async function planSummaries(_payload: unknown, { deps, now }: JobContext): Promise<void> {
    let planned = 0;
    const week = Math.floor(now.getTime() / (7 * 86_400_000));
    const chatIds = inPages(
      (after) => findChatsWithOpenRequests(deps.db, after, 500),
      (chatId) => chatId,
    );
    for await (const chatId of chatIds) {
      const created = await enqueueJob(deps.db, {
        kind: 'aidSendSummary',
        dedupeKey: `aid-summary:${chatId}:${week}`,
        runAt: new Date(now.getTime() + planned * SUMMARY_SPACING_MS),
        payload: { chatId },
        maxLatenessSeconds: 12 * 3600,
      });
      if (created) planned++;
    }
    deps.logger.info({ planned }, 'weekly help summaries planned');
  }

  async function sendSummary(
    payload: Record<string, unknown>,
    { deps }: JobContext,
  ): Promise<void> {
    const group = await groupLine(deps, Number(payload.chatId));
    if (!group) return;
    const open = (await findOpenRequests(deps.db, group.chat.id)).filter(
      (r) => r.status === 'open',
    );
    if (open.length === 0) return;
    const { t, locale } = group;
    const lines = open.map(
      (r) =>
        `• ${t(`aid.categories.${r.category}`)} : ${escapeHtml(r.description)} (${describeWhen(r, locale, t)})`,
    );
    await group.messenger.send(group.chat.externalId, {
      kind: 'text',
      text: [
        t('aid.summary_title', { count: open.length }),
        '',
        ...lines,
        '',
        t('aid.summary_hint'),
      ].join('\n'),
      choices: open.slice(0, 6).map((r) => [
        {
          label: `${t('aid.card_button')} — ${t(`aid.categories.${r.category}`)}`,
          data: `aid:offer:${r.id}`,
        },
      ]),
    });
  }

  /** A row id from untrusted choice data (forged presses carry anything). */

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
