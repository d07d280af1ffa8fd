// A gathering's life: a date poll (closed by a durable job at its deadline, by an organiser,
// or by hand in the app), the chosen date (a tie is settled by an organiser), reminders
// before it, moving and cancelling it. Every later step is a job keyed by the gathering, so
// moving or cancelling removes what was planned, and each job re-checks what it is for.
import type { OutboundMessage } from '../events.ts';
import {
  findGathering,
  findItems,
  moveGatheringStatus,
  updateGathering,
  type GatheringRow,
} from '../../db/queries/gatherings.ts';
import { findChatById } from '../../db/queries/chats.ts';
import { recordActivity } from '../../db/queries/rollups.ts';
import { cancelPendingJobs, enqueueJob, rescheduleJob } from '../../db/queries/jobs.ts';
import {
  claimLateVoteNotice,
  findMembersWithoutVote,
  findOpenPollOfGathering,
  findPoll,
  markPollClosed,
  savePoll,
  savePollDeadline,
  tallyPoll,
  type PollRow,
} from '../../db/queries/polls.ts';
import { addDays, formatDate } from '../calendar/french-dates.ts';
import type { Deps } from '../deps.ts';
import { secondLanguageOf, withSecondLanguage } from '../group-languages.ts';
import type { Locale, T } from '../i18n.ts';
import { UserFacingError } from '../errors.ts';
import type { JobContext } from '../feature.ts';
import type { Messenger } from '../ports.ts';
import { localDateTimeToUtc } from '../zoned-time.ts';
import {
  calendarChoices,
  formatDeadline,
  rsvpLines,
  summaryMessage,
  whenLine,
} from './describe.ts';
import { distinctTitleAmongComing, titleOf } from './names.ts';
import { sendCalendarUpdates } from './calendar-file.ts';
import { missingLine } from './items.ts';
import { mention, scopeOfChat, type Scope } from './scope.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Local times of the reminders. */
const DEADLINE_TIME = '20:00';
const REMINDER_TIME = '18:00';
const DAY_OF_TIME = '09:00';
/** People mentioned at most in the reminder to vote. */
const MAX_MENTIONS = 15;
/**
 * Telegram's limit for a poll's question (1–300 characters). The question is repeated in
 * the group's second language only when both fit; otherwise it stays in the first language
 * alone, and the message above the poll carries the second (it is a text: 4096 characters).
 */
const POLL_QUESTION_LIMIT = 300;
/** A vote after closing is answered at most this often in a group. */
const LATE_VOTE_NOTICE_GAP_MS = 10 * 60_000;

const pollKey = (gatheringId: number, pollId: number) => `gathering:${gatheringId}:poll:${pollId}:`;
const reminderKey = (gatheringId: number) => `gathering:${gatheringId}:reminder:`;

/**
 * When a date poll closes: two weeks from now, but a week before the first proposed date
 * when that is sooner, and never less than a day ahead nor after the first date's eve.
 */
export function pollDeadline(scope: Scope, dates: string[]): Date {
  const tz = scope.chat.timezone;
  const first = [...dates].sort()[0] ?? scope.today;
  const at = (date: string) => localDateTimeToUtc(date, DEADLINE_TIME, tz);
  const wanted = Math.min(at(addDays(scope.today, 14)).getTime(), at(addDays(first, -7)).getTime());
  const eve = at(addDays(first, -1)).getTime();
  const soonest = scope.now.getTime() + DAY;
  return new Date(Math.min(Math.max(wanted, soonest), Math.max(eve, scope.now.getTime() + HOUR)));
}

/** Refuses more dates than the platform's polls can hold (before anything is created). */
export function checkPollSize(messenger: Messenger, dates: string[]): void {
  if (dates.length > messenger.capabilities.maxPollOptions) {
    throw new UserFacingError('gatherings.too_many_options', {
      max: messenger.capabilities.maxPollOptions,
    });
  }
}

/**
 * Posts a date poll for a gathering and plans its closing and its reminder. If the poll
 * cannot be posted, the gathering is withdrawn so that the command can simply be repeated.
 */
export async function startDatePoll(
  scope: Scope,
  gathering: GatheringRow,
  dates: string[],
  labels: string[],
): Promise<PollRow> {
  const { deps, t, messenger } = scope;
  checkPollSize(messenger, dates);
  const closesAt = pollDeadline(scope, dates);
  const deadline = formatDeadline(closesAt, scope.chat.timezone, scope.locale, t);
  await scope.say(
    withSecondLanguage(
      deps,
      scope.chat,
      t('gatherings.poll_intro', {
        title: titleOf(gathering, t),
        deadline,
        interpolation: { escapeValue: false },
      }),
      (t2, locale2) =>
        t2('gatherings.poll_intro_brief', {
          title: titleOf(gathering, t2),
          deadline: formatDeadline(closesAt, scope.chat.timezone, locale2, t2),
          interpolation: { escapeValue: false },
        }),
    ),
  );
  const sent = await scope
    .say({
      kind: 'poll',
      question: pollQuestion(scope, gathering),
      options: labels,
      multipleAnswers: true,
    })
    .catch(async (error: unknown) => {
      await moveGatheringStatus(deps.db, gathering.id, ['polling'], { status: 'cancelled' });
      throw error;
    });
  if (!sent.pollId || !sent.messageId) throw new Error('the platform returned no poll id');
  const poll = await savePoll(deps.db, {
    platform: messenger.platform,
    externalId: sent.pollId,
    chatId: scope.chat.id,
    chatExternalId: scope.chat.externalId,
    messageId: sent.messageId,
    purpose: 'gathering_date',
    gatheringId: gathering.id,
    options: dates,
    closesAt,
  });
  await planPollJobs(deps, gathering, poll, scope.now);
  return poll;
}

/** The poll's question, and its short twin in the group's second language when both fit. */
function pollQuestion(scope: Scope, gathering: GatheringRow): string {
  const { deps, t } = scope;
  const question = t('gatherings.poll_question', {
    title: titleOf(gathering, t),
    interpolation: { escapeValue: false },
  }).replace(/<[^>]+>/g, '');
  const second = secondLanguageOf(deps, scope.chat);
  if (!second) return question;
  const both = `${question} / ${deps.i18n.t(second)('gatherings.poll_question_brief')}`;
  return both.length <= POLL_QUESTION_LIMIT ? both : question;
}

async function planPollJobs(deps: Deps, gathering: GatheringRow, poll: PollRow, now: Date) {
  const key = pollKey(gathering.id, poll.id);
  await enqueueJob(deps.db, {
    kind: 'closeDatePoll',
    dedupeKey: `${key}close`,
    runAt: poll.closesAt,
    payload: { pollId: poll.id },
    // Closing must happen even after a long outage: the date is still to be chosen.
    maxLatenessSeconds: 60 * 86_400,
  });
  const remindAt = new Date(poll.closesAt.getTime() - DAY);
  if (remindAt.getTime() > now.getTime() + HOUR) {
    await enqueueJob(deps.db, {
      kind: 'remindPollVoters',
      dedupeKey: `${key}reminder`,
      runAt: remindAt,
      payload: { pollId: poll.id },
      maxLatenessSeconds: 6 * 3600,
    });
  }
}

/** A new deadline for the open poll: its closing and reminder move with it. */
export async function movePollDeadline(
  scope: Scope,
  gathering: GatheringRow,
  date: string,
): Promise<Date> {
  const { deps } = scope;
  const poll = await findOpenPollOfGathering(deps.db, gathering.id);
  if (!poll || gathering.status !== 'polling') throw new UserFacingError('gatherings.no_open_poll');
  const closesAt = localDateTimeToUtc(date, DEADLINE_TIME, scope.chat.timezone);
  if (closesAt.getTime() <= scope.now.getTime()) throw new UserFacingError('dates.date_in_past');
  if (poll.options.some((d) => d < date)) {
    throw new UserFacingError('gatherings.deadline_after_dates');
  }
  await savePollDeadline(deps.db, poll.id, closesAt);
  const key = pollKey(gathering.id, poll.id);
  await rescheduleJob(deps.db, `${key}close`, closesAt);
  await cancelPendingJobs(deps.db, `${key}reminder`);
  await planPollJobs(deps, gathering, { ...poll, closesAt }, scope.now);
  return closesAt;
}

/** The valid part of a voter's selection: known options, each once, in order. */
export function validSelection(poll: PollRow, indexes: number[]): number[] {
  return [...new Set(indexes)]
    .filter((i) => Number.isInteger(i) && i >= 0 && i < poll.options.length)
    .sort((a, b) => a - b);
}

/**
 * Tells the group that the poll is closed and what came of it: once in a while for votes in a
 * native poll (the app lets anyone tick it), each time for a number typed to the bot
 * (`typed`), which deserves an answer as any message to it does.
 */
export async function answerLateVote(scope: Scope, poll: PollRow, typed = false): Promise<void> {
  const { deps, t } = scope;
  const told = await claimLateVoteNotice(deps.db, poll.id, scope.now, LATE_VOTE_NOTICE_GAP_MS);
  if (!told && !typed) return;
  const gathering = poll.gatheringId ? await findGathering(deps.db, poll.gatheringId) : undefined;
  const outcome =
    gathering?.status === 'scheduled' && gathering.date
      ? t('gatherings.late_vote_date', { date: formatDate(gathering.date, scope.locale, 'long') })
      : gathering?.status === 'cancelled'
        ? t('gatherings.late_vote_cancelled')
        : t('gatherings.late_vote_pending');
  await scope.say(`${t('gatherings.late_vote')} ${outcome}`);
}

/**
 * Closes a date poll once: stops it on the platform (unless that is where it was closed),
 * then the date with the most votes is chosen, or the organisers are asked to settle a tie.
 * The poll is stopped in the chat it was posted in: after a Telegram group became a
 * supergroup, the poll is still in the old group's history, under the old id, and the new id
 * could name another message. If the platform refuses (Telegram keeps a migrated group
 * read-only), the votes we hold decide all the same and late votes are answered, as on
 * WhatsApp where polls cannot be closed.
 */
export async function closeDatePoll(
  deps: Deps,
  pollId: number,
  now: Date,
  how: 'deadline' | 'organiser' | 'app',
): Promise<void> {
  const poll = await findPoll(deps.db, pollId);
  if (!poll?.gatheringId) return;
  if (!(await markPollClosed(deps.db, poll.id, now))) return;
  await cancelPendingJobs(deps.db, pollKey(poll.gatheringId, poll.id));
  const scope = await scopeOfChat(deps, poll.chatId, now);
  const gathering = await findGathering(deps.db, poll.gatheringId);
  if (!scope || !gathering) return;
  if (how !== 'app') {
    try {
      await scope.messenger.closePoll(poll.chatExternalId ?? scope.chat.externalId, poll.messageId);
    } catch (error) {
      // Already stopped by hand, deleted, or in a group that became a supergroup.
      deps.logger.warn({ err: error, pollId: poll.id }, 'poll not closed on the platform');
    }
  }
  if (gathering.status !== 'polling') return;
  const { counts, voters } = await tallyPoll(deps.db, poll);
  const best = Math.max(0, ...counts);
  const leaders = poll.options.filter((_, i) => (counts[i] ?? 0) === best);
  const { t, locale } = scope;
  if (leaders.length === 1 && best > 0) {
    await chooseDate(scope, gathering, leaders[0]!, {
      headline: t('gatherings.date_chosen', {
        title: titleOf(gathering, t),
        date: formatDate(leaders[0]!, locale, 'long'),
        votes: t('gatherings.votes', { count: best }),
        voters: t('gatherings.voters', { count: voters }),
        interpolation: { escapeValue: false },
      }),
    });
    return;
  }
  const tie = await moveGatheringStatus(deps.db, gathering.id, ['polling'], { status: 'tie' });
  if (!tie) return;
  const outcome =
    best === 0
      ? t('gatherings.no_votes', {
          title: titleOf(gathering, t),
          interpolation: { escapeValue: false },
        })
      : t('gatherings.tie', {
          title: titleOf(gathering, t),
          dates: leaders.map((d) => formatDate(d, locale, 'long')).join(', '),
          count: best,
          interpolation: { escapeValue: false },
        });
  await scope.say({
    kind: 'text',
    text: withSecondLanguage(deps, scope.chat, outcome, (t2) =>
      t2('gatherings.poll_closed_brief', {
        title: titleOf(gathering, t2),
        interpolation: { escapeValue: false },
      }),
    ),
    choices: leaders.map((date) => [
      { label: formatDate(date, locale, 'long'), data: `gpick:${gathering.id}:${date}` },
    ]),
  });
}

/**
 * Sets (or moves) the date: closes a poll still open, replaces the planned reminders, and
 * announces it with the RSVP buttons; that message is the running count from then on.
 */
export async function chooseDate(
  scope: Scope,
  gathering: GatheringRow,
  date: string,
  /** `note`: a line under the headline, in the chat's language only (a date read as next year's). */
  options: { headline?: string; moved?: boolean; note?: string } = {},
): Promise<GatheringRow> {
  const { deps, t } = scope;
  const updated = await moveGatheringStatus(
    deps.db,
    gathering.id,
    ['polling', 'tie', 'scheduled'],
    {
      status: 'scheduled',
      date,
    },
  );
  if (!updated) throw new UserFacingError('gatherings.cancelled');
  const open = await findOpenPollOfGathering(deps.db, gathering.id);
  if (open) await closeDatePoll(deps, open.id, scope.now, 'organiser');
  await cancelPendingJobs(deps.db, reminderKey(gathering.id));
  await planReminders(deps, scope, updated);
  const dateLine = (t: T, locale: Locale) =>
    t(options.moved ? 'gatherings.date_moved' : 'gatherings.date_set', {
      title: titleOf(updated, t),
      when: whenLine(updated, locale),
      interpolation: { escapeValue: false },
    });
  // The date, repeated briefly in the group's second language, if it has one.
  const headline =
    withSecondLanguage(deps, scope.chat, options.headline ?? dateLine(t, scope.locale), dateLine) +
    (options.note ? `\n${options.note}` : '');
  const summary = await summaryMessage(scope, updated, headline);
  const offer = invitationOffer(updated, t);
  const numbered = !scope.messenger.capabilities.inlineButtons && summary.kind === 'text';
  const joined = offer && numbered;
  const sent = await scope.say(
    withNumberedOffers(scope, updated, summary, joined ? offer.text : undefined),
  );
  const saved = await updateGathering(deps.db, updated.id, {
    summaryMessageId: sent.messageId ?? null,
  });
  if (offer && !joined) await scope.say({ kind: 'text', ...offer });
  return saved ?? updated;
}

/** The poster and invitation of the gathering's kit, when it has one. */
function invitationOffer(gathering: GatheringRow, t: T) {
  return invitationKit(gathering)
    ? {
        text: t('gatherings.invitation_offer'),
        choices: [[{ label: t('gatherings.invitation_button'), data: `ginvite:${gathering.id}` }]],
      }
    : undefined;
}

/**
 * Without buttons a numbered reply answers the chat's latest question: a separate offer would
 * take over the RSVP numbers, so there the poster and the calendar file are more choices of
 * the running count (buttons of their own elsewhere), when it is announced and each time it
 * is posted again (December 2026 tryout: posted again, it had the four answers only).
 * `offerText`: the line that introduces them (said in the announcement).
 */
function withNumberedOffers(
  scope: Scope,
  gathering: GatheringRow,
  summary: OutboundMessage,
  offerText?: string,
): OutboundMessage {
  if (scope.messenger.capabilities.inlineButtons || summary.kind !== 'text') return summary;
  return {
    ...summary,
    text: offerText ? `${summary.text}\n\n${offerText}` : summary.text,
    choices: [
      ...(summary.choices ?? []),
      ...(invitationOffer(gathering, scope.t)?.choices ?? []),
      ...calendarChoices(gathering, scope.t),
    ],
  };
}

/** Which kit's poster and flyer fit a gathering (chosen when it was created). */
export function invitationKit(gathering: GatheringRow): string | undefined {
  return gathering.kitId ?? undefined;
}

/** A week before and the day before at 18:00, and the day itself at 09:00, local time. */
async function planReminders(deps: Deps, scope: Scope, gathering: GatheringRow): Promise<void> {
  if (!gathering.date) return;
  const tz = scope.chat.timezone;
  const steps = [
    ['week', addDays(gathering.date, -7), REMINDER_TIME],
    ['eve', addDays(gathering.date, -1), REMINDER_TIME],
    ['day', gathering.date, DAY_OF_TIME],
  ] as const;
  for (const [step, date, time] of steps) {
    const runAt = localDateTimeToUtc(date, time, tz);
    if (runAt.getTime() <= scope.now.getTime()) continue;
    await enqueueJob(deps.db, {
      kind: 'remindGathering',
      dedupeKey: `${reminderKey(gathering.id)}${step}:${gathering.date}`,
      runAt,
      payload: { gatheringId: gathering.id, step, date: gathering.date },
      maxLatenessSeconds: 6 * 3600,
    });
  }
  // Once its day is over, still planned for that day: it took place (as far as the bot can
  // know), and counts in the console's figures. Moved or cancelled, this job goes with the
  // reminders. Late by days after an outage, it still counts.
  await enqueueJob(deps.db, {
    kind: 'countHeldGathering',
    dedupeKey: `${reminderKey(gathering.id)}held:${gathering.date}`,
    runAt: localDateTimeToUtc(addDays(gathering.date, 1), '00:00', tz),
    payload: { gatheringId: gathering.id, date: gathering.date },
    maxLatenessSeconds: 30 * 86_400,
  });
}

/** Cancels a gathering: its poll closes, its reminders go, the group is told. */
export async function cancelGathering(scope: Scope, gathering: GatheringRow): Promise<void> {
  const { deps, t } = scope;
  // Named with its date when another of the same name is coming: the group knows which.
  const title = await distinctTitleAmongComing(scope, gathering);
  const cancelled = await moveGatheringStatus(
    deps.db,
    gathering.id,
    ['polling', 'tie', 'scheduled'],
    { status: 'cancelled' },
  );
  if (!cancelled) throw new UserFacingError('gatherings.cancelled');
  const open = await findOpenPollOfGathering(deps.db, gathering.id);
  if (open) await closeDatePoll(deps, open.id, scope.now, 'organiser');
  await cancelPendingJobs(deps.db, `gathering:${gathering.id}:`);
  // "L'événement « Galette » est annulé", "La fête des voisins 2027 est annulée": a title
  // alone has no article, and French agrees with its gender ("Apéro est annulée").
  await scope.say(
    t(
      gathering.kind === 'fete'
        ? 'gatherings.cancelled_announce_fete'
        : 'gatherings.cancelled_announce',
      { title, year: gathering.year, interpolation: { escapeValue: false } },
    ),
  );
  // Those who come may have it in their calendar: the file that strikes it out.
  if (gathering.status === 'scheduled') {
    await sendCalendarUpdates(deps, scope.chat, cancelled, scope.now);
  }
}

/**
 * Brings the running count up to date: edited in place where the platform allows it;
 * elsewhere re-posted, at most once per GATHERING_SUMMARY_MINUTES (a durable, keyed job).
 */
export async function refreshSummary(scope: Scope, gathering: GatheringRow): Promise<void> {
  const { deps, messenger } = scope;
  if (gathering.status !== 'scheduled') return;
  if (messenger.capabilities.editMessages && gathering.summaryMessageId) {
    try {
      await messenger.edit(
        scope.chat.externalId,
        gathering.summaryMessageId,
        await summaryMessage(scope, gathering),
      );
    } catch (error) {
      // "message is not modified" (the same answer twice) or a deleted message: no harm.
      deps.logger.debug({ err: error, gatheringId: gathering.id }, 'summary not edited');
    }
    return;
  }
  const windowMs = deps.config.gatheringSummaryMinutes * 60_000;
  const window = Math.floor(scope.now.getTime() / windowMs);
  await enqueueJob(deps.db, {
    kind: 'postGatheringSummary',
    dedupeKey: `gathering:${gathering.id}:summary:${window}`,
    runAt: new Date((window + 1) * windowMs),
    payload: { gatheringId: gathering.id },
    maxLatenessSeconds: 6 * 3600,
  });
}

// --- Jobs ---

export async function runCloseDatePoll(
  payload: Record<string, unknown>,
  { deps, now }: JobContext,
) {
  await closeDatePoll(deps, Number(payload.pollId), now, 'deadline');
}

/** A day before the poll closes: a gentle mention of the members who have not voted. */
export async function runRemindPollVoters(
  payload: Record<string, unknown>,
  { deps, now }: JobContext,
) {
  const poll = await findPoll(deps.db, Number(payload.pollId));
  if (!poll?.gatheringId || poll.closedAt) return;
  const gathering = await findGathering(deps.db, poll.gatheringId);
  const scope = await scopeOfChat(deps, poll.chatId, now);
  if (!scope || gathering?.status !== 'polling') return;
  const members = await findMembersWithoutVote(deps.db, poll, MAX_MENTIONS);
  if (members.length === 0) return;
  const { t } = scope;
  await scope.say(
    withSecondLanguage(
      deps,
      scope.chat,
      t('gatherings.poll_reminder', {
        title: titleOf(gathering, t),
        names: members.map((m) => mention(scope.messenger, m.externalId, m.displayName)).join(', '),
        deadline: formatDeadline(poll.closesAt, scope.chat.timezone, scope.locale, t),
        interpolation: { escapeValue: false },
      }),
      (t2, locale2) =>
        t2('gatherings.poll_reminder_brief', {
          title: titleOf(gathering, t2),
          deadline: formatDeadline(poll.closesAt, scope.chat.timezone, locale2, t2),
          interpolation: { escapeValue: false },
        }),
    ),
  );
}

export async function runRemindGathering(
  payload: Record<string, unknown>,
  { deps, now }: JobContext,
) {
  const gathering = await findGathering(deps.db, Number(payload.gatheringId));
  // Moved or cancelled since it was planned: this reminder is not for the gathering any more.
  if (gathering?.status !== 'scheduled' || gathering.date !== payload.date) return;
  const scope = await scopeOfChat(deps, gathering.chatId, now);
  if (!scope) return;
  const { t, locale } = scope;
  const step = String(payload.step);
  const items = await findItems(deps.db, gathering.id);
  const headline = (t: T, locale: Locale) =>
    t(`gatherings.reminder_${step === 'week' ? 'week' : step === 'eve' ? 'eve' : 'day'}`, {
      title: titleOf(gathering, t),
      when: whenLine(gathering, locale),
      interpolation: { escapeValue: false },
    });
  const lines = [
    // The reminder's first line, repeated briefly in the group's second language.
    withSecondLanguage(deps, scope.chat, headline(t, locale), headline),
    ...(step === 'day' && gathering.rainPlace
      ? [t('gatherings.rain_line', { place: gathering.rainPlace })]
      : []),
    ...(await rsvpLines(scope, gathering)),
    missingLine(items, t),
  ];
  await scope.say(lines.join('\n'));
}

/** The day of a gathering is over and it was still planned for it: it took place. */
export async function runCountHeldGathering(
  payload: Record<string, unknown>,
  { deps }: JobContext,
) {
  const gathering = await findGathering(deps.db, Number(payload.gatheringId));
  if (gathering?.status !== 'scheduled' || !gathering.date || gathering.date !== payload.date)
    return;
  const chat = await findChatById(deps.db, gathering.chatId);
  if (!chat) return;
  await recordActivity(deps.db, {
    chatId: gathering.chatId,
    metric: `gathering:held:${gathering.kind}`,
    // Counted in the month of its day, wherever the job ran.
    at: localDateTimeToUtc(gathering.date, '12:00', chat.timezone),
  });
}

export async function runPostGatheringSummary(
  payload: Record<string, unknown>,
  { deps, now }: JobContext,
) {
  const gathering = await findGathering(deps.db, Number(payload.gatheringId));
  if (gathering?.status !== 'scheduled') return;
  const scope = await scopeOfChat(deps, gathering.chatId, now);
  if (!scope) return;
  const sent = await scope.say(
    withNumberedOffers(scope, gathering, await summaryMessage(scope, gathering)),
  );
  await updateGathering(deps.db, gathering.id, { summaryMessageId: sent.messageId ?? null });
}
