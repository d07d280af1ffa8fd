// /langue: switches a group (admins only) or a private chat between French and English.
import { saveChatSettings } from '../db/queries/chats.ts';
import { savePersonLocale } from '../db/queries/people.ts';
import { ownThings, pressedGroup } from './access.ts';
import { UserFacingError } from './errors.ts';
import type { ChoiceContext, Feature, HandlerContext, MessageContext } from './feature.ts';
import { isLocale, locales, type Locale } from './i18n.ts';

const LANGUAGE_WORDS: Record<string, Locale> = {
  fr: 'fr',
  francais: 'fr',
  français: 'fr',
  french: 'fr',
  en: 'en',
  anglais: 'en',
  english: 'en',
};

async function chooseLanguage(ctx: MessageContext): Promise<void> {
  const word = (ctx.event.command?.args ?? '').trim().toLowerCase();
  if (word === '') {
    await ctx.reply({
      kind: 'text',
      text: ctx.t('language.choose'),
      audience: ctx.event.sender.id,
      choices: [
        locales.map((l) => ({ label: ctx.t(`language.names.${l}`), data: `language:${l}` })),
      ],
    });
    return;
  }
  const locale = LANGUAGE_WORDS[word];
  if (!locale) throw new UserFacingError('language.unknown');
  await switchLanguage(ctx, locale);
}

async function applyLanguageChoice(ctx: ChoiceContext, rest: string): Promise<void> {
  if (!isLocale(rest)) throw new UserFacingError('router.stale_choice');
  await switchLanguage(ctx, rest);
}

async function switchLanguage(ctx: HandlerContext, locale: Locale): Promise<void> {
  await saveChatSettings(ctx.deps.db, ctx.chat, { locale });
  if (ctx.chat.kind === 'private' && ctx.person.locale !== locale) {
    await savePersonLocale(ctx.deps.db, ctx.person.id, locale);
  }
  await ctx.reply(ctx.deps.i18n.t(locale)('language.switched'));
}

export function createLanguageFeature(): Feature {
  return {
    name: 'language',
    commands: [
      {
        names: { fr: 'langue', en: 'language' },
        aliases: ['lang'],
        descriptionKey: 'language.description',
        where: 'any',
        organiserOnly: true,
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
      },
    ],
  };
}
