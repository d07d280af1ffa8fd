// Reaching a neighbour privately, from a handler or a job, in their language: only someone
// who has written to the bot privately can be reached (Telegram forbids writing first, and
// on WhatsApp the bot never does). Everything personal in mutual help goes this way.
import { findChatById, type ChatRow } from '../db/queries/chats.ts';
import { findPrivateChat } from '../db/queries/people.ts';
import { messengerFor, type Deps } from './deps.ts';
import { UserFacingError } from './errors.ts';
import type { OutboundMessage, Platform } from './events.ts';
import { toLocale, type Locale, type T } from './i18n.ts';
import type { Messenger } from './ports.ts';

export interface PrivateLine {
  /** The private chat's row id, and its id on the platform. */
  chatRowId: number;
  chatId: string;
  messenger: Messenger;
  locale: Locale;
  t: T;
  send(message: OutboundMessage | string): Promise<void>;
}

/**
 * The person's private chat, or undefined when they never wrote to the bot privately. It
 * speaks the chat's language, or `written` (the language a person's words were written in).
 */
export async function privateLineTo(
  deps: Deps,
  personId: number,
  written?: Locale,
): Promise<PrivateLine | undefined> {
  const chat = await findPrivateChat(deps.db, personId);
  if (!chat) return undefined;
  const messenger = deps.messengers.get(chat.platform as Platform);
  if (!messenger) return undefined;
  const locale = written ?? toLocale(chat.locale);
  return {
    chatRowId: chat.id,
    chatId: chat.externalId,
    messenger,
    locale,
    t: deps.i18n.t(locale),
    async send(message) {
      await messenger.send(
        chat.externalId,
        typeof message === 'string'
          ? { kind: 'text', text: message }
          : // A menu's "answer with a number" line in the language of its words.
            written && message.kind !== 'document'
            ? { ...message, language: message.language ?? written }
            : message,
      );
    },
  };
}

/**
 * Sends privately; false (logged) when the person cannot be reached: never wrote, blocked
 * the bot, or the platform is down. Callers decide what that means (try someone else).
 * `build` may be async (a calendar file loads its generator with the first one).
 */
export async function sendPrivately(
  deps: Deps,
  personId: number,
  build: (t: T, locale: Locale) => OutboundMessage | string | Promise<OutboundMessage | string>,
  /** Another language than the chat's (see privateLineTo). */
  locale?: Locale,
): Promise<boolean> {
  const line = await privateLineTo(deps, personId, locale);
  if (!line) return false;
  try {
    await line.send(await build(line.t, line.locale));
    return true;
  } catch (error) {
    deps.logger.warn({ err: error, personId }, 'private message not delivered');
    return false;
  }
}

/** A group and the means to speak in it, for a job. */
export async function groupLine(deps: Deps, chatId: number) {
  const chat = await findChatById(deps.db, chatId);
  if (!chat?.active || chat.kind !== 'group') return undefined;
  const messenger = messengerFor(deps, chat.platform as Platform);
  const locale = toLocale(chat.locale);
  return { chat, messenger, locale, t: deps.i18n.t(locale) };
}

/** A group chat named by untrusted data (a button, a deep link); anything else is stale. */
export async function requireGroupChat(deps: Deps, chatId: number): Promise<ChatRow> {
  const chat = await findChatById(deps.db, chatId);
  if (!chat || chat.kind !== 'group') throw new UserFacingError('router.stale_choice');
  return chat;
}

/**
 * How a sentence names a group: `{ group: name }`, or for a group with neither a name nor a
 * platform title, i18next's `unnamed` context. Every text with {{group}} has a `_unnamed`
 * form written without it (tests/locales.test.ts checks): a stand-in such as "your group"
 * filled into "de {{group}}" or "{{group}} grubundan" read wrong ("Alguém de o seu grupo",
 * "grubunuz grubundan").
 */
export function groupInSentence(
  name: string | null | undefined,
): { group: string } | { context: 'unnamed' } {
  return name?.trim() ? { group: name } : { context: 'unnamed' };
}

/** The group as a sentence names it (see groupInSentence): its name, else its title. */
export function groupOf(chat: Pick<ChatRow, 'name' | 'title'>) {
  return groupInSentence(chat.name ?? chat.title);
}

/** The group's name (else its title) for a printed document; undefined when it has none. */
export function printedGroupName(chat: Pick<ChatRow, 'name' | 'title'>): string | undefined {
  return (chat.name ?? chat.title)?.trim() || undefined;
}
