// /vigilance: the levels of the group's département, or (the bot's administrators and the
// partner cities' accounts) a level declared by hand. A level declared by hand out of its
// season (a canicule in December in mainland France, a grand froid in July, or overseas) is
// asked again before it goes out: more often a slip (the wrong word, the wrong département)
// than weather. It is never refused: seasons differ, some years more than others.
import { findCcasCommunesOfPerson } from '../../db/queries/partners.ts';
import { findVigilance } from '../../db/queries/watch.ts';
import { formatDayMonthYear } from '../calendar/format-date.ts';
import { toDepartementOfInsee, toDepartementTimezone } from '../groups/departements.ts';
import { UserFacingError } from '../errors.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import { monthIn, todayIn } from '../zoned-time.ts';
import { hazards, isDepartement, levelRank, levels, type Hazard, type Level } from './season.ts';
import { applyVigilance } from './vigilance.ts';

/** Months (1–12) a hazard's alert is unusual in, in mainland France. */
const UNUSUAL_MONTHS: Record<Hazard, number[]> = {
  heat: [11, 12, 1, 2, 3],
  cold: [5, 6, 7, 8, 9],
};

export async function vigilance(ctx: MessageContext): Promise<void> {
  const words = (ctx.event.command?.args ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return showVigilance(ctx);
  const [dep = '', hazardWord = '', levelWord = ''] = words;
  const departement = dep.toUpperCase().padStart(2, '0');
  if (!(await mayDeclare(ctx, departement))) {
    throw new UserFacingError('watch.vigilance_not_allowed');
  }
  if (!isDepartement(departement))
    throw new UserFacingError('watch.unknown_departement', { departement: dep.slice(0, 10) });
  const hazard = ctx.deps.i18n.commandWords.find('hazard', hazardWord);
  const level = ctx.deps.i18n.commandWords.find('level', levelWord);
  if (!hazard || !level || words.length > 3) throw new UserFacingError('watch.vigilance_usage');
  if (level !== 'green' && isUnusual(departement, hazard, ctx.now)) {
    return askToConfirm(ctx, departement, hazard, level);
  }
  await declare(ctx, departement, hazard, level);
}

/**
 * The association, the accounts of VIGILANCE_ACCOUNTS, and the CCAS staff of a partner city
 * with a commune in the département (recorded in the database, see the console).
 */
async function mayDeclare(ctx: HandlerContext, departement: string): Promise<boolean> {
  const accounts = ctx.deps.config.vigilanceAccounts;
  const sender = 'sender' in ctx.event ? ctx.event.sender.id : '';
  return (
    ctx.isBotAdmin() ||
    (accounts[`${ctx.chat.platform}:${sender}`] ?? []).includes(departement) ||
    (await findCcasCommunesOfPerson(ctx.deps.db, ctx.person.id)).some(
      (insee) => toDepartementOfInsee(insee) === departement,
    )
  );
}

/**
 * Mainland départements (two characters: 01–95, 2A, 2B) by month; overseas (971–978, all
 * tropical) heat is never unusual there, and a grand froid always is.
 */
function isUnusual(departement: string, hazard: Hazard, now: Date): boolean {
  if (departement.length !== 2) return hazard === 'cold';
  const month = monthIn(now, toDepartementTimezone(departement) ?? 'Europe/Paris');
  return UNUSUAL_MONTHS[hazard].includes(month);
}

async function askToConfirm(
  ctx: MessageContext,
  departement: string,
  hazard: Hazard,
  level: Level,
): Promise<void> {
  const { t } = ctx;
  const timezone = toDepartementTimezone(departement) ?? 'Europe/Paris';
  const other = hazard === 'heat' ? 'cold' : 'heat';
  const otherLevel = (await findVigilance(ctx.deps.db, departement)).find(
    (r) => r.hazard === other,
  )?.level;
  const named = {
    departement,
    hazard: t(`watch.hazards.${hazard}`),
    level: t(`watch.levels.${level}`),
  };
  await ctx.reply({
    kind: 'text',
    text: [
      t(`watch.vigilance_unusual_${hazard}`, {
        ...named,
        date: formatDayMonthYear(todayIn(ctx.now, timezone), ctx.locale),
      }),
      ...(otherLevel && levelRank(otherLevel) > levelRank('green')
        ? [
            t('watch.vigilance_other_on', {
              departement,
              hazard: t(`watch.hazards.${other}`),
              level: t(`watch.levels.${otherLevel}`),
            }),
          ]
        : []),
      t('watch.vigilance_confirm_question'),
    ].join('\n\n'),
    choices: [
      [
        {
          label: t('watch.vigilance_confirm_button', named),
          data: `watch:vigok:${departement}:${hazard}:${level}`,
        },
      ],
      [{ label: t('watch.vigilance_cancel_button'), data: 'watch:vigno' }],
    ],
    // The declarer's question alone, answered once.
    audience: ctx.event.sender.id,
    once: true,
  });
}

/**
 * `watch:vigok:<département>:<hazard>:<level>`: untrusted, so read strictly and checked as
 * the command is (whoever presses must be allowed to declare it).
 */
export async function confirmVigilance(ctx: ChoiceContext, rest: string): Promise<void> {
  const [departement = '', hazard = '', level = '', ...extra] = rest.split(':');
  if (
    extra.length > 0 ||
    !isDepartement(departement) ||
    !(hazards as readonly string[]).includes(hazard) ||
    !(levels as readonly string[]).includes(level)
  ) {
    throw new UserFacingError('router.stale_choice');
  }
  if (!(await mayDeclare(ctx, departement))) {
    throw new UserFacingError('watch.vigilance_not_allowed');
  }
  await declare(ctx, departement, hazard as Hazard, level as Level);
}

async function declare(
  ctx: HandlerContext,
  departement: string,
  hazard: Hazard,
  level: Level,
): Promise<void> {
  const sender = 'sender' in ctx.event ? ctx.event.sender.id : '';
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
