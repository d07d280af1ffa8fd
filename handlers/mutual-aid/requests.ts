// A need's life: published as an anonymous card in the group, volunteers asked privately a
// few at a time (durable rounds), the first to accept offers, the requester confirms, then
// contacts are exchanged or messages relayed; a reminder, "c'est fait ?", a thank-you; or
// an honest expiry. Every step re-checks the request's state, so a late or replayed step
// changes nothing.
import {
  countVolunteersByCategory,
  findCandidates,
  findHelpRequest,
  findMemberGroups,
  findNotification,
  findOrphanedTakenRequests,
  findPendingNotified,
  findPersonContact,
  findTakenBy,
  moveHelpRequest,
  recordNotifications,
  saveNotificationAnswer,
  type HelpRequestRow,
} from '../../db/queries/mutual-aid.ts';
import { findPerson } from '../../db/queries/people.ts';
import { cancelPendingJobs, enqueueJob } from '../../db/queries/jobs.ts';
import { addDays, formatDate } from '../calendar/french-dates.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import { escapeHtml, type OutboundMessage } from '../events.ts';
import type { JobContext } from '../feature.ts';
import { isLocale, pair, quoted, type Locale, type T } from '../i18n.ts';
import { localDateTimeToUtc, todayIn } from '../zoned-time.ts';
import type { ChatRow } from '../../db/queries/chats.ts';
import { groupLine, groupOf, sendPrivately } from '../reach.ts';
import { needSlot } from './availability.ts';
import { helpCalendarChoices, sendHelpCancellation } from './calendar-file.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Volunteers asked per round, and rounds at most. */
export const ROUND_SIZE = 3;
const MAX_ROUNDS = 6;
const ROUND_GAP_MS = { urgent: 30 * MINUTE, normal: 3 * HOUR };
const EXPIRY_MS = { urgent: DAY, normal: 7 * DAY };
/** Services counted for fair rotation over this period. */
const ROTATION_WINDOW_MS = 90 * DAY;
const FOLLOW_UP_RETRIES = 3;

const jobKey = (id: number) => `aid:${id}:`;

export function describeWhen(request: HelpRequestRow, locale: Locale, t: T): string {
  if (request.neededOn && request.neededUntil) {
    return t('aid.when_range', {
      from: formatDate(request.neededOn, locale, 'long'),
      until: formatDate(request.neededUntil, locale, 'long'),
    });
  }
  if (request.neededOn) return formatDate(request.neededOn, locale, 'long');
  return request.whenText ? escapeHtml(request.whenText) : t('aid.when_flexible');
}

/** The need as told to a volunteer privately, and in the group's card. */
export function needLines(request: HelpRequestRow, locale: Locale, t: T): string {
  return [
    `<b>${t(`aid.categories.${request.category}`)}</b>${request.urgent ? ` — ${t('aid.urgent')}` : ''}`,
    // A need may be its category alone (what it said of health left out).
    ...(request.description === '' ? [] : [quoted(request.description, t)]),
    t('aid.when_line', {
      when: describeWhen(request, locale, t),
      interpolation: { escapeValue: false },
    }),
  ].join('\n');
}

export async function cardMessage(
  deps: Deps,
  request: HelpRequestRow,
  t: T,
  locale: Locale,
  /** Choices are numbered lines (WhatsApp, the terminal): the hint says to answer. */
  numbered: boolean,
): Promise<OutboundMessage> {
  let title = t('aid.card_title');
  if (request.showName) {
    const contact = await findPersonContact(deps.db, request.requesterId);
    if (contact) title = t('aid.card_title_named', { name: contact.person.displayName });
  }
  const state =
    // A draft is previewed as the group will see it once published.
    request.status === 'open' || request.status === 'offered' || request.status === 'draft'
      ? t(numbered ? 'aid.card_hint_numbered' : 'aid.card_hint', { id: request.id })
      : t(
          `aid.card_state_${request.status === 'matched' || request.status === 'done' ? 'taken' : 'closed'}`,
        );
  const open = request.status === 'open';
  return {
    kind: 'text',
    text: `🙋 <b>${title}</b>\n${needLines(request, locale, t)}\n\n${state}`,
    ...(open
      ? { choices: [[{ label: t('aid.card_button'), data: `aid:offer:${request.id}` }]] }
      : {}),
  };
}

/** Updates the card in the group where messages can be edited (elsewhere it stays as is). */
async function refreshCard(deps: Deps, request: HelpRequestRow): Promise<void> {
  const group = await groupLine(deps, request.chatId);
  if (!group || !request.cardMessageId || !group.messenger.capabilities.editMessages) return;
  try {
    await group.messenger.edit(
      group.chat.externalId,
      request.cardMessageId,
      await cardMessage(
        deps,
        request,
        group.t,
        group.locale,
        !group.messenger.capabilities.inlineButtons,
      ),
    );
  } catch (error) {
    deps.logger.debug({ err: error, requestId: request.id }, 'help card not edited');
  }
}

/** When a request stops being useful: its date's evening, or a day (urgent) or a week. */
export function expiryOf(
  request: Pick<HelpRequestRow, 'urgent' | 'neededOn' | 'neededUntil'>,
  now: Date,
  timeZone: string,
): Date {
  const plain = now.getTime() + (request.urgent ? EXPIRY_MS.urgent : EXPIRY_MS.normal);
  const lastDay = request.neededUntil ?? request.neededOn;
  if (!lastDay) return new Date(plain);
  const evening = localDateTimeToUtc(lastDay, '20:00', timeZone).getTime();
  // A period lasts until its last evening, even beyond the usual week.
  const cap = request.neededUntil ? evening : Math.min(plain, evening);
  return new Date(Math.max(now.getTime() + 2 * HOUR, cap));
}

/**
 * Publishes a draft: the anonymous card in the group, the requester told privately, the
 * first round of volunteers and the expiry planned.
 */
export async function publishRequest(
  deps: Deps,
  draft: HelpRequestRow,
  now: Date,
  /** The language the need was previewed in, when not the private chat's. */
  locale?: Locale,
): Promise<void> {
  const group = await groupLine(deps, draft.chatId);
  if (!group) throw new UserFacingError('aid.no_group');
  const request = await moveHelpRequest(
    deps.db,
    draft.id,
    ['draft'],
    {
      status: 'open',
      expiresAt: expiryOf(draft, now, group.chat.timezone),
      // What is said to the requester later is in the language the need was asked in.
      locale: locale ?? null,
    },
    { metric: () => 'need:created', at: now },
  );
  if (!request) throw new UserFacingError('aid.request_gone');
  const card = await group.messenger.send(
    group.chat.externalId,
    await cardMessage(
      deps,
      request,
      group.t,
      group.locale,
      !group.messenger.capabilities.inlineButtons,
    ),
  );
  await moveHelpRequest(deps.db, request.id, ['open'], { cardMessageId: card.messageId ?? null });
  const available = await countVolunteersByCategory(
    deps.db,
    request.chatId,
    todayIn(now, group.chat.timezone),
  );
  const volunteers = available[request.category] ?? 0;
  await sendPrivately(
    deps,
    request.requesterId,
    (t) => ({
      kind: 'text',
      text: [
        t('aid.published', groupOf(group.chat)),
        volunteers > 0 ? t('aid.volunteers_exist', { count: volunteers }) : t('aid.no_volunteers'),
      ].join('\n\n'),
      choices: [
        [{ label: t('aid.show_name_button'), data: `aid:showname:${request.id}` }],
        [{ label: t('aid.withdraw_button'), data: `aid:withdraw:${request.id}` }],
      ],
    }),
    locale,
  );
  await enqueueJob(deps.db, {
    kind: 'aidNotifyRound',
    dedupeKey: `${jobKey(request.id)}round:1`,
    runAt: now,
    payload: { requestId: request.id, round: 1 },
  });
  await enqueueJob(deps.db, {
    kind: 'aidExpire',
    dedupeKey: `${jobKey(request.id)}expire`,
    runAt: request.expiresAt,
    payload: { requestId: request.id },
    maxLatenessSeconds: 30 * 86_400,
  });
}

/**
 * The language a need was asked in, when not its requester's private chat's (written in
 * Portuguese in a chat still French): stored with it when published, untrusted all the same.
 */
export function needLanguage(
  deps: Deps,
  request: Pick<HelpRequestRow, 'locale'>,
): Locale | undefined {
  const word = request.locale ?? '';
  return isLocale(word) && deps.i18n.available.includes(word) ? word : undefined;
}

/**
 * Says something privately to a need's requester, in the language the need was asked in:
 * later messages (a job after a restart, a volunteer's answer, the expiry) too, not the
 * chat's (tryout: "Je n'ai trouvé personne…" to a need asked and previewed in Portuguese).
 */
export function sendToRequester(
  deps: Deps,
  request: Pick<HelpRequestRow, 'locale' | 'requesterId'>,
  build: Parameters<typeof sendPrivately>[2],
): Promise<boolean> {
  return sendPrivately(deps, request.requesterId, build, needLanguage(deps, request));
}

/** The private question to a volunteer, with accept and decline. */
export function askVolunteer(
  request: HelpRequestRow,
  group: Pick<ChatRow, 'name' | 'title'>,
  t: T,
  locale: Locale,
): OutboundMessage {
  return {
    kind: 'text',
    text: `${t('aid.ask_volunteer', groupOf(group))}\n\n${needLines(request, locale, t)}\n\n${t('aid.ask_volunteer_question')}`,
    choices: [
      [
        { label: t('aid.accept_button'), data: `aid:accept:${request.id}` },
        { label: t('aid.decline_button'), data: `aid:decline:${request.id}` },
      ],
    ],
  };
}

/** A round: the next best volunteers are asked privately; the next round is planned. */
export async function runNotifyRound(payload: Record<string, unknown>, { deps, now }: JobContext) {
  const request = await findHelpRequest(deps.db, Number(payload.requestId));
  const round = Number(payload.round);
  if (request?.status !== 'open') return;
  const group = await groupLine(deps, request.chatId);
  if (!group) return;
  const today = todayIn(now, group.chat.timezone);
  const since = new Date(now.getTime() - ROTATION_WINDOW_MS);
  // Neighbours never asked come first; those told it was taken are asked again only once
  // nobody new is left (the need came back to the search: refused, or its volunteer left).
  const slot = needSlot(request);
  let candidates = await findCandidates(deps.db, request, today, since, ROUND_SIZE, { slot });
  if (candidates.length === 0) {
    candidates = await findCandidates(deps.db, request, today, since, ROUND_SIZE, {
      askAgain: true,
      slot,
    });
  }
  const asked = await recordNotifications(deps.db, request.id, candidates, now);
  let reached = 0;
  for (const personId of asked) {
    const sent = await sendPrivately(deps, personId, (t, locale) =>
      askVolunteer(request, group.chat, t, locale),
    );
    if (sent) reached++;
  }
  await moveHelpRequest(deps.db, request.id, ['open'], { rounds: round });
  deps.logger.info(
    { requestId: request.id, round, asked: asked.length, reached },
    'volunteers asked',
  );
  if (asked.length === 0) {
    // Nobody (left) to ask: say so honestly once, the card stays in the group.
    if (round === 1) {
      await sendToRequester(deps, request, (t) => t('aid.nobody_to_ask'));
    }
    return;
  }
  if (round >= MAX_ROUNDS) return;
  const gap = request.urgent ? ROUND_GAP_MS.urgent : ROUND_GAP_MS.normal;
  await enqueueJob(deps.db, {
    kind: 'aidNotifyRound',
    dedupeKey: `${jobKey(request.id)}round:${round + 1}`,
    runAt: new Date(now.getTime() + gap),
    payload: { requestId: request.id, round: round + 1 },
  });
}

/**
 * A volunteer accepts. Only someone who was asked and is still in the group may, once (a
 * volunteer the requester refused, or who stopped, cannot offer again with the old
 * button); of two accepting at once, the conditional UPDATE lets exactly one through and
 * the other is thanked all the same.
 */
export async function acceptRequest(
  deps: Deps,
  requestId: number,
  personId: number,
): Promise<'offered' | 'too_late'> {
  const request = await findHelpRequest(deps.db, requestId);
  if (!request) throw new UserFacingError('router.stale_choice');
  if (request.requesterId === personId) throw new UserFacingError('aid.own_request');
  const notification = await findNotification(deps.db, requestId, personId);
  if (!notification) throw new UserFacingError('aid.not_asked');
  if (request.volunteerId === personId && request.status !== 'open') {
    throw new UserFacingError('aid.already_yours');
  }
  if (['draft', 'expired', 'withdrawn'].includes(request.status)) {
    throw new UserFacingError('aid.taken_already');
  }
  if (notification.answer === 'accepted') throw new UserFacingError('aid.no_longer_offered');
  const groups = await findMemberGroups(deps.db, personId);
  if (!groups.some((g) => g.id === request.chatId)) throw new UserFacingError('aid.not_member');
  const offered = await moveHelpRequest(deps.db, requestId, ['open'], {
    status: 'offered',
    volunteerId: personId,
  });
  if (!offered) {
    await saveNotificationAnswer(deps.db, requestId, personId, 'too_late');
    return 'too_late';
  }
  await saveNotificationAnswer(deps.db, requestId, personId, 'accepted');
  await cancelPendingJobs(deps.db, `${jobKey(requestId)}round:`);
  const group = await groupLine(deps, offered.chatId);
  const volunteer = await findPersonContact(deps.db, personId);
  await sendToRequester(deps, offered, (t, locale) => ({
    kind: 'text',
    text: `${t('aid.offer_received', { name: volunteer?.person.displayName || t('aid.a_neighbour') })}\n\n${needLines(offered, locale, t)}\n\n${t('aid.offer_question')}`,
    choices: [
      [{ label: t('aid.confirm_contact_button'), data: `aid:confirm:${requestId}:contact` }],
      [{ label: t('aid.confirm_relay_button'), data: `aid:confirm:${requestId}:relay` }],
      [{ label: t('aid.refuse_button'), data: `aid:refuse:${requestId}` }],
    ],
  }));
  // The others asked are told kindly that someone answered.
  for (const other of await findPendingNotified(deps.db, requestId, personId)) {
    await saveNotificationAnswer(deps.db, requestId, other, 'too_late');
    await sendPrivately(deps, other, (t) => t('aid.taken_by_someone_else'));
  }
  if (group) deps.logger.info({ requestId }, 'help offered');
  return 'offered';
}

/** The requester agrees: contacts exchanged, or the bot relays; follow-ups planned. */
export async function confirmOffer(
  deps: Deps,
  requestId: number,
  personId: number,
  mode: 'contact' | 'relay',
  now: Date,
): Promise<void> {
  const request = await findHelpRequest(deps.db, requestId);
  if (!request || request.requesterId !== personId)
    throw new UserFacingError('router.stale_choice');
  const offered = request.volunteerId;
  const requester = await findPersonContact(deps.db, request.requesterId);
  const volunteer = offered ? await findPersonContact(deps.db, offered) : undefined;
  if (!requester || !volunteer) throw new UserFacingError('aid.no_longer_offered');
  // A contact the bot cannot give (a WhatsApp id without a number) would send people back
  // to the group, undoing the anonymity: the bot relays instead, and says so.
  const relayInstead = mode === 'contact' && (!hasContact(requester) || !hasContact(volunteer));
  const chosen = relayInstead ? 'relay' : mode;
  const matched = await moveHelpRequest(deps.db, requestId, ['offered'], {
    status: 'matched',
    contactMode: chosen,
    matchedAt: now,
  });
  if (!matched?.volunteerId) throw new UserFacingError('aid.no_longer_offered');
  if (relayInstead) {
    await sendToRequester(deps, matched, (t) => t('aid.relay_instead'));
  }
  // A help with a date can go in both calendars ("📅 Ajouter à mon agenda").
  const withCalendar = (t: T, text: string): OutboundMessage => ({
    kind: 'text',
    text,
    choices: helpCalendarChoices(matched, t),
  });
  if (chosen === 'contact') {
    await sendToRequester(deps, matched, (t) =>
      withCalendar(
        t,
        t('aid.contact_of', {
          contact: contactLine(volunteer, t),
          interpolation: { escapeValue: false },
        }),
      ),
    );
    await sendPrivately(deps, matched.volunteerId, (t, locale) =>
      withCalendar(
        t,
        `${t('aid.confirmed_volunteer', { name: requester.person.displayName || t('aid.a_neighbour') })}\n\n${needLines(matched, locale, t)}\n\n${t('aid.contact_of', { contact: contactLine(requester, t), interpolation: { escapeValue: false } })}`,
      ),
    );
  } else {
    await sendToRequester(deps, matched, (t) =>
      withCalendar(t, t('aid.relay_started', { name: volunteer.person.displayName })),
    );
    await sendPrivately(deps, matched.volunteerId, (t, locale) =>
      withCalendar(
        t,
        `${t('aid.confirmed_volunteer', { name: requester.person.displayName || t('aid.a_neighbour') })}\n\n${needLines(matched, locale, t)}\n\n${t('aid.relay_started', { name: requester.person.displayName })}`,
      ),
    );
  }
  await refreshCard(deps, matched);
  await planFollowUps(deps, matched, now);
}

function hasContact(contact: NonNullable<Awaited<ReturnType<typeof findPersonContact>>>) {
  if (contact.person.platform === 'whatsapp') return contact.ids.some((i) => i.endsWith('@c.us'));
  if (contact.person.platform === 'telegram') return contact.ids.some((i) => /^\d+$/.test(i));
  return true;
}

/** "Bruno — t.me profile / wa.me number": how to reach someone, per platform. */
function contactLine(
  contact: NonNullable<Awaited<ReturnType<typeof findPersonContact>>>,
  t: T,
): string {
  const name = escapeHtml(contact.person.displayName);
  if (contact.person.platform === 'telegram') {
    const id = contact.ids.find((i) => /^\d+$/.test(i));
    return id ? `<a href="tg://user?id=${id}">${name}</a> (${t('aid.contact_telegram')})` : name;
  }
  if (contact.person.platform === 'whatsapp') {
    const number = contact.ids.find((i) => i.endsWith('@c.us'))?.split('@')[0];
    return number
      ? pair(name, `https://wa.me/${number}`, t)
      : `${name} (${t('aid.contact_whatsapp_unknown')})`;
  }
  return name;
}

async function planFollowUps(deps: Deps, request: HelpRequestRow, now: Date): Promise<void> {
  const group = await groupLine(deps, request.chatId);
  const tz = group?.chat.timezone ?? 'Europe/Paris';
  if (request.neededOn) {
    const reminder = localDateTimeToUtc(request.neededOn, '09:00', tz);
    if (reminder.getTime() > now.getTime()) {
      await enqueueJob(deps.db, {
        kind: 'aidRemindVolunteer',
        dedupeKey: `${jobKey(request.id)}remind`,
        runAt: reminder,
        payload: { requestId: request.id },
        maxLatenessSeconds: 6 * 3600,
      });
    }
  }
  const lastDay = request.neededUntil ?? request.neededOn;
  const followUp = lastDay
    ? localDateTimeToUtc(addDays(lastDay, 1), '18:00', tz)
    : new Date(now.getTime() + 2 * DAY);
  await enqueueJob(deps.db, {
    kind: 'aidFollowUp',
    dedupeKey: `${jobKey(request.id)}followup:1`,
    runAt: new Date(Math.max(followUp.getTime(), now.getTime() + HOUR)),
    payload: { requestId: request.id, attempt: 1 },
    maxLatenessSeconds: 3 * 86_400,
  });
}

/** The requester declines the offer: the request is open again and the search goes on. */
export async function refuseOffer(
  deps: Deps,
  requestId: number,
  personId: number,
  now: Date,
): Promise<void> {
  const request = await findHelpRequest(deps.db, requestId);
  if (!request || request.requesterId !== personId)
    throw new UserFacingError('router.stale_choice');
  const volunteerId = request.volunteerId;
  const reopened = await moveHelpRequest(deps.db, requestId, ['offered'], {
    status: 'open',
    volunteerId: null,
  });
  if (!reopened) throw new UserFacingError('aid.no_longer_offered');
  // Their answer stays "accepted": it keeps them out of the next rounds and their old
  // button from offering again.
  if (volunteerId) await sendPrivately(deps, volunteerId, (t) => t('aid.offer_not_needed'));
  await nextRoundNow(deps, reopened, now);
}

async function nextRoundNow(deps: Deps, request: HelpRequestRow, now: Date): Promise<void> {
  await cancelPendingJobs(deps.db, `${jobKey(request.id)}round:`);
  await enqueueJob(deps.db, {
    kind: 'aidNotifyRound',
    dedupeKey: `${jobKey(request.id)}round:${request.rounds + 1}`,
    runAt: now,
    payload: { requestId: request.id, round: request.rounds + 1 },
  });
}

export async function runRemindVolunteer(payload: Record<string, unknown>, { deps }: JobContext) {
  const request = await findHelpRequest(deps.db, Number(payload.requestId));
  if (request?.status !== 'matched' || !request.volunteerId) return;
  await sendPrivately(
    deps,
    request.volunteerId,
    (t, locale) => `${t('aid.reminder_volunteer')}\n\n${needLines(request, locale, t)}`,
  );
}

/** "C'est fait ?" to both, with a button; asked again a few times if not yet. */
export async function runFollowUp(payload: Record<string, unknown>, { deps }: JobContext) {
  const request = await findHelpRequest(deps.db, Number(payload.requestId));
  if (request?.status !== 'matched' || !request.volunteerId) return;
  for (const personId of [request.requesterId, request.volunteerId]) {
    const written = personId === request.requesterId ? needLanguage(deps, request) : undefined;
    await sendPrivately(
      deps,
      personId,
      (t, locale) => ({
        kind: 'text',
        text: `${t('aid.follow_up')}\n\n${needLines(request, locale, t)}`,
        choices: [
          [
            { label: t('aid.done_button'), data: `aid:done:${request.id}` },
            { label: t('aid.not_yet_button'), data: `aid:notyet:${request.id}` },
          ],
        ],
      }),
      written,
    );
  }
}

/** A request the person takes part in (as requester or volunteer); anything else is forged. */
async function requestOfParticipant(deps: Deps, requestId: number, personId: number) {
  const request = await findHelpRequest(deps.db, requestId);
  if (!request || (request.requesterId !== personId && request.volunteerId !== personId)) {
    throw new UserFacingError('router.stale_choice');
  }
  return request;
}

export async function markDone(
  deps: Deps,
  requestId: number,
  personId: number,
  now: Date,
): Promise<void> {
  await requestOfParticipant(deps, requestId, personId);
  const done = await moveHelpRequest(
    deps.db,
    requestId,
    ['matched'],
    { status: 'done', doneAt: now },
    { metric: (row) => `service:${row.category}`, at: now },
  );
  if (!done) throw new UserFacingError('aid.already_closed');
  await cancelPendingJobs(deps.db, jobKey(requestId));
  const helper = done.volunteerId ? await findPerson(deps.db, done.volunteerId) : undefined;
  await sendToRequester(deps, done, (t) =>
    t('aid.thanks_requester', { name: helper?.displayName || t('aid.a_neighbour') }),
  );
  if (done.volunteerId)
    await sendPrivately(deps, done.volunteerId, (t) => t('aid.thanks_volunteer'));
  await refreshCard(deps, done);
}

export async function notYet(
  deps: Deps,
  requestId: number,
  personId: number,
  now: Date,
): Promise<void> {
  const request = await requestOfParticipant(deps, requestId, personId);
  if (request.status !== 'matched') throw new UserFacingError('aid.already_closed');
  for (let attempt = 2; attempt <= FOLLOW_UP_RETRIES + 1; attempt++) {
    const created = await enqueueJob(deps.db, {
      kind: 'aidFollowUp',
      dedupeKey: `${jobKey(requestId)}followup:${attempt}`,
      runAt: new Date(now.getTime() + 2 * DAY),
      payload: { requestId, attempt },
      maxLatenessSeconds: 3 * 86_400,
    });
    if (created) return;
  }
}

/** Not matched in time: the requester is told honestly, with what else they can do. */
export async function runExpire(payload: Record<string, unknown>, { deps }: JobContext) {
  const request = await findHelpRequest(deps.db, Number(payload.requestId));
  if (!request) return;
  const expired = await moveHelpRequest(deps.db, request.id, ['open', 'offered'], {
    status: 'expired',
  });
  if (!expired) return;
  await cancelPendingJobs(deps.db, jobKey(request.id));
  await sendToRequester(
    deps,
    expired,
    (t, locale) =>
      `${t('aid.expired')}\n\n${needLines(expired, locale, t)}\n\n${t('aid.expired_options')}`,
  );
  if (request.status === 'offered' && request.volunteerId) {
    await sendPrivately(deps, request.volunteerId, (t) => t('aid.offer_not_needed'));
  }
  await refreshCard(deps, expired);
}

/** The requester withdraws: whoever was involved is freed and told. */
export async function withdrawRequest(
  deps: Deps,
  request: HelpRequestRow,
  now: Date,
): Promise<boolean> {
  const withdrawn = await moveHelpRequest(
    deps.db,
    request.id,
    ['draft', 'open', 'offered', 'matched'],
    {
      status: 'withdrawn',
    },
  );
  if (!withdrawn) return false;
  await cancelPendingJobs(deps.db, jobKey(request.id));
  if (request.volunteerId && (request.status === 'offered' || request.status === 'matched')) {
    await sendPrivately(deps, request.volunteerId, (t) => t('aid.withdrawn_volunteer'));
    // Agreed, it may be in their calendar: the file that strikes it out.
    if (request.status === 'matched') await sendHelpCancellation(deps, withdrawn, now);
  }
  await refreshCard(deps, withdrawn);
  return true;
}

/** A volunteer stops (or leaves the group): what they had taken goes back to the search. */
export async function freeTakenRequests(deps: Deps, personId: number, now: Date, chatId?: number) {
  for (const request of await findTakenBy(deps.db, personId, chatId)) {
    await backToSearch(deps, request, now);
  }
}

/**
 * Needs whose volunteer erased their data (/oublier runs in a transaction, with no
 * messenger): the requester is told and the search goes on, at the next sweep.
 */
export async function freeOrphanedRequests(_payload: unknown, { deps, now }: JobContext) {
  for (const request of await findOrphanedTakenRequests(deps.db, 500)) {
    await backToSearch(deps, request, now);
  }
}

/**
 * The request is open again: the requester told, the card's button back, a round now. A
 * need whose time has passed is not searched for again: it expires, honestly.
 */
async function backToSearch(deps: Deps, request: HelpRequestRow, now: Date): Promise<void> {
  const group = await groupLine(deps, request.chatId);
  const today = todayIn(now, group?.chat.timezone ?? 'Europe/Paris');
  if (
    ((request.neededUntil ?? request.neededOn) !== null &&
      (request.neededUntil ?? request.neededOn)! < today) ||
    request.expiresAt.getTime() <= now.getTime()
  ) {
    const expired = await moveHelpRequest(deps.db, request.id, ['offered', 'matched'], {
      status: 'expired',
    });
    if (!expired) return;
    await cancelPendingJobs(deps.db, jobKey(request.id));
    await sendToRequester(deps, request, (t) => t('aid.volunteer_left_past'));
    await refreshCard(deps, expired);
    return;
  }
  const reopened = await moveHelpRequest(deps.db, request.id, ['offered', 'matched'], {
    status: 'open',
    volunteerId: null,
    contactMode: null,
    matchedAt: null,
  });
  if (!reopened) return;
  await cancelPendingJobs(deps.db, `${jobKey(request.id)}followup`);
  await cancelPendingJobs(deps.db, `${jobKey(request.id)}remind`);
  await sendToRequester(deps, request, (t) => t('aid.volunteer_left'));
  await refreshCard(deps, reopened);
  await nextRoundNow(deps, reopened, now);
}
