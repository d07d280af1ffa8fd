// Which CCAS a group is given when several partners cover its commune (a commune and its
// intercommunality, a city and an arrondissement's mairie): the partner of the group's
// quartier, otherwise the one covering the fewest communes, otherwise the oldest.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createPartner,
  findCcasOfChat,
  findPartner,
  saveCcasSettings,
} from '../../db/queries/partners.ts';
import { chats } from '../../db/schema.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

async function partner(name: string, communes: string[], phone: string | null, quartiers = []) {
  const id = await createPartner(database.db, { name, communes, quartiers });
  await saveCcasSettings(database.db, id, { ccasPhone: phone, ccasRegistryHowto: null });
  return id;
}

async function group(insee: string, quartierId: number | null = null) {
  const [row] = await database.db
    .insert(chats)
    .values({
      platform: 'telegram',
      externalId: String(Math.random()),
      kind: 'group',
      communeInsee: insee,
      quartierId,
    })
    .returning();
  return row!.id;
}

const ccasOf = async (chatId: number) => (await findCcasOfChat(database.db, chatId))?.partnerName;

describe('the CCAS of a group', () => {
  it("names the commune's own CCAS before its intercommunality's, whichever came first", async () => {
    // The metropolis joined first and covers three communes; Villeurbanne covers its own.
    await partner('Métropole de Lyon', ['69123', '69266', '69259'], '0478000000');
    await partner('Villeurbanne', ['69266'], '0472000000');
    expect(await ccasOf(await group('69266'))).toBe('Villeurbanne');
    // Vénissieux is covered by the metropolis only.
    expect(await ccasOf(await group('69259'))).toBe('Métropole de Lyon');
  });

  it('names the partner of the quartier the admins chose, even a larger one', async () => {
    const metropole = await createPartner(database.db, {
      name: 'Métropole de Lyon',
      communes: ['69123', '69266'],
      quartiers: ['Gratte-Ciel'],
    });
    await saveCcasSettings(database.db, metropole, {
      ccasPhone: '0478000000',
      ccasRegistryHowto: null,
    });
    await partner('Villeurbanne', ['69266'], '0472000000');
    const [gratteCiel] = (await findPartner(database.db, metropole))!.quartiers;
    expect(await ccasOf(await group('69266', gratteCiel!.id))).toBe('Métropole de Lyon');
    expect(await ccasOf(await group('69266'))).toBe('Villeurbanne');
  });

  it('skips a partner without a number, and takes the oldest of equals', async () => {
    const first = await partner('Mairie A', ['69266'], null);
    await partner('Mairie B', ['69266'], '0472000000');
    await partner('Mairie C', ['69266'], '0473000000');
    const chatId = await group('69266');
    expect(await ccasOf(chatId)).toBe('Mairie B');
    await saveCcasSettings(database.db, first, {
      ccasPhone: '0471000000',
      ccasRegistryHowto: null,
    });
    expect(await ccasOf(chatId)).toBe('Mairie A');
    // A group outside every partner's communes has none.
    await database.db.update(chats).set({ communeInsee: '75111' }).where(eq(chats.id, chatId));
    expect(await findCcasOfChat(database.db, chatId)).toBeUndefined();
  });
});
