// Late answers and "which list?" on WhatsApp, where answers are typed numbers (tryout from the
// terminal chat, a short menu time): a number answering an organiser's own question after its
// time is told that question no longer waits, naming it, never asked "which list?" among the
// group's other lists (where "1" would RSVP); "which list?" offers each list once, never a
// cancelled gathering's, never an older "which list?", the date poll kept; and the bring
// list's hint names the gathering when several are coming.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
// Sunday 6 December 2026; menus are remembered 30 minutes.
const clock = createTestClock('2026-12-06T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const { say, reply, groupTexts } = createWhatsAppChat(h);
const MINUTE = 60_000;

const cancelled = () => groupTexts().filter((text) => /est annulée?\. Les rappels/.test(text));

describe('a late answer to a question put to one person', () => {
  it('says the question no longer waits, names it, and how to ask it again', async () => {
    await say(wa.alice, '/evenement galette 09/01 16h salle commune');
    await say(wa.alice, '/evenement apero 20/12 18h cour');
    const asked = await say(wa.alice, '/evenement annuler apero');
    const yes = numberOf(asked, '❌ Oui, annuler');
    clock.advance(20 * MINUTE);
    // Others answer lists meanwhile: the galette's lists are newer than Alice's question.
    await say(wa.bruno, '/liste galette ajouter gobelets');
    await say(wa.chloe, '/jeviens galette');
    clock.advance(15 * MINUTE);
    const late = await say(wa.alice, yes);
    expect(late).toBe(
      "Alice, la question avant d'annuler «\u202fApero\u202f» n'attend plus de réponse (son temps est passé)\u202f: rien n'a été fait. Pour qu'elle soit reposée, renvoyez /evenement annuler apero",
    );
    expect(late).not.toContain('À quelle liste');
    expect(cancelled()).toHaveLength(0);
    // Nothing was RSVPed nor brought in her name.
    expect(await say(wa.bruno, '/evenement')).toContain('Apero');
    expect(groupTexts().join('\n')).not.toMatch(/Alice\u202f: je viens|Merci Alice/);
    // Quoting the question says the same.
    expect(await reply(wa.alice, '❌ Oui, annuler', yes)).toContain(
      "la question avant d'annuler «\u202fApero\u202f» n'attend plus de réponse",
    );
    // Asked again, it is answered.
    await say(wa.alice, '/evenement annuler apero');
    expect(await say(wa.alice, yes)).toContain("L'événement «\u202f*Apero*\u202f» est annulé.");
  });

  it('is over once it has been over as long as it lived: a number is read as before', async () => {
    await say(wa.alice, '/evenement apero 20/12 18h cour');
    await say(wa.alice, '/evenement annuler apero');
    clock.advance(61 * MINUTE);
    await say(wa.alice, '/evenement galette 09/01 16h salle commune');
    expect(await say(wa.alice, '1')).toMatch(/Alice.*je viens|vous venez/);
    expect(cancelled()).toHaveLength(0);
  });
});

describe('"which list?"', () => {
  it('offers each list once, not a cancelled one nor itself', async () => {
    await say(wa.alice, '/fete 29/05/2027, 05/06/2027');
    await say(wa.alice, '/evenement apero 20/12 18h cour');
    await say(wa.alice, '/evenement galette 09/01 16h salle commune');
    await say(wa.alice, '/evenement galette 16/01 16h salle commune');
    // Three menus of the same list.
    await say(wa.alice, '/liste galette1 ajouter gobelets');
    await say(wa.bruno, '/liste galette1 ajouter jus');
    await say(wa.chloe, '/liste galette1 ajouter chips');
    await say(wa.alice, '/evenement annuler galette2');
    await say(wa.alice, '1');
    expect(cancelled()).toHaveLength(1);
    // Djamel is asked which gathering: the latest list is his question, Bruno is asked.
    await say(wa.djamel, '/liste');
    const asked = await say(wa.bruno, '1');
    expect(asked).toContain('Bruno, vous avez répondu «\u202f1\u202f». À quelle liste\u202f?');
    const labels = asked
      .split('\n')
      .filter((line) => /^\*\d+\.\*/.test(line))
      .map((line) => line.replace(/^\*\d+\.\* /, ''));
    // One line per list, and the cancelled galette's announcement is not one.
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels.filter((l) => l.includes('qui apporte quoi'))).toHaveLength(1);
    expect(asked).not.toContain('16 janv.');
    // A newer list has "1" too (Chloé shows the galette's list): Bruno is asked again, and his
    // first "which list?", still open, is no list to answer.
    await say(wa.chloe, '/liste galette');
    const again = await say(wa.bruno, '1');
    expect(again).toContain('À quelle liste');
    expect(again).not.toContain('«\u202fà quelle liste\u202f?\u202f»');
  });
});

describe('the bring list with several gatherings coming', () => {
  it('names the gathering in its hint', async () => {
    await say(wa.alice, '/evenement galette 09/01 16h salle commune');
    await say(wa.alice, '/evenement apero 20/12 18h cour');
    const list = await say(wa.alice, '/liste galette ajouter gobelets, jus');
    const shown = await say(wa.bruno, '/liste galette');
    expect(shown).toContain("J'apporte\u202f: /japporte galette 3 (le numéro)");
    expect(shown).toContain('/liste galette imprimer');
    expect(list).toBeDefined();
    // Following the hint works.
    expect(await say(wa.bruno, '/japporte galette 1')).toContain('Merci Bruno');
  });

  it('says the bare command when one gathering is coming', async () => {
    await say(wa.alice, '/evenement galette 09/01 16h salle commune');
    await say(wa.alice, '/liste ajouter gobelets');
    expect(await say(wa.bruno, '/liste')).toContain("J'apporte\u202f: /japporte 3 (le numéro)");
  });
});
