// Who brings what: /liste (the list, adding and removing items), /japporte and
// /japportepas, and the buttons under the list. The list always says what is missing.
import {
  addItem,
  claimItem,
  deleteItem,
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
import { looksLikeHealthData } from '../health-words.ts';
import { escapeHtml } from '../events.ts';
import {
  isPress,
  type ChoiceContext,
  type HandlerContext,
  type MessageContext,
} from '../feature.ts';
import { plain, rowIdFrom } from '../plain-words.ts';
import { withItsGroup } from '../access.ts';
import { titleOf } from './describe.ts';
import {
  itemWithCount,
  listLines,
  MAX_ITEMS,
  missingLine,
  parseItem,
  parseQuantity,
  remainingOf,
} from './items.ts';
import { refreshSummary } from './lifecycle.ts';
import { scopeOf } from './scope.ts';
import { targetGathering } from './rsvp.ts';
import { requireOrganiser } from './organiser-actions.ts';
import type { KitCatalogue } from '../kits/load-kits.ts';
import { printList, printListPrivately } from './print-list.ts';

/** Buttons under the list: one per missing item, at most. */
const MAX_BRING_BUTTONS = 8;

export async function showList(ctx: HandlerContext, gathering: GatheringRow): Promise<void> {
  const { t, deps } = ctx;
  const items = await findItems(deps.db, gathering.id);
  const header = `🧺 <b>${t('gatherings.list_title', { title: titleOf(gathering, t), interpolation: { escapeValue: false } })}</b>`;
  if (items.length === 0) {
    await ctx.reply(`${header}\n\n${t('gatherings.list_empty')}`);
    return;
  }
  const missing = items.filter((i) => remainingOf(i) > 0).slice(0, MAX_BRING_BUTTONS);
  await ctx.reply({
    kind: 'text',
    text: [
      header,
      '',
      ...listLines(items, t),
      '',
      missingLine(items, t),
      '',
      t('gatherings.list_hint'),
    ].join('\n'),
    choices: missing.map((item) => [
      {
        label: t('gatherings.bring_button', {
          item: item.label,
          interpolation: { escapeValue: false },
        }),
        data: `bring:${item.id}`,
      },
    ]),
  });
}

export async function list(ctx: MessageContext, catalogue: KitCatalogue): Promise<void> {
  const args = ctx.event.command?.args ?? '';
  // Privately, the list can only be printed: the rest happens where everyone sees it.
  if (ctx.chat.kind !== 'group') return printListPrivately(ctx, catalogue, args);
  const scope = scopeOf(ctx);
  const target = await targetGathering(ctx, args, { command: { fr: 'liste', en: 'list' } });
  if (!target) return;
  const { gathering, rest: targetArgs } = target;
  const [word = '', rest = ''] = targetArgs.split(/\s+(.*)/s, 2);
  const words = ctx.deps.i18n.commandWords;
  const verb = words.find('list', word);
  if (targetArgs === '') return showList(ctx, gathering);
  if (words.find('list', targetArgs) === 'print') {
    return printList(ctx, catalogue, ctx.chat, gathering);
  }
  if (verb === 'remove') {
    await requireOrganiser(ctx);
    const item = await itemAt(gathering, rest, ctx.deps);
    await deleteItem(ctx.deps.db, item.id);
    await ctx.reply(ctx.t('gatherings.item_removed', { item: item.label }));
    return refreshSummary(scope, gathering);
  }
  const text = verb === 'add' ? rest : targetArgs;
  const item = await addToList(ctx, gathering, text);
  await ctx.reply({
    kind: 'text',
    text: ctx.t('gatherings.item_added', {
      item: itemWithCount(item.label, item.quantity),
      position: item.position,
      interpolation: { escapeValue: false },
    }),
    choices: [
      [
        {
          label: ctx.t('gatherings.bring_button', {
            item: item.label,
            interpolation: { escapeValue: false },
          }),
          data: `bring:${item.id}`,
        },
      ],
    ],
  });
  await refreshSummary(scope, gathering);
}

export async function addToList(ctx: HandlerContext, gathering: GatheringRow, text: string) {
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  // The list is the group's to read, with who brings what: no health detail on it (an item
  // or its note, "(je suis diabétique)"), whoever adds it.
  if (looksLikeHealthData(text)) throw new UserFacingError('gatherings.no_health_item');
  const input = parseItem(text);
  const items = await findItems(ctx.deps.db, gathering.id);
  if (items.length >= MAX_ITEMS)
    throw new UserFacingError('gatherings.list_full', { max: MAX_ITEMS });
  return addItem(ctx.deps.db, { ...input, gatheringId: gathering.id, addedBy: ctx.person.id });
}

export async function itemAt(gathering: GatheringRow, text: string, deps: Deps): Promise<ItemRow> {
  const position = Number(/^\s*n?°?\s*(\d{1,3})\s*$/.exec(text)?.[1] ?? NaN);
  const item = Number.isInteger(position)
    ? await findItemByPosition(deps.db, gathering.id, position)
    : undefined;
  if (!item) throw new UserFacingError('gatherings.no_such_item');
  return item;
}

export async function claim(
  ctx: HandlerContext,
  gathering: GatheringRow,
  item: ItemRow,
  quantity: number,
) {
  if (gathering.status === 'cancelled') throw new UserFacingError('gatherings.cancelled');
  const { deps, t, person } = ctx;
  const outcome = await claimItem(deps.db, { itemId: item.id, personId: person.id, quantity });
  if (outcome.kind === 'no_item') throw new UserFacingError('gatherings.no_such_item');
  const items = await findItems(deps.db, gathering.id);
  const said =
    outcome.kind === 'claimed'
      ? t('gatherings.claimed', {
          name: escapeHtml(person.displayName),
          item: itemWithCount(item.label, outcome.total),
          interpolation: { escapeValue: false },
        })
      : t('gatherings.already_covered', { name: person.displayName, item: item.label });
  // Nothing changed: a press is answered in its pop-up, for the presser alone.
  if (outcome.kind !== 'claimed' && isPress(ctx)) return ctx.notify(said);
  await ctx.reply(`${said}\n${missingLine(items, t)}`);
  if (outcome.kind === 'claimed') await refreshSummary(scopeOf(ctx), gathering);
}

export async function bring(ctx: MessageContext): Promise<void> {
  const target = await targetGathering(ctx, ctx.event.command?.args ?? '', {
    command: { fr: 'japporte', en: 'bring' },
  });
  if (!target) return;
  const { gathering, rest: args } = target;
  if (args === '') return showList(ctx, gathering);
  const numbered = /^n?°?\s*(\d{1,3})(?:\s+(.*))?$/s.exec(args);
  // "3" or "3 2": item n°3 (two of it). "4 chaises": four chairs, not item n°4.
  if (numbered && !/\p{L}{2}/u.test(numbered[2] ?? '')) {
    const item = await itemAt(gathering, numbered[1] ?? '', ctx.deps);
    return claim(ctx, gathering, item, parseQuantity(numbered[2]));
  }
  // Something on the list by its name ("4 chaises" when chairs are wanted): so many of it.
  const wanted = parseItem(args);
  const listed = (await findItems(ctx.deps.db, gathering.id)).find(
    (i) => plain(i.label) === plain(wanted.label),
  );
  if (listed) return claim(ctx, gathering, listed, wanted.quantity);
  // Something not on the list: it goes on it, brought by this person.
  const item = await addToList(ctx, gathering, args);
  await claim(ctx, gathering, item, item.quantity);
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
    `${t('gatherings.unclaimed', { name: person.displayName, item: item.label })}\n${missingLine(items, t)}`,
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
