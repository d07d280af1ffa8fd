// Distress comes first: whatever a person writes to the bot that says they feel unwell, fell,
// cannot breathe, call for help, or that someone else does (understanding/distress.ts) is
// answered at once, in the chat it came from, with the emergency numbers, before anything
// else and without waiting for any choice; in the language it was written in first (a
// neighbour who wrote in Turkish may not read the group's French), then the chat's. The bot
// is not an emergency service and says so. A command then goes on (router.ts).
// Then, only if the person says yes, the organisers and referents of their group are told
// privately that a neighbour asked for help: their name and group, nothing of what they
// wrote. The message itself is never stored (the inbox keeps it without its text) or logged.
import type { ChatRow } from '../db/queries/chats.ts';
import { findActiveReferents } from '../db/queries/watch.ts';
import { findGroupsOf, groupNamed } from './access.ts';
import type { Choice } from './events.ts';
import type { ChoiceContext, Feature, HandlerContext, MessageContext } from './feature.ts';
import { secondLanguageOf } from './group-languages.ts';
import { isLocale, type Locale } from './i18n.ts';
import { defineChoice } from './feature.ts';
import { offerLanguageNow, SAFETY_CHOICE_PREFIX } from './safety-offer.ts';
import { groupInSentence, groupOf, sendPrivately } from './reach.ts';
import type { Distress } from './understanding/distress.ts';
import { ARABIZI } from './understanding/languages/index.ts';
import { organisersOf } from './watch/rounds.ts';

const NUMBERS: Record<Distress, string> = {
  self: 'safety.numbers_for_self',
  other: 'safety.numbers_for_someone',
  suicide: 'safety.numbers_for_suicide',
  fire: 'safety.numbers_for_fire',
};

/** Groups offered to be told, at most (one button each). */
const MAX_GROUPS = 4;

/**
 * The languages a distress answer is given in, the numbers first in each: the one the person
 * wrote in (they may not read the chat's), then the chat's, then a group's second language
 * (group-languages.ts). In a private chat, the written one alone: the chat is theirs.
 * `written`: the languages whose words said it (DistressReading); none known, the chat's.
 */
function answerLanguages(ctx: HandlerContext, written: readonly string[]): Locale[] {
  const { available } = ctx.deps.i18n;
  const spoken = written.filter((l): l is Locale => isLocale(l) && available.includes(l));
  // Words the chat's language has too ("urgence" is French and English): the chat's.
  const theirs = spoken.includes(ctx.locale) ? ctx.locale : (spoken[0] ?? ctx.locale);
  if (ctx.chat.kind === 'private') return [theirs];
  const second = secondLanguageOf(ctx.deps, ctx.chat);
  return [...new Set([theirs, ctx.locale, ...(second ? [second] : [])])];
}

/** The short line of numbers, per distress ("over": said as something past). */
const SHORT: Record<Distress | 'over', string> = {
  self: 'safety.numbers_short',
  other: 'safety.numbers_short',
  suicide: 'safety.numbers_short_suicide',
  fire: 'safety.numbers_short_fire',
  over: 'safety.numbers_short',
};

/**
 * The answer's text: in each of its languages, and when the words were Arabic in Latin
 * letters (whose writer may read French or Arabic: the language cannot be told), one short
 * line of numbers in Arabic under it, unless Arabic is already there.
 */
function answerText(
  ctx: HandlerContext,
  locales: Locale[],
  key: string,
  written: readonly string[],
  short: string,
): string {
  const text = inEach(ctx, locales, key);
  const { available } = ctx.deps.i18n;
  if (!written.includes(ARABIZI) || locales.includes('ar') || !available.includes('ar')) {
    return text;
  }
  return `${text}\n\n— ${ctx.deps.i18n.t('ar')(short)}`;
}

/** The same text in each language, one under the other, as group-languages.ts repeats. */
function inEach(ctx: HandlerContext, locales: Locale[], key: string): string {
  return locales.map((locale) => ctx.deps.i18n.t(locale)(key)).join('\n\n— ');
}

/**
 * The numbers, then the offer to tell the group: in the chat where the person wrote, in the
 * language they wrote in (and the chat's).
 */
export async function answerDistress(
  ctx: MessageContext,
  distress: Distress,
  written: readonly string[] = [],
): Promise<void> {
  const locales = answerLanguages(ctx, written);
  const theirs = locales[0] ?? ctx.locale;
  // The offer's buttons are the writer's to press: in their language.
  const t = ctx.deps.i18n.t(theirs);
  // Ahead of every ordinary answer, whatever the platform's queue holds.
  const messenger = ctx.messenger.urgent?.() ?? ctx.messenger;
  const numbers = answerText(ctx, locales, NUMBERS[distress], written, SHORT[distress]);
  await messenger.send(ctx.event.chat.id, { kind: 'text', text: numbers });
  ctx.deps.logger.info(
    { platform: ctx.chat.platform, chat: ctx.chat.externalId, eventId: ctx.event.id, distress },
    'distress answered',
  );
  const groups =
    ctx.chat.kind === 'group'
      ? [{ id: ctx.chat.id, name: ctx.chat.name ?? ctx.chat.title ?? '' }]
      : (await findGroupsOf(ctx)).slice(0, MAX_GROUPS);
  if (groups.length === 0) return;
  // Someone else in trouble: the group is told who reported it, so that they can ask where.
  const about = distress === 'other' || distress === 'fire' ? 'other' : 'self';
  const choices: Choice[][] = groups.map((group) => [
    {
      label:
        groups.length === 1
          ? t('safety.tell_yes')
          : t('safety.tell_group', groupInSentence(group.name.slice(0, 40))),
      // The language the answer to the press is said in, and the chat's then (a private chat
      // switched since is answered in its new language: offerLanguageNow).
      data: `${SAFETY_CHOICE_PREFIX}:${group.id}:${about}:${theirs}:${ctx.locale}`,
    },
  ]);
  await messenger.send(ctx.event.chat.id, {
    kind: 'text',
    text: inEach(
      ctx,
      locales,
      about === 'other'
        ? 'safety.offer_someone'
        : ctx.chat.kind === 'group'
          ? 'safety.offer_group'
          : 'safety.offer_private',
    ),
    choices,
    // Theirs alone to answer, once; where choices are numbered, "oui" answers it too. The
    // line that says how to answer by number is theirs too, in their language.
    audience: ctx.event.sender.id,
    once: true,
    language: theirs,
  });
}

/**
 * Someone tells of being unwell as something over ("j'ai eu un malaise, ça va mieux"): no
 * alarm and no offer to tell the group, but the numbers come first all the same, for next time.
 */
export async function answerDistressOver(
  ctx: MessageContext,
  written: readonly string[] = [],
): Promise<void> {
  const messenger = ctx.messenger.urgent?.() ?? ctx.messenger;
  await messenger.send(ctx.event.chat.id, {
    kind: 'text',
    text: answerText(
      ctx,
      answerLanguages(ctx, written),
      'safety.numbers_if_again',
      written,
      SHORT.over,
    ),
  });
}

/** The person said yes: their group's organisers and referents are told, privately. */
async function tellGroup(ctx: ChoiceContext, group: ChatRow, rest: string): Promise<void> {
  const [, aboutWord] = rest.split(':');
  const about = aboutWord === 'other' ? 'other' : 'self';
  // Said in the language the offer was made in, or the private chat's if it changed since.
  const t = ctx.deps.i18n.t(
    offerLanguageNow(ctx.deps, `${SAFETY_CHOICE_PREFIX}:${rest}`, ctx.chat),
  );
  const { deps, person } = ctx;
  const recipients = new Set<number>(await organisersOf(deps, group.id));
  for (const { referent } of await findActiveReferents(deps.db, group.id)) {
    recipients.add(referent.personId);
  }
  recipients.delete(person.id);
  let told = 0;
  for (const recipient of recipients) {
    const sent = await sendPrivately(deps, recipient, (t) =>
      t(about === 'other' ? 'safety.alert_someone' : 'safety.alert', {
        name: person.displayName,
        ...groupOf(group),
      }),
    );
    if (sent) told++;
  }
  deps.logger.info({ chatId: group.id, told }, 'distress: group told');
  // Never claim anyone was told when nobody could be reached.
  await ctx.notify(told > 0 ? t('safety.told', { count: told }) : t('safety.told_nobody'));
}

export function createSafetyFeature(): Feature {
  return {
    name: 'safety',
    choices: [
      // Anyone in the group may ask for themselves: the alert names the presser, never the
      // person who wrote (who may be someone else), and says nothing of what was written.
      defineChoice({
        prefix: SAFETY_CHOICE_PREFIX,
        where: 'any',
        // `<group>:self` or `<group>:other` (someone else is in trouble), then the language
        // the offer was made in.
        reaches: (ctx, rest) => groupNamed(ctx.deps, rest.split(':')[0] ?? ''),
        run: (ctx, group, rest) => tellGroup(ctx, group, rest),
      }),
    ],
  };
}
