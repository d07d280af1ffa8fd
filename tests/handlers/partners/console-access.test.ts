// The bot's side of the partner cities' console: /console sends a one-time link only to a
// partner's staff and the bot's administrators; the association's invitation link makes its
// opener a member of the staff, once; a group's admins place it in a quartier of their city
// (never another city's, whatever a forged press says) and choose whether the city sees its
// name; /mesdonnees and /oublier cover the console. Through the real router and features.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findChat, saveChatSettings } from '../../../db/queries/chats.ts';
import {
  consumeLoginToken,
  createStaffInvitation,
  findSessionAccess,
  findStaffMemberships,
  openSession,
} from '../../../db/queries/console-access.ts';
import { createPartner, findPartner } from '../../../db/queries/partners.ts';
import { findPersonByIdentity } from '../../../db/queries/people.ts';
import type { Deps } from '../../../handlers/deps.ts';
import type { InboundEvent, MessageEvent } from '../../../handlers/events.ts';
import { createFeatures } from '../../../handlers/features.ts';
import { createRouter, type Router } from '../../../handlers/router.ts';
import type { Messenger } from '../../../handlers/ports.ts';
import { createRecordingMessenger, type Sent } from '../../support/recording-messenger.ts';
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
const admin = { platform: 'telegram', id: '99', displayName: 'Asso' } as const;
const adminsChat = { platform: 'telegram', id: '99', kind: 'private' } as const;

let deps: Deps;
let router: Router;
let sent: Sent[];
let messenger: Messenger;
let eventId = 0;

function say(
  chat: MessageEvent['chat'],
  text: string,
  sender: MessageEvent['sender'] = zoe,
  extra: Partial<MessageEvent> = {},
): Promise<void> {
  const [name = '', ...args] = text.slice(1).split(' ');
  return router.handle(
    {
      type: 'message',
      id: `tg:${++eventId}`,
      chat,
      sender,
      text,
      addressed: true,
      command: { name, args: args.join(' ') },
      ...extra,
    },
    messenger,
  );
}

function press(data: string): Promise<void> {
  const event: InboundEvent = {
    type: 'choice',
    id: `tg:${++eventId}`,
    chat: group,
    sender: zoe,
    data,
    callbackId: `cb${eventId}`,
  };
  return router.handle(event, messenger);
}

/** Lyon 3e as a partner, and an invitation to its staff valid a week. */
async function inviteToLyon(role: 'agent' | 'ccas') {
  const partnerId = await createPartner(deps.db, {
    name: 'Lyon 3e',
    communes: ['69383'],
    quartiers: [],
  });
  const token = await createStaffInvitation(deps.db, {
    partnerId,
    role,
    expiresAt: new Date(deps.clock.now().getTime() + 7 * 86_400_000),
  });
  return { partnerId, token };
}

const lastText = () => {
  const message = sent.at(-1)?.message;
  return message && 'text' in message ? message.text : '';
};

beforeEach(async () => {
  await resetDatabase(database);
  deps = await createTestDeps(database.db);
  deps.config = { ...deps.config, botAdmins: ['telegram:99'], webUrl: 'https://voisins.test' };
  router = createRouter(deps, createFeatures({ i18n: deps.i18n }));
  sent = [];
  // Zoé administers the group.
  messenger = { ...createRecordingMessenger(sent), isAdmin: () => Promise.resolve(true) };
});

describe('/console', () => {
  it('tells a neighbour who is on no staff what the console is, with no link', async () => {
    await say(zoesChat, '/console');
    expect(lastText()).toContain('réservée aux équipes des villes partenaires');
    expect(lastText()).not.toContain('https://');
  });

  it("sends the bot's administrator a link that opens the console once", async () => {
    await say(adminsChat, '/console', admin);
    const url = /https:\/\/voisins\.test\/console\/login\?token=([\w-]+)/.exec(lastText());
    expect(lastText()).toContain('&amp;lang=fr'); // the console opens in the person's language
    expect(url).not.toBeNull();
    expect(lastText()).toContain('pendant 10 minutes');
    const person = await findPersonByIdentity(deps.db, 'telegram', '99');
    const now = deps.clock.now();
    expect(await consumeLoginToken(deps.db, url![1]!, now)).toBe(person!.id);
    expect(await consumeLoginToken(deps.db, url![1]!, now)).toBeUndefined();
  });

  it('refuses a link past its ten minutes', async () => {
    await say(adminsChat, '/console', admin);
    const token = /token=([\w-]+)/.exec(lastText())![1]!;
    const later = new Date(deps.clock.now().getTime() + 11 * 60_000);
    expect(await consumeLoginToken(deps.db, token, later)).toBeUndefined();
  });

  it('says so when no web console is served', async () => {
    deps.config = { ...deps.config, webUrl: undefined };
    await say(adminsChat, '/console', admin);
    expect(lastText()).toContain("n'est pas installée");
  });
});

describe('staff invitations', () => {
  it('makes the opener a member of the staff, once, and /console then works', async () => {
    const { partnerId, token } = await inviteToLyon('ccas');
    await say(zoesChat, '/start', zoe, { startPayload: `staff-${token}` });
    expect(lastText()).toContain("Bienvenue dans l'équipe de Lyon 3e");
    expect(lastText()).toContain('CCAS');
    const zoeRow = (await findPersonByIdentity(deps.db, 'telegram', '7'))!;
    expect(await findStaffMemberships(deps.db, zoeRow.id)).toEqual([
      { partnerId, partnerName: 'Lyon 3e', role: 'ccas' },
    ]);

    // A second person with the same link gets nothing.
    const bruno = { platform: 'telegram', id: '8', displayName: 'Bruno' } as const;
    await say({ ...zoesChat, id: '8' }, '/start', bruno, { startPayload: `staff-${token}` });
    expect(lastText()).toContain("n'est plus valable");
    const brunoRow = (await findPersonByIdentity(deps.db, 'telegram', '8'))!;
    expect(await findStaffMemberships(deps.db, brunoRow.id)).toEqual([]);

    await say(zoesChat, '/console');
    expect(lastText()).toMatch(/console\/login\?token=/);
  });

  it('takes the code typed after /console where no deep link carries it (WhatsApp)', async () => {
    const { token } = await inviteToLyon('agent');
    await say(zoesChat, `/console ${token}`);
    const texts = sent.slice(-2).map((s) => ('text' in s.message ? s.message.text : ''));
    expect(texts[0]).toContain("Bienvenue dans l'équipe de Lyon 3e");
    expect(texts[1]).toMatch(/console\/login\?token=/);
    await say(zoesChat, `/console ${token}`);
    expect(lastText()).toContain("n'est plus valable");
  });

  it('refuses a forged or expired invitation politely', async () => {
    await say(zoesChat, '/start', zoe, { startPayload: 'staff-AAAAforgedAAAA' });
    expect(lastText()).toContain("n'est plus valable");
  });
});

describe('the group in its partner city', () => {
  async function placeGroup(insee: string) {
    await say(group, '/aide');
    const chat = (await findChat(deps.db, 'telegram', group.id))!;
    await saveChatSettings(deps.db, chat, {
      postcode: '69003',
      communeInsee: insee,
      departement: '69',
    });
  }

  it('offers its city quartiers, refuses another city quartier by a forged press', async () => {
    const lyon = await createPartner(deps.db, {
      name: 'Lyon 3e',
      communes: ['69383'],
      quartiers: ['Guillotière', 'Montchat'],
    });
    const paris = await createPartner(deps.db, {
      name: 'Paris 11e',
      communes: ['75111'],
      quartiers: ['Belleville'],
    });
    await placeGroup('69383');
    await say(group, '/parametres quartier');
    const menu = sent.at(-1)!.message;
    expect('choices' in menu && menu.choices?.flat().map((c) => c.label)).toEqual([
      'Guillotière',
      'Montchat',
      'Aucun de ces quartiers',
    ]);
    const belleville = (await findPartner(deps.db, paris))!.quartiers[0]!;
    await press(`settings:quartier:${belleville.id}`);
    expect((await findChat(deps.db, 'telegram', group.id))!.quartierId).toBeNull();

    const montchat = (await findPartner(deps.db, lyon))!.quartiers.find(
      (q) => q.name === 'Montchat',
    )!;
    await press(`settings:quartier:${montchat.id}`);
    expect((await findChat(deps.db, 'telegram', group.id))!.quartierId).toBe(montchat.id);
    expect(lastText()).toContain('Quartier\u202f: Montchat');
    expect(lastText()).toContain('Ville partenaire (Villes solidaires)\u202f: Lyon 3e');

    await say(group, '/parametres quartier guillotiere');
    expect(lastText()).toContain('Quartier\u202f: Guillotière');
    await say(group, '/parametres quartier Belleville');
    expect(lastText()).toContain('Je ne connais pas ce quartier');
    await say(group, '/parametres quartier aucun');
    expect((await findChat(deps.db, 'telegram', group.id))!.quartierId).toBeNull();
  });

  it('lets the admins show the group name to the city, off by default', async () => {
    await createPartner(deps.db, { name: 'Lyon 3e', communes: ['69383'], quartiers: [] });
    await placeGroup('69383');
    await say(group, '/parametres');
    expect(lastText()).toContain('Visible par la mairie\u202f: non');
    await say(group, '/parametres mairie oui');
    expect((await findChat(deps.db, 'telegram', group.id))!.visibleToCity).toBe(true);
    expect(lastText()).toContain('Visible par la mairie\u202f: oui');
  });

  it('says a group outside any partner city has no quartier to choose', async () => {
    await placeGroup('69383');
    await say(group, '/parametres quartier');
    expect(lastText()).toContain("n'a pas (encore) nommé de quartiers");
    await say(group, '/parametres');
    expect(lastText()).not.toContain('Visible par la mairie');
  });
});

describe('/mesdonnees and /oublier', () => {
  it('show the console roles and sessions, and erase them', async () => {
    const { token } = await inviteToLyon('agent');
    await say(zoesChat, '/start', zoe, { startPayload: `staff-${token}` });
    const zoeRow = (await findPersonByIdentity(deps.db, 'telegram', '7'))!;
    const now = deps.clock.now();
    const session = await openSession(deps.db, {
      personId: zoeRow.id,
      locale: 'fr',
      now,
      expiresAt: new Date(now.getTime() + 3_600_000),
    });
    await say(zoesChat, '/mesdonnees');
    const all = sent.map((s) => ('text' in s.message ? s.message.text : '')).join('\n');
    expect(all).toContain("Membre de l'équipe de Lyon 3e");
    expect(all).toContain('1 session ouverte sur la console');

    await say(zoesChat, '/oublier');
    const confirm = sent.at(-1)!.message;
    const yes = 'choices' in confirm ? confirm.choices?.flat()[0]?.data : undefined;
    expect(yes).toBeDefined();
    await router.handle(
      {
        type: 'choice',
        id: `tg:${++eventId}`,
        chat: zoesChat,
        sender: zoe,
        data: yes!,
        callbackId: 'cb-forget',
      },
      messenger,
    );
    expect(await findStaffMemberships(deps.db, zoeRow.id)).toEqual([]);
    expect(await findSessionAccess(deps.db, session.token, now, 3_600_000)).toBeUndefined();
  });
});
