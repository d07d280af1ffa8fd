// The December 2026 tryout's gathering findings, on WhatsApp where every answer is typed and
// bold is *stars*: a comma list is several items, a note saying whom to call is left off the
// list, "c'est quand la galette ?" names each galette coming, and a cancelled event is
// announced with its article.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const clock = createTestClock('2026-11-26T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const { say, mention, cancel } = createWhatsAppChat(h);

describe('two galettes on WhatsApp', () => {
  it('lists several items at once, names each galette, and cancels one with its article', async () => {
    await say(wa.alice, '!evenement galette 12/12 16h salle commune');
    await say(wa.alice, '!evenement galette 19/12 15h cour');

    const added = await say(
      wa.bruno,
      '!liste galette1 ajouter pain, beurre et cake (appelez Chloé au 3e)',
    );
    expect(added).toContain('Ajoutés à la liste\u202f: n°1 pain, n°2 beurre, n°3 cake.');
    expect(added).toContain("🔒 Qui appeler, où sonner\u202f: je ne l'ai pas écrit sur la liste");
    expect(added).not.toContain('3e');

    const when = await mention(wa.chloe, "c'est quand la galette ?");
    expect(when).toContain('• *Galette* — samedi 12 décembre 2026, 16 h, salle commune');
    expect(when).toContain('/jeviens galette1');
    expect(when).toContain('• *Galette* — samedi 19 décembre 2026, 15 h, cour');
    expect(when).toContain('/jeviens galette2');

    expect(await cancel(wa.alice, '!evenement annuler galette2')).toContain(
      "L'événement «\u202f*Galette — sam. 19 déc.*\u202f» est annulé.",
    );
  });
});
