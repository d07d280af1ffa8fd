// The relay card, privately to a referent: after a neighbour is added, and with /veiller
// carte (/watch card). One PDF per group where they are an active referent, in the group's
// language, with the season's kit numbers (canicule or grand froid; and the partner city's
// CCAS where it gave its number). It names the referent
// and their backup by the first word of their name and nothing else: no phone, no door,
// nothing about the neighbours they check on (it may be pinned in a hall).
import type { ChatRow } from '../../db/queries/chats.ts';
import { findChatById } from '../../db/queries/chats.ts';
import { findPerson } from '../../db/queries/people.ts';
import { findReferentGroups, findReferentIn, type ReferentRow } from '../../db/queries/watch.ts';
import { UserFacingError } from '../errors.ts';
import type { HandlerContext } from '../feature.ts';
import { toLocale } from '../i18n.ts';
import type { KitCatalogue } from '../kits/load-kits.ts';
import { renderRelayCard } from '../kits/render-printables.ts';
import { todayIn } from '../zoned-time.ts';
import { seasonOf } from './season.ts';
import { findCcasOfChat } from '../../db/queries/partners.ts';
import { formatFrenchPhone } from './ccas-phone.ts';
import { printedGroupName } from '../reach.ts';

/** Every card of the person's referent groups on this platform; refused to anyone else. */
export async function sendRelayCards(ctx: HandlerContext, catalogue: KitCatalogue): Promise<void> {
  if (ctx.chat.kind !== 'private') throw new UserFacingError('watch.card_privately');
  const groups: { referent: ReferentRow; group: ChatRow }[] = [];
  for (const { referent } of await findReferentGroups(ctx.deps.db, ctx.person.id)) {
    const group = await findChatById(ctx.deps.db, referent.chatId);
    if (group?.platform === ctx.chat.platform) groups.push({ referent, group });
  }
  if (groups.length === 0) throw new UserFacingError('watch.card_not_referent');
  if (!ctx.messenger.capabilities.documents) throw new UserFacingError('watch.card_unavailable');
  for (const { referent, group } of groups) await sendRelayCard(ctx, catalogue, referent, group);
}

async function sendRelayCard(
  ctx: HandlerContext,
  catalogue: KitCatalogue,
  referent: ReferentRow,
  group: ChatRow,
): Promise<void> {
  // The card is for the neighbour it is handed to (or the hall), not for the referent who
  // asked for it: the group's language, whatever the referent's (their caption is theirs).
  const locale = toLocale(group.locale);
  const t = ctx.deps.i18n.t(locale);
  const hazard = seasonOf(todayIn(ctx.now, group.timezone));
  const seasonKit = catalogue.get(hazard === 'cold' ? 'grand-froid' : 'canicule', locale);
  // In a partner city whose CCAS gave its number, the card names it after the kit's numbers.
  const ccas = await findCcasOfChat(ctx.deps.db, group.id);
  const kit = ccas
    ? {
        ...seasonKit,
        numbers: [
          ...seasonKit.numbers,
          {
            label: t('watch.card_ccas', {
              city: ccas.partnerName,
              interpolation: { escapeValue: false },
            }),
            number: formatFrenchPhone(ccas.ccasPhone),
          },
        ],
      }
    : seasonKit;
  const mate = referent.backupPersonId
    ? await findReferentIn(ctx.deps.db, referent.chatId, referent.backupPersonId)
    : undefined;
  const backup =
    mate?.status === 'active' ? await findPerson(ctx.deps.db, mate.personId) : undefined;
  const data = await renderRelayCard(t, locale, kit, {
    groupName: printedGroupName(group),
    referent: firstName(ctx.person.displayName),
    ...(backup ? { backup: firstName(backup.displayName) } : {}),
  });
  await ctx.reply({
    kind: 'document',
    filename: `${ctx.t('watch.card_file')}.pdf`,
    data,
    caption: ctx.t('watch.card_caption'),
  });
}

/** "Alice" of "Alice Martin": a card names people as neighbours do. */
export function firstName(displayName: string): string {
  return displayName.trim().split(/\s+/)[0] ?? displayName;
}
