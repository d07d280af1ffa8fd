// The gathering queries where concurrency matters: claims on the last items (decided under a
// row lock, from two connection pools on the server), votes as full selections, and who
// has not voted yet.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../db/client.ts';
import { saveChatSeen } from '../../db/queries/chats.ts';
import {
  addItem,
  claimItem,
  createGathering,
  findItems,
  releaseClaims,
} from '../../db/queries/gatherings.ts';
import { markMemberLeft, savePersonSeen } from '../../db/queries/people.ts';
import { recordInboundEvent } from '../../db/queries/inbound-events.ts';
import {
  findMembersWithoutVote,
  savePoll,
  savePollVote,
  tallyPoll,
} from '../../db/queries/polls.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
let other: Database | undefined;
beforeAll(async () => {
  database = await createTestDatabase();
  // On the server, a second pool: claims really race on separate connections.
  if (database.url) other = await createDatabase({ url: database.url, maxConnections: 5 });
});
afterAll(async () => {
  await other?.close();
  await database.drop();
});
beforeEach(() => resetDatabase(database));

async function setup(people: number) {
  const chat = await saveChatSeen(database.db, {
    platform: 'telegram',
    externalId: '-100',
    kind: 'group',
    locale: 'fr',
  });
  const persons = [];
  for (let i = 0; i < people; i++) {
    persons.push(
      await savePersonSeen(database.db, {
        platform: 'telegram',
        externalId: String(100 + i),
        displayName: `Voisin ${i}`,
      }),
    );
  }
  const gathering = (await createGathering(database.db, {
    chatId: chat.id,
    kind: 'fete',
    title: null,
    year: 2027,
    status: 'scheduled',
    date: '2027-05-28',
    time: null,
    place: null,
    createdBy: persons[0]?.id ?? null,
  }))!;
  return { chat, persons, gathering };
}

describe('claims on the list', () => {
  it('gives the last item to exactly one of the people taking it at the same moment', async () => {
    const { persons, gathering } = await setup(8);
    const { item } = await addItem(database.db, {
      gatheringId: gathering.id,
      category: 'sucre',
      label: 'gâteau',
      quantity: 1,
      note: null,
      addedBy: persons[0]!.id,
    });
    const pools = [database.db, other?.db ?? database.db];
    const outcomes = await Promise.all(
      persons.map((p, i) =>
        claimItem(pools[i % 2]!, { itemId: item.id, personId: p.id, quantity: 1 }),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'already_covered')).toHaveLength(7);
    const [listed] = await findItems(database.db, gathering.id);
    expect(listed!.claims).toHaveLength(1);
  });

  it('never hands out more than an item needs, whatever the quantities asked', async () => {
    const { persons, gathering } = await setup(8);
    const { item } = await addItem(database.db, {
      gatheringId: gathering.id,
      category: 'chaises',
      label: 'chaises',
      quantity: 5,
      note: null,
      addedBy: persons[0]!.id,
    });
    const pools = [database.db, other?.db ?? database.db];
    const outcomes = await Promise.all(
      persons.map((p, i) =>
        claimItem(pools[i % 2]!, { itemId: item.id, personId: p.id, quantity: 2 }),
      ),
    );
    const given = outcomes.reduce((sum, o) => sum + (o.kind === 'claimed' ? o.quantity : 0), 0);
    expect(given).toBe(5);
    const [listed] = await findItems(database.db, gathering.id);
    expect(listed!.claims.reduce((sum, c) => sum + c.quantity, 0)).toBe(5);
    // A claim is released when its owner says they will not come.
    const owner = listed!.claims[0]!.personId;
    expect(await releaseClaims(database.db, gathering.id, owner)).toEqual(['chaises']);
    expect(await releaseClaims(database.db, gathering.id, owner)).toEqual([]);
  });

  it('numbers items added at the same moment one after the other', async () => {
    const { persons, gathering } = await setup(1);
    const pools = [database.db, other?.db ?? database.db];
    const items = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        addItem(pools[i % 2]!, {
          gatheringId: gathering.id,
          category: 'autre',
          label: `article ${i}`,
          quantity: 1,
          note: null,
          addedBy: persons[0]!.id,
        }),
      ),
    );
    expect(items.map((i) => i.item.position).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('lists an item once when several people add it at the same moment', async () => {
    const { persons, gathering } = await setup(1);
    const pools = [database.db, other?.db ?? database.db];
    const outcomes = await Promise.all(
      ['chaises', 'Chaises', 'chaises', 'CHAISES'].map((label, i) =>
        addItem(
          pools[i % 2]!,
          {
            gatheringId: gathering.id,
            category: 'chaises',
            label,
            quantity: 1,
            note: null,
            addedBy: persons[0]!.id,
          },
          (listed) => listed.toLowerCase() === label.toLowerCase(),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.added)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.item.id)).size).toBe(1);
    expect(await findItems(database.db, gathering.id)).toHaveLength(1);
  });
});

describe('date poll votes', () => {
  it('keeps each voter’s current selection and knows who has not voted', async () => {
    const { chat, gathering } = await setup(0);
    const members = [];
    for (const [i, name] of ['Alice', 'Bruno', 'Chloé', 'Djamel'].entries()) {
      const recorded = await recordInboundEvent(database.db, {
        chat: { platform: 'telegram', externalId: '-100', kind: 'group', locale: 'fr' },
        person: { externalId: String(i + 1), displayName: name },
        member: true,
        reachable: false,
      });
      members.push(recorded.person);
    }
    const poll = await savePoll(database.db, {
      platform: 'telegram',
      externalId: 'p1',
      chatId: chat.id,
      messageId: '10',
      purpose: 'gathering_date',
      gatheringId: gathering.id,
      options: ['2027-05-28', '2027-05-29'],
      closesAt: new Date('2026-12-10T19:00:00Z'),
    });
    const [alice, bruno, chloe, djamel] = members;
    await savePollVote(database.db, {
      pollId: poll.id,
      personId: alice!.id,
      optionIndexes: [0, 1],
    });
    await savePollVote(database.db, { pollId: poll.id, personId: bruno!.id, optionIndexes: [1] });
    await savePollVote(database.db, { pollId: poll.id, personId: bruno!.id, optionIndexes: [0] });
    await savePollVote(database.db, { pollId: poll.id, personId: chloe!.id, optionIndexes: [1] });
    await savePollVote(database.db, { pollId: poll.id, personId: chloe!.id, optionIndexes: [] });
    expect(await tallyPoll(database.db, poll)).toEqual({ counts: [2, 1], voters: 2 });
    await markMemberLeft(database.db, chat.id, djamel!.id);
    const missing = await findMembersWithoutVote(database.db, poll, 10);
    expect(missing).toEqual([{ personId: chloe!.id, displayName: 'Chloé', externalId: '3' }]);
  });
});
