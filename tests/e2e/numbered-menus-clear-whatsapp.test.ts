// Numbered menus as people read them (December tryout): a gathering's card has one menu, so
// a "3" on it means one thing.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const h = useWhatsAppHarness(database, { clock: createTestClock('2026-12-06T10:00:00Z') });
const { say, mention } = createWhatsAppChat(h);

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
