// A number goes where the person means it (issue 15, 1): in a WhatsApp group several numbered
// menus are open at once (a fête's RSVP, a galette's, the kit list); every list starts at 1, a
// bare number answers the latest list that has it, a reply quoting a list answers that list,
// and a number only older lists share is asked back. A menu made for one person is answered
// by that person only; numbers of two menus at once are asked back; a decision's menu closes
// once decided.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa, type WhatsAppPerson as Person } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const h = useWhatsAppHarness(database, { clock: createTestClock('2026-12-06T10:00:00Z') });
const { groupTexts: texts, privateTexts, sayPrivately } = createWhatsAppChat(h);

type Quoted = ReturnType<typeof h.client>['sent'][number]['message'];
/** A message in the group from the person's @lid, as groups deliver it, perhaps a reply. */
async function say(person: Person, body: string, quoting?: Quoted): Promise<string> {
  h.client().receiveGroupMessage({
    group: wa.group,
    author: person.lid,
    body,
    notifyName: person.name,
    ...(quoting ? { quoting } : {}),
  });
  await h.settle();
  return texts().at(-1) ?? '';
}

describe('numbered menus in a WhatsApp group', () => {
  it('gives a number to the latest list that has it, a quoted list its own', async () => {
    const fete = await say(wa.alice, '/fete 28/05 19h');
    const feteMenu = h.client().sent.at(-1)!.message;
    const galette = await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    // Every list starts at 1, as a person expects.
    const feteYes = numberOf(fete, '✅ Je viens');
    expect(feteYes).toBe('1');
    expect(numberOf(galette, '✅ Je viens')).toBe('1');
    const documentsBefore = h.client().sent.filter((s) => s.kind === 'document').length;

    // Bruno answers the latest thing he sees: the galette.
    expect(await say(wa.bruno, '1')).toMatch(/C'est noté, Bruno\u202f: vous venez \(.*alette/);
    // Quoting the fête, the same number answers the fête.
    expect(await say(wa.chloe, feteYes, feteMenu)).toBe(
      "C'est noté, Chloé\u202f: vous venez (Fête des voisins 2027).",
    );
    expect(h.client().sent.filter((s) => s.kind === 'document')).toHaveLength(documentsBefore);

    // The kit list, newest, takes "1"; a number only the two older lists have is asked back.
    const kits = await say(wa.bruno, '/kits');
    expect(kits).toMatch(/^\*1\.\* /m);
    await say(wa.chloe, '1');
    expect(h.client().sent.filter((s) => s.kind === 'document').length).toBeGreaterThan(
      documentsBefore,
    );
    // A number of no open list: the numbers that are, said once.
    expect(await say(wa.chloe, '99')).toMatch(/^Répondez par un numéro entre 1 et 12\./);
  });

  it('takes a yes from the person in distress for the offer to tell the group, whatever the numbers (tryout)', async () => {
    await sayPrivately(wa.alice, '/aide');
    await say(wa.alice, '/fete 28/05 19h');
    const before = texts().length;
    await say(wa.bruno, '/aide je me sens mal');
    const said = texts().slice(before);
    expect(said[0]).toMatch(/\*15\*/);
    // The offer, the latest list, starts at 1: Bruno's "1" would be the offer, not a vote.
    expect(numberOf(said.at(-1)!, 'Oui, prévenez-les')).toBe('1');
    // A number on no list: the lists' numbers, said once ("1–4", not "1–4, 1–1").
    const ranges = await say(wa.bruno, '99');
    expect(ranges).toMatch(/^Répondez par un numéro entre 1 et \d+/);
    // Someone else's yes, in passing: nothing.
    const sent = h.client().sent.length;
    await say(wa.chloe, 'oui');
    expect(h.client().sent).toHaveLength(sent);
    // Bruno's yes: the organisers are told, privately.
    const told = privateTexts(wa.alice).length;
    await say(wa.bruno, 'Oui, prévenez-les');
    expect(privateTexts(wa.alice).length).toBeGreaterThan(told);
    // Answered once: another yes is nothing.
    const after = h.client().sent.length;
    await say(wa.bruno, 'oui');
    expect(h.client().sent).toHaveLength(after);
  });

  it('keeps the offer to tell the group as "1" when the command goes on with its own question, in private (tryout: "1" published the need)', async () => {
    await sayPrivately(wa.alice, '/aide');
    await say(wa.bruno, '/aide');
    const before = privateTexts(wa.bruno).length;
    await sayPrivately(wa.bruno, '/besoin courses : je suis tombée hier, il me faut du pain');
    const said = privateTexts(wa.bruno).slice(before);
    expect(said[0]).toMatch(/\*15\*/);
    const offer = said.find((text) => text.includes('Oui, prévenez-les'))!;
    expect(numberOf(offer, 'Oui, prévenez-les')).toBe('1');
    const preview = said.at(-1)!;
    expect(Number(numberOf(preview, 'Publier'))).toBeGreaterThan(1);
    // "1": the organisers are told, and nothing is published.
    const told = privateTexts(wa.alice).length;
    const inGroup = texts().length;
    await sayPrivately(wa.bruno, '1');
    expect(privateTexts(wa.alice).length).toBeGreaterThan(told);
    expect(texts()).toHaveLength(inGroup);
    // The preview's own number still publishes the need, without the fall.
    await sayPrivately(wa.bruno, numberOf(preview, 'Publier'));
    expect(texts().length).toBeGreaterThan(inGroup);
    expect(texts().at(-1)).toContain('il me faut du pain');
    expect(texts().at(-1)).not.toContain('tombée');
  });

  it('reads a number quoting a menu against that menu, and a number quoting a neighbour as not for the bot', async () => {
    const fete = await say(wa.alice, '/fete 28/05 19h');
    const feteMenu = h.client().sent.at(-1)!.message;
    const galette = await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    const galetteMenu = h.client().sent.at(-1)!.message;
    // Quoting a list, a number is read against that list only.
    expect(await say(wa.bruno, '9', feteMenu)).toMatch(/^Répondez par un numéro entre 1 et/);
    expect(await say(wa.bruno, numberOf(galette, '✅ Je viens'), galetteMenu)).toMatch(
      /C'est noté, Bruno\u202f: vous venez \(.*alette/,
    );
    expect(await say(wa.chloe, numberOf(fete, '✅ Je viens'), feteMenu)).toBe(
      "C'est noté, Chloé\u202f: vous venez (Fête des voisins 2027).",
    );
    // Chloé asks the group; Alice answers her "2", quoting her: nothing for the bot.
    const question = h.client().receiveGroupMessage({
      group: wa.group,
      author: wa.chloe.lid,
      body: 'Combien de chaises il vous faut ?',
      notifyName: 'Chloé',
    });
    await h.settle();
    const sentBefore = h.client().sent.length;
    await say(wa.alice, '2', question);
    expect(h.client().sent).toHaveLength(sentBefore);
  });

  it("answers a person's menu for that person only, and closes a decision once decided", async () => {
    const asked = await say(wa.alice, '/parametres cp 01000');
    expect(asked).toContain('Laquelle est celle du groupe\u202f?');
    const bourg = numberOf(asked, 'Bourg-en-Bresse (01)');
    expect(await say(wa.bruno, bourg)).toBe(
      "Cette question était posée à quelqu'un d'autre\u202f: votre réponse ne change rien.",
    );
    // A number of no menu at all is not an answer to anyone: nothing is said.
    const sentBefore = h.client().sent.length;
    await say(wa.bruno, '42');
    expect(h.client().sent).toHaveLength(sentBefore);
    expect(await say(wa.alice, bourg)).toContain('Bourg-en-Bresse');
    // Decided: its numbers are free again, the next menu starts at 1.
    expect(numberOf(await say(wa.alice, '/fete 28/05 19h'), '✅ Je viens')).toBe('1');
  });

  it("starts every list at 1; a list shown again, or a newer question to a person, takes the old one's place", async () => {
    const fete = await say(wa.alice, '/fete 28/05 19h');
    expect(numberOf(fete, '✅ Je viens')).toBe('1');
    const kits = await say(wa.bruno, '/kits');
    const noel = numberOf(kits, 'Noël des voisins');
    // The same list shown again takes the old one's place and numbers.
    expect(numberOf(await say(wa.chloe, '/kits'), 'Noël des voisins')).toBe(noel);
    const documents = () => h.client().sent.filter((s) => s.kind === 'document').length;
    const documentsBefore = documents();
    await say(wa.bruno, noel);
    expect(texts().some((t) => t.includes('Noël des voisins'))).toBe(true);
    expect(documents()).toBeGreaterThan(documentsBefore);
    // A question to Alice starts at 1 too; a newer one replaces it.
    const settings = await say(wa.alice, '/parametres');
    expect(numberOf(settings, 'immeuble')).toBe('1');
    const language = await say(wa.alice, '/langue');
    expect(numberOf(language, 'Français')).toBe('1');
    // Her question is the latest thing in the chat, and Chloé has lists of her own with a
    // "1": she is asked which of hers she meant (Alice's question is not offered).
    const which = await say(wa.chloe, '1');
    expect(which).toContain('À quelle liste');
    expect(which).not.toContain('langue');
    expect(await say(wa.alice, numberOf(language, 'Français'))).toMatch(/français/i);
    // Answered, it is over: the fête's "1", quoted, and the kits' "1" bare, as before.
    expect(
      await say(
        wa.chloe,
        '1',
        h.client().sent.find((s) => s.message.body?.includes?.('✅ Je viens'))?.message,
      ),
    ).toBe("C'est noté, Chloé\u202f: vous venez (Fête des voisins 2027).");
  });

  it('asks which gathering a command is about when two are coming (issue 15, 5)', async () => {
    await say(wa.alice, '/fete 28/05 19h');
    await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    const asked = await say(wa.bruno, '/jeviens 1');
    expect(asked).toContain('Plusieurs sorties arrivent\u202f: laquelle\u202f?');
    expect(asked).toContain('Fête des voisins 2027 (vendredi 28 mai 2027)\u202f: /jeviens fete 1');
    expect(asked).toContain('Galette (dimanche 10 janvier 2027)\u202f: /jeviens galette 1');
    const galette = numberOf(asked, 'Galette — dim. 10 janv.');
    // The question is Bruno's: Chloé's number is not an answer to it; her own lists (the
    // two announcements) have it: she is asked which of them she meant.
    expect(await say(wa.chloe, galette)).toContain('À quelle liste');
    expect(await say(wa.bruno, galette)).toBe(
      "C'est noté, Bruno\u202f: vous venez avec 1 personne (Galette).",
    );
    // Named, it acts at once, and says on which.
    expect(await say(wa.chloe, '/jeviens fete')).toBe(
      "C'est noté, Chloé\u202f: vous venez (Fête des voisins 2027).",
    );
    expect(await say(wa.chloe, '/liste')).toContain('/liste galette');
    // Two gatherings coming: the answer says whose list it changed.
    expect(await say(wa.chloe, '/liste galette ajouter 2 galettes')).toMatch(
      /^🧺 Liste de Galette\nAjouté à la liste\u202f: n°1 galettes ×2\.\n/,
    );
  });

  it('names two gatherings of the same name apart, and says which one an answer acted on (tryout)', async () => {
    await say(wa.alice, '/evenement galette 10/01 16h salle commune');
    await say(wa.alice, '/evenement galette 17/01 16h salle commune');
    const asked = await say(wa.bruno, '/jeviens');
    expect(asked).toContain('Galette (dimanche 10 janvier 2027)\u202f: /jeviens galette1');
    expect(asked).toContain('Galette (dimanche 17 janvier 2027)\u202f: /jeviens galette2');
    expect(numberOf(asked, 'Galette — dim. 17 janv.')).toBeDefined();
    expect(await say(wa.bruno, '/jeviens galette2')).toBe(
      "C'est noté, Bruno\u202f: vous venez (Galette — dim. 17 janv.).",
    );
    expect(await say(wa.chloe, '/jeviens galette1 2')).toBe(
      "C'est noté, Chloé\u202f: vous venez avec 2 personnes (Galette — dim. 10 janv.).",
    );
    // Their lists, and what is brought to each, say which by the date.
    expect(await say(wa.alice, '/liste galette2 ajouter 3 bouteilles de cidre')).toMatch(
      /^🧺 Liste de Galette — dim\. 17 janv\.\nAjouté à la liste\u202f: n°1 bouteilles de cidre ×3\./,
    );
    expect(await say(wa.chloe, '/liste galette2')).toMatch(
      /^🧺 \*Qui apporte quoi\u202f: Galette — dim\. 17 janv\.\*/,
    );
    expect(await say(wa.chloe, '/japporte galette2 1 2')).toMatch(
      /^🧺 Liste de Galette — dim\. 17 janv\.\nMerci Chloé\u202f! Vous apportez\u202f: bouteilles de cidre ×2\./,
    );
    expect(await say(wa.chloe, '/japportepas galette2 1')).toMatch(
      /^🧺 Liste de Galette — dim\. 17 janv\.\nC'est noté, Chloé n'apporte plus/,
    );
    // The first galette's list is another one: nothing of the second's on it.
    expect(await say(wa.bruno, '/liste galette1')).toContain(
      'Qui apporte quoi\u202f: Galette — dim. 10 janv.',
    );
    expect(texts().at(-1)).not.toContain('cidre');
  });
});
