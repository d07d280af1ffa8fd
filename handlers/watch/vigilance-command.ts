// /vigilance: the levels of the group's département, or (the bot's administrators and the
// partner cities' accounts) a level declared by hand.
import { findCcasCommunesOfPerson } from '../../db/queries/partners.ts';
import { findVigilance } from '../../db/queries/watch.ts';
import { toDepartementOfInsee } from '../groups/departements.ts';
import { UserFacingError } from '../errors.ts';
import type { MessageContext } from '../feature.ts';
import { isDepartement, type Hazard } from './season.ts';
import { applyVigilance } from './vigilance.ts';

export async function vigilance(ctx: MessageContext): Promise<void> {
  const words = (ctx.event.command?.args ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return showVigilance(ctx);
  const [dep = '', hazardWord = '', levelWord = ''] = words;
  const departement = dep.toUpperCase().padStart(2, '0');
  const accounts = ctx.deps.config.vigilanceAccounts;
  const sender = 'sender' in ctx.event ? ctx.event.sender.id : '';
  // The association, the accounts of VIGILANCE_ACCOUNTS, and the CCAS staff of a partner city
  // with a commune in the département (recorded in the database, see the console).
  const allowed =
    ctx.isBotAdmin() ||
    (accounts[`${ctx.chat.platform}:${sender}`] ?? []).includes(departement) ||
    (await findCcasCommunesOfPerson(ctx.deps.db, ctx.person.id)).some(
      (insee) => toDepartementOfInsee(insee) === departement,
    );
  if (!allowed) throw new UserFacingError('watch.vigilance_not_allowed');
  if (!isDepartement(departement))
    throw new UserFacingError('watch.unknown_departement', { departement: dep.slice(0, 10) });
  const hazard = ctx.deps.i18n.commandWords.find('hazard', hazardWord);
  const level = ctx.deps.i18n.commandWords.find('level', levelWord);
  if (!hazard || !level || words.length > 3) throw new UserFacingError('watch.vigilance_usage');
  const { changed, previous } = await applyVigilance(
    ctx.deps,
    { departement, hazard, level },
    `${ctx.chat.platform}:${sender}`,
    ctx.now,
  );
  await ctx.reply(
    changed
      ? ctx.t('watch.vigilance_set', {
          departement,
          hazard: ctx.t(`watch.hazards.${hazard}`),
          level: ctx.t(`watch.levels.${level}`),
          previous: ctx.t(`watch.levels.${previous ?? 'green'}`),
        })
      : ctx.t('watch.vigilance_unchanged', {
          departement,
          level: ctx.t(`watch.levels.${level}`),
        }),
  );
}

async function showVigilance(ctx: MessageContext): Promise<void> {
  if (!ctx.chat.departement) throw new UserFacingError('watch.no_departement');
  const rows = await findVigilance(ctx.deps.db, ctx.chat.departement);
  const level = (hazard: Hazard) => rows.find((r) => r.hazard === hazard)?.level ?? 'green';
  await ctx.reply(
    ctx.t('watch.vigilance_now', {
      departement: ctx.chat.departement,
      heat: ctx.t(`watch.levels.${level('heat')}`),
      cold: ctx.t(`watch.levels.${level('cold')}`),
    }),
  );
}
