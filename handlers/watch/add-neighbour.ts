// /veiller: a referent adds, privately and step by step, a neighbour to check on (a name, a
// door, how to reach them, an optional emergency contact; never health), then records whose
// consent it is.
import { savePendingAnswer, takePendingAnswer } from '../../db/queries/pending-answers.ts';
import { createWatched, findReferentGroups, findReferentIn } from '../../db/queries/watch.ts';
import { requireMembership } from '../access.ts';
import { UserFacingError } from '../errors.ts';
import type { HandlerContext, MessageContext } from '../feature.ts';
import { requireGroupChat } from '../reach.ts';
import { todayIn } from '../zoned-time.ts';
import { seasonEnd } from './season.ts';
import { looksLikeHealthData } from '../health-words.ts';
import { listWatched, renew } from './roster.ts';
import type { KitCatalogue } from '../kits/load-kits.ts';
import { sendRelayCards } from './relay-card.ts';
import { answerRegistryAddress } from './registry-request.ts';
import { offerWishPrivately, wishOffer } from './wish.ts';
import { replyPrivately } from '../private-chat.ts';

const ANSWER_TTL_MS = 30 * 60_000;
const LIMITS = { name: 40, location: 40, reach: 80, contact: 80 } as const;

type Step = 'name' | 'location' | 'reach' | 'contact';
const NEXT: Record<Step, Step | undefined> = {
  name: 'location',
  location: 'reach',
  reach: 'contact',
  contact: undefined,
};

export async function watch(ctx: MessageContext, catalogue: KitCatalogue): Promise<void> {
  const args = (ctx.event.command?.args ?? '').trim();
  const action = ctx.deps.i18n.commandWords.find('watch', args);
  // The relay card has its own refusal: it is asked for by people who are not referents yet.
  if (action === 'card') return sendRelayCards(ctx, catalogue);
  if (ctx.chat.kind === 'group') {
    // Nothing about a neighbour is kept from a group message, health least of all.
    if (looksLikeHealthData(args)) throw new UserFacingError('watch.no_health_group');
    const mine = await findReferentIn(ctx.deps.db, ctx.chat.id, ctx.person.id);
    if (mine?.status === 'active' || args !== '') throw new UserFacingError('watch.privately');
    // A neighbour asking to be checked on themselves: asked privately, named nowhere here.
    const group = { id: ctx.chat.id, name: ctx.chat.name ?? ctx.chat.title ?? '' };
    return replyPrivately(ctx, `watchme-${ctx.chat.id}`, (t) =>
      Promise.resolve([wishOffer(t, [group])]),
    );
  }
  const groups = await findReferentGroups(ctx.deps.db, ctx.person.id);
  if (groups.length === 0) {
    if (action === 'list' || action === 'renew') throw new UserFacingError('watch.not_referent');
    return offerWishPrivately(ctx);
  }
  if (action === 'list') return listWatched(ctx);
  if (action === 'renew') return renew(ctx);
  if (groups.length > 1) {
    await ctx.reply({
      kind: 'text',
      text: ctx.t('watch.which_group'),
      choices: groups.map((g) => [
        { label: g.name || '?', data: `watch:group:${g.referent.chatId}` },
      ]),
    });
    return;
  }
  await startAdding(ctx, groups[0]!.referent.chatId);
}

export async function startAdding(ctx: HandlerContext, chatId: number): Promise<void> {
  await ctx.reply(ctx.t('watch.add_intro'));
  await ask(ctx, 'name', { chatId });
}

async function ask(ctx: HandlerContext, step: Step, data: Record<string, unknown>): Promise<void> {
  await savePendingAnswer(ctx.deps.db, {
    chatId: ctx.chat.id,
    personId: ctx.person.id,
    kind: `watch_${step}`,
    data,
    expiresAt: new Date(ctx.now.getTime() + ANSWER_TTL_MS),
  });
  await ctx.reply(
    step === 'contact'
      ? {
          kind: 'text',
          text: ctx.t('watch.ask_contact'),
          choices: [[{ label: ctx.t('watch.no_contact_button'), data: 'watch:nocontact' }]],
        }
      : ctx.t(`watch.ask_${step}`),
  );
}

export async function answerStep(
  ctx: HandlerContext,
  step: Step,
  data: Record<string, unknown>,
  text: string | null,
) {
  const value = text?.replace(/\s+/g, ' ').trim() ?? null;
  if (value !== null) {
    if (looksLikeHealthData(value)) {
      // How to reach them is what the referent needs to know: said without the why.
      await ctx.reply(ctx.t(step === 'reach' ? 'watch.no_health_reach' : 'watch.no_health'));
      return ask(ctx, step, data);
    }
    if (value === '' || value.length > LIMITS[step]) {
      await ctx.reply(ctx.t('watch.too_long', { max: LIMITS[step] }));
      return ask(ctx, step, data);
    }
  }
  const collected = { ...data, [step]: value };
  const next = NEXT[step];
  if (next) return ask(ctx, next, collected);
  const chat = await requireGroupChat(ctx.deps, Number(collected.chatId));
  // The steps take a few minutes: the referent may have left the group meanwhile.
  await requireMembership(ctx, chat, 'answer');
  const mine = await findReferentIn(ctx.deps.db, chat.id, ctx.person.id);
  if (mine?.status !== 'active') throw new UserFacingError('watch.not_referent');
  const watched = await createWatched(ctx.deps.db, {
    chatId: chat.id,
    referentPersonId: ctx.person.id,
    name: String(collected.name),
    location: (collected.location as string | null) ?? null,
    reach: (collected.reach as string | null) ?? null,
    emergencyContact: (collected.contact as string | null) ?? null,
    status: 'pending_consent',
    expiresOn: seasonEnd(todayIn(ctx.now, chat.timezone)),
  });
  await ctx.reply({
    kind: 'text',
    text: ctx.t('watch.ask_consent', { name: watched.name }),
    choices: [
      [{ label: ctx.t('watch.consent_self_button'), data: `watch:selfconsent:${watched.id}` }],
      [{ label: ctx.t('watch.consent_referent_button'), data: `watch:refconsent:${watched.id}` }],
      [{ label: ctx.t('watch.cancel_button'), data: `watch:remove:${watched.id}` }],
    ],
  });
}

export async function onText(ctx: MessageContext): Promise<boolean> {
  if (ctx.chat.kind !== 'private') return false;
  const pending = await takePendingAnswer(ctx.deps.db, ctx.chat.id, ctx.now, 'watch_');
  if (pending?.kind === 'watch_regaddress' && pending.personId === ctx.person.id) {
    await answerRegistryAddress(ctx, pending.data, ctx.event.text);
    return true;
  }
  const step = pending?.kind.slice('watch_'.length) as Step | undefined;
  if (!pending || !step || !(step in NEXT) || pending.personId !== ctx.person.id) return false;
  await answerStep(ctx, step, pending.data, ctx.event.text);
  return true;
}
