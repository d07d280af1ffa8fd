// Replay of real structures: raw data shaped as WhatsApp Web gives it (tests/fixtures/whatsapp),
// built into whatsapp-web.js's own Message, PollVote and GroupNotification classes
// (tests/fakes/whatsapp-raw.ts), emitted by the fake client and taken through the real adapter,
// router and database. What the bot does with each is what it would do on a real number.
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import {
  buildRealGroupNotification,
  buildRealMessage,
  buildRealPollVote,
  loadWhatsAppFixture,
  withTime,
  type MessageFixtureName,
  type RawMsgKey,
  type RawVote,
} from '../fakes/whatsapp-raw.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { useWhatsAppHarness } from '../support/whatsapp-e2e.ts';

const group = '120363041234567890@g.us';
const camille = '123456789012345@lid';
const dominique = '187654321098765@lid';

const database = useTestDatabase();
const h = useWhatsAppHarness(database, {
  fake: {
    groups: [
      {
        id: group,
        name: 'Rue des Tilleuls',
        participants: [{ id: camille, isAdmin: true }, { id: dominique }],
      },
      // The group of group-add-bot-by-lid-admin, as it is once the bot is in.
      {
        id: '120363059876543210@g.us',
        name: 'Résidence Les Acacias',
        participants: [{ id: '198765432109876@lid', isAdmin: true }],
      },
    ],
    lidPairs: [],
  },
});

const texts = (chatId = group) =>
  h
    .client()
    .sentTo(chatId)
    .map((s) => s.text ?? '');

/** The fixture, written now (or `at`), emitted as the library emits it. */
async function receive(name: MessageFixtureName, overrides: Record<string, unknown> = {}) {
  const raw = withTime(loadWhatsAppFixture(name, overrides), new Date());
  h.client().emit('message', buildRealMessage(raw, h.client()));
  await h.settle();
}

describe('real WhatsApp structures through the adapter', () => {
  it('answers an @lid sender, a mention of the bot by @lid and a quoted reply to the bot', async () => {
    await receive('group-message-lid', { body: '/aide' });
    expect(texts()).toHaveLength(1);
    await receive('group-message-lid');
    expect(texts()).toHaveLength(1);
    await receive('group-mention-bot-lid');
    expect(texts()).toHaveLength(2);
    await receive('group-reply-to-bot');
    expect(texts()).toHaveLength(3);
  });

  it('reads a message whose key WhatsApp Web renamed ($1): answered, and once', async () => {
    await receive('group-message-lid-renamed-key', { body: '/aide' });
    await receive('group-message-lid-renamed-key', { body: '/aide' });
    expect(texts()).toHaveLength(1);
  });

  it('reads an image by its caption; an expired one is not a command "9j"', async () => {
    await receive('image-with-caption', { caption: '/aide' });
    expect(texts()).toHaveLength(1);
    await receive('image-without-caption');
    await receive('image-media-expired', { caption: undefined });
    await receive('image-media-expired');
    expect(texts()).toHaveLength(1);
  });

  it('ignores a status broadcast and a channel message', async () => {
    await receive('status-broadcast', { body: '/aide' });
    await receive('channel-message', { body: '/aide' });
    expect(h.client().sent).toHaveLength(0);
  });

  it('does not answer in the group a command delivered long after it was written', async () => {
    // Camille wrote to the bot privately before, so she may be told.
    h.client().receivePrivateMessage({ from: camille, body: 'bonjour', notifyName: 'Camille' });
    await h.settle();
    const raw = loadWhatsAppFixture('group-message-lid', { body: '/aide' });
    const old = withTime(raw, new Date(Date.now() - 3_600_000));
    h.client().emit('message', buildRealMessage(old, h.client()));
    await h.settle();
    expect(texts()).toHaveLength(0);
    expect(texts(camille).at(-1)).toContain('avec beaucoup de retard');
    // Told once: a second late message is not noted again.
    const again = withTime(
      { ...raw, id: { ...raw.id, id: 'AB12', _serialized: 'x_AB12' } },
      new Date(0),
    );
    h.client().emit('message', buildRealMessage(again, h.client()));
    await h.settle();
    expect(texts(camille).filter((t) => t.includes('retard'))).toHaveLength(1);
  });

  it('counts votes: normal, after a restart (no poll message), and with an unknown option', async () => {
    await receive('group-message-lid', { body: '/fete' });
    const poll = h.client().sent.find((s) => s.kind === 'poll');
    expect(poll).toBeDefined();
    const sentKey = poll!.message.id as unknown as RawMsgKey;
    // The poll as a vote names it: the page's key, with the bot's @lid as participant.
    const parentMsgKey: RawMsgKey = {
      fromMe: true,
      remote: group,
      id: sentKey.id,
      participant: h.client().botLid,
      _serialized: `true_${group}_${sentKey.id}_${h.client().botLid}`,
    };
    const votes = async () =>
      queryRows<{ option_indexes: number[] }>(
        database.db,
        'SELECT option_indexes FROM poll_votes ORDER BY person_id',
      );
    const vote = loadWhatsAppFixture('vote');
    const onOurPoll: RawVote = {
      ...vote,
      parentMsgKey,
      parentMessage: { ...vote.parentMessage!, id: parentMsgKey },
    };
    h.client().emit('vote_update', buildRealPollVote(withTime(onOurPoll, new Date()), h.client()));
    await h.settle();
    expect(await votes()).toHaveLength(1);
    const afterRestart = loadWhatsAppFixture('vote-after-restart', {
      parentMsgKey,
      pollUpdateParentKey: parentMsgKey,
      selectedOptionLocalIds: [2],
    });
    h.client().emit(
      'vote_update',
      buildRealPollVote(withTime(afterRestart, new Date()), h.client()),
    );
    await h.settle();
    expect(await votes()).toHaveLength(2);
    // Dominique changes her mind, naming an option the library does not find in the poll.
    const unknownRaw = loadWhatsAppFixture('vote-unknown-option');
    const unknown: RawVote = {
      ...unknownRaw,
      parentMsgKey,
      parentMessage: { ...unknownRaw.parentMessage!, id: parentMsgKey },
      selectedOptionLocalIds: [1, 3],
    };
    const built = buildRealPollVote(withTime(unknown, new Date(Date.now() + 1000)), h.client());
    h.client().emit('vote_update', built);
    await h.settle();
    const rows = await votes();
    expect(rows).toHaveLength(2);
    // Her vote is now what she chose that the poll has: option 1 (3 is not one of ours).
    expect(rows.map((r) => r.option_indexes)).toContainEqual([1]);
    expect(h.logs.some((l) => l.msg === 'whatsapp: vote read without its option names')).toBe(true);
  });

  it('sees the bot added by an @lid admin as the bot joining the group', async () => {
    const raw = withTime(loadWhatsAppFixture('group-add-bot-by-lid-admin'), new Date());
    h.client().emit('group_join', buildRealGroupNotification(raw, h.client()));
    await h.settle();
    const chatId = raw.id.remote;
    expect(texts(chatId).at(0)).toContain('Voisins solidaires');
    const [row] = await queryRows<{ n: string }>(database.db, 'SELECT count(*) AS n FROM people');
    expect(Number(row!.n)).toBe(1);
  });
});
