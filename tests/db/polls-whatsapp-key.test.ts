// A WhatsApp vote names its poll without the sender's suffix (`true_<chat>_<id>`); polls saved
// by earlier releases kept it (`true_<chat>_<id>_<bot>`): both are found, and nothing else.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { findPollByExternalId } from '../../db/queries/polls.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

const group = '120363000000000001@g.us';

async function savePollKeyed(externalId: string): Promise<void> {
  await queryRows(
    database.db,
    `WITH c AS (INSERT INTO chats (platform, external_id, kind, locale)
       VALUES ('whatsapp', '${group}', 'group', 'fr') RETURNING id)
     INSERT INTO polls (platform, external_id, chat_id, message_id, purpose, options, closes_at)
     SELECT 'whatsapp', '${externalId}', id, '${externalId}', 'gathering_date', '["2027-05-28"]', now()
     FROM c`,
  );
}

describe('finding a WhatsApp poll by the key a vote gives', () => {
  it('finds a poll saved with the sender suffix, and only a whole key', async () => {
    await savePollKeyed(`true_${group}_3EB0AA11_33700000000@c.us`);
    const find = (key: string) => findPollByExternalId(database.db, 'whatsapp', key);
    expect(await find(`true_${group}_3EB0AA11`)).toMatchObject({ messageId: expect.any(String) });
    expect(await find(`true_${group}_3EB0AA1`)).toBeUndefined();
    expect(await find(`true_${group}_%`)).toBeUndefined();
    expect(
      await findPollByExternalId(database.db, 'telegram', `true_${group}_3EB0AA11`),
    ).toBeUndefined();
  });
});
