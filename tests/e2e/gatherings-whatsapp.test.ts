// Gatherings through the real bot and a fake whatsapp-web.js client, with a clock the test
// moves: a whole fête des voisins from !fete to the day-before reminder. What WhatsApp
// changes: the date poll is a native poll whose votes carry the whole selection (from an
// @c.us or an @lid id of the same person), it cannot be closed through WhatsApp Web, choices
// are numbered replies, and messages are not edited, so the running count is re-posted by a
// job at most once per GATHERING_SUMMARY_MINUTES.
import { beforeEach, describe, expect, it } from 'vitest';
import { readPdf } from '../handlers/kits/pdf/read-pdf.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { residenceWith, wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { djamel } = wa;
const clock = createTestClock('2026-11-26T10:00:00Z');
const h = useWhatsAppHarness(database, { clock, fake: residenceWith([djamel]) });
const { say, groupTexts: texts, lastInGroup: lastText, runJobs } = createWhatsAppChat(h);
beforeEach(async () => {
  await say(wa.alice, '!parametres nom Résidence des Lilas');
});

let voteTime = 0;
/** A vote on the latest poll: the voter's whole selection; distinct timestamps, as in life. */
async function vote(voter: string, selectedLocalIds: number[]): Promise<void> {
  h.client().vote({
    pollMessageId: h.client().lastPollMessageId(wa.group),
    voter,
    selectedLocalIds,
    timestamp: clock.now().getTime() + ++voteTime,
  });
  await h.settle();
}

const sent = () => h.client().sentTo(wa.group);
async function runJobsAt(at: string): Promise<void> {
  clock.set(at);
  await runJobs();
}
/** The running count re-posted by the job (the announcement has its own headline). */
const summaries = () => texts().filter((t) => t.startsWith('📅 *Fête des voisins 2027* — '));

describe('the fête des voisins on WhatsApp', () => {
  it('runs from !fete to the day-before reminder: native poll, votes, closing, RSVPs, the list', async () => {
    for (const neighbour of [wa.bruno, wa.chloe, djamel]) await say(neighbour, '!aide');
    await say(wa.alice, '!fete');
    const [intro, poll] = sent().slice(-2);
    expect(intro!.text).toContain('🎉 *Fête des voisins 2027*\u202f: choisissons la date ensemble');
    expect(intro!.text).toContain('Je le clos jeudi 10 décembre à 20 h');
    expect(poll).toMatchObject({
      kind: 'poll',
      poll: {
        question: 'Fête des voisins 2027\u202f: quelles dates vous conviennent\u202f?',
        options: [
          'vendredi 28 mai 2027 — date nationale',
          'samedi 29 mai 2027',
          'vendredi 4 juin 2027',
        ],
        multipleAnswers: true,
      },
    });

    // WhatsApp shows the votes itself: the bot says nothing. Each vote is the voter's whole
    // selection, and a person is one voter whichever of their ids the vote comes from.
    const beforeVotes = sent().length;
    await vote(wa.bruno.lid, [0, 2]);
    await vote(wa.chloe.pn, [0]);
    await vote(wa.alice.pn, [2]);
    await vote(wa.alice.lid, [0, 1]);
    await vote(djamel.lid, [1]);
    await vote(djamel.pn, []);
    expect(sent()).toHaveLength(beforeVotes);
    await say(wa.bruno, '/fete');
    expect(lastText()).toContain('3 voisins ont voté.');
    expect(lastText()).toContain(
      [
        '• vendredi 28 mai 2027\u202f: 3 votes',
        '• samedi 29 mai 2027\u202f: 1 vote',
        '• vendredi 4 juin 2027\u202f: 1 vote',
      ].join('\n'),
    );

    // A day before the deadline, in the group, a mention of the member who has not voted
    // (Djamel withdrew his vote).
    await runJobsAt('2026-12-09T19:00:00Z');
    expect(lastText()).toContain(
      "⏰ Plus qu'un jour pour choisir la date de *Fête des voisins 2027*",
    );
    expect(lastText()).toContain('@Djamel\u202f: votre avis compte');
    expect(lastText()).not.toMatch(/Alice|Bruno|Chloé/);

    // At the deadline (20:00 in Paris) the bot announces the date: a WhatsApp poll cannot be
    // closed through WhatsApp Web. The announcement is the RSVP question, the invitation
    // and the calendar file more numbered choices of it.
    const beforeDeadline = sent().length;
    await runJobsAt('2026-12-10T18:59:00Z');
    expect(sent()).toHaveLength(beforeDeadline);
    await runJobsAt('2026-12-10T19:00:00Z');
    expect(sent()).toHaveLength(beforeDeadline + 1);
    expect(lastText()).toContain(
      '📅 *Fête des voisins 2027*\u202f: ce sera le *vendredi 28 mai 2027* (3 votes, 3 votants). Merci à toutes et à tous\u202f!',
    );
    expect(lastText()).toContain(
      [
        '*1.* ✅ Je viens',
        '*2.* ✅ Je viens à deux',
        '*3.* 🤔 Peut-être',
        '*4.* ❌ Je ne peux pas',
        "*5.* 📄 Recevoir l'affiche et l'invitation",
        '*6.* 📅 Ajouter à mon agenda',
      ].join('\n'),
    );

    // Numbered replies and commands within one window of the running count.
    await say(wa.bruno, '2');
    expect(lastText()).toBe(
      "C'est noté, Bruno\u202f: vous venez avec 1 personne (Fête des voisins 2027).",
    );
    await say(wa.chloe, '!jeviens');
    expect(lastText()).toBe("C'est noté, Chloé\u202f: vous venez (Fête des voisins 2027).");
    await say(djamel, '3', 'lid');
    expect(lastText()).toBe("C'est noté, Djamel\u202f: peut-être (Fête des voisins 2027).");
    await say(wa.alice, '/fete heure 19h');
    await say(wa.alice, '!fete lieu cour intérieure');
    expect(lastText()).toContain('vendredi 28 mai 2027, 19 h, cour intérieure');

    // The invitation: poster and flyer as PDF documents, with the date, time and place.
    await say(wa.bruno, '5');
    const documents = sent().filter((s) => s.kind === 'document');
    expect(
      documents.map((d) => [
        d.document?.filename,
        d.document?.mimetype,
        d.options?.sendMediaAsDocument,
      ]),
    ).toEqual([
      ['fete-des-voisins-affiche.pdf', 'application/pdf', true],
      ['fete-des-voisins-invitation.pdf', 'application/pdf', true],
    ]);
    const poster = await readPdf(documents[0]!.document!.data);
    expect(poster.text).toContain('Résidence des Lilas');
    expect(poster.text).toContain('vendredi 28 mai 2027');
    expect(poster.text).toContain('cour intérieure');

    // Five changes, one re-posted count, once their window (19:00–19:30) is over.
    await runJobsAt('2026-12-10T19:29:00Z');
    expect(summaries()).toEqual([]);
    await runJobsAt('2026-12-10T19:30:00Z');
    await runJobsAt('2026-12-10T19:31:00Z');
    expect(summaries()).toHaveLength(1);
    expect(summaries()[0]).toContain(
      '📅 *Fête des voisins 2027* — vendredi 28 mai 2027, 19 h, cour intérieure',
    );
    expect(summaries()[0]).toContain('✅ 3 · 🤔 1 · ❌ 0');
    expect(summaries()[0]).toContain('Viennent\u202f: Bruno (+1), Chloé');
    expect(summaries()[0]).toContain('*4.* ❌ Je ne peux pas');

    // Who brings what: a numbered reply, commands, and a claim released by "/jenepeuxpas".
    await runJobsAt('2026-12-10T19:40:00Z');
    await say(wa.alice, '/liste ajouter sucré 3 desserts (sans gluten)');
    await say(wa.alice, '/liste ajouter 6 chaises');
    // An item's menu is numbered as the list numbers it: the chairs are "2".
    expect(texts().at(-2)).toContain("*1.* J'apporte\u202f: desserts");
    expect(lastText()).toContain("*2.* J'apporte\u202f: chaises");
    await say(djamel, '2');
    expect(lastText()).toBe(
      'Merci Djamel\u202f! Vous apportez\u202f: chaises.\nIl manque encore\u202f: desserts ×3, chaises ×5',
    );
    await say(wa.bruno, '!japporte 1 2');
    expect(lastText()).toBe(
      'Merci Bruno\u202f! Vous apportez\u202f: desserts ×2.\nIl manque encore\u202f: desserts, chaises ×5',
    );
    await say(wa.chloe, '/japporte 1');
    expect(lastText()).toContain('Il manque encore\u202f: chaises ×5');
    await say(djamel, '/japporte 1');
    expect(lastText()).toContain("C'est déjà pris, Djamel");
    await say(wa.chloe, '/jenepeuxpas');
    expect(lastText()).toBe(
      "C'est noté, Chloé\u202f: vous ne pourrez pas venir (Fête des voisins 2027). Dommage\u202f!\n" +
        'Ce que vous deviez apporter est de nouveau à prendre\u202f: desserts.',
    );
    await runJobsAt('2026-12-10T20:00:00Z');
    expect(summaries()).toHaveLength(2);
    expect(summaries()[1]).toContain('✅ 2 · 🤔 1 · ❌ 1');
    expect(summaries()[1]).toContain('Il manque encore\u202f: desserts, chaises ×5');

    // Votes after closing, from both of Djamel's ids: answered once, and they change nothing.
    await vote(djamel.lid, [2]);
    await vote(djamel.pn, [1]);
    expect(texts().filter((t) => t.startsWith('Le sondage de dates est clos'))).toEqual([
      'Le sondage de dates est clos. La date retenue\u202f: vendredi 28 mai 2027.',
    ]);

    // A week before and the day before, at 18:00 in Paris, with who comes and what is missing.
    const beforeReminders = sent().length;
    await runJobsAt('2027-05-21T15:59:00Z');
    expect(sent()).toHaveLength(beforeReminders);
    await runJobsAt('2027-05-21T16:00:00Z');
    expect(lastText()).toContain(
      '📅 Dans une semaine\u202f: *Fête des voisins 2027*, vendredi 28 mai 2027, 19 h, cour intérieure.',
    );
    expect(lastText()).toContain('Il manque encore\u202f: desserts, chaises ×5');
    await runJobsAt('2027-05-27T16:00:00Z');
    expect(lastText()).toContain(
      "📅 C'est demain\u202f: *Fête des voisins 2027*, vendredi 28 mai 2027, 19 h, cour intérieure.",
    );
    expect(lastText()).toContain('Viennent\u202f: Bruno (+1)');
    expect(sent()).toHaveLength(beforeReminders + 2);

    // Everything happened in the group: not one private message, and no error.
    expect(h.client().sent.filter((s) => s.chatId !== wa.group)).toEqual([]);
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
