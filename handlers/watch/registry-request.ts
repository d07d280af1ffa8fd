// A request to the partner city's CCAS registry of vulnerable people (CASF L121-6-1), which a
// neighbour may file for someone: the referent asks for it from /veiller, gives the postal
// address the registry needs, and the request waits for the watched neighbour's own "yes"
// (asked privately when they are in the group) or, when they are not, for the referent's
// explicit confirmation that the neighbour asked for it. Only then does the CCAS see it in the
// console (name, address, how to reach them, the person to contact; never health). When the
// CCAS marks it handled, the console enqueues `watchRegistryHandled`, which tells the referent.
import { savePendingAnswer } from '../../db/queries/pending-answers.ts';
import { findCcasOfChat, type CcasOfChat } from '../../db/queries/partners.ts';
import {
  confirmRegistryRequest,
  createRegistryRequest,
  deleteRegistryRequest,
  findPendingRequestOfWatched,
  findRegistryRequest,
  type RegistryRequestRow,
} from '../../db/queries/registry-requests.ts';
import { findWatched } from '../../db/queries/watch.ts';
import { rowNamed } from '../access.ts';
import { UserFacingError } from '../errors.ts';
import type { ChoiceContext, HandlerContext, JobContext } from '../feature.ts';
import type { T } from '../i18n.ts';
import { sendPrivately } from '../reach.ts';
import { ownWatched } from './consent.ts';
import { formatFrenchPhone } from './ccas-phone.ts';
import { looksLikeHealthData } from '../health-words.ts';
import type { WatchedRow } from '../../db/queries/watch.ts';

const ADDRESS_MAX = 120;
const ANSWER_TTL_MS = 30 * 60_000;

/** A registry request named by the data (`12`, `12:yes`), with its group. */
export const registryRequestGuard = {
  reaches: (ctx: HandlerContext, rest: string) => rowNamed(ctx.deps, rest, findRegistryRequest),
};

/** `watch:registry:<neighbour>`: the referent starts a request; the address comes next. */
export async function startRegistryRequest(ctx: ChoiceContext, row: WatchedRow): Promise<void> {
  const watched = ownWatched(ctx, row);
  if (watched.status !== 'active') throw new UserFacingError('watch.registry_needs_consent');
  const ccas = await findCcasOfChat(ctx.deps.db, watched.chatId);
  if (!ccas) throw new UserFacingError('watch.registry_no_ccas');
  if (await findPendingRequestOfWatched(ctx.deps.db, watched.id)) {
    throw new UserFacingError('watch.registry_already', { name: watched.name });
  }
  await savePendingAnswer(ctx.deps.db, {
    chatId: ctx.chat.id,
    personId: ctx.person.id,
    kind: 'watch_regaddress',
    data: { watchedId: watched.id },
    expiresAt: new Date(ctx.now.getTime() + ANSWER_TTL_MS),
  });
  await ctx.reply(
    ctx.t('watch.registry_ask_address', { name: watched.name, city: ccas.partnerName }),
  );
}

/** The address typed after `watch:registry`: the request is created, then consent asked. */
export async function answerRegistryAddress(
  ctx: HandlerContext,
  data: Record<string, unknown>,
  text: string,
): Promise<void> {
  const address = text.replace(/\s+/g, ' ').trim();
  const again = async (key: string, options?: Record<string, unknown>) => {
    await savePendingAnswer(ctx.deps.db, {
      chatId: ctx.chat.id,
      personId: ctx.person.id,
      kind: 'watch_regaddress',
      data,
      expiresAt: new Date(ctx.now.getTime() + ANSWER_TTL_MS),
    });
    await ctx.reply(ctx.t(key, options));
  };
  if (looksLikeHealthData(address)) return again('watch.no_health');
  if (address === '' || address.length > ADDRESS_MAX) {
    return again('watch.too_long', { max: ADDRESS_MAX });
  }
  const row = await findWatched(ctx.deps.db, Number(data.watchedId));
  if (!row) throw new UserFacingError('router.stale_choice');
  const watched = ownWatched(ctx, row);
  const ccas = await findCcasOfChat(ctx.deps.db, watched.chatId);
  if (!ccas) throw new UserFacingError('watch.registry_no_ccas');
  if (await findPendingRequestOfWatched(ctx.deps.db, watched.id)) {
    throw new UserFacingError('watch.registry_already', { name: watched.name });
  }
  const request = await createRegistryRequest(ctx.deps.db, {
    partnerId: ccas.partnerId,
    chatId: watched.chatId,
    watchedId: watched.id,
    referentPersonId: ctx.person.id,
    personId: watched.personId,
    name: watched.name,
    address,
    reach: watched.reach,
    emergencyContact: watched.emergencyContact,
  });
  const summary = (t: HandlerContext['t']) =>
    t('watch.registry_summary', {
      name: request.name,
      address: request.address,
      reach: request.reach ?? '—',
      contact: request.emergencyContact ?? '—',
      city: ccas.partnerName,
    });
  // The neighbour in the group answers for themselves; otherwise the referent confirms.
  if (watched.personId !== null && watched.personId !== ctx.person.id) {
    const asked = await sendPrivately(ctx.deps, watched.personId, (t) => ({
      kind: 'text',
      text: `${t('watch.registry_consent_request', { referent: ctx.person.displayName, city: ccas.partnerName })}\n\n${summary(t)}`,
      choices: [
        [{ label: t('watch.consent_yes_button'), data: `watch:regconsent:${request.id}:yes` }],
        [{ label: t('watch.consent_no_button'), data: `watch:regconsent:${request.id}:no` }],
      ],
    }));
    if (asked) {
      await ctx.reply(ctx.t('watch.registry_consent_asked', { name: watched.name }));
      return;
    }
  }
  await ctx.reply({
    kind: 'text',
    text: `${ctx.t('watch.registry_confirm', { name: watched.name, city: ccas.partnerName })}\n\n${summary(ctx.t)}`,
    choices: [
      [{ label: ctx.t('watch.registry_confirm_button'), data: `watch:regok:${request.id}` }],
    ],
  });
}

/** `watch:regok:<request>`: the referent confirms the neighbour asked for it. */
export async function confirmByReferent(ctx: ChoiceContext, request: RegistryRequestRow) {
  if (request.referentPersonId !== ctx.person.id) {
    throw new UserFacingError('watch.not_your_neighbour');
  }
  const open = await confirmRegistryRequest(ctx.deps.db, request.id, {
    consentBy: 'referent',
    now: ctx.now,
  });
  if (!open) throw new UserFacingError('watch.already_decided');
  const ccas = await findCcasOfChat(ctx.deps.db, open.chatId);
  await ctx.reply(sentText(ctx.t, open, ccas));
}

/** `watch:regconsent:<request>:yes|no`: the neighbour's own answer. */
export async function consentByNeighbour(
  ctx: ChoiceContext,
  request: RegistryRequestRow,
  rest: string,
) {
  const [, answer = ''] = rest.split(':');
  if (request.personId !== ctx.person.id || (answer !== 'yes' && answer !== 'no')) {
    throw new UserFacingError('router.stale_choice');
  }
  if (request.status !== 'awaiting_consent') throw new UserFacingError('watch.already_decided');
  if (answer === 'no') {
    await deleteRegistryRequest(ctx.deps.db, request.id);
    await ctx.reply(ctx.t('watch.registry_refused_thanks'));
    if (request.referentPersonId) {
      await sendPrivately(ctx.deps, request.referentPersonId, (t) =>
        t('watch.registry_refused', { name: request.name }),
      );
    }
    return;
  }
  const open = await confirmRegistryRequest(ctx.deps.db, request.id, {
    consentBy: 'self',
    now: ctx.now,
  });
  if (!open) throw new UserFacingError('watch.already_decided');
  const ccas = await findCcasOfChat(ctx.deps.db, open.chatId);
  await ctx.reply(sentText(ctx.t, open, ccas));
  if (open.referentPersonId) {
    await sendPrivately(
      ctx.deps,
      open.referentPersonId,
      (t) =>
        `${t('watch.registry_neighbour_agreed', { name: open.name })}\n\n${sentText(t, open, ccas)}`,
    );
  }
}

function sentText(t: T, request: RegistryRequestRow, ccas: CcasOfChat | undefined): string {
  return t('watch.registry_sent', {
    name: request.name,
    city: ccas?.partnerName ?? '',
    phone: ccas ? formatFrenchPhone(ccas.ccasPhone) : '',
  });
}

/** Job `watchRegistryHandled` (enqueued by the console): the referent is told. */
export async function runRegistryHandled(
  payload: Record<string, unknown>,
  { deps }: JobContext,
): Promise<void> {
  const request = await findRegistryRequest(deps.db, Number(payload.requestId));
  if (request?.status !== 'handled' || !request.referentPersonId) return;
  const ccas = await findCcasOfChat(deps.db, request.chatId);
  await sendPrivately(deps, request.referentPersonId, (t) =>
    t('watch.registry_handled', { name: request.name, city: ccas?.partnerName ?? '' }),
  );
}
