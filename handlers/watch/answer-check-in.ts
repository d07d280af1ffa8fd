// An answer to a check-in, from someone the ladder reached. "Fine" and "needs help" close it
// for everyone reached (they are told who answered and what), and close the neighbour's
// older check-ins still waiting: news now is news. "Needs help" tells the organisers at once.
// "Unreachable" keeps it open and climbs its own ladder: the referent's backup knocks, then
// the emergency contact, then the advice to call 112. A closed check-in stays closed: a
// later answer is told who closed it.
import { enqueueJob } from '../../db/queries/jobs.ts';
import { findChatById } from '../../db/queries/chats.ts';
import { findPerson } from '../../db/queries/people.ts';
import { findCcasOfChat } from '../../db/queries/partners.ts';
import {
  answerCheckIn,
  findCheckIn,
  findOpenCheckInsOf,
  findWatched,
  markStepReached,
  type CheckInRow,
  type Outcome,
  type WatchedRow,
} from '../../db/queries/watch.ts';
import { formatTime } from '../calendar/format-date.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import type { PersonRow } from '../../db/queries/people.ts';
import type { Locale, T } from '../i18n.ts';
import { sendPrivately } from '../reach.ts';
import { timeIn } from '../zoned-time.ts';
import { askPrivately } from './ask-privately.ts';
import {
  backupOf,
  isReferentOf,
  mayAnswer,
  organisersOf,
  reachedBy,
  RUNG,
} from './ladder-people.ts';
import { hazardsOnAlert, type WatchConfig } from './rounds.ts';
import { answerChoices, emergencyContactLine, neighbourLines, numbersLine } from './texts.ts';

const MINUTE = 60_000;

export type Answer = Exclude<Outcome, 'pending'>;

interface Answerer {
  person: PersonRow;
  t: T;
  locale: Locale;
}

/** Records an answer and does what it calls for; resolves to what the answerer is told. */
export async function answer(
  deps: Deps,
  checkInId: number,
  outcome: Answer,
  by: Answerer,
  now: Date,
  config: WatchConfig,
): Promise<string> {
  const { person, t } = by;
  const existing = await findCheckIn(deps.db, checkInId);
  const watched = existing ? await findWatched(deps.db, existing.watchedId) : undefined;
  if (!existing || !watched) throw new UserFacingError('router.stale_choice');
  // Checked first: someone not reached learns nothing of the check-in, closed or not.
  if (!(await mayAnswer(deps, existing, watched, person.id))) {
    throw new UserFacingError('watch.not_your_neighbour');
  }
  if (watched.status !== 'active') {
    throw new UserFacingError('watch.no_longer_watched', { name: watched.name });
  }
  const checkIn = await answerCheckIn(deps.db, checkInId, outcome, person.id, now);
  if (!checkIn) return closedBy(deps, existing.id, watched, by);
  const name = { name: watched.name };
  if (outcome === 'unreachable') return unreachable(deps, checkIn, watched, by, now, config);
  // News now answers the neighbour's older check-ins still waiting as well.
  const closed = [checkIn];
  for (const older of await findOpenCheckInsOf(deps.db, watched.id, checkIn.id)) {
    const row = await answerCheckIn(deps.db, older.id, outcome, person.id, now);
    if (row) closed.push(row);
  }
  const organisers = memo(() => organisersOf(deps, watched.chatId));
  let toldOrganisers = 0;
  if (outcome === 'needs_help') {
    const ccas = await findCcasOfChat(deps.db, watched.chatId);
    const hazards = await hazardsOnAlert(deps, watched.chatId, config, checkIn.hazard);
    for (const organiser of await organisers()) {
      if (organiser === person.id) continue;
      const sent = await sendPrivately(
        deps,
        organiser,
        (ot) =>
          `${ot('watch.needs_help_organisers')}\n\n${neighbourLines(watched, ot)}${emergencyContactLine(watched, ot)}\n\n${numbersLine(hazards, ot, ccas)}`,
      );
      if (sent) toldOrganisers++;
    }
  }
  // Everyone else the ladder reached: who answered, and what (the organisers told above
  // have heard it already).
  const others = new Set<number>();
  for (const row of closed) {
    for (const id of await reachedBy(deps, row, watched, organisers)) others.add(id);
  }
  others.delete(person.id);
  const skip = outcome === 'needs_help' ? new Set(await organisers()) : new Set<number>();
  for (const id of others) {
    if (skip.has(id)) continue;
    await sendPrivately(deps, id, (ot) =>
      ot(`watch.answered_by_${outcome}`, { who: person.displayName, name: watched.name }),
    );
  }
  if (outcome === 'ok') return t('watch.answered_ok', name);
  return `${t(toldOrganisers > 0 ? 'watch.answered_needs_help' : 'watch.answered_needs_help_alone', name)}${emergencyContactLine(watched, t)}`;
}

/**
 * "Unreachable". From the referent: their backup is asked to knock (if there is one who
 * can be reached), and the emergency contact comes after a while. From the backup or an
 * organiser (who were asked because the referent was silent, and went or called): the
 * emergency contact now, 112 after a while.
 */
async function unreachable(
  deps: Deps,
  checkIn: CheckInRow,
  watched: WatchedRow,
  { person, t }: Answerer,
  now: Date,
  config: WatchConfig,
): Promise<string> {
  const name = { name: watched.name };
  const fromReferent = isReferentOf(checkIn, watched, person.id);
  let knocker: PersonRow | undefined;
  if (fromReferent) {
    const backup = await backupOf(deps, watched);
    const asked =
      backup !== undefined &&
      backup !== person.id &&
      (await askPrivately(deps, backup, (bt) => ({
        kind: 'text',
        text: `${bt('watch.knock_please', { who: person.displayName })}\n\n${neighbourLines(watched, bt)}`,
        choices: answerChoices(checkIn.id, bt, true),
      })));
    if (asked) {
      await markStepReached(deps.db, checkIn.id, RUNG.backup);
      knocker = await findPerson(deps.db, backup);
    }
  }
  // The steps of this ladder: the emergency contact, then 112. After a knock, the first
  // waits for its outcome; without one (or from whoever already went), it comes now.
  const first = fromReferent ? 1 : 0;
  for (const step of [1, 2]) {
    await enqueueJob(deps.db, {
      kind: 'watchUnreachable',
      urgent: true,
      dedupeKey: `watch:unreachable:${checkIn.id}:${step}:${now.getTime()}`,
      runAt: new Date(now.getTime() + (step - 1 + first) * config.unreachableMinutes * MINUTE),
      payload: { checkInId: checkIn.id, step, answeredAt: now.toISOString() },
      maxLatenessSeconds: 12 * 3600,
    });
  }
  if (!fromReferent) return t('watch.answered_unreachable_next', name);
  return knocker
    ? t('watch.answered_unreachable', { ...name, backup: knocker.displayName })
    : t('watch.answered_unreachable_alone', name);
}

/** A check-in already closed: by whom, when, and what they said. */
async function closedBy(
  deps: Deps,
  checkInId: number,
  watched: WatchedRow,
  { person, t, locale }: Answerer,
): Promise<string> {
  const row = await findCheckIn(deps.db, checkInId);
  if (!row?.answeredAt || (row.outcome !== 'ok' && row.outcome !== 'needs_help')) {
    throw new UserFacingError('router.stale_choice');
  }
  const chat = await findChatById(deps.db, watched.chatId);
  const time = formatTime(timeIn(row.answeredAt, chat?.timezone ?? 'Europe/Paris'), locale);
  const what = t(`watch.outcome_${row.outcome}`);
  if (row.answeredBy === person.id) {
    return t('watch.already_closed_by_you', { name: watched.name, time, answer: what });
  }
  const who = row.answeredBy === null ? undefined : await findPerson(deps.db, row.answeredBy);
  return t('watch.already_closed', {
    name: watched.name,
    who: who?.displayName ?? t('watch.someone'),
    time,
    answer: what,
  });
}

function memo<V>(load: () => Promise<V>): () => Promise<V> {
  let value: Promise<V> | undefined;
  return () => (value ??= load());
}
