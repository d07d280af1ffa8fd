// Telegram for the benchmarks: a realistic, deterministic mix of group updates (shaped as the
// Bot API sends them, as in tests/support/telegram-harness.ts) and a recording Bot API that
// never touches the network.
import { messageUpdateWithId } from '../../tests/support/telegram-updates.ts';
import type { Transformer } from 'grammy';
import type { Chat, Message, Update, User, UserFromGetMe } from 'grammy/types';
import { seededRandom } from './common.ts';
import type { Work } from './load.ts';

export const TOKEN = '123456:BENCH-TOKEN-abcdefghijklmnopqrstuvwxyz';

export const botInfo: UserFromGetMe = {
  id: 999000,
  is_bot: true,
  first_name: 'Voisins solidaires',
  username: 'voisins_bench_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export type UpdateKind = 'chatter' | 'command' | 'button' | 'private' | 'mydata';
export const updateKinds: UpdateKind[] = ['chatter', 'command', 'button', 'private', 'mydata'];

export interface BenchUpdate {
  update: Update;
  kind: UpdateKind;
}

const FIRST_GROUP_ID = -100_000_000_000;
const FIRST_USER_ID = 10_000_000;
/** User ids are FIRST_USER_ID + group * MEMBER_SLOTS + member: unique per group. */
const MEMBER_SLOTS = 16;

const firstNames = ['Alice', 'Bruno', 'Chloé', 'Driss', 'Emma', 'Fatou', 'Gaël', 'Hugo', 'Inès'];
const streets = ['des Lilas', 'Garibaldi', 'Paul Bert', 'de la Part-Dieu', 'Moncey', 'Voltaire'];
const chatter = [
  'Bonjour à tous !',
  "Quelqu'un a vu un chat roux dans la cour ?",
  "L'ascenseur est encore en panne…",
  'Merci pour le colis, je passe le récupérer ce soir',
  'Qui a une perceuse à prêter ce week-end ?',
  'La fête des voisins, c’est le 30 mai 🎉',
  'Attention, coupure d’eau demain de 9h à 12h',
  'Super, merci beaucoup 🙏',
];
const groupCommands = ['/aide', '/help', '/parametres', '/langue', '/foo'] as const;

export const groupChatId = (group: number) => FIRST_GROUP_ID - group;

/** 6 to 10 members per group, about 8; member 0 is the group's admin. */
function memberCount(group: number): number {
  return 6 + ((Math.imul(group + 1, 2_654_435_761) >>> 29) % 5);
}

function member(group: number, index: number): User {
  const id = FIRST_USER_ID + group * MEMBER_SLOTS + index;
  return {
    id,
    is_bot: false,
    first_name: firstNames[(group * 7 + index) % firstNames.length]!,
    language_code: (group + index) % 5 === 0 ? 'en' : 'fr',
  };
}

/** Whether Telegram would call this user an administrator of this group. */
export function isGroupAdmin(chatId: number, userId: number): boolean {
  const group = FIRST_GROUP_ID - chatId;
  return userId === FIRST_USER_ID + group * MEMBER_SLOTS;
}

/**
 * Endless deterministic updates with growing ids: ~55% chatter the bot ignores, ~25% group
 * commands, ~10% button presses, ~5% /aide in private, ~5% /mesdonnees in a group.
 */
export class UpdateMix {
  private readonly random: () => number;
  private nextId = 1;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  /** `count` updates spread evenly at random over `groups` groups. */
  *generate(count: number, groups: number): Generator<Work<BenchUpdate>> {
    for (let i = 0; i < count; i++) {
      const update = this.next(Math.floor(this.random() * groups));
      const chat = update.update.message?.chat ?? update.update.callback_query?.message?.chat;
      yield { key: chat!.id, item: update };
    }
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private next(group: number): BenchUpdate {
    const chat = {
      id: groupChatId(group),
      type: 'supergroup' as const,
      title: `Rue ${streets[group % streets.length]!} n°${group}`,
    };
    const count = memberCount(group);
    const admin = member(group, 0);
    const anyone = member(group, Math.floor(this.random() * count));
    const nonAdmin = member(group, 1 + Math.floor(this.random() * (count - 1)));
    const r = this.random();
    if (r < 0.55) {
      return { kind: 'chatter', update: this.message(anyone, chat, this.pick(chatter)) };
    }
    if (r < 0.8) {
      const variant = Math.floor(this.random() * 7);
      const [from, text] =
        variant === 5
          ? [admin, '/parametres']
          : variant === 6
            ? [admin, '/parametres cp 69003']
            : [variant === 2 ? nonAdmin : anyone, groupCommands[variant]!];
      return { kind: 'command', update: this.message(from, chat, text) };
    }
    if (r < 0.9) {
      const press = this.random();
      const update =
        press < 0.5
          ? this.button(admin, chat, 'settings:kind:rue')
          : this.button(
              this.random() < 0.5 ? admin : anyone,
              chat,
              this.pick(['language:en', 'language:fr']),
            );
      return { kind: 'button', update };
    }
    if (r < 0.95) {
      const privateChat = {
        id: anyone.id,
        type: 'private' as const,
        first_name: anyone.first_name,
      };
      return { kind: 'private', update: this.message(anyone, privateChat, '/aide') };
    }
    return { kind: 'mydata', update: this.message(anyone, chat, '/mesdonnees') };
  }

  private message(from: User, chat: Chat.SupergroupChat | Chat.PrivateChat, text: string): Update {
    return messageUpdateWithId(from, chat, text, this.nextId++) as unknown as Update;
  }

  private button(from: User, chat: Chat.SupergroupChat, data: string): Update {
    const id = this.nextId++;
    return {
      update_id: id,
      callback_query: {
        id: `cb${id}`,
        from,
        chat_instance: `ci${chat.id}`,
        data,
        message: { message_id: 1, date: 1, chat, from: botInfo, text: '…' } as Message,
      },
    };
  }
}

/** Calls made to the recording Bot API, by method. */
export type CallCounts = Map<string, number>;

/**
 * A Bot API that answers every call at once with a plausible result and records the method.
 * Installed last with api.config.use(), it wraps every other transformer and runs first; as it
 * never calls `prev`, the throttler and auto-retry below it are bypassed (no pacing, no network).
 */
export function recordingBotApi(calls: CallCounts): Transformer {
  let lastMessageId = 0;
  return (_prev, method, payload) => {
    calls.set(method, (calls.get(method) ?? 0) + 1);
    const params = payload as unknown as Record<string, unknown>;
    const chatId = typeof params.chat_id === 'number' ? params.chat_id : 0;
    const chat = chatId < 0 ? { id: chatId, type: 'supergroup' } : { id: chatId, type: 'private' };
    const message = { message_id: ++lastMessageId, date: Math.floor(Date.now() / 1000), chat };
    let result: unknown = true;
    switch (method) {
      case 'sendMessage':
      case 'editMessageText':
        result = { ...message, text: typeof params.text === 'string' ? params.text : '' };
        break;
      case 'sendDocument':
        result = {
          ...message,
          document: { file_id: `doc${lastMessageId}`, file_unique_id: `doc${lastMessageId}` },
          ...(typeof params.caption === 'string' ? { caption: params.caption } : {}),
        };
        break;
      case 'sendPoll':
        result = { ...message, poll: { id: `poll${lastMessageId}`, question: '', options: [] } };
        break;
      case 'getChatMember': {
        const userId = typeof params.user_id === 'number' ? params.user_id : 0;
        result = {
          status: isGroupAdmin(chatId, userId) ? 'administrator' : 'member',
          user: { id: userId, is_bot: false, first_name: 'Voisin' },
        };
        break;
      }
      default:
        break; // answerCallbackQuery and anything else: true
    }
    return Promise.resolve({ ok: true, result } as never);
  };
}
