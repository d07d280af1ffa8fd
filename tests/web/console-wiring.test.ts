// The console in the bot's own startup: with WEB_URL set (and no chat platform), createApp
// starts the HTTP server and serves /console next to /healthz.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bot/config.ts';
import { createApp, type App } from '../../bot/create-app.ts';
import { createLoginToken } from '../../db/queries/console-access.ts';
import { people } from '../../db/schema.ts';
import { createMemoryLogger } from '../support/test-deps.ts';
import { serverUrl } from '../support/test-database.ts';

describe.skipIf(Boolean(serverUrl))('the console in the bot', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vsb-web-'));
  let app: App | undefined;
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is served under /console by the same server as /healthz', async () => {
    app = await createApp(
      parseConfig({
        DATA_DIR: dataDir,
        CONSOLE: 'false',
        LOG_LEVEL: 'silent',
        PORT: '0',
        WEB_URL: 'https://console.example.org',
      }),
      { logger: createMemoryLogger(), scheduler: false, httpHost: '127.0.0.1' },
    );
    await app.start();
    const base = `http://127.0.0.1:${app.http!.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const login = await fetch(`${base}/console/login?token=unknown`);
    expect(login.status).toBe(400);
    expect(await login.text()).toContain('/console');
    expect((await fetch(`${base}/console`)).status).toBe(401);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);

    // Over https (WEB_URL), the session cookie is Secure.
    const [person] = await app.deps.db
      .insert(people)
      .values({ platform: 'telegram', displayName: 'Alice' })
      .returning();
    const token = await createLoginToken(app.deps.db, person!.id, new Date(Date.now() + 60_000));
    const opened = await fetch(`${base}/console/login`, {
      method: 'POST',
      body: new URLSearchParams({ token }),
      redirect: 'manual',
    });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('set-cookie')).toMatch(/; Secure/);
  }, 60_000);
});
