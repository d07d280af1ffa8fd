// How a feature plugs into the bot: its commands, the choices (buttons or numbered replies)
// it answers, the jobs it runs later, the deep-link payloads it opens in private, and its
// section of the privacy registry. bot/main.ts lists the features; the router and the job
// runner read these registries and know nothing else about features.
import type { ChatRow } from '../db/queries/chats.ts';
import type { PersonRow } from '../db/queries/people.ts';
import type { Deps } from './deps.ts';
import type {
  ChoiceEvent,
  InboundEvent,
  MembershipEvent,
  MessageEvent,
  OutboundMessage,
  PollClosedEvent,
  PollVoteEvent,
  SentMessage,
} from './events.ts';
import type { Locale, T } from './i18n.ts';
import type { Messenger } from './ports.ts';
import type { PrivacySection } from './privacy/registry.ts';

/** Everything a handler needs about the event it answers. */
export interface HandlerContext<E extends InboundEvent = InboundEvent> {
  deps: Deps;
  messenger: Messenger;
  event: E;
  chat: ChatRow;
  person: PersonRow;
  locale: Locale;
  t: T;
  now: Date;
  /** Answers in the chat the event came from. */
  reply(message: OutboundMessage | string): Promise<SentMessage>;
  /** Whether the sender may use organiser commands in this chat (group admins). */
  isOrganiser(): Promise<boolean>;
  /** Whether the sender administers the bot itself (BOT_ADMINS): official dates, vigilance. */
  isBotAdmin(): boolean;
}

export type MessageContext = HandlerContext<MessageEvent> & { person: PersonRow };
/** A membership notice may name nobody (WhatsApp does not always say who added the bot). */
export type MembershipContext = Omit<HandlerContext<MembershipEvent>, 'person'> & {
  person: PersonRow | undefined;
};
export type ChoiceContext = HandlerContext<ChoiceEvent>;

export interface CommandSpec {
  /** The command's name in each language; both work everywhere. */
  names: Record<Locale, string>;
  /** Other accepted spellings (without accents, short forms). */
  aliases?: string[];
  /** Locale key of the one-line description shown in /aide and in Telegram's menu. */
  descriptionKey: string;
  where: 'group' | 'private' | 'any';
  /** Only group admins may use it in a group. */
  organiserOnly?: boolean;
  /** Hidden from /aide and the menu (e.g. /start). */
  hidden?: boolean;
  run(ctx: MessageContext): Promise<void>;
}

export interface ChoiceSpec {
  /** Choice data is `<prefix>:<rest>`; the rest is untrusted and must be validated. */
  prefix: string;
  organiserOnly?: boolean;
  run(ctx: ChoiceContext, rest: string): Promise<void>;
}

export interface JobContext {
  deps: Deps;
  now: Date;
  /** The job's row id and attempt, for logs. */
  jobId: number;
  attempt: number;
}

export interface JobSpec {
  kind: string;
  /** Its messages go ahead of ordinary traffic (check-ins, the ladder, alerts). */
  urgent?: boolean;
  run(payload: Record<string, unknown>, ctx: JobContext): Promise<void>;
}

/** A job enqueued again and again by the scheduler, with a key per period so it runs once. */
export interface RecurringJobSpec {
  kind: string;
  /** node-cron expression, evaluated in the scheduler's time zone. */
  cron: string;
}

export interface Feature {
  name: string;
  commands?: CommandSpec[];
  choices?: ChoiceSpec[];
  jobs?: JobSpec[];
  recurring?: RecurringJobSpec[];
  /** Telegram `/start <payload>` deep links (and their equivalents), by payload prefix. */
  startPayloads?: Record<string, (ctx: MessageContext, rest: string) => Promise<void>>;
  privacy?: PrivacySection;
  onMembership?(ctx: MembershipContext): Promise<void>;
  onPollVote?(event: PollVoteEvent, deps: Deps, messenger: Messenger): Promise<void>;
  /** A native poll closed outside the bot (stopped by hand in the app). */
  onPollClosed?(event: PollClosedEvent, deps: Deps, messenger: Messenger): Promise<void>;
  /** Addressed messages no command took (free text to the bot). Return true if handled. */
  onText?(ctx: MessageContext): Promise<boolean>;
}
