// /datefete: the bot's administrators set the year's official date of the fête des voisins.
import { saveOfficialFeteDate } from '../../db/queries/gatherings.ts';
import { findDate, formatDate } from '../calendar/french-dates.ts';
import { UserFacingError } from '../errors.ts';
import type { MessageContext } from '../feature.ts';

export async function officialDate(ctx: MessageContext): Promise<void> {
  if (!ctx.isBotAdmin()) throw new UserFacingError('gatherings.bot_admins_only');
  const args = ctx.event.command?.args.trim() ?? '';
  const year = Number(/^(\d{4})\b/.exec(args)?.[1] ?? NaN);
  if (!Number.isInteger(year)) throw new UserFacingError('gatherings.official_usage');
  const found = findDate(args.slice(4), `${year}-01-01`, {
    allowPast: true,
    locale: ctx.locale,
  });
  if (!found || !found.date.startsWith(String(year))) {
    throw new UserFacingError('gatherings.official_usage');
  }
  await saveOfficialFeteDate(ctx.deps.db, year, found.date);
  await ctx.reply(
    ctx.t('gatherings.official_saved', {
      year,
      date: formatDate(found.date, ctx.locale, 'long'),
    }),
  );
}
