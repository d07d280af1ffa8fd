// Votes on a date poll (native, or numbered where polls are not), and a poll closed by hand
// in the app.
import { savePersonSeen } from '../../db/queries/people.ts';
import { findPollByExternalId, savePollVote } from '../../db/queries/polls.ts';
import { formatDate } from '../calendar/french-dates.ts';
import type { Deps } from '../deps.ts';
import type { PollClosedEvent, PollVoteEvent } from '../events.ts';
import type { Messenger } from '../ports.ts';
import { answerLateVote, closeDatePoll, validSelection } from './lifecycle.ts';
import { scopeOfChat } from './scope.ts';

export async function onPollVote(event: PollVoteEvent, deps: Deps, messenger: Messenger) {
  const poll = await findPollByExternalId(deps.db, messenger.platform, event.pollId);
  if (poll?.purpose !== 'gathering_date') return;
  const scope = await scopeOfChat(deps, poll.chatId, deps.clock.now());
  if (!scope) return;
  // A number typed where polls are numbered is answered each time.
  if (poll.closedAt) return answerLateVote(scope, poll, !messenger.capabilities.nativePolls);
  const person = await savePersonSeen(deps.db, {
    platform: messenger.platform,
    externalId: event.voter.id,
    aliases: event.voter.aliases,
    displayName: event.voter.displayName.slice(0, 64),
  });
  const selection = validSelection(poll, event.optionIndexes);
  await savePollVote(deps.db, { pollId: poll.id, personId: person.id, optionIndexes: selection });
  // A native poll shows the vote itself; a numbered one is acknowledged.
  if (!messenger.capabilities.nativePolls) {
    const { t, locale } = scope;
    await scope.say(
      selection.length === 0
        ? t('gatherings.vote_withdrawn', { name: person.displayName })
        : t('gatherings.vote_recorded', {
            name: person.displayName,
            dates: selection.map((i) => formatDate(poll.options[i]!, locale, 'short')).join(', '),
          }),
    );
  }
}

export async function onPollClosed(event: PollClosedEvent, deps: Deps, messenger: Messenger) {
  const poll = await findPollByExternalId(deps.db, messenger.platform, event.pollId);
  if (poll?.purpose !== 'gathering_date') return;
  await closeDatePoll(deps, poll.id, deps.clock.now(), 'app');
}
