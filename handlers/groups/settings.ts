// /parametres: an admin tells the bot what the group is (immeuble, rue, quartier), its
// name, its postcode and commune (whose département decides the heat and cold alerts; see
// choose-commune.ts) and its language. Each setting is one command with arguments, so it
// works with Telegram's privacy mode (the bot sees commands, not free replies) and on every
// platform; the bot's questions (which commune?) are choices.
import { saveChatSettings, type ChatRow } from '../../db/queries/chats.ts';
import { normaliseCommandName } from '../commands.ts';
import { UserFacingError } from '../errors.ts';
import type { ChoiceContext, HandlerContext, MessageContext } from '../feature.ts';
import { isLocale, type Locale } from '../i18n.ts';
import {
  describePlace,
  findChosenCommune,
  findCommuneForPostcode,
  type PlaceSettings,
} from './choose-commune.ts';

export const groupKinds = ['immeuble', 'rue', 'quartier'] as const;
type GroupKind = (typeof groupKinds)[number];

const MAX_NAME_LENGTH = 80;

/** Setting names people type, in French and English, to the setting they change. */
type Setting = 'kind' | 'name' | 'postcode' | 'language' | 'suggestions' | 'listening';

const settingNames: Record<string, Setting> = {
  type: 'kind',
  genre: 'kind',
  kind: 'kind',
  nom: 'name',
  name: 'name',
  cp: 'postcode',
  codepostal: 'postcode',
  postcode: 'postcode',
  zip: 'postcode',
  commune: 'postcode',
  langue: 'language',
  language: 'language',
  lang: 'language',
  suggestions: 'suggestions',
  suggestion: 'suggestions',
  kits: 'suggestions',
  ecoute: 'listening',
  listening: 'listening',
  listen: 'listening',
  detresse: 'listening',
  distress: 'listening',
};

const SWITCH_WORDS: Record<string, boolean> = {
  on: true,
  oui: true,
  yes: true,
  activer: true,
  off: false,
  non: false,
  no: false,
  desactiver: false,
};

const kindWords: Record<string, GroupKind> = {
  immeuble: 'immeuble',
  residence: 'immeuble',
  building: 'immeuble',
  rue: 'rue',
  street: 'rue',
  quartier: 'quartier',
  neighbourhood: 'quartier',
  neighborhood: 'quartier',
};

/** A word's entry, never one of Object's own properties ("constructor", "toString"). */
const own = <V>(table: Record<string, V>, word: string): V | undefined =>
  Object.hasOwn(table, word) ? table[word] : undefined;

export async function showOrChangeSettings(ctx: MessageContext): Promise<void> {
  const args = ctx.event.command?.args ?? '';
  if (args === '') return showSettings(ctx, ctx.chat);
  const match = /^(\S+)\s*(.*)$/s.exec(args);
  const settingWord = normaliseCommandName(match?.[1] ?? '').replace(/[^a-z]/g, '');
  const value = (match?.[2] ?? '').trim();
  const setting = own(settingNames, settingWord);
  if (!setting) throw new UserFacingError('settings.unknown_setting');
  if (setting === 'listening' && ctx.chat.platform !== 'whatsapp') {
    // Elsewhere the bot receives only what is addressed to it: nothing more to listen to.
    throw new UserFacingError('settings.listening_whatsapp_only');
  }
  if (setting === 'postcode') {
    const answer = await findCommuneForPostcode(ctx.t, value);
    if (answer.kind === 'ask') {
      // The admin's question, answered once: another member's number is not an answer to it.
      await ctx.reply({ ...answer.message, audience: ctx.event.sender.id, once: true });
      return;
    }
    return savePlace(ctx, answer.settings);
  }
  const changes = toSettingChange(setting, value);
  const chat = await saveChatSettings(ctx.deps.db, ctx.chat, changes);
  await confirm(ctx, chat);
}

function toSettingChange(setting: Exclude<Setting, 'postcode'>, value: string) {
  switch (setting) {
    case 'kind': {
      const kind = own(kindWords, normaliseCommandName(value));
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
    case 'language': {
      const locale = value.toLowerCase().slice(0, 2);
      if (!isLocale(locale)) throw new UserFacingError('settings.bad_language');
      return { locale };
    }
    case 'suggestions': {
      const on = own(SWITCH_WORDS, normaliseCommandName(value));
      if (on === undefined) throw new UserFacingError('settings.bad_switch');
      return { kitSuggestions: on };
    }
    case 'listening': {
      const on = own(SWITCH_WORDS, normaliseCommandName(value));
      if (on === undefined) throw new UserFacingError('settings.bad_switch');
      return { distressListening: on };
    }
  }
}

export async function applySettingChoice(ctx: ChoiceContext, rest: string): Promise<void> {
  const [setting, value = ''] = rest.split(/:(.*)/s, 2);
  if (setting === 'commune') return savePlace(ctx, await findChosenCommune(value));
  let changes;
  if (setting === 'kind' && (groupKinds as readonly string[]).includes(value)) {
    changes = { groupKind: value as GroupKind };
  } else if (setting === 'language' && isLocale(value)) {
    changes = { locale: value };
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
  await ctx.reply(`${saved ?? t('settings.saved')}\n\n${await describeSettings(t, chat)}`);
}

async function showSettings(ctx: MessageContext, chat: ChatRow): Promise<void> {
  const { t } = ctx;
  await ctx.reply({
    kind: 'text',
    text: `${await describeSettings(t, chat)}\n\n${t('settings.how_to')}`,
    audience: ctx.event.sender.id,
    choices: [
      groupKinds.map((kind) => ({
        label: t(`settings.kinds.${kind}`),
        data: `settings:kind:${kind}`,
      })),
      [
        { label: 'Français', data: 'settings:language:fr' },
        { label: 'English', data: 'settings:language:en' },
      ],
    ],
  });
}

export async function describeSettings(t: HandlerContext['t'], chat: ChatRow): Promise<string> {
  const unset = t('settings.unset');
  const summary = t('settings.summary', {
    kind: chat.groupKind ? t(`settings.kinds.${chat.groupKind}`) : unset,
    name: chat.name ?? chat.title ?? unset,
    place: (await describePlace(t, chat)) ?? unset,
    language: t(`language.names.${chat.locale}`),
    timezone: chat.timezone,
    suggestions: t(chat.kitSuggestions ? 'settings.on' : 'settings.off'),
  });
  // Only WhatsApp delivers the messages not addressed to the bot.
  return chat.platform === 'whatsapp'
    ? `${summary}\n${t('settings.listening', {
        state: t(chat.distressListening ? 'settings.on' : 'settings.off'),
      })}`
    : summary;
}
