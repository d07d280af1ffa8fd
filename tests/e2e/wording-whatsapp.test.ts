// What the bot says back in two places a tryout found wanting: /mesdonnees after /oublier
// (it said "Vu dans 0 groupe"), and a thumbs-up (it said "je n'ai pas compris").
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const clock = createTestClock('2026-12-07T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const { say, mention, sayPrivately, privateTexts, groupTexts } = createWhatsAppChat(h);

describe('what the bot says back', () => {
  it('says plainly, after /oublier, that it keeps next to nothing', async () => {
    await say(wa.bruno, '!aide');
    const before = privateTexts(wa.bruno).length;
    await sayPrivately(wa.bruno, '/mesdonnees');
    const full = privateTexts(wa.bruno).slice(before).join('\n');
    expect(full).toContain('Voici tout ce que je garde à votre sujet.');
    expect(full).toContain('Vu dans 1 groupe\u202f: groupe sans nom');

    const question = await sayPrivately(wa.bruno, '/oublier');
    await sayPrivately(wa.bruno, numberOf(question, 'Oui, tout effacer'));
    expect(privateTexts(wa.bruno).at(-1)).toContain("C'est fait");
    const after = privateTexts(wa.bruno).length;
    await sayPrivately(wa.bruno, '/mesdonnees');
    const minimal = privateTexts(wa.bruno).slice(after).join('\n');
    expect(minimal).toContain(
      "Je ne garde presque rien à votre sujet\u202f: seulement ce qu'il faut pour vous répondre ici",
    );
    expect(minimal).toContain('Vu dans aucun groupe.');
    expect(minimal).not.toContain('Voici tout ce que je garde');
    expect(minimal).not.toMatch(/\b0 groupe/);
  });

  it('takes a thumbs-up as a yes to a question put to that person', async () => {
    await sayPrivately(wa.alice, '/aide');
    await say(wa.alice, '!aide');
    await say(wa.bruno, '/aide je me sens mal');
    expect(groupTexts().at(-1)).toContain('Oui, prévenez-les');
    // Someone else's thumbs-up: nothing.
    const sent = h.client().sent.length;
    await say(wa.chloe, '👍');
    expect(h.client().sent).toHaveLength(sent);
    // Bruno's: the organisers are told, privately.
    const told = privateTexts(wa.alice).length;
    await say(wa.bruno, '👍🏽');
    expect(privateTexts(wa.alice).length).toBeGreaterThan(told);
  });

  it('answers a thumbs-up to nothing with a short friendly word, not "I did not understand"', async () => {
    expect(await mention(wa.bruno, '👍')).toBe(
      '👍 Parfait\u202f! Je reste là si besoin\u202f: /aide.',
    );
    expect(await sayPrivately(wa.chloe, '👍')).toBe(
      '👍 Parfait\u202f! Je reste là si besoin\u202f: /aide.',
    );
    // A thumbs-up in passing in the group, to nobody: the bot stays quiet.
    const sent = h.client().sent.length;
    await say(wa.chloe, '👍');
    expect(h.client().sent).toHaveLength(sent);
  });
});
