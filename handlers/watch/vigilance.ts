// Vigilance levels per département, for heat and for cold: declared by a bot administrator
// or a partner city's account, or imported from Météo-France. A change is announced once to
// every group of the département, in its language, with advice, numbers and the kit; the
// end of an alert sends the organisers its summary.
import type { ChatRow } from '../../db/queries/chats.ts';
import { enqueueJob, enqueueJobs } from '../../db/queries/jobs.ts';
import { findCcasOfChat } from '../../db/queries/partners.ts';
import {
  findActiveReferents,
  findActiveWatched,
  saveVigilance,
  type VigilanceRow,
} from '../../db/queries/watch.ts';
import { addDays } from '../calendar/french-dates.ts';
import { formatDate, formatTime } from '../calendar/format-date.ts';
import { hourIn, localDateTimeToUtc, timeIn, todayIn } from '../zoned-time.ts';
import type { Deps } from '../deps.ts';
import { withSecondLanguage } from '../group-languages.ts';
import type { JobContext } from '../feature.ts';
import { groupLine, groupOf, sendPrivately } from '../reach.ts';
import { alertLevels, groupsOf, sendSummary, type WatchConfig } from './rounds.ts';
import { levelRank, type Hazard, type Level } from './season.ts';
import type { VigilanceReading } from './meteo-france.ts';
import { numbersLine } from './texts.ts';

const ANNOUNCE_SPACING_MS = 500;
const END_SUMMARY_WINDOW_MS = 30 * 86_400_000;

export type { VigilanceReading };

/**
 * Records a level; when it changed, plans the announcements (one job per change, which
 * fans out one job per group). Returns whether it changed.
 */
export async function applyVigilance(
  deps: Deps,
  reading: VigilanceReading,
  source: string,
  now: Date,
): Promise<{ changed: boolean; previous?: Level }> {
  const { departement, hazard, level } = reading;
  const saved = await saveVigilance(deps.db, { departement, hazard, level, source }, now);
  if (!saved) return { changed: false };
  await enqueueJob(deps.db, {
    kind: 'watchAnnounce',
    urgent: true,
    dedupeKey: `watch:announce:${departement}:${hazard}:${saved.row.version}`,
    runAt: now,
    payload: {
      departement,
      hazard,
      level,
      previous: saved.previous,
      version: saved.row.version,
      declaredAt: now.toISOString(),
    },
    maxLatenessSeconds: 24 * 3600,
  });
  deps.logger.info(
    { departement, hazard, level, previous: saved.previous, source },
    'vigilance changed',
  );
  return { changed: true, previous: saved.previous };
}

export async function runAnnounce(payload: Record<string, unknown>, { deps, now }: JobContext) {
  let planned = 0;
  for await (const group of groupsOf(deps, String(payload.departement))) {
    const created = await enqueueJob(deps.db, {
      kind: 'watchAnnounceGroup',
      urgent: true,
      dedupeKey: `watch:announce:${String(payload.departement)}:${String(payload.hazard)}:${Number(payload.version)}:${group.id}`,
      runAt: new Date(now.getTime() + planned * ANNOUNCE_SPACING_MS),
      payload: { ...payload, chatId: group.id },
      maxLatenessSeconds: 12 * 3600,
    });
    if (created) planned++;
  }
}

export async function runAnnounceGroup(
  payload: Record<string, unknown>,
  { deps, now }: JobContext,
  config: WatchConfig,
) {
  const group = await groupLine(deps, Number(payload.chatId));
  if (!group) return;
  const hazard = payload.hazard as Hazard;
  const level = payload.level as Level;
  const previous = payload.previous as Level;
  const { t } = group;
  const kit = hazard === 'heat' ? 'canicule' : 'grand-froid';
  const onAlert = alertLevels(config);
  const ended = onAlert.includes(previous) && !onAlert.includes(level);
  const started = onAlert.includes(level) && !onAlert.includes(previous);
  const ccas = await findCcasOfChat(deps.db, group.chat.id);
  await group.messenger.send(group.chat.externalId, {
    kind: 'text',
    // The level and the numbers, repeated briefly in the group's second language.
    text: withSecondLanguage(
      deps,
      group.chat,
      [
        t(`watch.vigilance_${hazard}_${level}`, { departement: String(payload.departement) }),
        ...(onAlert.includes(level) ? [t('watch.rounds_on')] : []),
        numbersLine(hazard, t, ccas),
      ].join('\n\n'),
      (t2) =>
        [
          t2(`watch.vigilance_${hazard}_${level}`, { departement: String(payload.departement) }),
          numbersLine(hazard, t2, ccas),
        ].join('\n'),
    ),
    ...(levelRank(level) > levelRank('green')
      ? { choices: [[{ label: t(`watch.kit_button_${hazard}`), data: `kit:${kit}` }]] }
      : {}),
  });
  // When it was declared (the same for every group, and for a retry of this job).
  const declaredAt = typeof payload.declaredAt === 'string' ? new Date(payload.declaredAt) : now;
  if (started) await startAlert(deps, group.chat, hazard, level, { now, declaredAt }, config);
  // The alert's check-ins: those of this hazard over the last weeks (rounds only run on alert).
  if (ended) {
    const since = new Date(now.getTime() - END_SUMMARY_WINDOW_MS);
    await sendSummary(deps, group.chat.id, since, 'watch.end_summary', hazard);
  }
}

/**
 * An alert starts in a group: each of its referents is told privately at once (how many
 * neighbours they watch over, when the first round comes, the numbers), and the first round
 * goes out within the hour, or, at night, when the day starts (WATCH_DAY_FROM–WATCH_DAY_UNTIL,
 * local), unless the daily round comes within two hours of that: then it is the first. The
 * daily rounds follow as usual. An alert declared in the afternoon no longer waits for the
 * next day's round.
 * A round at once is named by the minute the alert was declared (`…T14:40`), not its hour: a
 * check-in is one per neighbour and round, and the other hazard's alert declared earlier in
 * the same hour had taken that hour's round, so this alert's round never went out.
 */
async function startAlert(
  deps: Deps,
  chat: ChatRow,
  hazard: Hazard,
  level: Level,
  { now, declaredAt }: { now: Date; declaredAt: Date },
  config: WatchConfig,
): Promise<void> {
  const today = todayIn(now, chat.timezone);
  const hour = hourIn(now, chat.timezone);
  const from = Number(config.dayFrom.slice(0, 2));
  const until = Number(config.dayUntil.slice(0, 2));
  const daytime = hour >= from && hour < until;
  const date = daytime || hour < from ? today : addDays(today, 1);
  const startHour = daytime ? hour : from;
  // The daily round, when it comes that day within two hours, is the first one: no extra.
  // Not in its own hour: the hourly planning of that round ran before the alert began.
  const dailyHour = Number(config.roundTime.slice(0, 2));
  const daily =
    dailyHour - startHour <= 2 && (dailyHour > startHour || (!daytime && dailyHour === startHour));
  // In the day, and no daily round soon: a round now.
  const soon = daytime && !daily;
  const time = daily
    ? config.roundTime
    : soon
      ? timeIn(declaredAt, chat.timezone)
      : `${String(startHour).padStart(2, '0')}:00`;
  const runAt = soon ? now : localDateTimeToUtc(date, time, chat.timezone);
  const round = `${soon ? todayIn(declaredAt, chat.timezone) : date}T${time}`;
  const watched = await findActiveWatched(deps.db, chat.id, today);
  const ccas = await findCcasOfChat(deps.db, chat.id);
  await enqueueJobs(
    deps.db,
    (daily ? [] : watched).map((w) => ({
      kind: 'watchCheckIn',
      urgent: true,
      // The same key as the daily round's when it falls in the same hour: planned once.
      dedupeKey: `watch:checkin:${w.id}:${round}`,
      runAt,
      payload: { watchedId: w.id, round, hazard },
      maxLatenessSeconds: 3 * 3600,
    })),
  );
  const perReferent = new Map<number, number>();
  for (const w of watched) {
    if (w.referentPersonId !== null) {
      perReferent.set(w.referentPersonId, (perReferent.get(w.referentPersonId) ?? 0) + 1);
    }
  }
  for (const { referent } of await findActiveReferents(deps.db, chat.id)) {
    const count = perReferent.get(referent.personId) ?? 0;
    await sendPrivately(deps, referent.personId, (t, locale) =>
      [
        t('watch.alert_started', {
          hazard: t(`watch.hazards.${hazard}`),
          level: t(`watch.levels.${level}`),
          ...groupOf(chat),
        }),
        count > 0
          ? t('watch.alert_started_rounds', {
              count,
              when: soon
                ? t('watch.alert_first_round_now')
                : t('watch.alert_first_round_at', {
                    date: formatDate(date, locale, 'long'),
                    time: formatTime(time, locale),
                  }),
            })
          : t('watch.alert_started_nobody'),
        numbersLine(hazard, t, ccas),
      ].join('\n\n'),
    );
  }
  deps.logger.info({ chatId: chat.id, hazard, checkIns: watched.length, runAt }, 'alert started');
}

export function levelWord(row: Pick<VigilanceRow, 'level'>, t: (k: string) => string): string {
  return t(`watch.levels.${row.level}`);
}
