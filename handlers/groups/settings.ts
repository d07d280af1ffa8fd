// /parametres: an admin tells the bot what the group is (immeuble, rue, quartier), its
// name, its postcode and commune (whose département decides the heat and cold alerts; see
// choose-commune.ts) and its language. Each setting is one command with arguments, so it
// works with Telegram's privacy mode (the bot sees commands, not free replies) and on every
// platform; the bot's questions (which commune?) are choices.
import { saveChatSettings, type ChatRow } from '../../db/queries/chats.ts';
import type { DbOrTx } from '../../db/client.ts';
import { findPartnersOfCommune, findQuartiersForCommune } from '../../db/queries/partners.ts';
import { normaliseCommandName } from '../commands.ts';
import type { CommandWords, MeaningOf } from '../command-words.ts';
import { escapeHtml } from '../events.ts';
import { UserFacingError } from '../errors.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import { isLocale, type Locale, type T } from '../i18n.ts';
import { findLanguage, languagesIn } from '../language.ts';
import {
  describePlace,
  findChosenCommune,
  findCommuneForPostcode,
  type PlaceSettings,
} from './choose-commune.ts';

export const groupKinds = ['immeuble', 'rue', 'quartier'] as const;
type GroupKind = (typeof groupKinds)[number];

const MAX_NAME_LENGTH = 80;

/** What /parametres changes; the words for each are in command-words.ts (`setting`). */
type Setting = MeaningOf<'setting'>;

export async function showOrChangeSettings(ctx: MessageContext): Promise<void> {
  const args = ctx.event.command?.args ?? '';
  if (args === '') return showSettings(ctx, ctx.chat);
  const words = ctx.deps.i18n.commandWords;
  const { setting, value } = readSetting(words, args);
  if (!setting) throw new UserFacingError('settings.unknown_setting');
  if (setting === 'listening' && ctx.chat.platform !== 'whatsapp') {
    // Elsewhere the bot receives only what is addressed to it: nothing more to listen to.
    throw new UserFacingError('settings.listening_whatsapp_only');
  }
  if (setting === 'quartier') return chooseQuartier(ctx, value);
  if (setting === 'postcode') {
    const answer = await findCommuneForPostcode(ctx.t, value);
    if (answer.kind === 'ask') {
      // The admin's question, answered once: another member's number is not an answer to it.
      await ctx.reply({ ...answer.message, audience: ctx.event.sender.id, once: true });
      return;
    }
    return savePlace(ctx, answer.settings);
  }
  const changes = toSettingChange(setting, value, ctx.deps.i18n.available, words, ctx.t);
  const chat = await saveChatSettings(ctx.deps.db, ctx.chat, changes);
  await confirm(ctx, chat);
}

/** The longest setting name, in words ("deuxième langue", "segunda língua", "second language"). */
const SETTING_WORDS = 3;

/**
 * The setting the first words name, as one word or several ("langue2", "deuxième langue",
 * "second language", "langue 2": compared without their spaces), the longest first, and
 * what follows it.
 */
export function readSetting(
  words: CommandWords,
  args: string,
): { setting: Setting | undefined; value: string } {
  for (let count = SETTING_WORDS; count >= 1; count--) {
    const match = new RegExp(`^(\\S+(?:\\s+\\S+){${count - 1}})(?:\\s+(.*))?$`, 's').exec(
      args.trim(),
    );
    const setting = match && words.find('setting', match[1]!);
    if (setting) return { setting, value: (match[2] ?? '').trim() };
  }
  return { setting: undefined, value: '' };
}

function toSettingChange(
  setting: Exclude<Setting, 'postcode' | 'quartier'>,
  value: string,
  available: readonly Locale[],
  words: CommandWords,
  t: T,
) {
  const language = () => {
    const locale = findLanguage(value, words);
    if (!locale || !available.includes(locale)) {
      throw new UserFacingError('settings.bad_language', {
        languages: languagesIn(t, available),
      });
    }
    return locale;
  };
  const switched = () => {
    const on = words.find('switch', value);
    if (on === undefined) throw new UserFacingError('settings.bad_switch');
    return on === 'on';
  };
  switch (setting) {
    case 'kind': {
      const kind = words.find('groupKind', value);
      if (!kind) throw new UserFacingError('settings.bad_kind');
      return { groupKind: kind };
    }
    case 'name': {
      const name = value.replace(/\s+/g, ' ');
      if (name === '' || name.length > MAX_NAME_LENGTH) {
        throw new UserFacingError('settings.bad_name', { max: MAX_NAME_LENGTH });
      }
      return { name };
    }
    case 'language':
      return { locale: language() };
    case 'secondLanguage': {
      // Only admins reach here (/parametres is theirs): none, or a language the bot speaks.
      if (words.find('none', value) || words.find('switch', value) === 'off') {
        return { secondLocale: null };
      }
      return { secondLocale: language() };
    }
    case 'suggestions': {
      return { kitSuggestions: switched() };
    }
    case 'listening': {
      return { distressListening: switched() };
    }
    case 'city': {
      return { visibleToCity: switched() };
    }
    case 'cityMessages': {
      return { cityMessages: switched() };
    }
  }
}

/**
 * /parametres quartier [name]: places the group in one of the quartiers its partner city
 * named (Villes solidaires), for the city's figures by quartier. Without a name, the
 * quartiers are offered as choices.
 */
async function chooseQuartier(ctx: MessageContext, value: string): Promise<void> {
  const { t } = ctx;
  if (!ctx.chat.communeInsee) throw new UserFacingError('settings.quartier_needs_commune');
  const available = await findQuartiersForCommune(ctx.deps.db, ctx.chat.communeInsee);
  if (available.length === 0) throw new UserFacingError('settings.no_quartiers');
  const wanted = normaliseCommandName(value);
  if (wanted !== '') {
    const quartierId = ctx.deps.i18n.commandWords.find('none', value)
      ? null
      : available.find((q) => normaliseCommandName(q.name) === wanted)?.id;
    if (quartierId === undefined) {
      throw new UserFacingError('settings.unknown_quartier', {
        names: available.map((q) => q.name).join(', '),
        example: available[0]?.name ?? '',
      });
    }
    const chat = await saveChatSettings(ctx.deps.db, ctx.chat, { quartierId });
    return confirm(ctx, chat);
  }
  await ctx.reply({
    kind: 'text',
    text: t('settings.which_quartier'),
    audience: ctx.event.sender.id,
    once: true,
    choices: [
      ...available.map((q) => [{ label: q.name, data: `settings:quartier:${q.id}` }]),
      [{ label: t('settings.no_quartier'), data: 'settings:quartier:0' }],
    ],
  });
}

export async function applySettingChoice(ctx: ChoiceContext, rest: string): Promise<void> {
  const [setting, value = ''] = rest.split(/:(.*)/s, 2);
  if (setting === 'commune') return savePlace(ctx, await findChosenCommune(value));
  let changes;
  // A quartier id is data from the press: only a quartier of a partner covering this
  // group's commune is accepted (never another city's, whatever the id).
  const quartiers =
    setting === 'quartier' && ctx.chat.communeInsee
      ? await findQuartiersForCommune(ctx.deps.db, ctx.chat.communeInsee)
      : [];
  const quartierId = value === '0' ? null : quartiers.find((q) => String(q.id) === value)?.id;
  if (setting === 'kind' && (groupKinds as readonly string[]).includes(value)) {
    changes = { groupKind: value as GroupKind };
  } else if (setting === 'language' && isLocale(value) && ctx.deps.i18n.available.includes(value)) {
    changes = { locale: value };
  } else if (setting === 'quartier' && quartierId !== undefined) {
    changes = { quartierId };
  } else {
    throw new UserFacingError('router.stale_choice');
  }
  const chat = await saveChatSettings(ctx.deps.db, ctx.chat, changes);
  await confirm(ctx, chat);
}

/** Saves the commune chosen for the postcode, with its département and time zone. */
async function savePlace(ctx: HandlerContext, place: PlaceSettings): Promise<void> {
  const chat = await saveChatSettings(ctx.deps.db, ctx.chat, place);
  const t = ctx.deps.i18n.t(chat.locale as Locale);
  await confirm(ctx, chat, t('settings.saved_place', { place: await describePlace(t, chat) }));
}

async function confirm(ctx: HandlerContext, chat: ChatRow, saved?: string): Promise<void> {
  const t = ctx.deps.i18n.t(chat.locale as Locale);
  await ctx.reply(
    `${saved ?? t('settings.saved')}\n\n${await describeSettings(ctx.deps.db, t, chat)}`,
  );
}

async function showSettings(ctx: MessageContext, chat: ChatRow): Promise<void> {
  const { t } = ctx;
  await ctx.reply({
    kind: 'text',
    text: `${await describeSettings(ctx.deps.db, t, chat)}\n\n${t('settings.how_to')}`,
    audience: ctx.event.sender.id,
    choices: [
      groupKinds.map((kind) => ({
        label: t(`settings.kinds.${kind}`),
        data: `settings:kind:${kind}`,
      })),
      ctx.deps.i18n.available.map((l) => ({
        label: ctx.deps.i18n.t(l)(`language.names.${l}`),
        data: `settings:language:${l}`,
      })),
    ],
  });
}

export async function describeSettings(
  db: DbOrTx,
  t: HandlerContext['t'],
  chat: ChatRow,
): Promise<string> {
  const unset = t('settings.unset');
  const summary = t('settings.summary', {
    kind: chat.groupKind ? t(`settings.kinds.${chat.groupKind}`) : unset,
    name: chat.name ?? chat.title ?? unset,
    place: (await describePlace(t, chat)) ?? unset,
    language: t(`language.names.${chat.locale}`),
    timezone: chat.timezone,
    suggestions: t(chat.kitSuggestions ? 'settings.on' : 'settings.off'),
  });
  const lines = [summary];
  if (chat.secondLocale) {
    lines.push(
      t('settings.second_language', { language: t(`language.names.${chat.secondLocale}`) }),
    );
  }
  // Only WhatsApp delivers the messages not addressed to the bot.
  if (chat.platform === 'whatsapp') {
    lines.push(
      t('settings.listening', {
        state: t(chat.distressListening ? 'settings.on' : 'settings.off'),
      }),
    );
  }
  return [...lines, ...(await describePartnerCity(db, t, chat))].join('\n');
}

/** Where the group's commune is a partner city's: its quartier, and what the city sees. */
async function describePartnerCity(db: DbOrTx, t: T, chat: ChatRow): Promise<string[]> {
  if (!chat.communeInsee) return [];
  const partners = await findPartnersOfCommune(db, chat.communeInsee);
  if (partners.length === 0) return [];
  const quartiers = await findQuartiersForCommune(db, chat.communeInsee);
  const quartier = quartiers.find((q) => q.id === chat.quartierId);
  return [
    t('settings.partner_city', {
      partner: partners.map((p) => escapeHtml(p.name)).join(', '),
      interpolation: { escapeValue: false },
    }),
    ...(quartiers.length > 0
      ? [
          t('settings.quartier', {
            quartier: quartier ? escapeHtml(quartier.name) : t('settings.unset'),
            interpolation: { escapeValue: false },
          }),
        ]
      : []),
    t(chat.visibleToCity ? 'settings.city_sees_name' : 'settings.city_sees_counts'),
    t(chat.cityMessages ? 'settings.city_messages_on' : 'settings.city_messages_off'),
  ];
}
