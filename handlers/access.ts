// Who may press a choice, open a deep link or name a row in a command. Each choice and deep
// link declares (handlers/feature.ts, Guard) where it is sent, how to find from its data the
// group that data belongs to, and the role it needs there; the router checks that here
// before running it, whatever chat the press came from (../shared/DESIGN.md: choice data is
// untrusted input). A row is always checked through its own group, so a help request of
// one building named in another building's chat, or in the private chat of someone who
// lives elsewhere, is refused like an id that names nothing, and says nothing of it.
//
// Membership is what the bot knows (chat_members, not left); when it does not know the
// person there, it asks the platform (Telegram getChatMember, WhatsApp's participants; each
// adapter keeps the answer a minute), and remembers a yes. A member it knows is not asked
// again: a press would otherwise cost a platform request (on Telegram, one of the group's
// twenty sends a minute), and the bot sees people leave.
import type { Db } from '../db/client.ts';
import type { ChatRow } from '../db/queries/chats.ts';
import { findActiveGroups, findChatById } from '../db/queries/chats.ts';
import { findMemberGroups } from '../db/queries/mutual-aid.ts';
import { findMembership, saveMembership } from '../db/queries/people.ts';
import type { Deps } from './deps.ts';
import { UserFacingError } from './errors.ts';
import type { Guard, HandlerContext, Reach } from './feature.ts';
import { rowIdFrom } from './plain-words.ts';

export type RefusalReason =
  /** A press from a kind of chat its buttons are never sent to. */
  | 'elsewhere'
  /** The data names nothing (garbage, forged, or a row since deleted). */
  | 'unknown'
  /** Pressed in a group, about another group's data. */
  | 'other-group'
  | 'not-member'
  | 'not-organiser';

/**
 * What the data came with: a button, a deep link, a command's argument, or an answer typed
 * to a question the bot asked privately a while ago.
 */
export type Carrier = 'choice' | 'link' | 'command' | 'answer';

const STALE_KEYS: Record<Carrier, string> = {
  choice: 'router.stale_choice',
  link: 'router.stale_link',
  command: 'router.unknown_number',
  answer: 'router.no_longer_member',
};

/** A refusal: answered politely, and logged once (never as an error). */
export class AccessRefused extends UserFacingError {
  constructor(
    readonly reason: RefusalReason,
    key: string,
  ) {
    super(key);
    this.name = 'AccessRefused';
  }
}

/**
 * Checks a guard against the person and the chat the data came from, and returns the row
 * it reaches; throws AccessRefused otherwise. An id that names nothing and a row of a group
 * the person is not in get the same answer.
 */
export async function requireAccess<C extends HandlerContext, T>(
  ctx: C,
  guard: Guard<C, T> & { where?: 'group' | 'private' | 'any' },
  rest: string,
  carrier: Carrier,
): Promise<T> {
  const refuse = (reason: RefusalReason) => refusal(ctx, carrier, reason);
  if (guard.where && guard.where !== 'any' && guard.where !== ctx.chat.kind) {
    throw refuse('elsewhere');
  }
  const reach = await guard.reaches(ctx, rest);
  if (!reach) throw refuse('unknown');
  if ('own' in reach) return reach.own;
  const { group } = reach;
  if (group.kind !== 'group') throw refuse('unknown');
  if (ctx.chat.kind === 'group' && ctx.chat.id !== group.id) throw refuse('other-group');
  if (!(await isMemberOf(ctx, group))) throw refuse('not-member');
  if (guard.role === 'organiser' && !(await isOrganiserOf(ctx, group))) {
    throw refuse('not-organiser');
  }
  return reach.row;
}

/**
 * For what reaches a group without a guard (an answer typed to a pending question): the
 * person must still be a member of it.
 */
export async function requireMembership(
  ctx: HandlerContext,
  group: ChatRow,
  carrier: Carrier,
): Promise<void> {
  if (ctx.chat.kind === 'group' && ctx.chat.id !== group.id) {
    throw refusal(ctx, carrier, 'other-group');
  }
  if (!(await isMemberOf(ctx, group))) throw refusal(ctx, carrier, 'not-member');
}

/**
 * Logged once: a warning for data the chat could never have been given (a forgery), for
 * the information of whoever reads the logs otherwise (stale buttons, a neighbour who is
 * not an admin, someone who left: ordinary life).
 */
function refusal(ctx: HandlerContext, carrier: Carrier, reason: RefusalReason): AccessRefused {
  const forged = reason === 'elsewhere' || reason === 'other-group';
  ctx.deps.logger[forged ? 'warn' : 'info'](
    {
      platform: ctx.chat.platform,
      chat: ctx.chat.externalId,
      eventId: ctx.event.id,
      carrier,
      reason,
      ...('data' in ctx.event ? { data: ctx.event.data.slice(0, 64) } : {}),
    },
    'refused',
  );
  return new AccessRefused(
    reason,
    reason === 'not-organiser' && carrier === 'choice'
      ? 'router.organisers_only_choice'
      : reason === 'not-organiser'
        ? 'router.organisers_only'
        : STALE_KEYS[carrier],
  );
}

function senderOf(ctx: HandlerContext): string | undefined {
  return 'sender' in ctx.event ? ctx.event.sender.id : undefined;
}

/**
 * Groups of the bot's on one platform, at most, that are asked about a person it knows in
 * none. Past that many the platform is not asked (a request per group, per message): the
 * person is told to write in their group first, as before.
 */
export const MAX_GROUPS_ASKED = 10;

/**
 * The groups a person is a member of, for a private flow that needs one (a need, an offer
 * of help, telling the group after distress). A person the bot knows in no group may still
 * be in one: someone who never wrote there since the bot came, and who writes to it
 * privately first (the terminal chat's neighbours, a newcomer following a poster's link).
 * Then the platform is asked about the bot's groups there, when they are few
 * (MAX_GROUPS_ASKED), and a yes is remembered, as for a press (isMemberOf).
 */
export async function findGroupsOf(ctx: HandlerContext) {
  const { db } = ctx.deps;
  const known = await findMemberGroups(db, ctx.person.id);
  if (known.length > 0 || ctx.chat.kind !== 'private') return known;
  const groups = await findActiveGroups(db, ctx.chat.platform, MAX_GROUPS_ASKED + 1);
  if (groups.length === 0 || groups.length > MAX_GROUPS_ASKED) return known;
  let learnt = false;
  for (const group of groups) {
    if (await isMemberOf(ctx, group)) learnt = true;
  }
  return learnt ? findMemberGroups(db, ctx.person.id) : known;
}

/** What the bot knows, else what the platform says (remembered when it says yes). */
async function isMemberOf(ctx: HandlerContext, group: ChatRow): Promise<boolean> {
  const { deps, person } = ctx;
  // A person is known per platform: nobody on Telegram is a member of a WhatsApp group.
  if (group.platform !== ctx.chat.platform) return false;
  if (await findMembership(deps.db, group.id, person.id)) return true;
  const senderId = senderOf(ctx);
  if (!senderId || !group.active) return false;
  let member: boolean;
  try {
    member = await ctx.messenger.isMember(group.externalId, senderId);
  } catch (error) {
    deps.logger.warn(
      { err: error, chat: group.externalId },
      'membership not asked of the platform',
    );
    return false;
  }
  if (member) {
    await saveMembership(deps.db, group.id, person.id);
    deps.logger.info({ platform: group.platform, chat: group.externalId }, 'member learnt');
  }
  return member;
}

async function isOrganiserOf(ctx: HandlerContext, group: ChatRow): Promise<boolean> {
  if (ctx.chat.id === group.id) return ctx.isOrganiser();
  const senderId = senderOf(ctx);
  if (!senderId) return false;
  try {
    return await ctx.messenger.isAdmin(group.externalId, senderId);
  } catch (error) {
    ctx.deps.logger.warn({ err: error, chat: group.externalId }, 'admin status not known');
    return false;
  }
}

// --- What declarations find their group with ---

type InGroup<T> = Extract<Reach<T>, { group: ChatRow }>;

/** Only the person's own things: no group's data. */
export function ownThings(): Promise<Reach<undefined>> {
  return Promise.resolve({ own: undefined });
}

/** The group the choice was pressed in (its settings, its language). */
export function pressedGroup(ctx: HandlerContext): Promise<InGroup<ChatRow> | undefined> {
  return Promise.resolve(
    ctx.chat.kind === 'group' ? { group: ctx.chat, row: ctx.chat } : undefined,
  );
}

/** A group named by its row id in the data. */
export async function groupNamed(deps: Deps, text: string): Promise<InGroup<ChatRow> | undefined> {
  const id = rowIdFrom(text);
  const chat = id === undefined ? undefined : await findChatById(deps.db, id);
  return chat?.kind === 'group' ? { group: chat, row: chat } : undefined;
}

/** A row found from the data, with the group it belongs to. */
export async function withItsGroup<T extends { chatId: number }>(
  deps: Deps,
  row: T | undefined,
): Promise<InGroup<T> | undefined> {
  const group = row && (await findChatById(deps.db, row.chatId));
  return group ? { group, row } : undefined;
}

/** The row id a choice's data starts with (`12` in `12:yes`). */
export function leadingId(rest: string): number | undefined {
  return rowIdFrom(rest.split(':', 1)[0] ?? '');
}

/** The row whose id the data starts with, found by `find`, with the group it belongs to. */
export async function rowNamed<T extends { chatId: number }>(
  deps: Deps,
  rest: string,
  find: (db: Db, id: number) => Promise<T | undefined>,
): Promise<InGroup<T> | undefined> {
  const id = leadingId(rest);
  return id === undefined ? undefined : withItsGroup(deps, await find(deps.db, id));
}
