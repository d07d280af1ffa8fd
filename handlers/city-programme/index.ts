// A partner city's programme in its groups: its local events (added in the console's
// programme page) are announced, once, to the groups of its communes that accept city
// messages (`/parametres messages`), a week before (announcement-time.ts says when and why).
// The plan job records one announcement per group at that time and enqueues one send job
// each; a send waits for its turn under the platforms' shared limits (ordinary traffic: an
// event is not urgent), marks the announcement `sending` just before the platform is asked,
// then `sent` or `failed`. So nothing reaches a group twice after a crash (one found `sending`
// is reported as interrupted, never sent again), and a removed or changed event is not
// announced in its old form (schedule.ts; the claim checks the event's date and title).
import {
  claimAnnouncement,
  findAnnouncementToSend,
  findLocalEvent,
  findPendingAnnouncements,
  markAnnouncement,
  planAnnouncements,
  purgeAnnouncements,
} from '../../db/queries/local-event-announcements.ts';
import { markCityMessagesNoted } from '../../db/queries/city-messages.ts';
import { enqueueJobs } from '../../db/queries/jobs.ts';
import { addDays } from '../calendar/iso-dates.ts';
import { JobDeferredError } from '../errors.ts';
import type { Platform } from '../events.ts';
import type { Feature, JobContext } from '../feature.ts';
import { toLocale } from '../i18n.ts';
import { inPages } from '../jobs/in-pages.ts';
import { sendWhenItsTurn } from '../jobs/send-when-its-turn.ts';
import { todayIn } from '../zoned-time.ts';
import { lastAnnouncementMoment, latenessUntilLastMoment } from './announcement-time.ts';
import { composeAnnouncement } from './compose-announcement.ts';
import { eventJobPrefix } from './schedule.ts';

const ENQUEUE_PAGE = 1_000;
const SEND_MAX_ATTEMPTS = 5;
/** Announcements are forgotten this long after their event's day. */
const KEEP_DAYS_AFTER_EVENT = 30;
export const INTERRUPTED = 'reason:interrupted';
export const NOT_IN_GROUP = 'reason:not_in_group';
export const OPTED_OUT = 'reason:opted_out';
export const UNSURE = 'reason:unsure';

export function createCityProgrammeFeature(): Feature {
  return {
    name: 'city-programme',
    jobs: [
      { kind: 'localEventPlan', run: runPlan },
      { kind: 'localEventSend', run: runSend },
      { kind: 'localEventPurge', run: runPurge },
    ],
    recurring: [{ kind: 'localEventPurge', cron: '50 3 * * *' }],
  };
}

/** At the announcement's time: one announcement per group, one send job each. */
async function runPlan(payload: Record<string, unknown>, { deps, now }: JobContext) {
  const eventId = Number(payload.eventId);
  const version = String(payload.version);
  const event = await findLocalEvent(deps.db, eventId);
  // Removed, or changed since this plan (the change planned again).
  if (!event || event.date !== payload.date) return;
  if (now > lastAnnouncementMoment(event.date)) return;
  await planAnnouncements(deps.db, eventId);
  let batch: { id: number }[] = [];
  const flush = async () => {
    await enqueueJobs(
      deps.db,
      batch.map((a) => ({
        kind: 'localEventSend',
        dedupeKey: `${eventJobPrefix(eventId)}${version}:${a.id}`,
        runAt: now,
        payload: { announcementId: a.id, date: event.date },
        maxAttempts: SEND_MAX_ATTEMPTS,
        maxLatenessSeconds: latenessUntilLastMoment(event.date, now),
      })),
    );
    batch = [];
  };
  for await (const announcement of inPages(
    (after) => findPendingAnnouncements(deps.db, eventId, after, ENQUEUE_PAGE),
    (a) => a.id,
  )) {
    batch.push(announcement);
    if (batch.length >= ENQUEUE_PAGE) await flush();
  }
  await flush();
  deps.logger.info({ eventId, partnerId: event.partnerId }, 'local event announcement planned');
}

async function runSend(payload: Record<string, unknown>, { deps, now, attempt }: JobContext) {
  const found = await findAnnouncementToSend(deps.db, Number(payload.announcementId));
  if (!found) return;
  const { announcement, event, partnerName, chat } = found;
  // The event moved since this job was planned: the new plan announces it.
  if (event.date !== payload.date) return;
  const settle = (status: 'sent' | 'failed' | 'cancelled', error?: string) =>
    markAnnouncement(deps.db, announcement.id, status, {
      ...(error ? { error } : {}),
      ...(status === 'sent' ? { sentAt: deps.clock.now() } : {}),
    });
  // Its worker died between "about to send" and the outcome: it may have arrived. Never sent
  // again.
  if (announcement.status === 'sending') return settle('failed', INTERRUPTED);
  if (!chat.active) return settle('cancelled', NOT_IN_GROUP);
  // "non" in /parametres since the plan: not sent.
  if (!chat.cityMessages) return settle('cancelled', OPTED_OUT);
  const messenger = deps.messengers.get(chat.platform as Platform);
  if (!messenger) throw new Error(`no messenger connected for ${chat.platform}`);
  const locale = toLocale(chat.locale);
  const firstTime = chat.cityMessagesNotedAt === null;
  const text = composeAnnouncement(
    { partnerName, date: event.date, title: event.title },
    locale,
    deps.i18n.t(locale),
    { firstTime },
  );
  const result = await sendWhenItsTurn(
    messenger,
    chat.externalId,
    { kind: 'text', text },
    {
      beforeSend: () => claimAnnouncement(deps.db, announcement.id, event),
    },
  );
  if (result.outcome === 'skipped') return;
  if (result.outcome === 'later') throw new JobDeferredError(result.at);
  if (result.outcome === 'failed') {
    if (result.mayHaveArrived) {
      // No answer (a reset, a timeout): it may be in the group already. An announcement a
      // week ahead is not worth a duplicate: never sent again, and said in the report.
      deps.logger.warn(
        { announcementId: announcement.id, reason: result.reason },
        'local event announcement: no answer from the platform, not sent again',
      );
      return settle('failed', `${UNSURE}: ${result.reason}`);
    }
    if (!result.permanent && attempt < SEND_MAX_ATTEMPTS) {
      // Not sent (the platform is unreachable, or said to wait): tried again later.
      await markAnnouncement(deps.db, announcement.id, 'pending');
      if (result.retryAfterMs !== undefined) {
        throw new JobDeferredError(new Date(now.getTime() + result.retryAfterMs));
      }
      throw new Error(`local event not announced yet: ${result.reason}`);
    }
    return settle('failed', result.reason);
  }
  await settle('sent');
  if (firstTime) await markCityMessagesNoted(deps.db, chat.id, deps.clock.now());
}

async function runPurge(_payload: Record<string, unknown>, { deps, now }: JobContext) {
  const before = addDays(todayIn(now, 'Europe/Paris'), -KEEP_DAYS_AFTER_EVENT);
  const purged = await purgeAnnouncements(deps.db, before);
  if (purged > 0) deps.logger.info({ purged }, 'local event announcements purged');
}
