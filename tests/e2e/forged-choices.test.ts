// Every choice and every deep link the features declare, pressed forged: from the private
// chat of someone who lives elsewhere, from another building's group, and by a neighbour of
// the building who lacks the role or the relation the choice needs. The prefixes and payloads
// come from the features' own declarations: one that is not in this table of expectations
// fails the test, so a new feature's buttons are checked from their first day.
//
// Les Tilleuls (group B) hold a little of everything: volunteers, an open, an offered and a
// matched help request and a draft, a fête whose poll closed on a tie, a galette with an item
// someone brings, referents (one pending), neighbours watched (one waiting for consent) and
// a check-in. Mallory lives at the Lilas (group A) and Telegram says she is not in B; Nina
// lives in B and is nothing more than a member there.
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import type { ChoiceSpec } from '../../handlers/feature.ts';
import { createFeatures } from '../../handlers/features.ts';
import { createI18n } from '../../handlers/i18n.ts';
import type { RecordedCall } from '../fakes/telegram-bot-api.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import {
  buttonsOf,
  groupChat,
  people,
  privateChat,
  type Person as User,
} from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const lilas = groupChat(-100123, 'Résidence des Lilas');
const tilleuls = groupChat(-100456, 'Les Tilleuls');
const { alice, bruno, chloe, mallory } = people;
const nina = { id: 555, is_bot: false, first_name: 'Nina', language_code: 'fr' };

/** Words only Les Tilleuls' data contains: none may reach someone who lives elsewhere. */
const SECRETS =
  /Tilleuls|seigle|3e gauche|lumineuses|Martinez|Lenoir|Alice|Bruno|Chloé|télécommande|cruciforme/;

/** What even a neighbour of Les Tilleuls sees only as a referent: who is watched, and how. */
const WATCHED = /Martinez|Lenoir|frapper fort|tg:\/\/user/;

const database = useTestDatabase();
// Tuesday 20 July 2027, 08:00 in Lyon.
const clock = createTestClock('2027-07-20T06:00:00Z');
const h = useTelegramHarness(database, {
  once: true,
  webhook: true,
  clock,
  env: { BOT_ADMINS: `telegram:${alice.id}` },
});
const { post, say, sayPrivately, press: pressIn, pressPrivately } = createTelegramChat(h, tilleuls);

/** Ids of Les Tilleuls' rows, for forging. */
interface Fixture {
  group: number;
  openRequest: number;
  offeredRequest: number;
  matchedRequest: number;
  draft: number;
  fete: number;
  galette: number;
  item: number;
  pendingReferent: number;
  aliceReferent: number;
  chloePerson: number;
  brunoPerson: number;
  ninaPerson: number;
  waitingConsent: number;
  lenoir: number;
  registryRequest: number;
  checkIn: number;
}
let f: Fixture;

const inTilleuls = (user: User, text: string) => say(user, text, tilleuls);
/** The data of the latest button starting with `prefix` that the bot sent to a chat. */
function dataOf(chatId: number, prefix: string): string {
  for (const call of [...h.sentTo(chatId)].reverse()) {
    const data = buttonsOf(call).find((b) => b.callback_data?.startsWith(prefix))?.callback_data;
    if (data) return data;
  }
  const last = h
    .sentTo(chatId)
    .slice(-4)
    .map((c) => String(c.params.text));
  throw new Error(`no ${prefix} button sent to ${chatId}; last: ${last.join(' | ')}`);
}
/** The id at a place in choice data: `rsvp:12:yes` has 12 at 1. */
const idAt = (data: string, index: number) => Number(data.split(':')[index]);
const idIn = (data: string) => idAt(data, 2);

async function one(sql: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(database.db, sql);
  if (!row) throw new Error(`nothing for ${sql}`);
  return Number(row.id);
}
const personId = (user: User) =>
  one(`select person_id as id from person_identities where external_id = '${user.id}'`);

/** Alice, Bruno and Chloé build Les Tilleuls' life through the bot, as they would. */
async function buildTilleuls(): Promise<Fixture> {
  h.fake.setChatMember(tilleuls.id, alice.id, 'administrator');
  h.fake.setChatMember(tilleuls.id, mallory.id, 'left');
  for (const user of [alice, bruno, chloe, nina]) await inTilleuls(user, '/aide');
  await say(mallory, '/aide', lilas);
  for (const user of [alice, bruno, chloe, nina, mallory]) await sayPrivately(user, '/aide');
  await inTilleuls(alice, '/parametres cp 69003');
  const group = await one(`select id from chats where external_id = '${tilleuls.id}'`);
  // Lyon 3e is a partner city whose CCAS gave its number.
  const partner = await one(
    `insert into partners (name, ccas_phone) values ('Lyon 3e', '0478000000') returning id`,
  );
  await queryRows(
    database.db,
    `insert into partner_communes (partner_id, insee) select ${partner}, commune_insee from chats where id = ${group}`,
  );

  // Volunteers, and three needs: one open, one offered, one matched; and a draft.
  for (const user of [bruno, chloe]) {
    await sayPrivately(user, `/start volunteer-${group}`);
    await pressPrivately(user, `aid:vcat:${group}:courses`);
    await pressPrivately(user, `aid:vdone:${group}`);
    await pressPrivately(user, `aid:vany:${group}`);
  }
  await sayPrivately(alice, '/besoin courses : du pain de seigle, 3e gauche');
  // "3e gauche" could identify her: she sees the card first, and publishes it as it is.
  await pressPrivately(alice, `aid:npub:${idIn(dataOf(alice.id, 'aid:npub:'))}`);
  const openRequest = idIn(dataOf(tilleuls.id, 'aid:offer:'));
  await sayPrivately(alice, '/besoin courses : des piles pour la télécommande');
  const matchedRequest = idIn(dataOf(tilleuls.id, 'aid:offer:'));
  await sayPrivately(chloe, '/besoin bricolage : un tournevis cruciforme');
  const offeredRequest = idIn(dataOf(tilleuls.id, 'aid:offer:'));
  await h.app.jobs.runDueJobs();
  await pressPrivately(bruno, `aid:accept:${matchedRequest}`);
  await pressPrivately(alice, `aid:confirm:${matchedRequest}:contact`);
  await pressPrivately(bruno, `aid:accept:${offeredRequest}`);
  await sayPrivately(alice, '/besoin quelque chose, 3e gauche');
  const draft = idIn(dataOf(alice.id, 'aid:ncat:'));

  // A fête whose poll closed without a vote (a tie to settle), and a galette with its list.
  await inTilleuls(alice, '/fete 28/08, 29/08');
  await inTilleuls(alice, '/fete clore');
  const fete = idAt(dataOf(tilleuls.id, 'gpick:'), 1);
  await inTilleuls(alice, '/evenement Galette des Tilleuls 05/08 18h dans la cour');
  const galette = idAt(dataOf(tilleuls.id, 'rsvp:'), 1);
  // Two gatherings coming: the commands name the one they are about.
  await inTilleuls(alice, '/liste galette ajouter guirlandes lumineuses');
  const item = idAt(dataOf(tilleuls.id, 'bring:'), 1);
  await inTilleuls(bruno, '/japporte galette 1');

  // Referents: Alice (an admin), Chloé (approved), Bruno (waiting for an admin).
  await inTilleuls(alice, '/referent');
  await inTilleuls(chloe, '/referent');
  await pressIn(alice, dataOf(tilleuls.id, 'watch:approve:'), tilleuls);
  await inTilleuls(bruno, '/referent');
  const pendingReferent = idAt(dataOf(tilleuls.id, 'watch:approve:'), 2);

  // Alice watches over M. Lenoir (her word for his consent) and Mme Martinez (asked to Chloé).
  for (const [name, door] of [
    ['M. Lenoir', 'RDC'],
    ['Mme Martinez', '3e gauche'],
  ] as const) {
    await sayPrivately(alice, '/veiller');
    await sayPrivately(alice, name);
    await sayPrivately(alice, door);
    await sayPrivately(alice, 'frapper fort');
    await pressPrivately(alice, 'watch:nocontact');
  }
  const waitingConsent = idIn(dataOf(alice.id, 'watch:selfconsent:'));
  await pressPrivately(alice, `watch:selfconsent:${waitingConsent}`);
  await pressPrivately(alice, `watch:pick:${waitingConsent}:${await personId(chloe)}`);
  const lenoir = waitingConsent - 1;
  await pressPrivately(alice, `watch:refconsent:${lenoir}`);
  await pressPrivately(alice, `watch:refconsentok:${lenoir}`);
  // Alice asks the partner's CCAS to register M. Lenoir: the request waits for her word.
  await pressPrivately(alice, `watch:registry:${lenoir}`);
  await sayPrivately(alice, '8 rue des Tilleuls, RDC');
  const registryRequest = idIn(dataOf(alice.id, 'watch:regok:'));

  // A canicule: 10:00 in Lyon, Alice is asked about M. Lenoir.
  await inTilleuls(alice, '/vigilance 69 canicule orange');
  await h.app.jobs.runDueJobs();
  clock.set('2027-07-20T08:00:00Z');
  await h.app.jobs.enqueueRecurring({ kind: 'watchPlanRounds', cron: '0 * * * *' }, clock.now());
  await h.app.jobs.runDueJobs();
  const checkIn = idIn(dataOf(alice.id, 'watch:ans:'));

  return {
    group,
    openRequest,
    offeredRequest,
    matchedRequest,
    draft,
    fete,
    galette,
    item,
    pendingReferent,
    aliceReferent: await one(`select id from referents where person_id = ${await personId(alice)}`),
    chloePerson: await personId(chloe),
    brunoPerson: await personId(bruno),
    ninaPerson: await personId(nina),
    waitingConsent,
    lenoir,
    registryRequest,
    checkIn,
  };
}

/** Everything Les Tilleuls hold, as rows: a forged press must leave all of it as it was. */
async function tilleulsData(): Promise<unknown> {
  const g = f.group;
  const tables: Record<string, string> = {
    chat: `select * from chats where id = ${g}`,
    members: `select * from chat_members where chat_id = ${g} order by person_id`,
    // A person's own language is theirs to change (language:en in their private chat).
    people: `select id, display_name, reachable_privately from people order by id`,
    volunteers: `select * from volunteers where chat_id = ${g} order by id`,
    requests: `select * from help_requests where chat_id = ${g} order by id`,
    notifications: `select n.* from help_notifications n join help_requests r on r.id = n.request_id
      where r.chat_id = ${g} order by n.request_id, n.person_id`,
    gatherings: `select * from gatherings where chat_id = ${g} order by id`,
    rsvps: `select r.* from gathering_rsvps r join gatherings g on g.id = r.gathering_id
      where g.chat_id = ${g} order by r.gathering_id, r.person_id`,
    items: `select i.* from gathering_items i join gatherings g on g.id = i.gathering_id
      where g.chat_id = ${g} order by i.id`,
    claims: `select c.* from gathering_claims c join gathering_items i on i.id = c.item_id
      join gatherings g on g.id = i.gathering_id where g.chat_id = ${g}
      order by c.item_id, c.person_id`,
    calendarCopies: `select c.* from gathering_calendar_copies c
      join gatherings g on g.id = c.gathering_id where g.chat_id = ${g}
      order by c.gathering_id, c.person_id`,
    polls: `select * from polls where chat_id = ${g} order by id`,
    votes: `select v.* from poll_votes v join polls p on p.id = v.poll_id where p.chat_id = ${g}
      order by v.poll_id, v.person_id`,
    referents: `select * from referents where chat_id = ${g} order by id`,
    watched: `select * from watched_neighbours where chat_id = ${g} order by id`,
    checkIns: `select * from check_ins where chat_id = ${g} order by id`,
    registry: `select * from registry_requests where chat_id = ${g} order by id`,
    pending: `select * from pending_answers where data->>'chatId' = '${g}' order by chat_id`,
    kits: `select * from kit_deliveries where chat_id = ${g} order by kit_id`,
    jobs: `select kind, dedupe_key, status, run_at, payload from jobs order by id`,
  };
  const snapshot: Record<string, unknown> = {};
  for (const [name, sql] of Object.entries(tables)) {
    snapshot[name] = await queryRows(database.db, sql);
  }
  return JSON.parse(JSON.stringify(snapshot));
}

type Where = 'group' | 'private' | 'any';

interface Expectation {
  /** The forged data, naming Les Tilleuls' rows. */
  data: (f: Fixture) => string;
  /**
   * What a plain member of Les Tilleuls lacks to press it (Nina presses it too), or
   * undefined when any member may (offering help, answering a gathering, a kit).
   */
  lacks?: string;
  /** It reaches only the presser's own things: pressing it is no forgery of a group's. */
  own?: true;
  /** More data of the same prefix, forged the same way (another verb on the same row). */
  also?: (f: Fixture) => string[];
}

/** The expectation's data, then its `also`. */
const allData = (e: Expectation, f: Fixture) => [e.data(f), ...(e.also?.(f) ?? [])];

const CHOICES: Record<string, Expectation> = {
  'aid:vgroup': { data: (f) => `aid:vgroup:${f.group}` },
  'aid:agroup': { data: (f) => `aid:agroup:${f.group}` },
  'aid:bgroup': { data: (f) => `aid:bgroup:${f.group}` },
  'aid:vcat': { data: (f) => `aid:vcat:${f.group}:courses` },
  'aid:vdone': { data: (f) => `aid:vdone:${f.group}` },
  'aid:vany': { data: (f) => `aid:vany:${f.group}` },
  'aid:ncat': { data: (f) => `aid:ncat:${f.draft}:courses`, lacks: 'being the requester' },
  'aid:npub': { data: (f) => `aid:npub:${f.draft}`, lacks: 'being the requester' },
  'aid:nedit': { data: (f) => `aid:nedit:${f.draft}`, lacks: 'being the requester' },
  'aid:ndel': { data: (f) => `aid:ndel:${f.draft}`, lacks: 'being the requester' },
  'aid:offer': { data: (f) => `aid:offer:${f.openRequest}` },
  'aid:accept': { data: (f) => `aid:accept:${f.openRequest}`, lacks: 'being asked' },
  'aid:decline': { data: (f) => `aid:decline:${f.openRequest}`, lacks: 'being asked' },
  'aid:confirm': {
    data: (f) => `aid:confirm:${f.offeredRequest}:contact`,
    lacks: 'being the requester',
  },
  'aid:refuse': { data: (f) => `aid:refuse:${f.offeredRequest}`, lacks: 'being the requester' },
  'aid:done': { data: (f) => `aid:done:${f.matchedRequest}`, lacks: 'taking part' },
  'aid:notyet': { data: (f) => `aid:notyet:${f.matchedRequest}`, lacks: 'taking part' },
  'aid:ics': { data: (f) => `aid:ics:${f.matchedRequest}`, lacks: 'taking part' },
  'aid:withdraw': { data: (f) => `aid:withdraw:${f.openRequest}`, lacks: 'being the requester' },
  'aid:showname': { data: (f) => `aid:showname:${f.openRequest}`, lacks: 'being the requester' },
  rsvp: { data: (f) => `rsvp:${f.galette}:yes:3` },
  bring: { data: (f) => `bring:${f.item}` },
  unbring: { data: (f) => `unbring:${f.item}`, lacks: 'bringing it' },
  gpick: { data: (f) => `gpick:${f.fete}:2027-08-29`, lacks: 'being an admin' },
  // "Which one?" to cancel (it only asks), to close; and the answers to "cancel it?".
  gact: {
    data: (f) => `gact:${f.galette}:cancelok`,
    lacks: 'being an admin',
    also: (f) => [`gact:${f.galette}:cancel`, `gact:${f.galette}:keep`, `gact:${f.fete}:close`],
  },
  glist: { data: (f) => `glist:${f.galette}` },
  ginvite: { data: (f) => `ginvite:${f.galette}` },
  gcal: { data: (f) => `gcal:${f.galette}` },
  settings: { data: () => 'settings:kind:rue', lacks: 'being an admin' },
  language: { data: () => 'language:en', lacks: 'being an admin (in the group)', own: true },
  privacy: { data: (f) => `privacy:forget:${f.brunoPerson}`, lacks: 'being Bruno', own: true },
  kit: { data: () => 'kit:canicule', own: true },
  'distress:tell': { data: (f) => `distress:tell:${f.group}` },
  'watch:approve': {
    data: (f) => `watch:approve:${f.pendingReferent}`,
    lacks: 'being an admin',
  },
  'watch:backup': {
    data: (f) => `watch:backup:${f.aliceReferent}:${f.chloePerson}`,
    lacks: 'being that referent',
  },
  'watch:group': { data: (f) => `watch:group:${f.group}`, lacks: 'being a referent' },
  'watch:nocontact': { data: () => 'watch:nocontact', lacks: 'adding a neighbour' },
  'watch:selfconsent': {
    data: (f) => `watch:selfconsent:${f.waitingConsent}`,
    lacks: 'being the referent',
  },
  'watch:pick': {
    data: (f) => `watch:pick:${f.waitingConsent}:${f.ninaPerson}`,
    lacks: 'being the referent',
  },
  'watch:refconsent': {
    data: (f) => `watch:refconsent:${f.waitingConsent}`,
    lacks: 'being the referent',
  },
  'watch:refconsentok': {
    data: (f) => `watch:refconsentok:${f.waitingConsent}`,
    lacks: 'being the referent',
  },
  'watch:consent': {
    data: (f) => `watch:consent:${f.waitingConsent}:yes`,
    lacks: 'being the neighbour',
  },
  'watch:remove': { data: (f) => `watch:remove:${f.waitingConsent}`, lacks: 'being the referent' },
  'watch:registry': { data: (f) => `watch:registry:${f.lenoir}`, lacks: 'being the referent' },
  'watch:regok': {
    data: (f) => `watch:regok:${f.registryRequest}`,
    lacks: 'being the referent',
  },
  'watch:regconsent': {
    data: (f) => `watch:regconsent:${f.registryRequest}:yes`,
    lacks: 'being the neighbour',
  },
  'watch:renewok': { data: () => 'watch:renewok', own: true },
  'watch:sheet': { data: () => 'watch:sheet:heat', own: true },
  'watch:ans': { data: (f) => `watch:ans:${f.checkIn}:ok`, lacks: 'watching the neighbour' },
  'watch:for': { data: (f) => `watch:for:${f.checkIn}:ok`, lacks: 'watching the neighbour' },
  'watch:show': { data: (f) => `watch:show:${f.checkIn}`, lacks: 'watching the neighbour' },
  // A level out of season, confirmed: only someone who may declare it (never a group's row).
  'watch:vigok': {
    data: () => 'watch:vigok:69:heat:red',
    lacks: 'declaring vigilance',
    own: true,
  },
  'watch:vigno': { data: () => 'watch:vigno', own: true },
  // Asking to be watched: any member may, for themselves.
  'watch:wish': { data: (f) => `watch:wish:${f.group}` },
};

const START_PAYLOADS: Record<string, Expectation[]> = {
  volunteer: [{ data: (f) => `volunteer-${f.group}` }],
  ask: [
    { data: (f) => `ask-g${f.group}` },
    { data: (f) => `ask-${f.draft}`, lacks: 'being the requester' },
  ],
  helpoffer: [{ data: (f) => `helpoffer-${f.openRequest}` }],
  gcal: [{ data: (f) => `gcal-${f.galette}` }],
  agenda: [{ data: (f) => `agenda-${f.group}` }],
  aidwithdraw: [{ data: () => 'aidwithdraw', own: true }],
  consent: [{ data: (f) => `consent-${f.waitingConsent}`, lacks: 'being the neighbour' }],
  watchme: [{ data: (f) => `watchme-${f.group}` }],
  mydata: [{ data: () => 'mydata', own: true }],
  forgetme: [{ data: () => 'forgetme', own: true }],
  // An invitation is a bearer code (only its hash is stored): a made-up one joins nothing.
  staff: [{ data: () => `staff-${'Forged'.repeat(7)}x`, own: true }],
};

let declared: { choices: ChoiceSpec[]; payloads: string[] };

beforeAll(async () => {
  f = await buildTilleuls();
  const features = createFeatures({ i18n: await createI18n() });
  declared = {
    choices: features.flatMap((feature) => feature.choices ?? []),
    payloads: features.flatMap((feature) => Object.keys(feature.startPayloads ?? {})),
  };
}, 120_000);

/** What the bot did after `from` (an index into the recorded calls). */
function callsSince(from: number): RecordedCall[] {
  return h.fake.calls.slice(from).filter((c) => c.status === 200);
}
function textOf(call: RecordedCall): string {
  return [call.params.text, call.params.caption, JSON.stringify(call.params.reply_markup ?? '')]
    .filter((t) => typeof t === 'string')
    .join('\n');
}
const SAYING = new Set(['sendMessage', 'editMessageText', 'sendDocument', 'sendPoll']);

/**
 * Presses (or opens) forged data as `user` in `chat`, and checks: Les Tilleuls' data did
 * not change; nothing of it reached anyone; nothing was said in any group, nor to anyone
 * but the presser; the presser was answered; it was logged once, never as an error.
 */
async function expectRefused(
  user: User,
  chat: Record<string, unknown>,
  send: () => Promise<void>,
  options: { own?: boolean; logged?: boolean; typed?: boolean } = {},
): Promise<void> {
  const before = await tilleulsData();
  const from = h.fake.calls.length;
  const logged = h.logs.length;
  await send();
  expect(await tilleulsData()).toEqual(before);
  const calls = callsSince(from);
  const secrets = user === mallory ? SECRETS : WATCHED;
  for (const call of calls) expect(textOf(call)).not.toMatch(secrets);
  const said = calls.filter((c) => SAYING.has(c.method));
  for (const call of said) {
    // Only the presser hears back: a press in their pop-up or privately; a command typed in a
    // group, or a harmless request of their own (a kit), where it was made.
    const to = Number(call.params.chat_id);
    expect(options.own || options.typed ? [user.id, chat.id] : [user.id]).toContain(to);
  }
  const popUps = calls.filter((c) => c.method === 'answerCallbackQuery');
  const answered =
    said.length > 0 || popUps.some((c) => typeof c.params.text === 'string' && c.params.text);
  expect(answered).toBe(true);
  const logs = h.logs.slice(logged);
  expect(logs.filter((l) => l.level === 'error')).toEqual([]);
  if (!options.own && options.logged !== false) {
    const notices = ['refused', 'choice answered with a notice', 'link answered with a notice'];
    expect(logs.filter((l) => notices.includes(l.msg ?? ''))).toHaveLength(1);
  }
}

const press = (user: User, chat: Record<string, unknown>, data: string) => () =>
  pressIn(user, data, chat);
const open = (user: User, payload: string) => () => sayPrivately(user, `/start ${payload}`);

describe('forged choices', () => {
  it('has an expectation for every choice the features declare, and nothing more', () => {
    expect(declared.choices.map((c) => c.prefix).sort()).toEqual(Object.keys(CHOICES).sort());
    expect([...declared.payloads].sort()).toEqual(Object.keys(START_PAYLOADS).sort());
  });

  describe.each(Object.entries(CHOICES))('%s', (prefix, expectation) => {
    const spec = () => declared.choices.find((c) => c.prefix === prefix)!;

    it('reveals and changes nothing pressed from the private chat of someone elsewhere', async () => {
      for (const data of allData(expectation, f)) {
        await expectRefused(
          mallory,
          privateChat(mallory),
          press(mallory, privateChat(mallory), data),
          expectation,
        );
      }
    });

    it('reveals and changes nothing pressed in another building’s group', async () => {
      for (const data of allData(expectation, f)) {
        await expectRefused(mallory, lilas, press(mallory, lilas, data), expectation);
      }
    });

    // Any member may offer help, answer a gathering, ask for a kit: nothing to forge there.
    if (expectation.lacks === undefined) return;
    it(`reveals and changes nothing pressed by a member lacking ${expectation.lacks}`, async () => {
      const where: Where = spec().where;
      const chats =
        where === 'any'
          ? [tilleuls, privateChat(nina)]
          : where === 'group'
            ? [tilleuls]
            : [privateChat(nina)];
      for (const chat of chats) {
        for (const data of allData(expectation, f)) {
          await expectRefused(nina, chat, press(nina, chat, data), {
            // Nina's own language in her own chat is hers to change.
            own: expectation.own === true && chat !== tilleuls,
          });
        }
      }
    });
  });
});

describe('forged deep links', () => {
  describe.each(Object.entries(START_PAYLOADS))('%s', (_prefix, expectations) => {
    it('reveals and changes nothing opened by someone elsewhere', async () => {
      for (const expectation of expectations) {
        await expectRefused(
          mallory,
          privateChat(mallory),
          open(mallory, expectation.data(f)),
          expectation,
        );
      }
    });

    it('reveals and changes nothing opened by a member lacking the relation', async () => {
      for (const expectation of expectations.filter((e) => e.lacks !== undefined)) {
        await expectRefused(nina, privateChat(nina), open(nina, expectation.data(f)), expectation);
      }
    });
  });
});

describe('commands that name a row', () => {
  it('refuses another building’s help request and consent, privately and in another group', async () => {
    for (const [user, chat, text] of [
      [mallory, privateChat(mallory), `/jepeuxaider ${f.openRequest}`],
      [mallory, lilas, `/jepeuxaider ${f.openRequest}`],
      [mallory, privateChat(mallory), `/accord ${f.waitingConsent}`],
      [nina, privateChat(nina), `/accord ${f.waitingConsent}`],
    ] as const) {
      // A command's refusals are answered where it was typed; they are not all logged.
      await expectRefused(user, chat, () => say(user, text, chat), { logged: false, typed: true });
    }
  });
});

// Bytes no button ever carries: whatever follows a prefix, or stands alone.
const JUNK = [
  Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 97 + 13) % 256)).toString('latin1'),
  'x'.repeat(64),
  '1 OR 1=1',
  "1'; DROP TABLE help_requests; --",
  "' OR ''='",
  '-1',
  '1.5',
  '1e3',
  '0x1f',
  '１２',
  '99999999999999999999999',
  '',
  ':::',
  '\u0000',
  '\ud800x',
  '🙂'.repeat(16),
];

describe('junk, replayed and stale data', () => {
  it('answers junk after every prefix in the pop-up, logs it once, and changes nothing', async () => {
    for (const spec of declared.choices) {
      // Nina is a member: the junk, not who she is, is what is refused.
      const chat = spec.where === 'private' ? privateChat(nina) : tilleuls;
      const before = await tilleulsData();
      // `watch:renewok:` is `watch:renewok`, a genuine press of a choice with no argument.
      const takesNothing = CHOICES[spec.prefix]?.data(f) === spec.prefix;
      for (const junk of JUNK.filter((j) => j !== '' || !takesNothing)) {
        const from = h.fake.calls.length;
        const logged = h.logs.length;
        await pressIn(nina, `${spec.prefix}:${junk}`, chat);
        const calls = callsSince(from);
        expect(
          calls.filter((c) => SAYING.has(c.method)),
          `${spec.prefix}:${junk}`,
        ).toEqual([]);
        expect(h.lastNotice()).not.toBe('');
        const logs = h.logs.slice(logged);
        expect(logs.filter((l) => l.level === 'error')).toEqual([]);
        expect(logs).toHaveLength(1);
      }
      expect(await tilleulsData()).toEqual(before);
    }
    // Every prefix times every junk: about 300 presses, more than the default on a busy machine.
  }, 90_000);

  it('answers junk with no prefix the same way, in a group and privately', async () => {
    const before = await tilleulsData();
    for (const chat of [tilleuls, privateChat(nina)]) {
      for (const junk of [...JUNK, 'aid', 'watch:', 'nothing-we-know']) {
        const from = h.fake.calls.length;
        await pressIn(nina, junk, chat);
        expect(callsSince(from).filter((c) => SAYING.has(c.method))).toEqual([]);
        expect(h.lastNotice()).toMatch(/n'est plus valable|no longer valid/);
      }
    }
    expect(await tilleulsData()).toEqual(before);
  });

  it('changes nothing when a button is pressed again after it did its work', async () => {
    const said = h.sentTo(tilleuls.id).length;
    await pressIn(alice, `gpick:${f.fete}:2027-08-29`, tilleuls);
    const announced = h
      .sentTo(tilleuls.id)
      .slice(said)
      .map((c) => String(c.params.text));
    expect(announced.join('\n')).toContain('29 août 2027');
    await expectRefused(alice, tilleuls, press(alice, tilleuls, `gpick:${f.fete}:2027-08-28`));
    expect(h.lastNotice()).toBe('La date est déjà choisie.');
  });

  it('cancels a gathering once when its confirm is pressed again', async () => {
    const said = h.sentTo(tilleuls.id).length;
    await pressIn(alice, `gact:${f.fete}:cancelok`, tilleuls);
    const announced = h
      .sentTo(tilleuls.id)
      .slice(said)
      .map((c) => String(c.params.text));
    expect(announced).toEqual([expect.stringContaining('fête des voisins 2027</b> est annulée')]);
    await expectRefused(alice, tilleuls, press(alice, tilleuls, `gact:${f.fete}:cancelok`));
    expect(h.lastNotice()).toBe('Cette sortie a été annulée.');
  });

  it('refuses the buttons of a row since deleted', async () => {
    await inTilleuls(alice, '/liste galette retirer 1');
    expect(h.sentTo(tilleuls.id).at(-1)!.params.text).toContain('Retiré de la liste');
    for (const data of [`bring:${f.item}`, `unbring:${f.item}`]) {
      await expectRefused(bruno, tilleuls, press(bruno, tilleuls, data));
      expect(h.lastNotice()).toContain("n'est plus valable");
    }
  });

  it('refuses the old buttons and links of someone who left the group', async () => {
    await post({
      update_id: 900_000,
      message: {
        message_id: 900_000,
        date: Math.floor(Date.now() / 1000),
        chat: tilleuls,
        from: bruno,
        left_chat_member: bruno,
      },
    });
    h.fake.setChatMember(tilleuls.id, bruno.id, 'left');
    for (const data of [
      `aid:accept:${f.openRequest}`,
      `aid:decline:${f.openRequest}`,
      `aid:vcat:${f.group}:bricolage`,
      `aid:vany:${f.group}`,
    ]) {
      await expectRefused(bruno, privateChat(bruno), press(bruno, privateChat(bruno), data));
      expect(h.lastNotice()).toContain("n'est plus valable");
    }
    await expectRefused(bruno, privateChat(bruno), open(bruno, `volunteer-${f.group}`));
    expect(h.sentTo(bruno.id).at(-1)!.params.text).toContain("Ce lien n'est plus valable");
  });
});
