// Help between neighbours through the real bot and a fake whatsapp-web.js client. What
// WhatsApp changes: no buttons (every choice is a numbered reply to the chat's latest
// numbered question, live for 30 minutes), no deep links, cards are not edited, and the bot
// never writes first to a person, so everything private starts with the person writing to
// it. Nothing identifying (names, numbers, ids) is ever posted in the group.
import { beforeEach, describe, expect, it } from 'vitest';
import { readIcs } from '../support/read-ics.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { residenceWith, wa, type WhatsAppPerson as Person } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { djamel } = wa;
/** Known to WhatsApp Web by her @lid only: her number is never looked up. */
const emma = { pn: '33655555555@c.us', lid: '555555555555555@lid', name: 'Emma' };
const everyone = [wa.alice, wa.bruno, wa.chloe, djamel, emma];

const clock = createTestClock('2026-11-26T09:00:00Z');
const h = useWhatsAppHarness(database, { clock, fake: residenceWith([djamel]) });
const { say, sayPrivately, privateTexts, lastPrivate, groupTexts, lastInGroup, runJobs } =
  createWhatsAppChat(h);
/** Every message the client saw, received or sent, in order. */
let timeline: { fromMe: boolean; from: string; to: string }[];
beforeEach(async () => {
  timeline = [];
  h.client().on('message_create', (m: { fromMe: boolean; from: string; to: string }) =>
    timeline.push({ fromMe: m.fromMe, from: m.from, to: m.to }),
  );
  await say(wa.alice, '!parametres nom Résidence des Lilas');
});

async function runJobsAt(at?: string): Promise<void> {
  if (at) clock.set(at);
  await runJobs();
}

/** Offers help privately: `!jepeuxaider`, numbered toggles, "C'est tout", availability. */
async function signUp(person: Person, categories: number[], availability?: string) {
  await sayPrivately(person, '!jepeuxaider');
  for (const n of categories) await sayPrivately(person, String(n));
  await sayPrivately(person, '11');
  expect(lastPrivate(person)).toContain('Quand êtes-vous disponible en général\u202f?');
  expect(lastPrivate(person)).toContain('*1.* Peu importe');
  await sayPrivately(person, availability ?? '1');
  expect(lastPrivate(person)).toContain("C'est noté\u202f! Vous pouvez aider vos voisins");
}

/** The id of the need on the latest card in the group (the card says `/jepeuxaider <id>`). */
function latestCardId(): number {
  const card = groupTexts().findLast((t) => t.startsWith("🙋 *Quelqu'un du voisinage cherche"));
  return Number(/\/jepeuxaider (\d+)/.exec(card ?? '')?.[1]);
}

/**
 * Nothing in the group names or identifies anyone; the bot wrote privately only in chats a
 * person had written in first (the messenger would have thrown, and sendPrivately logged a
 * warning); and nothing failed.
 */
function expectDiscretionAndNoErrors(): void {
  const identifying = everyone.flatMap((p) => [p.name, p.pn.split('@')[0]!, p.lid.split('@')[0]!]);
  for (const text of groupTexts()) {
    for (const item of [...identifying, 'wa.me']) expect(text).not.toContain(item);
  }
  const wroteFirst = new Set<string>();
  for (const m of timeline) {
    if (!m.fromMe && !m.from.endsWith('@g.us')) wroteFirst.add(m.from);
    if (m.fromMe && !m.to.endsWith('@g.us')) expect([...wroteFirst]).toContain(m.to);
  }
  expect(h.logs.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
}

describe('help between neighbours on WhatsApp', () => {
  it('takes a need typed in the group out of view once the bot is an admin, else says how (issue 15, 3)', async () => {
    await sayPrivately(wa.alice, '!aide');
    const typed = h.client().receiveGroupMessage({
      group: wa.group,
      author: wa.alice.pn,
      body: '!besoin courses : du pain, porte B',
      notifyName: 'Alice',
    });
    await h.settle();
    // Not an admin: deleting would only hide it from the bot's own phone; Alice is told how.
    expect(h.client().revoked).toEqual([]);
    expect(h.client().deletedForMe).toEqual([]);
    expect(lastInGroup()).toContain('vous pouvez le supprimer');
    expect(lastPrivate(wa.alice)).toContain('«\u202fporte B\u202f»');
    await sayPrivately(wa.alice, '3');
    expect(typed.id._serialized).toBeTruthy();

    // Alice makes the bot an admin: the next need typed in the group is removed for everyone.
    h.client().changeAdmins(wa.group, [h.client().botId], true, wa.alice.pn);
    const again = h.client().receiveGroupMessage({
      group: wa.group,
      author: wa.alice.pn,
      body: '!besoin courses : du lait demain',
      notifyName: 'Alice',
    });
    await h.settle();
    expect(h.client().revoked).toEqual([again.id._serialized]);
    expect(lastInGroup()).toContain("J'ai retiré votre message du groupe");
    expect(lastPrivate(wa.alice)).toContain('«\u202fdu lait demain\u202f»');
    await sayPrivately(wa.alice, '1');
    expect(lastInGroup()).toContain("🙋 *Quelqu'un du voisinage cherche un coup de main*");
    expectDiscretionAndNoErrors();
  });

  it('runs from !besoin in the group to the thank-you, by numbered replies and relayed messages', async () => {
    for (const neighbour of [wa.bruno, wa.chloe, djamel]) await say(neighbour, '!aide');

    // Volunteers sign up privately. Without edits, each toggle re-sends the list, ticked.
    await signUp(wa.bruno, [1, 2], 'le soir et le week-end');
    expect(lastPrivate(wa.bruno)).toContain(
      'du groupe «\u202fRésidence des Lilas\u202f» pour\u202f: Courses, Bricolage (le soir et le week-end)',
    );
    const pickers = privateTexts(wa.bruno).filter((t) =>
      t.startsWith("Merci\u202f! Qu'est-ce que"),
    );
    expect(pickers).toHaveLength(3);
    expect(pickers[2]).toContain('*1.* ✅ Courses\n*2.* ✅ Bricolage\n*3.* Animaux');
    expect(pickers[2]).toContain("*11.* C'est tout\n\n_Répondez par le numéro de votre choix._");
    await signUp(wa.chloe, [1]);
    expect(lastPrivate(wa.chloe)).toContain('pour\u202f: Courses (quand vous voulez)');

    // Alice asks in the group before ever writing privately: the need waits as a draft, she
    // is told to write privately, and the bot does not write to her.
    await say(wa.alice, '!besoin courses : du pain demain');
    expect(lastInGroup()).toBe(
      "J'ai noté votre demande. Pour la publier et vous mettre en relation, écrivez-moi en message privé\u202f: /besoin\n\n" +
        'Votre message reste affiché sous votre nom\u202f: vous pouvez le supprimer (appui long dessus, puis «\u202fSupprimer\u202f», «\u202fpour tout le monde\u202f»). Votre demande, elle, paraîtra sans votre nom.',
    );
    expect(privateTexts(wa.alice)).toEqual([]);
    // `!besoin` alone, privately, shows the need that waited as a draft; "1" publishes it.
    await sayPrivately(wa.alice, '!besoin');
    expect(lastPrivate(wa.alice)).toContain('voici votre demande telle que vos voisins la verront');
    expect(lastPrivate(wa.alice)).toContain('*1.* Publier\n*2.* La réécrire\n*3.* Annuler');
    expect(
      groupTexts().filter((t) => t.startsWith("🙋 *Quelqu'un du voisinage cherche")),
    ).toHaveLength(0);
    await sayPrivately(wa.alice, '1');
    expect(lastPrivate(wa.alice)).toContain('Votre demande est publiée');

    // The anonymous card, with a numbered "Je peux aider" and the command to type privately.
    const cards = groupTexts().filter((t) => t.startsWith("🙋 *Quelqu'un du voisinage cherche"));
    expect(cards).toHaveLength(1);
    const requestId = latestCardId();
    expect(cards[0]).toBe(
      [
        "🙋 *Quelqu'un du voisinage cherche un coup de main*",
        '*Courses*',
        '«\u202fdu pain demain\u202f»',
        'Quand\u202f: vendredi 27 novembre 2026',
        '',
        // Nothing to tap on WhatsApp: the hint says to answer with the number.
        `Vous pouvez aider\u202f? Répondez par le numéro de «\u202fJe peux aider\u202f» (ou écrivez-moi en privé\u202f: /jepeuxaider ${requestId})\u202f: je vous mets en relation en privé, sans afficher les coordonnées de personne.`,
        '',
        '*1.* 🤝 Je peux aider',
        '',
        '_Répondez par le numéro de votre choix._',
      ].join('\n'),
    );
    expect(lastPrivate(wa.alice)).toContain(
      'Votre demande est publiée dans Résidence des Lilas, sans votre nom.',
    );
    expect(lastPrivate(wa.alice)).toContain('les 2 voisins qui peuvent aider');
    expect(lastPrivate(wa.alice)).toContain('*1.* Afficher mon prénom\n*2.* Retirer ma demande');

    // The first round asks both volunteers privately, with numbered answers.
    await runJobsAt();
    for (const volunteer of [wa.bruno, wa.chloe]) {
      expect(lastPrivate(volunteer)).toContain(
        "Quelqu'un du groupe «\u202fRésidence des Lilas\u202f» a besoin d'un coup de main",
      );
      expect(lastPrivate(volunteer)).toContain('«\u202fdu pain demain\u202f»');
      expect(lastPrivate(volunteer)).toContain("*1.* ✅ J'accepte\n*2.* Pas cette fois");
    }

    // Both answer "1" at the same moment (two private chats are handled concurrently):
    // exactly one wins, the other is thanked kindly.
    const before = [wa.bruno, wa.chloe].map((p) => privateTexts(p).length);
    h.client().receivePrivateMessage({ from: wa.bruno.pn, body: '1', notifyName: 'Bruno' });
    h.client().receivePrivateMessage({ from: wa.chloe.pn, body: '1', notifyName: 'Chloé' });
    await h.settle();
    const answers = [wa.bruno, wa.chloe].map((p, i) => privateTexts(p).slice(before[i]).join('\n'));
    const won = answers.map((a) =>
      a.includes("J'ai prévenu la personne qui demande ce coup de main"),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
    const [winner, loser] = won[0] ? [wa.bruno, wa.chloe] : [wa.chloe, wa.bruno];
    const loserAnswer = answers[won[0] ? 1 : 0]!;
    expect(loserAnswer).toContain("Quelqu'un d'autre a déjà proposé son aide pour cette demande");
    expect(loserAnswer).not.toContain("J'ai prévenu");

    // Alice confirms with a numbered reply: relayed messages, no number shown.
    expect(lastPrivate(wa.alice)).toContain(
      `Bonne nouvelle\u202f: ${winner.name} propose de vous aider.`,
    );
    expect(lastPrivate(wa.alice)).toContain(
      '*1.* Échanger nos contacts\n*2.* Passer par le bot (sans nos numéros)\n*3.* Non merci',
    );
    await sayPrivately(wa.alice, '2');
    // The need has a date: it can go in her calendar (a numbered choice here).
    expect(lastPrivate(wa.alice)).toBe(
      `Écrivez-moi ici\u202f: je transmets vos messages à ${winner.name}, sans montrer vos coordonnées.\n\n*1.* 📅 Ajouter à mon agenda\n\n_Répondez par le numéro de votre choix._`,
    );
    expect(lastPrivate(winner)).toContain('Alice accepte votre aide, merci\u202f!');
    expect(lastPrivate(winner)).toContain('je transmets vos messages à Alice');
    // "1" there: the calendar file, privately, an all-day event without anyone's name.
    await sayPrivately(wa.alice, '1');
    const [file] = h
      .client()
      .sentTo(wa.alice.pn)
      .filter((s) => s.kind === 'document');
    expect(file?.document?.mimetype).toBe('text/calendar');
    const event = readIcs(file!.document!.data);
    expect(event).toMatchObject({
      summary: 'Coup de main entre voisins\u202f: Courses',
      allDay: true,
    });
    expect(event.text).not.toMatch(/Bruno|Chloé|336\d{8}/);
    await sayPrivately(winner, 'Je passe vers 10 h, ça vous va ?');
    expect(lastPrivate(wa.alice)).toBe(
      `💬 ${winner.name} (par le bot)\u202f: Je passe vers 10 h, ça vous va ?`,
    );
    expect(lastPrivate(winner)).toBe('Transmis.');
    // Within 30 minutes of her `!besoin`: relayed, not read as the need it had asked for.
    await sayPrivately(wa.alice, 'Parfait, merci !');
    expect(lastPrivate(winner)).toBe('💬 Alice (par le bot)\u202f: Parfait, merci !');
    expect(lastPrivate(wa.alice)).toBe('Transmis.');
    expect(privateTexts(loser).join('\n')).not.toContain('Parfait');
    for (const text of [...privateTexts(wa.alice), ...privateTexts(winner)]) {
      expect(text).not.toMatch(/wa\.me|336\d{8}/);
    }

    // The card is not edited on WhatsApp; "1" under it now gets a polite "already taken".
    await say(djamel, '1');
    expect(lastInGroup()).toBe(
      "Cette demande a déjà trouvé de l'aide, ou n'est plus d'actualité. Merci\u202f!",
    );

    // The volunteer is reminded on the day; "c'est fait ?" the day after, at 18:00 in Paris.
    await runJobsAt('2026-11-27T08:00:00Z');
    expect(lastPrivate(winner)).toContain(
      "Petit rappel\u202f: vous avez proposé votre aide pour aujourd'hui.",
    );
    const beforeFollowUp = h.client().sent.length;
    await runJobsAt('2026-11-28T16:59:00Z');
    expect(h.client().sent).toHaveLength(beforeFollowUp);
    await runJobsAt('2026-11-28T17:00:00Z');
    for (const person of [wa.alice, winner]) {
      expect(lastPrivate(person)).toContain("Alors, c'est fait\u202f?");
      expect(lastPrivate(person)).toContain("*1.* ✅ C'est fait\n*2.* Pas encore");
    }
    await sayPrivately(wa.alice, '1');
    expect(lastPrivate(wa.alice)).toBe(
      `Merci d'avoir demandé, et bravo à ${winner.name}\u202f! 🙏`,
    );
    expect(lastPrivate(winner)).toContain('Merci pour ce coup de main\u202f!');
    await sayPrivately(winner, '1');
    expect(lastPrivate(winner)).toBe('Cette demande est déjà terminée.');

    await say(djamel, '!stats');
    expect(lastInGroup()).toContain(
      'Cette année\u202f: 1 coup de main, environ 15 € de services rendus.',
    );
    expect(privateTexts(djamel)).toEqual([]);
    expectDiscretionAndNoErrors();

    // Several categories in one message (issue 15, 2): one answer, with all three ticked.
    await sayPrivately(djamel, '!jepeuxaider');
    const saidBefore = privateTexts(djamel).length;
    await sayPrivately(djamel, '1 2 5');
    expect(privateTexts(djamel)).toHaveLength(saidBefore + 1);
    expect(lastPrivate(djamel)).toMatch(/\*1\.\* ✅ Courses\n\*2\.\* ✅ Bricolage\n/);
    expect(lastPrivate(djamel)).toMatch(/\*5\.\* ✅ /);
    expect(lastPrivate(djamel)).toContain('par exemple «\u202f1 3 5\u202f»');
  });

  it('sends a neighbour who answers the card in the group to write privately, and frees the need when they leave', async () => {
    for (const neighbour of [wa.bruno, djamel]) await say(neighbour, '!aide');
    await signUp(wa.bruno, [2]);
    await sayPrivately(wa.alice, '!besoin bricolage : monter une étagère samedi');
    await sayPrivately(wa.alice, '1');
    const requestId = latestCardId();
    await runJobsAt();
    expect(lastPrivate(wa.bruno)).toContain('«\u202fmonter une étagère samedi\u202f»');

    // Djamel never wrote to the bot: "1" under the card gets the command to type privately.
    await say(djamel, '1');
    expect(lastInGroup()).toBe(
      `Merci\u202f! Pour proposer votre aide sans afficher vos coordonnées, écrivez-moi en message privé\u202f: /jepeuxaider ${requestId}`,
    );
    expect(privateTexts(djamel)).toEqual([]);
    await sayPrivately(djamel, `!jepeuxaider ${requestId}`);
    expect(lastPrivate(djamel)).toContain(
      "Quelqu'un du groupe «\u202fRésidence des Lilas\u202f» a besoin d'un coup",
    );
    expect(lastPrivate(djamel)).toContain("*1.* ✅ J'accepte");
    await sayPrivately(djamel, '1');
    expect(lastPrivate(djamel)).toContain("J'ai prévenu la personne qui demande");
    expect(lastPrivate(wa.bruno)).toBe(
      "Merci\u202f! Quelqu'un d'autre a déjà proposé son aide pour cette demande. Ce sera pour une prochaine fois.",
    );

    // Alice exchanges contacts: wa.me links from the @c.us ids, privately to each.
    expect(lastPrivate(wa.alice)).toContain('Bonne nouvelle\u202f: Djamel propose de vous aider.');
    await sayPrivately(wa.alice, '1');
    expect(lastPrivate(wa.alice)).toBe(
      'Pour vous joindre\u202f: Djamel\u202f: https://wa.me/33644444444\n\n*1.* 📅 Ajouter à mon agenda\n\n_Répondez par le numéro de votre choix._',
    );
    expect(lastPrivate(djamel)).toContain(
      'Pour vous joindre\u202f: Alice\u202f: https://wa.me/33611111111',
    );

    // Chloé writes privately before the bot has seen her in the group: WhatsApp says she is
    // in it (its participants), so she can offer her help at once.
    await signUp(wa.chloe, [2]);
    expect(privateTexts(wa.chloe).join('\n')).not.toContain('Je ne vous vois dans aucun groupe');

    // Djamel leaves the group: Alice is told, a new round asks Chloé (not asked yet), and
    // the group hears nothing.
    const groupBefore = groupTexts().length;
    h.client().leaveGroup(wa.group, [djamel.pn]);
    await h.settle();
    expect(lastPrivate(wa.alice)).toBe(
      "Le voisin qui devait vous aider n'est plus disponible. Je cherche quelqu'un d'autre.",
    );
    await runJobsAt();
    expect(lastPrivate(wa.chloe)).toContain('«\u202fmonter une étagère samedi\u202f»');
    await sayPrivately(wa.chloe, '1');
    expect(lastPrivate(wa.alice)).toContain('Bonne nouvelle\u202f: Chloé propose de vous aider.');
    await sayPrivately(wa.alice, '2');
    expect(lastPrivate(wa.chloe)).toContain('je transmets vos messages à Alice');

    // The reminder and the follow-up go to the new pair only.
    const djamelBefore = privateTexts(djamel).length;
    await runJobsAt('2026-11-28T08:00:00Z');
    expect(lastPrivate(wa.chloe)).toContain('Petit rappel');
    await runJobsAt('2026-11-29T17:00:00Z');
    expect(lastPrivate(wa.alice)).toContain("Alors, c'est fait\u202f?");
    expect(lastPrivate(wa.chloe)).toContain("Alors, c'est fait\u202f?");
    expect(privateTexts(djamel)).toHaveLength(djamelBefore);
    expect(groupTexts()).toHaveLength(groupBefore);
    expectDiscretionAndNoErrors();
  });

  it('refuses the old numbered choices of a neighbour who left, and trusts WhatsApp for one it never saw', async () => {
    await say(wa.bruno, '!aide');
    await signUp(wa.bruno, [2]);
    await sayPrivately(wa.alice, '!besoin bricolage : monter une étagère samedi');
    await sayPrivately(wa.alice, '1');
    const requestId = latestCardId();
    await runJobsAt();
    expect(lastPrivate(wa.bruno)).toContain("*1.* ✅ J'accepte");

    // Bruno leaves; a minute has not passed since the bot read the group's members (Alice's
    // !parametres): it reads them again, and his old "1" is refused where he typed it.
    h.client().leaveGroup(wa.group, [wa.bruno.pn]);
    await h.settle();
    const aliceHeard = privateTexts(wa.alice).length;
    await sayPrivately(wa.bruno, '1');
    expect(lastPrivate(wa.bruno)).toBe(
      "Ce choix n'est plus valable. Relancez la commande pour en avoir un nouveau.",
    );
    expect(privateTexts(wa.alice)).toHaveLength(aliceHeard);

    // Djamel is in the group but never wrote there: WhatsApp's participants vouch for him.
    await sayPrivately(djamel, `!jepeuxaider ${requestId}`);
    expect(lastPrivate(djamel)).toContain('«\u202fmonter une étagère samedi\u202f»');
    await sayPrivately(djamel, '1');
    expect(lastPrivate(wa.alice)).toContain('Bonne nouvelle\u202f: Djamel propose de vous aider.');
    expectDiscretionAndNoErrors();
  });

  it('relays for a requester known by an @lid only, and takes a late answer by command', async () => {
    await say(wa.bruno, '!aide');
    await signUp(wa.bruno, [2]);
    await say(emma, '!aide', 'lid');
    await sayPrivately(emma, '!besoin bricolage : changer une ampoule', 'lid');
    await sayPrivately(emma, '1', 'lid');
    const requestId = latestCardId();
    expect(lastPrivate(emma, 'lid')).toContain('Votre demande est publiée');
    await runJobsAt();
    expect(lastPrivate(wa.bruno)).toContain('«\u202fchanger une ampoule\u202f»');

    // A numbered question lives 30 minutes: a later "1" is not an answer any more, and
    // `!jepeuxaider <id>` (the id is on the card in the group) asks again.
    clock.set('2026-11-26T09:31:00Z');
    await sayPrivately(wa.bruno, '1');
    expect(lastPrivate(wa.bruno)).toContain("Je n'ai pas bien compris");
    expect(lastPrivate(emma, 'lid')).toContain('Votre demande est publiée');
    await sayPrivately(wa.bruno, `!jepeuxaider ${requestId}`);
    await sayPrivately(wa.bruno, '1');
    expect(lastPrivate(wa.bruno)).toContain("J'ai prévenu la personne qui demande");

    // Emma chooses to exchange contacts, but WhatsApp Web never gave her number: rather than
    // sending Bruno to the group (which would undo her anonymity), the bot relays.
    expect(lastPrivate(emma, 'lid')).toContain(
      'Bonne nouvelle\u202f: Bruno propose de vous aider.',
    );
    await sayPrivately(emma, '1', 'lid');
    expect(privateTexts(emma, 'lid').slice(-2)).toEqual([
      "Je n'ai pas de numéro à transmettre pour l'un de vous deux\u202f: je vais donc faire passer vos messages, sans montrer vos coordonnées.",
      'Écrivez-moi ici\u202f: je transmets vos messages à Bruno, sans montrer vos coordonnées.',
    ]);
    expect(lastPrivate(wa.bruno)).toContain('je transmets vos messages à Emma');
    expect(privateTexts(wa.bruno).join('\n')).not.toMatch(/555555555555555|33655555555/);
    expect(privateTexts(emma)).toEqual([]);
    expectDiscretionAndNoErrors();
  });
});
