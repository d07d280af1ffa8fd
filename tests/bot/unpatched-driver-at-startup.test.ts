// An install that skipped postgres.js's patch (`npm ci --ignore-scripts`): the bot refuses a
// server database, saying how to fix it, unless DATABASE_UNPATCHED_DRIVER_OK accepts the
// cost, which it then logs as an error. The embedded database does not use postgres.js.
// The installed driver is left alone: the bot is pointed at an unpatched copy.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bot/config.ts';
import { createApp, type App } from '../../bot/create-app.ts';
import { UnpatchedDriverError } from '../../db/postgres-queue-patch.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-database.ts';
import { createMemoryLogger } from '../support/test-deps.ts';
import { writeUnpatchedQueueFiles } from '../support/unpatched-postgres.ts';

describe('a bot on an unpatched postgres.js', () => {
  const scratch: string[] = [];
  const apps: App[] = [];
  let database: TestDatabase | undefined;
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    await database?.drop();
    database = undefined;
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'vsb-unpatched-'));
    scratch.push(dir);
    return dir;
  };
  const unpatchedCopy = () => {
    const dir = tempDir();
    writeUnpatchedQueueFiles(dir);
    return dir;
  };
  const start = async (env: Record<string, string>) => {
    const logger = createMemoryLogger();
    const app = await createApp(parseConfig({ CONSOLE: 'false', LOG_LEVEL: 'silent', ...env }), {
      logger,
      scheduler: false,
      postgresPackageDir: unpatchedCopy(),
    });
    apps.push(app);
    return { app, logger };
  };

  it('refuses a server database before connecting, and says how to fix it', async () => {
    // Nothing listens there: the refusal comes first.
    const refused = start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:9/none' });
    await expect(refused).rejects.toThrow(UnpatchedDriverError);
    await expect(refused).rejects.toThrow(/--ignore-scripts.*`npm run postinstall`/s);
  });

  it.skipIf(!serverUrl)(
    'starts on a server when DATABASE_UNPATCHED_DRIVER_OK accepts it, and logs an error',
    async () => {
      database = await createTestDatabase();
      const { app, logger } = await start({
        DATABASE_URL: database.url!,
        DATABASE_UNPATCHED_DRIVER_OK: 'true',
      });
      expect(app.database.kind).toBe('postgres');
      const errors = logger.entries.filter((e) => e.level === 'error');
      expect(errors.map((e) => e.msg)).toEqual([
        expect.stringMatching(/not patched.*DATABASE_UNPATCHED_DRIVER_OK/s),
      ]);
    },
    60_000,
  );

  it('starts on the embedded database, which does not go through postgres.js', async () => {
    const { app, logger } = await start({ DATA_DIR: tempDir() });
    expect(app.database.kind).toBe('pglite');
    expect(logger.entries.filter((e) => e.level === 'error')).toEqual([]);
  }, 60_000);
});
