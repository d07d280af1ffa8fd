// The offer made after distress ("shall I tell your group's organisers?", handlers/safety.ts)
// as a numbered menu (WhatsApp, the terminal). A person who has just fallen answers the first
// menu under the emergency numbers: in a private chat "1" must stay the offer, even when a
// command that went on after the numbers (`/besoin … je suis tombée…`) asks its own question
// next (tryout: "1" published the need). So, while the offer is open there, every later menu
// of the chat shows it again as its first line: the person sees one list from 1, and "1"
// does what it says. The offer stays a menu of its own (answered once, by a number or "oui").
import { findChatById } from '../db/queries/chats.ts';
import type { NumberedPrompt } from '../db/queries/numbered-prompts.ts';
import type { Deps } from './deps.ts';
import type { Choice } from './events.ts';
import { isLocale, toLocale, type Locale } from './i18n.ts';
import { groupOf } from './reach.ts';

/**
 * The choice data of the offer: `distress:tell:<group id>:<self|other>:<language>:<chat's>`,
 * the language the offer was made in, then the chat's language then (see offerLanguageNow).
 */
export const SAFETY_CHOICE_PREFIX = 'distress:tell';

/**
 * The language an offer is said again in, and its answer: the one it was made in, unless the
 * private chat's language changed since (`/langue ar` after the offer, tryout: a French line
 * "1. Oui, prévenez-les" atop an Arabic menu, and a French answer to it); then the chat's
 * now. Choice data is untrusted: anything but one of the bot's languages is ignored.
 */
export function offerLanguageNow(
  deps: Pick<Deps, 'i18n'>,
  data: string,
  chat: { kind: string; locale: string },
): Locale {
  const known = (word: string | undefined): Locale | undefined =>
    word !== undefined && isLocale(word) && deps.i18n.available.includes(word) ? word : undefined;
  const [, , , , madeIn, chatThen] = data.split(':');
  const now = toLocale(chat.locale);
  const offered = known(madeIn);
  if (!offered) return now;
  const then = known(chatThen);
  return chat.kind === 'private' && then !== undefined && then !== now ? now : offered;
}

export const isSafetyQuestion = (prompt: Pick<NumberedPrompt, 'options'>): boolean =>
  prompt.options.length > 0 &&
  prompt.options.every((data) => data.startsWith(`${SAFETY_CHOICE_PREFIX}:`));

/**
 * The open offers' choices, said again at the top of a later menu ("🆘 Oui, prévenez-les
 * (question plus haut)"; with each group's name when it offered several), rendered now from
 * their key: in the menu's language when it says one (words answered in the language they
 * were written in), else as offerLanguageNow says (the chat's, once it changed).
 */
export async function offerReminder(
  deps: Deps,
  offers: NumberedPrompt[],
  chat: { kind: string; locale: string },
  menuLanguage?: Locale,
): Promise<Choice[][]> {
  const options = offers.flatMap((offer) => offer.options);
  const rows: Choice[][] = [];
  for (const data of options) {
    const [, , groupId = ''] = data.split(':');
    const t = deps.i18n.t(menuLanguage ?? offerLanguageNow(deps, data, chat));
    if (options.length === 1) {
      rows.push([{ label: t('safety.tell_again'), data }]);
      continue;
    }
    const group = /^\d{1,15}$/.test(groupId)
      ? await findChatById(deps.db, Number(groupId))
      : undefined;
    rows.push([
      {
        label: t('safety.tell_group_again', {
          ...(group ? groupOf(group) : { context: 'unnamed' }),
          // A label is plain text.
          interpolation: { escapeValue: false },
        }),
        data,
      },
    ]);
  }
  return rows;
}
