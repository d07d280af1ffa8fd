// A neighbour who stops being watched while a check-in about them is still waiting: they
// erased their data (/oublier, which withdraws their consent), or their referent took them
// off the list. Their ladder stops (its steps find the neighbour no longer watched), so the
// people it already reached, who were told to knock or to call the emergency contact, are
// told they can stand down, and why, in a word: nothing more about the person.
import {
  findOpenCheckInsOf,
  findWatchedRecordsOf,
  type WatchedRow,
} from '../../db/queries/watch.ts';
import { findCcasOfChat } from '../../db/queries/partners.ts';
import type { Deps } from '../deps.ts';
import { sendPrivately } from '../reach.ts';
import { organisersOf, reachedBy } from './ladder-people.ts';
import { hazardsOnAlert } from './rounds.ts';
import { numbersLine } from './texts.ts';

/**
 * Tells whoever the ladder reached about a neighbour's open check-ins (and their referent,
 * whose list changes), but `by`, that checking on them stopped; `key` says why.
 */
export async function tellCheckInsStopped(
  deps: Deps,
  watched: WatchedRow,
  key: 'watch.stopped_withdrawn' | 'watch.stopped_removed',
  by: { personId: number; name: string },
): Promise<void> {
  const open = await findOpenCheckInsOf(deps.db, watched.id);
  const people = new Set<number>();
  if (watched.referentPersonId !== null) people.add(watched.referentPersonId);
  let organisers: Promise<number[]> | undefined;
  const organisersOnce = () => (organisers ??= organisersOf(deps, watched.chatId));
  for (const checkIn of open) {
    for (const id of await reachedBy(deps, checkIn, watched, organisersOnce)) people.add(id);
  }
  people.delete(by.personId);
  if (people.size === 0) return;
  const ccas = await findCcasOfChat(deps.db, watched.chatId);
  const hazards = await hazardsOnAlert(
    deps,
    watched.chatId,
    deps.config.watch,
    open[0]?.hazard ?? 'heat',
  );
  for (const personId of people) {
    await sendPrivately(deps, personId, (t) =>
      [
        t(open.length > 0 ? key : `${key}_idle`, { name: watched.name, who: by.name }),
        ...(open.length > 0 ? [numbersLine(hazards, t, ccas)] : []),
      ].join('\n\n'),
    );
  }
}

/** /oublier from a watched neighbour: said before their records go (handover, not erase). */
export async function tellWithdrawal(deps: Deps, personId: number): Promise<void> {
  for (const watched of await findWatchedRecordsOf(deps.db, personId)) {
    if (watched.status !== 'active') continue;
    await tellCheckInsStopped(deps, watched, 'watch.stopped_withdrawn', {
      personId,
      name: watched.name,
    });
  }
}
