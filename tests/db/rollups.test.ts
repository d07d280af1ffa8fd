// The console's figures on the database: what recordActivity writes (scopes, periods in the
// group's time zone), the hourly state figures, members marked active once a day at no cost
// to the events that follow, the named reads of the console, and the one-time backfill
// (migration 0017) of what happened before figures were kept.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryStatement } from '../../db/client.ts';
import { findGroupsVisibleToCity } from '../../db/queries/console-directory.ts';
import { startIdentityCache } from '../../db/identity-cache.ts';
import { migrationsFolder } from '../../db/migrate.ts';
import { saveChatSeen } from '../../db/queries/chats.ts';
import {
  findPartnerScopes,
  readDepartementYear,
  readRollups,
} from '../../db/queries/console-figures.ts';
import { recordInboundEvent, type InboundRecord } from '../../db/queries/inbound-events.ts';
import { createPartner } from '../../db/queries/partners.ts';
import { savePersonSeen } from '../../db/queries/people.ts';
import {
  recordActivity,
  refreshCommuneFigures,
  refreshStateFigures,
} from '../../db/queries/rollups.ts';
import { rollupsOf } from '../support/rollups.ts';
import { statementsOf } from '../support/statement-recorder.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());
beforeEach(() => resetDatabase(database));

/** Rows of hand-written SQL, as the driver gives them. */
type Row = Record<string, unknown> & { id: number; last_active_at: unknown };
const sql = (text: string, params: unknown[] = []) =>
  queryStatement<Row>(database.db, text, params);

async function group(externalId: string, place: Record<string, unknown> = {}): Promise<number> {
  const chat = await saveChatSeen(database.db, {
    platform: 'telegram',
    externalId,
    kind: 'group',
    locale: 'fr',
  });
  const columns = Object.keys(place);
  if (columns.length > 0) {
    await sql(
      `UPDATE chats SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
      [chat.id, ...Object.values(place)],
    );
  }
  return chat.id;
}

describe('recordActivity', () => {
  it("adds to the month and the year of the group's time zone, in each of its scopes", async () => {
    const partner = await createPartner(database.db, {
      name: 'Lyon',
      communes: ['69383'],
      quartiers: ['Part-Dieu'],
    });
    const { quartiers } = await findPartnerScopes(database.db, partner);
    const lyon = await group('-1', {
      departement: '69',
      commune_insee: '69383',
      quartier_id: quartiers[0]!.id,
    });
    const reunion = await group('-2', { departement: '974', timezone: 'Indian/Reunion' });
    const nowhere = await group('-3');
    // 23:30 UTC on New Year's Eve: already 2027 in Paris, and at La Réunion.
    const at = new Date('2026-12-31T23:30:00Z');
    await recordActivity(database.db, { chatId: lyon, metric: 'kit:canicule', at });
    await recordActivity(database.db, { chatId: lyon, metric: 'kit:canicule', at, count: 2 });
    await recordActivity(database.db, { chatId: reunion, metric: 'need:created', at });
    await recordActivity(database.db, {
      chatId: nowhere,
      metric: 'need:created',
      at: new Date('2026-12-31T12:00:00Z'),
    });
    const three = { '2027 kit:canicule': 3, '2027-01 kit:canicule': 3 };
    for (const scope of ['dep:69', 'insee:69383', `quartier:${quartiers[0]!.id}`, `chat:${lyon}`]) {
      expect(await rollupsOf(database.db, scope)).toEqual(three);
    }
    expect(await rollupsOf(database.db, 'dep:974')).toEqual({
      '2027 need:created': 1,
      '2027-01 need:created': 1,
    });
    expect(await rollupsOf(database.db, 'dep:none')).toEqual({
      '2026 need:created': 1,
      '2026-12 need:created': 1,
    });
  });

  it('counts nothing for a private chat, and never a person', async () => {
    const chat = await saveChatSeen(database.db, {
      platform: 'telegram',
      externalId: '42',
      kind: 'private',
      locale: 'fr',
    });
    await recordActivity(database.db, { chatId: chat.id, metric: 'need:created', at: new Date() });
    expect(await sql('SELECT * FROM activity_rollups')).toEqual([]);
  });
});

const event = (chat: string, person: string): InboundRecord => ({
  chat: { platform: 'telegram', externalId: chat, kind: 'group', locale: 'fr' },
  person: { externalId: person, displayName: `Voisin ${person}` },
  member: true,
  reachable: false,
});

describe('members marked active', () => {
  it('marks a member active once a day, with no statement for the events after', async () => {
    const handle = await startIdentityCache(database, (error) => {
      throw error;
    });
    try {
      const first = await recordInboundEvent(database.db, event('-1', '7'));
      const [marked] = await sql('SELECT last_active_at FROM chat_members');
      expect(marked!.last_active_at).not.toBeNull();
      // Until the cache hears its own ping it answers nothing: the next events read the
      // tables, and find the mark already there (nothing to write).
      const { texts } = await statementsOf(database.db, async () => {
        for (let i = 0; i < 3; i++) await recordInboundEvent(database.db, event('-1', '7'));
      });
      expect(texts.filter((t) => /INSERT|UPDATE/i.test(t))).toEqual([]);
      expect(await sql('SELECT last_active_at FROM chat_members')).toEqual([marked]);
      // Once the cache is trusted, a member's events cost no statement at all.
      let statements = Infinity;
      for (let tries = 0; tries < 100 && statements > 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const { texts: again } = await statementsOf(database.db, () =>
          recordInboundEvent(database.db, event('-1', '7')),
        );
        statements = again.length;
      }
      expect(statements).toBe(0);
      // A mark from yesterday: the next event renews it, once.
      await sql("UPDATE chat_members SET last_active_at = now() - interval '2 days'");
      handle.cache.forgetPerson(first.person.id);
      await recordInboundEvent(database.db, event('-1', '7'));
      const [renewed] = await sql(
        "SELECT last_active_at >= date_trunc('day', now(), 'UTC') AS today FROM chat_members",
      );
      expect(renewed).toEqual({ today: true });
    } finally {
      await handle.stop();
    }
  });

  it('does not make identity caches forget a member for a mark of activity', async () => {
    const person = await savePersonSeen(database.db, {
      platform: 'telegram',
      externalId: '8',
      displayName: 'Voisin',
    });
    const chat = await group('-1');
    await sql('INSERT INTO chat_members (chat_id, person_id) VALUES ($1, $2)', [chat, person.id]);
    const notices: string[] = [];
    const stop = await database.listen(
      'identity_changes',
      (p) => notices.push(p),
      () => undefined,
    );
    try {
      await sql('UPDATE chat_members SET last_active_at = now()');
      await sql('UPDATE chat_members SET left_at = now()');
      await new Promise((resolve) => setTimeout(resolve, 200));
      // 'p:<person>:<transaction>' (migration 0028): the departure only.
      expect(notices).toEqual([expect.stringMatching(new RegExp(`^p:${person.id}:\\d+$`))]);
    } finally {
      await stop();
    }
  });
});

describe('the state figures', () => {
  it("sets this year's groups, active neighbours, referents and watched neighbours", async () => {
    const a = await group('-1', {
      departement: '69',
      commune_insee: '69383',
      group_kind: 'immeuble',
    });
    const b = await group('-2', { departement: '69', commune_insee: '69381', group_kind: 'rue' });
    const c = await group('-3', { departement: '69', commune_insee: '69381' });
    const people = [];
    for (const id of ['1', '2', '3']) {
      people.push(
        await savePersonSeen(database.db, {
          platform: 'telegram',
          externalId: id,
          displayName: id,
        }),
      );
    }
    const [p1, p2, p3] = people.map((p) => p.id);
    // p1 is active in two groups of the département: one neighbour there.
    await sql(
      `INSERT INTO chat_members (chat_id, person_id, last_active_at) VALUES
        ($1, $4, '2027-03-01T10:00:00Z'), ($2, $4, '2027-03-02T10:00:00Z'),
        ($2, $5, '2027-06-01T10:00:00Z'), ($3, $6, '2026-12-31T23:30:00Z'),
        ($3, $5, '2026-12-31T22:30:00Z')`,
      [a, b, c, p1, p2, p3],
    );
    await sql(
      `INSERT INTO referents (chat_id, person_id, status) VALUES ($1, $2, 'active'), ($3, $4, 'pending')`,
      [a, p1, b, p2],
    );
    await sql(
      `INSERT INTO watched_neighbours (chat_id, referent_person_id, name, status, expires_on)
       VALUES ($1, $2, 'Mme A', 'active', '2027-09-30'), ($1, $2, 'M. B', 'active', '2027-01-31'),
              ($1, $2, 'M. C', 'removed', '2027-09-30')`,
      [a, p1],
    );
    await refreshStateFigures(database.db, new Date('2027-07-01T12:00:00Z'));
    expect(await rollupsOf(database.db, 'dep:69')).toEqual({
      '2027 groups:immeuble': 1,
      '2027 groups:rue': 1,
      '2027 groups:unset': 1,
      // p3's last use was at 00:30 on 1 January in Paris (2027 began at 23:00 UTC); p2's in c
      // was in 2026, but p2 was active in b.
      '2027 neighbours:active': 3,
      '2027 watch:referents': 1,
      '2027 watch:watched': 1,
    });
    expect(await rollupsOf(database.db, 'insee:69381')).toEqual({
      '2027 groups:rue': 1,
      '2027 groups:unset': 1,
      '2027 neighbours:active': 3,
    });
    // A group leaves: its figures fall, to 0 where nothing is left; 2026 is not touched.
    await sql("INSERT INTO activity_rollups VALUES ('dep:69', '2026', 'groups:rue', 4)");
    await sql('UPDATE chats SET active = false WHERE id = $1', [b]);
    await refreshStateFigures(database.db, new Date('2027-07-01T13:00:00Z'));
    const figures = await readRollups(database.db, {
      scopes: ['dep:69', 'insee:69381'],
      periods: ['2026', '2027'],
      metricPrefix: 'groups:',
    });
    expect(figures).toEqual([
      { scope: 'dep:69', period: '2026', metric: 'groups:rue', value: 4 },
      { scope: 'dep:69', period: '2027', metric: 'groups:immeuble', value: 1 },
      { scope: 'dep:69', period: '2027', metric: 'groups:rue', value: 0 },
      { scope: 'dep:69', period: '2027', metric: 'groups:unset', value: 1 },
      { scope: 'insee:69381', period: '2027', metric: 'groups:rue', value: 0 },
      { scope: 'insee:69381', period: '2027', metric: 'groups:unset', value: 1 },
    ]);
  });
});

describe('refreshCommuneFigures', () => {
  it("sets some communes' figures and their départements' as the hourly refresh would, and nothing else", async () => {
    const a = await group('-1', { departement: '69', commune_insee: '69381', group_kind: 'rue' });
    await group('-2', { departement: '69', commune_insee: '69381' });
    await group('-3', { departement: '69', commune_insee: '69383', group_kind: 'rue' });
    await group('-4', { departement: '13', commune_insee: '13055', group_kind: 'rue' });
    // A commune its last group left still had a figure: it falls to 0.
    await sql("INSERT INTO activity_rollups VALUES ('insee:69029', '2027', 'groups:rue', 2)");
    const person = await savePersonSeen(database.db, {
      platform: 'telegram',
      externalId: '1',
      displayName: '1',
    });
    await sql(
      `INSERT INTO chat_members (chat_id, person_id, last_active_at) VALUES ($1, $2, '2027-03-01T10:00:00Z')`,
      [a, person.id],
    );
    const now = new Date('2027-07-01T12:00:00Z');
    await refreshCommuneFigures(database.db, now, ['69381', '69029']);
    const commune = {
      '2027 groups:rue': 1,
      '2027 groups:unset': 1,
      '2027 neighbours:active': 1,
    };
    expect(await rollupsOf(database.db, 'insee:69381')).toEqual(commune);
    expect(await readRollups(database.db, { scopes: ['insee:69029'], periods: ['2027'] })).toEqual([
      { scope: 'insee:69029', period: '2027', metric: 'groups:rue', value: 0 },
    ]);
    // Only these communes, not another one; and their département, from all its groups, so
    // that the national page says what the city's says.
    expect(await rollupsOf(database.db, 'insee:69383')).toEqual({});
    const departement = {
      '2027 groups:rue': 2,
      '2027 groups:unset': 1,
      '2027 neighbours:active': 1,
    };
    expect(await rollupsOf(database.db, 'dep:69')).toEqual(departement);
    expect(await rollupsOf(database.db, 'dep:13')).toEqual({});
    // The hourly refresh finds the same.
    await refreshStateFigures(database.db, now);
    expect(await rollupsOf(database.db, 'insee:69381')).toEqual(commune);
    expect(await rollupsOf(database.db, 'dep:69')).toEqual(departement);
  });
});

describe('the console reads', () => {
  it("lists a city's groups named to it through their own small index", async () => {
    // A big commune has thousands of groups and a few named to its city: the page must not
    // visit each group (64 ms a view at national scale before chats_visible_to_city).
    const named = await group('-10', {
      commune_insee: '69383',
      name: 'Immeuble des Lilas',
      visible_to_city: true,
    });
    await group('-11', { commune_insee: '69383', name: 'Rue Garibaldi' });
    await group('-12', {
      commune_insee: '69383',
      name: 'Ancien groupe',
      visible_to_city: true,
      active: false,
    });
    await group('-13', { commune_insee: '69381', name: 'Ailleurs', visible_to_city: true });
    const { texts, result } = await statementsOf(database.db, () =>
      findGroupsVisibleToCity(database.db, ['69383']),
    );
    expect(result).toEqual([{ id: named, name: 'Immeuble des Lilas', groupKind: null }]);
    expect(texts).toHaveLength(1);
    const plan = await database.db.transaction(async (tx) => {
      // The planner prefers a sequential scan of a table this small: that choice is taken
      // from it here.
      await queryStatement(tx, 'SET LOCAL enable_seqscan = off', []);
      return queryStatement<Record<string, string>>(tx, `EXPLAIN (COSTS OFF) ${texts[0]}`, [
        '69383',
      ]);
    });
    expect(plan.map((row) => Object.values(row)[0]).join('\n')).toMatch(
      /Index Scan using chats_visible_to_city|Bitmap Index Scan on chats_visible_to_city/,
    );
  });

  it("reads a city's scopes, and every département's year", async () => {
    const lyon = await createPartner(database.db, {
      name: 'Lyon',
      communes: ['69383', '69381'],
      quartiers: ['Part-Dieu', 'Croix-Rousse'],
    });
    const scopes = await findPartnerScopes(database.db, lyon);
    expect(scopes.communes).toEqual([
      { scope: 'insee:69381', insee: '69381' },
      { scope: 'insee:69383', insee: '69383' },
    ]);
    expect(scopes.quartiers.map((q) => [q.scope.startsWith('quartier:'), q.name])).toEqual([
      [true, 'Croix-Rousse'],
      [true, 'Part-Dieu'],
    ]);
    const chats = [
      await group('-1', { departement: '69', commune_insee: '69383' }),
      await group('-2', { departement: '2A', commune_insee: '2A004' }),
      await group('-3', { departement: '971', commune_insee: '97105' }),
    ];
    for (const chatId of chats) {
      await recordActivity(database.db, {
        chatId,
        metric: 'need:created',
        at: new Date('2027-02-01T12:00:00Z'),
      });
    }
    await recordActivity(database.db, {
      chatId: chats[0]!,
      metric: 'kit:canicule',
      at: new Date('2027-07-01T12:00:00Z'),
    });
    const national = await readDepartementYear(database.db, '2027', [
      'need:created',
      'kit:canicule',
    ]);
    expect(national).toEqual([
      { scope: 'dep:2A', period: '2027', metric: 'need:created', value: 1 },
      { scope: 'dep:69', period: '2027', metric: 'kit:canicule', value: 1 },
      { scope: 'dep:69', period: '2027', metric: 'need:created', value: 1 },
      { scope: 'dep:971', period: '2027', metric: 'need:created', value: 1 },
    ]);
    const city = await readRollups(database.db, {
      scopes: scopes.communes.map((c) => c.scope),
      periods: ['2027-02', '2027-07'],
    });
    expect(city.map((r) => `${r.scope} ${r.period} ${r.metric} ${r.value}`)).toEqual([
      'insee:69383 2027-02 need:created 1',
      'insee:69383 2027-07 kit:canicule 1',
    ]);
    expect(await readRollups(database.db, { scopes: [], periods: ['2027'] })).toEqual([]);
  });
});

describe('the backfill of migration 0017', () => {
  it('counts what the rows already there say happened', async () => {
    const chat = await group('-1', { departement: '69', commune_insee: '69383' });
    const people = [];
    for (const id of ['1', '2']) {
      people.push(
        await savePersonSeen(database.db, {
          platform: 'telegram',
          externalId: id,
          displayName: id,
        }),
      );
    }
    const [p1, p2] = people.map((p) => p.id);
    await sql(
      `INSERT INTO kit_deliveries (kit_id, chat_id, month, count) VALUES ('canicule', $1, '2026-07', 3)`,
      [chat],
    );
    const [past] = await sql(
      `INSERT INTO gatherings (chat_id, kind, year, status, date) VALUES
        ($1, 'fete', 2026, 'scheduled', '2026-05-29') RETURNING id`,
      [chat],
    );
    const [coming] = await sql(
      `INSERT INTO gatherings (chat_id, kind, year, status, date) VALUES
        ($1, 'other', 2099, 'scheduled', '2099-05-29') RETURNING id`,
      [chat],
    );
    await sql(
      `INSERT INTO gathering_rsvps (gathering_id, person_id, answer, updated_at) VALUES
        ($1, $2, 'yes', '2026-05-20T10:00:00Z'), ($1, $3, 'no', '2026-05-20T10:00:00Z')`,
      [past!.id, p1, p2],
    );
    await sql(
      `INSERT INTO help_requests
         (chat_id, requester_id, category, description, status, created_at, done_at, expires_at)
       VALUES
         ($1, $2, 'courses', 'x', 'done', '2026-06-01T10:00Z', '2026-06-03T10:00Z', '2026-06-08T10:00Z'),
         ($1, $2, 'courses', 'x', 'draft', '2026-06-01T10:00Z', NULL, '2026-06-08T10:00Z')`,
      [chat, p1],
    );
    const [watched] = await sql(
      `INSERT INTO watched_neighbours (chat_id, referent_person_id, name, status, expires_on)
       VALUES ($1, $2, 'Mme A', 'active', '2026-09-30') RETURNING id`,
      [chat, p1],
    );
    await sql(
      `INSERT INTO check_ins (watched_id, chat_id, hazard, round, sent_at, outcome, step, answered_at)
       VALUES ($1, $2, 'heat', 'r1', '2026-07-20T08:00:00Z', 'ok', 0, '2026-07-20T09:00:00Z'),
              ($1, $2, 'heat', 'r2', '2026-07-20T12:00:00Z', 'ok', 2, '2026-07-20T17:00:00Z')`,
      [watched!.id, chat],
    );
    const statements = readFileSync(
      `${migrationsFolder}/0017_backfill_activity_rollups.sql`,
      'utf8',
    ).split('--> statement-breakpoint');
    for (const statement of statements) await sql(statement);
    const year = await readRollups(database.db, { scopes: ['insee:69383'], periods: ['2026'] });
    expect(Object.fromEntries(year.map((r) => [r.metric, r.value]))).toEqual({
      'gathering:held:fete': 1,
      'gathering:rsvp': 1,
      'kit:canicule': 3,
      'need:created': 1,
      'service:courses': 1,
      'watch:answered': 2,
      'watch:answered_2h': 1,
      'watch:escalation:1': 1,
      'watch:escalation:2': 1,
      'watch:round': 2,
    });
    expect(await rollupsOf(database.db, 'dep:69', 'kit:')).toEqual({
      '2026 kit:canicule': 3,
      '2026-07 kit:canicule': 3,
    });
    // The gathering still to come will count once its day is over.
    expect(
      await sql(
        "SELECT kind, dedupe_key, to_char(run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS run_at FROM jobs",
      ),
    ).toEqual([
      {
        kind: 'countHeldGathering',
        dedupe_key: `gathering:${coming!.id}:reminder:held:2099-05-29`,
        run_at: '2099-05-29 22:00',
      },
    ]);
  });
});
