// Numbered menus as people read them (December tryout): a gathering's card has one menu, so
// a "3" on it means one thing; "which list?" names the lists and takes the answer as a number
// (no quoting needed); a person's own question is theirs to answer whoever else was asked
// since; an answer to a question a newer one replaced is told so truthfully; and in a private
// chat every list starts at 1, the safety offer first while it is open.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const clock = createTestClock('2026-12-06T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const MINUTE = 60_000;
const { say, mention, reply, sayPrivately, privateTexts, lastPrivate } = createWhatsAppChat(h);

describe("a gathering's card on WhatsApp", () => {
  it('shows the bring-list with bullets, so that a number on the card is only its menu', async () => {
    await say(wa.alice, '/fete 28/05 19h');
    await say(wa.alice, '/liste ajouter 2 galettes');
    await say(wa.alice, '/liste ajouter cidre');
    await say(wa.alice, '/liste ajouter 10 chaises');
    const card = await mention(wa.bruno, "c'est quand la fête ?");
    expect(card).toContain('• chaises ×10 — il en manque 10');
    expect(card).toContain('Pour apporter quelque chose\u202f: /liste');
    // The only numbered lines are the menu's (the items' numbers are for /liste).
    expect(card.match(/^\*?\d+\.\*? .*$/gm)).toEqual([
      '*1.* ✅ Je viens',
      '*2.* ✅ Je viens à deux',
      '*3.* 🤔 Peut-être',
      '*4.* ❌ Je ne peux pas',
    ]);
    // The hint for the numbers sits just above them, after the list.
    expect(card.indexOf('Répondez par un numéro ci-dessous')).toBeGreaterThan(
      card.indexOf('• chaises'),
    );
    expect(await say(wa.bruno, '3')).toBe(
      "C'est noté, Bruno\u202f: peut-être (Fête des voisins 2027).",
    );
    // /liste still numbers its items, as /japporte 3 names them.
    expect(await say(wa.bruno, '/liste')).toMatch(/^3\. chaises ×10 — il en manque 10$/m);
  });
});

describe('"which gathering?" after /japporte on WhatsApp', () => {
  it('is numbered, and its number shows the list of the gathering chosen', async () => {
    // Tryout: "laquelle ?" listed the commands only, and a "1" answered an older list.
    await say(wa.alice, '/fete 28/05 19h');
    await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    await say(wa.alice, '/liste galette ajouter galettes, cidre');
    const asked = await say(wa.chloe, '/japporte');
    expect(asked).toContain('laquelle');
    const galette = numberOf(asked, '📋 Galette — dim. 10 janv.');
    const list = await say(wa.chloe, galette);
    expect(list).toContain('Qui apporte quoi\u202f: Galette');
    expect(list).toContain('cidre');
  });
});

describe('a reply quoting a list that no longer waits, on WhatsApp', () => {
  it('is told so, and answers no newer list', async () => {
    // Tryout: a "1" quoting an answered question was read by its numbers and reached the
    // newest list (there, "Retirer Chloé": a watched neighbour removed).
    const asked = await say(wa.alice, '/parametres cp 01000');
    expect(asked).toContain('Laquelle est celle du groupe');
    await say(wa.alice, numberOf(asked, 'Bourg-en-Bresse (01)'));
    await say(wa.alice, '/kits');
    const documents = () => h.client().sent.filter((s) => s.kind === 'document').length;
    const before = documents();
    expect(await reply(wa.alice, 'Laquelle est celle du groupe', '1')).toBe(
      "Cette liste n'attend plus de réponse. Regardez la plus récente, ou relancez la commande.",
    );
    expect(documents()).toBe(before);
  });
});

describe('"which list?" on WhatsApp', () => {
  it('names the lists a number could answer, and applies the number to the one chosen', async () => {
    await say(wa.alice, '/fete 28/05 19h');
    await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    // The newest list has no 3: the two announcements have, and mean different things by it.
    await say(wa.alice, '/liste galette ajouter gobelets');
    const asked = await say(wa.bruno, '3');
    expect(asked).toContain('Bruno, vous avez répondu «\u202f3\u202f». À quelle liste\u202f?');
    const galette = numberOf(asked, "l'annonce de «\u202fGalette\u202f» (je viens, peut-être…)");
    const fete = numberOf(
      asked,
      "l'annonce de «\u202fFête des voisins 2027\u202f» (je viens, peut-être…)",
    );
    expect([galette, fete].sort()).toEqual(['1', '2']);
    // Bruno's question, not Chloé's: her "2" is her own, and she is asked about it.
    expect(await say(wa.chloe, '2')).toContain(
      'Chloé, vous avez répondu «\u202f2\u202f». À quelle liste\u202f?',
    );
    // His "3" goes to the fête, as "peut-être".
    expect(await say(wa.bruno, fete)).toBe(
      "C'est noté, Bruno\u202f: peut-être (Fête des voisins 2027).",
    );
    // Answered, the question is over: the bring list's "1" is the newest again.
    expect(await say(wa.bruno, '1')).toMatch(/Merci Bruno\u202f! Vous apportez\u202f: gobelets/);
  });

  it('says so when the list chosen no longer waits for an answer', async () => {
    await say(wa.alice, '/fete 28/05 19h');
    await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    await say(wa.alice, '/liste galette ajouter gobelets');
    clock.advance(20 * MINUTE);
    const asked = await say(wa.bruno, '3');
    const galette = numberOf(asked, "l'annonce de «\u202fGalette\u202f» (je viens, peut-être…)");
    // The announcements' time is over (30 minutes), the question's not yet.
    clock.advance(15 * MINUTE);
    expect(await say(wa.bruno, galette)).toBe(
      "Cette liste n'attend plus de réponse. Regardez la plus récente, ou relancez la commande.",
    );
    expect(await say(wa.bruno, '/jeviens galette')).toContain('vous venez');
  });
});

describe('questions put to one person in a WhatsApp group', () => {
  it("answers a person's own question even when someone else was asked one since", async () => {
    await say(wa.alice, '/fete 28/05 19h');
    await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    const settings = await say(wa.alice, '/parametres');
    await say(wa.bruno, '/jeviens');
    // Bruno's question is the newest; Alice's "2" answers hers (tryout: "asked to someone else").
    expect(await say(wa.alice, numberOf(settings, 'rue'))).toContain('Type\u202f: rue');
  });

  it('tells a person whose question a newer one replaced, and names the newer one', async () => {
    await say(wa.alice, '/fete 28/05 19h');
    await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    await say(wa.alice, '/evenement apéro 12/01 19h cour');
    const settings = await say(wa.alice, '/parametres');
    // A newer question to Alice replaces her settings: which event to cancel (two choices).
    expect(await say(wa.alice, '/evenement annuler')).toContain('Galette');
    // Bruno is asked which of three gatherings: his is the newest list of the chat.
    expect(await say(wa.bruno, '/jeviens')).toContain('laquelle');
    // Alice answers her settings' "3" (quartier): only her replaced question and Bruno's have it.
    expect(await say(wa.alice, numberOf(settings, 'quartier'))).toBe(
      'Cette question a été remplacée par une plus récente\u202f: la question «\u202fquelle sortie\u202f?\u202f» (votre question). Répondez à la nouvelle, avec ses numéros.',
    );
  });
});

describe('the offer to tell the group after distress, in a WhatsApp group', () => {
  it('stays open beside a newer question put to the same person: "oui" still tells the organisers', async () => {
    await sayPrivately(wa.alice, '/aide');
    await say(wa.alice, '/fete 28/05 19h');
    await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    const before = h.client().sent.length;
    await mention(wa.bruno, 'je me sens mal');
    const said = h
      .client()
      .sent.slice(before)
      .map((s) => s.text ?? '');
    expect(said[0]).toMatch(/\*15\*/);
    expect(said.at(-1)).toContain('Oui, prévenez-les');
    // Then Bruno is asked a question of his own (which gathering): the offer stays open.
    expect(await say(wa.bruno, '/jeviens')).toContain('laquelle');
    const told = privateTexts(wa.alice).length;
    await say(wa.bruno, 'oui');
    expect(privateTexts(wa.alice).length).toBeGreaterThan(told);
  });

  it("does not take another member's number: asked which of their own lists they meant", async () => {
    // Tryout: Alice asked for the kits, then Bruno's distress offer came ("1. Oui,
    // prévenez-les", his alone); Alice's "1" was told "asked to someone else", her kits lost.
    await sayPrivately(wa.alice, '/aide');
    const kits = await say(wa.alice, '/kits');
    await mention(wa.bruno, 'au secours');
    const which = await say(wa.alice, '1');
    expect(which).toContain('Alice, vous avez répondu «\u202f1\u202f». À quelle liste\u202f?');
    expect(which).not.toContain("quelqu'un d'autre");
    const documentsBefore = h.client().sent.filter((s) => s.kind === 'document').length;
    await say(wa.alice, numberOf(which, 'la liste des kits'));
    const kitName = kits.match(/^\*?1\.\*? (.+)$/m)![1]!;
    expect(h.client().sent.some((s) => (s.text ?? '').includes(kitName))).toBe(true);
    expect(h.client().sent.filter((s) => s.kind === 'document').length).toBeGreaterThan(
      documentsBefore,
    );
    // Bruno's offer is still his: his "1" tells the organisers.
    const told = privateTexts(wa.alice).length;
    await say(wa.bruno, '1');
    expect(privateTexts(wa.alice).length).toBeGreaterThan(told);
  });
});

describe('numbered menus in a WhatsApp private chat', () => {
  it('starts every list at 1: the safety offer first while it is open, then the list alone', async () => {
    await sayPrivately(wa.alice, '/aide');
    await say(wa.bruno, '/aide');
    await sayPrivately(wa.bruno, '/besoin courses : je suis tombée hier, il me faut du pain');
    const preview = lastPrivate(wa.bruno);
    // One list from 1: the offer again, then the preview's own choices.
    expect(preview).toMatch(
      /^\*1\.\* 🆘 Oui, prévenez-les \(question plus haut\)\n\*2\.\* Publier$/m,
    );
    const told = privateTexts(wa.alice).length;
    await sayPrivately(wa.bruno, '1');
    expect(privateTexts(wa.alice).length).toBeGreaterThan(told);
    // The offer answered, the next list starts at 1 with its own first choice.
    const languages = await sayPrivately(wa.bruno, '/langue');
    expect(languages).toMatch(/^\*1\.\* Français$/m);
    expect(languages).not.toContain('prévenez');
  });

  it("closes the chat's older menus once the offer after distress is made: a stray number touches nothing", async () => {
    // Tryout: her need published ("1. Afficher mon prénom 2. Retirer ma demande"), then "je
    // me sens pas bien…", then "2" (most likely "no" to the offer): the need was withdrawn.
    await sayPrivately(wa.alice, '/aide');
    await say(wa.bruno, '/aide');
    await sayPrivately(wa.bruno, '/besoin courses samedi, du pain et du lait');
    await sayPrivately(wa.bruno, '1');
    expect(lastPrivate(wa.bruno)).toContain('Retirer ma demande');
    await sayPrivately(wa.bruno, 'je me sens pas bien j ai la tete qui tourne');
    expect(lastPrivate(wa.bruno)).toContain('Oui, prévenez-les');
    expect(await sayPrivately(wa.bruno, '2')).toBe(
      "Cette liste n'a que le numéro 1\u202f: répondez 1, ou ne répondez pas.",
    );
    expect(privateTexts(wa.bruno).join('\n')).not.toContain('Votre demande est retirée');
    // The offer still works.
    const told = privateTexts(wa.alice).length;
    await sayPrivately(wa.bruno, '1');
    expect(privateTexts(wa.alice).length).toBeGreaterThan(told);
  });

  it('tells the person that a newer question replaced the one answered', async () => {
    await say(wa.bruno, '/aide');
    const kits = await sayPrivately(wa.bruno, '/kits');
    await sayPrivately(wa.bruno, '/langue');
    expect(await sayPrivately(wa.bruno, numberOf(kits, 'Canicule'))).toBe(
      'Cette question a été remplacée par une plus récente\u202f: le choix de la langue. Répondez à la nouvelle, avec ses numéros.',
    );
  });
});
