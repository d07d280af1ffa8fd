// /oublier closed nothing of what the bot had asked the person: their "which gathering?"
// question in the group still answered afterwards ("C'est noté, Djamel : vous venez
// (Jeux)"). Erasure closes the numbered questions put to the person, so nothing asked before
// it acts after it. Through the real bot and a fake WhatsApp client.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const clock = createTestClock('2026-12-07T10:00:00Z');
const h = useWhatsAppHarness(database, { clock });
const { say, reply, sayPrivately, groupTexts } = createWhatsAppChat(h);

describe('/oublier and the questions put to the person', () => {
  it('closes them: an answer after the erasure does nothing', async () => {
    await say(wa.alice, '!evenement jeux 12/12 19h');
    await say(wa.alice, '!evenement galette 09/01 16h');
    const asked = await say(wa.djamel, '!jeviens');
    expect(asked).toContain('Jeux');
    const number = numberOf(asked, 'Jeux — sam. 12 déc.');

    const question = await sayPrivately(wa.djamel, '/oublier');
    await sayPrivately(wa.djamel, numberOf(question, 'Oui, tout effacer'));

    const before = groupTexts().length;
    await reply(wa.djamel, 'laquelle', number);
    const after = groupTexts().slice(before).join('\n');
    expect(after).not.toContain("C'est noté");
    expect(after).not.toContain('vous venez');
    expect(await say(wa.alice, '!evenement')).not.toContain('✅ 1');
  });
});
