// The "who brings what" list and gatherings in plain words, as the December 2026 tryouts left
// them on WhatsApp, where every answer is typed:
// - `/japporte chips, boissons` made one item "chips, boissons": it brings both;
// - "deux galettes" when "galettes" is listed was another item: it is the listed one, with
//   the number said kept ("Bruno (2)"); "j'apporte …" said to the bot is /japporte;
// - `/liste` read "2. chips" and its menu "1. J'apporte : chips": the menu's numbers are the
//   list's;
// - "c'est quand la galete ?" was not understood (the exact name was): one typo is read;
// - `/evenement galette 31/02 25h` named the date only: both are named;
// - the running count posted again had the four answers only: the poster and the calendar
//   file are offered there too, as in the announcement.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const clock = createTestClock('2026-11-26T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const { say, mention, groupTexts, runJobs } = createWhatsAppChat(h);

describe('the bring list as neighbours type it, on WhatsApp', () => {
  it('brings each item of a comma list, one figure with a decimal comma being one item', async () => {
    await say(wa.alice, '!fete 29/05 19h');
    await say(wa.alice, '!liste ajouter galettes');
    expect(await say(wa.bruno, '!japporte chips, boissons et 1,5 L de jus')).toBe(
      'Merci Bruno\u202f! Vous apportez\u202f: chips, boissons, 1,5 L de jus.\nIl manque encore\u202f: galettes',
    );
    const list = await say(wa.chloe, '!liste');
    expect(list).toContain('2. chips — ✅ Bruno');
    expect(list).toContain('3. boissons — ✅ Bruno');
    expect(list).toContain('4. 1,5 L de jus — ✅ Bruno');
    expect(list).not.toContain('chips, boissons');
  });

  it('puts a neighbour on the item listed under other words, the number said kept', async () => {
    await say(wa.alice, '!fete 29/05 19h');
    await say(wa.alice, '!liste ajouter galettes, 6 chaises');
    // Said to the bot in plain words, with the number in words.
    expect(await mention(wa.bruno, "j'apporte deux Galettes !")).toBe(
      'Merci Bruno\u202f! Vous apportez\u202f: galettes ×2.\nIl manque encore\u202f: chaises ×6',
    );
    // Covered: said with who brings it, nothing added.
    expect(await say(wa.chloe, '!japporte une galette')).toBe(
      "C'est déjà sur la liste\u202f: n°1 galettes. Je ne l'ajoute pas une deuxième fois.\nQui l'apporte\u202f: Bruno.",
    );
    await say(wa.chloe, '!japporte 2 Chaises');
    const list = await say(wa.chloe, '!liste');
    expect(list).toContain('1. galettes — ✅ Bruno (2)');
    expect(list).toContain('2. chaises ×6 — Chloé (2) · il en manque 4');
    expect(list.match(/^\d+\. /gm)).toHaveLength(2);
  });

  it("numbers the list's menu as the list: the number read on the list brings that item", async () => {
    await say(wa.alice, '!fete 29/05 19h');
    await say(wa.alice, '!liste ajouter galettes, chips, boissons, cidre');
    await say(wa.bruno, '!japporte 1');
    const list = await say(wa.chloe, '!liste');
    expect(list).toContain('2. chips — il en manque 1');
    expect(list).toContain('3. boissons — il en manque 1');
    expect(list).toContain(
      [
        "*2.* J'apporte\u202f: chips",
        "*3.* J'apporte\u202f: boissons",
        "*4.* J'apporte\u202f: cidre",
      ].join('\n'),
    );
    expect(await say(wa.chloe, '3')).toBe(
      'Merci Chloé\u202f! Vous apportez\u202f: boissons.\nIl manque encore\u202f: chips, cidre',
    );
    // Shown again, the covered item is not offered, but its number still names it (not the
    // announcement's "3. Peut-être").
    const again = await say(wa.djamel, '!liste');
    expect(again).toContain("*2.* J'apporte\u202f: chips\n*4.* J'apporte\u202f: cidre");
    expect(await say(wa.djamel, '3')).toContain(
      "C'est déjà pris, Djamel\u202f: il ne manque plus de «\u202fboissons\u202f».",
    );
    expect(groupTexts().join('\n')).not.toContain('Djamel\u202f: peut-être');
    expect(await say(wa.djamel, '4')).toContain('Merci Djamel\u202f! Vous apportez\u202f: cidre.');
    // An item added is offered with its number.
    expect(await say(wa.djamel, '!liste ajouter sirop')).toContain(
      "Ajouté à la liste\u202f: n°5 sirop.\n\n*5.* J'apporte\u202f: sirop",
    );
  });
});

describe('gatherings in plain words and dates, on WhatsApp', () => {
  it("understands a gathering's name with one typo, not a word that only looks like it", async () => {
    await say(wa.alice, '!evenement galette 09/01 16h salle commune');
    await say(wa.alice, '!fete 29/05 19h');
    expect(await mention(wa.chloe, "c'est quand la galete ?")).toContain(
      '📅 *Galette* — samedi 9 janvier 2027, 16 h, salle commune',
    );
    expect(await mention(wa.chloe, 'quand est la fette des voisins')).toContain(
      '📅 *Fête des voisins 2027* — samedi 29 mai 2027, 19 h',
    );
    expect(await mention(wa.chloe, 'quand arrive la palette ?')).toContain(
      "Je n'ai pas bien compris",
    );
  });

  it('names both the date and the hour when neither exists', async () => {
    const both =
      "Cette date et cette heure n'existent pas. Écrivez le jour puis le mois, et l'heure, par exemple\u202f: 28/05 19h ou 28 mai 19h30.";
    expect(await say(wa.alice, '!fete 31/02 25h')).toBe(both);
    expect(await say(wa.alice, '!evenement galette 31/02 25h')).toBe(both);
    // One wrong, that one is named.
    expect(await say(wa.alice, '!evenement galette 31/02 16h')).toContain(
      "Cette date n'existe pas.",
    );
    await say(wa.alice, '!evenement galette 09/01 16h');
    expect(await say(wa.alice, '!evenement date 31/02 25h')).toBe(both);
  });

  it('offers the poster and the calendar file again with the running count posted again', async () => {
    await say(wa.alice, '!fete 29/05 19h');
    await say(wa.bruno, '1');
    clock.set('2026-11-26T11:00:00Z');
    await runJobs();
    const posted = groupTexts().at(-1)!;
    expect(posted).toContain('✅ 1 · 🤔 0 · ❌ 0');
    expect(posted).toContain(
      [
        '*1.* ✅ Je viens',
        '*2.* ✅ Je viens à deux',
        '*3.* 🤔 Peut-être',
        '*4.* ❌ Je ne peux pas',
        "*5.* 📄 Recevoir l'affiche et l'invitation",
        '*6.* 📅 Ajouter à mon agenda',
      ].join('\n'),
    );
    // Its 6 is the calendar file, as the announcement's.
    expect(await say(wa.chloe, '6')).toContain('/agenda');
  });
});
