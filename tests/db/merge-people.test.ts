// Two person rows of one human (their @c.us and their @lid, recorded before WhatsApp Web told
// the link) become one, with everything that points at them: rows that would collide under a
// unique index keep the older person's, the others move; nothing else is touched.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { mergePeopleByIdentities } from '../../db/queries/merge-people.ts';
import { recordInboundEvent } from '../../db/queries/inbound-events.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

const pn = '33633333333@c.us';
const lid = '333333333333333@lid';
const rows = <T>(text: string) => queryRows<T>(database.db, text);
const id = async (text: string) => Number((await rows<{ id: string }>(text))[0]!.id);

async function seen(externalId: string, chat: string, name: string) {
  return recordInboundEvent(database.db, {
    chat: { platform: 'whatsapp', externalId: chat, kind: 'group', title: chat, locale: 'fr' },
    person: { externalId, displayName: name },
    member: true,
    reachable: false,
  });
}

describe('merging the two rows of one person', () => {
  it('moves or deduplicates every row that points at them, in one go', async () => {
    const { chat, person: first } = await seen(pn, 'lilas@g.us', 'Chloé');
    const { person: second } = await seen(lid, 'lilas@g.us', '');
    const other = await seen(lid, 'tilleuls@g.us', '');
    expect(second.id).not.toBe(first.id);
    const poll = await id(`INSERT INTO polls (platform, external_id, chat_id, message_id, purpose,
        options, closes_at) VALUES ('whatsapp', 'p1', ${chat.id}, 'm1', 'gathering_date',
        '["2027-05-28"]', now()) RETURNING id`);
    // Both voted on the same poll: the older person's vote stays.
    await rows(`INSERT INTO poll_votes (poll_id, person_id, option_indexes)
        VALUES (${poll}, ${first.id}, '[0]'), (${poll}, ${second.id}, '[]')`);
    // Only the second volunteers, in another group: it moves.
    await rows(`INSERT INTO volunteers (chat_id, person_id, categories)
        VALUES (${other.chat.id}, ${second.id}, '["courses"]')`);

    const kept = await mergePeopleByIdentities(database.db, 'whatsapp', [lid, pn]);

    expect(kept).toBe(first.id);
    expect(await rows<{ id: string }>('SELECT id FROM people')).toEqual([
      { id: expect.anything() },
    ]);
    const identities = await rows<{ external_id: string; person_id: string }>(
      'SELECT external_id, person_id FROM person_identities ORDER BY external_id',
    );
    expect(identities.map((r) => [r.external_id, Number(r.person_id)])).toEqual([
      [lid, first.id],
      [pn, first.id],
    ]);
    const members = await rows<{ chat_id: string }>(
      `SELECT chat_id FROM chat_members WHERE person_id = ${first.id} ORDER BY chat_id`,
    );
    expect(members.map((m) => Number(m.chat_id))).toEqual([chat.id, other.chat.id]);
    expect(await rows('SELECT option_indexes FROM poll_votes')).toEqual([{ option_indexes: [0] }]);
    expect(
      Number((await rows<{ person_id: string }>('SELECT person_id FROM volunteers'))[0]!.person_id),
    ).toBe(first.id);
    // The name she gave stays (the @lid row had none).
    expect(await rows('SELECT display_name FROM people')).toEqual([{ display_name: 'Chloé' }]);
  });

  it('does nothing when the ids name one person or none', async () => {
    await seen(pn, 'lilas@g.us', 'Chloé');
    expect(await mergePeopleByIdentities(database.db, 'whatsapp', [pn, lid])).toBeUndefined();
    expect(
      await mergePeopleByIdentities(database.db, 'whatsapp', ['x@lid', 'y@c.us']),
    ).toBeUndefined();
  });

  it('merges through the next event that carries both ids', async () => {
    await seen(pn, 'lilas@g.us', 'Chloé');
    await seen(lid, 'lilas@g.us', '');
    const { person } = await recordInboundEvent(database.db, {
      chat: { platform: 'whatsapp', externalId: 'lilas@g.us', kind: 'group', locale: 'fr' },
      person: { externalId: lid, aliases: [pn], displayName: 'Chloé' },
      member: true,
      reachable: false,
    });
    expect(await rows('SELECT count(*)::int AS n FROM people')).toEqual([{ n: 1 }]);
    expect(person.displayName).toBe('Chloé');
  });
});
