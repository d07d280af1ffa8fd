// The printables made from live data, through the real bot and the fake Bot API: /liste
// imprimer sends the gathering's "qui apporte quoi" sheet in the group (or privately, for the
// person's group), /veiller carte sends a referent their relay card privately and refuses
// anyone else. Every PDF is read back as a PDF reader would.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../fakes/telegram-bot-api.ts';
import { readPdf } from '../handlers/kits/pdf/read-pdf.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import {
  documentBytes,
  filenameOf,
  groupChat,
  people,
  privateChat,
} from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase();
const group = groupChat(-100777, 'Résidence des Lilas');
const { alice, bruno, chloe } = people;

const h = useTelegramHarness(database, {
  webhook: true,
  clock: createTestClock('2026-12-06T12:00:00Z'),
});
const { organise, say, documentsTo } = createTelegramChat(h, group);
beforeEach(async () => {
  await organise(alice, '/parametres cp 69003');
  for (const user of [bruno, chloe]) await say(user, '/aide');
  for (const user of [alice, bruno, chloe]) await say(user, '/start', privateChat(user));
});

const pdfText = async (call: RecordedCall | undefined) => (await readPdf(documentBytes(call))).text;
const lastTextTo = (chatId: number) => (h.sentTo(chatId).at(-1)?.params.text as string) ?? '';

describe('the "qui apporte quoi" sheet on Telegram', () => {
  it('prints the live list in the group and privately, and asks which gathering when two are coming', async () => {
    await say(alice, '/evenement Galette des rois 15/01 19h dans la cour');
    await say(alice, '/liste ajouter 3 desserts (sans gluten)');
    await say(alice, '/liste ajouter 10 chaises');
    await say(bruno, '/japporte 1 2');
    await say(chloe, '/japporte 2 4');

    await say(alice, '/liste imprimer');
    const inGroup = documentsTo(group.id);
    expect(inGroup).toHaveLength(1);
    expect(filenameOf(inGroup[0])).toBe('qui-apporte-quoi.pdf');
    const text = await pdfText(inGroup[0]);
    for (const words of [
      // readPdf makes the no-break space before the colon a space.
      'Qui apporte quoi : Galette des rois',
      'Résidence des Lilas',
      'vendredi 15 janvier 2027',
      '19 h',
      'la cour',
      'desserts (sans gluten)',
      'Bruno (2)',
      'il en manque 1',
      'Chloé (4)',
      'il en manque 6',
    ])
      expect(text).toContain(words);

    // Privately, for the person's group; nothing is said in the group.
    const groupMessages = h.sentTo(group.id).length;
    await say(bruno, '/liste imprimer', privateChat(bruno));
    expect(documentsTo(bruno.id)).toHaveLength(1);
    expect(await pdfText(documentsTo(bruno.id)[0])).toContain('Bruno (2)');
    expect(h.sentTo(group.id)).toHaveLength(groupMessages);
    // Privately, the list itself is not changed.
    await say(bruno, '/liste ajouter 2 tartes', privateChat(bruno));
    expect(lastTextTo(bruno.id)).toContain('je peux seulement imprimer la liste');

    // Two gatherings coming: the bot asks which, then prints the one named.
    await say(alice, '/evenement Apéro de la cour 20/02 18h');
    await say(alice, '/liste imprimer');
    expect(documentsTo(group.id)).toHaveLength(1);
    expect(lastTextTo(group.id)).toContain('/liste galette imprimer');
    await say(alice, '/list galette print');
    expect(documentsTo(group.id)).toHaveLength(2);
    expect(await pdfText(documentsTo(group.id)[1])).toContain('Galette des rois');
  });
});

describe('the relay card on Telegram', () => {
  it('goes privately to a referent and is refused to anyone else', async () => {
    await say(alice, '/referent');
    await say(bruno, '/referent');
    await say(alice, '/veiller carte', privateChat(alice));
    const cards = documentsTo(alice.id);
    expect(cards).toHaveLength(1);
    expect(filenameOf(cards[0])).toBe('carte-voisin-relais.pdf');
    const text = await pdfText(cards[0]);
    expect(text).toContain('Votre voisin·e relais : Alice');
    expect(text).toContain('Pour me joindre (porte, téléphone)');
    // December: the cold season's numbers.
    for (const number of ['15', '112', '114', '115']) expect(text).toContain(number);

    // Bruno only offered (not approved): a polite refusal, no file; in the group, the card
    // is said to be private.
    await say(bruno, '/veiller carte', privateChat(bruno));
    expect(lastTextTo(bruno.id)).toContain('seul·e un·e référent·e peut imprimer');
    await say(chloe, '/watch card', privateChat(chloe));
    expect(lastTextTo(chloe.id)).toContain('seul·e un·e référent·e peut imprimer');
    await say(alice, '/veiller carte');
    expect(lastTextTo(group.id)).toContain('en message privé');
    expect(documentsTo(bruno.id)).toEqual([]);
    expect(documentsTo(chloe.id)).toEqual([]);
    expect(documentsTo(group.id)).toEqual([]);
  });
});

describe('hostile names on the printed documents', () => {
  it('prints a group’s, a gathering’s and an item’s names as typed, never as markup or entities', async () => {
    // A group's title as Telegram gives it (the bot prints it when the admins set no name).
    const title = '<script>alert(1)</script> & <b>"Lilas"</b>';
    const hostile = groupChat(-100888, title);
    h.fake.setChatMember(hostile.id, alice.id, 'administrator');
    await say(alice, '/kit fete', hostile);
    const poster = documentsTo(hostile.id).find((c) => filenameOf(c).endsWith('affiche.pdf'));
    const printed = await pdfText(poster);
    expect(printed).toContain('<script>alert(1)</script> & <b>"Lilas"</b>');
    expect(printed).not.toMatch(/&(?:lt|gt|amp|quot|#\d+);/);

    await say(alice, '/evenement <b>Galette</b> & "co" 15/01 19h', hostile);
    await say(alice, '/liste ajouter 3 =SUM(1) <i>desserts</i> & cie', hostile);
    await say(alice, '/liste imprimer', hostile);
    const sheet = documentsTo(hostile.id).find((c) => filenameOf(c) === 'qui-apporte-quoi.pdf');
    const list = await pdfText(sheet);
    // Compared without spaces: a PDF reader may see one where a line could break ("</ b>").
    const squeezed = (text: string) => text.replace(/\s+/g, '');
    for (const words of ['<b>Galette</b> & "co"', '=SUM(1) <i>desserts</i> & cie', title]) {
      expect(squeezed(list)).toContain(squeezed(words));
    }
    expect(list).not.toMatch(/&(?:lt|gt|amp|quot|#\d+);/);
  });
});
