// The in-memory cache of chats and people (db/identity-cache.ts): what it answers, and that
// every way a row can change makes it forget that row: a write of this process, a write of
// another process (on the server) or by hand, a transaction, a TRUNCATE, and a listening
// connection that goes quiet.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, queryRows, type Database } from '../../db/client.ts';
import {
  IdentityCache,
  startIdentityCache,
  type IdentityCacheHandle,
} from '../../db/identity-cache.ts';
import { findChat, saveChatSettings } from '../../db/queries/chats.ts';
import { recordInboundEvent, type InboundRecord } from '../../db/queries/inbound-events.ts';
import { createPartner, findPartnersOfCommune } from '../../db/queries/partners.ts';
import {
  deletePerson,
  findMembership,
  findPersonByIdentity,
  markMemberLeft,
} from '../../db/queries/people.ts';
import type { ChatRow } from '../../db/queries/chats.ts';
import type { PersonRow } from '../../db/queries/people.ts';
import {
  createTestDatabase,
  resetDatabase,
  serverUrl,
  type TestDatabase,
} from '../support/test-database.ts';
import { statementsOf } from '../support/statement-recorder.ts';

const event = (over: Partial<InboundRecord> = {}): InboundRecord => ({
  chat: { platform: 'telegram', externalId: '-100', kind: 'group', title: 'Lilas', locale: 'fr' },
  person: { externalId: '42', displayName: 'Alice' },
  member: true,
  reachable: false,
  ...over,
});

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('IdentityCache', () => {
  const chat = {
    id: 1,
    platform: 'telegram',
    externalId: '-100',
    title: 'Lilas',
    createdAt: new Date(),
    updatedAt: new Date(),
  } as ChatRow;
  const person = {
    id: 7,
    platform: 'telegram',
    displayName: 'Alice',
    createdAt: new Date(),
    lastSeenAt: new Date(),
  } as PersonRow;
  let now = 0;
  let cache: IdentityCache;
  beforeEach(() => {
    now = 0;
    cache = new IdentityCache(() => now);
    cache.heard('ping:me', 'ping:me');
  });

  it('answers with what it stored, for every id of the person', () => {
    expect(cache.lookup('telegram', '-100', ['42'])).toBeUndefined();
    cache.store(cache.startRead(), chat, person, ['42', '42b'], true);
    expect(cache.lookup('telegram', '-100', ['42'])).toEqual({
      chat,
      person,
      member: true,
      activeToday: true,
    });
    expect(cache.lookup('telegram', '-100', ['42b', '42'])?.person).toEqual(person);
    expect(cache.lookup('telegram', '-100', ['42', 'unknown'])).toBeUndefined();
    expect(cache.lookup('whatsapp', '-100', ['42'])).toBeUndefined();
  });

  it('does not keep rows read before a change it heard of', () => {
    const readAt = cache.startRead();
    cache.heard('c:1', 'ping:me');
    cache.store(readAt, chat, person, ['42'], true);
    expect(cache.lookup('telegram', '-100', ['42'])).toBeUndefined();
    // A read started after the change is kept.
    cache.store(cache.startRead(), chat, person, ['42'], true);
    expect(cache.lookup('telegram', '-100', ['42'])).toBeDefined();
    cache.heard('p:7', 'ping:me');
    expect(cache.lookup('telegram', '-100', ['42'])).toBeUndefined();
    cache.store(cache.startRead(), chat, person, ['42'], true);
    cache.heard('*', 'ping:me');
    expect(cache.lookup('telegram', '-100', ['42'])).toBeUndefined();
  });

  it('keeps a chat as its own write left it, and its own announcement changes nothing', () => {
    cache.store(cache.startRead(), chat, person, ['42'], true);
    const readAt = cache.startRead();
    const written = { ...chat, locale: 'en' };
    cache.rememberChat(readAt, written, '900');
    expect(cache.lookup('telegram', '-100', ['42'])?.chat.locale).toBe('en');
    cache.heard('c:1:900', 'ping:me');
    expect(cache.lookup('telegram', '-100', ['42'])?.chat.locale).toBe('en');
    // Another transaction's change, or one announced without its transaction, is forgotten.
    cache.heard('c:1:901', 'ping:me');
    expect(cache.lookup('telegram', '-100', ['42'])).toBeUndefined();
    cache.store(cache.startRead(), chat, person, ['42'], true);
    cache.rememberChat(cache.startRead(), written, '902');
    cache.heard('c:1', 'ping:me');
    expect(cache.lookup('telegram', '-100', ['42'])).toBeUndefined();
  });

  it('keeps its own write when its own announcement came first, not when another came', () => {
    const written = { ...chat, locale: 'en' };
    const rememberAfter = (...payloads: string[]) => {
      cache.store(cache.startRead(), chat, person, ['42'], true);
      const readAt = cache.startRead();
      for (const payload of payloads) cache.heard(payload, 'ping:me');
      cache.rememberChat(readAt, written, '900');
      return cache.lookup('telegram', '-100', ['42'])?.chat.locale;
    };
    // PGlite delivers the announcement during the statement, before its answer.
    expect(rememberAfter('c:1:900')).toBe('en');
    expect(rememberAfter('c:1:901')).toBeUndefined();
    expect(rememberAfter('c:1:900', 'c:1:901')).toBeUndefined();
    expect(rememberAfter('c:1:901', 'c:1:900')).toBeUndefined();
    expect(rememberAfter('c:1')).toBeUndefined();
  });

  it('stops answering when it has not heard its own ping for a minute, and rows age out', () => {
    cache.store(cache.startRead(), chat, person, ['42'], true);
    now = 59_000;
    expect(cache.lookup('telegram', '-100', ['42'])).toBeDefined();
    cache.heard('ping:someone-else', 'ping:me');
    now = 61_000;
    expect(cache.lookup('telegram', '-100', ['42'])).toBeUndefined();
    // Heard again: what it kept from before the silence is gone (changes may have been missed).
    cache.heard('ping:me', 'ping:me');
    expect(cache.lookup('telegram', '-100', ['42'])).toBeUndefined();
    cache.store(cache.startRead(), chat, person, ['42'], true);
    expect(cache.lookup('telegram', '-100', ['42'])).toBeDefined();
    // Trusted all along (a ping every 20 s), a row is still read again after ten minutes.
    const storedAt = now;
    while (now < storedAt + 10 * 60_000) {
      now += 20_000;
      cache.heard('ping:me', 'ping:me');
    }
    expect(cache.lookup('telegram', '-100', ['42'])).toBeDefined();
    now += 1;
    expect(cache.lookup('telegram', '-100', ['42'])).toBeUndefined();
  });

  it('lets rows that aged out go as new ones come, not only past its bounds', () => {
    cache.store(cache.startRead(), chat, person, ['42'], true);
    const later = { ...chat, id: 2, externalId: '-200' };
    const other = { ...person, id: 8 };
    // Trusted all along: its own ping every 20 s.
    const pingUntil = (until: number) => {
      while (now < until) {
        now = Math.min(until, now + 20_000);
        cache.heard('ping:me', 'ping:me');
      }
    };
    pingUntil(5 * 60_000);
    cache.store(cache.startRead(), later, other, ['43'], true);
    expect(cache.sizes()).toEqual({ chats: 2, people: 2 });
    pingUntil(10 * 60_000 + 1);
    cache.store(cache.startRead(), later, other, ['43'], true);
    expect(cache.sizes()).toEqual({ chats: 1, people: 1 });
    expect(cache.lookup('telegram', '-200', ['43'])).toBeDefined();
  });

  it('gives each lookup rows of its own', () => {
    cache.store(cache.startRead(), chat, person, ['42'], true);
    const first = cache.lookup('telegram', '-100', ['42'])!;
    first.chat.title = 'changed by an event';
    first.person.lastSeenAt.setFullYear(2000);
    const next = cache.lookup('telegram', '-100', ['42'])!;
    expect(next.chat.title).toBe('Lilas');
    expect(next.person.lastSeenAt).toEqual(person.lastSeenAt);
  });

  it('knows memberships per group', () => {
    cache.store(cache.startRead(), chat, person, ['42'], false);
    expect(cache.lookup('telegram', '-100', ['42'])?.member).toBe(false);
    cache.store(cache.startRead(), chat, person, ['42'], true);
    expect(cache.lookup('telegram', '-100', ['42'])?.member).toBe(true);
  });
});

describe('the identity cache on the database', () => {
  let database: TestDatabase;
  let handle: IdentityCacheHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(async () => {
    await resetDatabase(database);
    handle = await startIdentityCache(database, (error) => {
      throw error;
    });
    // Trusted once it hears its own ping.
    await until(() => {
      handle.cache.store(
        handle.cache.startRead(),
        {
          id: -1,
          platform: 'x',
          externalId: 'probe',
          title: null,
          createdAt: new Date(),
          updatedAt: new Date(),
        } as ChatRow,
        {
          id: -1,
          platform: 'x',
          displayName: '',
          createdAt: new Date(),
          lastSeenAt: new Date(),
        } as PersonRow,
        ['probe'],
        false,
      );
      return handle.cache.lookup('x', 'probe', ['probe']) !== undefined;
    }, 'the first ping');
    handle.cache.forgetAll();
  });
  afterEach(() => handle.stop());

  const cached = () => handle.cache.lookup('telegram', '-100', ['42']);

  it('keeps a known person in a known chat, and then reads nothing', async () => {
    // The first event wrote the rows, as its statement returns them: they are kept.
    const first = await recordInboundEvent(database.db, event());
    expect(cached()).toMatchObject({ member: true, person: { displayName: 'Alice' } });
    const second = await statementsOf(database.db, () => recordInboundEvent(database.db, event()));
    expect(second.result).toEqual(first);
    expect(second.texts).toEqual([]);
    expect(await findMembership(database.db, first.chat.id, first.person.id)).toBe(true);
  });

  it('keeps nothing written for a person known by several ids (one may be someone else’s)', async () => {
    const whatsapp = (ids: string[], name: string): InboundRecord =>
      event({
        chat: { platform: 'whatsapp', externalId: 'g', kind: 'group', title: 'L', locale: 'fr' },
        person: { externalId: ids[0]!, aliases: ids.slice(1), displayName: name },
      });
    await recordInboundEvent(database.db, whatsapp(['b@c.us'], 'Bruno'));
    await recordInboundEvent(database.db, whatsapp(['a@lid'], 'Alice'));
    // Two people's ids in one event: whichever is found, the other id stays its owner's.
    await recordInboundEvent(database.db, whatsapp(['a@lid', 'b@c.us'], 'Alice'));
    expect(handle.cache.lookup('whatsapp', 'g', ['a@lid', 'b@c.us'])).toBeUndefined();
    expect(handle.cache.lookup('whatsapp', 'g', ['b@c.us', 'a@lid'])).toBeUndefined();
  });

  it('writes only the membership of a known person new in a group', async () => {
    await recordInboundEvent(database.db, event());
    const elsewhere = event({
      chat: {
        platform: 'telegram',
        externalId: '-200',
        kind: 'group',
        title: 'Roses',
        locale: 'fr',
      },
    });
    // The other group is known, Alice is not yet a member there.
    await recordInboundEvent(database.db, {
      ...elsewhere,
      person: { externalId: '43', displayName: 'Bob' },
    });
    const joined = await statementsOf(database.db, () =>
      recordInboundEvent(database.db, elsewhere),
    );
    expect(joined.texts).toHaveLength(1);
    expect(joined.texts[0]).toMatch(/^INSERT INTO chat_members/);
    const members = await queryRows<{ n: number }>(
      database.db,
      `select count(*)::int as n from chat_members where left_at is null`,
    );
    expect(members).toEqual([{ n: 3 }]);
    const again = await statementsOf(database.db, () => recordInboundEvent(database.db, elsewhere));
    expect(again.texts).toEqual([]);
    // Presses are checked against the same memberships, from memory too.
    const check = await statementsOf(database.db, () =>
      findMembership(database.db, joined.result.chat.id, joined.result.person.id),
    );
    expect(check).toEqual({ result: true, texts: [] });
  });

  it('answers from memory: a change nobody announces is not seen (what the triggers are for)', async () => {
    await recordInboundEvent(database.db, event());
    await recordInboundEvent(database.db, event());
    await queryRows(database.db, `ALTER TABLE chats DISABLE TRIGGER chats_changed`);
    try {
      await queryRows(database.db, `UPDATE chats SET locale = 'en'`);
      const result = await recordInboundEvent(database.db, event());
      expect(result.chat.locale).toBe('fr');
    } finally {
      await queryRows(database.db, `ALTER TABLE chats ENABLE TRIGGER chats_changed`);
    }
  });

  it('forgets a chat this process changes, at once', async () => {
    await recordInboundEvent(database.db, event());
    const known = await recordInboundEvent(database.db, event());
    await saveChatSettings(database.db, known.chat, { locale: 'en' });
    const next = await recordInboundEvent(database.db, event());
    expect(next.chat.locale).toBe('en');
  });

  it('keeps a chat this process changes as it wrote it: the next events read nothing, even once its change is announced', async () => {
    await recordInboundEvent(database.db, event());
    const known = await recordInboundEvent(database.db, event());
    const heard: string[] = [];
    const hear = handle.cache.heard.bind(handle.cache);
    handle.cache.heard = (payload, ownPing) => {
      heard.push(payload);
      hear(payload, ownPing);
    };
    await saveChatSettings(database.db, known.chat, { locale: 'en' });
    await until(() => heard.some((p) => p.startsWith(`c:${known.chat.id}:`)), 'the announcement');
    const next = await statementsOf(database.db, () => recordInboundEvent(database.db, event()));
    expect(
      next.texts.map((t) => t.slice(0, 60)),
      JSON.stringify(heard),
    ).toEqual([]);
    expect(next.result.chat.locale).toBe('en');
    expect(next.result.chat).toEqual(await findChat(database.db, 'telegram', '-100'));
    // Someone else's change after it is still seen.
    await queryRows(database.db, `UPDATE chats SET name = 'Résidence des Lilas'`);
    await until(() => cached() === undefined, 'the chat to be forgotten');
    expect((await recordInboundEvent(database.db, event())).chat.name).toBe('Résidence des Lilas');
  });

  it('forgets rows changed by hand, in a transaction, or by a TRUNCATE', async () => {
    await recordInboundEvent(database.db, event());
    await recordInboundEvent(database.db, event());
    await queryRows(database.db, `UPDATE chats SET name = 'Résidence des Lilas'`);
    await until(() => cached() === undefined, 'the chat to be forgotten');
    const renamed = await recordInboundEvent(database.db, event());
    expect(renamed.chat.name).toBe('Résidence des Lilas');

    await recordInboundEvent(database.db, event());
    const person = await findPersonByIdentity(database.db, 'telegram', '42');
    await database.db.transaction((tx) => deletePerson(tx, person!.id));
    await until(() => cached() === undefined, 'the erased person to be forgotten');
    const reborn = await recordInboundEvent(database.db, event());
    expect(reborn.person.id).not.toBe(person!.id);

    await recordInboundEvent(database.db, event());
    expect(cached()).toBeDefined();
    await resetDatabase(database);
    await until(() => cached() === undefined, 'a TRUNCATE to empty the cache');
  });

  it('keeps the partners of communes, read once, and forgets them when partners change', async () => {
    const lyon = '69381';
    expect(await findPartnersOfCommune(database.db, lyon)).toEqual([]);
    // Read once for every commune: the next showing of a group's settings reads nothing.
    const none = await statementsOf(database.db, () => findPartnersOfCommune(database.db, '75056'));
    expect(none).toEqual({ result: [], texts: [] });
    // This process's own write forgets them at once.
    const id = await createPartner(database.db, {
      name: 'Ville de Lyon',
      communes: [lyon],
      quartiers: [],
    });
    expect(await findPartnersOfCommune(database.db, lyon)).toMatchObject([
      { id, name: 'Ville de Lyon' },
    ]);
    // A change made by hand (or by another instance) is announced, and forgotten.
    await queryRows(
      database.db,
      `INSERT INTO partner_communes (partner_id, insee) VALUES (${id}, '75056')`,
    );
    await until(
      () => handle.cache.partnersOf('75056') === undefined,
      'the partners to be forgotten',
    );
    expect(await findPartnersOfCommune(database.db, '75056')).toMatchObject([{ id }]);
    await queryRows(database.db, `UPDATE partners SET name = 'Métropole de Lyon'`);
    await until(() => handle.cache.partnersOf(lyon) === undefined, 'the rename to be heard');
    expect(await findPartnersOfCommune(database.db, lyon)).toMatchObject([
      { name: 'Métropole de Lyon' },
    ]);
  });

  it('records a member who left and wrote again', async () => {
    await recordInboundEvent(database.db, event());
    const known = await recordInboundEvent(database.db, event());
    await markMemberLeft(database.db, known.chat.id, known.person.id);
    await recordInboundEvent(database.db, event());
    const members = await queryRows<{ left: boolean }>(
      database.db,
      `select left_at is not null as left from chat_members`,
    );
    expect(members).toEqual([{ left: false }]);
  });

  it.skipIf(!serverUrl)(
    'forgets what another process changes (two pools on one server)',
    async () => {
      const other: Database = await createDatabase({ url: database.url!, maxConnections: 2 });
      try {
        await recordInboundEvent(database.db, event());
        await recordInboundEvent(database.db, event());
        expect(cached()).toBeDefined();
        const chat = await findChat(other.db, 'telegram', '-100');
        await saveChatSettings(other.db, chat!, { locale: 'en' });
        await until(() => cached() === undefined, 'the other process’s change to be heard');
        const next = await recordInboundEvent(database.db, event());
        expect(next.chat.locale).toBe('en');
      } finally {
        await other.close();
      }
    },
  );
});
