// The "who brings what" list as the December 2026 tryout used it, through the real bot and the
// fake Bot API:
// - `/liste ajouter a, b, c` made one item "a, b, c": a comma list is several items (the last
//   one split at "et"); a comma inside a note's brackets or between figures does not split;
// - `/liste imprimer galette1` (the name after the action) was not understood: both orders are;
// - "cake (appelez Chloé au 3e)" was shown whole: a note saying whom to call or where to ring
//   is left off the list (the item stays), and a phone number spelled in words refuses the
//   item, as figures do.
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { readPdf } from '../handlers/kits/pdf/read-pdf.ts';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { buttonsOf, documentBytes, people, privateChat } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno, chloe } = people;

const { chat, group, h } = useLilasOnTelegram(database);
const { say, documentsTo, answerTo: said } = chat;

/** The items as stored: label, quantity, category, note. */
const stored = async () =>
  (
    await queryRows<{ label: string; quantity: number; category: string; note: string | null }>(
      database.db,
      'SELECT label, quantity, category, note FROM gathering_items ORDER BY position',
    )
  ).map((r) => [r.label, r.quantity, r.category, r.note]);

describe('several items in one /liste ajouter', () => {
  it('adds each item of a comma list, the last one split at "et", and says each number', async () => {
    await say(alice, '/evenement galette 12/12 16h salle commune');
    const added = await said(bruno, '/liste ajouter pain, 2 beurres et confiture');
    expect(added).toContain('Ajoutés à la liste : n°1 pain, n°2 beurres ×2, n°3 confiture.');
    expect(buttonsOf(h.sentTo(group.id).at(-1)).map((b) => b.text)).toEqual([
      expect.stringContaining('pain'),
      expect.stringContaining('beurres'),
      expect.stringContaining('confiture'),
    ]);
    expect(await stored()).toEqual([
      ['pain', 1, 'autre', null],
      ['beurres', 2, 'autre', null],
      ['confiture', 1, 'autre', null],
    ]);

    // A comma inside a note stays in it; "et" without a comma list is one item.
    const noted = await said(bruno, '/liste ajouter 3 desserts (sans gluten, sans lactose)');
    expect(noted).toContain('Ajouté à la liste : n°4 desserts ×3.');
    expect(await said(bruno, '/liste ajouter sel et poivre')).toContain('n°5 sel et poivre');
    // A category named first goes to the items that name none.
    await say(bruno, '/liste ajouter boissons : sirop de menthe, citronnade maison');
    expect((await stored()).slice(5)).toEqual([
      ['sirop de menthe', 1, 'boissons', null],
      ['citronnade maison', 1, 'boissons', null],
    ]);

    // Items already there are said so, the new ones added.
    const again = await said(chloe, '/liste ajouter du pain, chips');
    expect(again).toContain('Ajouté à la liste : n°8 chips.');
    expect(again).toContain('Déjà sur la liste, pas ajouté une deuxième fois : n°1 pain.');

    // "2,5" is one (refused) quantity, not two items; the list shows the rest.
    expect(await said(bruno, '/liste ajouter 2,5 quiches')).toContain(
      'La quantité doit être un nombre entier',
    );
    const list = await said(bruno, '/liste');
    expect(list).toContain('4. desserts ×3 <i>(sans gluten, sans lactose)</i>');
    expect(list).toContain('5. sel et poivre');
  });

  it('refuses a list too long for one message, and adds nothing', async () => {
    await say(alice, '/evenement galette 12/12 16h');
    const many = Array.from({ length: 13 }, (_, i) => `article ${i + 1}`).join(', ');
    expect(await said(bruno, `/liste ajouter ${many}`)).toContain(
      '12 articles au plus par message',
    );
    expect(await stored()).toEqual([]);
  });
});

describe('whom to call or where to ring, on the shared list', () => {
  it('leaves such a note off the list and keeps the item; refuses a number spelled in words', async () => {
    await say(alice, '/evenement galette 12/12 16h salle commune');
    const cake = await said(chloe, '/liste ajouter cake (appelez Chloé au 3e)');
    expect(cake).toContain('Ajouté à la liste : n°1 cake.');
    expect(cake).toContain("Qui appeler, où sonner : je ne l'ai pas écrit sur la liste");
    expect(cake).not.toContain('3e');
    await say(bruno, '/japporte tarte (sonnez chez Bruno, bât. B)');
    expect(await stored()).toEqual([
      ['cake', 1, 'sucre', null],
      ['tarte', 1, 'sucre', null],
    ]);

    for (const typed of [
      '/liste ajouter gâteau (zéro six douze trente-quatre cinquante-six soixante-dix-huit)',
      '/japporte chips, appelez le zero six, douze, trente quatre, cinquante six, soixante dix huit',
      '/liste ajouter cake, 06 douze trente-quatre cinquante-six 78',
    ]) {
      expect(await said(chloe, typed)).toContain(
        'Je ne mets sur la liste ni numéro de téléphone, ni adresse e-mail, ni lien',
      );
    }
    expect(await stored()).toHaveLength(2);

    // A dietary note stays; the list and the printed sheet never show whom to call.
    await say(chloe, '/liste ajouter quiche (végétarienne)');
    const list = await said(bruno, '/liste');
    expect(list).toContain('3. quiche <i>(végétarienne)</i>');
    expect(list).not.toMatch(/appelez|sonnez|Chloé au/);
  });

  it('does not show such a note saved before, on the list or the sheet', async () => {
    await say(alice, '/evenement galette 12/12 16h salle commune');
    await say(chloe, '/liste ajouter cake (sans gluten)');
    await queryRows(database.db, "UPDATE gathering_items SET note = 'appelez Chloé au 3e'");
    expect(await said(bruno, '/liste')).toContain('1. cake — il en manque 1');
    await say(alice, '/liste imprimer');
    const sheet = (await readPdf(documentBytes(documentsTo(group.id).at(-1)))).text;
    expect(sheet).toContain('cake');
    expect(sheet).not.toContain('appelez');
  });
});

describe('the gathering named after the list’s action', () => {
  it('prints, removes and adds for the one named after the action, as before it', async () => {
    await say(alice, '/evenement galette 12/12 16h salle commune');
    await say(alice, '/evenement galette 19/12 16h salle commune');
    await say(alice, '/liste galette2 ajouter 6 chaises');
    await say(alice, '/liste ajouter galette2 2 tables');
    await say(alice, '/liste galette1 ajouter nappes');

    await say(alice, '/liste imprimer galette2');
    expect(documentsTo(group.id)).toHaveLength(1);
    const sheet = (await readPdf(documentBytes(documentsTo(group.id)[0]))).text;
    expect(sheet).toContain('chaises');
    expect(sheet).toContain('tables');
    expect(sheet).not.toContain('nappes');

    // Privately too.
    await say(bruno, '/aide');
    await say(bruno, '/start', privateChat(bruno));
    await say(bruno, '/liste imprimer galette1', privateChat(bruno));
    expect(documentsTo(bruno.id)).toHaveLength(1);
    expect((await readPdf(documentBytes(documentsTo(bruno.id)[0]))).text).toContain('nappes');

    const removed = await said(alice, '/liste retirer galette2 1');
    expect(removed).toContain('Liste de Galette — sam. 19 déc.');
    expect(removed).toContain('chaises');
    expect((await stored()).map(([label]) => label).sort()).toEqual(['nappes', 'tables']);
  });

  it('with one gathering coming, adds "galette des rois" as an item, not as the name', async () => {
    await say(alice, '/evenement galette 12/12 16h salle commune');
    expect(await said(bruno, '/liste ajouter galette des rois')).toContain(
      'Ajouté à la liste : n°1 galette des rois.',
    );
    await say(alice, '/liste imprimer galette');
    expect(documentsTo(group.id)).toHaveLength(1);
    expect((await stored()).map(([label]) => label)).toEqual(['galette des rois']);
  });
});
