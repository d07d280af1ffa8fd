// /referent: a neighbour offers to be a building referent and an admin confirms (an admin
// is one at once), a backup is named, a referent steps down; a referent who leaves the
// group hands their neighbours on.
import {
  countWatchedBy,
  findActiveReferents,
  findReferent,
  findReferentGroups,
  findReferentIn,
  handOverWatched,
  saveReferent,
  updateReferent,
  type ReferentRow,
} from '../../db/queries/watch.ts';
import { findPerson } from '../../db/queries/people.ts';
import type { Deps } from '../deps.ts';
import { UserFacingError } from '../errors.ts';
import type {
  ChoiceContext,
  HandlerContext,
  MembershipContext,
  MessageContext,
} from '../feature.ts';
import { rowNamed } from '../access.ts';
import { requireRowId } from '../plain-words.ts';
import type { Handover } from '../privacy/registry.ts';
import { groupInSentence, sendPrivately } from '../reach.ts';
import { organisersOf } from './rounds.ts';

export async function referent(ctx: MessageContext): Promise<void> {
  const action = ctx.deps.i18n.commandWords.find('referent', ctx.event.command?.args ?? '');
  if (action === 'backup') return chooseBackup(ctx);
  if (action === 'stop') return stepDown(ctx);
  if (ctx.chat.kind !== 'group') throw new UserFacingError('watch.referent_in_group');
  const existing = await findReferentIn(ctx.deps.db, ctx.chat.id, ctx.person.id);
  if (existing?.status === 'active') throw new UserFacingError('watch.already_referent');
  if (existing?.status === 'pending') throw new UserFacingError('watch.referent_pending');
  if (await ctx.isOrganiser()) {
    await saveReferent(ctx.deps.db, {
      chatId: ctx.chat.id,
      personId: ctx.person.id,
      status: 'active',
    });
    await ctx.reply(ctx.t('watch.referent_active', { name: ctx.person.displayName }));
    return;
  }
  const row = await saveReferent(ctx.deps.db, {
    chatId: ctx.chat.id,
    personId: ctx.person.id,
    status: 'pending',
  });
  await ctx.reply({
    kind: 'text',
    text: ctx.t('watch.referent_proposed', { name: ctx.person.displayName }),
    // Approved once, by an organiser.
    once: true,
    choices: [[{ label: ctx.t('watch.approve_button'), data: `watch:approve:${row.id}` }]],
  });
}

/** A referent row named by the data, with its group. */
export const referentGuard = {
  reaches: (ctx: HandlerContext, rest: string) => rowNamed(ctx.deps, rest, findReferent),
};

export async function approve(ctx: ChoiceContext, row: ReferentRow): Promise<void> {
  const active = await updateReferent(ctx.deps.db, row.id, { status: 'active' }, ['pending']);
  if (!active) throw new UserFacingError('watch.already_decided');
  const person = await findPerson(ctx.deps.db, active.personId);
  await ctx.reply(ctx.t('watch.referent_active', { name: person?.displayName ?? '' }));
}

async function activeReferentGroups(ctx: HandlerContext) {
  const groups = await findReferentGroups(ctx.deps.db, ctx.person.id);
  if (ctx.chat.kind === 'group') return groups.filter((g) => g.referent.chatId === ctx.chat.id);
  return groups;
}

async function chooseBackup(ctx: MessageContext): Promise<void> {
  const [mine] = await activeReferentGroups(ctx);
  if (!mine) throw new UserFacingError('watch.not_referent');
  const others = (await findActiveReferents(ctx.deps.db, mine.referent.chatId)).filter(
    (r) => r.referent.personId !== ctx.person.id,
  );
  if (others.length === 0) throw new UserFacingError('watch.no_other_referent');
  await ctx.reply({
    kind: 'text',
    text: ctx.t('watch.choose_backup'),
    choices: others.map((o) => [
      {
        label: o.displayName,
        data: `watch:backup:${mine.referent.id}:${o.referent.personId}`,
      },
    ]),
  });
}

/** `watch:backup:<own referent row>:<person>`: the backup is an active referent there. */
export async function setBackup(ctx: ChoiceContext, row: ReferentRow, rest: string) {
  if (row.personId !== ctx.person.id || row.status !== 'active') {
    throw new UserFacingError('router.stale_choice');
  }
  const personId = requireRowId(rest.split(':')[1] ?? '');
  const backup = await findReferentIn(ctx.deps.db, row.chatId, personId);
  if (backup?.status !== 'active') throw new UserFacingError('router.stale_choice');
  await updateReferent(ctx.deps.db, row.id, { backupPersonId: backup.personId });
  await ctx.reply(ctx.t('watch.backup_set'));
}

/** For /oublier: what a referent watches over, and whether they have a backup to take it. */
export const referentHandover: Required<Handover> = {
  async describe(deps, personId, t) {
    const lines: string[] = [];
    let backup = false;
    for (const { referent, name } of await findReferentGroups(deps.db, personId)) {
      const count = await countWatchedBy(deps.db, referent.chatId, personId);
      if (count === 0) continue;
      const mate = referent.backupPersonId
        ? await findReferentIn(deps.db, referent.chatId, referent.backupPersonId)
        : undefined;
      const named =
        mate?.status === 'active' ? await findPerson(deps.db, mate.personId) : undefined;
      if (named) backup = true;
      lines.push(
        t(named ? 'watch.forget_watching_backup' : 'watch.forget_watching', {
          count,
          ...groupInSentence(name),
          backup: named?.displayName ?? '',
        }),
      );
    }
    return { lines, backup };
  },
  async run(deps, personId, toBackup) {
    for (const { referent } of await findReferentGroups(deps.db, personId)) {
      await leaveRole(deps, referent, toBackup);
    }
  },
};

async function stepDown(ctx: MessageContext): Promise<void> {
  const groups = await activeReferentGroups(ctx);
  if (groups.length === 0) throw new UserFacingError('watch.not_referent');
  for (const { referent: row } of groups) await leaveRole(ctx.deps, row);
  await ctx.reply(ctx.t('watch.stepped_down'));
}

/**
 * A referent who steps down, leaves or erases themselves hands their neighbours on (to their
 * backup, unless `toBackup` is false, else to the organisers); the organisers are told.
 */
export async function leaveRole(deps: Deps, row: ReferentRow, toBackup = true): Promise<void> {
  await updateReferent(deps.db, row.id, { status: 'removed' });
  const backup =
    toBackup && row.backupPersonId
      ? await findReferentIn(deps.db, row.chatId, row.backupPersonId)
      : undefined;
  const to = backup?.status === 'active' ? backup.personId : null;
  const moved = await handOverWatched(deps.db, row.chatId, row.personId, to);
  if (moved === 0) return;
  if (to !== null) {
    await sendPrivately(deps, to, (t) => t('watch.handed_to_you', { count: moved }));
  }
  for (const organiser of await organisersOf(deps, row.chatId)) {
    await sendPrivately(deps, organiser, (t) =>
      t(to !== null ? 'watch.handed_to_backup' : 'watch.handed_to_organisers', { count: moved }),
    );
  }
}

export async function onMembership(ctx: MembershipContext): Promise<void> {
  if (ctx.event.type !== 'member_left' || !ctx.person) return;
  const row = await findReferentIn(ctx.deps.db, ctx.chat.id, ctx.person.id);
  if (row && row.status !== 'removed') await leaveRole(ctx.deps, row);
}
