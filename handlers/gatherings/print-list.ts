// /liste imprimer (/list print): the gathering's live list as a sheet to pin next to the
// hall's door, with blank rows for what people add by hand. In the group it comes in the
// group; privately, for each of the person's groups on this platform. The gathering is
// chosen as /liste chooses it (asked back when several are coming).
import type { ChatRow } from '../../db/queries/chats.ts';
import { findItems, type GatheringRow } from '../../db/queries/gatherings.ts';
import { findMemberChats } from '../../db/queries/mutual-aid.ts';
import { formatDate, formatTime } from '../calendar/french-dates.ts';
import { UserFacingError } from '../errors.ts';
import type { MessageContext } from '../feature.ts';
import type { KitCatalogue } from '../kits/load-kits.ts';
import type { BringSheetRow } from '../kits/pdf/bring-sheet.ts';
import { renderBringSheet } from '../kits/render-printables.ts';
import { plainTitleOf } from './names.ts';
import { remainingOf, shownNote } from './items.ts';
import { targetGathering } from './rsvp.ts';
import { scopeOf } from './scope.ts';
import { printedGroupName } from '../reach.ts';

/** "imprimer", "print", "imprimir"…: any language's word (command-words.ts, `list`). */
const isPrintWord = (ctx: MessageContext, text: string): boolean =>
  ctx.deps.i18n.commandWords.find('list', text) === 'print';

/**
 * Whether a gathering's name may come after the list's verb (`/liste imprimer galette1`,
 * `/liste retirer galette1 3`) as well as before it: when what follows the name cannot be an
 * item. After "ajouter" only a numbered name counts ("/liste ajouter galette des rois" adds
 * a galette des rois).
 */
export function nameAfterVerb(
  verb: string | undefined,
  following: string,
  numbered: boolean,
): boolean {
  if (verb === 'print') return following === '';
  if (verb === 'remove') return /^n?°?\s*\d+$/.test(following);
  if (verb === 'add') return numbered && following !== '';
  return false;
}

/** Privately: only printing, for the person's groups (the list itself lives in the group). */
export async function printListPrivately(
  ctx: MessageContext,
  catalogue: KitCatalogue,
  args: string,
): Promise<void> {
  // "imprimer" before or after the gathering's name.
  const words = args.trim().split(/\s+/);
  if (!isPrintWord(ctx, words.at(-1) ?? '') && !isPrintWord(ctx, words[0] ?? ''))
    throw new UserFacingError('gatherings.print_privately');
  const groups = await findMemberChats(ctx.deps.db, ctx.person.id, ctx.chat.platform);
  if (groups.length === 0) throw new UserFacingError('gatherings.print_no_group');
  for (const group of groups) {
    const target = await targetGathering(ctx, args, {
      command: { fr: 'liste', en: 'list' },
      group,
      nameAfter: (first, following, numbered) =>
        nameAfterVerb(ctx.deps.i18n.commandWords.find('list', first), following, numbered),
    }).catch((error: unknown) => {
      // A group with nothing coming is skipped when the person has others.
      if (groups.length > 1 && error instanceof UserFacingError) return undefined;
      throw error;
    });
    if (target && isPrintWord(ctx, target.rest))
      await printList(ctx, catalogue, group, target.gathering);
  }
}

/**
 * The sheet of a gathering of `group`, as a PDF reply: made in the group, in the group's
 * language; made privately, in the person's (tryout: a Spanish reply with a French sheet),
 * as kits asked privately are (deliver-kit.ts).
 */
export async function printList(
  ctx: MessageContext,
  catalogue: KitCatalogue,
  group: ChatRow,
  gathering: GatheringRow,
): Promise<void> {
  if (!ctx.messenger.capabilities.documents) {
    throw new UserFacingError('gatherings.print_unavailable');
  }
  const { t, locale } = ctx.chat.kind === 'private' ? ctx : scopeOf(ctx, group);
  const items = await findItems(ctx.deps.db, gathering.id);
  const rows: BringSheetRow[] = items.map((item) => {
    const remaining = remainingOf(item);
    const note = shownNote(item.note);
    return {
      position: item.position,
      item: note ? `${item.label} (${note})` : item.label,
      wanted: String(item.quantity),
      who: item.claims
        .map((c) =>
          item.quantity > 1 || c.quantity > 1 ? `${c.displayName} (${c.quantity})` : c.displayName,
        )
        .join(', '),
      missing:
        remaining > 0
          ? t('gatherings.item_missing', { count: remaining })
          : t('kits.pdf.bring_sheet.complete'),
    };
  });
  const botLink = ctx.messenger.botLink();
  // The kit only lends its words to the page (no kit: the fête's); an unprintable name is
  // said as the kits say it (UnprintableTextError is a user-facing error).
  const kitId =
    gathering.kitId && catalogue.ids.includes(gathering.kitId)
      ? gathering.kitId
      : 'fete-des-voisins';
  const data = await renderBringSheet(t, locale, catalogue.get(kitId, locale), {
    groupName: printedGroupName(group),
    title: plainTitleOf(gathering, t),
    ...(gathering.date ? { date: formatDate(gathering.date, locale, 'long') } : {}),
    ...(gathering.time ? { time: formatTime(gathering.time, locale) } : {}),
    ...(gathering.place ? { place: gathering.place } : {}),
    ...(botLink ? { qrUrl: botLink } : {}),
    rows,
  });
  await ctx.reply({
    kind: 'document',
    filename: `${ctx.t('gatherings.print_file')}.pdf`,
    data,
    caption: ctx.t('gatherings.print_caption'),
  });
}
