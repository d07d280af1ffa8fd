// The server's client while the server is away (a network cut, a restart) and once it is
// back: however long it was away, the driver tries it again within about a second; once it is
// back, the next query succeeds, the queries made meanwhile are done within seconds, and a
// session (reserve) works. postgres.js 4.2.0 fails this: it does not try the server before
// its reconnection delay after the last failed attempt is over (10 to 20 s after ten seconds
// of failures, by default), and a query made within that delay is refused even with the
// server back, whatever the delay. 3.4.10 holds queries instead, but its default delay grows
// as long: db/client.ts caps it at a second. Server only: the embedded database has no outages.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, isTransientDatabaseError, type Database } from '../../db/client.ts';
import { proxyInFrontOf, type TcpProxy } from '../support/tcp-proxy.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-database.ts';

/** Long enough for postgres.js's default delay to grow past 10 s (3^7 / 100 s, at worst halved). */
const AWAY_MS = 12_000;
/** How long after the server's return the next query, and those made meanwhile, may take. */
const BACK_WITHIN_MS = 2_500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!serverUrl)('the database client on a server, after an outage', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let proxied: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    const front = await proxyInFrontOf(database.url!);
    proxy = front.proxy;
    proxied = await createDatabase({ url: front.url, maxConnections: 4 });
  });
  afterAll(async () => {
    await proxied.close();
    await proxy.close();
    await database.drop();
  });
  afterEach(() => proxy.restore());

  const selectOne = async () => {
    await proxied.db.execute(sql`select 1`);
  };

  /** 'settled', or 'still waiting' after `ms`. */
  const within = (promise: Promise<unknown>, ms: number) =>
    Promise.race([
      promise.then(
        () => 'settled',
        () => 'settled',
      ),
      sleep(Math.max(ms, 0)).then(() => 'still waiting'),
    ]);

  it.each([
    ['a network cut (connections closed)', (p: TcpProxy) => p.cut()],
    ['a restart (FATAL 57P03, starting up)', (p: TcpProxy) => p.restart()],
  ])(
    'after %s, it is back within seconds of the server: queries, sessions, and those that waited',
    async (_, goAway) => {
      await Promise.all([selectOne(), selectOne(), selectOne(), selectOne()]);
      goAway(proxy);
      // The bot under load: a query every 100 ms, each failing or waiting.
      const during: Promise<Error | null>[] = [];
      let away = true;
      const load = (async () => {
        while (away) {
          during.push(
            selectOne().then(
              () => null,
              (error: Error) => error,
            ),
          );
          await sleep(100);
        }
      })();
      await sleep(AWAY_MS);
      // Had the server come back at this moment, the driver would have known at its next try.
      const since = Date.now();
      await proxy.nextRefusal();
      const nextTry = Date.now() - since;
      // It comes back just as the driver has failed to reach it once more.
      proxy.restore();
      const back = Date.now();
      away = false;
      await load;

      let first = 'still waiting';
      const query = selectOne().then(
        () => (first = 'succeeded'),
        (error: unknown) => (first = `failed: ${String(error)}`),
      );
      await within(query, BACK_WITHIN_MS);
      const waited = await within(Promise.all(during), BACK_WITHIN_MS - (Date.now() - back));
      expect(nextTry, 'ms until the driver tried the server again').toBeLessThan(1_500);
      expect(first, 'the first query once the server is back').toBe('succeeded');
      expect(waited, `the queries made meanwhile, ${BACK_WITHIN_MS} ms after`).toBe('settled');
      await Promise.all(Array.from({ length: 8 }, selectOne));
      expect(await proxied.withSession((exec) => exec('select 1 as one'))).toBeDefined();
      // What failed meanwhile failed as an outage, which the bot retries and does not apologise for.
      const errors = (await Promise.all(during)).filter((e) => e !== null);
      for (const error of errors) expect(isTransientDatabaseError(error), error.message).toBe(true);
    },
    60_000,
  );
});
