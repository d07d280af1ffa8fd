// A kit given whole in a group is not posted there again for a while: a heat alert offers its
// kit as a choice, and each neighbour who answers "1" would post it again, summary and PDFs,
// until the group drowns in copies (tryout). Once is enough: a later ask gets the kit
// privately when the bot may write to the person, else a pointer to the message above; to
// them alone either way (a pop-up on Telegram, one short line where choices are numbers).
// Remembered in this process only: after a restart, or on another instance, a kit may be
// posted once more, which is all it costs (no table for it).
import { UserFacingError } from '../errors.ts';
import type { ChoiceContext, HandlerContext } from '../feature.ts';
import { formatTime } from '../calendar/format-date.ts';
import { privateLineTo } from '../reach.ts';
import { timeIn } from '../zoned-time.ts';
import { deliverKit, withPlannedGathering, type RenderKitDocument } from './deliver-kit.ts';
import type { KitCatalogue } from './load-kits.ts';

/** How long a kit given whole in a group is not posted there again. */
export const KIT_GIVEN_AGAIN_AFTER_MS = 12 * 3_600_000;
/** Kits remembered as given, at most (the memory is emptied past it). */
const MAX_REMEMBERED = 10_000;

/** When each kit was last given whole in each group. */
export function createGivenKits() {
  const given = new Map<string, number>();
  const keyOf = (ctx: HandlerContext, id: string) => `${ctx.chat.id}:${id}`;
  return {
    /** Gives the whole kit; in a group, remembered (forgotten if giving it failed). */
    async giveWhole(ctx: HandlerContext, id: string, deliver: () => Promise<void>) {
      if (ctx.chat.kind !== 'group') return deliver();
      if (given.size >= MAX_REMEMBERED) given.clear();
      const key = keyOf(ctx, id);
      given.set(key, ctx.now.getTime());
      try {
        await deliver();
      } catch (error) {
        given.delete(key);
        throw error;
      }
    },
    /** When the kit was given whole in this group, if within KIT_GIVEN_AGAIN_AFTER_MS. */
    givenLately(ctx: HandlerContext, id: string): Date | undefined {
      if (ctx.chat.kind !== 'group') return undefined;
      const at = given.get(keyOf(ctx, id));
      return at !== undefined && ctx.now.getTime() - at < KIT_GIVEN_AGAIN_AFTER_MS
        ? new Date(at)
        : undefined;
    },
  };
}

/** A kit asked for again in a group where it was given `at`: see the header. */
export async function giveAgain(
  ctx: ChoiceContext,
  options: { catalogue: KitCatalogue; render: RenderKitDocument; id: string; at: Date },
): Promise<void> {
  const { deps, person, t } = ctx;
  const { catalogue, render, id, at } = options;
  const title = catalogue.get(id, ctx.locale).title;
  const line = await privateLineTo(deps, person.id);
  if (line && line.messenger.platform === ctx.messenger.platform) {
    // The documents stay the group's (its name, its city's lines), in the person's words.
    const privately: HandlerContext = {
      ...ctx,
      locale: line.locale,
      t: line.t,
      reply: (message) =>
        line.messenger.send(
          line.chatId,
          typeof message === 'string' ? { kind: 'text', text: message } : message,
        ),
    };
    try {
      await deliverKit(privately, {
        catalogue,
        render,
        id,
        details: await withPlannedGathering(ctx, id, {}),
      });
      await ctx.notify(t('kits.given_privately', { title }));
      return;
    } catch (error) {
      // Blocked, or the platform refused: the pointer says where it is all the same.
      if (error instanceof UserFacingError) throw error;
      deps.logger.warn({ err: error, kit: id }, 'kit not given privately: pointed to above');
    }
  }
  await ctx.notify(
    t('kits.given_above', {
      title,
      time: formatTime(timeIn(at, ctx.chat.timezone), ctx.locale),
      id,
    }),
  );
}
