// How a feature plugs into the bot: its commands, the choices (buttons or numbered replies)
// it answers, the jobs it runs later, the deep-link payloads it opens in private, and its
// section of the privacy registry. bot/main.ts lists the features; the router and the job
// runner read these registries and know nothing else about features.
import type { IntentSpec } from './understanding/intents.ts';
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
export type ChoiceContext = HandlerContext<ChoiceEvent> & {
  /**
   * Tells the presser alone: on Telegram in the press's own pop-up, with nothing posted in
   * the chat; where choices are numbers the person typed, as a reply where they typed it.
   */
  notify(text: string): Promise<void>;
  /**
   * Where a press can open a link for the presser alone (Telegram), opens the private chat
   * with the bot on this deep-link payload, and says true; false elsewhere.
   */
  openPrivateChat(payload: string): boolean;
};

export interface CommandSpec {
  /**
   * The command's French and English names; both work everywhere. Other languages add
   * aliases in their locale files (`commands.aliases.<French name>`).
   */
  names: { fr: string; en: string };
  /** Other accepted spellings (without accents, short forms). */
  aliases?: string[];
  /** Locale key of the one-line description shown in /aide and in Telegram's menu. */
  descriptionKey: string;
  where: 'group' | 'private' | 'any';
  /** Only group admins may use it in a group (/aide marks it so). */
  organiserOnly?: boolean;
  /**
   * Locale key of what of it only group admins may do (`/fete`: start, change or cancel it;
   * anyone sees it), said after its description in /aide and Telegram's menu. The command
   * checks it itself.
   */
  organiserUsesKey?: string;
  /** Hidden from /aide and the menu (e.g. /start). */
  hidden?: boolean;
  /**
   * Not run after the emergency numbers when its words say distress ("/aide je suis tombée"):
   * what it shows would only push the numbers out of sight. Other commands go on after them.
   */
  notAfterDistress?: boolean;
  run(ctx: MessageContext): Promise<void>;
}

/** What a choice or a deep link needs of the person in the group it reaches. */
export type Role = 'member' | 'organiser';

/**
 * What the data of a choice or a deep link reaches: a row and the group it belongs to (the
 * router then checks the person against that group), or only the person's own things (their
 * own data, their private chat's language, the kit catalogue), which no group check concerns.
 */
export type Reach<T> = { group: ChatRow; row: T } | { own: T };

/**
 * Declared by every choice and deep link, and checked by the router before it runs them,
 * whatever chat the press or the link came from (handlers/access.ts): choice data is
 * untrusted input. `reaches` reads the data (ids through rowIdFrom) and answers undefined
 * for anything it does not name: forged, stale, deleted.
 */
export interface Guard<C, T> {
  reaches(ctx: C, rest: string): Promise<Reach<T> | undefined>;
  /** The role needed in the group reached: a member by default. */
  role?: Role;
}

export interface ChoiceSpec<T = unknown> extends Guard<ChoiceContext, T> {
  /** Choice data is `<prefix>:<rest>`; a prefix has one part (`kit`) or two (`aid:offer`). */
  prefix: string;
  /** Where its buttons are sent: a press from another kind of chat is forged. */
  where: 'group' | 'private' | 'any';
  /** Runs with what `reaches` found, once the router has checked the person may. */
  run(ctx: ChoiceContext, found: T, rest: string): Promise<void>;
  /**
   * The list a menu starting with this choice is, as a person names it ("la liste « qui
   * apporte quoi » de « Galette »"), plain text: said when the bot asks which list a typed
   * number answers, or that a question was replaced (handlers/which-list.ts). Named only
   * from what belongs to `ctx.chat` (undefined otherwise: the list is named by its time).
   */
  listName?(
    ctx: HandlerContext,
    rest: string,
    menu: { options: string[] },
  ): Promise<string | undefined>;
  /**
   * Whether the list a menu starting with this choice is over (its gathering cancelled or
   * past): never offered when the bot asks which list a typed number answers.
   */
  isOver?(ctx: HandlerContext, rest: string): Promise<boolean>;
  /**
   * The command that asks a question starting with this choice again ("/evenement annuler
   * apero"), said when a number answers it after its time; undefined: none to say.
   */
  askAgain?(ctx: HandlerContext, rest: string): Promise<string | undefined>;
}

/** A deep link's payload, `<prefix>-<rest>`: always opened in the private chat. */
export interface StartPayloadSpec<T = unknown> extends Guard<MessageContext, T> {
  run(ctx: MessageContext, found: T, rest: string): Promise<void>;
}

/** Whether the handler answers a press (a button, or a numbered reply). */
export function isPress(ctx: HandlerContext): ctx is ChoiceContext {
  return 'notify' in ctx;
}

/** Infers a choice's row type from its `reaches`, for `run`. */
export function defineChoice<T>(spec: ChoiceSpec<T>): ChoiceSpec<T> {
  return spec;
}

export function defineStartPayload<T>(spec: StartPayloadSpec<T>): StartPayloadSpec<T> {
  return spec;
}

export interface JobContext {
  deps: Deps;
  now: Date;
  /** The job's row id and attempt, for logs. */
  jobId: number;
  attempt: number;
  /** The worker holding the job's lease (a job that marks itself done says who holds it). */
  workerId: string;
}

/**
 * A job's run may end it itself, in its own last statement (markJobDoneWith in db/): it
 * resolves to JOB_MARKED_DONE and the runner spends no statement on it (a city message's
 * send, thousands a minute). Otherwise the runner marks it done.
 */
export const JOB_MARKED_DONE = 'marked done';

export interface JobSpec {
  kind: string;
  /** Its messages go ahead of ordinary traffic (check-ins, the ladder, alerts). */
  urgent?: boolean;
  run(payload: Record<string, unknown>, ctx: JobContext): Promise<void | typeof JOB_MARKED_DONE>;
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
  startPayloads?: Record<string, StartPayloadSpec>;
  privacy?: PrivacySection;
  onMembership?(ctx: MembershipContext): Promise<void>;
  onPollVote?(event: PollVoteEvent, deps: Deps, messenger: Messenger): Promise<void>;
  /** A poll of `ctx.chat` as a person names it, plain text (see ChoiceSpec.listName). */
  pollName?(ctx: HandlerContext, pollId: string): Promise<string | undefined>;
  /** A native poll closed outside the bot (stopped by hand in the app). */
  onPollClosed?(event: PollClosedEvent, deps: Deps, messenger: Messenger): Promise<void>;
  /** Addressed messages no command took (free text to the bot). Return true if handled. */
  onText?(ctx: MessageContext): Promise<boolean>;
  /** What people ask for in plain words, and what answers it (understanding/intents.ts). */
  intents?: IntentSpec[];
}
