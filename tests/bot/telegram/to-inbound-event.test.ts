// Payloads shaped as the Bot API sends them (field names and nesting from botapi.json).
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { toInboundEvent } from '../../../bot/telegram/to-inbound-event.ts';

const bot = { id: 999000, username: 'voisins_test_bot' };
const alice = { id: 111, is_bot: false, first_name: 'Alice', language_code: 'fr' };
const people = { bruno: { id: 222, is_bot: false, first_name: 'Bruno' } };
const group = { id: -100123, type: 'supergroup' as const, title: 'Résidence des Lilas' };

function message(text: string, extra: Record<string, unknown> = {}, chat: object = group): Update {
  return {
    update_id: 42,
    message: { message_id: 7, date: 1_780_000_000, chat, from: alice, text, ...extra },
  } as Update;
}

function command(text: string, chat: object = group): Update {
  const length = text.split(' ')[0]!.length;
  return message(text, { entities: [{ type: 'bot_command', offset: 0, length }] }, chat);
}

describe('Telegram updates to neutral events', () => {
  it('maps a group command, with its arguments, to an addressed message', () => {
    expect(toInboundEvent(command('/parametres cp 69003'), bot)).toEqual({
      type: 'message',
      id: 'tg:42',
      chat: { platform: 'telegram', id: '-100123', kind: 'group', title: 'Résidence des Lilas' },
      sender: { platform: 'telegram', id: '111', displayName: 'Alice', languageCode: 'fr' },
      text: '/parametres cp 69003',
      addressed: true,
      messageId: '7',
      command: { name: 'parametres', args: 'cp 69003' },
    });
  });

  it('takes /cmd@ourbot and leaves /cmd@otherbot alone', () => {
    expect(toInboundEvent(command('/aide@voisins_test_bot'), bot)).toMatchObject({
      command: { name: 'aide', args: '' },
    });
    const other = toInboundEvent(command('/aide@other_bot'), bot);
    expect(other).toMatchObject({ type: 'message', addressed: false });
    expect(other).not.toHaveProperty('command');
  });

  it('marks chatter as unaddressed and mentions or replies to the bot as addressed', () => {
    expect(toInboundEvent(message('il pleut'), bot)).toMatchObject({ addressed: false });
    expect(toInboundEvent(message('@Voisins_test_bot bonjour'), bot)).toMatchObject({
      addressed: true,
    });
    const reply = message('oui', {
      reply_to_message: {
        message_id: 5,
        date: 1,
        chat: group,
        from: { id: bot.id, is_bot: true, first_name: 'Bot' },
      },
    });
    expect(toInboundEvent(reply, bot)).toMatchObject({ addressed: true });
  });

  it('reads a private /start with a deep-link payload', () => {
    const privateChat = { id: 111, type: 'private', first_name: 'Alice' };
    expect(toInboundEvent(command('/start mydata', privateChat), bot)).toMatchObject({
      chat: { kind: 'private', id: '111' },
      addressed: true,
      startPayload: 'mydata',
    });
  });

  it('maps a button press to a choice carrying the callback id', () => {
    const update = {
      update_id: 43,
      callback_query: {
        id: 'cb1',
        from: alice,
        chat_instance: 'ci',
        data: 'settings:kind:rue',
        message: {
          message_id: 8,
          date: 1,
          chat: group,
          from: { id: bot.id, is_bot: true, first_name: 'Bot' },
          text: '…',
        },
      },
    } as Update;
    expect(toInboundEvent(update, bot)).toEqual({
      type: 'choice',
      id: 'tg:43',
      chat: { platform: 'telegram', id: '-100123', kind: 'group', title: 'Résidence des Lilas' },
      sender: { platform: 'telegram', id: '111', displayName: 'Alice', languageCode: 'fr' },
      data: 'settings:kind:rue',
      messageId: '8',
      callbackId: 'cb1',
    });
  });

  it("maps a poll answer to the voter's full selection (empty when retracted)", () => {
    const vote = (option_ids: number[]) =>
      ({ update_id: 44, poll_answer: { poll_id: 'p1', user: alice, option_ids } }) as Update;
    expect(toInboundEvent(vote([0, 2]), bot)).toMatchObject({
      type: 'poll_vote',
      pollId: 'p1',
      optionIndexes: [0, 2],
    });
    expect(toInboundEvent(vote([]), bot)).toMatchObject({ type: 'poll_vote', optionIndexes: [] });
  });

  it('notices the bot being added to and removed from a group', () => {
    const change = (oldStatus: string, newStatus: string) =>
      ({
        update_id: 45,
        my_chat_member: {
          chat: group,
          from: alice,
          date: 1,
          old_chat_member: {
            status: oldStatus,
            user: { id: bot.id, is_bot: true, first_name: 'Bot' },
          },
          new_chat_member: {
            status: newStatus,
            user: { id: bot.id, is_bot: true, first_name: 'Bot' },
          },
        },
      }) as Update;
    expect(toInboundEvent(change('left', 'member'), bot)).toMatchObject({
      type: 'bot_added',
      person: { id: '111' },
    });
    expect(toInboundEvent(change('member', 'kicked'), bot)).toMatchObject({ type: 'bot_removed' });
    expect(toInboundEvent(change('member', 'administrator'), bot)).toBeUndefined();
  });

  it('follows the bot’s own arrival through my_chat_member only, not the service message', () => {
    const botUser = { id: bot.id, is_bot: true, first_name: 'Bot', username: bot.username };
    expect(
      toInboundEvent(message('', { text: undefined, new_chat_members: [botUser] }), bot),
    ).toBeUndefined();
    expect(
      toInboundEvent(message('', { text: undefined, left_chat_member: botUser }), bot),
    ).toBeUndefined();
    expect(
      toInboundEvent(message('', { text: undefined, new_chat_members: [people.bruno] }), bot),
    ).toMatchObject({
      type: 'member_joined',
      person: { id: '222', displayName: 'Bruno' },
    });
    expect(
      toInboundEvent(message('', { text: undefined, left_chat_member: people.bruno }), bot),
    ).toMatchObject({
      type: 'member_left',
    });
  });

  it('follows a group upgraded to a supergroup', () => {
    const update = message(
      '',
      { text: undefined, migrate_to_chat_id: -100999 },
      { id: -555, type: 'group', title: 'Lilas' },
    );
    expect(toInboundEvent(update, bot)).toMatchObject({
      type: 'chat_migrated',
      chat: { id: '-555' },
      newId: '-100999',
    });
  });

  it('ignores messages from bots, without text, or from channels', () => {
    expect(
      toInboundEvent(message('hi', { from: { id: 5, is_bot: true, first_name: 'X' } }), bot),
    ).toBeUndefined();
    expect(toInboundEvent(message('', { text: undefined, photo: [] }), bot)).toBeUndefined();
    expect(
      toInboundEvent(message('hi', {}, { id: -1001, type: 'channel', title: 'C' }), bot),
    ).toBeUndefined();
  });
});
