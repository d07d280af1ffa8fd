// The communes' and quartiers' figures grouped by scope and period (activity_period_rollups,
// migration 0027), which a city's page reads: always the same figures as activity_rollups,
// whoever writes there and however, and the same after an upgrade from a database that had
// only activity_rollups (the migration copies what is there).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryStatement, type DbOrTx } from '../../db/client.ts';
import { migrateDatabase, migrationsFolder } from '../../db/migrate.ts';
import { saveChatSeen } from '../../db/queries/chats.ts';
import {
  findPartnerScopes,
  readCityRollups,
  readRollups,
} from '../../db/queries/console-figures.ts';
import { createPartner } from '../../db/queries/partners.ts';
import { recordActivity, refreshStateFigures } from '../../db/queries/rollups.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

/** Every commune's and quartier's rollup row, `scope period metric value`, in key order. */
async function cityRowsOf(db: DbOrTx): Promise<string[]> {
  const rows = await queryStatement<{ scope: string; period: string; metric: string }>(
    db,
    `SELECT scope, period, metric, value FROM activity_rollups
     WHERE scope LIKE 'insee:%' OR scope LIKE 'quartier:%' ORDER BY scope, period, metric`,
    [],
  );
  return rows.map((r) => Object.values(r).map(String).join(' '));
}

/** The same, from their copy by scope and period. */
async function copiedRowsOf(db: DbOrTx): Promise<string[]> {
  const rows = await queryStatement<{ scope: string; period: string; metric: string }>(
    db,
    `SELECT f.scope, f.period, m.key AS metric, m.value
     FROM activity_period_rollups f CROSS JOIN LATERAL jsonb_each_text(f.figures) AS m
     ORDER BY 1, 2, 3`,
    [],
  );
  return rows.map((r) => Object.values(r).map(String).join(' '));
}

async function group(
  db: DbOrTx,
  externalId: string,
  place: { departement?: string; insee?: string; quartier?: number; kind?: string } = {},
): Promise<number> {
  const chat = await saveChatSeen(db, {
    platform: 'telegram',
    externalId,
    kind: 'group',
    locale: 'fr',
  });
  await queryStatement(
    db,
    `UPDATE chats SET departement = $2, commune_insee = $3, quartier_id = $4, group_kind = $5
     WHERE id = $1`,
    [
      chat.id,
      place.departement ?? null,
      place.insee ?? null,
      place.quartier ?? null,
      place.kind ?? null,
    ],
  );
  return chat.id;
}

const metrics = ['kit:canicule', 'kit:noel', 'need:created', 'service:courses', 'watch:round'];

/** Groups in two communes of Lyon (two quartiers), one in Villeurbanne, one unplaced. */
async function someGroups(db: DbOrTx): Promise<number[]> {
  const partner = await createPartner(db, {
    name: 'Lyon',
    communes: ['69383', '69381'],
    quartiers: ['Montchat', 'Croix-Rousse'],
  });
  const { quartiers } = await findPartnerScopes(db, partner);
  return [
    await group(db, '-1', { departement: '69', insee: '69383', quartier: quartiers[0]!.id }),
    await group(db, '-2', { departement: '69', insee: '69383', kind: 'immeuble' }),
    await group(db, '-3', { departement: '69', insee: '69381', quartier: quartiers[1]!.id }),
    await group(db, '-4', { departement: '69', insee: '69266', kind: 'rue' }),
    await group(db, '-5'),
  ];
}

/** Some events of these groups over two years, a few at once, and the state figures. */
async function someActivity(db: DbOrTx, chats: number[], seed: number): Promise<void> {
  let state = seed;
  // mulberry32: a few deterministic draws.
  const next = (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
  const events = Array.from({ length: 60 }, () => ({
    chatId: chats[next(chats.length)]!,
    metric: metrics[next(metrics.length)]!,
    at: new Date(Date.UTC(2025 + next(2), next(12), 1 + next(28), next(24))),
    count: 1 + next(3),
  }));
  for (let i = 0; i < events.length; i += 6) {
    await Promise.all(events.slice(i, i + 6).map((e) => recordActivity(db, e)));
  }
  await refreshStateFigures(db, new Date('2026-06-15T10:00:00Z'));
}

describe('activity_period_rollups', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());
  beforeEach(() => resetDatabase(database));

  it('holds the same figures as activity_rollups, whoever writes them', async () => {
    const db = database.db;
    const chats = await someGroups(db);
    await someActivity(db, chats, 7);
    const rows = await cityRowsOf(db);
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.some((r) => r.startsWith('quartier:'))).toBe(true);
    expect(await copiedRowsOf(db)).toEqual(rows);

    // Concurrent transactions adding to one commune's month, each its own metric or the same.
    await Promise.all(
      metrics.flatMap((metric) =>
        [0, 1].map(() =>
          db.transaction((tx) =>
            recordActivity(tx, { chatId: chats[0]!, metric, at: new Date('2026-03-03T10:00Z') }),
          ),
        ),
      ),
    );
    // By hand: an upsert, an update of many rows, a deletion, another state refresh.
    await queryStatement(
      db,
      `INSERT INTO activity_rollups VALUES ('insee:69383', '2026', 'kit:galette', 4),
         ('dep:69', '2026', 'kit:galette', 4)
       ON CONFLICT (scope, period, metric) DO UPDATE SET value = excluded.value`,
      [],
    );
    await queryStatement(
      db,
      `UPDATE activity_rollups SET value = value * 2 WHERE period = '2025'`,
      [],
    );
    await queryStatement(
      db,
      `DELETE FROM activity_rollups WHERE metric = 'kit:noel' OR scope = 'insee:69266'`,
      [],
    );
    await refreshStateFigures(db, new Date('2026-06-16T10:00:00Z'));
    const after = await cityRowsOf(db);
    expect(after).not.toEqual(rows);
    expect(after).toContain('insee:69383 2026 kit:galette 4');
    expect(await copiedRowsOf(db)).toEqual(after);
    // A period whose every figure went is gone, not kept empty.
    const [empty] = await queryStatement<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM activity_period_rollups WHERE figures = '{}'::jsonb`,
      [],
    );
    expect(empty?.n).toBe(0);

    await queryStatement(db, 'TRUNCATE activity_rollups', []);
    expect(await copiedRowsOf(db)).toEqual([]);
  });

  it('reads what readRollups reads, for communes and quartiers only', async () => {
    const db = database.db;
    const chats = await someGroups(db);
    await someActivity(db, chats, 11);
    const quartiers = await queryStatement<{ id: number }>(db, 'SELECT id FROM quartiers', []);
    const scopes = ['insee:69383', 'insee:69381', ...quartiers.map((q) => `quartier:${q.id}`)];
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    for (const query of [
      { scopes, periods: ['2026', '2025'] },
      { scopes: scopes.slice(0, 2), periods: months, metricPrefix: 'kit:' },
      { scopes: ['insee:69266'], periods: ['2026', '2026-02', '2024'], metricPrefix: 'need:' },
      { scopes: ['insee:00000'], periods: ['2026'] },
      { scopes: [], periods: ['2026'] },
    ]) {
      expect(await readCityRollups(db, query)).toEqual(await readRollups(db, query));
    }
    expect((await readCityRollups(db, { scopes, periods: ['2026'] })).length).toBeGreaterThan(10);
    await expect(readCityRollups(db, { scopes: ['dep:69'], periods: ['2026'] })).rejects.toThrow(
      /communes and quartiers only, not dep:69/,
    );
  });
});

describe('an upgrade to migration 0027', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'vsb-period-rollups-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** The migrations up to 0026 (the release before the copy existed). */
  function migrationsBefore0027(): string {
    const folder = join(scratch, 'up-to-0026');
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
      entries: { tag: string }[];
    };
    journal.entries = journal.entries.filter((e) => e.tag.slice(0, 4) <= '0026');
    writeFileSync(journalFile, JSON.stringify(journal));
    return folder;
  }

  it('copies every figure already counted, and the city reads the same figures', async () => {
    const database = await createTestDatabase({ migrated: false });
    try {
      await database.applyMigrations(migrationsBefore0027());
      const db = database.db;
      const chats = await someGroups(db);
      await someActivity(db, chats, 23);
      const scopes = (await cityRowsOf(db)).map((r) => r.split(' ')[0]!);
      const query = { scopes: [...new Set(scopes)], periods: ['2026', '2025', '2026-07'] };
      const before = await readRollups(db, query);
      expect(before.length).toBeGreaterThan(20);

      await migrateDatabase(database);
      expect(await readCityRollups(db, query)).toEqual(before);
      expect(await copiedRowsOf(db)).toEqual(await cityRowsOf(db));
      // And the figures counted after the upgrade are added to them.
      await someActivity(db, chats, 29);
      expect(await copiedRowsOf(db)).toEqual(await cityRowsOf(db));
    } finally {
      await database.drop();
    }
  });
});
