// The WhatsApp adapter end to end, on a fake client: login, reconnection, pacing of the
// private side, and the bad input WhatsApp produces.
import { afterEach, describe, expect, it } from 'vitest';
import { PrivateFirstContactError } from '../../bot/whatsapp/whatsapp-messenger.ts';
import { findChat } from '../../db/queries/chats.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { startWhatsAppHarness, wa, type WhatsAppHarness } from '../support/whatsapp-harness.ts';

const database = useTestDatabase({ emptyBeforeEachTest: true });
let h: WhatsAppHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const groupSays = (
  author: (typeof wa)['alice'],
  body: string,
  extra: Record<string, unknown> = {},
) =>
  h!.client().receiveGroupMessage({
    group: wa.group,
    author: author.pn,
    body,
    notifyName: author.name,
    ...extra,
  });
const texts = (chatId: string) =>
  h!
    .client()
    .sentTo(chatId)
    .map((s) => s.text ?? '');

describe('WhatsApp session', () => {
  it('asks for a QR scan on first login, then serves the group', async () => {
    h = await startWhatsAppHarness(database, { fake: { authenticated: false }, waitReady: false });
    await expect.poll(() => h!.logs.some((l) => l.msg?.includes('scan the QR code'))).toBe(true);
    expect(h.app.whatsapp!.isConnected()).toBe(false);
    h.client().scanQr();
    await h.app.whatsapp!.ready();
    groupSays(wa.bruno, '!aide');
    await h.settle();
    expect(texts(wa.group).at(-1)).toContain('*Ce que je sais faire*');
  });

  it('keeps retrying with backoff while WhatsApp Web is unreachable', async () => {
    h = await startWhatsAppHarness(database, { fake: { failInitialize: 1 }, waitReady: false });
    await h.app.whatsapp!.ready();
    expect(h.clients).toHaveLength(2);
    expect(h.clients[0]!.destroyCalls).toBe(1);
    const retry = h.logs.find((l) => l.msg === 'whatsapp: reconnecting');
    expect(retry?.obj).toMatchObject({ reason: 'initialize failed', attempt: 1 });
  });

  it('reconnects by itself after a disconnection or a broken state, and says so', async () => {
    h = await startWhatsAppHarness(database);
    h.client().disconnect('NAVIGATION');
    await expect.poll(() => h!.clients.length).toBe(2);
    await h.app.whatsapp!.ready();
    h.client().changeState('CONFLICT');
    await expect.poll(() => h!.clients.length).toBe(3);
    await h.app.whatsapp!.ready();
    expect(
      h.logs
        .filter((l) => l.msg === 'whatsapp: reconnecting')
        .map((l) => (l.obj as { reason: string }).reason),
    ).toEqual(['disconnected: NAVIGATION', 'state CONFLICT']);
    groupSays(wa.bruno, '/aide');
    await h.settle();
    expect(texts(wa.group)).toHaveLength(1);
  });

  it('restarts the client when the browser passes its memory ceiling', async () => {
    let leaking = false;
    // Only the first page grows; the fresh one is back to normal.
    h = await startWhatsAppHarness(database, {
      memoryMb: (client) => (leaking && client === h?.clients[0] ? 1200 : 300),
    });
    await new Promise((r) => setTimeout(r, 60));
    expect(h.clients).toHaveLength(1);
    leaking = true;
    await expect.poll(() => h!.clients.length).toBe(2);
    await h.app.whatsapp!.ready();
    await new Promise((r) => setTimeout(r, 60));
    expect(h.clients).toHaveLength(2);
    expect(h.clients[0]!.destroyCalls).toBe(1);
    expect(h.logs.some((l) => l.msg?.includes('over its memory ceiling'))).toBe(true);
  });

  it('closes the browser on shutdown', async () => {
    h = await startWhatsAppHarness(database);
    const client = h.client();
    await h.stop();
    h = undefined;
    expect(client.destroyCalls).toBe(1);
  });
});

describe('WhatsApp groups', () => {
  it('recognises an admin who writes from their @lid id', async () => {
    h = await startWhatsAppHarness(database);
    h.client().receiveGroupMessage({
      group: wa.group,
      author: wa.alice.lid,
      body: '/parametres cp 13001',
      notifyName: 'Alice',
    });
    await h.settle();
    expect(texts(wa.group).at(-1)).toContain(
      'Commune\u202f: 13001 — Marseille 1er Arrondissement, Bouches-du-Rhône (13)',
    );
  });

  it('reads every group message for distress only where an admin turned listening on', async () => {
    h = await startWhatsAppHarness(database);
    groupSays(wa.bruno, '!aide');
    groupSays(wa.bruno, 'je suis tombée dans l escalier');
    await h.settle();
    const before = texts(wa.group).length;
    expect(texts(wa.group).join('\n')).not.toContain('*15*');
    // A member may not turn it on; an admin may.
    groupSays(wa.bruno, '!parametres ecoute oui');
    await h.settle();
    expect(texts(wa.group).at(-1)).toContain('administrateurs');
    groupSays(wa.alice, '!parametres ecoute oui');
    await h.settle();
    expect(texts(wa.group).at(-1)).toContain(
      'Écoute de la détresse dans tous les messages (WhatsApp)\u202f: oui',
    );
    groupSays(wa.bruno, 'qui a une échelle ?');
    groupSays(wa.bruno, 'ma voisine ne répond plus');
    await h.settle();
    const said = texts(wa.group).slice(before + 2);
    expect(said[0]).toMatch(/\*15\*.*\*112\*/s);
    expect(said.join('\n')).not.toContain('échelle');
    expect(JSON.stringify(h.logs)).not.toContain('ne répond plus');
    groupSays(wa.alice, '!parametres ecoute non');
    await h.settle();
    groupSays(wa.bruno, 'au secours');
    await h.settle();
    expect(texts(wa.group).at(-1)).toContain(
      'Écoute de la détresse dans tous les messages (WhatsApp)\u202f: non',
    );
  });

  it('answers a mention of the bot and ignores chatter', async () => {
    h = await startWhatsAppHarness(database);
    groupSays(wa.bruno, 'on se voit demain ?');
    const bot = h.client().info.wid._serialized;
    groupSays(wa.bruno, `@${bot.split('@')[0]} tu es là ?`, { mentionedIds: [bot] });
    await h.settle();
    expect(texts(wa.group)).toEqual([expect.stringContaining("Je n'ai pas bien compris")]);
  });

  it('never writes first to a person: it asks them to write privately', async () => {
    h = await startWhatsAppHarness(database);
    groupSays(wa.bruno, '/mesdonnees');
    await h.settle();
    expect(texts(wa.group).at(-1)).toContain('écrivez-moi en message privé');
    expect(h.client().sentTo(wa.bruno.pn)).toEqual([]);
    await expect(
      h.app.whatsapp!.messenger.send(wa.chloe.pn, { kind: 'text', text: 'Bonjour' }),
    ).rejects.toBeInstanceOf(PrivateFirstContactError);

    h.client().receivePrivateMessage({
      from: wa.bruno.pn,
      body: '/mesdonnees',
      notifyName: 'Bruno',
    });
    await h.settle();
    expect(
      h
        .client()
        .sentTo(wa.bruno.pn)
        .map((s) => s.kind),
    ).toEqual(['text', 'document']);
    expect(texts(wa.bruno.pn)[0]).toContain('Nom affiché\u202f: Bruno');
    // Now that Bruno wrote to the bot, a group request is answered privately.
    groupSays(wa.bruno, '/mesdonnees');
    await h.settle();
    expect(texts(wa.group).at(-1)).toBe('Je vous ai répondu en message privé.');
  });
});

describe('WhatsApp bad input', () => {
  it('answers an out-of-range number politely and ignores a vote on an unknown poll', async () => {
    h = await startWhatsAppHarness(database);
    groupSays(wa.alice, '/parametres');
    await h.settle();
    groupSays(wa.alice, '42');
    await h.settle();
    expect(texts(wa.group).at(-1)).toBe('Répondez par un numéro entre 1 et 9.');
    // The settings menu is Alice's: Bruno's number is not taken for hers.
    groupSays(wa.bruno, '2');
    h.client().vote({
      pollMessageId: 'true_120363000000000001@g.us_UNKNOWN',
      voter: wa.bruno.lid,
      selectedLocalIds: [0],
    });
    await h.settle();
    expect(texts(wa.group).at(-1)).toBe(
      "Cette question était posée à quelqu'un d'autre\u202f: votre réponse ne change rien.",
    );
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('ignores media without text, statuses, edits and deletions without a word or a crash', async () => {
    h = await startWhatsAppHarness(database);
    groupSays(wa.bruno, '', { type: 'image' });
    groupSays(wa.bruno, '', { type: 'sticker' });
    h.client().receiveStatus('ma story', wa.bruno.pn);
    const message = groupSays(wa.bruno, 'il fait beau');
    h.client().editMessage(message, '/aide');
    h.client().revokeMessage(message);
    await h.settle();
    expect(h.client().sent).toEqual([]);
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(h.logs.filter((l) => l.level === 'debug').map((l) => l.msg)).toEqual(
      expect.arrayContaining([
        'whatsapp message ignored',
        'whatsapp: edited message ignored',
        'whatsapp: deleted message ignored',
      ]),
    );
  });

  it('notices being removed from a group, and a send there fails without crashing', async () => {
    h = await startWhatsAppHarness(database);
    groupSays(wa.bruno, '/aide');
    await h.settle();
    h.client().leaveGroup(wa.group, [h.client().info.wid._serialized], { author: wa.alice.pn });
    await h.settle();
    expect((await findChat(database.db, 'whatsapp', wa.group))?.active).toBe(false);
    await expect(
      h.app.whatsapp!.messenger.send(wa.group, { kind: 'text', text: 'x' }),
    ).rejects.toThrow();
  });
});
