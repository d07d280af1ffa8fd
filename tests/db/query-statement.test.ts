import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryStatement } from '../../db/client.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('a fixed statement with positional parameters', () => {
  const text = 'select $1::text as word, $2::int + 1 as next, $1::text || $3::text as joined';

  it('runs on the driver, and through Drizzle inside a transaction', async () => {
    const expected = [{ word: 'lilas', next: 42, joined: 'lilas$2' }];
    expect(await queryStatement(database.db, text, ['lilas', 41, '$2'])).toEqual(expected);
    const inTransaction = await database.db.transaction((tx) =>
      queryStatement(tx, text, ['lilas', 41, '$2']),
    );
    expect(inTransaction).toEqual(expected);
  });
});
