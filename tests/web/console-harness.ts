// The console over a test database, mounted in the bot's real HTTP server on port 0, with
// helpers to make people, partners and rollups, and to log in through a one-time link.
import { sql } from 'drizzle-orm';
import { startHttpServer, type HttpServer } from '../../bot/http-server.ts';
import { previewPlatforms } from '../../bot/preview-platforms.ts';
import { createLoginToken } from '../../db/queries/console-access.ts';
import { createPartner } from '../../db/queries/partners.ts';
import { chats, partnerStaff, people, personIdentities } from '../../db/schema.ts';
import { createI18n } from '../../handlers/i18n.ts';
import { defaultServiceValues } from '../../handlers/mutual-aid/categories.ts';
import { createConsoleApp, type ConsoleOptions } from '../../web/create-console.ts';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { runningOne } from '../support/use-harness.ts';
import { createTestDatabase, resetDatabase, type TestDatabase } from '../support/test-database.ts';
import { createMemoryLogger, createTestClock, type TestClock } from '../support/test-deps.ts';

export const ADMIN = 'telegram:1000';

/** The console tests' clock at the start of each test. */
const START = '2026-11-26T09:00:00Z';

export interface ConsoleHarness {
  database: TestDatabase;
  clock: TestClock;
  http: HttpServer;
  base: string;
  close(): Promise<void>;
}

export async function startConsoleHarness(
  extra: (database: TestDatabase, clock: TestClock) => Promise<Partial<ConsoleOptions>> = () =>
    Promise.resolve({}),
): Promise<ConsoleHarness> {
  const database = await createTestDatabase();
  const clock = createTestClock(START);
  const logger = createMemoryLogger();
  const more = await extra(database, clock);
  const console = createConsoleApp({
    db: database.db,
    i18n: await createI18n(),
    clock,
    logger,
    botAdmins: [ADMIN],
    helpServiceValues: defaultServiceValues,
    publicUrl: 'http://127.0.0.1',
    inviteLinks: (code) => [
      { platform: 'Telegram', url: `https://t.me/voisins_bot?start=staff-${code}` },
    ],
    kitTitle: (id) => ({ canicule: 'Canicule', noel: 'Noël' })[id],
    kitIds: ['canicule', 'noel', 'galette'],
    kitOfTheMoment: () => 'Grand froid',
    previewPlatforms,
    ...more,
  });
  const http = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    logger,
    health: () => Promise.resolve({ ok: true, database: true, adapters: {} }),
    console,
  });
  return {
    database,
    clock,
    http,
    base: `http://127.0.0.1:${http.port}`,
    async close() {
      await http.close();
      await database.drop();
    },
  };
}

let nextExternal = 2000;

export async function createPerson(
  h: ConsoleHarness,
  name: string,
  externalId = String(nextExternal++),
): Promise<number> {
  const [person] = await h.database.db
    .insert(people)
    .values({ platform: 'telegram', displayName: name })
    .returning();
  await h.database.db
    .insert(personIdentities)
    .values({ platform: 'telegram', externalId, personId: person!.id });
  return person!.id;
}

export async function addStaff(
  h: ConsoleHarness,
  partnerId: number,
  personId: number,
  role: 'agent' | 'ccas',
): Promise<void> {
  await h.database.db.insert(partnerStaff).values({ partnerId, personId, role });
}

export async function seedPartner(
  h: ConsoleHarness,
  name: string,
  communes: string[],
  quartiers: string[] = [],
): Promise<number> {
  return createPartner(h.database.db, { name, communes, quartiers });
}

export async function seedRollups(
  h: ConsoleHarness,
  rows: [scope: string, period: string, metric: string, value: number][],
): Promise<void> {
  for (const [scope, period, metric, value] of rows) {
    await h.database.db.execute(
      sql`insert into activity_rollups (scope, period, metric, value) values (${scope}, ${period}, ${metric}, ${value})`,
    );
  }
}

export async function seedGroup(
  h: ConsoleHarness,
  group: { name: string; insee: string; visibleToCity: boolean; departement?: string },
): Promise<void> {
  await h.database.db.insert(chats).values({
    platform: 'telegram',
    externalId: `-${nextExternal++}`,
    kind: 'group',
    name: group.name,
    communeInsee: group.insee,
    visibleToCity: group.visibleToCity,
    ...(group.departement ? { departement: group.departement } : {}),
  });
}

export async function loginLink(h: ConsoleHarness, personId: number): Promise<string> {
  const token = await createLoginToken(
    h.database.db,
    personId,
    new Date(h.clock.now().getTime() + 10 * 60_000),
  );
  return `${h.base}/console/login?token=${token}`;
}

export interface HttpSession {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>, withCsrf?: boolean): Promise<Response>;
}

/** Logs in with plain HTTP (GET the page, POST its form) and keeps the cookie. */
export async function loginOverHttp(h: ConsoleHarness, personId: number): Promise<HttpSession> {
  const link = await loginLink(h, personId);
  const token = new URL(link).searchParams.get('token')!;
  const answer = await fetch(`${h.base}/console/login`, {
    method: 'POST',
    body: new URLSearchParams({ token }),
    redirect: 'manual',
  });
  if (answer.status !== 303) throw new Error(`login failed: ${answer.status}`);
  const cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
  const home = await fetch(`${h.base}/console/partenaires`, { headers: { cookie } });
  const page = await (home.status === 200
    ? home.text()
    : fetch(`${h.base}/console/villes/0`, { headers: { cookie } }).then((r) => r.text()));
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  return {
    cookie,
    csrf,
    get: (path) => fetch(`${h.base}${path}`, { headers: { cookie }, redirect: 'manual' }),
    post: (path, form, withCsrf = true) =>
      fetch(`${h.base}${path}`, {
        method: 'POST',
        headers: { cookie },
        body: new URLSearchParams(withCsrf ? { ...form, _csrf: csrf } : form),
        redirect: 'manual',
      }),
  };
}

/**
 * The console of a file's tests: started once, its data emptied and its clock set back to
 * START before each test, closed at the end. What is returned is always the running one.
 */
export function useConsoleHarness(): ConsoleHarness {
  let running: ConsoleHarness | undefined;
  beforeAll(async () => {
    running = await startConsoleHarness();
  });
  afterAll(() => running?.close());
  beforeEach(async () => {
    await resetDatabase(running!.database);
    running!.clock.set(START);
  });
  return runningOne(() => running);
}
