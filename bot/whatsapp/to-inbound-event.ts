// whatsapp-web.js messages and votes to neutral events. Pure: the adapter resolves what
// needs the browser (the other id of the sender, the group's name) and passes it in.
//
// Shapes, as whatsapp-web.js 1.34 emits them at run time:
// - a group message: `from` is the group (`…@g.us`), `author` the sender (`…@c.us`, or
//   `…@lid` on newer accounts); a private message: `from` is the sender, no `author`;
// - a person may appear as `336…@c.us` in one place and `1234…@lid` in another: both ids
//   are kept (aliases) so the person stays one person;
// - a vote (`vote_update`) carries the voter's full current selection; its options carry
//   `localId` at run time although the typings say `id`; an empty selection is a retraction.
import type { InboundEvent, PersonRef } from '../../handlers/events.ts';
import { isNumberedReply } from '../../handlers/numbered-choices.ts';
import type { WhatsAppMessage, WhatsAppPollVote } from './whatsapp-client.ts';

export type MessageShape = Pick<
  WhatsAppMessage,
  'from' | 'author' | 'body' | 'type' | 'fromMe' | 'isStatus' | 'broadcast' | 'mentionedIds'
> & {
  id: { _serialized: string };
  /** whatsapp-web.js keeps the raw message here; `notifyName` is the sender's chosen name. */
  _data?: { notifyName?: string };
};

export type VoteShape = Pick<WhatsAppPollVote, 'voter' | 'interractedAtTs'> & {
  selectedOptions: { localId?: number; id?: number; name?: string }[];
  parentMessage: { id: { _serialized: string; remote?: string } };
};

export interface MappingContext {
  /** The bot's own ids (its @c.us and @lid), to recognise mentions. */
  botIds: string[];
  /** Other ids of the sender, resolved by the adapter. */
  senderAliases?: string[];
  groupTitle?: string;
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
  if (message.body.trim() === '') return 'no text';
  return undefined;
}

export function toInboundEvent(
  message: MessageShape,
  context: MappingContext,
): InboundEvent | undefined {
  if (whyIgnored(message)) return undefined;
  const inGroup = isGroupId(message.from);
  const senderId = inGroup ? message.author : message.from;
  if (!senderId || !isPersonId(senderId)) return undefined;
  const text = message.body;
  const command = /^[/!]([\p{L}\d_-]+)\s*(.*)$/su.exec(text.trim());
  const mentioned = (message.mentionedIds ?? []).some((id) => context.botIds.includes(id));
  const sender = toPersonRef(senderId, message._data?.notifyName, context.senderAliases);
  return {
    type: 'message',
    id: `wa:${message.id._serialized}`,
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
    addressed: !inGroup || !!command || mentioned || isNumberedReply(text),
    ...(command
      ? { command: { name: (command[1] ?? '').toLowerCase(), args: (command[2] ?? '').trim() } }
      : {}),
  };
}

export function toVoteEvent(vote: VoteShape, senderAliases?: string[]): InboundEvent | undefined {
  if (!isPersonId(vote.voter)) return undefined;
  const pollId = vote.parentMessage.id._serialized;
  const optionIndexes = vote.selectedOptions
    .map((option) => option.localId ?? option.id)
    .filter((index): index is number => typeof index === 'number');
  return {
    type: 'poll_vote',
    id: `wa:vote:${pollId}:${vote.voter}:${vote.interractedAtTs}`,
    pollId,
    voter: toPersonRef(vote.voter, undefined, senderAliases),
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
