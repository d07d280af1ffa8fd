// "📅 Ajouter à mon agenda" for a gathering: its .ics file, sent privately to whoever asks
// (the choice under the announcement, the deep link it opens, /agenda), and sent again to
// everyone who said they come or took the file (gathering_calendar_copies, in /mesdonnees)
// when an organiser changes its date, time or place or cancels it: same UID, a higher
// SEQUENCE, so their calendar moves (or strikes out) the same event.
// Only people the bot may write to privately get the update (Telegram: they started the
// bot; WhatsApp and the terminal: they wrote to it privately); the others see the change in
// the group as before.
import type { ChatRow } from '../../db/queries/chats.ts';
import {
  bumpCalendarSequence,
  findCalendarRecipients,
  findComingGatherings,
  saveCalendarCopy,
  type GatheringRow,
} from '../../db/queries/gatherings.ts';
import { findMemberChats } from '../../db/queries/mutual-aid.ts';
import { icsFilename, toIcsFile } from '../calendar/ics-file.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import type { OutboundMessage } from '../events.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import type { Locale, T } from '../i18n.ts';
import { replyPrivately } from '../private-chat.ts';
import { groupOf, requireGroupChat, sendPrivately } from '../reach.ts';
import { todayIn } from '../zoned-time.ts';
import { whenLine } from './describe.ts';
import { plainTitleOf, titleOf } from './names.ts';

/** The event's identity in every calendar: one per gathering, whatever its date becomes. */
export const gatheringUid = (gathering: GatheringRow) =>
  `gathering-${gathering.id}@voisins-solidaires`;

/** Whether the gathering has something to put in a calendar. */
export function hasCalendarDate(gathering: GatheringRow): gathering is GatheringRow & {
  date: string;
} {
  return gathering.date !== null && gathering.status === 'scheduled';
}

/** The .ics document of a gathering, in the reader's language. */
export async function gatheringCalendarFile(
  gathering: GatheringRow & { date: string },
  group: ChatRow,
  t: T,
  locale: Locale,
  now: Date,
  caption: string,
): Promise<OutboundMessage> {
  const title = plainTitleOf(gathering, t);
  const description = [
    t('gatherings.calendar_description', {
      ...groupOf(group),
      interpolation: { escapeValue: false },
    }),
    ...(gathering.rainPlace
      ? [
          t('gatherings.calendar_rain', {
            place: gathering.rainPlace,
            interpolation: { escapeValue: false },
          }),
        ]
      : []),
  ].join('\n');
  return {
    kind: 'document',
    filename: icsFilename(title),
    data: await toIcsFile({
      uid: gatheringUid(gathering),
      sequence: gathering.calendarSequence,
      cancelled: gathering.status === 'cancelled',
      summary: title,
      description,
      ...(gathering.place ? { location: gathering.place } : {}),
      date: gathering.date,
      time: gathering.time,
      timeZone: group.timezone,
      alarmText: t('gatherings.calendar_alarm', {
        title,
        interpolation: { escapeValue: false },
      }),
      now,
    }),
    caption: `${caption}\n${whenLine(gathering, locale)}`,
  };
}

function checkDated(gathering: GatheringRow): GatheringRow & { date: string } {
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  if (!hasCalendarDate(gathering)) throw new UserFacingError('gatherings.date_not_chosen');
  return gathering;
}

/** A file someone asked for: recorded once sent, so that its changes follow it. */
interface AskedFile {
  gatheringId: number;
  build(t: T, locale: Locale): Promise<OutboundMessage>;
}

function askedFile(
  ctx: HandlerContext,
  gathering: GatheringRow & { date: string },
  group: ChatRow,
): AskedFile {
  return {
    gatheringId: gathering.id,
    build: (t, locale) =>
      gatheringCalendarFile(
        gathering,
        group,
        t,
        locale,
        ctx.now,
        t('gatherings.calendar_caption', {
          title: titleOf(gathering, t),
          interpolation: { escapeValue: false },
        }),
      ),
  };
}

async function recordCopies(ctx: HandlerContext, files: AskedFile[]): Promise<void> {
  for (const file of files) {
    await saveCalendarCopy(ctx.deps.db, file.gatheringId, ctx.person.id, ctx.now);
  }
}

/** In the private chat: the files, recorded. */
async function replyFiles(ctx: MessageContext, files: AskedFile[]): Promise<void> {
  if (files.length === 0) throw new UserFacingError('gatherings.calendar_none');
  for (const file of files) await ctx.reply(await file.build(ctx.t, ctx.locale));
  await recordCopies(ctx, files);
}

/**
 * Sends the files privately (recorded only when they went: the bot may instead open the
 * private chat on `payload`); from a group where the bot may not write first and has no
 * link to the private chat (WhatsApp, the terminal), says what to write there instead.
 */
async function sendFiles(ctx: HandlerContext, payload: string, files: AskedFile[]): Promise<void> {
  if (files.length === 0) throw new UserFacingError('gatherings.calendar_none');
  if (
    ctx.chat.kind === 'group' &&
    !ctx.person.reachablePrivately &&
    !ctx.messenger.capabilities.canMessageFirst &&
    !ctx.messenger.privateChatLink(payload)
  ) {
    await ctx.reply(ctx.t('gatherings.calendar_write_privately'));
    return;
  }
  await replyPrivately(ctx, payload, async (t, locale) => {
    await recordCopies(ctx, files);
    return Promise.all(files.map((f) => f.build(t, locale)));
  });
}

/** `gcal:<gathering>` under the announcement (and the `gcal-<id>` link it may open). */
export async function calendarChoice(ctx: ChoiceContext, gathering: GatheringRow): Promise<void> {
  const dated = checkDated(gathering);
  const group = await requireGroupChat(ctx.deps, gathering.chatId);
  await sendFiles(ctx, `gcal-${gathering.id}`, [askedFile(ctx, dated, group)]);
}

export async function calendarLink(ctx: MessageContext, gathering: GatheringRow): Promise<void> {
  const dated = checkDated(gathering);
  await replyFiles(ctx, [
    askedFile(ctx, dated, await requireGroupChat(ctx.deps, gathering.chatId)),
  ]);
}

/** The files of a group's coming gatherings that have a date. */
async function filesOfGroup(ctx: HandlerContext, group: ChatRow): Promise<AskedFile[]> {
  const coming = await findComingGatherings(
    ctx.deps.db,
    group.id,
    todayIn(ctx.now, group.timezone),
  );
  return coming.filter(hasCalendarDate).map((gathering) => askedFile(ctx, gathering, group));
}

/**
 * /agenda: in a group, the files of its coming gatherings with a date, privately (the link
 * `agenda-<group>` where the bot may not write first); in the private chat, those of every
 * group the person is in.
 */
export async function calendarCommand(ctx: MessageContext): Promise<void> {
  if (ctx.chat.kind === 'group') {
    await sendFiles(ctx, `agenda-${ctx.chat.id}`, await filesOfGroup(ctx, ctx.chat));
    return;
  }
  const files: AskedFile[] = [];
  for (const group of await findMemberChats(ctx.deps.db, ctx.person.id, ctx.chat.platform)) {
    files.push(...(await filesOfGroup(ctx, group)));
  }
  await replyFiles(ctx, files);
}

/** The link /agenda opens from a group: that group's files, privately. */
export async function calendarGroupLink(ctx: MessageContext, group: ChatRow): Promise<void> {
  await replyFiles(ctx, await filesOfGroup(ctx, group));
}

/**
 * After a change of date, time or place, or a cancellation: a higher SEQUENCE, and the new
 * file privately to each person who said they come or took the file. Returns how many were
 * reached.
 */
export async function sendCalendarUpdates(
  deps: Deps,
  group: ChatRow,
  gathering: GatheringRow,
  now: Date,
): Promise<number> {
  if (gathering.date === null) return 0;
  const bumped = await bumpCalendarSequence(deps.db, gathering.id);
  if (!bumped?.date) return 0;
  const dated = { ...bumped, date: bumped.date };
  // Cancelled: "L'événement « Galette » est annulé", "La fête des voisins 2027 est annulée"
  // (a title alone has no article, and French agrees with its gender).
  const key =
    bumped.status !== 'cancelled'
      ? 'gatherings.calendar_updated_caption'
      : bumped.kind === 'fete'
        ? 'gatherings.calendar_cancelled_caption_fete'
        : 'gatherings.calendar_cancelled_caption';
  let reached = 0;
  for (const personId of await findCalendarRecipients(deps.db, gathering)) {
    const sent = await sendPrivately(deps, personId, (t, locale) =>
      gatheringCalendarFile(
        dated,
        group,
        t,
        locale,
        now,
        t(key, {
          title: titleOf(dated, t),
          year: dated.year,
          interpolation: { escapeValue: false },
        }),
      ),
    );
    if (!sent) continue;
    await saveCalendarCopy(deps.db, gathering.id, personId, now);
    reached++;
  }
  deps.logger.info(
    { gatheringId: gathering.id, sequence: bumped.calendarSequence, reached },
    'calendar file updated',
  );
  return reached;
}
