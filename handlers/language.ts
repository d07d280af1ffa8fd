// Each person in their language, each group in its own. /langue (/language) in a private
// chat sets the person's language (their private messages, check-ins, help asks,
// /mesdonnees and the documents made for them); in a group, its admins set the group's. A
// person who writes privately in another of the bot's languages is offered, once, to
// switch to it (language-detect.ts): the offer's buttons are the same `language:<code>`
// choice, checked like every other (a person's own chat only, a group's admins in a group).
import { forgetNeedLanguagesOf } from '../db/queries/mutual-aid.ts';
import { saveChatSettings } from '../db/queries/chats.ts';
import { savePersonLocale } from '../db/queries/people.ts';
import { ownThings, pressedGroup } from './access.ts';
import { UserFacingError } from './errors.ts';
import type { ChoiceContext, Feature, HandlerContext, MessageContext } from './feature.ts';
import type { CommandWords } from './command-words.ts';
import { isLocale, type Locale, type T } from './i18n.ts';
import { detectLanguage } from './language-detect.ts';

/**
 * The language a person typed after /langue or /parametres langue (langue2): its code or its
 * name in any of the bot's languages (command-words.ts, `languageName`: "pt", "portugais",
 * "português", "البرتغالية", "portekizce"), or a language tag ("pt-BR").
 */
export function findLanguage(typed: string, words: CommandWords): Locale | undefined {
  const word = typed.trim();
  return words.find('languageName', word) ?? words.find('languageName', word.split(/[-_]/)[0]!);
}

/** The languages the bot speaks, each named in the reader's language with its code. */
export function languagesIn(t: T, available: readonly Locale[]): string {
  return available.map((l) => `${t(`language.called.${l}`)} (${l})`).join(', ');
}

/** The buttons for the languages the bot speaks (those whose texts are there). */
function languageChoices(ctx: HandlerContext, offered: readonly Locale[]) {
  // Each language named in itself, so that a person finds theirs whatever the chat speaks.
  return offered.map((l) => [
    { label: ctx.deps.i18n.t(l)(`language.names.${l}`), data: `language:${l}` },
  ]);
}

async function chooseLanguage(ctx: MessageContext): Promise<void> {
  const word = (ctx.event.command?.args ?? '').trim();
  const available = ctx.deps.i18n.available;
  if (word === '') {
    await ctx.reply({
      kind: 'text',
      text: ctx.t(ctx.chat.kind === 'private' ? 'language.choose_own' : 'language.choose'),
      audience: ctx.event.sender.id,
      choices: languageChoices(ctx, available),
    });
    return;
  }
  const locale = findLanguage(word, ctx.deps.i18n.commandWords);
  if (!locale || !available.includes(locale)) {
    throw new UserFacingError('language.unknown', { languages: languagesIn(ctx.t, available) });
  }
  await switchLanguage(ctx, locale);
}

async function applyLanguageChoice(ctx: ChoiceContext, rest: string): Promise<void> {
  if (!isLocale(rest) || !ctx.deps.i18n.available.includes(rest)) {
    throw new UserFacingError('router.stale_choice');
  }
  await switchLanguage(ctx, rest);
}

async function switchLanguage(ctx: HandlerContext, locale: Locale): Promise<void> {
  await saveChatSettings(ctx.deps.db, ctx.chat, { locale });
  if (ctx.chat.kind === 'private') {
    if (ctx.person.locale !== locale) await savePersonLocale(ctx.deps.db, ctx.person.id, locale);
    // Needs asked in another language now follow the language chosen.
    await forgetNeedLanguagesOf(ctx.deps.db, ctx.person.id);
  }
  const t = ctx.deps.i18n.t(locale);
  await ctx.reply(t(ctx.chat.kind === 'private' ? 'language.switched_own' : 'language.switched'));
}

/**
 * The language of a private message, when it is clearly another of the bot's languages than
 * the chat's (language-detect.ts): its answer is given in it (router.ts), whatever the chat
 * speaks, which only the person changes (the offer below, /langue). In a group, the group's.
 */
export function writtenLanguageOf(ctx: MessageContext): Locale | undefined {
  if (ctx.chat.kind !== 'private' || ctx.event.command) return undefined;
  const written = detectLanguage(ctx.event.text);
  if (!written || written === ctx.locale || !ctx.deps.i18n.available.includes(written)) {
    return undefined;
  }
  return written;
}

/**
 * A private message in another of the bot's languages, from a person who never chose one:
 * the bot offers to switch, in that language and in the chat's, once (their language is
 * recorded as the chat's until they choose). The message is then answered as usual, in the
 * language it was written in when plain words answer it (router.ts).
 */
async function offerLanguage(
  ctx: MessageContext,
  asksItsOwn: (ctx: MessageContext) => boolean,
): Promise<boolean> {
  if (ctx.person.locale) return false;
  const written = writtenLanguageOf(ctx);
  if (!written) return false;
  // Where choices are numbers (WhatsApp, the terminal), words that start a form of their own
  // ("preciso de ajuda com as compras": the need's preview, numbered 1–3) are answered alone:
  // the offer, numbered too, comes with a later message (tryout: "1" meant for Português
  // published the need). Buttons do not collide.
  if (!ctx.messenger.capabilities.inlineButtons && asksItsOwn(ctx)) return false;
  await savePersonLocale(ctx.deps.db, ctx.person.id, ctx.locale);
  const theirs = ctx.deps.i18n.t(written);
  await ctx.reply({
    kind: 'text',
    text: `${theirs('language.offer')}\n${ctx.t('language.offer')}`,
    choices: languageChoices(ctx, [written, ctx.locale]),
    // Where choices are numbers, the line saying how to answer is in the offered language
    // too: the person may read no other (tryout: "(répondez par le numéro…)" under
    // "Quer que eu lhe fale em português?").
    language: written,
  });
  return false;
}

/**
 * `asksItsOwn`: whether a message's plain words start a form with numbered questions of its
 * own (features.ts reads the intents').
 */
export function createLanguageFeature(
  asksItsOwn: (ctx: MessageContext) => boolean = () => false,
): Feature {
  return {
    name: 'language',
    commands: [
      {
        names: { fr: 'langue', en: 'language' },
        aliases: ['lang'],
        descriptionKey: 'language.description',
        where: 'any',
        organiserOnly: true,
        // Privately, anyone chooses their own language.
        organiserUsesKey: 'language.organisers',
        run: chooseLanguage,
      },
    ],
    choices: [
      {
        prefix: 'language',
        where: 'any',
        // A group's language is its organisers' to change; a private chat's, its person's.
        role: 'organiser',
        reaches: (ctx) => (ctx.chat.kind === 'group' ? pressedGroup(ctx) : ownThings()),
        run: (ctx, _, rest) => applyLanguageChoice(ctx, rest),
        listName: (ctx) => Promise.resolve(ctx.t('language.list_name')),
      },
    ],
    onText: (ctx) => offerLanguage(ctx, asksItsOwn),
  };
}
