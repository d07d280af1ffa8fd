import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, queryRows } from '../../db/client.ts';
import { recordInboundEvent, type InboundRecord } from '../../db/queries/inbound-events.ts';
import { findPersonIdentities, markMemberLeft } from '../../db/queries/people.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

const record = (_event: string, over: Partial<InboundRecord> = {}): InboundRecord => ({
  chat: {
    platform: 'whatsapp',
    externalId: 'g1@g.us',
    kind: 'group',
    title: 'Lilas',
    locale: 'fr',
  },
  person: { externalId: '336@c.us', displayName: 'Bruno' },
  member: true,
  reachable: false,
  ...over,
});

describe('recording an inbound event', () => {
  it('records the chat, the person and the membership once', async () => {
    const first = await recordInboundEvent(database.db, record('e1'));
    expect(first).toMatchObject({
      chat: { externalId: 'g1@g.us', kind: 'group', title: 'Lilas', locale: 'fr', active: true },
      person: { displayName: 'Bruno', reachablePrivately: false },
    });
    const again = await recordInboundEvent(
      database.db,
      record('e2', { chat: { ...record('x').chat, title: undefined } }),
    );
    expect(again.chat.id).toBe(first.chat.id);
    expect(again.chat.title).toBe('Lilas');
    const [members] = await queryRows<{ n: number }>(
      database.db,
      'select count(*)::int as n from chat_members',
    );
    expect(members!.n).toBe(1);
  });

  it('keeps one person across their @c.us and @lid ids, and keeps a known name', async () => {
    const a = await recordInboundEvent(
      database.db,
      record('e1', {
        person: { externalId: '336@c.us', aliases: ['99@lid'], displayName: 'Bruno' },
      }),
    );
    const b = await recordInboundEvent(
      database.db,
      record('e2', { person: { externalId: '99@lid', displayName: '' } }),
    );
    expect(a.person.id).toBe(b.person.id);
    expect(b.person.displayName).toBe('Bruno');
    expect((await findPersonIdentities(database.db, a.person.id)).sort()).toEqual([
      '336@c.us',
      '99@lid',
    ]);
  });

  it('marks a person reachable once they write privately', async () => {
    await recordInboundEvent(database.db, record('e1'));
    const dm = await recordInboundEvent(
      database.db,
      record('e2', {
        chat: { platform: 'whatsapp', externalId: '336@c.us', kind: 'private', locale: 'fr' },
        member: false,
        reachable: true,
      }),
    );
    expect(dm.person.reachablePrivately).toBe(true);
  });

  it('writes nothing when nothing changed, and records what did change', async () => {
    const first = await recordInboundEvent(database.db, record('e1'));
    const same = await recordInboundEvent(database.db, record('e2'));
    expect(same).toEqual(first);

    const renamed = await recordInboundEvent(
      database.db,
      record('e3', {
        chat: { ...record('x').chat, title: 'Les Lilas' },
        person: { externalId: '336@c.us', displayName: 'Bruno M.' },
      }),
    );
    expect(renamed).toMatchObject({
      chat: { id: first.chat.id, title: 'Les Lilas' },
      person: { id: first.person.id, displayName: 'Bruno M.' },
    });

    await markMemberLeft(database.db, first.chat.id, first.person.id);
    await recordInboundEvent(database.db, record('e4'));
    const [members] = await queryRows<{ n: number }>(
      database.db,
      'select count(*)::int as n from chat_members where left_at is null',
    );
    expect(members!.n).toBe(1);
  });

  it('makes one person of a newcomer seen in two chats at the same moment', async () => {
    const other = database.url
      ? await createDatabase({ url: database.url, maxConnections: 2 })
      : database;
    try {
      for (let i = 0; i < 10; i++) {
        const person = { externalId: `new-${i}@c.us`, displayName: `P${i}` };
        const [x, y] = await Promise.all([
          recordInboundEvent(database.db, record(`a${i}`, { person })),
          recordInboundEvent(
            other.db,
            record(`b${i}`, {
              person,
              chat: {
                platform: 'whatsapp',
                externalId: person.externalId,
                kind: 'private',
                locale: 'fr',
              },
              member: false,
            }),
          ),
        ]);
        expect(x.person.id).toBe(y.person.id);
      }
      const [people] = await queryRows<{ n: number }>(
        database.db,
        'select count(*)::int as n from people',
      );
      expect(people!.n).toBe(10);
    } finally {
      if (other !== database) await other.close();
    }
  });
});
