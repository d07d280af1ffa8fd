// /mesdonnees reads what every section holds in one statement, and its JSON copy holds the
// rows as they are stored: through the real router and features, with a messenger that
// records what it sends and a spy on the database driver that records every statement.
import { eq, getTableColumns } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findChat } from '../../../db/queries/chats.ts';
import { findPerson, findPersonByIdentity } from '../../../db/queries/people.ts';
import {
  chatMembers,
  gatheringCalendarCopies,
  gatheringClaims,
  gatheringItems,
  gatheringRsvps,
  gatherings,
  helpRequests,
  pollVotes,
  polls,
  referents,
  volunteers,
  watchedNeighbours,
} from '../../../db/schema.ts';
import type { Deps } from '../../../handlers/deps.ts';
import type { MessageEvent, OutboundMessage } from '../../../handlers/events.ts';
import { createFeatures } from '../../../handlers/features.ts';
import { loadKits } from '../../../handlers/kits/load-kits.ts';
import { createRouter, type Router } from '../../../handlers/router.ts';
import { createRecordingMessenger, type Sent } from '../../support/recording-messenger.ts';
import { statementsOf } from '../../support/statement-recorder.ts';
import {
  createTestDatabase,
  resetDatabase,
  type TestDatabase,
} from '../../support/test-database.ts';
import { createTestDeps } from '../../support/test-deps.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const group = { platform: 'telegram', id: '-1001', kind: 'group', title: 'Les Lilas' } as const;
const zoe = { platform: 'telegram', id: '7', displayName: 'Zoé' } as const;
const zoesChat = { platform: 'telegram', id: '7', kind: 'private' } as const;

let deps: Deps;
let router: Router;
let sent: Sent[];
let eventId = 0;

function say(chat: MessageEvent['chat'], text: string): Promise<void> {
  const [name = '', ...args] = text.slice(1).split(' ');
  return router.handle(
    {
      type: 'message',
      id: `tg:${++eventId}`,
      chat,
      sender: zoe,
      text,
      addressed: true,
      command: { name, args: args.join(' ') },
    },
    createRecordingMessenger(sent),
  );
}

/**
 * Zoé, known in a group and privately, with something in every section: an answer, a claim
 * and a vote for the fête she created, a help offer and a need, a referent role and a
 * neighbour she checks on.
 */
async function seedZoe() {
  await say(group, '/aide');
  await say(zoesChat, '/aide');
  const db = database.db;
  const person = (await findPersonByIdentity(db, 'telegram', zoe.id))!;
  const chat = (await findChat(db, 'telegram', group.id))!;
  const [fete] = await db
    .insert(gatherings)
    .values({
      chatId: chat.id,
      kind: 'fete',
      year: 2027,
      status: 'scheduled',
      date: '2027-05-28',
      createdBy: person.id,
    })
    .returning();
  await db
    .insert(gatheringRsvps)
    .values({ gatheringId: fete!.id, personId: person.id, answer: 'yes', guests: 2 });
  const [item] = await db
    .insert(gatheringItems)
    .values({
      gatheringId: fete!.id,
      position: 1,
      category: 'tables',
      label: 'tables',
      quantity: 2,
    })
    .returning();
  await db.insert(gatheringClaims).values({ itemId: item!.id, personId: person.id, quantity: 1 });
  const [poll] = await db
    .insert(polls)
    .values({
      platform: 'telegram',
      externalId: 'poll-1',
      chatId: chat.id,
      messageId: '1',
      purpose: 'gathering_date',
      gatheringId: fete!.id,
      options: ['2027-05-28'],
      closesAt: new Date('2027-05-01T00:00:00Z'),
    })
    .returning();
  await db.insert(pollVotes).values({ pollId: poll!.id, personId: person.id, optionIndexes: [0] });
  await db.insert(gatheringCalendarCopies).values({
    gatheringId: fete!.id,
    personId: person.id,
    sentAt: new Date('2026-11-20T18:00:00.123Z'),
  });
  await db.insert(volunteers).values({
    chatId: chat.id,
    personId: person.id,
    categories: ['courses', 'bricolage'],
    availability: 'le soir',
    availabilitySlots: ['evening'],
    lastNotifiedAt: new Date('2026-11-20T18:30:00.123Z'),
  });
  await db.insert(helpRequests).values({
    chatId: chat.id,
    requesterId: person.id,
    category: 'courses',
    description: 'Du pain & du lait',
    whenText: 'du 20 au 27 décembre',
    neededOn: '2026-12-20',
    neededUntil: '2026-12-27',
    status: 'open',
    expiresAt: new Date('2026-12-01T00:00:00Z'),
  });
  await db.insert(referents).values({ chatId: chat.id, personId: person.id, status: 'active' });
  await db.insert(watchedNeighbours).values({
    chatId: chat.id,
    referentPersonId: person.id,
    name: 'Mme Dupont',
    status: 'active',
    consentBy: 'referent',
    consentAt: new Date('2026-11-21T10:00:00Z'),
    expiresOn: '2027-03-31',
  });
  return { person, chat };
}

function exportedCopy(messages: OutboundMessage[]): Record<string, unknown> {
  const file = messages.find((m) => m.kind === 'document');
  if (file?.kind !== 'document') throw new Error('no mes-donnees.json was sent');
  return JSON.parse(new TextDecoder().decode(file.data)) as Record<string, unknown>;
}

/** A row as the JSON copy writes it (JSON.stringify turns dates into ISO strings). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('/mesdonnees', () => {
  beforeEach(async () => {
    await resetDatabase(database);
    deps = await createTestDeps(database.db);
    const features = createFeatures({
      i18n: deps.i18n,
      kits: { catalogue: loadKits(), render: () => Promise.reject(new Error('no documents')) },
    });
    router = createRouter(deps, features);
    sent = [];
  });

  it('reads every section in one statement', async () => {
    await seedZoe();
    // /oublier asks for a confirmation along the same path (router, private reply), reading
    // only what a referent would hand over: what /mesdonnees sends to the database that
    // /oublier does not is the export, one statement.
    const asking = (await statementsOf(database.db, () => say(zoesChat, '/oublier'))).texts;
    const exporting = (await statementsOf(database.db, () => say(zoesChat, '/mesdonnees'))).texts;
    const askingAgain = (await statementsOf(database.db, () => say(zoesChat, '/oublier'))).texts;
    expect(askingAgain).toEqual(asking);
    const extra = exporting.filter((text) => !asking.includes(text));
    expect(extra).toHaveLength(1);
    const [exportStatement] = extra;
    for (const table of ['gathering_rsvps', 'volunteers', 'watched_neighbours', 'chat_members']) {
      expect(exportStatement).toContain(table);
    }
  });

  it('sends the rows as they are stored, and says what each section holds', async () => {
    const { person, chat } = await seedZoe();
    sent = [];
    await say(zoesChat, '/mesdonnees');
    const messages = sent.filter((s) => s.chatId === zoesChat.id).map((s) => s.message);
    const [text] = messages;
    expect(text).toMatchObject({ kind: 'text' });
    for (const line of [
      'Fête des voisins 2027 (ven. 28 mai)\u202f: je viens',
      'Vous apportez\u202f: tables',
      'Aide proposée dans Les Lilas\u202f: Courses, Bricolage (le soir)',
      'Demande (Courses)\u202f: «\u202fDu pain &amp; du lait\u202f»',
      'Référent·e dans Les Lilas',
      'Vous prenez des nouvelles de\u202f: Mme Dupont',
      'Nom affiché\u202f: Zoé',
      'Vu dans 1 groupe\u202f: Les Lilas',
    ]) {
      expect((text as { text: string }).text).toContain(line);
    }

    const db = database.db;
    const [volunteer] = await db.select().from(volunteers);
    const [referent] = await db.select().from(referents);
    const [request] = await db.select().from(helpRequests);
    const [member] = await db.select().from(chatMembers).where(eq(chatMembers.chatId, chat.id));
    const seen = (await findPerson(db, person.id))!;
    const copy = exportedCopy(messages);
    expect(copy).toEqual({
      gatherings: {
        rsvps: [
          { title: null, kind: 'fete', year: 2027, date: '2027-05-28', answer: 'yes', guests: 2 },
        ],
        claims: [{ label: 'tables', quantity: 1 }],
        created: [{ title: null, kind: 'fete', year: 2027 }],
        pollVotes: 1,
        calendarFiles: [
          { title: null, kind: 'fete', year: 2027, sentAt: '2026-11-20T18:00:00.123Z' },
        ],
      },
      mutualAid: {
        offers: [{ volunteer: asJson(volunteer), groupName: 'Les Lilas' }],
        requests: [
          {
            category: 'courses',
            description: 'Du pain & du lait',
            status: 'open',
            when: 'du 20 au 27 décembre',
            neededOn: '2026-12-20',
            neededUntil: '2026-12-27',
            urgent: false,
            nameShown: false,
            locale: null,
            createdAt: request!.createdAt.toISOString(),
          },
        ],
        helped: [],
      },
      heatColdWatch: {
        asReferent: [{ referent: asJson(referent), name: 'Les Lilas' }],
        watchedByThem: [{ name: 'Mme Dupont', status: 'active' }],
        watchedThemselves: [],
        registryRequests: { filedByThem: [], aboutThem: [] },
      },
      partnerConsole: { staff: [], openSessions: 0, lastSessionAt: null },
      cityMessages: { written: [] },
      you: {
        displayName: 'Zoé',
        platform: 'telegram',
        identities: ['7'],
        locale: seen.locale,
        reachablePrivately: seen.reachablePrivately,
        createdAt: seen.createdAt.toISOString(),
        lastSeenAt: seen.lastSeenAt.toISOString(),
        groups: [
          {
            name: 'Les Lilas',
            since: member!.firstSeenAt.toISOString(),
            lastActiveAt: member!.lastActiveAt!.toISOString(),
          },
        ],
      },
    });
    // Whole rows, columns in the table's order: a column added to the table and not to the
    // export's fragment (db/queries/mutual-aid.ts, watch.ts) fails here.
    const aid = copy.mutualAid as { offers: { volunteer: object }[] };
    const watch = copy.heatColdWatch as { asReferent: { referent: object }[] };
    expect(Object.keys(aid.offers[0]!.volunteer)).toEqual(Object.keys(getTableColumns(volunteers)));
    expect(Object.keys(watch.asReferent[0]!.referent)).toEqual(
      Object.keys(getTableColumns(referents)),
    );
  });

  it('sends only the foundation’s own section about someone who did nothing else', async () => {
    await say(zoesChat, '/mesdonnees');
    const messages = sent.map((s) => s.message);
    const text = (messages[0] as { text: string }).text;
    expect(text).toContain('Nom affiché\u202f: Zoé');
    expect(text).not.toContain('Entraide');
    expect(exportedCopy(messages)).toMatchObject({
      gatherings: { rsvps: [], claims: [], created: [], pollVotes: 0, calendarFiles: [] },
      mutualAid: { offers: [], requests: [], helped: [] },
      heatColdWatch: { asReferent: [], watchedByThem: [], watchedThemselves: [] },
      partnerConsole: { staff: [], openSessions: 0, lastSessionAt: null },
      you: { displayName: 'Zoé', identities: ['7'], groups: [] },
    });
  });
});
