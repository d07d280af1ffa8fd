// /jepeuxaider: a volunteer's offer, made privately (the categories they can help with and
// when), and pausing, resuming or stopping it.
import {
  findMemberGroups,
  findVolunteer,
  findVolunteersOfPerson,
  saveVolunteer,
} from '../../db/queries/mutual-aid.ts';
import { clearPendingAnswer, savePendingAnswer } from '../../db/queries/pending-answers.ts';
import type { ChatRow } from '../../db/queries/chats.ts';
import { findDate, formatDate, isIsoDate } from '../calendar/french-dates.ts';
import { UserFacingError } from '../errors.ts';
import type { Choice, OutboundMessage } from '../events.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import type { T } from '../i18n.ts';
import { replyPrivately } from '../private-chat.ts';
import { todayIn } from '../zoned-time.ts';
import { helpCategories, isHelpCategory } from './categories.ts';
import { groupOf, requireGroupChat } from '../reach.ts';
import { availabilitySlots } from './availability.ts';
import { freeTakenRequests } from './requests.ts';
import { whichGroup } from './which-group.ts';
import { offerByNumber } from './offers.ts';
import { ANSWER_TTL_MS } from './needs.ts';

const MAX_AVAILABILITY_LENGTH = 120;

const numbered = (ctx: HandlerContext) => !ctx.messenger.capabilities.inlineButtons;

/** `numbered`: where choices are numbered lines (nothing to tap), the text says to answer. */
function categoryPicker(
  t: T,
  chat: ChatRow,
  selected: string[],
  numbered: boolean,
): OutboundMessage {
  const choices: Choice[][] = helpCategories.map((c) => [
    {
      label: `${selected.includes(c) ? '✅ ' : ''}${t(`aid.categories.${c}`)}`,
      data: `aid:vcat:${chat.id}:${c}`,
    },
  ]);
  choices.push([{ label: t('aid.categories_done_button'), data: `aid:vdone:${chat.id}` }]);
  return {
    kind: 'text',
    text: t(numbered ? 'aid.volunteer_pick_numbered' : 'aid.volunteer_pick', groupOf(chat)),
    // "1 2 5": several categories in one message.
    multiple: true,
    choices,
  };
}

export async function openVolunteerFlow(ctx: HandlerContext, chat: ChatRow): Promise<void> {
  const existing = await findVolunteer(ctx.deps.db, chat.id, ctx.person.id);
  if (!existing) {
    await saveVolunteer(ctx.deps.db, { chatId: chat.id, personId: ctx.person.id, active: false });
  }
  await ctx.reply(categoryPicker(ctx.t, chat, existing?.categories ?? [], numbered(ctx)));
}

export async function volunteer(ctx: MessageContext): Promise<void> {
  const args = (ctx.event.command?.args ?? '').trim();
  if (ctx.chat.kind === 'group') {
    if (/^#?\d{1,12}$/.test(args)) return offerByNumber(ctx, args.replace('#', ''));
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
      return [categoryPicker(t, chat, existing?.categories ?? [], numbered(ctx))];
    });
    return;
  }
  // "en vacances jusqu'au 15", as people say it, is "vacances jusqu'au 15".
  const [word = '', rest = ''] = args.replace(/^en\s+(?=pause|vacances)/i, '').split(/\s+(.*)/s, 2);
  const verb = ctx.deps.i18n.commandWords.find('volunteer', word);
  if (/^#?\d{1,12}$/.test(args)) return offerByNumber(ctx, args.replace('#', ''));
  if (verb === 'pause') return pause(ctx, rest);
  if (verb === 'resume') return resume(ctx);
  if (verb === 'stop') return stopVolunteering(ctx);
  const chatId = await whichGroup(ctx, 'vgroup');
  if (chatId !== undefined) await openVolunteerFlow(ctx, await requireGroupChat(ctx.deps, chatId));
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

/** `aid:vcat:<group>:<category>`, the group checked by the router. */
export async function toggleCategory(ctx: ChoiceContext, chat: ChatRow, rest: string) {
  const [, category = ''] = rest.split(':');
  if (!isHelpCategory(category)) throw new UserFacingError('router.stale_choice');
  const offer = await findVolunteer(ctx.deps.db, chat.id, ctx.person.id);
  if (!offer) throw new UserFacingError('router.stale_choice');
  const categories = offer.categories.includes(category)
    ? offer.categories.filter((c) => c !== category)
    : [...offer.categories, category];
  await saveVolunteer(ctx.deps.db, { chatId: chat.id, personId: ctx.person.id, categories });
  const picker = categoryPicker(ctx.t, chat, categories, numbered(ctx));
  if (ctx.messenger.capabilities.editMessages && ctx.event.messageId) {
    await ctx.messenger.edit(ctx.event.chat.id, ctx.event.messageId, picker);
  } else {
    await ctx.reply(picker);
  }
}

export async function categoriesDone(ctx: ChoiceContext, chat: ChatRow): Promise<void> {
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

/** The last step of an offer, whose categories are chosen: from then on it is active. */
export async function saveAvailability(ctx: HandlerContext, chat: ChatRow, text: string | null) {
  const existing = await findVolunteer(ctx.deps.db, chat.id, ctx.person.id);
  if (!existing?.categories.length) throw new UserFacingError('router.stale_choice');
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
      ...groupOf(chat),
      categories: offer.categories.map((c) => ctx.t(`aid.categories.${c}`)).join(', '),
      availability: text ?? ctx.t('aid.any_time'),
    }),
  );
}
