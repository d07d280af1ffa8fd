// Plain words: what a person writes to the bot without a command, turned into what they
// want. Distress is recognised first and always (distress.ts); then each feature's declared
// intents (Feature.intents) are matched against the normalised text. One intent: it runs.
// Several: the bot asks back, offering each. None: the caller says in one line what the bot
// can do. Each intent is also read in the other languages of languages/ (Arabic, Portuguese,
// Spanish, Turkish), over the words as typed. Offline, a few regular expressions per intent:
// microseconds per message (bench/words.ts).
import type { MessageContext } from '../feature.ts';
import type { T } from '../i18n.ts';
import { detectDistress, type Distress } from './distress.ts';
import { mayBeAnIntent, phrasingsOf, type Phrasings } from './languages/index.ts';
import { BOT_ADDRESS, readWords } from './normalise.ts';
import { withNamesMended } from './typos.ts';

export interface IntentSpec {
  /** `feature.what`, for logs, the corpus and the benchmark. */
  name: string;
  /** Where it makes sense: elsewhere it is not considered. */
  where: 'group' | 'private' | 'any';
  /** Over normalised text (normalise.ts): one match is enough. */
  patterns: RegExp[];
  /** Texts that match a pattern but do not mean this. */
  unless?: RegExp[];
  /**
   * Names the patterns read even with one typo ("galete" for "galette", typos.ts): the text is
   * matched with them mended, for this intent only.
   */
  names?: { names: readonly string[]; unless?: ReadonlySet<string> };
  /** Only alone: the whole message is this and nothing else (greetings, thanks). */
  alone?: boolean;
  /**
   * It asks the person questions of its own (a form with numbered choices privately): the
   * offer to switch languages waits for a later message (language.ts), not to open two
   * numbered menus at once.
   */
  asks?: boolean;
  /**
   * Said in the same words as distress ("j'ai la tête qui tourne, quelqu'un peut faire mes
   * courses"), it still goes on after the emergency numbers, as a command does (router.ts).
   */
  afterDistress?: boolean;
  /** How the bot offers it when it asks back ("/fete: la date de la fête"). */
  offer(t: T): string;
  /** Does it. `text` is what the person wrote, as they wrote it. */
  run(ctx: MessageContext, text: string): Promise<void>;
}

export type Understanding =
  | { kind: 'distress'; distress: Distress }
  | { kind: 'intent'; intent: IntentSpec }
  | { kind: 'unsure'; intents: IntentSpec[] }
  | { kind: 'unknown' };

export interface Understander {
  /** `distressRead`: the caller already read the text for distress and found none. */
  understand(
    text: string,
    chatKind: 'group' | 'private',
    options?: { distressRead?: boolean },
  ): Understanding;
  intents: IntentSpec[];
}

export function createUnderstander(intents: IntentSpec[]): Understander {
  const phrasings = new Map<IntentSpec, Phrasings | undefined>(
    intents.map((intent) => [intent, phrasingsOf(intent.name)]),
  );
  return {
    intents,
    understand(text, chatKind, { distressRead = false } = {}) {
      const distress = distressRead ? undefined : detectDistress(text);
      if (distress) return { kind: 'distress', distress };
      // "@voisins_bot merci", "@33612345678": a handle is no word of what is meant (and would
      // keep "merci" from starting the message, where thanks and greetings are read).
      const words = readWords(text.slice(0, 2_000).replace(/@\w+/g, ' '));
      // "Hey bot" alone is a greeting: the address goes only when something else is said.
      const plain = words.plain.replace(BOT_ADDRESS, '') || words.plain;
      if (plain === '') return { kind: 'unknown' };
      const bare = words.bare.replace(BOT_ADDRESS, '') || words.bare;
      // One scan tells whether the other languages' phrasings need reading intent by intent.
      const otherLanguage = mayBeAnIntent(bare);
      const found = intents.filter((intent) => {
        if (intent.where !== 'any' && intent.where !== chatKind) return false;
        const read = intent.names
          ? withNamesMended(plain, intent.names.names, intent.names.unless)
          : plain;
        if (
          intent.patterns.some((pattern) => pattern.test(read)) &&
          !intent.unless?.some((pattern) => pattern.test(read))
        )
          return true;
        const other = otherLanguage ? phrasings.get(intent) : undefined;
        return !!other && other.patterns.test(bare) && !other.unless?.test(bare);
      });
      // A greeting or thanks with a question: the question is what is meant.
      const meant = found.some((intent) => !intent.alone)
        ? found.filter((intent) => !intent.alone)
        : found;
      if (meant.length === 0) return { kind: 'unknown' };
      if (meant.length === 1) return { kind: 'intent', intent: meant[0]! };
      return { kind: 'unsure', intents: meant.slice(0, 3) };
    },
  };
}

/** The message as the command `name` with these arguments, to run a command's own code. */
export function asCommand(ctx: MessageContext, name: string, args = ''): MessageContext {
  return { ...ctx, event: { ...ctx.event, command: { name, args } } };
}

/** What the person wrote, without the words that only call the bot ("bot, …", "@bot"). */
export function withoutAddress(text: string): string {
  return text
    .replace(/@\w+/g, ' ')
    .replace(/^\s*(?:(?:hey|dis|ok)[\s,]+)?(?:le\s+)?bot\b[\s,:!]*/i, '')
    .trim();
}
