// The Messenger port on whatsapp-web.js. WhatsApp has no usable buttons for unofficial
// clients, so choices become numbered lines (remembered by handlers/numbered-choices.ts);
// polls are native (votes name the voter); documents go as files; edits are not relied on
// (an "edit" is a new message). Pacing (WhatsApp bans accounts for bursts) is the shared
// send limits' job (bot/outbox/send-lanes.ts), around this messenger; the bot never
// writes first to a person: a private chat is written to only if that person wrote to the
// bot (or opted in through one of its flows), as recorded in the database.
import type { Db } from '../../db/client.ts';
import { findChat } from '../../db/queries/chats.ts';
import { findPersonByIdentity, findPersonIdentities } from '../../db/queries/people.ts';
import { nextNumber, type OutboundMessage, type SentMessage } from '../../handlers/events.ts';
import { toLocale, type I18n, type Locale } from '../../handlers/i18n.ts';
import type { Capabilities, Messenger } from '../../handlers/ports.ts';
import type { SendFailure } from '../outbox/operation.ts';
import { renderMarkup } from '../render-markup.ts';
import { splitText } from '../split-text.ts';
import { isGroupId, messageKey, pollKey, type KeyLike } from './to-inbound-event.ts';
import { neutraliseWhatsAppMarks, whatsappStyle } from './whatsapp-style.ts';
import { createDocument, createPoll, type ClientSurface } from './whatsapp-client.ts';

export const whatsappCapabilities: Capabilities = {
  inlineButtons: false,
  editMessages: false,
  nativePolls: true,
  pollVoterIdentity: true,
  maxPollOptions: 12,
  maxMessageLength: 4000,
  canMessageFirst: false,
  documents: true,
  // Choices are numbered replies the person types: there is no pop-up to answer them in.
  maxChoiceNoticeLength: 0,
};

const PARTICIPANTS_CACHE_MS = 60_000;

export interface WhatsAppMessengerOptions {
  client: () => ClientSurface;
  db: Db;
  i18n: I18n;
  /** The bot's phone number once connected (for wa.me links). */
  botNumber(): string | undefined;
  /** Other ids of a person (their @lid for an @c.us, and the reverse). */
  aliasesOf(id: string): Promise<string[]>;
  /** The bot's own ids (its number's and its @lid), once known. */
  ownIds(): string[];
}

export class PrivateFirstContactError extends Error {
  constructor() {
    super('refusing to write first to a person who has not written to the bot');
    this.name = 'PrivateFirstContactError';
  }
}

export interface WhatsAppMessenger extends Messenger {
  /** Someone joined or left a group: its participants are read again when next needed. */
  forgetParticipants(chatId: string): void;
}

export function createWhatsAppMessenger(options: WhatsAppMessengerOptions): WhatsAppMessenger {
  const { db } = options;
  const participants = new Map<
    string,
    { members: Set<string>; admins: Set<string>; until: number }
  >();

  async function assertMayWrite(chatId: string): Promise<void> {
    if (isGroupId(chatId)) return;
    const person = await findPersonByIdentity(db, 'whatsapp', chatId);
    if (!person?.reachablePrivately) throw new PrivateFirstContactError();
  }

  /** A group's participants and admins, asked of WhatsApp Web at most once a minute. */
  async function participantsOf(chatId: string) {
    let entry = participants.get(chatId);
    if (!entry || entry.until < Date.now()) {
      const chat = (await options.client().getChatById(chatId)) as unknown as {
        participants?: { id: { _serialized: string }; isAdmin: boolean; isSuperAdmin: boolean }[];
      };
      const all = chat.participants ?? [];
      entry = {
        members: new Set(all.map((p) => p.id._serialized)),
        admins: new Set(
          all.filter((p) => p.isAdmin || p.isSuperAdmin).map((p) => p.id._serialized),
        ),
        until: Date.now() + PARTICIPANTS_CACHE_MS,
      };
      participants.set(chatId, entry);
    }
    return entry;
  }

  /**
   * Whether any of the person's ids is in the set (a participant may be listed by @lid): the
   * ids WhatsApp Web gives now, then those the bot learnt earlier (kept in the database), so
   * that a lookup failing today does not make an admin a stranger.
   */
  async function isAmong(ids: Set<string>, personId: string): Promise<boolean> {
    const aliases = await options.aliasesOf(personId);
    if ([personId, ...aliases].some((id) => ids.has(id))) return true;
    if (aliases.length > 0) return false;
    const person = await findPersonByIdentity(db, 'whatsapp', personId);
    const known = person ? await findPersonIdentities(db, person.id) : [];
    return known.some((id) => ids.has(id));
  }

  /** In the language the message asks for (its audience's), else the chat's. */
  async function numberedHint(chatId: string, language: Locale | undefined): Promise<string> {
    const locale = language ?? toLocale((await findChat(db, 'whatsapp', chatId))?.locale);
    return options.i18n.t(locale)('whatsapp.choices_hint');
  }

  /**
   * Marks what fails before any part was handed to WhatsApp Web (the session down, the
   * database asked first): nothing of the message went out, and sending it again later
   * cannot make a duplicate (classifyWhatsAppError).
   */
  async function send(chatId: string, message: OutboundMessage): Promise<SentMessage> {
    const progress = { handedOver: false };
    try {
      return await sendParts(chatId, message, progress);
    } catch (error) {
      if (!progress.handedOver && typeof error === 'object' && error !== null) {
        failedBeforeHandingOver.add(error);
      }
      throw error;
    }
  }

  async function sendParts(
    chatId: string,
    message: OutboundMessage,
    progress: { handedOver: boolean },
  ): Promise<SentMessage> {
    await assertMayWrite(chatId);
    const client = options.client();
    // From the first call on, WhatsApp Web may have sent (part of) the message, whatever it
    // answers.
    const sendMessage: typeof client.sendMessage = (...args) => {
      progress.handedOver = true;
      return client.sendMessage(...args);
    };
    switch (message.kind) {
      case 'text': {
        let text = renderMarkup(message.text, whatsappStyle);
        const choices = (message.choices ?? []).flat();
        if (choices.length > 0) {
          // Lists start at 1 (a private chat numbers a question after the safety offer's).
          const first = message.numberFrom ?? 1;
          let n = first - 1;
          // Labels are plain text, often with a name or a date in them: inert too.
          const lines = choices.flatMap((c) => {
            const label = neutraliseWhatsAppMarks(c.label);
            if (c.url !== undefined) return [`${label} → ${c.url}`];
            n = nextNumber(c, n);
            return c.hidden ? [] : [`*${n}.* ${label}`];
          });
          text += `\n\n${lines.join('\n')}`;
          if (n >= first)
            text += `\n\n_${neutraliseWhatsAppMarks(await numberedHint(chatId, message.language))}_`;
        }
        let sentId = '';
        const max = whatsappCapabilities.maxMessageLength;
        for (const part of splitText(text, max, { markup: 'plain' })) {
          // sendSeen: false everywhere: marking the chat read after each send is one more
          // page call, and the one that made every send fail in January 2026 ("markedUnread").
          const sent = await sendMessage(chatId, part, {
            linkPreview: false,
            sendSeen: false,
          });
          sentId = sentMessageId(sent);
        }
        return { messageId: sentId };
      }
      case 'poll': {
        const poll = createPoll(message.question, message.options, message.multipleAnswers);
        const sent = await sendMessage(chatId, poll, { sendSeen: false });
        const messageId = sentMessageId(sent);
        // As votes name it (to-inbound-event.ts): without the sender's suffix.
        return { messageId, pollId: pollKey(sent.id) ?? messageId };
      }
      case 'document': {
        const media = createDocument(message.data, message.filename, mimeTypeOf(message.filename));
        const caption = message.caption ? renderMarkup(message.caption, whatsappStyle) : undefined;
        const sent = await sendMessage(chatId, media, {
          sendMediaAsDocument: true,
          sendSeen: false,
          ...(caption ? { caption } : {}),
        });
        return { messageId: sentMessageId(sent) };
      }
    }
  }

  return {
    platform: 'whatsapp',
    capabilities: whatsappCapabilities,
    send,
    // WhatsApp edits are not relied on: the new version is sent as a new message.
    edit: async (chatId, _messageId, message) => {
      await send(chatId, message);
    },
    // Polls cannot be closed through WhatsApp Web; the feature announces the result.
    closePoll: () => Promise.resolve(),
    async deleteMessage(chatId, messageId) {
      // Only a group admin removes another's message for everyone; WhatsApp Web would
      // otherwise delete it "for me" only, which hides nothing from the group.
      if (!isGroupId(chatId)) return false;
      const { admins } = await participantsOf(chatId);
      if (!options.ownIds().some((id) => admins.has(id))) return false;
      const message = await options.client().getMessageById(messageId);
      if (!message) return false;
      await message.delete(true);
      return true;
    },
    acknowledgeChoice: () => Promise.resolve(),
    async isAdmin(chatId, personId) {
      return isGroupId(chatId) && isAmong((await participantsOf(chatId)).admins, personId);
    },
    forgetParticipants: (chatId) => participants.delete(chatId),
    async isMember(chatId, personId) {
      return isGroupId(chatId) && isAmong((await participantsOf(chatId)).members, personId);
    },
    async listAdmins(chatId) {
      return isGroupId(chatId) ? [...(await participantsOf(chatId)).admins] : [];
    },
    privateChatLink: () => undefined,
    botLink: () => {
      const number = options.botNumber();
      return number ? `https://wa.me/${number}` : undefined;
    },
    privateChatId: (personId) => personId,
  };
}

export class UnknownChatError extends Error {
  constructor() {
    super('WhatsApp did not send the message (unknown chat?)');
    this.name = 'UnknownChatError';
  }
}

/** whatsapp-web.js resolves `undefined` (no error) when it could not find the chat. */
function sentMessageId(sent: { id: KeyLike } | undefined): string {
  const key = messageKey(sent?.id);
  if (!key) throw new UnknownChatError();
  return key;
}

function mimeTypeOf(filename: string): string {
  if (filename.endsWith('.pdf')) return 'application/pdf';
  if (filename.endsWith('.json')) return 'application/json';
  if (filename.endsWith('.png')) return 'image/png';
  // A calendar file: phones offer to add it to the calendar.
  if (filename.endsWith('.ics')) return 'text/calendar';
  return 'application/octet-stream';
}

/** Failures met before a send handed anything to WhatsApp Web (see send()). */
const failedBeforeHandingOver = new WeakSet<object>();

/**
 * How whatsapp-web.js's failures are told apart: refused for good (a person who never wrote
 * to the bot, a chat WhatsApp does not know), or worth trying later (the session is down or
 * reconnecting, the page failed an evaluation). Surely not sent: what failed before reaching
 * WhatsApp Web (the session was down), and a chat it did not find. Otherwise the outcome is
 * unknown: the page may have sent the message before an evaluation failed or the page died.
 */
export function classifyWhatsAppError(error: unknown): SendFailure {
  if (error instanceof PrivateFirstContactError || error instanceof UnknownChatError) {
    return { permanent: true, notSent: true };
  }
  const notSent = typeof error === 'object' && error !== null && failedBeforeHandingOver.has(error);
  return notSent ? { permanent: false, notSent: true } : { permanent: false };
}
