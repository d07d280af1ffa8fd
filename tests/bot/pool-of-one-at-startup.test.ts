// DATABASE_POOL_SIZE=1 on a server: the bot starts (migrations under their advisory lock, the
// identity cache's LISTEN), answers in the terminal chat, runs its due jobs and stops, with one
// connection in its pool. Before the migration lock had a connection of its own, startup
// waited forever: the lock's session held the pool's only connection while the migrations
// waited for one. The embedded database has no pool (PGlite is one session): the pool size is
// ignored there, which tests/bot/data-folder-lock-at-startup.test.ts checks with the same
// variable. Only on a server run.
import postgres from 'postgres';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bot/config.ts';
import { createApp } from '../../bot/create-app.ts';
import { serverUrl, withDatabase } from '../support/test-database.ts';
import { createMemoryLogger } from '../support/test-deps.ts';

const name = `vsb_test_pool1_${process.pid}`;

/** Fails with a message instead of waiting for the test's timeout. */
function within<T>(seconds: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} still waiting after ${seconds} s`)),
      seconds * 1000,
    );
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe.skipIf(!serverUrl)('a pool of one connection', () => {
  let admin: postgres.Sql;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vsb-pool1-'));
    admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('starts, answers and stops with a pool of one connection', async () => {
    const env = {
      DATA_DIR: dataDir,
      DATABASE_POOL_SIZE: '1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: withDatabase(serverUrl!, name),
    };
    const config = parseConfig(env);
    expect(config.database.poolSize).toBe(1);
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
    const app = await within(
      30,
      'startup',
      createApp(config, {
        logger: createMemoryLogger(),
        terminal: { input, output, color: false },
        scheduler: false,
      }),
    );
    try {
      expect(app.database.kind).toBe('postgres');
      await within(10, 'start', app.start());
      const done = app.console!.run();
      input.end(
        ['/aide', '/fete 28/05/2027 19h', ':moi Bruno', ':repondre 3 1', '/quit'].join('\n'),
      );
      await within(30, 'the terminal chat', done);
      expect(printed).toContain('Ce que je sais faire');
      expect(printed).toContain("C'est noté, Bruno\u202f: vous venez");
      // The fête planned its reminders: due or not, claiming them uses the one connection too.
      await within(10, 'the due jobs', app.jobs.runDueJobs());
    } finally {
      await within(10, 'stop', app.stop());
    }
  }, 60_000);
});
