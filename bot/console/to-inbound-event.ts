// A line typed in the terminal chat to a neutral event. The console plays a group with
// Telegram's privacy mode: the bot is addressed by a command, by a mention ("@bot", "bot,"),
// by a numbered answer, or anywhere in the private chat.
import type { ChatRef, InboundEvent } from '../../handlers/events.ts';
import { isNumberedReply, saysYes } from '../../handlers/numbered-choices.ts';
import { consoleGroup, type Neighbour } from './neighbours.ts';

export interface ConsoleLine {
  id: string;
  speaker: Neighbour;
  /** In the group, or in the speaker's private chat with the bot. */
  where: 'group' | 'private';
  text: string;
  /** The bot's message this line quotes (a reply, as on a phone). */
  replyTo?: string;
}

export function toInboundEvent(line: ConsoleLine): InboundEvent | undefined {
  const text = line.text.trim();
  if (text === '') return undefined;
  const chat: ChatRef =
    line.where === 'group'
      ? { platform: 'console', id: consoleGroup.id, kind: 'group', title: consoleGroup.title }
      : { platform: 'console', id: line.speaker.id, kind: 'private' };
  const command = /^[/!]([\p{L}\d_-]+)(?:@\S+)?\s*(.*)$/su.exec(text);
  const mentioned = /(^|\s)@?bot\b/i.test(text);
  return {
    type: 'message',
    id: line.id,
    chat,
    sender: {
      platform: 'console',
      id: line.speaker.id,
      displayName: line.speaker.name,
      languageCode: 'fr',
    },
    text,
    addressed:
      line.where === 'private' ||
      !!command ||
      mentioned ||
      isNumberedReply(text) ||
      saysYes(text) ||
      line.replyTo !== undefined,
    ...(line.replyTo ? { replyTo: { id: line.replyTo, toBot: true } } : {}),
    ...(command
      ? { command: { name: (command[1] ?? '').toLowerCase(), args: (command[2] ?? '').trim() } }
      : {}),
  };
}
