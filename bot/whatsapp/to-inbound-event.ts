// whatsapp-web.js messages and votes to neutral events. Pure: the adapter resolves what
// needs the browser (the other id of the sender, the group's name) and passes it in.
//
// Shapes, as whatsapp-web.js 1.34 emits them at run time:
// - a group message: `from` is the group (`…@g.us`), `author` the sender (`…@c.us`, or
//   `…@lid` on newer accounts); a private message: `from` is the sender, no `author`;
// - a person may appear as `336…@c.us` in one place and `1234…@lid` in another: both ids
//   are kept (aliases) so the person stays one person;
// - a vote (`vote_update`) carries the voter's full current selection; its options carry
//   `localId` at run time although the typings say `id`; an empty selection is a retraction;
//   when the library could not find the poll message (sent before a restart), its
//   `parentMessage` is empty and only `parentMsgKey` names the poll;
// - a media message's text is its caption; when the media expired (no `directPath`), the
//   library gives its base64 thumbnail as `body`, which is not text;
// - a quoted reply names the quoted message's sender in `_data.quotedParticipant`.
import type { InboundEvent, PersonRef } from '../../handlers/events.ts';
import { isNumberedReply, saysYes } from '../../handlers/numbered-choices.ts';
import type { WhatsAppMessage, WhatsAppPollVote } from './whatsapp-client.ts';

export type MessageShape = Pick<
  WhatsAppMessage,
  'from' | 'author' | 'body' | 'type' | 'fromMe' | 'isStatus' | 'broadcast' | 'mentionedIds'
> &
  Partial<Pick<WhatsAppMessage, 'hasMedia' | 'timestamp'>> & {
    id: KeyLike & object;
    /** whatsapp-web.js keeps the raw message here; `notifyName` is the sender's chosen name. */
    _data?: {
      notifyName?: string;
      caption?: string;
      quotedParticipant?: WidLike;
      quotedStanzaID?: string;
    };
  };

/** A WhatsApp id as the page gives it: a string, or a Wid object with `_serialized`. */
type WidLike = string | { _serialized?: string } | null | undefined;

export type VoteShape = Pick<WhatsAppPollVote, 'interractedAtTs'> & {
  voter: WidLike;
  selectedOptions: { localId?: number; id?: number; name?: string }[];
  /** Without an id when the library could not find the poll message. */
  parentMessage?: { id?: KeyLike } | null;
  parentMsgKey?: KeyLike;
};

export function serialized(id: WidLike): string | undefined {
  const value = typeof id === 'string' ? id : id?._serialized;
  return value ? value : undefined;
}

/** A message key as it reaches Node: an object (or its string form). */
export type KeyLike =
  | string
  | {
      fromMe?: boolean;
      remote?: string | { _serialized?: string };
      id?: string;
      participant?: string | { _serialized?: string };
      _serialized?: string;
      /** WhatsApp Web builds from July 2026 keep the key's string here. */
      $1?: string;
    }
  | null
  | undefined;

/**
 * A message's key as a string: `_serialized`, or `$1` where WhatsApp Web renamed it, or
 * rebuilt from its parts (`fromMe_remote_id[_participant]`).
 */
export function messageKey(key: KeyLike): string | undefined {
  if (typeof key === 'string') return key || undefined;
  if (!key) return undefined;
  if (key._serialized) return key._serialized;
  if (key.$1) return key.$1;
  const remote = serialized(key.remote);
  if (typeof key.fromMe !== 'boolean' || !remote || !key.id) return undefined;
  const participant = serialized(key.participant);
  return [String(key.fromMe), remote, key.id, ...(participant ? [participant] : [])].join('_');
}

/**
 * A poll's key without its sender: `fromMe_remote_id`. The poll as sent and the poll a vote
 * names may differ by the participant suffix (the bot's @lid or number), never by these.
 */
export function pollKey(key: KeyLike): string | undefined {
  const full = messageKey(key);
  return full?.split('_').slice(0, 3).join('_');
}

export interface MappingContext {
  /** The bot's own ids (its @c.us and @lid), to recognise mentions and replies. */
  botIds: string[];
  /** Other ids of the sender, resolved by the adapter. */
  senderAliases?: string[];
  groupTitle?: string;
  /** A group message older than this (ms) is late (WhatsApp delivers a backlog after an
   * outage): it is not answered in the group. */
  maxAgeMs?: number;
  /** Milliseconds since the epoch. */
  now?: number;
}

const TEXT_TYPES = new Set(['chat', 'image', 'video', 'document']);

export function isGroupId(id: string): boolean {
  return id.endsWith('@g.us');
}

export function isPersonId(id: string): boolean {
  return id.endsWith('@c.us') || id.endsWith('@lid');
}

/** Reasons a message is not for the bot, for logs at debug level. */
export function whyIgnored(message: MessageShape): string | undefined {
  if (message.fromMe) return 'own message';
  if (message.isStatus || message.from === 'status@broadcast' || message.broadcast)
    return 'status or broadcast';
  if (!isGroupId(message.from) && !isPersonId(message.from)) return 'not a group or a person';
  if (!TEXT_TYPES.has(message.type)) return `message type ${message.type}`;
  if (textOf(message).trim() === '') return 'no text';
  return undefined;
}

/** What the person wrote: a media message's caption, never its thumbnail. */
export function textOf(message: MessageShape): string {
  if ((message.type as string) === 'chat') return message.body;
  if (message._data?.caption !== undefined) return message._data.caption;
  // The library sets `body` to the caption while the media is there, else to the thumbnail.
  return message.hasMedia === false ? '' : message.body;
}

export function toInboundEvent(
  message: MessageShape,
  context: MappingContext,
): InboundEvent | undefined {
  if (whyIgnored(message)) return undefined;
  const inGroup = isGroupId(message.from);
  const senderId = inGroup ? message.author : message.from;
  if (!senderId || !isPersonId(senderId)) return undefined;
  const key = messageKey(message.id);
  if (!key) return undefined;
  const text = textOf(message);
  const command = /^[/!]([\p{L}\d_-]+)\s*(.*)$/su.exec(text.trim());
  const mentioned = (message.mentionedIds ?? []).some((id) =>
    context.botIds.includes(serialized(id) ?? ''),
  );
  const quoted = serialized(message._data?.quotedParticipant);
  const repliedTo = quoted !== undefined && context.botIds.includes(quoted);
  const sender = toPersonRef(senderId, message._data?.notifyName, context.senderAliases);
  const late =
    inGroup &&
    context.maxAgeMs !== undefined &&
    typeof message.timestamp === 'number' &&
    message.timestamp * 1000 < (context.now ?? Date.now()) - context.maxAgeMs;
  return {
    type: 'message',
    id: `wa:${key}`,
    chat: inGroup
      ? {
          platform: 'whatsapp',
          id: message.from,
          kind: 'group',
          ...(context.groupTitle ? { title: context.groupTitle } : {}),
        }
      : { platform: 'whatsapp', id: message.from, kind: 'private' },
    sender,
    text,
    addressed:
      !inGroup || !!command || mentioned || repliedTo || isNumberedReply(text) || saysYes(text),
    messageId: key,
    ...(message._data?.quotedStanzaID
      ? { replyTo: { id: message._data.quotedStanzaID, toBot: repliedTo } }
      : {}),
    ...(late ? { late: true } : {}),
    ...(command
      ? { command: { name: (command[1] ?? '').toLowerCase(), args: (command[2] ?? '').trim() } }
      : {}),
  };
}

export function toVoteEvent(vote: VoteShape, senderAliases?: string[]): InboundEvent | undefined {
  const voter = serialized(vote.voter);
  if (!voter || !isPersonId(voter)) return undefined;
  // The poll message, or, when the library could not find it, its key.
  const pollId = pollKey(vote.parentMessage?.id) ?? pollKey(vote.parentMsgKey);
  if (!pollId) return undefined;
  const optionIndexes = vote.selectedOptions
    .map((option) => option.localId ?? option.id)
    .filter((index): index is number => typeof index === 'number');
  return {
    type: 'poll_vote',
    id: `wa:vote:${pollId}:${voter}:${vote.interractedAtTs}`,
    pollId,
    voter: toPersonRef(voter, undefined, senderAliases),
    optionIndexes,
  };
}

/** WhatsApp ids contain phone numbers: the display name never falls back to the id (an
 * empty name is shown as "a neighbour" by the handlers). */
function toPersonRef(
  id: string,
  notifyName: string | undefined,
  aliases: string[] | undefined,
): PersonRef {
  const others = (aliases ?? []).filter((alias) => alias !== id);
  return {
    platform: 'whatsapp',
    id,
    displayName: notifyName?.trim() ?? '',
    ...(others.length > 0 ? { aliases: others } : {}),
  };
}
