// Two things a tryout found (8 December 2026): "/evenement jeux 01/12 19h" silently became
// 1 December 2027 (a past date meant by mistake?); and a neighbour claiming the same item
// again with no number went "desserts", "×2", "×3". Through the real bot and a fake WhatsApp
// client.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
// Tuesday 8 December 2026.
const clock = createTestClock('2026-12-08T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const { say, reply } = createWhatsAppChat(h);

describe('a date read as next year’s, and a claim said again', () => {
  it('says a yearless date already past is next year’s; a claim said again adds nothing', async () => {
    const set = await say(wa.alice, '!evenement jeux 01/12 19h');
    expect(set).toContain('mercredi 1er décembre 2027');
    expect(set).toContain("Cette date est déjà passée cette année\u202f: je l'ai comprise en 2027");

    const listed = await say(wa.alice, '!liste ajouter 3 desserts');
    const menu = numberOf(listed, "J'apporte\u202f: desserts");
    expect(await say(wa.bruno, menu)).toContain('Vous apportez\u202f: desserts.');
    const again = await reply(wa.bruno, 'Ajouté à la liste', menu);
    expect(again).toContain("C'est déjà noté, Bruno\u202f: vous apportez desserts.");
    expect(again).toContain('/japporte 1 2');
    expect(await say(wa.bruno, '!japporte desserts')).toContain("C'est déjà noté, Bruno");
    // A number said adds that many.
    expect(await say(wa.bruno, '!japporte 1 2')).toContain('Vous apportez\u202f: desserts ×3.');

    // A date a month ahead in the next year is no surprise.
    const galette = await say(wa.alice, '!evenement galette 10/01 16h');
    expect(galette).toContain('dimanche 10 janvier 2027');
    expect(galette).not.toContain('déjà passée');
  });
});
