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
// before it. Levels without a fixture hold no data of their own (`noDataOfTheirOwn` below says
// why for each) and share the previous level's fixture: every jump that starts before them
// migrates through them.
// A new migration that adds or changes data people have (a table, a column) needs
// tests/fixtures/migrations/NNNN.sql (rows as the bot of that level wrote them, valid right
// after migration NNNN) and an entry NNNN in `checks` below saying what a person still sees
// after the upgrade; one that adds none (a trigger, an index) an entry in `noDataOfTheirOwn`.
// A check that moves the bot's clock days ahead (a job due later) puts that part in
// `checksLater`, run after every level's check: the others read the console (whose sessions
// go idle) and the jobs at NOW.
// The first two tests fail when any of these is missing, or when a migration listed there creates
// a table or adds a column.
//
// Runs on PGlite and, with TEST_DATABASE_URL, on the server: one database per run of the
// file, emptied (its schemas dropped) before each level.
import { readdirSync, readFileSync, writeFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactionRollbackError } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { findChatById } from '../../db/queries/chats.ts';
import { readCityRollups, readRollups } from '../../db/queries/console-figures.ts';
import { claimDueJobs } from '../../db/queries/jobs.ts';
import { findHelpRequest } from '../../db/queries/mutual-aid.ts';
import { migrateDatabase, migrationsFolder } from '../../db/migrate.ts';
import { uploadedBytes } from '../fakes/telegram-bot-api.ts';
import {
  messageUpdate,
  startTelegramHarness,
  type TelegramHarness,
} from '../support/telegram-harness.ts';
import { createCityProgrammeFeature } from '../../handlers/city-programme/index.ts';
import { changeLocalEventAnnounced } from '../../handlers/city-programme/schedule.ts';
import { describeSettings } from '../../handlers/groups/settings.ts';
import { describeWhen, needLanguage } from '../../handlers/mutual-aid/requests.ts';
import { toNumberedAnswer } from '../../handlers/numbered-choices.ts';
import { createTestDatabase, serverUrl, type TestDatabase } from '../support/test-database.ts';
import { createTestClock, type TestClock } from '../support/test-deps.ts';

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
/** Bruno's console session (an agent of the Ville de Lyon), from fixture 0022. */
const AGENT_SESSION = 'upgrade-agent-token';
/** Bruno's WhatsApp id (the numbered menus of fixtures 0010 and 0011). */
const BRUNO_WA = '33622222222@c.us';
const NOW = '2027-01-15T10:00:00Z';

/** The upgraded database with the bot running on it, as the checks see it. */
interface Upgraded {
  harness: TelegramHarness;
  /** The bot's clock, at NOW until a later check moves it (checksLater). */
  clock: TestClock;
  /** Zoé's and Bruno's /mesdonnees JSON files. */
  exportOf(person: 'zoe' | 'bruno'): Promise<string>;
  /** A console page or file, with Zoé's session of fixture 0014 unless another is given. */
  consoleGet(path: string, session?: string): Promise<string>;
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
    const stops = u.harness.fake.calls.filter(
      (c) => c.method === 'stopPoll' && String(c.params.message_id) === '77',
    );
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
  // 0006 (triggers): nothing of its own, see noDataOfTheirOwn.
  async '0008'(u) {
    // Rue Verte's poll, posted before the group became a supergroup, is stopped in the old
    // group (the chat the poll names), and its date is announced in the supergroup.
    await u.harness.app.jobs.runDueJobs();
    await u.harness.app.settle();
    const stops = u.harness.fake.calls.filter(
      (c) => c.method === 'stopPoll' && String(c.params.message_id) === '12',
    );
    expect(stops.map((c) => String(c.params.chat_id))).toEqual(['-555']);
    const group = u.harness.fake
      .successfulCalls('sendMessage')
      .filter((c) => String(c.params.chat_id) === '-1000000000555')
      .map((c) => String(c.params.text));
    expect(group.join('\n')).toMatch(/Vide-grenier[^]*6 février/);
    expect(await u.exportOf('bruno')).toContain('Rue Verte');
  },
  async '0010'(u) {
    // The WhatsApp group's settings, as /parametres words them there.
    const chat = await findChatById(u.harness.app.deps.db, 4);
    const settings = await describeSettings(
      u.harness.app.deps.db,
      u.harness.app.deps.i18n.t('fr'),
      chat!,
    );
    expect(settings).toMatch(/Écoute de la détresse dans tous les messages \(WhatsApp\)\s?: oui/);
    // The menu in hand before 0011 (one per chat) still answers its numbers, from 1.
    expect(await numberedReply(u, '2', 'anyone@c.us')).toEqual({
      kind: 'choice',
      data: 'kits:open:grand-froid',
      messageId: 'true_120363000000000001@g.us_3EB0AAAA',
    });
  },
  async '0011'(u) {
    // The second menu, numbered after the first, is Bruno's alone and closes once answered.
    expect(await numberedReply(u, '5', 'anyone@c.us')).toEqual({ kind: 'not_yours' });
    expect(await numberedReply(u, '5', BRUNO_WA)).toMatchObject({
      kind: 'choice',
      data: 'watch:referent:refuse:1',
      messageId: 'true_120363000000000001@g.us_3EB0BBBB',
      closes: expect.any(Number) as number,
    });
    // Menus stored before every list started at 1 keep their numbers; side by side, they
    // are said as one range.
    expect(await numberedReply(u, '6', BRUNO_WA)).toEqual({
      kind: 'out_of_range',
      ranges: [{ from: 1, to: 5 }],
    });
  },
  async '0012'(u) {
    // The need over a week is told as a period; the étagère of 0003 as a need with no date.
    const t = u.harness.app.deps.i18n.t('fr');
    const week = await findHelpRequest(u.harness.app.deps.db, 3);
    expect(describeWhen(week!, 'fr', t)).toBe(
      'du mercredi 20 janvier 2027 au mercredi 27 janvier 2027',
    );
    const shelf = await findHelpRequest(u.harness.app.deps.db, 2);
    expect(shelf?.neededUntil).toBeNull();
    const bruno = await u.exportOf('bruno');
    expect(bruno).toContain('Arroser mes plantes pendant les vacances');
    expect(bruno).toContain('"neededUntil": "2027-01-27"');
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
    // The city reads its copy by period (migration 0026 fills it from the rows already
    // there, its triggers after): the same figures as activity_rollups, from every level.
    const query = {
      scopes: ['insee:69383', 'quartier:1'],
      periods: ['2026', '2027', '2026-07', '2026-12', '2027-01'],
    };
    const figures = await readRollups(u.harness.app.deps.db, query);
    expect(figures.length).toBeGreaterThan(0);
    expect(await readCityRollups(u.harness.app.deps.db, query)).toEqual(figures);
  },
  // 0015 (a trigger), 0016 (an index): nothing of their own, see noDataOfTheirOwn.
  async '0017'(u) {
    const kits = await u.consoleGet('/console/villes/1/export/kits.csv?annee=2026');
    expect(kits).toContain('\r\nNoël des voisins;0;0;0;0;0;0;0;0;0;0;0;5;5;0\r\n');
    expect(await u.exportOf('zoe')).toContain('"lastActiveAt": "2027-01-10T18:00:00.000Z"');
  },
  // 0018 (a trigger), 0019 (an index): nothing of their own, see noDataOfTheirOwn.
  async '0020'(u) {
    // Zoé's export lists the three requests she filed; Bruno's the one about him.
    const zoe = JSON.parse(await u.exportOf('zoe')) as {
      heatColdWatch: { registryRequests: { filedByThem: unknown[] } };
    };
    expect(zoe.heatColdWatch.registryRequests.filedByThem).toEqual([
      {
        name: 'Mme Dupont',
        status: 'open',
        createdAt: '2027-01-05T09:00:00.000Z',
        handledAt: null,
      },
      {
        name: 'Bruno',
        status: 'handled',
        createdAt: '2027-01-06T09:30:00.000Z',
        handledAt: '2027-01-08T14:00:00.000Z',
      },
      {
        name: 'M. Petit',
        status: 'awaiting_consent',
        createdAt: '2027-01-14T17:00:00.000Z',
        handledAt: null,
      },
    ]);
    expect(JSON.parse(await u.exportOf('bruno'))).toMatchObject({
      heatColdWatch: {
        registryRequests: {
          aboutThem: [{ status: 'handled', address: '14 rue des Lilas, 69003 Lyon' }],
        },
      },
    });
    // The CCAS page: its number, how to register, the requests with consent (not M. Petit's).
    const ccas = await u.consoleGet('/console/villes/1/ccas');
    for (const text of [
      'value="04\u00a072\u00a010\u00a000\u00a000"',
      'Appelez le CCAS ou passez au 18 rue Garibaldi, du lundi au vendredi.',
      'Mme Dupont',
      'Sa fille Claire, 06 12 34 56 78',
      'Au 06 98 76 54 32',
    ]) {
      expect(ccas).toContain(text);
    }
    expect(ccas).not.toContain('M. Petit');
    // The programme: the city's lines and its local event; the label page: Montchat is
    // heat-exposed, Villette is not.
    const programme = await u.consoleGet('/console/villes/1/programme');
    for (const text of [
      'La mairie prête tables et chaises.',
      'Vin chaud offert place Bir-Hakeim.',
      'Troc de plantes au parc Chambovet',
    ]) {
      expect(programme).toContain(text);
    }
    const label = await u.consoleGet('/console/villes/1/label');
    expect(heatExposed(label)).toEqual({ Montchat: true, Villette: false });
  },
  async '0021'(u) {
    // The galette's date (0002), announced once its poll is closed, is repeated in Arabic.
    await u.harness.app.jobs.runDueJobs();
    await u.harness.app.settle();
    const group = u.harness.fake
      .successfulCalls('sendMessage')
      .filter((c) => String(c.params.chat_id) === '-1001')
      .map((c) => String(c.params.text));
    expect(group.join('\n')).toMatch(/Galette des rois[^]*23 janvier[^]*السبت، 23 يناير 2027/);
    expect(await u.groupSettings()).toMatch(
      /Deuxième langue \(messages clés répétés brièvement\)\s?: العربية/,
    );
  },
  async '0022'(u) {
    expect(await u.groupSettings()).toMatch(/Messages de la mairie\s?: oui/);
    expect(JSON.parse(await u.exportOf('bruno'))).toMatchObject({
      cityMessages: {
        written: [
          { partner: 'Ville de Lyon', at: '2027-01-10T07:59:00.000Z', status: 'sent' },
          { partner: 'Ville de Lyon', at: '2027-01-14T16:00:00.000Z', status: 'scheduled' },
        ],
      },
    });
    // Bruno's console: both messages, and the sent one's report.
    const list = (await u.consoleGet('/console/villes/1/messages', AGENT_SESSION)).replace(
      /\s+/g,
      ' ',
    );
    expect(list).toContain(
      'Plan grand froid : la salle Montchat est ouverte la nuit.</a> — programmé, mercredi 20 janvier 2027 à 8 h',
    );
    expect(list).toContain(
      'Coupure d&#39;eau rue des Lilas le 12 janvier, de 9 h à 12 h.</a> — envoyé, dimanche 10 janvier 2027 à 9 h',
    );
    const sent = await u.consoleGet('/console/villes/1/messages/1', AGENT_SESSION);
    const telegram = /<tr data-platform="telegram">[^]*?<\/tr>/.exec(sent)?.[0] ?? '';
    expect(telegram).toContain('<td class="num" data-status="sent">1</td>');
    expect(telegram).toContain('<td class="num" data-status="opted_out">1</td>');
    expect(sent).not.toContain('<blockquote lang="en">');
    const scheduled = await u.consoleGet('/console/villes/1/messages/2', AGENT_SESSION);
    for (const text of [
      'Programmé pour le mercredi 20 janvier 2027 à 8 h.',
      '<blockquote lang="en"><p>Cold weather plan: the Montchat hall is open at night.</p></blockquote>',
      'salle-montchat.pdf',
    ]) {
      expect(scheduled).toContain(text);
    }
  },
  async '0023'(u) {
    // The toy collection's announcement, pending at the upgrade, goes out once to Les Lilas;
    // the bike workshop's, sent before, is not sent again.
    await u.harness.app.jobs.runDueJobs();
    await u.harness.app.settle();
    const toLilas = (title: string) =>
      u.harness.fake
        .successfulCalls('sendMessage')
        .filter(
          (c) => String(c.params.chat_id) === '-1001' && String(c.params.text).includes(title),
        );
    expect(toLilas('Collecte de jouets à la mairie du 3e')).toHaveLength(1);
    expect(toLilas('Atelier vélo place Ambroise-Courtois')).toEqual([]);
    // The programme page counts both as told to one group.
    const programme = await u.consoleGet('/console/villes/1/programme');
    for (const id of [2, 3]) {
      const event = new RegExp(`<li id="event-${id}">[^]*?</li>`).exec(programme)?.[0] ?? '';
      expect(event).toMatch(/Groupes prévenus\s?: 1\b/);
    }
    // What Les Lilas was told of the bike workshop is taken as its form of then (migration
    // 0026): new details alone tell it nothing again; a new place is told as just that.
    const change = (place: string | null) =>
      changeLocalEventAnnounced(
        u.harness.app.deps.db,
        1,
        2,
        {
          date: '2027-01-17',
          title: 'Atelier vélo place Ambroise-Courtois',
          place,
          description: 'Venez avec votre vélo.',
        },
        u.clock.now(),
      );
    expect(await change(null)).toMatchObject({ change: 'minor' });
    expect(await change('Place Ambroise-Courtois')).toMatchObject({ change: ['place'] });
    // Its round, due at 10:30, run now (the console's sessions would go idle by then).
    const round = createCityProgrammeFeature().jobs!.find((j) => j.kind === 'localEventRound')!;
    await round.run(
      { eventId: 2, revision: 3 },
      { deps: u.harness.app.deps, now: u.clock.now(), jobId: 0, attempt: 1, workerId: 'check' },
    );
    await u.harness.app.jobs.runDueJobs();
    await u.harness.app.settle();
    const moved = toLilas('Atelier vélo place Ambroise-Courtois');
    expect(moved).toHaveLength(1);
    expect(String(moved[0]!.params.text)).toContain('Ce qui change\u202f: nouveau lieu</b>');
  },
  async '0024'(u) {
    // Zoé's message, scheduled before the upgrade, is listed as scheduled.
    const list = (await u.consoleGet('/console/villes/1/messages', AGENT_SESSION)).replace(
      /\s+/g,
      ' ',
    );
    expect(list).toContain(
      'Ramassage des sapins de Noël samedi 16 janvier, place du marché.</a> — programmé, vendredi 15 janvier 2027 à 11 h 30',
    );
    // At 11:05 both its plan (due 10:30, ordinary) and the ladder's reminder of fixture 0023
    // (due 11:00, a watch kind marked urgent by 0024) are due: the reminder is claimed first.
    // (Jobs of later fixtures due meanwhile come after it too.) The claim is rolled back, the
    // bot's clock left alone.
    const order = await claimOrderAt(u, '2027-01-15T11:05:00Z');
    expect(order[0]).toBe('watch:ladder:1:1');
    expect(order.slice(1)).toContain('city:plan:3');
    // The waiting plan of fixture 0022's urgent message is planned ahead too; the ordinary one's
    // is not.
    const plans = await queryRows<{ dedupe_key: string; urgent: boolean }>(
      u.harness.app.deps.db,
      `SELECT dedupe_key, urgent FROM jobs WHERE kind = 'cityMessagePlan' AND status = 'pending'
       ORDER BY dedupe_key`,
    );
    expect(plans).toEqual([
      { dedupe_key: 'city:plan:2', urgent: true },
      { dedupe_key: 'city:plan:3', urgent: false },
    ]);
  },
  async '0025'(u) {
    // Les Lilas's one more try, due at 10:00:45, gets no answer either: with the unsure send
    // counted before the upgrade, it is not tried a third time, and the report says why. (The
    // clock moves 50 seconds: the console's sessions hold.)
    u.harness.fake.dropAnswerNext('sendMessage', 1);
    u.clock.set('2027-01-15T10:00:50Z');
    await u.harness.app.jobs.runDueJobs();
    await u.harness.app.settle();
    const text = 'La mairie du 3e est fermée cet après-midi : un dégât des eaux.';
    const toLilas = u.harness.fake.calls.filter(
      (c) =>
        c.method === 'sendMessage' &&
        String(c.params.chat_id) === '-1001' &&
        String(c.params.text).includes(text),
    );
    expect(toLilas).toHaveLength(1);
    const report = await u.consoleGet('/console/villes/1/messages/4', AGENT_SESSION);
    const telegram = /<tr data-platform="telegram">[^]*?<\/tr>/.exec(report)?.[0] ?? '';
    expect(telegram).toContain('<td class="num" data-status="failed">1</td>');
    expect(telegram).toContain('<td class="num" data-status="opted_out">1</td>');
    expect(report).toMatch(
      /pas de réponse de la plateforme, deux fois\s?: le message est peut-être arrivé/,
    );
  },
  async '0026'(u) {
    // The choir evening's change, waiting at the upgrade, is told once to Les Lilas against
    // what it was told; the compost workshop's cancellation goes out once.
    for (let round = 0; round < 2; round++) {
      await u.harness.app.jobs.runDueJobs();
      await u.harness.app.settle();
    }
    const toLilas = (title: string) =>
      u.harness.fake
        .successfulCalls('sendMessage')
        .map((c) => ({ chat: String(c.params.chat_id), text: String(c.params.text) }))
        .filter((c) => c.chat === '-1001' && c.text.includes(title))
        .map((c) => c.text);
    const change = toLilas('Chorale de quartier');
    expect(change).toHaveLength(1);
    expect(change[0]).toContain('Ce qui change\u202f: nouvel horaire, nouveau lieu');
    expect(change[0]).toContain('mercredi 20 janvier 2027 à 19 h');
    expect(change[0]).toContain('Annoncé avant\u202f: 18 h · Salle Victor-Hugo');
    const cancelled = toLilas('Atelier compost');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toContain("Cet événement n'aura pas lieu.");
    const programme = (await u.consoleGet('/console/villes/1/programme')).replace(/\s+/g, ' ');
    const event = (id: number) => new RegExp(`<li id="event-${id}">.*?</li>`).exec(programme)?.[0];
    expect(event(4)).toMatch(/Changement envoyé aux groupes prévenus\s?: 1/);
    expect(event(5)).toMatch(/Annulé.*Annulation envoyée aux groupes prévenus\s?: 1/);
  },
  async '0027'(u) {
    // Counted after the copy by period existed: on the city's page and in its exports.
    const kits = await u.consoleGet('/console/villes/1/export/kits.csv?annee=2027');
    expect(kits).toContain('\r\nGalette des voisins;6;0;0;0;0;0;0;0;0;0;0;0;6;0\r\n');
  },
  async '0029'(u) {
    // The repair café's new hour, whose send got no answer before the upgrade, went once
    // more (with the bot's first jobs), once, against what Les Lilas had been told; counted.
    const toLilas = u.harness.fake
      .successfulCalls('sendMessage')
      .map((c) => ({ chat: String(c.params.chat_id), text: String(c.params.text) }))
      .filter((c) => c.chat === '-1001' && c.text.includes('Repair café'))
      .map((c) => c.text);
    expect(toLilas).toHaveLength(1);
    expect(toLilas[0]).toContain('jeudi 21 janvier 2027 à 16 h');
    expect(toLilas[0]).toContain('Annoncé avant\u202f: 15 h');
    const [row] = await queryRows<{ status: string; unsure_sends: number }>(
      u.harness.app.deps.db,
      `SELECT status, unsure_sends FROM local_event_announcements WHERE id = 8`,
    );
    expect(row).toEqual({ status: 'sent', unsure_sends: 1 });
    // Two rounds this morning (9:00 and 10:20 Paris): a third change waits until four hours
    // after the first, 13:00 Paris, not half an hour.
    expect(
      await changeLocalEventAnnounced(
        u.harness.app.deps.db,
        1,
        6,
        {
          date: '2027-01-21',
          title: 'Repair café',
          time: '17:00',
          place: 'Maison des associations',
        },
        u.clock.now(),
      ),
    ).toMatchObject({ change: ['time'], at: new Date('2027-01-15T12:00:00Z') });
  },
  async '0030'(u) {
    // The need asked in Portuguese keeps its language (its later messages speak it), and
    // Bruno's file says so.
    const need = await findHelpRequest(u.harness.app.deps.db, 4);
    expect(needLanguage(u.harness.app.deps, need!)).toBe('pt');
    const bruno = await u.exportOf('bruno');
    expect(bruno).toContain('Preciso de ajuda para levar as compras');
    expect(bruno).toContain('"locale": "pt"');
  },
};

/**
 * The parts of a level's check that move the bot's clock (a job due days after the upgrade):
 * they run after every level's check, which reads the console and the jobs at NOW.
 */
const checksLater: Record<string, (u: Upgraded) => Promise<void>> = {
  async '0022'(u) {
    // The message scheduled before the upgrade goes out at its time to Les Lilas (Montchat),
    // not to Rue Verte (which turned the city's messages off).
    u.clock.set('2027-01-20T07:00:05Z');
    for (let round = 0; round < 3; round++) {
      await u.harness.app.jobs.runDueJobs();
      await u.harness.app.settle();
    }
    // With its PDF, the message is the document's caption.
    const documentsTo = (id: string) =>
      u.harness.fake
        .successfulCalls('sendDocument')
        .filter((c) => String(c.params.chat_id) === id)
        .map((c) => String(c.params.caption));
    expect(documentsTo('-1001')).toEqual([
      expect.stringContaining('Plan grand froid : la salle Montchat est ouverte la nuit.'),
    ]);
    expect(documentsTo('-1000000000555')).toEqual([]);
  },
};

/**
 * Migrations that hold no data of their own: a database that stopped at one of them holds the
 * rows of the fixture before it, so it shares that fixture (and its check).
 */
const noDataOfTheirOwn: Record<string, string> = {
  '0006': 'triggers announcing identity changes (fixture 0005)',
  '0015': 'a trigger narrowed to changes the identity cache keeps (fixture 0014)',
  '0016': 'an index on département rollups (fixture 0014)',
  '0018': 'triggers announcing partner changes (fixture 0017)',
  '0019': 'an index on the groups a city sees (fixture 0017)',
  '0028': 'identity announcements name their transaction (fixture 0027)',
};

/**
 * The dedupe keys of the jobs a worker would claim at `at`, in the order it starts them; the
 * claim is rolled back (the jobs stay pending for the bot).
 */
async function claimOrderAt(u: Upgraded, at: string): Promise<string[]> {
  let keys: string[] = [];
  try {
    await u.harness.app.deps.db.transaction(async (tx) => {
      keys = (await claimDueJobs(tx, 'upgrade-check', new Date(at), 60, 10)).map(
        (j) => j.dedupeKey,
      );
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return keys;
}

/** A numbered reply in the WhatsApp group of fixture 0010, as the router reads it. */
function numberedReply(u: Upgraded, text: string, sender: string) {
  return toNumberedAnswer(u.harness.app.deps, { id: 4, kind: 'group' }, text, [sender]);
}

/** The label page's heat-exposed boxes (ticked or not), by quartier name. */
function heatExposed(page: string): Record<string, boolean> {
  const boxes = page.matchAll(/<input([^>]*name="quartier"[^>]*)\/><label[^>]*>([^<]+)<\/label>/g);
  return Object.fromEntries([...boxes].map((b) => [b[2]!, /\bchecked\b/.test(b[1]!)]));
}

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
  for (const level of Object.keys(checksLater)) expect(fixtureLevels).toContain(level);
  const levels = journal.entries.map((e) => levelOf(e.tag));
  for (const level of fixtureLevels) expect(levels).toContain(level);
});

it('has a fixture for every migration that adds tables or columns, and says why for the others', () => {
  for (const { tag } of journal.entries) {
    const level = levelOf(tag);
    const hasFixture = fixtureLevels.includes(level);
    expect(
      hasFixture !== level in noDataOfTheirOwn,
      `${tag}: a fixture, or a reason why none`,
    ).toBe(true);
    if (!hasFixture) {
      const sql = readFileSync(join(migrationsFolder, `${tag}.sql`), 'utf8');
      expect(sql, `${tag} adds data: it needs a fixture`).not.toMatch(
        /\bCREATE\s+TABLE\b|\bADD\s+COLUMN\b|\bALTER\s+COLUMN\b/i,
      );
    }
  }
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

      const clock = createTestClock(NOW);
      const harness = await startTelegramHarness(database, {
        webhook: true,
        clock,
        env: { WEB_URL: 'http://127.0.0.1' },
      });
      try {
        const exports = new Map<string, Promise<string>>();
        let settings: Promise<string> | undefined;
        const upgraded: Upgraded = {
          harness,
          clock,
          exportOf(person) {
            const who = person === 'zoe' ? zoe : bruno;
            if (!exports.has(person)) exports.set(person, exportOf(harness, who));
            return exports.get(person)!;
          },
          groupSettings() {
            settings ??= settingsOf(harness);
            return settings;
          },
          async consoleGet(path, session = SESSION) {
            const answer = await fetch(`http://127.0.0.1:${harness.app.http!.port}${path}`, {
              headers: { cookie: `vs_console=${session}` },
            });
            expect(answer.status, path).toBe(200);
            return answer.text();
          },
        };
        for (const level of applied) await checks[level]!(upgraded);
        for (const level of applied) await checksLater[level]?.(upgraded);
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
