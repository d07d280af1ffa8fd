// "Which list do you answer?": when a bare number could answer several open lists of a
// group and none is clearly the one meant (numbered-choices.ts), the bot asks the person, by
// a short numbered question naming each list ("Vous avez répondu « 3 ». À quelle liste ?
// 1. la liste « qui apporte quoi » de « Galette » 2. le sondage de date de « Fête des
// voisins 2027 »"), then applies the number first typed to the list chosen. Quoting a list
// still works, but it is hard for some (tryout: a neighbour of 75). The question is put to
// that person alone; its choice data (`menu:<menu id>:<numbers>`) is untrusted: the list it
// names must still wait for an answer in the chat the choice came from, and the person may
// do no more through it than by typing the number there themselves (the choice the number
// leads to is checked as any other).
// Lists are named by the features that show them (ChoiceSpec.listName, Feature.pollName), a
// question put to this person said as theirs; a list no feature names is named by its time.
import type { NumberedPrompt } from '../db/queries/numbered-prompts.ts';
import { formatTime } from './calendar/format-date.ts';
import type { Deps } from './deps.ts';
import type { OutboundMessage } from './events.ts';
import type { ChoiceSpec, Feature, HandlerContext } from './feature.ts';
import { isPickQuestion, MENU_PICK_PREFIX } from './numbered-answer.ts';
import { isSafetyQuestion } from './safety-offer.ts';
import { timeIn } from './zoned-time.ts';

/**
 * Lists offered at most in one question (more are rare): the date polls first (a date poll is
 * the list a group most needs answered, and fell off the end behind bring lists: tryout),
 * then the others newest first.
 */
const MAX_LISTS = 6;

interface ChoiceTable {
  match(data: string): { spec: ChoiceSpec; rest: string } | undefined;
}

/** The chat's menus as the person asking reads them. */
export interface ListNamer {
  /** The menu's name, plain text; said as theirs (`yours`, the default) when it is. */
  name(ctx: HandlerContext, prompt: NumberedPrompt, options?: { yours?: boolean }): Promise<string>;
  /** Whether its list is over (a cancelled or past gathering's): never offered. */
  isOver(ctx: HandlerContext, prompt: NumberedPrompt): Promise<boolean>;
  /** The command that asks the question again, when its feature says one. */
  askAgain(ctx: HandlerContext, prompt: NumberedPrompt): Promise<string | undefined>;
}

/** Names a chat's menu as the person asking reads it (plain text). */
export function createListNamer(deps: Deps, choices: ChoiceTable, features: Feature[]): ListNamer {
  async function nameOf(ctx: HandlerContext, prompt: NumberedPrompt): Promise<string | undefined> {
    if (isPickQuestion(prompt)) return ctx.t('router.menu_name_pick');
    if (isSafetyQuestion(prompt)) return ctx.t('safety.list_name');
    if (prompt.kind === 'poll') {
      for (const feature of features) {
        const name = prompt.pollId ? await feature.pollName?.(ctx, prompt.pollId) : undefined;
        if (name) return name;
      }
      return undefined;
    }
    const found = choices.match(prompt.options[0] ?? '');
    return found?.spec.listName?.(ctx, found.rest, prompt);
  }
  /** The choice a menu's first option is (a gap of its numbering skipped). */
  const firstChoice = (prompt: NumberedPrompt) =>
    prompt.kind === 'choices' ? choices.match(prompt.options.find(Boolean) ?? '') : undefined;
  return {
    async name(ctx, prompt, { yours = true } = {}) {
      const senderIds = senderIdsOf(ctx);
      const name =
        (await nameOf(ctx, prompt)) ??
        ctx.t('router.menu_name_sent_at', {
          // A menu is remembered for the numbered-choice time from when it was sent.
          time: formatTime(
            timeIn(
              new Date(prompt.expiresAt.getTime() - deps.config.numberedChoiceTtlSeconds * 1000),
              ctx.chat.timezone,
            ),
            ctx.locale,
          ),
        });
      const theirs =
        yours &&
        ctx.chat.kind === 'group' &&
        prompt.audience !== null &&
        senderIds.includes(prompt.audience);
      return theirs
        ? ctx.t('router.menu_name_yours', { name, interpolation: { escapeValue: false } })
        : name;
    },
    async isOver(ctx, prompt) {
      const found = firstChoice(prompt);
      return (await found?.spec.isOver?.(ctx, found.rest)) ?? false;
    },
    async askAgain(ctx, prompt) {
      const found = firstChoice(prompt);
      return found?.spec.askAgain?.(ctx, found.rest);
    },
  };
}

/** The person's platform ids, as menus name their audience. */
export function senderIdsOf(ctx: HandlerContext): string[] {
  const { event } = ctx;
  if (event.type !== 'message' && event.type !== 'choice') return [];
  return [event.sender.id, ...(event.sender.aliases ?? [])];
}

/**
 * The lists to offer in "which list?", named: those not over, one line per name (the newest
 * menu of each: every /liste answer is a new menu of the same list, and were offered as four
 * identical lines, tryout), date polls first, at most MAX_LISTS.
 */
export async function listsToOffer(
  ctx: HandlerContext,
  lists: ListNamer,
  menus: NumberedPrompt[],
): Promise<{ menu: NumberedPrompt; label: string }[]> {
  const named: { menu: NumberedPrompt; label: string }[] = [];
  for (const menu of menus) {
    if (await lists.isOver(ctx, menu)) continue;
    const label = await lists.name(ctx, menu);
    if (!named.some((n) => n.label === label)) named.push({ menu, label });
  }
  const isPoll = (n: { menu: NumberedPrompt }) => n.menu.kind === 'poll';
  return [...named.filter(isPoll), ...named.filter((n) => !isPoll(n))].slice(0, MAX_LISTS);
}

/** The question "which list?", for the person who typed `numbers`, naming `named` lists. */
export function whichListQuestion(
  ctx: HandlerContext,
  named: { menu: NumberedPrompt; label: string }[],
  numbers: number[],
): OutboundMessage {
  const choices = named.map(({ menu, label }) => [
    { label, data: `${MENU_PICK_PREFIX}:${menu.id}:${numbers.join('.')}` },
  ]);
  const [audience] = senderIdsOf(ctx);
  return {
    kind: 'text',
    text: ctx.t('router.menu_which', {
      name: ctx.person.displayName,
      number: numbers.join(' '),
    }),
    choices,
    ...(audience ? { audience } : {}),
    once: true,
  };
}

/** What a "which list?" choice names: the menu's id, and the numbers typed for it. */
export function readPick(data: string): { menuId: number; numbers: string } | undefined {
  const match = /^menu:(\d{1,15}):(\d{1,3}(?:\.\d{1,3}){0,11})$/.exec(data);
  if (!match) return undefined;
  return { menuId: Number(match[1]), numbers: match[2]!.split('.').join(' ') };
}

export function isPick(data: string): boolean {
  return data.startsWith(`${MENU_PICK_PREFIX}:`);
}
