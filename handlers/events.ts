// The neutral platform boundary (../shared/DESIGN.md): every adapter turns platform input
// into one InboundEvent and renders OutboundMessages. Handlers see nothing else.

import type { Locale } from './i18n.ts';
import type { Distress } from './understanding/distress.ts';

export type Platform = 'telegram' | 'whatsapp' | 'console';

export interface ChatRef {
  platform: Platform;
  /** The platform's id for the chat (Telegram chat id, WhatsApp `…@g.us`, console name). */
  id: string;
  kind: 'group' | 'private';
  title?: string;
}

export interface PersonRef {
  platform: Platform;
  /** The platform's id for the person. */
  id: string;
  /** Other ids of the same person on the same platform (WhatsApp: @c.us and @lid). */
  aliases?: string[];
  /** First name or nickname as the platform gives it; never a phone number. */
  displayName: string;
  /** IETF language tag the client reports, if any. */
  languageCode?: string;
}

interface EventBase {
  /** Stable across redeliveries: the platform's update or message id, prefixed. */
  id: string;
  chat: ChatRef;
}

export interface CommandInvocation {
  /** Lower-cased, without the leading `/` or `!`, without `@botname`. */
  name: string;
  /** The rest of the message after the command, trimmed. */
  args: string;
}

export interface MessageEvent extends EventBase {
  type: 'message';
  sender: PersonRef;
  text: string;
  /** A command, a mention of the bot, a reply to the bot, or any private message. */
  addressed: boolean;
  command?: CommandInvocation;
  /** Telegram `/start <payload>` deep links and their equivalents. */
  startPayload?: string;
  /**
   * Distress, recognised when the inbox received it (understanding/distress.ts): the text
   * was then dropped before storing, and is empty here.
   */
  distress?: Distress;
  /** The languages its words of distress were in (DistressReading), recorded with it. */
  distressLanguages?: string[];
  /**
   * Delivered long after it was written (WhatsApp's backlog after an outage): a command or
   * a numbered reply is then not answered in the group, where the conversation has moved on.
   */
  late?: boolean;
  /** The platform's id of this message in its chat (to take a need out of a group's view). */
  messageId?: string;
  /**
   * The message this one quotes, when it is a reply: the platform's id of it (WhatsApp: the
   * quoted message's key id, the part of a serialized id after the chat), and whether the
   * bot wrote it. A number quoting a menu answers that menu; quoting a neighbour, nobody.
   */
  replyTo?: { id: string; toBot: boolean };
}

export interface ChoiceEvent extends EventBase {
  type: 'choice';
  sender: PersonRef;
  /** The data of the chosen option, as the handler set it. Untrusted: may be forged. */
  data: string;
  /** The message that carried the choices, when known. */
  messageId?: string;
  /** Telegram callback query id, to acknowledge the press. */
  callbackId?: string;
}

export interface PollVoteEvent {
  type: 'poll_vote';
  id: string;
  /** The platform's poll id; the chat is found from what was stored when sending. */
  pollId: string;
  voter: PersonRef;
  /** The voter's full current selection (indexes); empty when the vote was retracted. */
  optionIndexes: number[];
}

export interface PollClosedEvent {
  type: 'poll_closed';
  id: string;
  pollId: string;
  voterCounts: number[];
}

export interface MembershipEvent extends EventBase {
  type: 'bot_added' | 'bot_removed' | 'member_joined' | 'member_left';
  /** Who added the bot, or who joined or left. */
  person?: PersonRef;
}

export interface ChatMigratedEvent extends EventBase {
  type: 'chat_migrated';
  /** The chat's new platform id (a Telegram group upgraded to a supergroup). */
  newId: string;
}

export type InboundEvent =
  | MessageEvent
  | ChoiceEvent
  | PollVoteEvent
  | PollClosedEvent
  | MembershipEvent
  | ChatMigratedEvent;

/**
 * A labelled option: `data` comes back in a ChoiceEvent (at most 64 bytes on Telegram); a
 * `url` option opens a link instead (a deep link to the private chat).
 */
export type Choice =
  | {
      label: string;
      data: string;
      url?: never;
      /**
       * Where choices are numbers, the number it is shown with in a group: a list's own
       * numbering ("3. chips" on /liste is "3" in its menu), rising, gaps allowed; otherwise
       * the next number. Ignored in a private chat and where there are buttons.
       */
      number?: number;
      /**
       * Where choices are numbers: its number answers it, but it is not shown (a covered
       * item of a bring menu, whose number on the list a neighbour may still type).
       */
      hidden?: boolean;
    }
  | { label: string; url: string; data?: never; number?: never; hidden?: never };

/**
 * The number a numbered choice is shown with after `previous`: its own when it rises (a list's
 * numbering), else the next one.
 */
export function nextNumber(choice: Choice, previous: number): number {
  return choice.number !== undefined && choice.number > previous ? choice.number : previous + 1;
}

/**
 * Text is a small safe HTML subset: `<b>`, `<i>`, `<a href>`, `<code>` and the entities
 * `&lt; &gt; &amp; &quot;`. Anything a person typed reaches it only through i18next's
 * escaping interpolation (or `escapeHtml`), so it can never become markup.
 */
export type OutboundMessage =
  | ({ kind: 'text'; text: string; choices?: Choice[][] } & NumberedMenu)
  | ({ kind: 'poll'; question: string; options: string[]; multipleAnswers: boolean } & NumberedMenu)
  | { kind: 'document'; filename: string; data: Uint8Array; caption?: string };

/** Where choices become numbered lines (WhatsApp, the terminal; handlers/numbered-choices.ts). */
// A type, not an interface: messages are stored as JSON records in the outbox.
export type NumberedMenu = {
  /** The only person the choices are for (their platform id): others' numbers are refused. */
  audience?: string;
  /** A decision: the numbered menu closes once one of its choices was accepted. */
  once?: boolean;
  /** Several choices make sense together ("1 3 5"): each is pressed in turn. */
  multiple?: boolean;
  /** The number of the first choice (set by withNumberedPrompts; 1 when absent). */
  numberFrom?: number;
  /**
   * The language of the line the adapter adds to say how to answer by number: its
   * audience's, when they were answered in another language than the chat's (distress
   * written in Portuguese in a French chat); the chat's when absent.
   */
  language?: Locale;
};

export interface SentMessage {
  /**
   * Absent when the message waits in the outbox for the platform's limits (it is sent a
   * little later): it cannot be edited then, and is posted anew instead.
   */
  messageId?: string;
  /** For a poll: the platform's poll id. */
  pollId?: string;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
