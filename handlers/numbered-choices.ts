// Numbered choices, for platforms without buttons (WhatsApp, the terminal). The adapter
// renders choices as "1. …" lines; this module remembers each numbered menu (in PostgreSQL,
// so it survives a restart) and reads a reply such as "2" (or "1 3" for a poll) as that
// choice for a limited time.
//
// A number must go where the person means it, and a list should read as a person expects:
// from 1. In a private chat, the latest menu is the question (it replaces the others; the
// safety offer stays open beside it, see safety-offer.ts). In a group, several menus are
// often open at once (the fête's RSVP, a poll, the kit list). Every list starts at 1, and
// people answer the latest thing they see (tryout: after the kit list 1–12, a poll numbered
// 13–15 got "1" meaning its first date, and sent kit 1). So a bare number is read, as a
// neighbour would read it:
// - the newest list that has it and that the person can answer takes it (the one at the
//   bottom of the chat); an older list keeps the numbers the newer ones do not have;
// - when only older lists have it and more than one does, or when the newest would take a
//   number from a question put to this person alone, the bot asks which list is meant
//   rather than guess: a short numbered question naming the lists (which-list.ts), whose
//   answer applies the first number to the list chosen; lists that mean the same by it (the
//   RSVP shown again) are no question;
// - a question put to this person, newest, is theirs to answer, whoever else's lists are open;
// - a reply quoting a menu answers that menu, whatever the others.
// A menu stops waiting when:
// - it was a question put to one person (an admin's settings, "which gathering?") and that
//   person answered it, or was asked a newer question (their latest replaces the others, as
//   in a private chat); such menus answer only that person. A replaced question is kept
//   until its time is over, so that a number answering it is told truthfully that a newer
//   question replaced it (not that it was someone else's). The safety offer and "which
//   list?" are replaced only by another of their kind;
// - it was a decision, and was decided;
// - the same list is shown again: the new copy takes its place;
// - its time is over (NUMBERED_CHOICE_TTL_MINUTES).
// When a reply mixes menus, the bot asks back instead of acting. A number never runs
// anything that was not on a menu the person could see.
import { findChat } from '../db/queries/chats.ts';
import {
  findLiveNumberedPrompts,
  saveNumberedPrompt,
  type NumberedPrompt,
} from '../db/queries/numbered-prompts.ts';
import type { Deps } from './deps.ts';
import { nextNumber, type Choice, type OutboundMessage } from './events.ts';
import type { Locale } from './i18n.ts';
import { sortMenus } from './numbered-answer.ts';
import type { Messenger } from './ports.ts';
import { isSafetyQuestion, offerReminder } from './safety-offer.ts';

// Reading the answers (numbered-answer.ts), where the features found it.
export {
  closeMenu,
  isNumberedReply,
  saysYes,
  toNumberedAnswer,
  toYesAnswer,
  type NumberedAnswer,
} from './numbered-answer.ts';
export { SAFETY_CHOICE_PREFIX } from './safety-offer.ts';

/** Wraps a messenger without buttons so that every numbered question it sends is remembered. */
export function withNumberedPrompts(messenger: Messenger, deps: Deps): Messenger {
  if (messenger.capabilities.inlineButtons && messenger.capabilities.nativePolls) return messenger;
  let urgentLane: Messenger | undefined;
  return {
    ...messenger,
    // The urgent lane remembers its questions too.
    ...(messenger.urgent
      ? { urgent: () => (urgentLane ??= withNumberedPrompts(messenger.urgent!(), deps)) }
      : {}),
    async send(chatId: string, message: OutboundMessage) {
      const chat = toPromptOptions(message, messenger)
        ? await findChat(deps.db, messenger.platform, chatId)
        : undefined;
      if (!chat || message.kind === 'document') return messenger.send(chatId, message);
      const inGroup = chat.kind === 'group';
      // A list's own numbers ("3. chips") are kept in a group; privately, menus are numbered
      // after the safety offer's, so from where they go.
      const menu = !inGroup && message.kind === 'text' ? withoutOwnNumbers(message) : message;
      const options = toPromptOptions(menu, messenger)!;
      const now = deps.clock.now();
      const kind = menu.kind === 'poll' ? 'poll' : 'choices';
      const audience = menu.audience ?? null;
      const open = await findLiveNumberedPrompts(deps.db, chat.id, now);
      const { first, replacing, before } = inGroup
        ? {
            ...placeMenu(open, { kind, options: options.data, audience }),
            ...(options.first !== undefined ? { first: options.first } : {}),
            before: [],
          }
        : await placePrivateMenu(
            deps,
            open,
            options.data,
            chat,
            menu.kind === 'text' ? menu.language : undefined,
          );
      const shown =
        before.length > 0 && menu.kind === 'text'
          ? { ...menu, choices: [...before, ...(menu.choices ?? [])] }
          : first === 1
            ? menu
            : { ...menu, numberFrom: first };
      const sent = await messenger.send(chatId, shown);
      const ttl = deps.config.numberedChoiceTtlSeconds * 1000;
      await saveNumberedPrompt(
        deps.db,
        {
          chatId: chat.id,
          // Queued messages have no id yet; only edits use it, and these platforms have none.
          messageId: sent.messageId ?? '',
          kind,
          options: options.data,
          firstNumber: first,
          audience,
          once: menu.once === true,
          pollId: sent.pollId ?? null,
          multiple: menu.kind === 'poll' ? menu.multipleAnswers : menu.multiple === true,
          expiresAt: new Date(now.getTime() + ttl),
        },
        { replacing, now },
      );
      return sent;
    },
  };
}

/**
 * A private chat's new menu replaces the others (sortMenus), but for the safety offer still
 * open: the new menu shows the offer again as its first lines (safety-offer.ts), and its own
 * choices are numbered after them. The offer itself closes the others.
 */
async function placePrivateMenu(
  deps: Deps,
  open: NumberedPrompt[],
  options: string[],
  chat: { kind: string; locale: string },
  menuLanguage: Locale | undefined,
): Promise<{ first: number; replacing: number[]; before: Choice[][] }> {
  // The offer after distress closes the chat's other menus: a person who has just said they
  // feel unwell answers what is under the numbers, and a stray "2" ("no") must not reach an
  // older list (tryout: it withdrew her published need, "2. Retirer ma demande").
  if (isSafetyQuestion({ options })) {
    const others = open.filter((p) => !isSafetyQuestion(p) && p.kind !== 'poll');
    return { first: 1, replacing: others.map((p) => p.id), before: [] };
  }
  const offers = sortMenus(open, 'private').current.filter(isSafetyQuestion);
  const first = Math.max(1, ...offers.map((p) => p.firstNumber + p.options.length));
  return { first, replacing: [], before: await offerReminder(deps, offers, chat, menuLanguage) };
}

type MenuShape = Pick<NumberedPrompt, 'kind' | 'options' | 'audience'>;

/**
 * Where a new menu of a group goes among the menus still open there: it starts at 1 (the
 * newest list has the low numbers, see the rule above), and takes the place of the same list
 * shown before. (An earlier question put to the same person is replaced too, but kept a while
 * to say so: sortMenus.)
 */
export function placeMenu(
  open: NumberedPrompt[],
  menu: MenuShape,
): { first: number; replacing: number[] } {
  const replacing = open.filter((p) => isSameList(p, menu)).map((p) => p.id);
  return { first: 1, replacing };
}

/** The same list shown again (a poll is never the same: each has its own votes). */
function isSameList(p: MenuShape, menu: MenuShape): boolean {
  return (
    p.kind === 'choices' &&
    menu.kind === 'choices' &&
    p.audience === menu.audience &&
    p.options.length === menu.options.length &&
    p.options.every((data, i) => data === menu.options[i])
  );
}

/**
 * What each number of a menu does, from its first number: a list's own numbers ("2. J'apporte
 * : chips, 5. J'apporte : cidre") leave gaps, kept as '' (no choice has that number).
 */
function toPromptOptions(
  message: OutboundMessage,
  messenger: Messenger,
): { data: string[]; first?: number } | undefined {
  if (message.kind === 'text' && message.choices && !messenger.capabilities.inlineButtons) {
    const choices = message.choices.flat().filter((c) => c.data !== undefined);
    if (choices.length === 0) return undefined;
    const first = choices[0]!.number;
    if (first === undefined || first < 1) return { data: choices.map((c) => c.data) };
    const data: string[] = [];
    let n = first - 1;
    for (const choice of choices) {
      const number = nextNumber(choice, n);
      while (n + 1 < number) {
        data.push('');
        n++;
      }
      data.push(choice.data);
      n = number;
    }
    return { data, first };
  }
  if (message.kind === 'poll' && !messenger.capabilities.nativePolls) {
    return { data: message.options };
  }
  return undefined;
}

/** The message with its choices numbered from where the chat's menu goes, all shown. */
function withoutOwnNumbers<M extends OutboundMessage & { kind: 'text' }>(message: M): M {
  return {
    ...message,
    ...(message.choices
      ? {
          choices: message.choices
            .map((row) => row.filter((c) => !c.hidden))
            .filter((row) => row.length > 0)
            .map((row) => row.map(({ number: _, ...c }) => c as Choice)),
        }
      : {}),
  };
}
