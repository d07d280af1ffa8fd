// /aide lists what the bot can do, in the chat's language; /start greets a person who opens
// a private chat (and carries deep-link payloads, which the router hands to their feature).
import { describeCommand, listVisibleCommands } from './commands.ts';
import { isRtl, type Locale } from './i18n.ts';
import { helpCommandOf } from './understanding/help-command.ts';
import { ARABIZI } from './understanding/languages/index.ts';
import type { CommandSpec, Feature, MessageContext } from './feature.ts';

export function createHelpFeature(allCommands: () => CommandSpec[]): Feature {
  // The help text depends only on the language and the kind of chat: it is built once each
  // (it is the most asked-for answer, and a dozen translations per request add up).
  const texts = new Map<string, string>();

  function helpText(ctx: MessageContext, locale: Locale): string {
    const key = `${locale}:${ctx.chat.kind}`;
    let text = texts.get(key);
    if (text === undefined) {
      const t = locale === ctx.locale ? ctx.t : ctx.deps.i18n.t(locale);
      const lines = listVisibleCommands(allCommands(), locale)
        .filter(({ spec }) => spec.where === 'any' || spec.where === ctx.chat.kind)
        // A line that starts with "/name" reads left to right: in a right-to-left language
        // a right-to-left mark first keeps the description where the reader starts.
        // What only the group's admins may do is marked (December 2026 tryout: nothing was).
        .map(
          ({ name, spec }) =>
            `${isRtl(locale) ? '\u200f' : ''}/${name} — ${describeCommand(spec, t)}`,
        );
      const footer = t(ctx.chat.kind === 'group' ? 'help.footer_group' : 'help.footer_private');
      text = `${t('help.title')}\n\n${lines.join('\n')}\n\n${footer}`;
      texts.set(key, text);
    }
    return text;
  }

  /**
   * The help in the chat's language; asked with the help word of another of the bot's
   * languages ("/ajuda", "/ayuda", "/yardım", "/مساعدة"), in that one. "/aide" and "/help" work
   * in every chat and keep the chat's language; Arabic in Latin letters ("/musaada"), whose
   * writer may read French rather than Arabic script, keeps it too (as distress does).
   */
  function helpLocale(ctx: MessageContext): Locale {
    const asked = helpCommandOf(ctx.event)?.language;
    if (!asked || asked === ARABIZI || asked === 'fr' || asked === 'en') return ctx.locale;
    return ctx.deps.i18n.available.includes(asked) ? asked : ctx.locale;
  }

  async function showHelp(ctx: MessageContext): Promise<void> {
    await ctx.reply(helpText(ctx, helpLocale(ctx)));
  }

  async function greet(ctx: MessageContext): Promise<void> {
    await ctx.reply(ctx.t('help.welcome_private'));
    await showHelp(ctx);
  }

  return {
    name: 'help',
    commands: [
      {
        names: { fr: 'aide', en: 'help' },
        descriptionKey: 'help.description',
        where: 'any',
        notAfterDistress: true,
        run: showHelp,
      },
      {
        names: { fr: 'start', en: 'start' },
        aliases: ['demarrer', 'bonjour'],
        descriptionKey: 'help.description',
        where: 'any',
        hidden: true,
        notAfterDistress: true,
        run: greet,
      },
    ],
    intents: [
      {
        name: 'help.menu',
        where: 'any',
        patterns: [
          /^(?:aide|l aide|de l aide|menu|commandes?|la liste des commandes|options|info|infos)$/,
          /\b(?:que sais tu faire|qu est ce que tu (?:sais|peux) faire|tu sais faire quoi|tu peux faire quoi|que peux tu faire|tu fais quoi|tu sers a quoi|a quoi tu sers|comment (?:ca marche|tu marches|t utiliser|on t utilise|ca fonctionne)|quelles commandes|what can you do|what do you do|how does (?:it|this) work|how do i use you|list of commands)\b/,
        ],
        offer: (t) => t('understanding.offer_help'),
        run: showHelp,
      },
      {
        name: 'help.greeting',
        where: 'any',
        alone: true,
        patterns: [
          // The greeting is the whole message, with only courtesy after it ("bonjour à tous",
          // "hello everyone") or a name: "yo llevo la sidra" is Spanish for "I bring the cider"
          // (December 2026 tryout), "bonjour, qui a un escabeau ?" a question.
          /^(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|good (?:morning|evening|afternoon))(?: (?:a|tout|tous|toutes|le|la|les|monde|voisins?|voisines?|bot|everyone|everybody|all|there|guys|folks|ca|va|comment|how|are|you|toi|vous|mes|chers|cheres|madame|monsieur|mesdames|messieurs))*(?: [a-z]+)?$|^yo(?: bot)?$/,
        ],
        offer: (t) => t('understanding.offer_help'),
        run: async (ctx) => {
          await ctx.reply(ctx.t('understanding.greeting', { name: ctx.person.displayName }));
        },
      },
      {
        name: 'help.thanks',
        where: 'any',
        alone: true,
        patterns: [
          /^(?:(?:un )?(?:grand |tres grand )?merci|thanks|thank you|super|genial|top|parfait|great|cool|nickel|bravo|c est gentil)\b/,
        ],
        offer: (t) => t('understanding.offer_help'),
        run: async (ctx) => {
          await ctx.reply(ctx.t('understanding.thanks'));
        },
      },
      {
        // "ok", "d'accord", 👍 said to the bot when it asked nothing: a short friendly answer.
        name: 'help.ok',
        where: 'any',
        alone: true,
        patterns: [/^(?:ok|okay|oki|d accord|dac|dacc|entendu|ca marche|ca roule|alright)$/],
        offer: (t) => t('understanding.offer_help'),
        run: async (ctx) => {
          await ctx.reply(ctx.t('understanding.ok'));
        },
      },
    ],
  };
}
