// Kits through the real bot and the fake Bot API: the catalogue, a personalised kit with
// its PDFs (read back with pdf.js, tests/handlers/kits/pdf/read-pdf.ts), bad input, and the
// anonymous counts.
import { beforeEach, describe, expect, it } from 'vitest';
import { findChat } from '../../db/queries/chats.ts';
import { findKitDeliveries } from '../../db/queries/kits.ts';
import { uploadedBytes } from '../fakes/telegram-bot-api.ts';
import { readPdf } from '../handlers/kits/pdf/read-pdf.ts';
import { rollupsOf } from '../support/rollups.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import {
  buttonsOf,
  groupChat,
  messageUpdate,
  people,
  privateChat,
} from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno } = people;

describe('kits on Telegram', () => {
  const h = useTelegramHarness(database, {
    webhook: true,
    clock: createTestClock('2026-11-26T10:00:00Z'),
  });
  const { organise } = createTelegramChat(h, group);
  beforeEach(() => organise(alice, '/parametres nom Résidence des Lilas', '/parametres cp 69003'));

  it('lists the catalogue with the season’s kits first, as buttons', async () => {
    await h.postWebhook(messageUpdate(bruno, group, '/kits'));
    const catalogue = h.sentTo(group.id).at(-1)!;
    expect(catalogue.params.text).toContain('Les kits des voisins solidaires');
    const buttons = buttonsOf(catalogue);
    expect(buttons[0]).toEqual({ text: 'Grand froid', callback_data: 'kit:grand-froid' });
  });

  it("fills the fête's kit with what the group planned, unless told otherwise (issue 15, 6)", async () => {
    await h.postWebhook(messageUpdate(alice, group, '/fete 28/05 19h'));
    await h.postWebhook(messageUpdate(alice, group, '/fete lieu cour intérieure'));
    const before = h.fake.successfulCalls('sendDocument').length;
    await h.postWebhook(messageUpdate(bruno, group, '/kit fete'));
    const [poster] = h.fake.successfulCalls('sendDocument').slice(before);
    const { text } = await readPdf(uploadedBytes(poster!.params.document)!);
    expect(text).toContain('vendredi 28 mai 2027');
    expect(text).toContain('19 h');
    expect(text).toContain('cour intérieure');
    // What the person types wins.
    const typed = h.fake.successfulCalls('sendDocument').length;
    await h.postWebhook(messageUpdate(bruno, group, '/kit fete square Lumière'));
    const [other] = h.fake.successfulCalls('sendDocument').slice(typed);
    const { text: otherText } = await readPdf(uploadedBytes(other!.params.document)!);
    expect(otherText).toContain('square Lumière');
    expect(otherText).toContain('vendredi 28 mai 2027');
  });

  it('gives a personalised kit: summary, then every document as a PDF carrying the details', async () => {
    await h.postWebhook(
      messageUpdate(bruno, group, '/kit fête des voisins 28/05 19h cour intérieure'),
    );
    const [summary, typedBack] = h
      .sentTo(group.id)
      .slice(-2)
      .map((c) => c.params.text as string);
    expect(summary).toContain('<b>Fête des voisins</b>');
    expect(summary).toContain('Étape par étape');
    // What was typed is said back, as the poster carries it.
    expect(typedBack).toBe(
      "J'ai mis sur l'affiche\u202f:\nDate\u202f: vendredi 28 mai 2027\nHeure\u202f: 19 h\nLieu\u202f: cour intérieure",
    );
    const documents = h.fake.successfulCalls('sendDocument');
    const names = documents.map((c) => (c.params.document as { filename: string }).filename);
    expect(names).toEqual([
      'fete-des-voisins-affiche.pdf',
      'fete-des-voisins-invitation.pdf',
      'fete-des-voisins-conseils.pdf',
      'fete-des-voisins-panneau.pdf',
      'fete-des-voisins-annuaire.pdf',
    ]);
    for (const call of documents) {
      const { text } = await readPdf(uploadedBytes(call.params.document)!);
      expect(text, (call.params.document as { filename: string }).filename).toContain(
        'Résidence des Lilas',
      );
    }
    const { text: poster } = await readPdf(uploadedBytes(documents[0]!.params.document)!);
    expect(poster).toContain('vendredi 28 mai 2027');
    expect(poster).toContain('19 h');
    expect(poster).toContain('cour intérieure');
    const chat = await findChat(database.db, 'telegram', String(group.id));
    expect(await findKitDeliveries(database.db, chat!.id)).toEqual([
      expect.objectContaining({
        kitId: 'fete-des-voisins',
        month: '2026-11',
        departement: '69',
        count: 1,
      }),
    ]);
    // The console's figures, in every scope of the group, for the month and the year.
    const kit = { '2026 kit:fete-des-voisins': 1, '2026-11 kit:fete-des-voisins': 1 };
    expect(await rollupsOf(database.db, 'dep:69', 'kit:')).toEqual(kit);
    expect(await rollupsOf(database.db, 'insee:69383', 'kit:')).toEqual(kit);
    expect(await rollupsOf(database.db, `chat:${chat!.id}`, 'kit:')).toEqual(kit);
  });

  it('says back what it printed of the words after a kit’s name, and what of a sentence it left out (tryout)', async () => {
    const texts = (chat: number) => h.sentTo(chat).map((c) => c.params.text as string);
    const posterText = async () => {
      const poster = h.fake
        .successfulCalls('sendDocument')
        .findLast((c) =>
          (c.params.document as { filename: string }).filename.endsWith('affiche.pdf'),
        )!;
      return (await readPdf(uploadedBytes(poster.params.document)!)).text;
    };
    // A place after any kit's name is printed on its poster, and said so.
    await h.postWebhook(messageUpdate(bruno, group, '/kit canicule rue des Lilas'));
    expect(texts(group.id).at(-1)).toBe("J'ai mis sur l'affiche\u202f:\nLieu\u202f: rue des Lilas");
    // "pour" before a date is no place.
    await h.postWebhook(messageUpdate(bruno, group, '/kit noel pour samedi 18h'));
    expect(texts(group.id).at(-1)).toBe(
      "J'ai mis sur l'affiche\u202f:\nDate\u202f: samedi 28 novembre 2026\nHeure\u202f: 18 h",
    );
    // "pour" is no place: the place is left to write by hand.
    expect(await posterText()).not.toContain('Lieu pour');
    expect(await posterText()).toContain('Lieu :');
    // In a sentence, the date is read (it was dropped); the courtesy is nothing to say.
    const me = privateChat(bruno);
    await h.postWebhook(messageUpdate(bruno, me, 'kit noël pour samedi stp ?'));
    expect(texts(bruno.id).at(-1)).toBe(
      "J'ai mis sur l'affiche\u202f:\nDate\u202f: samedi 28 novembre 2026",
    );
    expect(await posterText()).toContain('samedi 28 novembre 2026');
    // A sentence's other words are no place: not printed, and the person is told how.
    await h.postWebhook(
      messageUpdate(bruno, me, 'je voudrais le kit canicule pour ma voisine <b>du 3e</b>'),
    );
    expect(texts(bruno.id).at(-1)).toBe(
      "Je n'ai pas mis «\u202fma voisine &lt;b&gt;du 3e&lt;/b&gt;\u202f» sur les documents. Pour y imprimer un lieu, écrivez-le après le nom du kit, par exemple\u202f: /kit canicule 15/07 19h cour intérieure",
    );
    expect(await posterText()).not.toContain('ma voisine');
    // A version named in a sentence is the version given, and its words are no leftover.
    const documents = h.fake.successfulCalls('sendDocument').length;
    await h.postWebhook(
      messageUpdate(bruno, me, 'le kit noël en gros caractères pour samedi, stp'),
    );
    expect(texts(bruno.id).at(-1)).toBe(
      "J'ai mis sur l'affiche\u202f:\nDate\u202f: samedi 28 novembre 2026",
    );
    const given = h.fake.successfulCalls('sendDocument').slice(documents);
    expect(given.length).toBeGreaterThan(0);
    for (const call of given) {
      expect((call.params.document as { filename: string }).filename).toMatch(/gros-caracteres/);
    }
    // Nothing typed, nothing said back.
    const before = texts(group.id).length;
    await h.postWebhook(messageUpdate(bruno, group, '/kit galette'));
    expect(texts(group.id).slice(before)).toHaveLength(1);
  });

  it('answers bad input with the closest names or an example', async () => {
    await h.postWebhook(messageUpdate(bruno, group, '/kit piquenique'));
    expect(h.sentTo(group.id).at(-1)!.params.text).toContain(
      'Je ne trouve pas de kit «\u202fpiquenique\u202f»',
    );
    await h.postWebhook(messageUpdate(bruno, group, '/kit fete 31/02 19h'));
    expect(h.sentTo(group.id).at(-1)!.params.text).toContain("Cette date n'existe pas");
    await h.postWebhook(messageUpdate(bruno, group, `/kit fete 28/05 ${'très long '.repeat(8)}`));
    expect(h.sentTo(group.id).at(-1)!.params.text).toContain('trop long');
    expect(h.fake.successfulCalls('sendDocument')).toEqual([]);
  });
});
