// One building's WhatsApp group on a summer morning, as its neighbours live it (issue 15): two
// gatherings are being planned, Chloé needs a hand, a canicule is declared with its kit, and
// Bruno, their referent, gets his round. Many numbered menus are open at once, in the group
// and privately, each numbered from 1; a bare number answers the latest list, a reply quoting
// an older list answers that one, a number only older lists share is asked back; every number
// typed reaches the menu its author meant, and nothing else happens.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { residenceWith, wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { alice, bruno, chloe, djamel } = wa;
// Tuesday 20 July 2027, 08:00 in Lyon.
const clock = createTestClock('2027-07-20T06:00:00Z');
const h = useWhatsAppHarness(database, {
  clock,
  env: { BOT_ADMINS: `whatsapp:${alice.pn}` },
  fake: residenceWith([djamel]),
});
const { say, reply, sayPrivately, groupTexts, lastPrivate } = createWhatsAppChat(h);
const documents = () => h.client().sent.filter((s) => s.kind === 'document');

describe('a summer morning in a WhatsApp group', () => {
  it('takes every number to the menu it was typed for', async () => {
    await say(alice, '!parametres cp 69003');
    for (const person of [alice, bruno, chloe, djamel]) {
      await say(person, '!aide');
      await sayPrivately(person, '!aide');
    }

    // Bruno becomes the building's referent (a decision for the group's admins), and adds
    // Mme Martin, who agreed to be checked on.
    const offer = await say(bruno, '!referent');
    await say(alice, numberOf(offer, 'Confirmer'));
    expect(groupTexts().at(-1)).toContain('Merci Bruno, vous êtes référent·e');
    await sayPrivately(bruno, '!veiller');
    await sayPrivately(bruno, 'Mme Martin');
    await sayPrivately(bruno, '3e gauche');
    await sayPrivately(bruno, 'frapper à la porte');
    let asked = await sayPrivately(bruno, 'sa fille, 06 11 22 33 44');
    asked = await sayPrivately(bruno, numberOf(asked, "Non\u202f: elle m'a donné son accord"));
    await sayPrivately(bruno, numberOf(asked, 'Oui, je confirme'));
    expect(lastPrivate(bruno)).toContain('prendre des nouvelles de Mme Martin');

    // A canicule: the group gets the advice and the kit as a numbered choice; Bruno is told
    // privately, and his first round comes at 10 h, the day's round time.
    clock.set('2027-07-20T07:45:00Z');
    await say(alice, '!vigilance 69 canicule orange');
    await h.app.jobs.runDueJobs();
    await h.settle();
    const alert = groupTexts().findLast((t) => t.includes('Vigilance orange canicule'))!;
    clock.set('2027-07-20T08:00:00Z');
    await h.app.jobs.enqueueRecurring({ kind: 'watchPlanRounds', cron: '0 * * * *' }, clock.now());
    clock.set('2027-07-20T08:00:30Z');
    await h.app.jobs.runDueJobs();
    await h.settle();
    const round = lastPrivate(bruno);
    expect(round).toContain('*Mme Martin*');
    // Bruno answers his round privately: the group's menus are not his private chat's.
    expect(await sayPrivately(bruno, numberOf(round, '✅ Va bien'))).toContain(
      "Merci, c'est noté\u202f: Mme Martin va bien.",
    );

    // Meanwhile, two gatherings are planned, each with its RSVP menu, and all menus are
    // still open (for NUMBERED_CHOICE_TTL_MINUTES, 30).
    const fete = await say(alice, '!fete 28/05 19h');
    const picnic = await say(alice, '!evenement pique-nique 25/07 12h square Sainte-Anne');

    // Chloé needs a hand: she sees her card privately, publishes it; it goes up with its own
    // number.
    const preview = await sayPrivately(chloe, '!besoin courses : du pain et de l’eau demain');
    await sayPrivately(chloe, numberOf(preview, 'Publier'));
    const card = groupTexts().findLast((t) => t.includes('cherche un coup de main'))!;

    // Every list starts at 1, as a person reads it; a bare number answers the latest list
    // (the one at the bottom of the chat), and an older list is answered by quoting it, as
    // people answer an older message on WhatsApp.
    const feteYes = numberOf(fete, '✅ Je viens');
    const picnicYes = numberOf(picnic, '✅ Je viens');
    const canHelp = numberOf(card, '🤝 Je peux aider');
    const kit = numberOf(alert, 'Le kit canicule');
    expect([feteYes, picnicYes, canHelp, kit]).toEqual(['1', '1', '1', '1']);
    const sentBefore = documents().length;
    const groupBefore = groupTexts().length;

    // A number only the two older RSVPs have ("❌ Je ne peux pas"), not the latest list: the
    // bot does not guess which gathering, it asks Djamel which list, naming them; nothing
    // changes until he says.
    const cannot = numberOf(fete, '❌ Je ne peux pas');
    expect(numberOf(picnic, '❌ Je ne peux pas')).toBe(cannot);
    expect(numberOf(card, '🤝 Je peux aider')).not.toBe(cannot);
    const which = await say(djamel, cannot);
    expect(which).toContain(
      `Djamel, vous avez répondu «\u202f${cannot}\u202f». À quelle liste\u202f?`,
    );
    expect(which).toContain("l'annonce de «\u202fPique-nique\u202f» (je viens, peut-être…)");
    expect(which).toContain(
      "l'annonce de «\u202fFête des voisins 2028\u202f» (je viens, peut-être…)",
    );
    expect(groupTexts().slice(groupBefore)).toHaveLength(1);

    // Djamel comes to the fête; Chloé to the picnic, each quoting the RSVP they mean; neither
    // is taken for the other.
    expect(await reply(djamel, fete, feteYes)).toMatch(
      /^C'est noté, Djamel\u202f: vous venez \(Fête/,
    );
    expect(await reply(chloe, picnic, picnicYes)).toBe(
      "C'est noté, Chloé\u202f: vous venez (Pique-nique).",
    );
    // Bruno can help Chloé: her card is the latest list, his bare number answers it; the need
    // comes to him privately, where he accepts it.
    await say(bruno, canHelp);
    const need = lastPrivate(bruno);
    expect(need).toContain('du pain et de l’eau');
    await sayPrivately(bruno, numberOf(need, "✅ J'accepte"));
    expect(lastPrivate(chloe)).toContain('Bruno propose de vous aider');
    // Alice asks for the kit, quoting the alert: the canicule kit's documents, and nothing else.
    await reply(alice, alert, kit);
    const delivered = documents().slice(sentBefore);
    expect(delivered.length).toBeGreaterThan(0);
    for (const document of delivered) {
      expect(document.document?.filename ?? '').toMatch(/canicule/);
    }
    // No RSVP changed on the way, and nobody else was answered for.
    const state = await say(djamel, '!fete');
    expect(state).toContain('✅ 1');
    expect(state).not.toContain('❌ 1');
    expect(groupTexts().join('\n')).not.toMatch(
      /Chloé\u202f: vous venez \(Fête|Djamel\u202f: vous venez \(Pique|vous ne venez pas/,
    );

    // A number of no open menu is asked back, with the numbers the open lists have (all from
    // 1: said once, the longest list's end).
    expect(await say(djamel, '99')).toMatch(/^Répondez par un numéro entre 1 et \d+\./);
  });
});
