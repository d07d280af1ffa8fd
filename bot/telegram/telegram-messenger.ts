// The Messenger port on the Bot API. Text goes out as HTML (our neutral markup is the safe
// subset Telegram accepts), choices as inline keyboards, polls as native non-anonymous polls
// (so votes name the voter), documents as uploads. Sends pass through the auto-retry and
// throttler transformers installed on the bot's API (create-telegram-bot.ts).
import { GrammyError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import {
  escapeHtml,
  type Choice,
  type OutboundMessage,
  type SentMessage,
} from '../../handlers/events.ts';
import type { Capabilities, Messenger } from '../../handlers/ports.ts';
import { plainStyle, renderMarkup } from '../render-markup.ts';
import { splitText } from '../split-text.ts';

export const telegramCapabilities: Capabilities = {
  inlineButtons: true,
  editMessages: true,
  nativePolls: true,
  pollVoterIdentity: true,
  maxPollOptions: 12,
  maxMessageLength: 4096,
  canMessageFirst: false,
  documents: true,
  // answerCallbackQuery's text: 0-200 characters, plain text.
  maxChoiceNoticeLength: 200,
};

const MEMBER_CACHE_MS = 60_000;
const MEMBER_CACHE_MAX = 10_000;

type Standing = 'admin' | 'member' | 'out';

export interface TelegramMessenger extends Messenger {
  /** Someone joined or left a group: what Telegram said of them a moment ago is stale. */
  forgetStanding(chatId: string, personId: string): void;
}

export function createTelegramMessenger(api: Api, botUsername: string): TelegramMessenger {
  // A member's standing in a group is asked of Telegram at most once a minute: organiser
  // commands are rare, but a burst of button presses should not become a burst of
  // getChatMember calls, each of which also takes one of the group's 20 sends a minute in
  // the throttler (it carries the group's chat_id).
  const standings = new Map<string, { standing: Standing; until: number }>();

  async function standingOf(chatId: string, personId: string): Promise<Standing> {
    const key = `${chatId}:${personId}`;
    const cached = standings.get(key);
    if (cached && cached.until > Date.now()) return cached.standing;
    const member = await api.getChatMember(toApiChatId(chatId), Number(personId));
    const standing: Standing =
      member.status === 'creator' || member.status === 'administrator'
        ? 'admin'
        : member.status === 'member' || (member.status === 'restricted' && member.is_member)
          ? 'member'
          : 'out';
    const now = Date.now();
    // Oldest first (a key asked again moves to the end): what has expired goes, not only
    // when the map is full.
    for (const [old, entry] of standings) {
      if (entry.until > now && standings.size < MEMBER_CACHE_MAX) break;
      standings.delete(old);
    }
    standings.delete(key);
    standings.set(key, { standing, until: now + MEMBER_CACHE_MS });
    return standing;
  }

  async function send(chat: string, message: OutboundMessage): Promise<SentMessage> {
    const chatId = toApiChatId(chat);
    switch (message.kind) {
      case 'text': {
        const parts = splitText(message.text, telegramCapabilities.maxMessageLength);
        let sent;
        for (const [i, part] of parts.entries()) {
          const last = i === parts.length - 1;
          sent = await api.sendMessage(chatId, part, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(last && message.choices ? { reply_markup: toKeyboard(message.choices) } : {}),
          });
        }
        return { messageId: String(sent?.message_id) };
      }
      case 'poll': {
        const sent = await api.sendPoll(
          chatId,
          message.question,
          message.options.map((text) => ({ text })),
          { is_anonymous: false, allows_multiple_answers: message.multipleAnswers },
        );
        return { messageId: String(sent.message_id), pollId: sent.poll.id };
      }
      case 'document': {
        const sent = await api.sendDocument(
          chatId,
          new InputFile(message.data, message.filename),
          message.caption ? { caption: message.caption, parse_mode: 'HTML' } : {},
        );
        return { messageId: String(sent.message_id) };
      }
    }
  }

  return {
    platform: 'telegram',
    capabilities: telegramCapabilities,
    send,
    async edit(chat, messageId, message) {
      const chatId = toApiChatId(chat);
      if (message.kind !== 'text') throw new Error('only text messages can be edited');
      await api.editMessageText(chatId, Number(messageId), message.text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(message.choices ? { reply_markup: toKeyboard(message.choices) } : {}),
      });
    },
    async deleteMessage(chat, messageId) {
      // A bot removes others' messages in a group only as an admin allowed to delete them;
      // otherwise Telegram answers 400 "message can't be deleted".
      try {
        await api.deleteMessage(toApiChatId(chat), Number(messageId));
        return true;
      } catch (error) {
        if (error instanceof GrammyError && error.error_code === 400) return false;
        throw error;
      }
    },
    async closePoll(chat, messageId) {
      await api.stopPoll(toApiChatId(chat), Number(messageId));
    },
    async acknowledgeChoice(callbackId, notice, link) {
      // A notice is an alert the presser dismisses: a refusal read in a passing toast is missed.
      // A t.me link with ?start= opens the private chat with the bot (answerCallbackQuery's url).
      await api.answerCallbackQuery(callbackId, {
        ...(notice ? { text: toNoticeText(notice), show_alert: true } : {}),
        ...(link ? { url: link } : {}),
      });
    },
    forgetStanding: (chatId, personId) => standings.delete(`${chatId}:${personId}`),
    isAdmin: async (chatId, personId) => (await standingOf(chatId, personId)) === 'admin',
    isMember: async (chatId, personId) =>
      /^\d+$/.test(personId) && (await standingOf(chatId, personId)) !== 'out',
    async listAdmins(chatId) {
      const admins = await api.getChatAdministrators(toApiChatId(chatId));
      return admins.filter((a) => !a.user.is_bot).map((a) => String(a.user.id));
    },
    privateChatLink: (payload) =>
      `https://t.me/${botUsername}?start=${encodeURIComponent(payload)}`,
    botLink: () => `https://t.me/${botUsername}`,
    privateChatId: (personId) => personId,
    // A text mention notifies the person, as tapping their name would.
    mention: (personId, displayName) =>
      /^\d+$/.test(personId)
        ? `<a href="tg://user?id=${personId}">${escapeHtml(displayName)}</a>`
        : `@${escapeHtml(displayName)}`,
  };
}

/** A pop-up shows plain text, 200 characters at most. */
export function toNoticeText(notice: string): string {
  const text = renderMarkup(notice, plainStyle).trim();
  const max = telegramCapabilities.maxChoiceNoticeLength;
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** Telegram chat ids are integers; neutral ids are strings. */
function toApiChatId(chatId: string): number | string {
  return /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
}

function toKeyboard(rows: Choice[][]): { inline_keyboard: InlineKeyboardButton[][] } {
  return {
    inline_keyboard: rows.map((row) =>
      row.map((choice) =>
        choice.url !== undefined
          ? { text: choice.label, url: choice.url }
          : { text: choice.label, callback_data: choice.data },
      ),
    ),
  };
}
