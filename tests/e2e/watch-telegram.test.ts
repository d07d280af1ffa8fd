// The heat and cold watch through the real bot and the fake Bot API, with a clock the test
// moves: referents confirmed, neighbours added with recorded consent, a canicule declared,
// a round, every branch of the ladder, the daily summary, the end of the alert and the
// purge. No group ever hears a watched neighbour's name or a check-in's outcome.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkIns, watchedNeighbours } from '../../db/schema.ts';
import { rollupsOf } from '../support/rollups.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { buttonsOf, groupChat, people, type Person as User } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWatchSteps } from '../support/watch-steps.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno, chloe, djamel, emma } = people;

// Tuesday 20 July 2027, 08:00 in Lyon.
const clock = createTestClock('2027-07-20T06:00:00Z');
const h = useTelegramHarness(database, {
  webhook: true,
  clock,
  env: { BOT_ADMINS: `telegram:${alice.id}` },
});
const chat = createTelegramChat(h, group);
const { say, sayPrivately, press, pressPrivately, privateTexts, lastPrivate } = chat;
const { lastInGroup, groupTexts, runJobs, tick } = chat;
const { addMember } = createWatchSteps(h, chat);
beforeEach(async () => {
  await chat.organise(alice, '/parametres cp 69003');
  for (const person of [bruno, chloe, djamel, emma]) await say(person, '/aide');
  for (const person of [alice, bruno, chloe, djamel, emma]) await sayPrivately(person, '/aide');
});

/** The check-in buttons sent to a person about a neighbour, newest first. */
function checkInOf(user: User, name: string): number {
  const call = [...h.sentTo(user.id)]
    .reverse()
    .find((c) => String(c.params.text).includes(name) && buttonsOf(c).length > 0);
  const data = buttonsOf(call).find((b) =>
    b.callback_data?.startsWith('watch:ans:'),
  )?.callback_data;
  if (!data) throw new Error(`no check-in about ${name} for ${user.first_name}`);
  return Number(data.split(':')[2]);
}

async function becomeReferent(user: User): Promise<void> {
  await say(user, '/referent');
  const approve = buttonsOf(h.sentTo(group.id).at(-1))[0]!.callback_data!;
  const inGroup = h.sentTo(group.id).length;
  await press(bruno === user ? chloe : bruno, approve);
  expect(h.lastNotice()).toContain('seuls les administrateurs');
  expect(h.sentTo(group.id)).toHaveLength(inGroup);
  await press(alice, approve);
  expect(lastInGroup()).toContain(`Merci ${user.first_name}, vous êtes référent·e`);
}

async function addByReferent(name: string, location: string, contact?: string): Promise<void> {
  await sayPrivately(bruno, '/veiller');
  await sayPrivately(bruno, name);
  await sayPrivately(bruno, location);
  await sayPrivately(bruno, 'frapper à la porte');
  if (contact) await sayPrivately(bruno, contact);
  else await pressPrivately(bruno, 'watch:nocontact');
  const [, byReferent] = buttonsOf(h.sentTo(bruno.id).at(-1));
  await pressPrivately(bruno, byReferent!.callback_data!);
  await pressPrivately(bruno, buttonsOf(h.sentTo(bruno.id).at(-1))[0]!.callback_data!);
  expect(lastPrivate(bruno)).toContain(`prendre des nouvelles de ${name}`);
}

describe('the heat and cold watch on Telegram', () => {
  it('runs a whole canicule: rounds, every branch of the ladder, summaries, end, purge', async () => {
    await becomeReferent(bruno);
    await becomeReferent(chloe);
    await sayPrivately(bruno, '/referent secours');
    await pressPrivately(bruno, buttonsOf(h.sentTo(bruno.id).at(-1))[0]!.callback_data!);
    expect(lastPrivate(bruno)).toContain('votre remplaçant·e sera prévenu·e');

    // Health details are refused, in the group and in private; nothing is kept.
    await say(bruno, '/veiller Mme Martin, diabétique');
    expect(lastInGroup()).toContain('Je ne garde aucune information de santé');
    await sayPrivately(bruno, '/veiller');
    await sayPrivately(bruno, 'Mme Martin');
    await sayPrivately(bruno, '3e gauche, sous insuline');
    expect(privateTexts(bruno).at(-2)).toContain('Je ne garde aucune information de santé');
    await sayPrivately(bruno, '3e gauche');
    await sayPrivately(bruno, 'frapper à la porte');
    await sayPrivately(bruno, 'sa fille Julie, 06 11 22 33 44');
    const [, byReferent] = buttonsOf(h.sentTo(bruno.id).at(-1));
    await pressPrivately(bruno, byReferent!.callback_data!);
    expect(lastPrivate(bruno)).toContain('Confirmez-vous que Mme Martin a accepté, aujourd');
    await pressPrivately(bruno, buttonsOf(h.sentTo(bruno.id).at(-1))[0]!.callback_data!);
    expect(lastPrivate(bruno)).toContain('registre des personnes fragiles');
    await addByReferent('M. Leroy', 'RDC', 'son fils, 07 00 00 00 00');
    await addByReferent('Mme Petit', '5e droite');

    // Djamel is in the group: he confirms himself, privately.
    await addMember(bruno, djamel);
    expect(lastPrivate(djamel)).toContain('propose de prendre de vos nouvelles');
    const [yes] = buttonsOf(h.sentTo(djamel.id).at(-1));
    await pressPrivately(emma, yes!.callback_data!);
    expect(h.lastNotice()).toContain('This choice is no longer valid');
    await pressPrivately(djamel, yes!.callback_data!);
    expect(lastPrivate(bruno)).toContain('Djamel a donné son accord');
    expect(lastPrivate(bruno)).toContain(
      'Votre carte de voisin·e relais, à imprimer et à lui donner\u202f: /veiller carte',
    );

    // A canicule is declared: only an administrator may; the group hears advice, once.
    await say(bruno, '/vigilance 69 canicule orange');
    expect(lastInGroup()).toContain('Seuls les administrateurs du bot');
    await say(alice, '/vigilance 99 canicule orange');
    expect(lastInGroup()).toContain('Je ne connais pas le département «\u202f99\u202f»');
    await say(alice, '/vigilance 69 canicule orange');
    await runJobs();
    // Each referent is told at once, privately, and when the first round comes.
    expect(lastPrivate(bruno)).toContain("Vigilance orange canicule\u202f: l'alerte commence");
    expect(lastPrivate(bruno)).toContain('Vous veillez sur 4 voisines et voisins.');
    expect(lastPrivate(bruno)).toContain('0 800 06 66 66');
    const advice = h.sentTo(group.id).at(-1)!;
    expect(advice.params.text).toContain('Vigilance orange canicule dans le 69');
    expect(advice.params.text).toContain('0 800 06 66 66');
    expect(buttonsOf(advice)).toEqual([{ text: 'Le kit canicule', callback_data: 'kit:canicule' }]);
    // Each neighbour may press it: the kit is posted once; later, to the presser alone.
    let posted = h.sentTo(group.id).length;
    await press(chloe, 'kit:canicule');
    const [kit, ...more] = h.sentTo(group.id).slice(posted);
    expect(more).toEqual([]);
    expect(kit!.params.text).toContain('Canicule');
    const documents = chat.documentsTo(group.id).length;
    expect(documents).toBeGreaterThan(0);
    posted = h.sentTo(group.id).length;
    const privately = h.sentTo(bruno.id).length;
    const privateDocuments = chat.documentsTo(bruno).length;
    await press(bruno, 'kit:canicule');
    expect(h.sentTo(group.id)).toHaveLength(posted);
    expect(chat.documentsTo(group.id)).toHaveLength(documents);
    expect(h.lastNotice()).toContain("je vous l'ai aussi envoyé en privé");
    expect(h.sentTo(bruno.id).slice(privately)[0]?.params.text).toBe(kit!.params.text);
    expect(chat.documentsTo(bruno).length - privateDocuments).toBe(documents);
    await say(alice, '/vigilance 69 canicule orange');
    expect(lastInGroup()).toContain('déjà en vigilance orange');

    // 10:00 in Lyon: one check-in per neighbour to the referent; two instances plan once.
    clock.set('2027-07-20T08:00:00Z');
    await tick('watchPlanRounds');
    await tick('watchPlanRounds');
    const rounds = privateTexts(bruno).filter((t) =>
      t.includes('Canicule\u202f: tournée de nouvelles'),
    );
    expect(rounds).toHaveLength(4);
    expect(rounds.join('\n')).toContain('0 800 06 66 66');
    expect(rounds.find((r) => r.includes('Mme Martin'))).toContain('(3e gauche)');

    // Fine; needs help (organisers at once); unreachable (the backup knocks); silence.
    await pressPrivately(emma, `watch:ans:${checkInOf(bruno, 'Mme Martin')}:ok`);
    expect(h.lastNotice()).toContain('It is not (yet) for you to answer for this neighbour');
    await pressPrivately(bruno, `watch:ans:${checkInOf(bruno, 'Mme Martin')}:ok`);
    expect(lastPrivate(bruno)).toContain("Merci, c'est noté\u202f: Mme Martin va bien.");
    await pressPrivately(bruno, `watch:ans:${checkInOf(bruno, 'M. Leroy')}:needs_help`);
    expect(lastPrivate(bruno)).toContain(
      "J'ai prévenu les administrateurs du groupe. En cas d'urgence, appelez le 15.",
    );
    expect(lastPrivate(alice)).toContain('a besoin d');
    expect(lastPrivate(alice)).toContain('M. Leroy');
    const djamelCheckIn = checkInOf(bruno, 'Djamel');
    await pressPrivately(bruno, `watch:ans:${djamelCheckIn}:unreachable`);
    expect(lastPrivate(chloe)).toContain('Pouvez-vous aller frapper à sa porte');

    // Silence is never "all fine": reminder (+2 h), backup (+4 h), organisers (+6 h).
    clock.set('2027-07-20T09:00:00Z');
    await runJobs();
    expect(lastPrivate(bruno)).toContain(
      "Toujours sans nouvelles de ce voisin, et il n'a pas de contact",
    );
    clock.set('2027-07-20T10:00:00Z');
    await runJobs();
    const reminded = privateTexts(bruno).filter((t) => t.includes('Pas encore de réponse'));
    expect(reminded).toHaveLength(1);
    expect(reminded[0]).toContain('Mme Petit');
    expect(lastPrivate(alice)).toContain('appelez le <b>112</b>');
    clock.set('2027-07-20T12:00:00Z');
    await runJobs();
    expect(lastPrivate(chloe)).toContain('Vous êtes son remplaçant');
    expect(lastPrivate(chloe)).toContain('Mme Petit');
    clock.set('2027-07-20T14:00:00Z');
    await runJobs();
    expect(lastPrivate(alice)).toContain("Personne n'a encore pris de nouvelles de ce voisin");
    // A late answer is recorded and stops the ladder.
    await pressPrivately(chloe, `watch:ans:${checkInOf(chloe, 'Mme Petit')}:ok`);
    await pressPrivately(chloe, `watch:ans:${djamelCheckIn}:ok`);
    const outcomes = await database.db.select().from(checkIns);
    expect(outcomes.map((c) => c.outcome).sort()).toEqual(['needs_help', 'ok', 'ok', 'ok']);
    // The console's figures: 4 check-ins sent, each answered once (a later answer is not a
    // second one), 3 within 2 hours; Mme Petit's ladder went through its three steps.
    const figures = {
      'watch:answered': 4,
      'watch:answered_2h': 3,
      'watch:escalation:1': 1,
      'watch:escalation:2': 1,
      'watch:escalation:3': 1,
      'watch:round': 4,
    };
    const expected = Object.fromEntries(
      ['2027', '2027-07'].flatMap((period) =>
        Object.entries(figures).map(([metric, value]) => [`${period} ${metric}`, value]),
      ),
    );
    expect(await rollupsOf(database.db, 'dep:69', 'watch:')).toEqual(expected);
    expect(await rollupsOf(database.db, 'insee:69383', 'watch:')).toEqual(expected);
    // The hourly state figures: two referents, four neighbours watched, one group.
    await tick('refreshCityFigures');
    const state = await rollupsOf(database.db, 'dep:69');
    expect(state).toMatchObject({
      '2027 groups:unset': 1,
      '2027 watch:referents': 2,
      '2027 watch:watched': 4,
    });

    // 19:00: the day's counts to the organisers, privately; counts only.
    clock.set('2027-07-20T17:00:00Z');
    await tick('watchPlanSummaries');
    expect(lastPrivate(alice)).toBe(
      "📋 Tournées d'aujourd'hui\u202f: 4 prises de nouvelles. ✅ 3 vont bien · ⚠️ 1 a besoin d'aide · ❌ 0 injoignable · ⏳ 0 sans réponse.",
    );

    // The end of the alert: the group is told, the organisers get the alert's summary.
    clock.set('2027-07-23T08:00:00Z');
    await say(alice, '/vigilance 69 canicule vert');
    await runJobs();
    expect(lastInGroup()).toContain('Fin de la vigilance canicule dans le 69');
    expect(lastPrivate(alice)).toContain("Fin de l'alerte");
    await tick('watchPlanRounds');
    expect(
      privateTexts(bruno).filter((t) => t.includes('Canicule\u202f: tournée de nouvelles')),
    ).toHaveLength(4);

    // No group ever heard a watched neighbour's name or an outcome.
    for (const text of groupTexts()) {
      expect(text).not.toMatch(/Martin|Leroy|Petit|Djamel|va bien|besoin d'aide|injoignable/);
    }

    // 30 days after the season: the history is purged, the consents have expired.
    clock.set('2027-10-17T08:00:00Z');
    await tick('watchHousekeeping');
    expect(await database.db.select().from(checkIns)).toEqual([]);
    const roster = await database.db.select().from(watchedNeighbours);
    expect(roster.every((w) => w.status === 'removed')).toBe(true);
  });

  it('hands a leaving referent’s neighbours to the backup, and erases a neighbour who asks', async () => {
    await becomeReferent(bruno);
    await becomeReferent(chloe);
    await sayPrivately(bruno, '/referent secours');
    await pressPrivately(bruno, buttonsOf(h.sentTo(bruno.id).at(-1))[0]!.callback_data!);
    await addByReferent('Mme Petit', '5e droite');
    await sayPrivately(bruno, '/referent arreter');
    expect(lastPrivate(chloe)).toContain('1 voisin vous est confié');
    expect(lastPrivate(alice)).toContain('confié à son remplaçant');
    const [petit] = await database.db.select().from(watchedNeighbours);
    expect(petit!.referentPersonId).not.toBeNull();

    // Erasing the referent: first she is told what she watches over and asked who takes
    // over (no backup: the organisers); they are told, with a count and no health data.
    await sayPrivately(chloe, '/oublier');
    expect(lastPrivate(chloe)).toContain('Vous veillez sur 1 voisin·e dans');
    expect(lastPrivate(chloe)).toContain('Qui prend le relais\u202f?');
    const [toOrganisers, keep] = buttonsOf(h.sentTo(chloe.id).at(-1));
    expect(toOrganisers!.text).toBe('Confier aux personnes qui organisent et tout effacer');
    expect(keep!.text).toBe('Non, garder');
    const aliceBefore = privateTexts(alice).length;
    await pressPrivately(chloe, toOrganisers!.callback_data!);
    expect(privateTexts(alice).slice(aliceBefore).join('\n')).toContain(
      "n'avait pas de remplaçant\u202f: 1 voisin est sans référent·e",
    );
    expect(privateTexts(alice).slice(aliceBefore).join('\n')).not.toContain('Petit');
    const [after] = await database.db
      .select()
      .from(watchedNeighbours)
      .where(eq(watchedNeighbours.id, petit!.id));
    expect(after!.referentPersonId).toBeNull();
  });

  it('keeps a referent’s answers about a neighbour out of a help relay running at the same time', async () => {
    // Bruno asks for help; Chloé offers; they talk through the bot.
    await sayPrivately(chloe, '/jepeuxaider');
    await pressPrivately(chloe, buttonsOf(h.sentTo(chloe.id).at(-1))[0]!.callback_data!);
    await pressPrivately(chloe, buttonsOf(h.sentTo(chloe.id).at(-1)).at(-1)!.callback_data!);
    await pressPrivately(chloe, buttonsOf(h.sentTo(chloe.id).at(-1))[0]!.callback_data!);
    await sayPrivately(bruno, '/besoin courses : du pain');
    await pressPrivately(bruno, buttonsOf(h.sentTo(bruno.id).at(-1))[0]!.callback_data!);
    await runJobs();
    await pressPrivately(chloe, buttonsOf(h.sentTo(chloe.id).at(-1))[0]!.callback_data!);
    const relay = buttonsOf(h.sentTo(bruno.id).at(-1)).find((b) =>
      b.callback_data?.endsWith(':relay'),
    )!;
    await pressPrivately(bruno, relay.callback_data!);
    await sayPrivately(bruno, 'Merci, à tout à l’heure');
    expect(lastPrivate(chloe)).toContain('Merci, à tout à l’heure');

    // Meanwhile Bruno, a referent, adds Mme Martin: her name and door stay with the bot.
    await becomeReferent(bruno);
    const chloeHeard = privateTexts(chloe).length;
    await addByReferent('Mme Martin', '3e gauche');
    expect(privateTexts(chloe)).toHaveLength(chloeHeard);
    expect(privateTexts(chloe).join('\n')).not.toMatch(/Martin|3e gauche/);
    const [martin] = await database.db.select().from(watchedNeighbours);
    expect(martin).toMatchObject({ name: 'Mme Martin', location: '3e gauche', status: 'active' });
  });
});
