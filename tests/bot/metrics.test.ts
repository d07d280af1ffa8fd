// GET /metrics: off unless METRICS_ENABLED, behind METRICS_TOKEN when set, and the figures an
// operator alerts on after a person used the bot (the real app against the fake Bot API).
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bot/config.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';
import {
  groupChat,
  messageUpdate,
  people,
  startTelegramHarness,
  type TelegramHarness,
} from '../support/telegram-harness.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const TOKEN = 'metrics-token-0123456789';
let h: TelegramHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const metricsUrl = (harness: TelegramHarness) =>
  `http://127.0.0.1:${harness.app.http!.port}/metrics`;

describe('GET /metrics', () => {
  it('is not served unless enabled', async () => {
    await resetDatabase(database);
    h = await startTelegramHarness(database);
    expect((await fetch(metricsUrl(h))).status).toBe(404);
  });

  it('asks for the token, then gives the figures in Prometheus text', async () => {
    await resetDatabase(database);
    h = await startTelegramHarness(database, {
      env: { METRICS_ENABLED: 'true', METRICS_TOKEN: TOKEN },
    });
    await h.deliver(messageUpdate(people.bruno, groupChat(), '/aide'));
    await h.fake.waitForCalls('sendMessage', 1);
    await h.app.settle();
    // A job ten minutes late (no scheduler runs in this harness).
    await h.app.deps.db.execute(
      sql`insert into jobs (kind, dedupe_key, run_at)
          values ('probe_late', 'probe-late', now() - interval '10 minutes')`,
    );

    expect((await fetch(metricsUrl(h))).status).toBe(401);
    const wrong = await fetch(metricsUrl(h), { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const response = await fetch(metricsUrl(h), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/^voisins_updates_total\{platform="telegram",outcome="handled"\} 1$/m);
    expect(text).toMatch(/^voisins_answer_seconds_count\{platform="telegram"\} 1$/m);
    expect(text).toMatch(/^voisins_sends_total\{platform="telegram"\} [1-9]/m);
    expect(text).toContain('# TYPE voisins_rate_limited_total counter');
    expect(text).toMatch(/^voisins_platform_ready\{platform="telegram"\} 1$/m);
    expect(text).toMatch(/^voisins_check_ins_unanswered 0$/m);
    const lag = /^voisins_job_lag_seconds\{kind="probe_late"\} ([\d.]+)$/m.exec(text)?.[1];
    expect(Number(lag)).toBeGreaterThanOrEqual(600);
    expect(text).toContain('# TYPE voisins_outbox_waiting gauge');
    expect(text).toMatch(/^voisins_process_resident_memory_bytes \d+/m);
  });
});

describe('the metrics configuration', () => {
  it('is off by default; a token too short is refused, naming the variable', () => {
    expect(parseConfig({}).http.metrics).toEqual({ enabled: false });
    expect(parseConfig({ METRICS_ENABLED: 'true' }).http.metrics).toEqual({ enabled: true });
    expect(() => parseConfig({ METRICS_ENABLED: 'true', METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN/,
    );
  });
});
