// Upgrades keep data. A database is made at an earlier migration level (the first entries of
// db/migrations/meta/_journal.json), filled on the way by the SQL fixtures written for each
// level (tests/fixtures/migrations/NNNN.sql, applied right after migration NNNN, in the
// columns of that time; the migrations are applied from one fixture level to the next), then
// migrated to the latest in one go, as a newer bot does at startup. Then the real bot runs on
// it (createApp, the fake Bot API over HTTP, the web console) and each level's check looks as
// a person would: Zoé's and Bruno's /mesdonnees files, the group's /parametres, the console's
// figures and CSV, a message left in the outbox is sent, an event left in the inbox is
// answered, a date poll left open is closed by its job.
//
// Start levels: each level that has a fixture (a database that stopped there holds data of
// that shape), so a database at every such level jumps to the latest with everything written
// before it. Levels without a fixture (triggers, indexes, columns no one had filled yet) are
// migrated through by every jump that starts before them.
// A new migration therefore needs nothing here unless it adds or changes data people have;
// then the maintainer adds tests/fixtures/migrations/NNNN.sql (rows as the bot of that level
// wrote them, valid right after migration NNNN) and an entry NNNN in `checks` below saying
// what a person still sees after the upgrade (the first test fails when either is missing).
//
// Runs on PGlite and, with TEST_DATABASE_URL, on the server: one database per run of the
// file, emptied (its schemas dropped) before each level.
import { readdirSync, readFileSync, writeFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { readRollups } from '../../db/queries/console-figures.ts';
import { migrateDatabase, migrationsFolder } from '../../db/migrate.ts';
import { uploadedBytes } from '../fakes/telegram-bot-api.ts';
import {
  messageUpdate,
  startTelegramHarness,
  type TelegramHarness,
} from '../support/telegram-harness.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

interface Journal {
  entries: { idx: number; tag: string }[];
}
const journal = JSON.parse(
  readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
) as Journal;
const fixturesDir = new URL('../fixtures/migrations/', import.meta.url);
const fixtureLevels = readdirSync(fixturesDir)
  .filter((f) => /^\d{4}\.sql$/.test(f))
  .map((f) => f.slice(0, 4))
  .sort();
const levelOf = (tag: string) => tag.slice(0, 4);
const fixtureOf = (level: string) => readFileSync(new URL(`${level}.sql`, fixturesDir), 'utf8');

const zoe = { id: 7, is_bot: false, first_name: 'Zoé', language_code: 'fr' };
const bruno = { id: 8, is_bot: false, first_name: 'Bruno', language_code: 'fr' };
/** The console session of fixture 0014, and the moment the bot runs (its idle limit holds). */
const SESSION = 'upgrade-session-token';
const NOW = '2027-01-15T10:00:00Z';

/** The upgraded database with the bot running on it, as the checks see it. */
interface Upgraded {
  harness: TelegramHarness;
  /** Zoé's and Bruno's /mesdonnees JSON files. */
  exportOf(person: 'zoe' | 'bruno'): Promise<string>;
  /** A console page or file, with Zoé's session of fixture 0014. */
  consoleGet(path: string): Promise<string>;
  /** What /parametres shows in Les Lilas, asked by Zoé (an administrator of the group). */
  groupSettings(): Promise<string>;
}

/** What each fixture level's rows still are after the upgrade, as a person sees them. */
const checks: Record<string, (u: Upgraded) => Promise<void>> = {
  async '0000'(u) {
    expect(await u.exportOf('zoe')).toContain('Les Lilas');
    expect(await u.exportOf('bruno')).toContain('Les Lilas');
    const [members] = await queryRows<{ n: number }>(
      u.harness.app.deps.db,
      `select count(*)::int as n from chat_members where chat_id = 1 and left_at is null`,
    );
    expect(members?.n).toBe(2);
  },
  async '0001'(u) {
    expect(await u.groupSettings()).toContain('Suggestions de kits de saison\u202f: non');
    // The kits delivered before the console existed are counted by migration 0017, in the
    // national view's département scope.
    const rows = await readRollups(u.harness.app.deps.db, {
      scopes: ['dep:69'],
      periods: ['2026-07', '2026'],
      metricPrefix: 'kit:canicule',
    });
    expect(rows.map((r) => [r.period, r.value])).toEqual([
      ['2026', 7],
      ['2026-07', 7],
    ]);
  },
  async '0002'(u) {
    const file = await u.exportOf('zoe');
    expect(file).toContain('"date": "2027-05-28"');
    expect(file).toContain('"answer": "yes"');
    expect(await u.exportOf('bruno')).toContain('"answer": "maybe"');
    // The galette's date poll, open at the upgrade, is closed by its job: stopped in the chat
    // it was posted in (polls of that level do not name it: migration 0008), and the date
    // with the most votes is announced.
    await u.harness.app.jobs.runDueJobs();
    await u.harness.app.settle();
    const stops = u.harness.fake.calls.filter((c) => c.method === 'stopPoll');
    expect(stops.map((c) => [String(c.params.chat_id), String(c.params.message_id)])).toEqual([
      ['-1001', '77'],
    ]);
    const group = u.harness.fake
      .successfulCalls('sendMessage')
      .filter((c) => String(c.params.chat_id) === '-1001')
      .map((c) => String(c.params.text));
    expect(group.join('\n')).toMatch(/Galette des rois[^]*23 janvier/);
  },
  async '0003'(u) {
    const file = await u.exportOf('zoe');
    for (const text of ['bricolage', 'le soir', 'Une étagère à monter']) {
      expect(file).toContain(text);
    }
    expect(await u.exportOf('bruno')).toContain('Du pain & du lait');
  },
  async '0004'(u) {
    expect(await u.exportOf('zoe')).toContain('Mme Dupont');
  },
  async '0005'(u) {
    expect(JSON.parse(await u.exportOf('zoe'))).toMatchObject({
      mutualAid: { offers: [{ volunteer: { availabilitySlots: ['evening'] } }] },
    });
  },
  async '0007'(u) {
    // The answer left in the outbox reaches Zoé; Bruno's /aide left in the inbox is answered.
    await eventually(() => u.harness.sentTo(7).length > 0 && u.harness.sentTo(8).length > 0);
    expect(u.harness.sentTo(7).map((c) => c.params.text)).toContain(
      "Bruno peut passer samedi pour l'étagère.",
    );
    expect(String(u.harness.sentTo(8)[0]!.params.text)).toContain('/aide');
    const [left] = await queryRows<{ inbox: number; outbox: number }>(
      u.harness.app.deps.db,
      `select (select count(*)::int from inbox) as inbox, (select count(*)::int from outbox) as outbox`,
    );
    expect(left).toEqual({ inbox: 0, outbox: 0 });
  },
  async '0009'(u) {
    const rows = await readRollups(u.harness.app.deps.db, {
      scopes: ['insee:69383'],
      periods: ['2026-07'],
      metricPrefix: 'kit:',
    });
    expect(rows.map((r) => [r.metric, r.value])).toEqual([['kit:canicule', 7]]);
    expect(await u.groupSettings()).toContain(
      'Commune\u202f: 69003 — Lyon 3e Arrondissement, Rhône (69)',
    );
  },
  async '0013'(u) {
    expect(await u.exportOf('zoe')).toContain('"sentAt": "2027-05-01T08:00:00.000Z"');
  },
  async '0014'(u) {
    const file = await u.exportOf('zoe');
    expect(file).toContain('Ville de Lyon');
    expect(file).toContain('"role": "ccas"');
    expect(file).toContain('"openSessions": 1');
    const settings = await u.groupSettings();
    expect(settings).toContain('Ville partenaire (Villes solidaires)\u202f: Ville de Lyon');
    expect(settings).toContain('Quartier\u202f: Montchat');
    expect(settings).toContain('Visible par la mairie\u202f: oui');
    // Zoé's session still opens the city page; its kits table counts July's deliveries.
    expect(await u.consoleGet('/console/villes/1')).toContain('Les Lilas');
    const kits = await u.consoleGet('/console/villes/1/export/kits.csv?annee=2026');
    expect(kits).toContain('\r\nCanicule;0;0;0;0;0;0;7;0;0;0;0;0;7;0\r\n');
  },
  async '0017'(u) {
    const kits = await u.consoleGet('/console/villes/1/export/kits.csv?annee=2026');
    expect(kits).toContain('\r\nNoël des voisins;0;0;0;0;0;0;0;0;0;0;0;5;5;0\r\n');
    expect(await u.exportOf('zoe')).toContain('"lastActiveAt": "2027-01-10T18:00:00.000Z"');
  },
};

async function eventually(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('still waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'vsb-upgrades-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the migrations whose journal stops at `level` (included). */
function migrationsUpTo(level: string): string {
  const folder = join(scratch, `up-to-${level}`);
  cpSync(migrationsFolder, folder, { recursive: true });
  writeFileSync(
    join(folder, 'meta', '_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.filter((e) => levelOf(e.tag) <= level) }),
  );
  return folder;
}
const upTo = new Map(fixtureLevels.map((level) => [level, migrationsUpTo(level)]));

it('has a check for every fixture level, and a fixture for every check', () => {
  expect(Object.keys(checks).sort()).toEqual(fixtureLevels);
  const levels = journal.entries.map((e) => levelOf(e.tag));
  for (const level of fixtureLevels) expect(levels).toContain(level);
});

describe(`an upgrade on ${serverUrl ? 'the server' : 'PGlite'}`, () => {
  // One database for the file, emptied before each level: a new embedded database costs
  // seconds of CPU, emptying it a few milliseconds.
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(() => database.drop());

  it.each(fixtureLevels)(
    'keeps what a database at migration %s held',
    async (start) => {
      await database.withSession((exec) =>
        exec(
          `DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public`,
        ),
      );
      // Migrated from fixture to fixture (levels in between hold no data of their own), each
      // fixture right after its level, then to the latest in one go.
      const applied = fixtureLevels.filter((level) => level <= start);
      for (const level of applied) {
        await database.applyMigrations(upTo.get(level)!);
        await database.withSession((exec) => exec(fixtureOf(level)));
      }
      await migrateDatabase(database);

      const harness = await startTelegramHarness(database, {
        webhook: true,
        clock: createTestClock(NOW),
        env: { WEB_URL: 'http://127.0.0.1' },
      });
      try {
        const exports = new Map<string, Promise<string>>();
        let settings: Promise<string> | undefined;
        const upgraded: Upgraded = {
          harness,
          exportOf(person) {
            const who = person === 'zoe' ? zoe : bruno;
            if (!exports.has(person)) exports.set(person, exportOf(harness, who));
            return exports.get(person)!;
          },
          groupSettings() {
            settings ??= settingsOf(harness);
            return settings;
          },
          async consoleGet(path) {
            const answer = await fetch(`http://127.0.0.1:${harness.app.http!.port}${path}`, {
              headers: { cookie: `vs_console=${SESSION}` },
            });
            expect(answer.status, path).toBe(200);
            return answer.text();
          },
        };
        for (const level of applied) await checks[level]!(upgraded);
      } finally {
        await harness.stop();
      }
    },
    60_000,
  );
});

/** A person's /mesdonnees JSON copy, asked for in their private chat with the bot. */
async function exportOf(h: TelegramHarness, person: typeof zoe): Promise<string> {
  await h.deliver(
    messageUpdate(
      person,
      { id: person.id, type: 'private', first_name: person.first_name },
      '/mesdonnees',
    ),
  );
  const call = h.fake.successfulCalls('sendDocument').find((c) => c.params.chat_id === person.id);
  const bytes = uploadedBytes(call?.params.document);
  if (!bytes) throw new Error(`no export for ${person.first_name}`);
  return bytes.toString('utf8');
}

async function settingsOf(h: TelegramHarness): Promise<string> {
  h.fake.setChatMember(-1001, zoe.id, 'administrator');
  await h.deliver(
    messageUpdate(zoe, { id: -1001, type: 'supergroup', title: 'Les Lilas' }, '/parametres'),
  );
  const answer = h.fake
    .successfulCalls('sendMessage')
    .filter((c) => String(c.params.chat_id) === '-1001')
    .at(-1);
  return String(answer?.params.text);
}
