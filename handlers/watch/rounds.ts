// Rounds and the escalation ladder. While a département is on alert, each watched neighbour
// gets one check-in per round, sent privately to their referent; silence is never "all
// fine": after a while the referent is reminded, then the backup is asked, then the group's
// organisers. "Needs help" and "unreachable" climb their own ladders at once. Every step is
// a durable job that re-reads the check-in, so an answer that arrives late stops the rest.
import { findChatById } from '../../db/queries/chats.ts';
import { enqueueJob, enqueueJobs, type NewJob } from '../../db/queries/jobs.ts';
import {
  advanceLadder,
  countOutcomes,
  deleteRemovedWatched,
  expireWatched,
  findActiveWatched,
  findAlerts,
  findCheckIn,
  findGroupsInDepartement,
  findVigilance,
  findWatched,
  markCheckInSent,
  markStepReached,
  openCheckIn,
  purgeCheckIns,
} from '../../db/queries/watch.ts';
import type { Deps } from '../deps.ts';
import { inPages } from '../jobs/in-pages.ts';
import type { JobContext } from '../feature.ts';
import { sendPrivately } from '../reach.ts';
import { hourIn, localDateTimeToUtc, todayIn } from '../zoned-time.ts';
import { hazards, lastSeasonEnd, levelRank, levels, type Hazard, type Level } from './season.ts';
import { askPrivately } from './ask-privately.ts';
import { findCcasOfChat } from '../../db/queries/partners.ts';
import { purgeRegistryRequests } from '../../db/queries/registry-requests.ts';
import { backupOf, organisersOf, RUNG } from './ladder-people.ts';
import { answerChoices, neighbourLines, numbersLine, roundTitleKey } from './texts.ts';

export { organisersOf } from './ladder-people.ts';

const MINUTE = 60_000;
const GROUP_PAGE = 500;
const ENQUEUE_BATCH = 1_000;

export interface WatchConfig {
  /** The lowest level that starts rounds (orange by default; yellow possible). */
  alertFrom: Level;
  /** Local time of the daily round, and of the extra one at red. */
  roundTime: string;
  redExtraTime: string;
  /** The hours (local) in which a first round may go out when an alert starts: not at night. */
  dayFrom: string;
  dayUntil: string;
  reminderMinutes: number;
  backupMinutes: number;
  organisersMinutes: number;
  /** Between the steps of the "unreachable" ladder. */
  unreachableMinutes: number;
  /** Check-in history is purged this many days after its season. */
  historyDays: number;
  /** A CCAS registry request is purged this many days after the CCAS marked it handled. */
  registryKeepDays: number;
}

export function alertLevels(config: WatchConfig): Level[] {
  return levels.filter((l) => levelRank(l) >= levelRank(config.alertFrom));
}

const hourOf = (time: string) => Number(time.slice(0, 2));

/** The active groups of a département, page after page. */
export function groupsOf(deps: Deps, departement: string) {
  return inPages(
    (after) => findGroupsInDepartement(deps.db, departement, after, GROUP_PAGE),
    (group) => group.id,
  );
}

/**
 * The hazards on alert now in a group's département, `hazard` (the round's own) always
 * among them: a neighbour is asked about once per round, and when heat and cold are both on
 * alert (overseas, or a level declared by hand) the one round says both, with both sets of
 * numbers, rather than one alert's round hiding the other's.
 */
export async function hazardsOnAlert(
  deps: Deps,
  chatId: number,
  config: WatchConfig,
  hazard: Hazard,
): Promise<Hazard[]> {
  const chat = await findChatById(deps.db, chatId);
  const rows = chat?.departement ? await findVigilance(deps.db, chat.departement) : [];
  const on = alertLevels(config);
  return hazards.filter(
    (h) => h === hazard || rows.some((r) => r.hazard === h && on.includes(r.level)),
  );
}

/**
 * Hourly: for each group of a département on alert whose local hour is a round's, one
 * check-in job per watched neighbour (keyed by neighbour and round: planned once), all due
 * now, enqueued a thousand at a time. Jobs are claimed in the order they were enqueued, and
 * every referent's first neighbour comes before anyone's second: platforms let a bot write
 * to one chat about once a second, and a job waiting for its chat's turn would hold a worker
 * while other referents could be asked.
 */
export async function runPlanRounds(
  _payload: Record<string, unknown>,
  { deps, now }: JobContext,
  config: WatchConfig,
) {
  /** Check-ins by their rank among their referent's (0: a referent's first neighbour). */
  const byRank: NewJob[][] = [];
  const perReferent = new Map<number, number>();
  for (const alert of await findAlerts(deps.db, alertLevels(config))) {
    const times =
      alert.level === 'red' ? [config.roundTime, config.redExtraTime] : [config.roundTime];
    for await (const group of groupsOf(deps, alert.departement)) {
      const hour = hourIn(now, group.timezone);
      const time = times.find((t) => hourOf(t) === hour);
      if (!time) continue;
      const today = todayIn(now, group.timezone);
      const round = `${today}T${time}`;
      for (const watched of await findActiveWatched(deps.db, group.id, today)) {
        const referent = watched.referentPersonId;
        // Without a referent, the check-in writes to no one at round time: nothing to wait for.
        const rank = referent === null ? 0 : (perReferent.get(referent) ?? 0);
        if (referent !== null) perReferent.set(referent, rank + 1);
        (byRank[rank] ??= []).push({
          kind: 'watchCheckIn',
          urgent: true,
          dedupeKey: `watch:checkin:${watched.id}:${round}`,
          runAt: now,
          payload: { watchedId: watched.id, round, hazard: alert.hazard },
          maxLatenessSeconds: 3 * 3600,
        });
      }
    }
  }
  let planned = 0;
  for (const checkIns of byRank) {
    for (let i = 0; i < checkIns.length; i += ENQUEUE_BATCH) {
      planned += await enqueueJobs(deps.db, checkIns.slice(i, i + ENQUEUE_BATCH));
    }
  }
  if (planned > 0) deps.logger.info({ planned }, 'watch check-ins planned');
}

/** One check-in: recorded once, sent to the referent, its ladder planned. */
export async function runCheckIn(
  payload: Record<string, unknown>,
  { deps, now }: JobContext,
  config: WatchConfig,
) {
  const watched = await findWatched(deps.db, Number(payload.watchedId));
  if (watched?.status !== 'active') return;
  const hazard = payload.hazard as Hazard;
  const checkIn = await openCheckIn(deps.db, {
    watchedId: watched.id,
    chatId: watched.chatId,
    hazard,
    round: String(payload.round),
    referentPersonId: watched.referentPersonId,
  });
  // Already sent (a retry after a crash, another instance, or the other alert's job of the
  // same round, which this one's text covers): never ask twice.
  if (checkIn.sentAt) return;
  const ccas = await findCcasOfChat(deps.db, watched.chatId);
  const onAlert = await hazardsOnAlert(deps, watched.chatId, config, hazard);
  const sent =
    watched.referentPersonId !== null &&
    (await askPrivately(deps, watched.referentPersonId, (t) => ({
      kind: 'text',
      text: `${t(roundTitleKey(onAlert))}\n\n${neighbourLines(watched, t)}\n\n${numbersLine(onAlert, t, ccas)}`,
      choices: answerChoices(checkIn.id, t),
    })));
  const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
  const steps: [number, number][] = sent
    ? [
        [1, config.reminderMinutes],
        [2, config.backupMinutes],
        [3, config.organisersMinutes],
      ]
    : // The referent cannot be reached: straight to the backup, then the organisers.
      [
        [2, 0],
        [3, config.reminderMinutes],
      ];
  await markCheckInSent(
    deps.db,
    checkIn.id,
    now,
    steps.map(([step, minutes]) => ({
      kind: 'watchLadder',
      urgent: true,
      dedupeKey: `watch:ladder:${checkIn.id}:${step}`,
      runAt: at(minutes),
      payload: { checkInId: checkIn.id, step },
      maxLatenessSeconds: 12 * 3600,
    })),
  );
}

/**
 * No answer yet: remind (1), ask the backup (2), then the organisers (3). Without a backup
 * who can be reached, the organisers are asked at step 2, and the ladder counts as having
 * reached them (step 3 then has nothing more to do).
 */
export async function runLadder(
  payload: Record<string, unknown>,
  { deps, now }: JobContext,
  config: WatchConfig,
) {
  const step = Number(payload.step);
  const checkIn = await advanceLadder(deps.db, Number(payload.checkInId), step, ['pending'], now);
  if (!checkIn) return; // answered meanwhile (or this step already ran)
  const watched = await findWatched(deps.db, checkIn.watchedId);
  // No longer watched (withdrawn, removed): nothing more to ask (those reached were told).
  if (watched?.status !== 'active') return;
  const ccas = await findCcasOfChat(deps.db, watched.chatId);
  const onAlert = await hazardsOnAlert(deps, watched.chatId, config, checkIn.hazard);
  const ask = (t: Parameters<typeof numbersLine>[1], key: string) => ({
    kind: 'text' as const,
    text: `${t(key)}\n\n${neighbourLines(watched, t)}\n\n${numbersLine(onAlert, t, ccas)}`,
    choices: answerChoices(checkIn.id, t),
  });
  if (step === RUNG.reminded && checkIn.referentPersonId) {
    await askPrivately(deps, checkIn.referentPersonId, (t) => ask(t, 'watch.reminder'));
    return;
  }
  if (step === RUNG.backup) {
    const backup = await backupOf(deps, watched);
    if (backup && (await askPrivately(deps, backup, (t) => ask(t, 'watch.backup_asked')))) return;
    // No backup to ask: the organisers now, rather than later.
    if (!(await advanceLadder(deps.db, checkIn.id, RUNG.organisers, ['pending'], now))) return;
  }
  for (const organiser of await organisersOf(deps, watched.chatId)) {
    await askPrivately(deps, organiser, (t) => ask(t, 'watch.organisers_asked'));
  }
}

/**
 * Still unreachable: the emergency contact (1), then the advice to call 112 (2), to the
 * referent, the backup and whoever answered "unreachable" (an organiser who went), and at 2
 * to the organisers as well.
 */
export async function runUnreachable(
  payload: Record<string, unknown>,
  { deps }: JobContext,
  config: WatchConfig,
) {
  const checkIn = await findCheckIn(deps.db, Number(payload.checkInId));
  // A newer answer (found, needs help, or unreachable again later) supersedes this ladder.
  if (
    checkIn?.outcome !== 'unreachable' ||
    checkIn.answeredAt?.toISOString() !== payload.answeredAt
  ) {
    return;
  }
  const watched = await findWatched(deps.db, checkIn.watchedId);
  if (watched?.status !== 'active') return;
  const step = Number(payload.step);
  const people = new Set<number>();
  if (watched.referentPersonId) people.add(watched.referentPersonId);
  if (checkIn.answeredBy) people.add(checkIn.answeredBy);
  const backup = await backupOf(deps, watched);
  if (backup) people.add(backup);
  if (step === 2) for (const o of await organisersOf(deps, watched.chatId)) people.add(o);
  await markStepReached(deps.db, checkIn.id, step === 2 ? RUNG.organisers : RUNG.backup);
  const ccas = await findCcasOfChat(deps.db, watched.chatId);
  const onAlert = await hazardsOnAlert(deps, watched.chatId, config, checkIn.hazard);
  for (const personId of people) {
    await askPrivately(deps, personId, (t) => ({
      kind: 'text',
      text: [
        step === 1
          ? t(
              watched.emergencyContact
                ? 'watch.call_emergency_contact'
                : 'watch.no_emergency_contact',
              {
                contact: watched.emergencyContact ?? '',
              },
            )
          : t('watch.call_112'),
        neighbourLines(watched, t),
        numbersLine(onAlert, t, ccas),
      ].join('\n\n'),
      choices: answerChoices(checkIn.id, t, true),
    }));
  }
}

/** Evenings during an alert, and at its end: counts only, to the organisers, privately. */
export async function sendSummary(
  deps: Deps,
  chatId: number,
  since: Date,
  key: 'watch.daily_summary' | 'watch.end_summary',
  hazard?: Hazard,
) {
  const counts = await countOutcomes(deps.db, chatId, since, hazard);
  const total = counts.ok + counts.needs_help + counts.unreachable + counts.pending;
  if (total === 0) return;
  for (const organiser of await organisersOf(deps, chatId)) {
    // Each count with its own plural ("1 va bien", "3 vont bien").
    await sendPrivately(deps, organiser, (t) =>
      t(key, {
        total: t('watch.summary_checks', { count: total }),
        ok: t('watch.summary_ok', { count: counts.ok }),
        help: t(key === 'watch.end_summary' ? 'watch.summary_helped' : 'watch.summary_help', {
          count: counts.needs_help,
        }),
        unreachable: t('watch.summary_unreachable', { count: counts.unreachable }),
        silent: t('watch.summary_silent', { count: counts.pending }),
        interpolation: { escapeValue: false },
      }),
    );
  }
}

/** 19:00 local time while on alert: the day's counts. */
export async function runPlanSummaries(
  _payload: Record<string, unknown>,
  { deps, now }: JobContext,
  config: WatchConfig,
) {
  for (const alert of await findAlerts(deps.db, alertLevels(config))) {
    for await (const group of groupsOf(deps, alert.departement)) {
      if (hourIn(now, group.timezone) !== 19) continue;
      const today = todayIn(now, group.timezone);
      await enqueueJob(deps.db, {
        kind: 'watchSummary',
        dedupeKey: `watch:summary:${group.id}:${today}`,
        runAt: now,
        payload: {
          chatId: group.id,
          since: localDateTimeToUtc(today, '00:00', group.timezone).toISOString(),
        },
        maxLatenessSeconds: 3 * 3600,
      });
    }
  }
}

/** Daily: consents that ended with their season, and check-in history past its keeping. */
export async function runHousekeeping(
  _payload: Record<string, unknown>,
  { deps, now }: JobContext,
  config: WatchConfig,
) {
  const today = todayIn(now, 'Europe/Paris');
  const expired = await expireWatched(deps.db, today);
  let purged = 0;
  for (const hazard of ['heat', 'cold'] as const) {
    // The season's check-ins go once it ended more than historyDays ago (a check-in of an
    // alert after the season waits for the next season's purge).
    const end = localDateTimeToUtc(lastSeasonEnd(hazard, today), '23:59', 'Europe/Paris');
    if (now.getTime() >= end.getTime() + config.historyDays * 86_400_000) {
      purged += await purgeCheckIns(deps.db, hazard, end);
    }
  }
  // Then the records themselves: a name, a door and a contact are not kept past their use.
  const deleted = await deleteRemovedWatched(deps.db);
  const requests = await purgeRegistryRequests(deps.db, now, config.registryKeepDays * 86_400_000);
  deps.logger.info({ expired, purged, deleted, requests }, 'watch housekeeping');
}
