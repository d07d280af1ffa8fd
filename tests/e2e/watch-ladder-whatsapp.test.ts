// The heat and cold watch as the December 2026 tryout met it, through the real bot and a fake
// whatsapp-web.js client (numbered choices, as in the terminal chat): the group "Résidence
// des Lilas", Alice its admin, Bruno a referent with Djamel as his backup, Chloé watched.
// Only the person the ladder has reached sees and answers a check-in; an answer closes it
// for everyone reached, who are told; a second alert's round goes out; a neighbour who
// withdraws stops the ladder and those it reached are told; a neighbour can ask to be
// watched; she sees everything kept about her.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkIns, watchedNeighbours } from '../../db/schema.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { residenceWith, wa, type WhatsAppPerson as Person } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { alice, bruno, chloe, djamel } = wa;

// Tuesday 20 July 2027, 14:00 in Lyon.
const clock = createTestClock('2027-07-20T12:00:00Z');
const h = useWhatsAppHarness(database, {
  clock,
  env: { BOT_ADMINS: `whatsapp:${alice.pn}` },
  fake: residenceWith([djamel]),
});
const chat = createWhatsAppChat(h);
const { say, sayPrivately, privateTexts, lastPrivate, groupTexts, lastInGroup, choose } = chat;
const { runJobs } = chat;

beforeEach(async () => {
  clock.set('2027-07-20T12:00:00Z');
  await say(alice, '!parametres cp 69003');
  for (const person of [bruno, chloe, djamel]) await say(person, '!aide');
  for (const person of [alice, bruno, chloe, djamel]) await sayPrivately(person, '!aide');
});

async function runJobsAt(at: string): Promise<void> {
  clock.set(at);
  await runJobs();
}

async function becomeReferent(person: Person): Promise<void> {
  await say(person, '!referent');
  const accept = /\*(\d+)\.\* Confirmer/.exec(lastInGroup())![1]!;
  await say(alice, accept);
  expect(lastInGroup()).toContain(`Merci ${person.name}, vous êtes référent·e`);
}

/** Bruno (backup: Djamel) watches over Chloé, who confirmed herself. */
async function chloeWatchedByBruno(): Promise<void> {
  await becomeReferent(bruno);
  await becomeReferent(djamel);
  await sayPrivately(bruno, '!referent secours');
  await choose(bruno, 'Djamel');
  await sayPrivately(bruno, '!veiller');
  await sayPrivately(bruno, 'Chloé');
  await sayPrivately(bruno, '2e gauche');
  // How to reach her, said with a mobility aid: a health detail, refused with a way to say
  // what the referent needs without it.
  await sayPrivately(bruno, 'sonner longtemps, elle marche avec un déambulateur');
  expect(privateTexts(bruno).at(-2)).toContain('même pour expliquer comment joindre quelqu');
  expect(privateTexts(bruno).at(-2)).toContain('sans dire pourquoi');
  await sayPrivately(bruno, 'sonner longtemps, 06 12 34 56 78');
  await sayPrivately(bruno, 'sa fille Julie, 06 11 22 33 44');
  await choose(bruno, 'Oui\u202f: elle confirmera elle-même');
  await choose(bruno, 'Chloé');
  // Her consent question says everything that would be kept, the emergency contact too.
  const asked = lastPrivate(chloe);
  expect(asked).toContain('une personne à prévenir en cas de souci (son nom et son téléphone)');
  expect(asked).toContain('• Étage ou porte\u202f: 2e gauche');
  expect(asked).toContain('• Pour vous joindre\u202f: sonner longtemps, 06 12 34 56 78');
  expect(asked).toContain(
    '• Personne à prévenir en cas de souci\u202f: sa fille Julie, 06 11 22 33 44',
  );
  expect(asked).toContain("Vous êtes d'accord\u202f?");
  await choose(chloe, "Oui, d'accord");
  expect(lastPrivate(bruno)).toContain('Chloé a donné son accord');
  const [stored] = await database.db.select().from(watchedNeighbours);
  expect(JSON.stringify(stored)).not.toContain('déambulateur');
}

const roundsAbout = (person: Person, name: string) =>
  privateTexts(person).filter((t) => t.includes('tournée de nouvelles') && t.includes(`*${name}*`));

describe('who sees and answers a check-in', () => {
  it('is the person the ladder has reached; an answer closes it for all, who are told', async () => {
    await chloeWatchedByBruno();
    await say(alice, '!vigilance 69 canicule orange');
    await runJobsAt('2027-07-20T12:20:00Z');
    expect(roundsAbout(bruno, 'Chloé')).toHaveLength(1);

    // Within the minute: neither the backup (his step has not come) nor the admin (not a
    // referent) sees it or may answer it.
    for (const person of [djamel, alice]) {
      await sayPrivately(person, '!nouvelles');
      expect(lastPrivate(person)).toContain("Aucun voisin n'attend de nouvelles de votre part");
      expect(privateTexts(person).join('\n')).not.toContain('*Chloé*');
      await sayPrivately(person, '1');
      expect(lastPrivate(person)).not.toContain('Chloé');
    }

    // +2 h: Bruno is reminded; +4 h: Djamel is asked, and now sees it.
    await runJobsAt('2027-07-20T14:21:00Z');
    expect(lastPrivate(bruno)).toContain('Pas encore de réponse');
    await runJobsAt('2027-07-20T16:21:00Z');
    expect(lastPrivate(djamel)).toContain('Vous êtes son remplaçant');
    expect(lastPrivate(djamel)).toContain('*Chloé* (2e gauche)');
    // Alice still is not reached.
    await sayPrivately(alice, '!nouvelles');
    expect(lastPrivate(alice)).toContain("Aucun voisin n'attend de nouvelles de votre part");

    // Djamel, the backup, finds nobody: no one is asked to knock (he is that one); the
    // emergency contact comes next, to him and to Bruno.
    await sayPrivately(djamel, '!nouvelles');
    await sayPrivately(djamel, '3');
    expect(lastPrivate(djamel)).toContain(
      "C'est noté\u202f: toujours sans nouvelles de Chloé. Étape suivante\u202f: son contact d'urgence",
    );
    expect(privateTexts(djamel).join('\n')).not.toContain('remplaçant de frapper');
    expect(privateTexts(bruno).join('\n')).not.toContain('frapper à sa porte');
    await runJobsAt('2027-07-20T16:22:00Z');
    for (const person of [bruno, djamel]) {
      expect(lastPrivate(person)).toContain(
        "Prévenez son contact d'urgence\u202f: sa fille Julie, 06 11 22 33 44",
      );
    }

    // Bruno has news: closed for everyone reached, who is told who answered and what.
    await sayPrivately(bruno, '1');
    expect(lastPrivate(bruno)).toBe("Merci, c'est noté\u202f: Chloé va bien.");
    expect(lastPrivate(djamel)).toBe(
      '✅ Chloé va bien\u202f: Bruno a eu de ses nouvelles. Plus rien à faire cette fois, merci\u202f!',
    );
    expect(privateTexts(alice).join('\n')).not.toContain('Chloé');

    // Djamel answers his older menu: it was closed, by Bruno; nothing changes.
    await sayPrivately(djamel, '2');
    expect(lastPrivate(djamel)).toBe(
      "C'est déjà réglé pour Chloé\u202f: Bruno a répondu à 18 h 22 (va bien). Merci\u202f!",
    );
    const [checkIn] = await database.db.select().from(checkIns);
    expect(checkIn!.outcome).toBe('ok');

    // The rest of the ladder stays silent: 112, the organisers.
    const sent = h.client().sent.length;
    await runJobsAt('2027-07-20T17:30:00Z');
    await runJobsAt('2027-07-20T18:30:00Z');
    expect(h.client().sent).toHaveLength(sent);
  });

  it('reaches the organisers last, and their answer closes it for the referent and backup', async () => {
    await chloeWatchedByBruno();
    await say(alice, '!vigilance 69 canicule orange');
    await runJobsAt('2027-07-20T12:20:00Z');
    for (const at of ['2027-07-20T14:21:00Z', '2027-07-20T16:21:00Z', '2027-07-20T18:21:00Z']) {
      await runJobsAt(at);
    }
    expect(lastPrivate(alice)).toContain("Personne n'a encore pris de nouvelles de ce voisin");
    await sayPrivately(alice, '1');
    expect(lastPrivate(alice)).toBe("Merci, c'est noté\u202f: Chloé va bien.");
    for (const person of [bruno, djamel]) {
      expect(lastPrivate(person)).toContain('✅ Chloé va bien\u202f: Alice a eu de ses nouvelles');
    }
  });
});

describe('two alerts at once', () => {
  it('sends the second alert’s round, one round saying both; a canicule in December is asked again', async () => {
    // Monday 7 December 2026, 14:20 in Lyon.
    clock.set('2026-12-07T13:20:00Z');
    await chloeWatchedByBruno();

    // A canicule declared by hand in December: asked again, not refused, nothing announced yet.
    await say(alice, '!vigilance 69 canicule rouge');
    expect(lastInGroup()).toContain(
      "Une vigilance canicule rouge dans le 69, le 7 décembre 2026\u202f? C'est inhabituel à cette date",
    );
    await say(alice, numberOf(lastInGroup(), 'Non, annuler'));
    expect(lastInGroup()).toContain("C'est annulé\u202f: rien n'est annoncé.");
    await runJobs();
    expect(groupTexts().join('\n')).not.toContain('Vigilance rouge canicule');
    await say(alice, '!vigilance 69 canicule rouge');
    // Only the declarer answers it.
    await say(bruno, '1');
    expect(groupTexts().join('\n')).not.toContain('Les groupes du département sont prévenus');
    await say(alice, '1');
    expect(lastInGroup()).toContain('Vigilance canicule dans le 69\u202f: rouge');
    await runJobs();
    expect(groupTexts().join('\n')).toContain('Vigilance rouge canicule dans le 69');
    const heatRound = roundsAbout(bruno, 'Chloé');
    expect(heatRound).toHaveLength(1);
    expect(heatRound[0]).toContain('Canicule\u202f: tournée de nouvelles');

    // Chloé cannot be reached: Djamel is asked to knock.
    await sayPrivately(bruno, '3');
    expect(lastPrivate(djamel)).toContain('Bruno, son ou sa référent·e');

    // Within the same hour, a grand froid too: the other alert is named in the question.
    clock.set('2026-12-07T13:40:00Z');
    await say(alice, '!vigilance 69 froid orange');
    expect(lastInGroup()).toContain('Vigilance grand froid dans le 69\u202f: orange');
    await runJobs();
    const rounds = roundsAbout(bruno, 'Chloé');
    expect(rounds).toHaveLength(2);
    expect(rounds[1]).toContain('Canicule et grand froid\u202f: tournée de nouvelles');
    expect(rounds[1]).toContain('*115*');
    expect(rounds[1]).toContain('0 800 06 66 66');

    // News now answers the older check-in too: the unreachable ladder stops.
    await sayPrivately(bruno, '!nouvelles');
    await choose(bruno, 'Chloé — 14 h 40');
    await sayPrivately(bruno, '1');
    expect(lastPrivate(bruno)).toBe("Merci, c'est noté\u202f: Chloé va bien.");
    expect((await database.db.select().from(checkIns)).map((c) => c.outcome)).toEqual(['ok', 'ok']);
    const sent = h.client().sent.length;
    await runJobsAt('2026-12-07T15:30:00Z');
    expect(
      h
        .client()
        .sent.slice(sent)
        .map((s) => s.text ?? ''),
    ).not.toContainEqual(expect.stringContaining("contact d'urgence"));

    // The next morning's round: once for Chloé, saying both.
    clock.set('2026-12-08T09:00:00Z');
    await chat.tick('watchPlanRounds');
    await runJobsAt('2026-12-08T09:00:30Z');
    const morning = roundsAbout(bruno, 'Chloé').slice(2);
    expect(morning).toHaveLength(1);
    expect(morning[0]).toContain('Canicule et grand froid');
  });
});

describe('a neighbour who leaves mid-escalation', () => {
  it('tells those the ladder reached that it stopped, and singles nobody out to the organisers', async () => {
    await chloeWatchedByBruno();
    // Chloé brings the galette's cider.
    await say(alice, '!evenement Goûter 28/07 16h cour');
    await say(alice, '!liste ajouter cidre');
    await say(chloe, '!japporte 1');
    expect(lastInGroup()).toContain('cidre');
    await say(alice, '!vigilance 69 canicule orange');
    await runJobsAt('2027-07-20T12:20:00Z');
    await sayPrivately(bruno, '3');
    await runJobsAt('2027-07-20T13:21:00Z');
    expect(lastPrivate(bruno)).toContain(
      "Toujours sans nouvelles de ce voisin. Prévenez son contact d'urgence",
    );
    const aliceBefore = privateTexts(alice).length;

    await sayPrivately(chloe, '!oublier');
    await choose(chloe, 'Oui, tout effacer');
    for (const person of [bruno, djamel]) {
      expect(lastPrivate(person)).toContain(
        "ℹ️ Chloé a retiré son accord pour qu'on prenne de ses nouvelles",
      );
      expect(lastPrivate(person)).toContain('vous pouvez cesser les démarches');
      expect(lastPrivate(person)).toContain('*15*');
      expect(lastPrivate(person)).not.toMatch(/2e gauche|Julie|06 12|06 11/);
    }
    // Alice was not reached by the ladder, and hears nothing of an erasure.
    expect(privateTexts(alice).slice(aliceBefore)).toEqual([]);
    expect(await database.db.select().from(watchedNeighbours)).toEqual([]);
    // The list says what is to take again, as any change to it would.
    await say(alice, '!liste');
    expect(lastInGroup()).toContain('cidre');
    expect(groupTexts().join('\n')).not.toMatch(/effacé ses données/);

    // Nothing more comes of her ladder.
    const heard = [bruno, djamel, alice].map((p) => privateTexts(p).length);
    await runJobsAt('2027-07-20T15:00:00Z');
    expect([bruno, djamel, alice].map((p) => privateTexts(p).length)).toEqual(heard);
  });
});

describe('a neighbour who would like to be watched', () => {
  it('asks with /veiller; the referents are told privately and add her with her consent', async () => {
    await becomeReferent(bruno);
    await becomeReferent(djamel);
    await say(alice, '!vigilance 69 canicule orange');
    await runJobsAt('2027-07-20T12:00:30Z');
    // The alert tells a referent with nobody to watch how neighbours ask, as it is done.
    expect(lastPrivate(bruno)).toContain('en écrivant /veiller (dans le groupe ou en privé)');
    expect(groupTexts().join('\n')).toContain('Écrivez /veiller');

    // In the group: answered privately, nothing about her said there.
    const inGroup = groupTexts().length;
    await say(chloe, '!veiller');
    expect(groupTexts().slice(inGroup).join('\n')).not.toMatch(/référent|nouvelles/);
    expect(lastPrivate(chloe)).toContain("Vous aimeriez qu'un·e voisin·e référent·e");
    await choose(chloe, 'Oui, prévenir les référent·es');
    expect(lastPrivate(chloe)).toContain("C'est transmis");
    await runJobs();
    // (The fake WhatsApp group has no name the bot knows.)
    expect(lastPrivate(bruno)).toContain('🙋 *Chloé*, de votre groupe, aimerait');
    // Privately too; asked once a day.
    await sayPrivately(chloe, '!veiller');
    await choose(chloe, 'Oui, prévenir les référent·es');
    expect(lastPrivate(chloe)).toContain('déjà transmis aujourd');
    expect(lastPrivate(djamel)).toContain('🙋 *Chloé*, de votre groupe, aimerait');
    // Bruno adds her with the usual steps; she confirms herself.
    const add = async (referent: Person) => {
      await choose(referent, 'Ajouter Chloé');
      expect(lastPrivate(referent)).toContain('Son prénom ou un surnom');
      await sayPrivately(referent, 'Chloé');
      await sayPrivately(referent, '2e gauche');
      await sayPrivately(referent, 'frapper fort');
      await choose(referent, 'Pas de contact');
      await choose(referent, 'Oui\u202f: elle confirmera elle-même');
      await choose(referent, 'Chloé');
    };
    await add(bruno);
    expect(lastPrivate(chloe)).toContain('Bruno, référent·e de votre immeuble, propose');
    // Djamel, told the same, does the same: one record, one question to her.
    const asked = privateTexts(chloe).length;
    await add(djamel);
    expect(lastPrivate(djamel)).toContain('Chloé est déjà sur la liste de Bruno');
    expect(privateTexts(chloe)).toHaveLength(asked);
    await choose(chloe, "Oui, d'accord");
    const records = await database.db.select().from(watchedNeighbours);
    expect(records.map((w) => w.status).sort()).toEqual(['active', 'removed']);
  });
});

describe('what a watched neighbour sees of her data', () => {
  it('is everything kept: door, how to reach her, the emergency contact, who watches her', async () => {
    await chloeWatchedByBruno();
    await sayPrivately(chloe, '!mesdonnees');
    const text = privateTexts(chloe).find((t) => t.includes('Veille canicule et grand froid'))!;
    for (const line of [
      'Dans votre groupe, un·e référent·e prend de vos nouvelles',
      '• Votre référent·e\u202f: Bruno\u202f; son remplaçant·e\u202f: Djamel',
      '• Prénom ou surnom\u202f: Chloé',
      '• Étage ou porte\u202f: 2e gauche',
      '• Pour vous joindre\u202f: sonner longtemps, 06 12 34 56 78',
      '• Personne à prévenir en cas de souci\u202f: sa fille Julie, 06 11 22 33 44',
      "• Accord donné par vous le 20 juillet 2027, valable jusqu'au 15 septembre 2027",
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const file = h
      .client()
      .sentTo(chloe.pn)
      .find((s) => s.kind === 'document');
    const copy = JSON.parse(file!.document!.data.toString('utf8')) as {
      heatColdWatch: { watchedThemselves: unknown[] };
    };
    expect(copy.heatColdWatch.watchedThemselves).toEqual([
      expect.objectContaining({
        group: '',
        name: 'Chloé',
        location: '2e gauche',
        reach: 'sonner longtemps, 06 12 34 56 78',
        emergencyContact: 'sa fille Julie, 06 11 22 33 44',
        status: 'active',
        consentBy: 'self',
        consentOn: '2027-07-20',
        expiresOn: '2027-09-15',
        referent: 'Bruno',
        backup: 'Djamel',
      }),
    ]);
    const [row] = await database.db
      .select()
      .from(watchedNeighbours)
      .where(eq(watchedNeighbours.name, 'Chloé'));
    expect(row!.status).toBe('active');
  });
});
