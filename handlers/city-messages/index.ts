// City messages (Villes solidaires): a partner city writes to the groups of its communes from
// the console (web/); this feature sends them. At the message's time a plan job records one
// delivery per group reached (opted-out groups are recorded as such, for the report) and
// enqueues one send job per delivery. Each send waits for its turn under the platform's
// shared limits (Messenger.sendInTurn: ordinary or, for an urgent message, the urgent lane)
// without queueing in the outbox, marks the delivery `sending` in the database just before
// the platform is asked, then `sent` or `failed` with the platform's words. So a crash never
// makes a group get it twice: a delivery found `sending` is reported as interrupted, not sent
// again. A send whose outcome is unknown (no answer) is tried once more, so a network fault
// makes a group get it twice at most (runSend says how). Cancelling (schedule.ts) stops what has not been claimed. Messages and their
// deliveries are purged CITY_MESSAGE_RETENTION_DAYS after they were sent or cancelled.
import {
  CITY_MESSAGES_OF_PERSON,
  claimDelivery,
  findCityMessageAttachment,
  findCityMessageById,
  findDeliveryToSend,
  findPendingDeliveries,
  forgetCityMessagesAuthor,
  finishCityMessageIfDone,
  markCityMessageSending,
  markCityMessagesNoted,
  markDelivery,
  markDeliveryUnsure,
  planDeliveries,
  purgeCityMessages,
  settleDelivery,
  type CityMessagesOfPerson,
} from '../../db/queries/city-messages.ts';
import { formatDate } from '../calendar/french-dates.ts';
import { escapeHtml } from '../events.ts';
import type { PrivacySection } from '../privacy/registry.ts';
import { enqueueJobs } from '../../db/queries/jobs.ts';
import type { Deps } from '../deps.ts';
import { JobDeferredError } from '../errors.ts';
import type { Platform } from '../events.ts';
import { JOB_MARKED_DONE, type Feature, type JobContext } from '../feature.ts';
import { toLocale } from '../i18n.ts';
import { inPages } from '../jobs/in-pages.ts';
import { sendWhenItsTurn } from '../jobs/send-when-its-turn.ts';
import { composeCityMessage } from './compose.ts';
import { sendJobPrefix } from './schedule.ts';

const ENQUEUE_PAGE = 1_000;
/**
 * The report's reasons of the bot's own, as codes the console words in its language (the
 * platforms' reasons are kept as they said them).
 */
export const INTERRUPTED = 'reason:interrupted';
export const NOT_IN_GROUP = 'reason:not_in_group';
/** Twice no answer from the platform: it may have arrived (twice at most), not sent again. */
export const UNSURE = 'reason:unsure';
/** Sends tried again after an outcome the platform left unknown (see runSend). */
const MAX_UNSURE_RESENDS = 1;
/** How soon that one more try goes (the usual cause, a dropped connection, is gone by then). */
const UNSURE_RETRY_MS = 2_000;
const SEND_MAX_ATTEMPTS = 5;
const SEND_MAX_LATENESS_SECONDS = 12 * 3600;
/** Attachments read once per process per message (a message goes to thousands of groups). */
const ATTACHMENTS_KEPT = 4;

export function createCityMessagesFeature(): Feature {
  const attachments = new Map<number, Promise<{ name: string; data: Uint8Array } | undefined>>();
  function attachmentOf(deps: Deps, messageId: number) {
    let found = attachments.get(messageId);
    if (!found) {
      if (attachments.size >= ATTACHMENTS_KEPT)
        attachments.delete(attachments.keys().next().value!);
      found = findCityMessageAttachment(deps.db, messageId);
      found.catch(() => attachments.delete(messageId));
      attachments.set(messageId, found);
    }
    return found;
  }

  const send = (payload: Record<string, unknown>, ctx: JobContext) =>
    runSend(payload, ctx, (id) => attachmentOf(ctx.deps, id));
  return {
    name: 'city-messages',
    jobs: [
      { kind: 'cityMessagePlan', run: runPlan },
      { kind: 'cityMessageSend', run: send },
      { kind: 'cityMessageSendUrgent', urgent: true, run: send },
      { kind: 'cityMessagePurge', run: runPurge },
    ],
    recurring: [{ kind: 'cityMessagePurge', cron: '40 3 * * *' }],
    privacy: {
      key: 'cityMessages',
      titleKey: 'city_messages.privacy_title',
      dataSql: CITY_MESSAGES_OF_PERSON,
      format(data: CityMessagesOfPerson, { t, locale }) {
        const lines = data.written.map((m) =>
          t('city_messages.privacy_written', {
            city: escapeHtml(m.partner),
            date: formatDate(m.at.slice(0, 10), locale, 'long'),
            interpolation: { escapeValue: false },
          }),
        );
        return { lines, data };
      },
      erase: (personId, tx) => forgetCityMessagesAuthor(tx, personId),
    } satisfies PrivacySection<CityMessagesOfPerson>,
  };
}

/** At the message's time: one delivery per group reached, one send job per delivery. */
async function runPlan(payload: Record<string, unknown>, { deps, now }: JobContext) {
  const messageId = Number(payload.messageId);
  const message = await findCityMessageById(deps.db, messageId);
  if (!message || (message.status !== 'scheduled' && message.status !== 'sending')) return;
  if (!(await markCityMessageSending(deps.db, messageId))) return;
  await planDeliveries(deps.db, message);
  const kind = message.urgent ? 'cityMessageSendUrgent' : 'cityMessageSend';
  let batch: { id: number }[] = [];
  const flush = async () => {
    await enqueueJobs(
      deps.db,
      batch.map((d) => ({
        kind,
        dedupeKey: `${sendJobPrefix(messageId)}${d.id}`,
        runAt: now,
        payload: { deliveryId: d.id },
        urgent: message.urgent,
        maxAttempts: SEND_MAX_ATTEMPTS,
        maxLatenessSeconds: SEND_MAX_LATENESS_SECONDS,
      })),
    );
    batch = [];
  };
  for await (const delivery of inPages(
    (after) => findPendingDeliveries(deps.db, messageId, after, ENQUEUE_PAGE),
    (d) => d.id,
  )) {
    batch.push(delivery);
    if (batch.length >= ENQUEUE_PAGE) await flush();
  }
  await flush();
  // No group to reach (or all said no): it is done already.
  await finishCityMessageIfDone(deps.db, messageId, now);
  deps.logger.info({ messageId, partnerId: message.partnerId }, 'city message planned');
}

async function runSend(
  payload: Record<string, unknown>,
  { deps, now, attempt, jobId, workerId }: JobContext,
  attachmentOf: (messageId: number) => Promise<{ name: string; data: Uint8Array } | undefined>,
): Promise<void | typeof JOB_MARKED_DONE> {
  const found = await findDeliveryToSend(deps.db, Number(payload.deliveryId));
  if (!found) return;
  const { delivery, message, partnerName, chat } = found;
  // The delivery's outcome and the job's end in one statement (the runner then spends none).
  const done = async (
    status: 'sent' | 'failed' | 'opted_out',
    error?: string,
  ): Promise<typeof JOB_MARKED_DONE> => {
    await settleDelivery(deps.db, delivery.id, status, deps.clock.now(), error, {
      id: jobId,
      workerId,
    });
    return JOB_MARKED_DONE;
  };
  // Its worker died between "about to send" and the outcome: it may have arrived. Never sent
  // again (nothing is sent twice); the report says so.
  if (delivery.status === 'sending') return done('failed', INTERRUPTED);
  if (!chat.active) return done('failed', NOT_IN_GROUP);
  // "non" in /parametres stops them at once, even for a message already going out.
  if (!chat.cityMessages) return done('opted_out');
  const messenger = deps.messengers.get(chat.platform as Platform);
  if (!messenger) throw new Error(`no messenger connected for ${chat.platform}`);
  const locale = toLocale(chat.locale);
  const firstTime = chat.cityMessagesNotedAt === null;
  const attachment = message.attachmentName ? await attachmentOf(message.id) : undefined;
  const parts = composeCityMessage(
    {
      partnerName,
      textFr: message.textFr,
      textEn: message.textEn,
      urgent: message.urgent,
      attachment,
    },
    locale,
    deps.i18n.t(locale),
    { firstTime },
  );
  for (const [i, part] of parts.entries()) {
    const first = i === 0;
    const result = await sendWhenItsTurn(messenger, chat.externalId, part, {
      // The first part claims the delivery; the others follow it (the file after a long text).
      beforeSend: first ? () => claimDelivery(deps.db, delivery.id) : () => Promise.resolve(true),
      deferrable: first,
    });
    if (result.outcome === 'skipped') return;
    if (result.outcome === 'later') throw new JobDeferredError(result.at);
    if (result.outcome === 'failed') {
      // A later part failing ends it: the group has the first one (no part twice).
      if (!first || result.permanent) return done('failed', result.reason);
      if (result.mayHaveArrived) {
        // The bound on duplicates: after an unknown outcome (a timeout, a reset once the
        // request went out) it is sent once more, and only once (MAX_UNSURE_RESENDS, counted
        // in the delivery before the next try); every other retry follows a failure where the
        // platform surely did not take it, and a crash while "sending" is never retried. So a
        // group gets a city message at most twice, and a second copy is always logged here.
        if (delivery.unsureSends >= MAX_UNSURE_RESENDS) return done('failed', UNSURE);
        await markDeliveryUnsure(deps.db, delivery.id, result.reason);
        deps.logger.warn(
          {
            messageId: message.id,
            deliveryId: delivery.id,
            chat: chat.externalId,
            reason: result.reason,
          },
          'city message may have arrived (no answer from the platform): sent once more, it may arrive twice',
        );
        throw new JobDeferredError(
          new Date(now.getTime() + (result.retryAfterMs ?? UNSURE_RETRY_MS)),
        );
      }
      if (attempt < SEND_MAX_ATTEMPTS) {
        // Not sent (the platform is unreachable, or said to wait): tried again later.
        await markDelivery(deps.db, delivery.id, 'pending');
        if (result.retryAfterMs !== undefined) {
          throw new JobDeferredError(new Date(now.getTime() + result.retryAfterMs));
        }
        throw new Error(`city message not delivered yet: ${result.reason}`);
      }
      return done('failed', result.reason);
    }
  }
  if (firstTime) await markCityMessagesNoted(deps.db, chat.id, deps.clock.now());
  return done('sent');
}

async function runPurge(_payload: Record<string, unknown>, { deps, now }: JobContext) {
  const days = deps.config.cityMessageRetentionDays;
  const purged = await purgeCityMessages(
    deps.db,
    new Date(now.getTime() - days * 86_400_000),
    new Date(now.getTime() - 86_400_000),
  );
  if (purged > 0) deps.logger.info({ purged }, 'city messages purged');
}
