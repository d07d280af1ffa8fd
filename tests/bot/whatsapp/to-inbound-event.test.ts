// Payloads shaped as whatsapp-web.js 1.34 emits them at run time (tests/fakes/whatsapp-client.ts
// builds them after src/structures/Message.js and PollVote.js).
import { describe, expect, it } from 'vitest';
import {
  toInboundEvent,
  toVoteEvent,
  whyIgnored,
  type MappingContext,
} from '../../../bot/whatsapp/to-inbound-event.ts';
import {
  buildMessage,
  buildPollVote,
  createFakeWhatsAppClient,
  type IncomingMessageParams,
} from '../../fakes/whatsapp-client.ts';

const bot = { pn: '33700000000@c.us', lid: '99000000000001@lid' };
const context: MappingContext = { botIds: [bot.pn, bot.lid] };
const group = '120363025246125888@g.us';
const alice = { pn: '33612345678@c.us', lid: '170000000000001@lid' };
const bruno = '33698765432@c.us';

function groupMessage(body: string, extra: Partial<IncomingMessageParams> = {}) {
  return buildMessage({
    from: group,
    author: alice.pn,
    to: bot.pn,
    body,
    notifyName: 'Alice',
    id: 'A1B2C3D4E5F60718293A4B5C6D7E8F90',
    ...extra,
  });
}

function privateMessage(body: string, extra: Partial<IncomingMessageParams> = {}) {
  return buildMessage({ from: alice.pn, to: bot.pn, body, notifyName: 'Alice', ...extra });
}

describe('WhatsApp messages to neutral events', () => {
  it('maps a group command, with its arguments, to an addressed message', () => {
    const message = groupMessage('/kits perceuse 2');
    expect(message.id._serialized).toBe(
      `false_${group}_A1B2C3D4E5F60718293A4B5C6D7E8F90_${alice.pn}`,
    );
    expect(toInboundEvent(message, { ...context, groupTitle: 'Résidence des Lilas' })).toEqual({
      type: 'message',
      id: `wa:false_${group}_A1B2C3D4E5F60718293A4B5C6D7E8F90_${alice.pn}`,
      chat: { platform: 'whatsapp', id: group, kind: 'group', title: 'Résidence des Lilas' },
      sender: { platform: 'whatsapp', id: alice.pn, displayName: 'Alice' },
      text: '/kits perceuse 2',
      addressed: true,
      messageId: `false_${group}_A1B2C3D4E5F60718293A4B5C6D7E8F90_${alice.pn}`,
      command: { name: 'kits', args: 'perceuse 2' },
    });
  });

  it('reads !kits like /kits, lower-cases the name and trims the arguments', () => {
    expect(toInboundEvent(groupMessage('!kits'), context)).toMatchObject({
      addressed: true,
      command: { name: 'kits', args: '' },
    });
    expect(toInboundEvent(groupMessage('  !KITS   escabeau  '), context)).toMatchObject({
      command: { name: 'kits', args: 'escabeau' },
    });
  });

  it('takes a mention of the bot by its @c.us or its @lid as addressed', () => {
    const byPhone = groupMessage('@33700000000 on a une perceuse ?', { mentionedIds: [bot.pn] });
    const byLid = groupMessage('@99000000000001 on a une perceuse ?', {
      mentionedIds: [bruno, bot.lid],
    });
    expect(toInboundEvent(byPhone, context)).toMatchObject({ addressed: true });
    expect(toInboundEvent(byLid, context)).toMatchObject({ addressed: true });
    expect(toInboundEvent(byLid, context)).not.toHaveProperty('command');
  });

  it('leaves chatter and mentions of other people unaddressed', () => {
    expect(toInboundEvent(groupMessage('il pleut'), context)).toMatchObject({
      type: 'message',
      addressed: false,
      text: 'il pleut',
    });
    const other = groupMessage('@33698765432 tu as vu ?', { mentionedIds: [bruno] });
    expect(toInboundEvent(other, context)).toMatchObject({ addressed: false });
  });

  it('takes a bare number as a numbered reply, addressed', () => {
    expect(toInboundEvent(groupMessage('2'), context)).toMatchObject({
      addressed: true,
      text: '2',
    });
    expect(toInboundEvent(groupMessage('1 3'), context)).toMatchObject({ addressed: true });
    expect(toInboundEvent(groupMessage('2 perceuses'), context)).toMatchObject({
      addressed: false,
    });
  });

  it('maps a private message (from = the sender, no author) to an addressed private message', () => {
    const message = privateMessage('bonjour', { id: '3A0123456789ABCDEF01' });
    expect(message.author).toBeUndefined();
    expect(toInboundEvent(message, context)).toEqual({
      type: 'message',
      id: `wa:false_${alice.pn}_3A0123456789ABCDEF01`,
      chat: { platform: 'whatsapp', id: alice.pn, kind: 'private' },
      sender: { platform: 'whatsapp', id: alice.pn, displayName: 'Alice' },
      text: 'bonjour',
      addressed: true,
      messageId: `false_${alice.pn}_3A0123456789ABCDEF01`,
    });
  });

  it('carries the other id of the sender (@lid or @c.us) as an alias, never its own id', () => {
    const fromLid = groupMessage('/kits', { author: alice.lid });
    expect(
      toInboundEvent(fromLid, { ...context, senderAliases: [alice.pn, alice.lid] }),
    ).toMatchObject({
      sender: { id: alice.lid, aliases: [alice.pn] },
    });
    const fromPhone = privateMessage('salut');
    expect(toInboundEvent(fromPhone, { ...context, senderAliases: [alice.lid] })).toMatchObject({
      sender: { id: alice.pn, aliases: [alice.lid] },
    });
    // Only its own id known: no aliases at all.
    const alone = toInboundEvent(fromPhone, { ...context, senderAliases: [alice.pn] });
    expect(alone).toMatchObject({ type: 'message' });
    expect(alone).not.toHaveProperty('sender.aliases');
    expect(toInboundEvent(fromPhone, context)).not.toHaveProperty('sender.aliases');
  });

  it('takes the display name from _data.notifyName, never from the phone number', () => {
    expect(
      toInboundEvent(groupMessage('il pleut', { notifyName: '  Bruno ' }), context),
    ).toMatchObject({ sender: { displayName: 'Bruno' } });
    const nameless = buildMessage({ from: group, author: alice.pn, to: bot.pn, body: '/kits' });
    expect(nameless._data.notifyName).toBeUndefined();
    const event = toInboundEvent(nameless, context);
    expect(event).toMatchObject({ sender: { id: alice.pn, displayName: '' } });
    expect(
      JSON.stringify(event && 'sender' in event ? event.sender.displayName : ''),
    ).not.toContain('33612345678');
  });

  it('maps an image with a caption, with the caption as its text', () => {
    const message = groupMessage('/kits photo du escabeau', { type: 'image' });
    expect(message.hasMedia).toBe(true);
    expect(whyIgnored(message)).toBeUndefined();
    expect(toInboundEvent(message, context)).toMatchObject({
      text: '/kits photo du escabeau',
      command: { name: 'kits', args: 'photo du escabeau' },
    });
  });
});

describe('messages the bot ignores', () => {
  it('ignores a status broadcast', () => {
    const fake = createFakeWhatsAppClient();
    const status = fake.receiveStatus('en vacances');
    expect(status).toMatchObject({ from: 'status@broadcast', isStatus: true });
    expect(whyIgnored(status)).toBe('status or broadcast');
    expect(toInboundEvent(status, context)).toBeUndefined();
  });

  it('ignores its own messages', () => {
    const own = buildMessage({
      from: bot.pn,
      author: bot.pn,
      to: group,
      body: '/kits',
      fromMe: true,
    });
    expect(own.id._serialized.startsWith(`true_${group}_`)).toBe(true);
    expect(whyIgnored(own)).toBe('own message');
    expect(toInboundEvent(own, context)).toBeUndefined();
  });

  it('ignores media without text, stickers, locations, voice notes and polls of others', () => {
    const photo = groupMessage('', { type: 'image' });
    expect(whyIgnored(photo)).toBe('no text');
    expect(toInboundEvent(photo, context)).toBeUndefined();
    for (const type of ['sticker', 'location', 'ptt', 'poll_creation', 'revoked']) {
      const message = groupMessage(type === 'poll_creation' ? 'Pizza ce soir ?' : '', { type });
      expect(whyIgnored(message)).toBe(`message type ${type}`);
      expect(toInboundEvent(message, context)).toBeUndefined();
    }
  });

  it('ignores whitespace-only text', () => {
    expect(whyIgnored(groupMessage('   '))).toBe('no text');
  });

  it('ignores a chat that is neither a person nor a group (a channel)', () => {
    const channel = buildMessage({
      from: '120363111111111111@newsletter',
      to: bot.pn,
      body: '/kits',
    });
    expect(whyIgnored(channel)).toBe('not a group or a person');
    expect(toInboundEvent(channel, context)).toBeUndefined();
  });

  it('drops a group message without an author (nobody to answer)', () => {
    const message = buildMessage({ from: group, to: bot.pn, body: '/kits' });
    expect(toInboundEvent(message, context)).toBeUndefined();
  });
});

describe('WhatsApp poll votes to neutral events', () => {
  const pollMessageId = `true_${group}_3EB0AABBCCDDEEFF001122_${bot.pn}`;
  /** The poll as votes name it: without the sender's suffix, which may be its @lid. */
  const pollId = `true_${group}_3EB0AABBCCDDEEFF001122`;
  const poll = { question: 'Pizza ce soir ?', options: ['Oui', 'Non', 'Peut-être'] };

  it('reads the options by localId (as at run time), from the parent message id', () => {
    const vote = buildPollVote({
      pollMessageId,
      voter: alice.pn,
      selectedLocalIds: [0, 2],
      poll,
      timestamp: 1_780_000_000_123,
    });
    expect(vote.selectedOptions).toEqual([
      { name: 'Oui', localId: 0 },
      { name: 'Peut-être', localId: 2 },
    ]);
    expect(vote.selectedOptions[0]).not.toHaveProperty('id');
    expect(vote.parentMessage.id).toMatchObject({ _serialized: pollMessageId, remote: group });
    expect(toVoteEvent(vote)).toEqual({
      type: 'poll_vote',
      id: `wa:vote:${pollId}:${alice.pn}:1780000000123`,
      pollId,
      voter: { platform: 'whatsapp', id: alice.pn, displayName: '' },
      optionIndexes: [0, 2],
    });
  });

  it('maps a retraction (an empty selection) to no option', () => {
    const vote = buildPollVote({ pollMessageId, voter: alice.pn, selectedLocalIds: [], poll });
    expect(vote.selectedOptions).toEqual([]);
    expect(toVoteEvent(vote)).toMatchObject({ type: 'poll_vote', optionIndexes: [] });
  });

  it('gives two votes of the same person different ids, and carries the aliases', () => {
    const first = buildPollVote({
      pollMessageId,
      voter: alice.lid,
      selectedLocalIds: [1],
      timestamp: 1_000,
    });
    const second = buildPollVote({
      pollMessageId,
      voter: alice.lid,
      selectedLocalIds: [0],
      timestamp: 2_000,
    });
    const a = toVoteEvent(first, [alice.pn]);
    const b = toVoteEvent(second, [alice.pn, alice.lid]);
    expect(a).toMatchObject({ voter: { id: alice.lid, aliases: [alice.pn] }, optionIndexes: [1] });
    expect(b).toMatchObject({ voter: { id: alice.lid, aliases: [alice.pn] }, optionIndexes: [0] });
    expect(a?.id).not.toBe(b?.id);
  });

  it('reads a vote emitted by the fake client on a poll it sent', () => {
    const fake = createFakeWhatsAppClient({
      groups: [{ id: group, name: 'Lilas', participants: [{ id: alice.pn }] }],
    });
    const votes: unknown[] = [];
    fake.on('vote_update', (vote) => votes.push(vote));
    const vote = fake.vote({ pollMessageId, voter: alice.pn, selectedLocalIds: [1] });
    expect(votes).toEqual([vote]);
    expect(toVoteEvent(vote)).toMatchObject({ pollId, optionIndexes: [1] });
  });

  it('ignores a vote whose voter is not a person', () => {
    const vote = buildPollVote({ pollMessageId, voter: group, selectedLocalIds: [0] });
    expect(toVoteEvent(vote)).toBeUndefined();
  });
});
