// Ports: what handlers may ask of the edges. Adapters in bot/ implement Messenger; bot/main
// provides the Logger (pino) and the Clock.
import type { OutboundMessage, Platform, SentMessage } from './events.ts';

/** What a platform can do; handlers degrade gracefully with it. */
export interface Capabilities {
  /** Buttons under a message (Telegram). Without them, choices are numbered replies. */
  inlineButtons: boolean;
  /** Whether a sent message can be edited in place (a running RSVP count). */
  editMessages: boolean;
  /** Native polls (otherwise polls are numbered questions answered with "1 3"). */
  nativePolls: boolean;
  /** Native polls whose votes name the voter. */
  pollVoterIdentity: boolean;
  maxPollOptions: number;
  /** Longest text message, in characters. */
  maxMessageLength: number;
  /** Whether the bot may write privately to someone who never wrote to it first. */
  canMessageFirst: boolean;
  documents: boolean;
  /**
   * Longest notice a button press can be answered with, for the presser alone (Telegram's
   * pop-up); 0 where choices are typed numbers, which have no answer of their own.
   */
  maxChoiceNoticeLength: number;
}

/**
 * What sendInTurn did: sent; not now (its turn is at `at`); nothing (`beforeSend` said no);
 * or the platform failed it, for good (`permanent`: the chat is gone, the bot was removed) or
 * for now (unreachable; its 429 said when), with the platform's words.
 */
export type InTurnResult =
  | { outcome: 'sent'; sent: SentMessage }
  | { outcome: 'later'; at: Date }
  | { outcome: 'skipped' }
  | {
      outcome: 'failed';
      permanent: boolean;
      reason: string;
      retryAfterMs?: number;
      /** The platform may have taken it (a timeout, a reset once the request went out). */
      mayHaveArrived: boolean;
    };

export interface InTurnOptions {
  /**
   * Called once the turn has come, just before the platform is asked: false sends nothing
   * (the work was cancelled meanwhile). A durable record of "about to send" goes here.
   */
  beforeSend(): Promise<boolean>;
}

export interface Messenger {
  platform: Platform;
  capabilities: Capabilities;
  send(chatId: string, message: OutboundMessage): Promise<SentMessage>;
  /** Replaces a message's text and choices; only when capabilities.editMessages. */
  edit(chatId: string, messageId: string, message: OutboundMessage): Promise<void>;
  /**
   * Removes a message someone wrote in a group, for everyone, where the platform lets the bot
   * (it is an admin of the group); false when it may not. Absent where nothing can be removed.
   */
  deleteMessage?(chatId: string, messageId: string): Promise<boolean>;
  /** Closes a native poll the bot sent. */
  closePoll(chatId: string, messageId: string): Promise<void>;
  /**
   * Acknowledges a button press, once: a notice (the neutral markup, shortened to
   * capabilities.maxChoiceNoticeLength) shown to the presser alone, or a link their app
   * opens (a privateChatLink: the private chat with the bot, on a payload).
   */
  acknowledgeChoice(callbackId: string, notice?: string, link?: string): Promise<void>;
  /** Whether the person is an admin of the group (organiser commands). */
  isAdmin(chatId: string, personId: string): Promise<boolean>;
  /**
   * Whether the person is in the group now, as the platform says; asked only when the bot
   * does not know them there (each call may cost a request to the platform).
   */
  isMember(chatId: string, personId: string): Promise<boolean>;
  /** The platform ids of the group's admins (people, not bots): the organisers to alert. */
  listAdmins(chatId: string): Promise<string[]>;
  /** A link that opens a private chat with the bot carrying a payload, if the platform has one. */
  privateChatLink(payload: string): string | undefined;
  /** A public link to the bot (printed as a QR code on documents), if the platform has one. */
  botLink(): string | undefined;
  /** The chat id of the private chat with a person (Telegram: the user id). */
  privateChatId(personId: string): string;
  /** Markup that mentions a person in a group (notifying them), where the platform has it. */
  mention?(personId: string, displayName: string): string;
  /**
   * The same messenger, whose sends go ahead of ordinary traffic under the platform's limits:
   * answers to presses, organisers' commands, check-ins, alerts. Where there are no limits
   * to share, absent.
   */
  urgent?(): Messenger;
  /**
   * Sends now if the platform's shared limits give this message a turn within a moment
   * (waiting that moment), and otherwise says when its turn is, queueing nothing: for work
   * that keeps its own durable record of what was sent (a city message's deliveries), where
   * the outbox's "sent again after a crash" is not acceptable. Absent where there are no
   * limits to keep (then: beforeSend, and send).
   */
  sendInTurn?(
    chatId: string,
    message: OutboundMessage,
    options: InTurnOptions,
  ): Promise<InTurnResult>;
}

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
