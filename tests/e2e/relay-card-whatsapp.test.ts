// The relay card on WhatsApp, through the real bot and a fake whatsapp-web.js client: a
// referent adds a neighbour and gets, from the numbered choice under "C'est noté", a PDF of
// two cards naming them and their backup by first name; /veiller carte sends it again. The
// card may be pinned in a hall: its text (read back from the PDF) holds nothing the referent
// typed about the neighbour, and no phone number. Others are refused, in their language.
import { beforeEach, describe, expect, it } from 'vitest';
import { readPdf } from '../handlers/kits/pdf/read-pdf.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa, type WhatsAppPerson as Person } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { alice, bruno, chloe } = wa;
// Tuesday 20 July 2027, 08:00 in Lyon: the heat season.
const h = useWhatsAppHarness(database, { clock: createTestClock('2027-07-20T06:00:00Z') });
const { say, sayPrivately, lastPrivate, lastInGroup, choose } = createWhatsAppChat(h);
beforeEach(async () => {
  await say(alice, '!parametres cp 69003');
  for (const person of [bruno, chloe]) await say(person, '!aide');
  for (const person of [alice, bruno, chloe]) await sayPrivately(person, '!aide');
});

const documentsTo = (person: Person) =>
  h
    .client()
    .sentTo(person.pn)
    .flatMap((s) => (s.document ? [s.document] : []));

describe('the relay card on WhatsApp', () => {
  it('comes after a neighbour is added and on /veiller carte, with nothing about the neighbour', async () => {
    // Alice (an admin) is a referent at once; Chloé offers and Alice approves; Chloé is
    // Alice's backup.
    await say(alice, '!referent');
    await say(chloe, '!referent');
    await say(alice, /\*(\d+)\.\*/.exec(lastInGroup())![1]!);
    expect(lastInGroup()).toContain('Merci Chloé, vous êtes référent·e');
    await sayPrivately(alice, '!referent secours');
    await choose(alice, 'Chloé');

    await sayPrivately(alice, '!veiller');
    await sayPrivately(alice, 'Josette Lemaire');
    await sayPrivately(alice, 'bâtiment B, 3e gauche');
    // A phone number alone is an answer, not five menu numbers.
    await sayPrivately(alice, '06 12 34 56 78');
    await choose(alice, 'Pas de contact');
    await choose(alice, "Non\u202f: elle m'a donné son accord");
    await choose(alice, 'Oui, je confirme');
    expect(lastPrivate(alice)).toContain('Votre carte de voisin·e relais');
    await choose(alice, '📄 Ma carte de voisin·e relais à imprimer');
    await sayPrivately(alice, '!veiller carte');

    const cards = documentsTo(alice);
    expect(cards.map((c) => c.filename)).toEqual([
      'carte-voisin-relais.pdf',
      'carte-voisin-relais.pdf',
    ]);
    for (const card of cards) {
      const { text, pages } = await readPdf(card.data);
      expect(pages).toBe(1);
      expect(text).toContain('Votre voisin·e relais : Alice');
      expect(text).toContain('Si je ne réponds pas : Chloé');
      // July: the heat season's numbers, and the line to write how to reach Alice by hand.
      for (const number of ['15', '112', '114', '0 800 06 66 66']) expect(text).toContain(number);
      expect(text).toContain('Pour me joindre (porte, téléphone)');
      for (const private_ of ['Josette', 'Lemaire', 'bâtiment B', '3e gauche', '06 12', '33611'])
        expect(text).not.toContain(private_);
    }

    // Bruno is no referent: a polite refusal, and no file; in English for /watch card too.
    await sayPrivately(bruno, '!veiller carte');
    expect(lastPrivate(bruno)).toContain('seul·e un·e référent·e peut imprimer');
    await sayPrivately(bruno, '!language en');
    await sayPrivately(bruno, '!watch card');
    expect(lastPrivate(bruno)).toContain('only a referent can print');
    expect(documentsTo(bruno)).toEqual([]);
    expect(
      h
        .client()
        .sentTo(wa.group)
        .some((s) => s.document),
    ).toBe(false);
  });
});
