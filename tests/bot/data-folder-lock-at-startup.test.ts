// Two bots on one DATA_DIR: the bot's own startup (createApp, then `npm start`'s bot/main.ts
// in a child process) refuses the second while the first runs, and stopping the first
// gives the folder back. Only about PGlite: skipped on a server run.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bot/config.ts';
import { createApp, type App } from '../../bot/create-app.ts';
import { DataFolderLockedError } from '../../db/data-folder-lock.ts';
import { spawnScript } from '../support/spawn-script.ts';
import { createMemoryLogger } from '../support/test-deps.ts';
import { serverUrl } from '../support/test-database.ts';

describe.skipIf(Boolean(serverUrl))('a bot on an embedded database', () => {
  let dataDir: string;
  const apps: App[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>) => {
    const app = await createApp(parseConfig(env), {
      logger: createMemoryLogger(),
      scheduler: false,
    });
    apps.push(app);
    return app;
  };

  it('holds its data folder from startup to stop; a second bot on it is refused', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vsb-startup-'));
    // PGlite is one session: the pool size a server needs is ignored, one connection included
    // (tests/bot/pool-of-one-at-startup.test.ts is the server's side).
    const env = {
      DATA_DIR: dataDir,
      CONSOLE: 'false',
      LOG_LEVEL: 'silent',
      DATABASE_POOL_SIZE: '1',
    };
    const first = await start(env);
    expect(first.database.kind).toBe('pglite');

    // `npm start` on the same DATA_DIR: refused, on stderr, with a non-zero exit code.
    const second = spawnScript('bot/main.ts', [], env);
    expect(await second.exited).toBe(3);
    const message = second.stderr();
    expect(message).toContain(`${join(dataDir, 'pglite')} is already open`);
    expect(message).toContain(`process ${process.pid} on host ${hostname()}`);
    expect(message).toContain(`kill ${process.pid}`);
    expect(message).toContain('DATA_DIR sets the data folder');
    expect(message).not.toMatch(/^\s+at /m); // an explanation, not a stack trace

    // The same process cannot open it twice either.
    await expect(start(env)).rejects.toThrow(DataFolderLockedError);

    await apps.shift()!.stop();
    expect(readdirSync(join(dataDir, 'pglite')).filter((f) => f.startsWith('bot.lock'))).toEqual(
      [],
    );
    const next = await start(env);
    expect(next.database.kind).toBe('pglite');
  }, 90_000);
});
