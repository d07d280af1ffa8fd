// Who a check-in concerns, rung by rung. A check-in goes to the neighbour's referent first;
// their backup only once the ladder asked them (the referent silent, or asked to knock);
// the group's organisers only once it reached them. Only the people reached so far see a
// check-in and answer it: an organiser or a backup typing a number on a check-in that is not
// theirs yet would close it behind the referent's back.
import { findPersonByIdentity } from '../../db/queries/people.ts';
import { findReferentIn, type CheckInRow, type WatchedRow } from '../../db/queries/watch.ts';
import type { Deps } from '../deps.ts';
import { groupLine } from '../reach.ts';

/** The rungs of check_ins.step: sent to the referent, reminded, backup asked, organisers. */
export const RUNG = { referent: 0, reminded: 1, backup: 2, organisers: 3 } as const;

/** The people who organise a group (its admins) whom the bot knows. */
export async function organisersOf(deps: Deps, chatId: number): Promise<number[]> {
  const group = await groupLine(deps, chatId);
  if (!group) return [];
  let admins: string[];
  try {
    admins = await group.messenger.listAdmins(group.chat.externalId);
  } catch (error) {
    deps.logger.warn({ err: error, chatId }, 'group admins not listed');
    return [];
  }
  const ids = new Set<number>();
  for (const admin of admins) {
    const person = await findPersonByIdentity(deps.db, group.chat.platform, admin);
    if (person) ids.add(person.id);
  }
  return [...ids];
}

export async function backupOf(deps: Deps, watched: WatchedRow): Promise<number | undefined> {
  if (!watched.referentPersonId) return undefined;
  const referent = await findReferentIn(deps.db, watched.chatId, watched.referentPersonId);
  return referent?.backupPersonId ?? undefined;
}

/**
 * Who the ladder reached so far, in the order it did: the referent (the one asked, and
 * whoever holds the neighbour now), the backup, the organisers. `organisers` may be given
 * when the caller already listed them (several check-ins of one group).
 */
export async function reachedBy(
  deps: Deps,
  checkIn: CheckInRow,
  watched: WatchedRow,
  organisers?: () => Promise<number[]>,
): Promise<number[]> {
  const ids = new Set<number>();
  for (const id of [checkIn.referentPersonId, watched.referentPersonId]) {
    if (id !== null) ids.add(id);
  }
  if (checkIn.step >= RUNG.backup) {
    const backup = await backupOf(deps, watched);
    if (backup !== undefined) ids.add(backup);
  }
  if (checkIn.step >= RUNG.organisers) {
    for (const id of await (organisers ?? (() => organisersOf(deps, watched.chatId)))()) {
      ids.add(id);
    }
  }
  return [...ids];
}

/** Whether a person may see and answer a check-in: the ladder reached them. */
export async function mayAnswer(
  deps: Deps,
  checkIn: CheckInRow,
  watched: WatchedRow,
  personId: number,
  organisers?: () => Promise<number[]>,
): Promise<boolean> {
  if (personId === watched.referentPersonId || personId === checkIn.referentPersonId) return true;
  return (await reachedBy(deps, checkIn, watched, organisers)).includes(personId);
}

/** Whether a person answers as the neighbour's referent (not a backup, not an organiser). */
export function isReferentOf(checkIn: CheckInRow, watched: WatchedRow, personId: number) {
  return personId === watched.referentPersonId || personId === checkIn.referentPersonId;
}
