// "📅 Ajouter à mon agenda" on WhatsApp, in a group of Saint-Denis de La Réunion
// (Indian/Reunion, UTC+4): one more numbered choice of the announcement; the file goes
// privately as a text/calendar document to whoever wrote to the bot privately, and the
// others are told to write "/agenda" there (the bot never writes first on WhatsApp).
import { beforeEach, describe, expect, it } from 'vitest';
import type { SentRecord } from '../fakes/whatsapp-client.ts';
import { readIcs } from '../support/read-ics.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa, type WhatsAppPerson as Person } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const h = useWhatsAppHarness(database, { clock: createTestClock('2026-12-06T08:00:00Z') });
const { say, sayPrivately, lastInGroup, cancel } = createWhatsAppChat(h);
beforeEach(async () => {
  await say(wa.alice, '!parametres cp 97400');
});

const filesTo = (person: Person): SentRecord[] =>
  h
    .client()
    .sentTo(person.pn)
    .filter((s) => s.kind === 'document');
const icsOf = (record: SentRecord | undefined) => readIcs(record!.document!.data);

describe('calendar files on WhatsApp', () => {
  it('is a numbered choice of the announcement, sent privately, and updated for those who come', async () => {
    await say(wa.alice, '!evenement Apéro 12/12 18h30 au jardin');
    expect(lastInGroup()).toContain(
      ['*4.* ❌ Je ne peux pas', '*5.* 📅 Ajouter à mon agenda'].join('\n'),
    );
    // The running count, re-posted later without it, still says how: /agenda.
    expect(lastInGroup()).toContain('Dans votre agenda\u202f: /agenda');

    // Chloé never wrote to the bot privately: she is told what to write there.
    await say(wa.chloe, '5');
    expect(lastInGroup()).toBe(
      "Pour recevoir le fichier d'agenda, écrivez-moi en message privé\u202f: /agenda",
    );
    expect(filesTo(wa.chloe)).toEqual([]);
    await sayPrivately(wa.chloe, '!agenda');
    const chloes = filesTo(wa.chloe)[0];
    expect(chloes?.document).toMatchObject({ filename: 'apero.ics', mimetype: 'text/calendar' });
    expect(icsOf(chloes)).toMatchObject({
      tzid: 'Indian/Reunion',
      start: '2026-12-12T18:30:00',
      // 18:30 in Saint-Denis is 14:30 UTC.
      startUtc: '2026-12-12T14:30:00.000Z',
      location: 'jardin',
      sequence: 0,
    });

    // Bruno wrote privately before: "1" (he comes), then "5" gives him the file there.
    await sayPrivately(wa.bruno, '!aide');
    await say(wa.bruno, '1');
    await say(wa.bruno, '5');
    expect(lastInGroup()).toBe('Je vous ai répondu en message privé.');
    const uid = icsOf(filesTo(wa.bruno)[0]).uid;
    expect(uid).toMatch(/^gathering-\d+@voisins-solidaires$/);

    // Moved: Bruno, who comes, and Chloé, who took the file, get the same event one
    // SEQUENCE higher; Alice, who did neither, nothing.
    await say(wa.alice, '!evenement date 13/12');
    for (const person of [wa.bruno, wa.chloe]) {
      expect(icsOf(filesTo(person).at(-1))).toMatchObject({
        uid,
        sequence: 1,
        start: '2026-12-13T18:30:00',
      });
    }
    expect(filesTo(wa.alice)).toEqual([]);

    await cancel(wa.alice, '!evenement annuler');
    expect(icsOf(filesTo(wa.bruno).at(-1))).toMatchObject({
      uid,
      sequence: 2,
      method: 'CANCEL',
      status: 'CANCELLED',
    });
  });
});
