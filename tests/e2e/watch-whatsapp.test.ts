// The heat and cold watch through the real bot and a fake whatsapp-web.js client, with a
// clock the test moves. What WhatsApp changes: no buttons, so every choice is a numbered
// reply that answers the chat's latest numbered question only; and the bot never writes
// first, so a neighbour who confirms their own consent must write to it first. A referent
// gets one check-in per neighbour, one after the other: a "1" while several are waiting asks
// which neighbour it is about, the next one is asked again, and /nouvelles brings them back.
// No group ever hears a watched neighbour's name or an outcome; nobody who never wrote to
// the bot privately gets a private message.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { findPersonByIdentity } from '../../db/queries/people.ts';
import { checkIns, watchedNeighbours } from '../../db/schema.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { residenceWith, wa, type WhatsAppPerson as Person } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { alice, bruno, chloe, djamel } = wa;
/** A second group admin who never writes to the bot privately. */
const fanny = { pn: '33655555555@c.us', lid: '555555555555555@lid', name: 'Fanny' };

// Tuesday 20 July 2027, 08:00 in Lyon.
const clock = createTestClock('2027-07-20T06:00:00Z');
const h = useWhatsAppHarness(database, {
  clock,
  env: { BOT_ADMINS: `whatsapp:${alice.pn}` },
  fake: residenceWith([djamel], [fanny]),
});
const chat = createWhatsAppChat(h);
const { say, sayPrivately, privateTexts, lastPrivate, groupTexts, lastInGroup, choose } = chat;
const { runJobs, tick } = chat;
/** People who wrote to the bot privately so far, and private messages sent to anyone else. */
let wrotePrivately: Set<string>;
let firstContacts: string[];
beforeEach(async () => {
  wrotePrivately = new Set();
  firstContacts = [];
  h.client().on('message_create', (m: { fromMe: boolean; from: string; to: string }) => {
    if (!m.fromMe && !m.from.endsWith('@g.us')) wrotePrivately.add(m.from);
    if (m.fromMe && !m.to.endsWith('@g.us') && !wrotePrivately.has(m.to)) firstContacts.push(m.to);
  });
  await say(alice, '!parametres cp 69003');
  for (const person of [bruno, chloe, djamel, fanny]) await say(person, '!aide');
  for (const person of [alice, bruno, chloe]) await sayPrivately(person, '!aide');
});

async function runJobsAt(at: string): Promise<void> {
  clock.set(at);
  await runJobs();
}

async function becomeReferent(person: Person): Promise<void> {
  await say(person, '!referent');
  expect(lastInGroup()).toContain(`${person.name} propose d'être référent·e`);
  // The number shown on the offer, as a person reads it (every list starts at 1).
  const accept = /\*(\d+)\.\*/.exec(lastInGroup())![1]!;
  // A number typed in the group has no pop-up: the refusal answers it where it was typed,
  // as a command's would.
  await say(person === bruno ? chloe : bruno, accept);
  expect(lastInGroup()).toContain('seuls les administrateurs du groupe peuvent faire ce choix');
  await say(alice, accept);
  expect(lastInGroup()).toContain(`Merci ${person.name}, vous êtes référent·e`);
}

/** Bruno adds a neighbour who is not in the group and told him they agree. */
async function addByReferent(name: string, location: string, contact?: string): Promise<void> {
  await sayPrivately(bruno, '!veiller');
  await sayPrivately(bruno, name);
  await sayPrivately(bruno, location);
  await sayPrivately(bruno, 'frapper à la porte');
  if (contact) await sayPrivately(bruno, contact);
  else await choose(bruno, 'Pas de contact');
  await choose(bruno, "Non\u202f: elle m'a donné son accord");
  expect(lastPrivate(bruno)).toContain(`Confirmez-vous que ${name} a accepté, aujourd`);
  await choose(bruno, 'Oui, je confirme');
  expect(lastPrivate(bruno)).toContain(`prendre des nouvelles de ${name} pendant les alertes`);
  expect(lastPrivate(bruno)).toContain('registre des personnes fragiles');
}

/** Bruno adds a member of the group, who must confirm themselves. */
async function addMember(person: Person): Promise<void> {
  await sayPrivately(bruno, '!veiller');
  await sayPrivately(bruno, person.name);
  await sayPrivately(bruno, '2e');
  await sayPrivately(bruno, 'téléphone');
  await choose(bruno, 'Pas de contact');
  await choose(bruno, 'Oui\u202f: elle confirmera elle-même');
  await choose(bruno, person.name);
}

const roundsOf = (person: Person) =>
  privateTexts(person).filter((t) => t.includes('Canicule\u202f: tournée de nouvelles'));
const outcomes = async () =>
  (await database.db.select().from(checkIns)).map((c) => c.outcome).sort();

describe('the heat and cold watch on WhatsApp', () => {
  it('runs a whole canicule: consent, rounds, every branch of the ladder, summaries, end, purge', async () => {
    await becomeReferent(bruno);
    await becomeReferent(chloe);
    await sayPrivately(bruno, '!referent secours');
    await choose(bruno, 'Chloé');
    expect(lastPrivate(bruno)).toContain('votre remplaçant·e sera prévenu·e');

    // Health details are refused, in the group and in private; nothing is kept.
    await say(bruno, '!veiller Mme Martin, diabétique');
    expect(lastInGroup()).toContain('Je ne garde aucune information de santé');
    await sayPrivately(bruno, '!veiller');
    await sayPrivately(bruno, 'Mme Martin');
    await sayPrivately(bruno, '3e gauche, sous insuline');
    expect(privateTexts(bruno).at(-2)).toContain('Je ne garde aucune information de santé');
    await sayPrivately(bruno, '3e gauche');
    await sayPrivately(bruno, 'frapper à la porte');
    await sayPrivately(bruno, 'sa fille Julie, 06 11 22 33 44');
    await choose(bruno, "Non\u202f: elle m'a donné son accord");
    await choose(bruno, 'Oui, je confirme');
    expect(lastPrivate(bruno)).toContain('registre des personnes fragiles');
    await addByReferent('M. Leroy', 'RDC', 'son fils, 07 00 00 00 00');
    await addByReferent('Mme Petit', '5e droite');
    const stored = await database.db.select().from(watchedNeighbours).orderBy(watchedNeighbours.id);
    expect(stored.map((w) => w.location)).toEqual(['3e gauche', 'RDC', '5e droite']);
    expect(JSON.stringify(stored)).not.toMatch(/insuline|diab/);

    // Djamel is in the group: the bot may not write to him first, so Bruno is told to ask
    // him to write; he writes, and confirms himself. Fanny never writes: her consent stays
    // pending, and she is never checked on.
    await addMember(djamel);
    expect(lastPrivate(bruno)).toMatch(/Djamel doit confirmer en privé\u202f: .* \/accord \d+$/);
    expect(privateTexts(djamel)).toEqual([]);
    const djamelId = /\/accord (\d+)$/.exec(lastPrivate(bruno))![1];
    await sayPrivately(chloe, `!accord ${djamelId}`);
    expect(lastPrivate(chloe)).toContain('Ce numéro ne correspond à rien');
    expect(lastPrivate(chloe)).not.toContain('Djamel');
    await sayPrivately(djamel, `!accord ${djamelId}`);
    expect(lastPrivate(djamel)).toContain('Bruno, référent·e de votre immeuble, propose');
    await choose(djamel, "Oui, d'accord");
    expect(lastPrivate(djamel)).toContain('Votre référent·e prendra de vos nouvelles');
    expect(lastPrivate(bruno)).toContain('Djamel a donné son accord');
    await addMember(fanny);
    expect(lastPrivate(bruno)).toContain('Fanny doit confirmer en privé');

    // A canicule: only a bot administrator may declare it; the group hears advice once.
    await say(bruno, '!vigilance 69 canicule orange');
    expect(lastInGroup()).toContain('Seuls les administrateurs du bot');
    await say(alice, '!vigilance 99 canicule orange');
    expect(lastInGroup()).toContain('Je ne connais pas le département «\u202f99\u202f»');
    await say(alice, '!vigilance 69 canicule orange');
    await runJobsAt('2027-07-20T06:00:00Z');
    expect(lastInGroup()).toContain('Vigilance orange canicule dans le 69');
    expect(lastInGroup()).toContain('*0 800 06 66 66*');
    expect(lastInGroup()).toContain('*1.* Le kit canicule');
    await say(alice, '!vigilance 69 canicule orange');
    expect(lastInGroup()).toContain('déjà en vigilance orange');
    expect(groupTexts().filter((t) => t.includes('🟠 Vigilance orange'))).toHaveLength(1);

    // 10:00 in Lyon: one check-in per consenting neighbour, privately, once.
    clock.set('2027-07-20T08:00:00Z');
    await tick('watchPlanRounds');
    await tick('watchPlanRounds');
    // (A referent's check-ins may be spaced out by the platform's pace: a few seconds.)
    await runJobsAt('2027-07-20T08:00:30Z');
    const rounds = roundsOf(bruno);
    expect(rounds).toHaveLength(4);
    for (const name of ['Mme Martin', 'M. Leroy', 'Mme Petit', 'Djamel']) {
      expect(rounds.filter((r) => r.includes(`*${name}*`))).toHaveLength(1);
    }
    expect(rounds.join('\n')).not.toContain('Fanny');
    expect(rounds.find((r) => r.includes('Mme Martin'))).toContain('(3e gauche)');
    for (const round of rounds) {
      expect(round).toContain('0 800 06 66 66');
      expect(round).toContain('Pour répondre plus tard, ou pour un autre voisin\u202f: /nouvelles');
      expect(round).toContain("*1.* ✅ Va bien\n*2.* ⚠️ A besoin d'aide\n*3.* ❌ Injoignable");
    }

    // "1" answers the latest question, but four neighbours are waiting: which one?
    await sayPrivately(bruno, '1');
    expect(lastPrivate(bruno)).toContain('✅ Va bien\u202f: pour quel voisin\u202f?');
    await choose(bruno, 'Mme Martin');
    expect(privateTexts(bruno).at(-2)).toBe("Merci, c'est noté\u202f: Mme Martin va bien.");
    // The next one is asked again, as the latest question.
    expect(lastPrivate(bruno)).toContain('Et ce voisin-ci\u202f?');
    expect(lastPrivate(bruno)).not.toContain('Mme Martin');

    // Needs help: the organisers who wrote to the bot hear it at once, with the contact.
    await sayPrivately(bruno, '!nouvelles');
    expect(lastPrivate(bruno)).toContain('Les voisins dont on attend encore des nouvelles');
    expect(lastPrivate(bruno)).not.toContain('Mme Martin');
    await choose(bruno, 'M. Leroy');
    expect(lastPrivate(bruno)).toContain('*M. Leroy* (RDC)');
    await sayPrivately(bruno, '2');
    expect(privateTexts(bruno).at(-2)).toContain(
      "C'est noté\u202f: M. Leroy a besoin d'aide. J'ai prévenu",
    );
    expect(privateTexts(bruno).at(-2)).toContain('appelez le 15');
    expect(lastPrivate(alice)).toContain("⚠️ Un voisin de votre immeuble a besoin d'aide");
    expect(lastPrivate(alice)).toContain('*M. Leroy* (RDC)');
    expect(lastPrivate(alice)).toContain('son fils, 07 00 00 00 00');

    // Unreachable: the backup is asked to knock on the door.
    await sayPrivately(bruno, '!nouvelles');
    await choose(bruno, 'Djamel');
    await sayPrivately(bruno, '3');
    expect(privateTexts(bruno).at(-2)).toContain(
      "J'ai demandé à Chloé, votre remplaçant·e, d'aller frapper à la porte de Djamel",
    );
    expect(lastPrivate(chloe)).toContain('Pouvez-vous aller frapper à sa porte');
    expect(lastPrivate(chloe)).toContain('*3.* ❌ Toujours injoignable');

    // Someone who is not in charge of these neighbours has nothing to answer.
    await sayPrivately(djamel, '!nouvelles');
    expect(lastPrivate(djamel)).toContain("Aucun voisin n'attend de nouvelles de votre part");

    // Silence is never "all fine". +1 h: still unreachable, no emergency contact.
    await runJobsAt('2027-07-20T09:01:00Z');
    expect(lastPrivate(bruno)).toContain(
      "Toujours sans nouvelles de ce voisin, et il n'a pas de contact d'urgence",
    );
    // +2 h: a reminder about Mme Petit; Djamel: the advice to call 112, organisers too.
    await runJobsAt('2027-07-20T10:01:00Z');
    const reminded = privateTexts(bruno).filter((t) => t.includes('Pas encore de réponse'));
    expect(reminded).toHaveLength(1);
    expect(reminded[0]).toContain('*Mme Petit*');
    expect(lastPrivate(alice)).toContain('appelez le *112*');
    // +4 h: the backup is asked about Mme Petit; she answers the next step's question.
    await runJobsAt('2027-07-20T12:01:00Z');
    expect(lastPrivate(chloe)).toContain('Vous êtes son remplaçant');
    expect(lastPrivate(chloe)).toContain('*Mme Petit*');
    await sayPrivately(chloe, '1');
    expect(lastPrivate(chloe)).toContain('✅ Va bien\u202f: pour quel voisin\u202f?');
    await choose(chloe, 'Mme Petit');
    expect(lastPrivate(chloe)).toBe("Merci, c'est noté\u202f: Mme Petit va bien.");
    // +6 h: that answer stopped the ladder: the organisers are not asked.
    const aliceBefore = privateTexts(alice).length;
    await runJobsAt('2027-07-20T14:01:00Z');
    expect(privateTexts(alice)).toHaveLength(aliceBefore);
    // An organiser answers for Djamel, long after his numbered question expired.
    await sayPrivately(alice, '1');
    expect(lastPrivate(alice)).toContain("Je n'ai pas bien compris");
    await sayPrivately(alice, '!nouvelles');
    expect(lastPrivate(alice)).toContain('Comment va ce voisin\u202f?');
    expect(lastPrivate(alice)).toContain('*Djamel* (2e)');
    expect(lastPrivate(alice)).toContain('*3.* ❌ Toujours injoignable');
    await sayPrivately(alice, '1');
    expect(lastPrivate(alice)).toBe("Merci, c'est noté\u202f: Djamel va bien.");
    expect(await outcomes()).toEqual(['needs_help', 'ok', 'ok', 'ok']);
    // The rest of the ladders stay silent once answered.
    const sentBefore = h.client().sent.length;
    await runJobsAt('2027-07-20T16:00:00Z');
    await runJobsAt('2027-07-20T16:59:00Z');
    expect(h.client().sent).toHaveLength(sentBefore);

    // 19:00: the day's counts to the organisers, privately; counts only.
    await runJobsAt('2027-07-20T17:00:00Z');
    await tick('watchPlanSummaries');
    expect(lastPrivate(alice)).toBe(
      "📋 Tournées d'aujourd'hui\u202f: 4 prises de nouvelles. ✅ 3 vont bien · ⚠️ 1 a besoin d'aide · ❌ 0 injoignable · ⏳ 0 sans réponse.",
    );

    // The end of the alert: the group is told, the organisers get the alert's summary, and
    // there are no more rounds.
    clock.set('2027-07-23T08:00:00Z');
    await say(alice, '!vigilance 69 canicule vert');
    await h.app.jobs.runDueJobs();
    await h.settle();
    expect(lastInGroup()).toContain('Fin de la vigilance canicule dans le 69');
    expect(lastPrivate(alice)).toContain("Fin de l'alerte");
    await tick('watchPlanRounds');
    expect(roundsOf(bruno)).toHaveLength(4);

    // No group heard a watched neighbour's name or an outcome; nobody who never wrote to
    // the bot privately got a private message; nothing failed.
    for (const text of groupTexts()) {
      expect(text).not.toMatch(
        /Martin|Leroy|Petit|Djamel|Fanny|va bien|besoin d'aide|injoignable/i,
      );
    }
    expect(firstContacts).toEqual([]);
    expect(privateTexts(fanny)).toEqual([]);
    expect(h.logs.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);

    // Djamel erases what the bot knows about him: his check-in history goes with it.
    await sayPrivately(djamel, '!oublier');
    await choose(djamel, 'Oui, tout effacer');
    const left = await database.db.select().from(watchedNeighbours);
    expect(left.map((w) => w.name)).not.toContain('Djamel');
    expect(await outcomes()).toEqual(['needs_help', 'ok', 'ok']);

    // 30 days after the season: the history is purged and the expired roster is gone.
    await runJobsAt('2027-10-17T08:00:00Z');
    await tick('watchHousekeeping');
    expect(await database.db.select().from(checkIns)).toEqual([]);
    const roster = await database.db
      .select()
      .from(watchedNeighbours)
      .where(eq(watchedNeighbours.chatId, stored[0]!.chatId));
    expect(roster).toEqual([]);
  });

  it('runs two rounds a day at red in the cold, and hands a leaving referent’s neighbour on', async () => {
    // Tuesday 11 January 2028, 07:00 in Lyon: the cold season.
    clock.set('2028-01-11T06:00:00Z');
    await becomeReferent(bruno);
    await becomeReferent(chloe);
    await sayPrivately(bruno, '!referent secours');
    await choose(bruno, 'Chloé');
    await addByReferent('Mme Martin', '3e gauche');
    await say(alice, '!vigilance 69 froid rouge');
    await runJobsAt('2028-01-11T06:00:00Z');
    expect(lastInGroup()).toContain('Vigilance rouge grand froid dans le 69');
    expect(lastInGroup()).toContain('*115*');
    expect(lastInGroup()).toContain('*1.* Le kit grand froid');

    // 10:00: the first round; nobody answers: reminder, backup, organisers.
    clock.set('2028-01-11T09:00:00Z');
    await tick('watchPlanRounds');
    await runJobsAt('2028-01-11T09:00:30Z');
    expect(lastPrivate(bruno)).toContain('❄️ *Grand froid\u202f: tournée de nouvelles*');
    expect(lastPrivate(bruno)).toContain('*115*');
    for (const at of ['2028-01-11T11:01:00Z', '2028-01-11T13:01:00Z', '2028-01-11T15:01:00Z']) {
      await runJobsAt(at);
    }
    expect(privateTexts(bruno).filter((t) => t.includes('Pas encore de réponse'))).toHaveLength(1);
    expect(lastPrivate(chloe)).toContain('Vous êtes son remplaçant');
    expect(lastPrivate(alice)).toContain("Personne n'a encore pris de nouvelles de ce voisin");

    // 17:00, red: a second round. Two check-ins of the same neighbour wait: which one?
    clock.set('2028-01-11T16:00:00Z');
    await tick('watchPlanRounds');
    await runJobsAt('2028-01-11T16:00:30Z');
    expect(
      privateTexts(bruno).filter((t) => t.includes('Grand froid\u202f: tournée')),
    ).toHaveLength(2);
    await sayPrivately(bruno, '1');
    expect(lastPrivate(bruno)).toContain(
      '✅ Va bien\u202f: pour quel voisin\u202f?\n\n*1.* Mme Martin — 10 h\n*2.* Mme Martin — 17 h',
    );
    await choose(bruno, 'Mme Martin — 10 h');
    expect(lastPrivate(bruno)).toContain('Et ce voisin-ci\u202f?');
    await sayPrivately(bruno, '1');
    expect(lastPrivate(bruno)).toBe("Merci, c'est noté\u202f: Mme Martin va bien.");
    expect(await outcomes()).toEqual(['ok', 'ok']);

    // Bruno leaves the group: his neighbour goes to his backup; the organisers are told.
    h.client().leaveGroup(wa.group, [bruno.pn]);
    await h.settle();
    expect(lastPrivate(chloe)).toContain('1 voisin vous est confié');
    expect(lastPrivate(alice)).toContain('confié à son remplaçant');
    const [martin] = await database.db.select().from(watchedNeighbours);
    const chloeRow = await findPersonByIdentity(database.db, 'whatsapp', chloe.pn);
    expect(martin!.referentPersonId).toBe(chloeRow!.id);

    for (const text of groupTexts()) {
      expect(text).not.toMatch(/Martin|va bien|besoin d'aide|injoignable/i);
    }
    expect(firstContacts).toEqual([]);
    expect(h.logs.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
  });
});
