// Adding to the "who brings what" list: "/liste ajouter 3 chaises" or, with commas, several
// items at once ("/liste ajouter pain, beurre et confiture": three items, read-items.ts).
// An item already there (the same words, see itemKey) is not added twice: it is said so.
import {
  addItem,
  findItems,
  type GatheringRow,
  type ItemRow,
} from '../../db/queries/gatherings.ts';
import { UserFacingError } from '../errors.ts';
import type { Choice } from '../events.ts';
import type { HandlerContext } from '../feature.ts';
import type { T } from '../i18n.ts';
import { sayAlreadyListed } from './already-listed.ts';
import { itemKey, itemWithCount, MAX_ITEMS, type ItemInput } from './items.ts';
import { refreshSummary } from './lifecycle.ts';
import { readItems, type ReadItems } from './read-items.ts';
import { whichGatheringLine } from './rsvp.ts';
import { scopeOf } from './scope.ts';

/** Buttons under the answer: one per item added, at most. */
const MAX_BRING_BUTTONS = 8;

/**
 * Adds an item read by readItems, unless the list has it already (the same words): then that
 * one is given.
 */
export async function addToList(
  ctx: HandlerContext,
  gathering: GatheringRow,
  input: ItemInput,
): Promise<{ added: boolean; item: ItemRow }> {
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  const items = await findItems(ctx.deps.db, gathering.id);
  const key = itemKey(input.label);
  const listed = items.find((i) => itemKey(i.label) === key);
  if (listed) return { added: false, item: listed };
  if (items.length >= MAX_ITEMS)
    throw new UserFacingError('gatherings.list_full', { max: MAX_ITEMS });
  return addItem(
    ctx.deps.db,
    { ...input, gatheringId: gathering.id, addedBy: ctx.person.id },
    (label) => itemKey(label) === key,
  );
}

/** A list that would overflow is refused before anything of a message is added. */
export async function checkRoom(
  ctx: HandlerContext,
  gathering: GatheringRow,
  inputs: ItemInput[],
): Promise<void> {
  const listed = new Set((await findItems(ctx.deps.db, gathering.id)).map((i) => itemKey(i.label)));
  const fresh = new Set(inputs.map((i) => itemKey(i.label)).filter((k) => !listed.has(k)));
  if (fresh.size > 0 && listed.size + fresh.size > MAX_ITEMS) {
    throw new UserFacingError('gatherings.list_full', { max: MAX_ITEMS });
  }
}

/** What was not written on the list, said with the answer. */
export function leftOutLines(read: ReadItems, t: T): string[] {
  return [
    ...(read.healthLeftOut ? [t('gatherings.health_left_out_item')] : []),
    ...(read.reachLeftOut ? [t('gatherings.reach_left_out_item')] : []),
  ];
}

/** "n°3 pain, n°4 beurre ×2": items with their numbers, escaped. */
const numbered = (items: ItemRow[], t: T) =>
  items
    .map((item) =>
      t('gatherings.item_numbered', {
        position: item.position,
        item: itemWithCount(item.label, item.quantity),
        interpolation: { escapeValue: false },
      }),
    )
    .join(', ');

/** `/liste ajouter …`: the item, or the items of a comma list, added and said back. */
export async function addItems(
  ctx: HandlerContext,
  gathering: GatheringRow,
  typed: string,
): Promise<void> {
  const { t } = ctx;
  const read = readItems(typed);
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  await checkRoom(ctx, gathering, read.items);
  const outcomes: { added: boolean; item: ItemRow }[] = [];
  for (const input of read.items) outcomes.push(await addToList(ctx, gathering, input));
  const added = outcomes.filter((o) => o.added).map((o) => o.item);
  const already = outcomes.filter((o) => !o.added).map((o) => o.item);
  const notices = leftOutLines(read, t);
  if (added.length === 0 && already.length === 1) {
    if (notices.length > 0) await ctx.reply(notices.join('\n'));
    return sayAlreadyListed(ctx, gathering, already[0]!);
  }
  const choices: Choice[][] = added.slice(0, MAX_BRING_BUTTONS).map((item) => [
    {
      label: t('gatherings.bring_button', {
        item: item.label,
        interpolation: { escapeValue: false },
      }),
      data: `bring:${item.id}`,
      // "n°5 chips" is "5" where choices are numbers.
      number: item.position,
    },
  ]);
  await ctx.reply({
    kind: 'text',
    text: [
      ...(await whichGatheringLine(ctx, gathering)),
      ...(added.length === 1
        ? [
            t('gatherings.item_added', {
              item: itemWithCount(added[0]!.label, added[0]!.quantity),
              position: added[0]!.position,
              interpolation: { escapeValue: false },
            }),
          ]
        : added.length > 1
          ? [
              t('gatherings.items_added', {
                items: numbered(added, t),
                interpolation: { escapeValue: false },
              }),
            ]
          : []),
      ...(already.length > 0
        ? [
            t('gatherings.items_already_listed', {
              items: numbered(already, t),
              interpolation: { escapeValue: false },
            }),
          ]
        : []),
      ...notices,
    ].join('\n'),
    ...(choices.length > 0 ? { choices } : {}),
  });
  if (added.length > 0) await refreshSummary(scopeOf(ctx), gathering);
}
