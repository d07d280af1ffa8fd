// "📅 Ajouter à mon agenda" for an accepted help that has a date: offered privately to the
// requester and to the volunteer once both agreed, as an all-day event (a need has a day or
// a period, never an hour). The file says what the help is and which group, never a name,
// a number or anything the help flow did not already share. Its UID is one per request;
// when the requester withdraws a help already agreed, the volunteer gets the file that
// strikes it out (SEQUENCE 1, METHOD:CANCEL).
import { findChatById, type ChatRow } from '../../db/queries/chats.ts';
import type { HelpRequestRow } from '../../db/queries/mutual-aid.ts';
import { icsFilename, toIcsFile } from '../calendar/ics-file.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import type { Choice, OutboundMessage } from '../events.ts';
import type { ChoiceContext } from '../feature.ts';
import type { Locale, T } from '../i18n.ts';
import { groupOf, requireGroupChat, sendPrivately } from '../reach.ts';
import { describeWhen } from './requests.ts';

export const helpUid = (request: HelpRequestRow) => `help-${request.id}@voisins-solidaires`;

/** The choice under the messages that confirm a help with a date; none without a date. */
export function helpCalendarChoices(request: HelpRequestRow, t: T): Choice[][] {
  return request.neededOn
    ? [[{ label: t('aid.calendar_button'), data: `aid:ics:${request.id}` }]]
    : [];
}

export async function helpCalendarFile(
  request: HelpRequestRow & { neededOn: string },
  group: ChatRow,
  t: T,
  locale: Locale,
  now: Date,
  cancelled: boolean,
): Promise<OutboundMessage> {
  const category = t(`aid.categories.${request.category}`);
  const summary = t('aid.calendar_summary', { category, interpolation: { escapeValue: false } });
  return {
    kind: 'document',
    filename: icsFilename(summary),
    data: await toIcsFile({
      uid: helpUid(request),
      sequence: cancelled ? 1 : 0,
      cancelled,
      summary,
      description: [
        request.description,
        t('aid.calendar_description', {
          ...groupOf(group),
          interpolation: { escapeValue: false },
        }),
      ].join('\n'),
      date: request.neededOn,
      lastDate: request.neededUntil,
      timeZone: group.timezone,
      alarmText: t('aid.calendar_alarm', { summary, interpolation: { escapeValue: false } }),
      now,
    }),
    caption: `${t(cancelled ? 'aid.calendar_cancelled_caption' : 'aid.calendar_caption')}\n${describeWhen(request, locale, t)}`,
  };
}

/**
 * `aid:ics:<request>`, privately: only its requester or its volunteer, once both agreed
 * (the router has checked the person is in its group).
 */
export async function helpCalendarChoice(
  ctx: ChoiceContext,
  request: HelpRequestRow,
): Promise<void> {
  const { person } = ctx;
  if (request.requesterId !== person.id && request.volunteerId !== person.id) {
    throw new UserFacingError('router.stale_choice');
  }
  if (request.status !== 'matched' && request.status !== 'done') {
    throw new UserFacingError('aid.already_closed');
  }
  const neededOn = request.neededOn;
  if (!neededOn) throw new UserFacingError('router.stale_choice');
  const group = await requireGroupChat(ctx.deps, request.chatId);
  await ctx.reply(
    await helpCalendarFile({ ...request, neededOn }, group, ctx.t, ctx.locale, ctx.now, false),
  );
}

/** The requester withdrew a help already agreed: the volunteer's calendar strikes it out. */
export async function sendHelpCancellation(
  deps: Deps,
  request: HelpRequestRow,
  now: Date,
): Promise<void> {
  const neededOn = request.neededOn;
  if (!neededOn || !request.volunteerId) return;
  const group = await findChatById(deps.db, request.chatId);
  if (!group) return;
  await sendPrivately(deps, request.volunteerId, (t, locale) =>
    helpCalendarFile({ ...request, neededOn }, group, t, locale, now, true),
  );
}
