// What whatsapp-web.js 1.34's own structures make of raw WhatsApp Web data
// (tests/fixtures/whatsapp/, built by tests/fakes/whatsapp-raw.ts): the shapes the adapter
// receives in production. No adapter here: only the library's behaviour.
import { describe, expect, it } from 'vitest';
import { toInboundEvent } from '../../../bot/whatsapp/to-inbound-event.ts';
import { VOTE_PATCH_ERROR } from '../../../bot/whatsapp/whatsapp-client.ts';
import {
  buildRealGroupNotification,
  buildRealMessage,
  buildRealPollVote,
  FIXTURE_BOT,
  GROUP_NOTIFICATION_FIXTURE_NAMES,
  loadWhatsAppFixture,
  MESSAGE_FIXTURE_NAMES,
  VOTE_FIXTURE_NAMES,
  withTime,
} from '../../fakes/whatsapp-raw.ts';

const group = '120363041234567890@g.us';
const camille = '123456789012345@lid';
const pollKey = `true_${group}_3EB0F1A27C64D9E5B0A8_${FIXTURE_BOT.lid}`;

describe('whatsapp-web.js Message from raw WhatsApp Web data', () => {
  it('keeps an @lid author as a string, with the group as `from`', () => {
    const message = buildRealMessage(loadWhatsAppFixture('group-message-lid'));
    expect(message.author).toBe(camille);
    expect(message.from).toBe(group);
    expect(message.to).toBe(FIXTURE_BOT.lid);
    expect(message.type).toBe('chat');
    expect(message.timestamp).toBe(1767636000);
    expect(message.fromMe).toBe(false);
    expect(message.isStatus).toBe(false);
    expect(message.id._serialized).toBe(
      `false_${group}_A5F3C1D2E4B6978812AB34CD56EF7890_${camille}`,
    );
    expect(message._data.notifyName).toBe('Camille');
  });

  it('lists a mention of the bot by its @lid in mentionedIds', () => {
    const message = buildRealMessage(loadWhatsAppFixture('group-mention-bot-lid'));
    expect(message.mentionedIds).toEqual([FIXTURE_BOT.lid]);
    expect(message.body.startsWith('@99000000000001 ')).toBe(true);
  });

  it('flags a reply and leaves who was quoted in the raw data only', () => {
    const message = buildRealMessage(loadWhatsAppFixture('group-reply-to-bot'));
    expect(message.hasQuotedMsg).toBe(true);
    expect(message._data.quotedParticipant).toBe(FIXTURE_BOT.lid);
    expect(message._data.quotedStanzaID).toBe('3EB0C2A4E6F8091B3D5F');
    expect(message._data.quotedRemoteJid).toBe(group);
    expect(message._data.quotedMsg).toMatchObject({ type: 'chat' });
    expect(message._data.quotedMsg).not.toHaveProperty('id');
    expect(message).not.toHaveProperty('quotedParticipant');
    // The adapter reads it as a reply to the bot's message with that key id.
    expect(toInboundEvent(message, { botIds: [FIXTURE_BOT.pn, FIXTURE_BOT.lid] })).toMatchObject({
      replyTo: { id: '3EB0C2A4E6F8091B3D5F', toBot: true },
      addressed: true,
    });
  });

  it("gives an image's caption as its body", () => {
    const message = buildRealMessage(loadWhatsAppFixture('image-with-caption'));
    expect(message.type).toBe('image');
    expect(message.hasMedia).toBe(true);
    expect(message.body).toBe('Trouvé ce trousseau de clés devant le n°12, il est chez moi.');
  });

  it('gives an image without a caption an empty body', () => {
    const message = buildRealMessage(loadWhatsAppFixture('image-without-caption'));
    expect(message.hasMedia).toBe(true);
    expect(message.body).toBe('');
  });

  it('gives an image whose media expired its base64 thumbnail as body, not its caption', () => {
    const message = buildRealMessage(loadWhatsAppFixture('image-media-expired'));
    expect(message.type).toBe('image');
    expect(message.hasMedia).toBe(false);
    expect(message.body.startsWith('/9j/')).toBe(true);
    expect(message._data.caption).toBe('La photo du vélo retrouvé dans la cour');
  });

  it('marks a status as a status', () => {
    const message = buildRealMessage(loadWhatsAppFixture('status-broadcast'));
    expect(message.isStatus).toBe(true);
    expect(message.from).toBe('status@broadcast');
    expect(message.broadcast).toBe(true);
  });

  it('gives a channel message the channel as `from` and no author', () => {
    const message = buildRealMessage(loadWhatsAppFixture('channel-message'));
    expect(message.from).toBe('120363098765432109@newsletter');
    expect(message.author).toBeUndefined();
    expect(message.isStatus).toBe(false);
  });

  it("leaves id._serialized undefined when WhatsApp Web names the key's string `$1`", () => {
    const message = buildRealMessage(loadWhatsAppFixture('group-message-lid-renamed-key'));
    expect(message.id._serialized).toBeUndefined();
    expect(message.id).toMatchObject({
      $1: `false_${group}_A5F3C1D2E4B6978812AB34CD56EF7890_${camille}`,
    });
  });

  it('dates a message as asked, to make it recent', () => {
    const at = new Date('2027-03-01T08:30:00Z');
    const raw = withTime(loadWhatsAppFixture('group-message-lid', { body: 'Autre texte' }), at);
    const message = buildRealMessage(raw);
    expect(message.timestamp).toBe(at.getTime() / 1000);
    expect(message.body).toBe('Autre texte');
  });

  it('builds every message fixture', () => {
    for (const name of MESSAGE_FIXTURE_NAMES) {
      expect(buildRealMessage(loadWhatsAppFixture(name)).type, name).toBeTruthy();
    }
  });
});

describe('whatsapp-web.js PollVote from the vote injection', () => {
  it('names the selected option from the poll message it carries', () => {
    const vote = buildRealPollVote(loadWhatsAppFixture('vote'));
    expect(vote.voter).toBe(camille);
    expect(vote.selectedOptions).toEqual([{ name: 'Jeudi', localId: 1 }]);
    expect(vote.interractedAtTs).toBe(1767637500237);
    expect(vote.parentMessage.id._serialized).toBe(pollKey);
    expect(vote.parentMessage.type).toBe('poll_creation');
    expect(vote.parentMessage.body).toBe('Quel soir pour la réunion de rue ?');
    expect(vote.parentMsgKey?._serialized).toBe(pollKey);
    expect(vote[VOTE_PATCH_ERROR]).toBeUndefined();
  });

  it('after a restart, has a parent message without id and only parentMsgKey to find the poll', () => {
    const vote = buildRealPollVote(loadWhatsAppFixture('vote-after-restart'));
    expect(vote.parentMessage.id).toBeUndefined();
    expect(vote.parentMsgKey).toEqual({
      fromMe: true,
      remote: group,
      id: '3EB0F1A27C64D9E5B0A8',
      participant: FIXTURE_BOT.lid,
      _serialized: pollKey,
    });
    expect(vote.selectedOptions).toEqual([{ name: undefined, localId: 2 }]);
  });

  it('builds a vote for an option the poll does not have, thanks to the guard', () => {
    const vote = buildRealPollVote(loadWhatsAppFixture('vote-unknown-option'));
    expect(vote[VOTE_PATCH_ERROR]).toBeInstanceOf(TypeError);
    expect(String(vote[VOTE_PATCH_ERROR])).toMatch(/name/);
    expect(vote.voter).toBe('187654321098765@lid');
    expect(vote.selectedOptions).toEqual([{ name: undefined, localId: 3 }]);
    expect(vote.parentMessage.id._serialized).toBe(pollKey);
    expect(vote.parentMsgKey?._serialized).toBe(pollKey);
  });

  it('dates a vote as asked', () => {
    const at = new Date('2027-03-01T08:30:00.250Z');
    const vote = buildRealPollVote(withTime(loadWhatsAppFixture('vote'), at));
    expect(vote.interractedAtTs).toBe(at.getTime());
  });

  it('builds every vote fixture', () => {
    for (const name of VOTE_FIXTURE_NAMES) {
      expect(buildRealPollVote(loadWhatsAppFixture(name)).voter, name).toMatch(/@lid$/);
    }
  });
});

describe('whatsapp-web.js GroupNotification from a gp2 message', () => {
  it('names the bot, by its @lid, among those an @lid admin added', () => {
    const notification = buildRealGroupNotification(
      loadWhatsAppFixture('group-add-bot-by-lid-admin'),
    );
    expect(notification.type).toBe('add');
    expect(notification.recipientIds).toContain(FIXTURE_BOT.lid);
    expect(notification.author).toBe('198765432109876@lid');
    expect(notification.chatId).toBe('120363059876543210@g.us');
    expect(notification.timestamp).toBe(1767639600);
    expect(notification.id.participant).toBe('198765432109876@lid');
  });

  it('builds every group notification fixture', () => {
    for (const name of GROUP_NOTIFICATION_FIXTURE_NAMES) {
      expect(buildRealGroupNotification(loadWhatsAppFixture(name)).type, name).toBeTruthy();
    }
  });
});
