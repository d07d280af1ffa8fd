// Sending one message of a city's local event to one group (its announcement, a change, its
// cancellation). It waits for its turn under the platforms' shared limits (ordinary traffic:
// an event is not urgent), marks the message `sending` just before the platform is asked,
// then `sent` or `failed`. So nothing reaches a group twice after a crash (one found
// `sending` is reported as interrupted, never sent again), and nothing is sent in an old form:
// the claim checks the event is still at the revision the text was composed from.
import { markCityMessagesNoted } from '../../db/queries/city-messages.ts';
import {
  claimAnnouncement,
  EVENT_REMOVED,
  findAnnouncementToSend,
  findToldBefore,
  INTERRUPTED,
  markAnnouncement,
  NOT_IN_GROUP,
  OPTED_OUT,
  UNCHANGED,
  UNSURE,
  type AnnouncementToSend,
} from '../../db/queries/local-event-announcements.ts';
import { JobDeferredError } from '../errors.ts';
import type { Platform } from '../events.ts';
import type { JobContext } from '../feature.ts';
import { toLocale } from '../i18n.ts';
import { sendWhenItsTurn } from '../jobs/send-when-its-turn.ts';
import { whatChanged } from './change-rule.ts';
import {
  composeAnnouncement,
  composeCancellation,
  composeChange,
  type EventToTell,
} from './compose-announcement.ts';

export const SEND_MAX_ATTEMPTS = 5;

/** The text for the group, or why it is not sent. */
async function compose(
  deps: JobContext['deps'],
  { announcement, event, partnerName, chat }: AnnouncementToSend,
): Promise<{ text: string; firstTime: boolean } | { skip: string }> {
  const locale = toLocale(chat.locale);
  const t = deps.i18n.t(locale);
  const toTell: EventToTell = { ...event, partnerName };
  switch (announcement.kind) {
    case 'announcement': {
      const firstTime = chat.cityMessagesNotedAt === null;
      return { text: composeAnnouncement(toTell, locale, t, { firstTime }), firstTime };
    }
    case 'change': {
      // Measured against what this group was told: a change undone meanwhile is not sent.
      const told = await findToldBefore(deps.db, announcement);
      const changed = told ? whatChanged(told, event) : [];
      if (!told || changed.length === 0) return { skip: UNCHANGED };
      return { text: composeChange(toTell, told, changed, locale, t), firstTime: false };
    }
    case 'cancellation': {
      // Named as this group knows it: a change not yet told is not what it would recognise.
      const told = await findToldBefore(deps.db, announcement);
      const known = told?.date ? { ...toTell, ...told } : toTell;
      return { text: composeCancellation(known, locale, t), firstTime: false };
    }
  }
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
  // Its worker died between "about to send" and the outcome: it may have arrived. Never sent
  // again.
  if (announcement.status === 'sending') return settle('failed', INTERRUPTED);
  const isCancellation = announcement.kind === 'cancellation';
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
      // No answer (a reset, a timeout): it may be in the group already. A local event's
      // message is not worth a duplicate: never sent again, and said in the report.
      deps.logger.warn(
        { announcementId: announcement.id, reason: result.reason },
        'local event message: no answer from the platform, not sent again',
      );
      return settle('failed', `${UNSURE}: ${result.reason}`);
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
