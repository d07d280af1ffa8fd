// Cancelling a gathering asks first, on WhatsApp where the answer is a typed number (the same
// numbered question as /oublier's or an out-of-season alert's: for the organiser who asked
// alone, closed once answered). `!fete annuler` alone cancels nothing; "Non, garder" keeps
// it; another member's number is not taken; the confirm cancels once.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
// Thursday 26 November 2026.
const clock = createTestClock('2026-11-26T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const { say, groupTexts, confirmCancel } = createWhatsAppChat(h);

/** How many times the group was told the gathering is cancelled. */
const announcements = () =>
  groupTexts().filter((text) => /est annulée?\. Les rappels prévus/.test(text)).length;

describe('cancelling on WhatsApp', () => {
  it('asks with numbered answers, and "Non, garder" keeps the fête', async () => {
    await say(wa.alice, '!fete 29/05/2027 19h cour');
    const asked = await say(wa.alice, '!fete annuler');
    expect(asked).toContain(
      '❓ Annuler la *fête des voisins 2027* (samedi 29 mai 2027, 19 h, cour)\u202f?',
    );
    expect(asked).toContain('Tout le groupe sera prévenu');
    expect(numberOf(asked, '❌ Oui, annuler')).toBe('1');
    expect(numberOf(asked, 'Non, garder')).toBe('2');
    expect(announcements()).toBe(0);

    expect(await say(wa.alice, '2')).toBe(
      "D'accord, rien n'est annulé\u202f: «\u202f*Fête des voisins 2027*\u202f» continue comme prévu.",
    );
    expect(announcements()).toBe(0);
    expect(await say(wa.bruno, '!fete')).toContain('samedi 29 mai 2027');
  });

  it('names the question when a number answers an older one it replaced', async () => {
    await say(wa.alice, '!fete 29/05/2027');
    const settings = await say(wa.alice, '!parametres');
    await say(wa.alice, '!fete annuler');
    expect(await say(wa.alice, numberOf(settings, 'quartier'))).toContain(
      "remplacée par une plus récente\u202f: la question avant d'annuler «\u202fFête des voisins 2027\u202f»",
    );
    expect(announcements()).toBe(0);
  });

  it("takes no other member's number, and cancels once on the organiser's", async () => {
    await say(wa.alice, '!evenement galette 12/12 16h salle commune');
    await say(wa.alice, '!evenement annuler');
    // Bruno types the confirm's number: the question is Alice's.
    const bruno = await say(wa.bruno, '1');
    expect(bruno).toContain('À quelle liste');
    expect(bruno).not.toContain('annuler');
    expect(announcements()).toBe(0);
    expect(await say(wa.bruno, '!evenement')).toContain('samedi 12 décembre 2026');

    expect(await confirmCancel(wa.alice)).toContain(
      "L'événement «\u202f*Galette*\u202f» est annulé.",
    );
    // The same number again cancels nothing more.
    expect(await say(wa.alice, '1')).toBe('Cette sortie a été annulée.');
    expect(announcements()).toBe(1);
    expect(await say(wa.bruno, '!evenement')).not.toContain('12 décembre');
  });
});
