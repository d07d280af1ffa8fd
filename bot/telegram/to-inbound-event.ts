// Telegram updates to neutral events. Pure: no I/O, tested with payloads shaped as the Bot
// API sends them. With privacy mode on, groups deliver commands, mentions and replies to the
// bot only; anything else that still arrives is mapped as unaddressed chatter.
import type { Chat, Message, Update, User } from 'grammy/types';
import type { ChatRef, InboundEvent, PersonRef } from '../../handlers/events.ts';

export interface BotIdentity {
  id: number;
  username: string;
}

export function toInboundEvent(update: Update, bot: BotIdentity): InboundEvent | undefined {
  const id = `tg:${update.update_id}`;
  if (update.message) return fromMessage(id, update.message, bot);
  if (update.callback_query) {
    const query = update.callback_query;
    const message = query.message;
    if (!message || query.data === undefined) return undefined;
    return {
      type: 'choice',
      id,
      chat: toChatRef(message.chat),
      sender: toPersonRef(query.from),
      data: query.data,
      messageId: String(message.message_id),
      callbackId: query.id,
    };
  }
  if (update.poll_answer) {
    const answer = update.poll_answer;
    if (!answer.user) return undefined; // a vote cast on behalf of a chat: no person to record
    return {
      type: 'poll_vote',
      id,
      pollId: answer.poll_id,
      voter: toPersonRef(answer.user),
      optionIndexes: answer.option_ids,
    };
  }
  if (update.poll) {
    if (!update.poll.is_closed) return undefined;
    return {
      type: 'poll_closed',
      id,
      pollId: update.poll.id,
      voterCounts: update.poll.options.map((o) => o.voter_count),
    };
  }
  if (update.my_chat_member) {
    const change = update.my_chat_member;
    if (change.chat.type === 'private' || change.chat.type === 'channel') return undefined;
    const wasIn = isInChat(change.old_chat_member.status);
    const isIn = isInChat(change.new_chat_member.status);
    if (wasIn === isIn) return undefined;
    return {
      type: isIn ? 'bot_added' : 'bot_removed',
      id,
      chat: toChatRef(change.chat),
      person: toPersonRef(change.from),
    };
  }
  return undefined;
}

function fromMessage(id: string, message: Message, bot: BotIdentity): InboundEvent | undefined {
  const chat = toChatRef(message.chat);
  if (message.chat.type === 'channel') return undefined;
  if (message.migrate_to_chat_id !== undefined) {
    return { type: 'chat_migrated', id, chat, newId: String(message.migrate_to_chat_id) };
  }
  // The bot's own arrival and departure also come as my_chat_member updates, which are
  // the ones we follow (they arrive for every kind of group): the service messages would
  // make the bot introduce itself twice.
  if (message.new_chat_members?.some((m) => m.id === bot.id)) return undefined;
  if (message.left_chat_member) {
    const left = message.left_chat_member;
    if (left.id === bot.id) return undefined;
    return { type: 'member_left', id, chat, person: toPersonRef(left) };
  }
  if (message.new_chat_members) {
    const [first] = message.new_chat_members.filter((m) => !m.is_bot);
    return first ? { type: 'member_joined', id, chat, person: toPersonRef(first) } : undefined;
  }
  const from = message.from;
  const text = message.text ?? message.caption;
  if (!from || from.is_bot || text === undefined) return undefined;
  const command = toCommand(message, bot.username);
  const mentioned = text.toLowerCase().includes(`@${bot.username.toLowerCase()}`);
  const repliedToBot = message.reply_to_message?.from?.id === bot.id;
  const isPrivate = chat.kind === 'private';
  return {
    type: 'message',
    id,
    chat,
    sender: toPersonRef(from),
    text,
    addressed: isPrivate || command !== undefined || mentioned || repliedToBot,
    messageId: String(message.message_id),
    ...(message.reply_to_message
      ? { replyTo: { id: String(message.reply_to_message.message_id), toBot: repliedToBot } }
      : {}),
    ...(command ? { command } : {}),
    ...(isPrivate && command?.name === 'start' && command.args
      ? { startPayload: command.args }
      : {}),
  };
}

/** A bot_command entity at offset 0; `/cmd@otherbot` is for another bot and is not ours. */
function toCommand(message: Message, botUsername: string) {
  const text = message.text;
  const entity = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!text || !entity) return undefined;
  const [name = '', target] = text.slice(1, entity.length).split('@');
  if (target && target.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return { name: name.toLowerCase(), args: text.slice(entity.length).trim() };
}

function isInChat(status: string): boolean {
  return (
    status === 'member' ||
    status === 'administrator' ||
    status === 'creator' ||
    status === 'restricted'
  );
}

export function toChatRef(chat: Chat): ChatRef {
  return {
    platform: 'telegram',
    id: String(chat.id),
    kind: chat.type === 'private' ? 'private' : 'group',
    ...('title' in chat && chat.title ? { title: chat.title } : {}),
  };
}

export function toPersonRef(user: User): PersonRef {
  return {
    platform: 'telegram',
    id: String(user.id),
    displayName: user.first_name || user.username || String(user.id),
    ...(user.language_code ? { languageCode: user.language_code } : {}),
  };
}
