// Upgrades keep data: a database made at each earlier migration (the first N entries of the
// journal), filled on the way by the SQL fixtures written for each level
// (tests/fixtures/migrations/NNNN.sql, applied right after migration NNNN), then migrated to
// the latest: each person's /mesdonnees (through the privacy feature) holds what the
// fixtures put there, and the group's members are all still there. On embedded PGlite only
// (the migrations are the same SQL on a server; a server run skips it to save time).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, queryRows, type Database } from '../../db/client.ts';
import { migrateDatabase, migrationsFolder } from '../../db/migrate.ts';
import type { OutboundMessage } from '../../handlers/events.ts';
import { createFeatures } from '../../handlers/features.ts';
import { loadKits } from '../../handlers/kits/load-kits.ts';
import { createRouter } from '../../handlers/router.ts';
import { createRecordingMessenger, type Sent } from '../support/recording-messenger.ts';
import { serverUrl } from '../support/test-database.ts';
import { createTestDeps } from '../support/test-deps.ts';

interface Journal {
  entries: { idx: number; tag: string }[];
}
const journal = JSON.parse(
  readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
) as Journal;
const fixturesDir = new URL('../fixtures/migrations/', import.meta.url);
const fixtureOf = (tag: string) => {
  const url = new URL(`${tag.slice(0, 4)}.sql`, fixturesDir);
  return existsSync(url) ? readFileSync(url, 'utf8') : undefined;
};

/** What each fixture level must leave in Zoé's and Bruno's exports after the upgrade. */
const expected: Record<string, { zoe: string[]; bruno: string[] }> = {
  '0000': { zoe: ['Zoé', 'Les Lilas'], bruno: ['Bruno', 'Les Lilas'] },
  '0002': { zoe: ['"date": "2027-05-28"', '"answer": "yes"'], bruno: ['"answer": "maybe"'] },
  '0003': { zoe: ['bricolage', 'le soir', 'Une étagère à monter'], bruno: ['Du pain & du lait'] },
  '0004': { zoe: ['Mme Dupont'], bruno: [] },
};

const scratch = mkdtempSync(join(tmpdir(), 'vsb-upgrades-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the migrations whose journal stops after the first `count` entries. */
function migrationsUpTo(count: number): string {
  const folder = join(scratch, `up-to-${count}`);
  if (!existsSync(folder)) {
    cpSync(migrationsFolder, folder, { recursive: true });
    writeFileSync(
      join(folder, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }),
    );
  }
  return folder;
}

/** Each person's /mesdonnees JSON copy, through the router and the privacy feature. */
async function exportsOf(database: Database, senders: { id: string; displayName: string }[]) {
  const deps = await createTestDeps(database.db);
  const features = createFeatures({
    i18n: deps.i18n,
    kits: { catalogue: loadKits(), render: () => Promise.reject(new Error('no documents')) },
  });
  const router = createRouter(deps, features);
  const exports: string[] = [];
  for (const sender of senders) exports.push(await exportOf(router, sender));
  return exports;
}

async function exportOf(
  router: ReturnType<typeof createRouter>,
  sender: { id: string; displayName: string },
) {
  const sent: Sent[] = [];
  await router.handle(
    {
      type: 'message',
      id: `tg:export-${sender.id}`,
      chat: { platform: 'telegram', id: sender.id, kind: 'private' },
      sender: { platform: 'telegram', ...sender },
      text: '/mesdonnees',
      addressed: true,
      command: { name: 'mesdonnees', args: '' },
    },
    createRecordingMessenger(sent),
  );
  const file = sent
    .map((s) => s.message)
    .find((m): m is Extract<OutboundMessage, { kind: 'document' }> => m.kind === 'document');
  if (!file) throw new Error(`no export for ${sender.displayName}`);
  return new TextDecoder().decode(file.data);
}

describe.skipIf(Boolean(serverUrl))('an upgrade from every earlier migration', () => {
  const levels = journal.entries.map((_, i) => i + 1).slice(0, -1);

  it.each(levels)(
    'keeps what a database at %i migration(s) held',
    async (count) => {
      const database = await createDatabase({});
      try {
        const applied: string[] = [];
        for (const entry of journal.entries.slice(0, count)) {
          await database.applyMigrations(migrationsUpTo(entry.idx + 1));
          const fixture = fixtureOf(entry.tag);
          if (fixture) {
            await database.withSession((exec) => exec(fixture));
            applied.push(entry.tag.slice(0, 4));
          }
        }
        await migrateDatabase(database);

        const [zoe, bruno] = await exportsOf(database, [
          { id: '7', displayName: 'Zoé' },
          { id: '8', displayName: 'Bruno' },
        ]);
        for (const level of applied) {
          for (const text of expected[level]?.zoe ?? []) expect(zoe).toContain(text);
          for (const text of expected[level]?.bruno ?? []) expect(bruno).toContain(text);
        }
        const [members] = await queryRows<{ n: number }>(
          database.db,
          `select count(*)::int as n from chat_members where chat_id = 1 and left_at is null`,
        );
        expect(members?.n).toBe(2);
      } finally {
        await database.close();
      }
    },
    60_000,
  );
});
