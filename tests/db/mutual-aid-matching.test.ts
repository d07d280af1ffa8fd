// Matching order: availability that fits first (never excluding anyone), then the fewest
// recent services, then the least recently asked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveChatSeen } from '../../db/queries/chats.ts';
import { createHelpRequest, findCandidates, saveVolunteer } from '../../db/queries/mutual-aid.ts';
import { savePersonSeen } from '../../db/queries/people.ts';
import { availabilitySlots, needSlot } from '../../handlers/mutual-aid/availability.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

describe('findCandidates', () => {
  it('prefers volunteers whose usual availability fits the need, without excluding others', async () => {
    const db = database.db;
    const chat = await saveChatSeen(db, {
      platform: 'telegram',
      externalId: '-1',
      kind: 'group',
      locale: 'fr',
    });
    const person = (id: string, name: string) =>
      savePersonSeen(db, { platform: 'telegram', externalId: id, displayName: name });
    const requester = await person('1', 'Alice');
    const availability: Record<string, string | null> = {
      Bruno: 'en semaine le soir',
      Chloé: 'le week-end, le matin',
      Djamel: null,
    };
    const ids: Record<number, string> = {};
    for (const [name, text] of Object.entries(availability)) {
      const volunteer = await person(name, name);
      ids[volunteer.id] = name;
      await saveVolunteer(db, {
        chatId: chat.id,
        personId: volunteer.id,
        categories: ['courses'],
        availability: text,
        availabilitySlots: availabilitySlots(text),
        active: true,
      });
    }
    const need = async (neededOn: string, description: string) => {
      const request = await createHelpRequest(db, {
        chatId: chat.id,
        requesterId: requester.id,
        category: 'courses',
        description,
        whenText: null,
        neededOn,
        urgent: false,
        status: 'open',
        expiresAt: new Date('2026-12-31T00:00:00Z'),
        createdAt: new Date('2026-11-26T09:00:00Z'),
      });
      const found = await findCandidates(db, request, '2026-11-26', new Date(0), 3, {
        slot: needSlot(request),
      });
      return found.map((c) => ids[c.personId]);
    };
    // Saturday morning: Chloé fits, Djamel said nothing (fits anything), Bruno does not.
    expect(await need('2026-11-28', 'du pain le matin')).toEqual(['Chloé', 'Djamel', 'Bruno']);
    // A weekday evening: Bruno and Djamel fit; Chloé is still asked, last.
    expect(await need('2026-11-27', 'des courses le soir')).toEqual(['Bruno', 'Djamel', 'Chloé']);
  });
});
