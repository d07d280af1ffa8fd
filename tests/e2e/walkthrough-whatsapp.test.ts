// One building's WhatsApp group on a summer morning, as its neighbours live it (issue 15): two
// gatherings are being planned, Chloé needs a hand, a canicule is declared with its kit, and
// Bruno, their referent, gets his round. Many numbered menus are open at once, in the group
// and privately; every number typed reaches the menu its author meant, and nothing else
// happens.
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
const { say, sayPrivately, groupTexts, lastPrivate } = createWhatsAppChat(h);
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
      "Merci, c'est noté\u202f: il ou elle va bien.",
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

    // Every group menu has numbers of its own.
    const numbers = [
      numberOf(fete, '✅ Je viens'),
      numberOf(picnic, '✅ Je viens'),
      numberOf(card, '🤝 Je peux aider'),
      numberOf(alert, 'Le kit canicule'),
    ];
    expect(new Set(numbers).size).toBe(4);
    const [feteYes, picnicYes, canHelp, kit] = numbers as [string, string, string, string];
    const sentBefore = documents().length;

    // Djamel comes to the fête; Chloé to the picnic; neither is taken for the other.
    expect(await say(djamel, feteYes)).toMatch(/^C'est noté, Djamel\u202f: vous venez \(Fête/);
    expect(await say(chloe, picnicYes)).toBe("C'est noté, Chloé\u202f: vous venez (Pique-nique).");
    // Bruno can help Chloé: the need comes to him privately, where he accepts it.
    await say(bruno, canHelp);
    const need = lastPrivate(bruno);
    expect(need).toContain('du pain et de l’eau');
    await sayPrivately(bruno, numberOf(need, "✅ J'accepte"));
    expect(lastPrivate(chloe)).toContain('Bruno propose de vous aider');
    // Alice asks for the kit: the canicule kit's documents, and nothing else.
    await say(alice, kit);
    const delivered = documents().slice(sentBefore);
    expect(delivered.length).toBeGreaterThan(0);
    for (const document of delivered) {
      expect(document.document?.filename ?? '').toMatch(/canicule/);
    }
    // No RSVP changed on the way, and nobody else was answered for.
    const state = await say(djamel, '!fete');
    expect(state).toContain('✅ 1');
    expect(groupTexts().join('\n')).not.toMatch(
      /Chloé\u202f: vous venez \(Fête|Djamel\u202f: vous venez \(Pique/,
    );

    // A number of no open menu is asked back.
    expect(await say(djamel, '99')).toMatch(/^Répondez avec les numéros d'une des listes/);
  });
});
