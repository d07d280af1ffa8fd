// A group speaks its language; its admins may give it a second one (/parametres langue2),
// for neighbours who read another language better. Key messages (a gathering's date, a
// heat or cold vigilance and its numbers, a message the city wrote) are then repeated
// briefly in it, under the first, in the same message: nothing more is sent to the group.
import type { ChatRow } from '../db/queries/chats.ts';
import type { Deps } from './deps.ts';
import { isLocale, type Locale, type T } from './i18n.ts';

/** Telegram's limit for one message: a repeat that would pass it is left out. */
const MESSAGE_LIMIT = 4096;

/** The group's second language, when it has one the bot speaks (and not its first). */
export function secondLanguageOf(
  deps: Pick<Deps, 'i18n'>,
  chat: Pick<ChatRow, 'locale' | 'secondLocale'>,
): Locale | undefined {
  const second = chat.secondLocale;
  if (!isLocale(second) || second === chat.locale || !deps.i18n.available.includes(second)) {
    return undefined;
  }
  return second;
}

/**
 * `text` (already in the group's language), followed by `brief` in the group's second
 * language, if it has one. For city messages: when the city wrote its message in that
 * language too, pass it as `brief` (a city's words are never machine-translated).
 */
export function withSecondLanguage(
  deps: Pick<Deps, 'i18n'>,
  chat: Pick<ChatRow, 'locale' | 'secondLocale'>,
  text: string,
  brief: (t: T, locale: Locale) => string | undefined,
): string {
  const second = secondLanguageOf(deps, chat);
  if (!second) return text;
  const repeat = brief(deps.i18n.t(second), second);
  if (!repeat) return text;
  const both = `${text}\n\n— ${repeat}`;
  return both.length <= MESSAGE_LIMIT ? both : text;
}
