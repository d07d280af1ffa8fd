// Consent to be checked on: the neighbour's own (asked privately, or through /accord <n>), or
// the referent's word that the neighbour agreed, confirmed.
import {
  findWatched,
  findWatchedRecordsOf,
  updateWatched,
  type WatchedRow,
} from '../../db/queries/watch.ts';
import { requireAccess, rowNamed } from '../access.ts';
import { findMembers, findPerson } from '../../db/queries/people.ts';
import { UserFacingError } from '../errors.ts';
import type { OutboundMessage } from '../events.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import type { T } from '../i18n.ts';
import { requireRowId } from '../plain-words.ts';
import { requireGroupChat, sendPrivately } from '../reach.ts';
import { todayIn } from '../zoned-time.ts';
import { findCcasOfChat, type CcasOfChat } from '../../db/queries/partners.ts';
import { formatFrenchPhone } from './ccas-phone.ts';
import { seasonOf } from './season.ts';
import { recordedLines } from './texts.ts';

const MAX_MEMBER_CHOICES = 20;

/** A neighbour of the referent's own roster, for their buttons. */
export function ownWatched(ctx: HandlerContext, watched: WatchedRow): WatchedRow {
  if (watched.referentPersonId !== ctx.person.id || watched.status === 'removed') {
    throw new UserFacingError('watch.not_your_neighbour');
  }
  return watched;
}

export async function referentConsent(ctx: ChoiceContext, row: WatchedRow): Promise<void> {
  const watched = ownWatched(ctx, row);
  await ctx.reply({
    kind: 'text',
    text: ctx.t('watch.confirm_referent_consent', { name: watched.name }),
    choices: [
      [
        {
          label: ctx.t('watch.confirm_consent_button'),
          data: `watch:refconsentok:${watched.id}`,
        },
      ],
    ],
  });
}

export async function referentConsentConfirmed(ctx: ChoiceContext, row: WatchedRow) {
  const watched = ownWatched(ctx, row);
  const active = await updateWatched(
    ctx.deps.db,
    watched.id,
    {
      status: 'active',
      consentBy: 'referent',
      consentRecordedBy: ctx.person.id,
      consentAt: ctx.now,
    },
    ['pending_consent'],
  );
  if (!active) throw new UserFacingError('watch.already_decided');
  await afterConsent(ctx, active);
}

async function afterConsent(ctx: HandlerContext, watched: WatchedRow): Promise<void> {
  const chat = await requireGroupChat(ctx.deps, watched.chatId);
  const hazard = seasonOf(todayIn(ctx.now, chat.timezone));
  const ccas = await findCcasOfChat(ctx.deps.db, chat.id);
  await ctx.reply({
    kind: 'text',
    text: `${ctx.t('watch.added', { name: watched.name })}\n\n${ccasAdvice(ctx.t, ccas)}`,
    choices: [
      [{ label: ctx.t('watch.sheet_button'), data: `watch:sheet:${hazard}` }],
      ...(ccas ? [registryButton(ctx.t, watched)] : []),
    ],
  });
}

/** The registry's "good to know": the partner's CCAS by name and number when it gave them. */
export function ccasAdvice(t: T, ccas: CcasOfChat | undefined): string {
  if (!ccas) return t('watch.ccas');
  const phone = formatFrenchPhone(ccas.ccasPhone);
  return [
    t('watch.ccas_partner', { city: ccas.partnerName, phone }),
    ...(ccas.ccasRegistryHowto ? [t('watch.ccas_howto', { howto: ccas.ccasRegistryHowto })] : []),
  ].join('\n');
}

function registryButton(t: T, watched: WatchedRow) {
  return [
    {
      label: t('watch.registry_button', { name: watched.name }),
      data: `watch:registry:${watched.id}`,
    },
  ];
}

export async function chooseMember(ctx: ChoiceContext, row: WatchedRow): Promise<void> {
  const watched = ownWatched(ctx, row);
  const members = (await findMembers(ctx.deps.db, watched.chatId))
    .filter((m) => m.personId !== ctx.person.id)
    .slice(0, MAX_MEMBER_CHOICES);
  if (members.length === 0) throw new UserFacingError('watch.no_members');
  await ctx.reply({
    kind: 'text',
    text: ctx.t('watch.who_in_group'),
    choices: members.map((m) => [
      { label: m.displayName, data: `watch:pick:${watched.id}:${m.personId}` },
    ]),
  });
}

/** `watch:pick:<neighbour>:<person>`: the person must be a member of the neighbour's group. */
export async function pickMember(ctx: ChoiceContext, row: WatchedRow, rest: string) {
  const watched = ownWatched(ctx, row);
  const personId = requireRowId(rest.split(':')[1] ?? '');
  const members = await findMembers(ctx.deps.db, watched.chatId);
  const member = members.find((m) => m.personId === personId);
  if (!member) throw new UserFacingError('router.stale_choice');
  // Already watched (or asked) in this group, by another referent told of the same wish:
  // one record, one referent, one question to the neighbour.
  const other = (await findWatchedRecordsOf(ctx.deps.db, member.personId, watched.chatId)).find(
    (w) => w.id !== watched.id,
  );
  if (other) {
    await updateWatched(ctx.deps.db, watched.id, { status: 'removed' }, ['pending_consent']);
    const by = other.referentPersonId
      ? await findPerson(ctx.deps.db, other.referentPersonId)
      : undefined;
    throw new UserFacingError('watch.already_watched', {
      name: member.displayName,
      referent: by?.displayName ?? ctx.t('watch.someone'),
    });
  }
  await updateWatched(ctx.deps.db, watched.id, { personId: member.personId }, ['pending_consent']);
  const asked = await sendPrivately(ctx.deps, member.personId, (t) =>
    consentRequest(t, watched, ctx.person.displayName),
  );
  if (asked) {
    await ctx.reply(ctx.t('watch.consent_asked', { name: member.displayName }));
    return;
  }
  const link = ctx.messenger.privateChatLink(`consent-${watched.id}`);
  await ctx.reply(
    link
      ? ctx.t('watch.consent_link', { name: member.displayName, link })
      : ctx.t('watch.consent_write', { name: member.displayName, id: watched.id }),
  );
}

/** The neighbour's own question: what would be kept, exactly, then yes or no. */
function consentRequest(t: T, watched: WatchedRow, referentName: string): OutboundMessage {
  const id = watched.id;
  return {
    kind: 'text',
    text: [
      t('watch.consent_request', { referent: referentName }),
      [t('watch.consent_recorded'), ...recordedLines(watched, t)].join('\n'),
      t('watch.consent_question'),
    ].join('\n\n'),
    choices: [
      [{ label: t('watch.consent_yes_button'), data: `watch:consent:${id}:yes` }],
      [{ label: t('watch.consent_no_button'), data: `watch:consent:${id}:no` }],
    ],
  };
}

/** A watched neighbour named by the data, with their group. */
export const watchedGuard = {
  reaches: (ctx: HandlerContext, rest: string) => rowNamed(ctx.deps, rest, findWatched),
};

/** /accord <n>, where there is no deep link: checked as the link would be. */
export async function consentByNumber(ctx: MessageContext): Promise<void> {
  const text = (ctx.event.command?.args ?? '').trim().replace(/^#/, '');
  const watched = await requireAccess(ctx, watchedGuard, text, 'command');
  await openConsent(ctx, watched, 'router.unknown_number');
}

/** The neighbour opens the consent question (deep link, or /accord <n> where there is none). */
export async function openConsent(
  ctx: MessageContext,
  watched: WatchedRow,
  refusal = 'router.stale_link',
): Promise<void> {
  if (watched.personId !== ctx.person.id || watched.status !== 'pending_consent') {
    throw new UserFacingError(refusal);
  }
  const referentPerson = watched.referentPersonId
    ? await findPerson(ctx.deps.db, watched.referentPersonId)
    : undefined;
  await ctx.reply(consentRequest(ctx.t, watched, referentPerson?.displayName ?? ''));
}

export async function consent(ctx: ChoiceContext, watched: WatchedRow, rest: string) {
  const [, answer = ''] = rest.split(':');
  // Only the neighbour themselves answers this one, yes or no.
  if (watched.personId !== ctx.person.id || (answer !== 'yes' && answer !== 'no')) {
    throw new UserFacingError('router.stale_choice');
  }
  if (answer === 'yes') {
    const active = await updateWatched(
      ctx.deps.db,
      watched.id,
      {
        status: 'active',
        consentBy: 'self',
        consentRecordedBy: ctx.person.id,
        consentAt: ctx.now,
      },
      ['pending_consent'],
    );
    if (!active) throw new UserFacingError('watch.already_decided');
    await ctx.reply(ctx.t('watch.consent_thanks'));
    if (watched.referentPersonId) {
      const ccas = await findCcasOfChat(ctx.deps.db, watched.chatId);
      await sendPrivately(ctx.deps, watched.referentPersonId, (t) => ({
        kind: 'text',
        text: t('watch.consent_given', { name: watched.name }),
        ...(ccas ? { choices: [registryButton(t, active)] } : {}),
      }));
    }
    return;
  }
  await updateWatched(ctx.deps.db, watched.id, { status: 'removed' });
  await ctx.reply(ctx.t('watch.consent_refused_thanks'));
  if (watched.referentPersonId) {
    await sendPrivately(ctx.deps, watched.referentPersonId, (t) =>
      t('watch.consent_refused', { name: watched.name }),
    );
  }
}
