// A command whose name says "help" in one of the bot's languages ("/aide", "/help", "/ajuda",
// "/ayuda", "/yardım", "/مساعدة", "/musaada") asks for the bot's help: the list of what it
// can do, not rescue. People guess these for /aide; read whole, "ajuda", "ayuda" and "yardım"
// alone are calls for help (README), and they got the emergency numbers and the offer to warn
// the organisers, a false alarm (December 2026 tryout). So only the words after such a name
// are read for distress ("/ajuda estou a cair" still gets the numbers).
//
// Telegram takes only a-z, 0-9 and _ in a command's name, and marks none when a letter outside
// them follows the slash: "/yardım" and "/مساعدة" reach the bot as plain text, privately (in a
// group, only with the bot's handle before them). Those are read here too (a slash, a help
// word, then anything).
import type { Locale } from '../i18n.ts';
import { ARABIZI } from './languages/index.ts';
import { readWords } from './normalise.ts';

/** Help words, as readWords gives them (no case, accents or Arabic marks), → their language. */
const HELP_WORDS: ReadonlyMap<string, Locale | typeof ARABIZI> = new Map<
  string,
  Locale | typeof ARABIZI
>([
  ['aide', 'fr'],
  ['help', 'en'],
  ['ajuda', 'pt'],
  ['ayuda', 'es'],
  ['yardim', 'tr'],
  ['مساعده', 'ar'],
  ['المساعده', 'ar'],
  ...[
    'musaada',
    'mosaada',
    'mousaada',
    'msaada',
    'musa3ada',
    'mosa3ada',
    'mousa3ada',
    'msa3da',
  ].map((word) => [word, ARABIZI] as const),
]);

/**
 * A command typed where the platform saw none: a slash at the start (after the bot's handle,
 * in a Telegram group: "@voisins_bot /yardım"), a name, the rest.
 */
const AS_TEXT = /^\s*(?:@\w+[\s,:]*)?\/([\p{L}\p{N}_]{1,64})(?:@\w+)?(?:\s+([\s\S]*))?$/u;

export interface HelpAsked {
  /** The command as typed (name without the slash, and the words after it). */
  command: { name: string; args: string };
  /** The help word's language; "ar-Latn" (ARABIZI) for Arabic in Latin letters. */
  language: Locale | typeof ARABIZI;
}

/** Whether a command's name is a help word, and in which language. */
export function helpWordLanguage(name: string): Locale | typeof ARABIZI | undefined {
  if (name.length > 64) return undefined;
  return HELP_WORDS.get(readWords(name).bare);
}

/** The help asked by a command named with a help word (or typed so as plain text), if any. */
export function helpCommandOf(message: {
  text: string;
  command?: { name: string; args: string };
}): HelpAsked | undefined {
  let command = message.command;
  if (!command) {
    const typed = message.text.length <= 4_096 ? AS_TEXT.exec(message.text) : null;
    if (!typed) return undefined;
    command = { name: typed[1]!, args: (typed[2] ?? '').trim() };
  }
  const language = helpWordLanguage(command.name);
  return language ? { command, language } : undefined;
}
