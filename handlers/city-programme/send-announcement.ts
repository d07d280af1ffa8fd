// Sending one message of a city's local event to one group (its announcement, a change, its
// cancellation), in the group's language, repeated briefly in its second language if it has
// one. It waits for its turn under the platforms' shared limits (ordinary traffic: an event
// is not urgent), marks the message `sending` just before the platform is asked, then `sent`
// or `failed`; nothing is sent in an old form: the claim checks the event is still at the
// revision the text was composed from.
// When the outcome is unknown (the platform did not answer: a timeout, a connection cut once
// the request went out; or the message was found `sending`, its worker having died in that
// instant), it may be in the group already. Whether to send it again is a choice between a
// duplicate and a missed message, made by what the message says (isWorthOneMore): a new date
// or hour, or a cancellation, is sent once more, never a third time (a neighbour who misses
// it goes at the wrong time, or for nothing; a second copy costs a glance); an announcement,
// or a new place or title alone, is taken as told and never sent again (the report says
// "unsure" or "interrupted").
import { markCityMessagesNoted } from '../../db/queries/city-messages.ts';
import {
  claimAnnouncement,
  EVENT_REMOVED,
  findAnnouncementToSend,
  findToldBefore,
  INTERRUPTED,
  markAnnouncement,
  markAnnouncementUnsure,
  NOT_IN_GROUP,
  OPTED_OUT,
  UNCHANGED,
  UNSURE,
  type AnnouncementRow,
  type AnnouncementToSend,
} from '../../db/queries/local-event-announcements.ts';
import { JobDeferredError } from '../errors.ts';
import type { Platform } from '../events.ts';
import type { JobContext } from '../feature.ts';
import { withSecondLanguage } from '../group-languages.ts';
import { toLocale } from '../i18n.ts';
import { sendWhenItsTurn } from '../jobs/send-when-its-turn.ts';
import { whatChanged, type Aspect } from './change-rule.ts';
import {
  briefAnnouncement,
  briefCancellation,
  briefChange,
  composeAnnouncement,
  composeCancellation,
  composeChange,
  type EventToTell,
} from './compose-announcement.ts';

export const SEND_MAX_ATTEMPTS = 5;
/** Sends of unknown outcome followed by one more try, at most (for what isWorthOneMore says). */
export const MAX_UNSURE_RESENDS = 1;
/** How soon the one more try after no answer (unless the platform said when). */
const UNSURE_RETRY_MS = 2_000;

/**
 * Whether a message whose outcome is unknown is sent once more (a duplicate is better than a
 * missed message): a cancellation, or a change of the date or the hour. `aspects`: what the
 * change told, against what the group had been told before.
 */
export function isWorthOneMore(kind: AnnouncementRow['kind'], aspects: readonly Aspect[]) {
  return kind === 'cancellation' || aspects.includes('date') || aspects.includes('time');
}

/** The text for the group, what it tells (a change's aspects), or why it is not sent. */
async function compose(
  deps: JobContext['deps'],
  { announcement, event, partnerName, chat }: AnnouncementToSend,
): Promise<{ text: string; firstTime: boolean; aspects: Aspect[] } | { skip: string }> {
  const locale = toLocale(chat.locale);
  const t = deps.i18n.t(locale);
  const toTell: EventToTell = { ...event, partnerName };
  // The frame, the date and the hour repeated briefly in the group's second language, as
  // other key group messages are; the city's words (title, place) as written.
  const both = (text: string, brief: Parameters<typeof withSecondLanguage>[3]) =>
    withSecondLanguage(deps, chat, text, brief);
  switch (announcement.kind) {
    case 'announcement': {
      const firstTime = chat.cityMessagesNotedAt === null;
      const text = composeAnnouncement(toTell, locale, t, { firstTime });
      return {
        text: both(text, (t2, locale2) => briefAnnouncement(toTell, locale2, t2)),
        firstTime,
        aspects: [],
      };
    }
    case 'change': {
      // Measured against what this group was told: a change undone meanwhile is not sent.
      const told = await findToldBefore(deps.db, announcement);
      const changed = told ? whatChanged(told, event) : [];
      if (!told || changed.length === 0) return { skip: UNCHANGED };
      const text = composeChange(toTell, told, changed, locale, t);
      return {
        text: both(text, (t2, locale2) => briefChange(toTell, changed, locale2, t2)),
        firstTime: false,
        aspects: changed,
      };
    }
    case 'cancellation': {
      // Named as this group knows it: a change not yet told is not what it would recognise.
      const told = await findToldBefore(deps.db, announcement);
      const known = told?.date ? { ...toTell, ...told } : toTell;
      const text = composeCancellation(known, locale, t);
      return {
        text: both(text, (t2, locale2) => briefCancellation(known, locale2, t2)),
        firstTime: false,
        aspects: [],
      };
    }
  }
}

/** What a message left `sending` by a crash was telling: a change's aspects, from the form
 * its claim wrote, against what the group had been told before. */
async function claimedAspects(
  deps: JobContext['deps'],
  announcement: AnnouncementRow,
): Promise<Aspect[]> {
  if (announcement.kind !== 'change' || announcement.date === null) return [];
  const told = await findToldBefore(deps.db, announcement);
  if (!told) return [];
  return whatChanged(told, {
    date: announcement.date,
    time: announcement.time,
    place: announcement.place,
    title: announcement.title ?? '',
  });
}

export async function runSend(
  payload: Record<string, unknown>,
  { deps, now, attempt }: JobContext,
): Promise<void> {
  const found = await findAnnouncementToSend(deps.db, Number(payload.announcementId));
  if (!found) return;
  const { announcement, event, chat } = found;
  const settle = (status: 'sent' | 'failed' | 'cancelled', error?: string) =>
    markAnnouncement(deps.db, announcement.id, status, {
      ...(error ? { error } : {}),
      ...(status === 'sent' ? { sentAt: deps.clock.now() } : {}),
    });
  const isCancellation = announcement.kind === 'cancellation';
  let unsureSends = announcement.unsureSends;
  // Its worker died between "about to send" and the outcome: it may have arrived. Sent once
  // more if it is worth it and still to the point (the event as it was, the group still
  // there); otherwise taken as told, never sent again.
  if (announcement.status === 'sending') {
    const again =
      unsureSends < MAX_UNSURE_RESENDS &&
      isCancellation === (event.cancelledAt !== null) &&
      chat.active &&
      chat.cityMessages &&
      isWorthOneMore(announcement.kind, await claimedAspects(deps, announcement));
    if (!again) return settle('failed', INTERRUPTED);
    await markAnnouncementUnsure(deps.db, announcement.id, INTERRUPTED);
    unsureSends += 1;
    deps.logger.warn(
      { announcementId: announcement.id, kind: announcement.kind },
      'local event message interrupted while being sent: sent once more, it may arrive twice',
    );
  }
  if (isCancellation !== (event.cancelledAt !== null)) return settle('cancelled', EVENT_REMOVED);
  // The event moved later since this job was planned: its new plan announces it then.
  if (announcement.kind === 'announcement' && event.announcedAt === null) return;
  if (!chat.active) return settle('cancelled', NOT_IN_GROUP);
  // "non" in /parametres since the round: not sent.
  if (!chat.cityMessages) return settle('cancelled', OPTED_OUT);
  const messenger = deps.messengers.get(chat.platform as Platform);
  if (!messenger) throw new Error(`no messenger connected for ${chat.platform}`);
  const composed = await compose(deps, found);
  if ('skip' in composed) return settle('cancelled', composed.skip);
  const result = await sendWhenItsTurn(
    messenger,
    chat.externalId,
    { kind: 'text', text: composed.text },
    { beforeSend: () => claimAnnouncement(deps.db, announcement.id, event.revision) },
  );
  if (result.outcome === 'skipped') return;
  if (result.outcome === 'later') throw new JobDeferredError(result.at);
  if (result.outcome === 'failed') {
    if (result.mayHaveArrived) {
      // No answer (a reset, a timeout): it may be in the group already.
      const unsure = `${UNSURE}: ${result.reason}`;
      if (unsureSends < MAX_UNSURE_RESENDS && isWorthOneMore(announcement.kind, composed.aspects)) {
        // A new date or hour, a cancellation: once more, soon (it may arrive twice).
        await markAnnouncementUnsure(deps.db, announcement.id, unsure);
        deps.logger.warn(
          { announcementId: announcement.id, kind: announcement.kind, reason: result.reason },
          'local event message: no answer from the platform, sent once more, it may arrive twice',
        );
        throw new JobDeferredError(
          new Date(now.getTime() + (result.retryAfterMs ?? UNSURE_RETRY_MS)),
        );
      }
      // Anything else (or a second time): taken as told, never sent again; the report says so.
      deps.logger.warn(
        { announcementId: announcement.id, reason: result.reason },
        'local event message: no answer from the platform, not sent again',
      );
      return settle('failed', unsure);
    }
    if (!result.permanent && attempt < SEND_MAX_ATTEMPTS) {
      // Not sent (the platform is unreachable, or said to wait): tried again later.
      await markAnnouncement(deps.db, announcement.id, 'pending');
      if (result.retryAfterMs !== undefined) {
        throw new JobDeferredError(new Date(now.getTime() + result.retryAfterMs));
      }
      throw new Error(`local event message not sent yet: ${result.reason}`);
    }
    return settle('failed', result.reason);
  }
  await settle('sent');
  if (composed.firstTime) await markCityMessagesNoted(deps.db, chat.id, deps.clock.now());
}
