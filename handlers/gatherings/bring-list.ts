// Who brings what: /liste (the list, adding and removing items), /japporte and
// /japportepas, and the buttons under the list. The list always says what is missing.
import {
  claimItem,
  deleteItem,
  findComingGatherings,
  findGathering,
  findItem,
  findItemByPosition,
  findItems,
  unclaimItem,
  type GatheringRow,
  type ItemRow,
} from '../../db/queries/gatherings.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import { escapeHtml, type Choice } from '../events.ts';
import {
  isPress,
  type ChoiceContext,
  type HandlerContext,
  type MessageContext,
} from '../feature.ts';
import { rowIdFrom } from '../plain-words.ts';
import { withItsGroup } from '../access.ts';
import { itemWithCount, listLines, missingLine, parseQuantity, remainingOf } from './items.ts';
import { addItems, addToList, checkRoom, leftOutLines } from './add-items.ts';
import { sayAlreadyListed } from './already-listed.ts';
import { readItems, type ReadItems } from './read-items.ts';
import { refreshSummary } from './lifecycle.ts';
import { scopeOf } from './scope.ts';
import { plainTitleOf } from './names.ts';
import { distinctTitleOf, keywordsOf, targetGathering, whichGatheringLine } from './rsvp.ts';
import { requireOrganiser } from './organiser-actions.ts';
import type { KitCatalogue } from '../kits/load-kits.ts';
import { nameAfterVerb, printList, printListPrivately } from './print-list.ts';

/** Buttons under the list: one per missing item, at most. */
const MAX_BRING_BUTTONS = 8;

/** "Which gathering?" for a list: a choice per gathering that shows its list (`glist:<id>`). */
function listOffer(ctx: HandlerContext) {
  return (g: GatheringRow, apart: string): Choice => ({
    // A label is plain text.
    label: `📋 ${plainTitleOf(g, ctx.t)} — ${apart}`,
    data: `glist:${g.id}`,
  });
}

export async function showList(ctx: HandlerContext, gathering: GatheringRow): Promise<void> {
  const { t, deps } = ctx;
  const items = await findItems(deps.db, gathering.id);
  // Two gatherings of the same name: the list says which by its date.
  const title = await distinctTitleOf(ctx, gathering);
  const header = `🧺 <b>${t('gatherings.list_title', { title, interpolation: { escapeValue: false } })}</b>`;
  if (items.length === 0) {
    await ctx.reply(`${header}\n\n${t('gatherings.list_empty')}`);
    return;
  }
  const missing = items.filter((i) => remainingOf(i) > 0).slice(0, MAX_BRING_BUTTONS);
  // Where choices are numbers, each is its item's number on the list: "3. chips" is "3"
  // (December 2026 tryout: "3" to the menu brought another item). A covered item between
  // two offered keeps its number, unseen: its "3" is told it is taken, never another list's.
  const [from, to] = [missing[0]?.position ?? 0, missing.at(-1)?.position ?? 0];
  const offered = ctx.messenger.capabilities.inlineButtons
    ? missing
    : items.filter((i) => missing.includes(i) || (i.position > from && i.position < to));
  await ctx.reply({
    kind: 'text',
    text: [
      header,
      '',
      ...listLines(items, t),
      '',
      missingLine(items, t),
      '',
      t('gatherings.list_hint', { at: await commandWordOf(ctx, gathering) }),
    ].join('\n'),
    choices: offered.map((item) => [
      {
        label: t('gatherings.bring_button', {
          item: item.label,
          interpolation: { escapeValue: false },
        }),
        data: `bring:${item.id}`,
        number: item.position,
        ...(missing.includes(item) ? {} : { hidden: true }),
      },
    ]),
  });
}

/**
 * " galette1": the word naming the gathering in a command, where more than one is coming (a
 * hint "/japporte 3" without it was answered "laquelle ?": tryout); "" otherwise. Escaped.
 */
async function commandWordOf(ctx: HandlerContext, gathering: GatheringRow): Promise<string> {
  const coming = await findComingGatherings(ctx.deps.db, gathering.chatId, scopeOf(ctx).today);
  if (!coming.some((g) => g.id !== gathering.id)) return '';
  const word = keywordsOf(coming).get(gathering.id);
  return word ? ` ${escapeHtml(word)}` : '';
}

export async function list(ctx: MessageContext, catalogue: KitCatalogue): Promise<void> {
  const args = ctx.event.command?.args ?? '';
  // Privately, the list can only be printed: the rest happens where everyone sees it.
  if (ctx.chat.kind !== 'group') return printListPrivately(ctx, catalogue, args);
  const scope = scopeOf(ctx);
  const words = ctx.deps.i18n.commandWords;
  const target = await targetGathering(ctx, args, {
    command: { fr: 'liste', en: 'list' },
    // "Laquelle ?" numbered where choices are numbers: a "1" is that question's, not an
    // older list's (tryout: it answered another list).
    ...(args.trim() === '' ? { offer: listOffer(ctx) } : {}),
    check: (typed) => {
      const [word = '', rest = ''] = typed.split(/\s+(.*)/s, 2);
      if (words.find('list', word) === 'add') readItems(rest);
    },
    nameAfter: (first, following, numbered) =>
      nameAfterVerb(words.find('list', first), following, numbered),
  });
  if (!target) return;
  const { gathering, rest: targetArgs } = target;
  const [word = '', rest = ''] = targetArgs.split(/\s+(.*)/s, 2);
  const verb = words.find('list', word);
  if (targetArgs === '') return showList(ctx, gathering);
  if (words.find('list', targetArgs) === 'print') {
    return printList(ctx, catalogue, ctx.chat, gathering);
  }
  if (verb === 'remove') {
    await requireOrganiser(ctx);
    const item = await itemAt(gathering, rest, ctx.deps);
    await deleteItem(ctx.deps.db, item.id);
    await ctx.reply(
      [
        ...(await whichGatheringLine(ctx, gathering)),
        ctx.t('gatherings.item_removed', { item: item.label }),
      ].join('\n'),
    );
    return refreshSummary(scope, gathering);
  }
  return addItems(ctx, gathering, verb === 'add' ? rest : targetArgs);
}

/**
 * The item a number names ("3", "n°3"); a number not on the list is answered with the
 * numbers that are.
 */
export async function itemAt(gathering: GatheringRow, text: string, deps: Deps): Promise<ItemRow> {
  const typed = /^\s*n?°?\s*(\d+)\s*$/.exec(text)?.[1];
  const position = typed !== undefined && typed.length <= 3 ? Number(typed) : NaN;
  const item = Number.isInteger(position)
    ? await findItemByPosition(deps.db, gathering.id, position)
    : undefined;
  if (item) return item;
  if (typed === undefined) throw new UserFacingError('gatherings.no_such_item');
  const positions = (await findItems(deps.db, gathering.id)).map((i) => i.position);
  if (positions.length === 0) throw new UserFacingError('gatherings.list_empty_short');
  const [from, to] = [Math.min(...positions), Math.max(...positions)];
  throw new UserFacingError(
    from === to ? 'gatherings.no_such_item_only' : 'gatherings.no_such_item_number',
    { number: typed.length > 6 ? `${typed.slice(0, 6)}…` : typed, from, to },
  );
}

/**
 * `notice`: a line said with the answer (what was not written on the list). `byName`: the item
 * was named as it is listed ("/japporte 2 galettes"): the number said is kept whole, and an
 * item already covered is answered with who brings it (already-listed.ts).
 */
export async function claim(
  ctx: HandlerContext,
  gathering: GatheringRow,
  item: ItemRow,
  quantity: number,
  notice?: string,
  { byName = false }: { byName?: boolean } = {},
) {
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  const { deps, t, person } = ctx;
  const outcome = await claimItem(deps.db, {
    itemId: item.id,
    personId: person.id,
    quantity,
    asSaid: byName,
    // No number said (a menu's answer, "/japporte desserts"): said again, it adds nothing.
    onlyIfNew: quantity === 1,
  });
  if (outcome.kind === 'no_item') throw new UserFacingError('gatherings.no_such_item');
  if (outcome.kind === 'already_covered' && byName && !isPress(ctx)) {
    if (notice) await ctx.reply(notice);
    return sayAlreadyListed(ctx, gathering, item);
  }
  const items = await findItems(deps.db, gathering.id);
  const said =
    outcome.kind === 'claimed'
      ? t('gatherings.claimed', {
          name: escapeHtml(person.displayName),
          item: itemWithCount(item.label, outcome.total),
          interpolation: { escapeValue: false },
        })
      : outcome.kind === 'already_yours'
        ? t('gatherings.already_yours', {
            name: escapeHtml(person.displayName),
            item: itemWithCount(item.label, outcome.total),
            position: item.position,
            interpolation: { escapeValue: false },
          })
        : t('gatherings.already_covered', { name: person.displayName, item: item.label });
  // Nothing changed: a press is answered in its pop-up, for the presser alone.
  if (outcome.kind !== 'claimed' && isPress(ctx)) return ctx.notify(said);
  // More than one gathering coming: the answer says whose list it was.
  const which = await whichGatheringLine(ctx, gathering);
  await ctx.reply([...which, said, missingLine(items, t), ...(notice ? [notice] : [])].join('\n'));
  if (outcome.kind === 'claimed') await refreshSummary(scopeOf(ctx), gathering);
}

export async function bring(ctx: MessageContext): Promise<void> {
  const target = await targetGathering(ctx, ctx.event.command?.args ?? '', {
    command: { fr: 'japporte', en: 'bring' },
    ...((ctx.event.command?.args ?? '').trim() === '' ? { offer: listOffer(ctx) } : {}),
    check: (typed) => void (typed === '' || readBring(typed)),
  });
  if (!target) return;
  const { gathering, rest: args } = target;
  if (args === '') return showList(ctx, gathering);
  const wanted = readBring(args);
  if (wanted.kind === 'number') {
    const item = await itemAt(gathering, wanted.position, ctx.deps);
    return claim(ctx, gathering, item, wanted.quantity);
  }
  // Something on the list by its name ("4 chaises" when chairs are wanted, "deux galettes"
  // when "galettes" are): so many of it. Otherwise it goes on the list, brought by this
  // person. Several, with commas ("chips, boissons"), as /liste ajouter reads them.
  const read = wanted.read;
  if (read.items.length > 1) return bringSeveral(ctx, gathering, read);
  const input = read.items[0]!;
  const { added, item } = await addToList(ctx, gathering, input);
  const notice = leftOutLines(read, ctx.t).join('\n') || undefined;
  await claim(ctx, gathering, item, added ? item.quantity : input.quantity, notice, {
    byName: !added,
  });
}

/**
 * "/japporte chips, boissons": each item found on the list or added to it, and brought by the
 * person; one answer says what they bring and what others already do (December 2026 tryout:
 * one item "chips, boissons" was listed).
 */
async function bringSeveral(ctx: MessageContext, gathering: GatheringRow, read: ReadItems) {
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  const { deps, t, person } = ctx;
  await checkRoom(ctx, gathering, read.items);
  const brought: string[] = [];
  const covered: string[] = [];
  for (const input of read.items) {
    const { added, item } = await addToList(ctx, gathering, input);
    const outcome = await claimItem(deps.db, {
      itemId: item.id,
      personId: person.id,
      quantity: added ? item.quantity : input.quantity,
      asSaid: !added,
      onlyIfNew: !added && input.quantity === 1,
    });
    if (outcome.kind === 'claimed') brought.push(itemWithCount(item.label, outcome.total));
    else if (outcome.kind === 'already_yours') {
      covered.push(
        t('gatherings.already_yours', {
          name: escapeHtml(person.displayName),
          item: itemWithCount(item.label, outcome.total),
          position: item.position,
          interpolation: { escapeValue: false },
        }),
      );
    } else if (outcome.kind === 'already_covered') {
      covered.push(t('gatherings.already_covered', { name: person.displayName, item: item.label }));
    }
  }
  const items = await findItems(deps.db, gathering.id);
  await ctx.reply(
    [
      ...(await whichGatheringLine(ctx, gathering)),
      ...(brought.length > 0
        ? [
            t('gatherings.claimed', {
              name: escapeHtml(person.displayName),
              item: brought.join(', '),
              interpolation: { escapeValue: false },
            }),
          ]
        : []),
      ...covered,
      missingLine(items, t),
      ...leftOutLines(read, t),
    ].join('\n'),
  );
  if (brought.length > 0) await refreshSummary(scopeOf(ctx), gathering);
}

/**
 * What "/japporte …" says: "3" or "3 2" is item n°3 (two of it), "999" an item number too
 * (answered with the numbers the list has); "4 chaises" is four chairs, not item n°4.
 */
function readBring(
  args: string,
): { kind: 'number'; position: string; quantity: number } | { kind: 'item'; read: ReadItems } {
  const numbered = /^n?°?\s*(\d+)(?:\s+(.*))?$/s.exec(args);
  if (numbered && !/\p{L}{2}/u.test(numbered[2] ?? '')) {
    return { kind: 'number', position: numbered[1] ?? '', quantity: parseQuantity(numbered[2]) };
  }
  // "-1", "#3", "3.5": a number meant, not a thing to bring (tryout: "-1" went on the list).
  if (!/[\p{L}\p{Extended_Pictographic}]/u.test(args)) {
    throw new UserFacingError('gatherings.no_such_item');
  }
  return { kind: 'item', read: readItems(args) };
}

export async function unbring(ctx: MessageContext): Promise<void> {
  const target = await targetGathering(ctx, ctx.event.command?.args ?? '', {
    command: { fr: 'japportepas', en: 'unbring' },
  });
  if (!target) return;
  const { gathering } = target;
  const item = await itemAt(gathering, target.rest, ctx.deps);
  await withdraw(ctx, gathering, item);
}

export async function withdraw(ctx: HandlerContext, gathering: GatheringRow, item: ItemRow) {
  const { deps, t, person } = ctx;
  if (!(await unclaimItem(deps.db, item.id, person.id))) {
    throw new UserFacingError('gatherings.not_bringing', { item: item.label });
  }
  const items = await findItems(deps.db, gathering.id);
  await ctx.reply(
    [
      ...(await whichGatheringLine(ctx, gathering)),
      t('gatherings.unclaimed', { name: person.displayName, item: item.label }),
      missingLine(items, t),
    ].join('\n'),
  );
  await refreshSummary(scopeOf(ctx), gathering);
}

/** An item named by a button, with its gathering: the group they belong to is checked. */
export async function itemOfChoice(ctx: ChoiceContext, rest: string) {
  const id = rowIdFrom(rest);
  const item = id === undefined ? undefined : await findItem(ctx.deps.db, id);
  const gathering = item && (await findGathering(ctx.deps.db, item.gatheringId));
  return gathering && withItsGroup(ctx.deps, { item, chatId: gathering.chatId, gathering });
}

export async function itemChoice(
  ctx: ChoiceContext,
  { item, gathering }: { item: ItemRow; gathering: GatheringRow },
  take: boolean,
): Promise<void> {
  if (take) return claim(ctx, gathering, item, 1);
  return withdraw(ctx, gathering, item);
}
