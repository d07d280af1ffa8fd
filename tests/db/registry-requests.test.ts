// CCAS registry requests: scoped to their partner, marked handled once (with one message to
// the referent), purged a set time after, erased with either person's /oublier.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPartner } from '../../db/queries/partners.ts';
import {
  confirmRegistryRequest,
  createRegistryRequest,
  eraseRegistryRequestsOfPerson,
  listRegistryRequests,
  markRegistryRequestHandled,
  purgeRegistryRequests,
} from '../../db/queries/registry-requests.ts';
import { chats, jobs, people, registryRequests } from '../../db/schema.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

const DAY = 86_400_000;
// Rows take their creation time from the database's clock: the test's times start from now.
const t0 = new Date();

async function seed() {
  const lyon = await createPartner(database.db, {
    name: 'Lyon 3e',
    communes: ['69383'],
    quartiers: [],
  });
  const paris = await createPartner(database.db, {
    name: 'Paris',
    communes: ['75101'],
    quartiers: [],
  });
  const [chat] = await database.db
    .insert(chats)
    .values({ platform: 'telegram', externalId: '-1', kind: 'group', communeInsee: '69383' })
    .returning();
  const [referent, neighbour] = await database.db
    .insert(people)
    .values([
      { platform: 'telegram', displayName: 'Bruno' },
      { platform: 'telegram', displayName: 'Djamel' },
    ])
    .returning();
  const request = (name: string, personId: number | null) =>
    createRegistryRequest(database.db, {
      partnerId: lyon,
      chatId: chat!.id,
      referentPersonId: referent!.id,
      personId,
      name,
      address: '12 rue Paul Bert',
    });
  return { lyon, paris, referent: referent!.id, neighbour: neighbour!.id, request };
}

describe('registry requests', () => {
  it('reach the CCAS only once consented, only their own partner, handled once', async () => {
    const { lyon, paris, referent, request } = await seed();
    const waiting = await request('Djamel', null);
    expect(await listRegistryRequests(database.db, lyon)).toEqual([]);
    await confirmRegistryRequest(database.db, waiting.id, { consentBy: 'referent', now: t0 });
    expect(
      await confirmRegistryRequest(database.db, waiting.id, { consentBy: 'self', now: t0 }),
    ).toBeUndefined();
    const [listed] = await listRegistryRequests(database.db, lyon);
    expect(listed).toMatchObject({ name: 'Djamel', status: 'open', referentName: 'Bruno' });
    expect(await listRegistryRequests(database.db, paris)).toEqual([]);
    const mark = (partnerId: number) =>
      markRegistryRequestHandled(database.db, { partnerId, id: waiting.id, by: referent, now: t0 });
    expect(await mark(paris)).toBe(false);
    expect(await mark(lyon)).toBe(true);
    expect(await mark(lyon)).toBe(false);
    const told = await database.db.select().from(jobs).where(eq(jobs.kind, 'watchRegistryHandled'));
    expect(told).toHaveLength(1);
  });

  it('are purged the set time after being handled, and unconsented ones after a day', async () => {
    const { lyon, referent, request } = await seed();
    const handled = await request('Djamel', null);
    await confirmRegistryRequest(database.db, handled.id, { consentBy: 'self', now: t0 });
    await markRegistryRequestHandled(database.db, {
      partnerId: lyon,
      id: handled.id,
      by: referent,
      now: t0,
    });
    const open = await request('Mme Martin', null);
    await confirmRegistryRequest(database.db, open.id, { consentBy: 'referent', now: t0 });
    await request('M. Leroy', null); // never confirmed
    const keep = 30 * DAY;
    const left = async () =>
      (await database.db.select().from(registryRequests)).map((r) => r.name).sort();
    const at = (days: number) => new Date(t0.getTime() + days * DAY);
    expect(await purgeRegistryRequests(database.db, at(0.5), keep)).toBe(0);
    expect(await left()).toEqual(['Djamel', 'M. Leroy', 'Mme Martin']);
    expect(await purgeRegistryRequests(database.db, at(2), keep)).toBe(1);
    expect(await left()).toEqual(['Djamel', 'Mme Martin']);
    expect(await purgeRegistryRequests(database.db, at(29), keep)).toBe(0);
    expect(await purgeRegistryRequests(database.db, at(31), keep)).toBe(1);
    expect(await left()).toEqual(['Mme Martin']);
  });

  it("are erased with the neighbour's or the referent's /oublier", async () => {
    const { referent, neighbour, request } = await seed();
    await request('Djamel', neighbour);
    await request('Mme Martin', null);
    await eraseRegistryRequestsOfPerson(database.db, neighbour);
    expect((await database.db.select().from(registryRequests)).map((r) => r.name)).toEqual([
      'Mme Martin',
    ]);
    await eraseRegistryRequestsOfPerson(database.db, referent);
    expect(await database.db.select().from(registryRequests)).toEqual([]);
  });
});
