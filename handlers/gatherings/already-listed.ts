// An item added to the "who brings what" list that is there already (the same words, see
// itemKey): said so, with who brings it and how to bring what is still missing.
import { findItems, type GatheringRow, type ItemRow } from '../../db/queries/gatherings.ts';
import { escapeHtml } from '../events.ts';
import type { HandlerContext } from '../feature.ts';
import { itemWithCount, remainingOf } from './items.ts';

/** "C'est déjà sur la liste : n°1 chaises ×3", who brings it, and how to bring what is missing. */
export async function sayAlreadyListed(
  ctx: HandlerContext,
  gathering: GatheringRow,
  item: ItemRow,
) {
  const { t } = ctx;
  const listed = (await findItems(ctx.deps.db, gathering.id)).find((i) => i.id === item.id);
  const claims = listed?.claims ?? [];
  const remaining = listed ? remainingOf(listed) : item.quantity;
  const lines = [
    t('gatherings.item_already_listed', {
      item: itemWithCount(item.label, item.quantity),
      position: item.position,
      interpolation: { escapeValue: false },
    }),
  ];
  if (claims.length > 0) {
    lines.push(
      t('gatherings.item_brought_by', {
        names: claims.map((c) => escapeHtml(c.displayName)).join(', '),
        count: claims.length,
        interpolation: { escapeValue: false },
      }),
    );
  }
  if (remaining > 0) {
    lines.push(t('gatherings.item_still_wanted', { count: remaining, position: item.position }));
  }
  await ctx.reply({
    kind: 'text',
    text: lines.join('\n'),
    ...(remaining > 0
      ? {
          choices: [
            [
              {
                label: t('gatherings.bring_button', {
                  item: item.label,
                  interpolation: { escapeValue: false },
                }),
                data: `bring:${item.id}`,
                number: item.position,
              },
            ],
          ],
        }
      : {}),
  });
}
