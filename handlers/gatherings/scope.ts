// What gathering code needs to speak in a group, from a handler or from a job alike.
import type { ChatRow } from '../../db/queries/chats.ts';
import type { Deps } from '../deps.ts';
import { escapeHtml, type OutboundMessage, type SentMessage } from '../events.ts';
import type { HandlerContext } from '../feature.ts';
import { toLocale, type Locale, type T } from '../i18n.ts';
import type { Messenger } from '../ports.ts';
import { groupLine } from '../reach.ts';
import { todayIn } from '../zoned-time.ts';

export interface Scope {
  deps: Deps;
  chat: ChatRow;
  messenger: Messenger;
  locale: Locale;
  t: T;
  now: Date;
  /** The group's local date, YYYY-MM-DD. */
  today: string;
  /** Says something in the group. */
  say(message: OutboundMessage | string): Promise<SentMessage>;
}

function makeScope(deps: Deps, chat: ChatRow, messenger: Messenger, now: Date): Scope {
  const locale = toLocale(chat.locale);
  return {
    deps,
    chat,
    messenger,
    locale,
    t: deps.i18n.t(locale),
    now,
    today: todayIn(now, chat.timezone),
    say: (message) =>
      messenger.send(
        chat.externalId,
        typeof message === 'string' ? { kind: 'text', text: message } : message,
      ),
  };
}

export function scopeOf(ctx: HandlerContext, group: ChatRow = ctx.chat): Scope {
  return makeScope(ctx.deps, group, ctx.messenger, ctx.now);
}

/** The scope of a group for a job; undefined when the group is gone or the bot left it. */
export async function scopeOfChat(
  deps: Deps,
  chatId: number,
  now: Date,
): Promise<Scope | undefined> {
  const group = await groupLine(deps, chatId);
  return group && makeScope(deps, group.chat, group.messenger, now);
}

/** A person named in the group: a real mention where the platform has one. */
export function mention(messenger: Messenger, personId: string, name: string): string {
  return messenger.mention?.(personId, name) ?? `@${escapeHtml(name)}`;
}
