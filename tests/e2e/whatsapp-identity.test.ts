// One person per human on WhatsApp as it is in 2026: groups deliver senders as `…@lid`,
// private chats as `…@c.us`, and WhatsApp Web does not always tell which goes with which.
// Lookups that fail or find nothing are asked again later; two person rows created before
// the link was known become one; the bot knows its own @lid before its first message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { useTestDatabase } from '../support/test-database.ts';
import {
  defaultFakeOptions,
  startWhatsAppHarness,
  wa,
  type WhatsAppHarness,
} from '../support/whatsapp-harness.ts';

const database = useTestDatabase({ emptyBeforeEachTest: true });
let h: WhatsAppHarness | undefined;
let clock = 0;
beforeEach(() => {
  clock = Date.now();
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const now = () => clock;
/** A message in the group, from one of a person's ids. */
const inGroup = (
  author: string,
  body: string,
  notifyName: string,
  more: { mentionedIds?: string[]; quotedParticipant?: string } = {},
) => h!.client().receiveGroupMessage({ group: wa.group, author, body, notifyName, ...more });
const texts = (chatId: string) =>
  h!
    .client()
    .sentTo(chatId)
    .map((s) => s.text ?? '');
const peopleCount = async () =>
  Number((await queryRows<{ n: string }>(database.db, 'SELECT count(*) AS n FROM people'))[0]!.n);

/** The fake without Chloé's pair: WhatsApp Web does not (yet) tell her @lid's number. */
const chloeUnlinked = {
  ...defaultFakeOptions,
  lidPairs: [wa.alice, wa.bruno].map(({ lid, pn }) => ({ lid, pn })),
};

describe('WhatsApp identity', () => {
  it('asks again after a failed lookup: an admin writing from her @lid is an organiser again', async () => {
    h = await startWhatsAppHarness(database, { now });
    await h.settle();
    // Alice is listed as admin by her number; she writes from her @lid; the lookup fails.
    h.client().failLookups(1);
    inGroup(wa.alice.lid, '/parametres', 'Alice');
    await h.settle();
    expect(texts(wa.group).at(-1)).toContain('administrateurs');
    // 40 s later the lookup is asked again, and works.
    clock += 40_000;
    inGroup(wa.alice.lid, '/parametres', 'Alice');
    await h.settle();
    expect(texts(wa.group).at(-1)).not.toContain('administrateurs');
    expect(h.client().lidLookups.filter((ids) => ids[0] === wa.alice.lid)).toHaveLength(2);
    // And she is one person, known by both ids.
    expect(await peopleCount()).toBe(1);
  });

  it('merges two rows of one person once the link is known; /mesdonnees then shows one person', async () => {
    h = await startWhatsAppHarness(database, { now, fake: chloeUnlinked });
    // Chloé writes privately from her number, then in the group from her @lid.
    h.client().receivePrivateMessage({ from: wa.chloe.pn, body: 'bonjour', notifyName: 'Chloé' });
    await h.settle();
    inGroup(wa.alice.pn, '/fete 28/05 19h', 'Alice');
    inGroup(wa.chloe.lid, '/jeviens', 'Chloé');
    await h.settle();
    expect(await peopleCount()).toBe(3);
    // WhatsApp Web learns her number; the "nothing found" is asked again after 10 minutes.
    h.client().linkIds({ lid: wa.chloe.lid, pn: wa.chloe.pn });
    clock += 11 * 60_000;
    inGroup(wa.chloe.lid, '/aide', 'Chloé');
    await h.settle();
    expect(await peopleCount()).toBe(2);
    h.client().receivePrivateMessage({ from: wa.chloe.pn, body: '/mesdonnees' });
    await h.settle();
    const file = h
      .client()
      .sentTo(wa.chloe.pn)
      .find((s) => s.document?.filename === 'mes-donnees.json');
    const exported = JSON.parse(file!.document!.data.toString('utf8')) as {
      you: { identities: string[]; groups: unknown[] };
    };
    expect([...exported.you.identities].sort()).toEqual([wa.chloe.lid, wa.chloe.pn].sort());
    expect(exported.you.groups).toHaveLength(1);
    // What she did from her @lid is hers: her answer to the fête is in her export.
    const [text] = texts(wa.chloe.pn).filter((t) => t.includes('Voici tout ce que je garde'));
    expect(text).toContain('je viens');
    // Each id is said for what it is.
    expect(text).toContain('Numéro WhatsApp\u202f: +33633333333');
    expect(text).toContain(
      `Identifiant WhatsApp (que WhatsApp donne dans les groupes, sans le numéro)\u202f: ${wa.chloe.lid}`,
    );
  });

  it('knows its own @lid before its first message, even when reading it fails at first', async () => {
    let attempts = 0;
    h = await startWhatsAppHarness(database, {
      ownIds: (client) => {
        attempts++;
        if (attempts < 3) {
          return Promise.reject(new Error('Evaluation failed: window.require is not a function'));
        }
        return Promise.resolve([client.botId, client.botLid]);
      },
    });
    // Sent the moment the session is ready: it waits until the bot knows it is named.
    inGroup(wa.bruno.lid, '@99000000000001 bonjour', 'Bruno', {
      mentionedIds: [h.client().botLid],
    });
    await h.settle();
    expect(attempts).toBe(3);
    expect(texts(wa.group)).toHaveLength(1);
  });

  it('takes a quoted reply to the bot as addressed to it', async () => {
    h = await startWhatsAppHarness(database);
    inGroup(wa.bruno.lid, 'merci !', 'Bruno', { quotedParticipant: h.client().botLid });
    inGroup(wa.chloe.lid, 'merci Bruno', 'Chloé', { quotedParticipant: wa.bruno.lid });
    await h.settle();
    expect(texts(wa.group)).toHaveLength(1);
  });

  it('sees the bot added by an @lid admin as the bot joining, not a neighbour', async () => {
    h = await startWhatsAppHarness(database);
    const group = '120363000000000009@g.us';
    h.client().joinGroup(group, [h.client().botLid], { author: wa.alice.lid, name: 'Rue Pasteur' });
    await h.settle();
    const [welcome] = texts(group);
    expect(welcome).toContain('Voisins solidaires');
    expect(await peopleCount()).toBe(1);
  });

  it('writes privately to the chat the person writes from, not to the id met in the group', async () => {
    h = await startWhatsAppHarness(database);
    h.client().receivePrivateMessage({ from: wa.bruno.pn, body: 'bonjour', notifyName: 'Bruno' });
    await h.settle();
    inGroup(wa.bruno.lid, '/mesdonnees', 'Bruno');
    await h.settle();
    expect(texts(wa.bruno.lid)).toEqual([]);
    expect(texts(wa.bruno.pn).some((t) => t.includes('Voici tout ce que je garde'))).toBe(true);
  });
});
