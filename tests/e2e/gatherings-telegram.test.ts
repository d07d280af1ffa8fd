// Gatherings through the real bot and the fake Bot API, with a clock the test moves: a whole
// fête des voisins from /fete to the day-before reminder, ties, a poll stopped by hand,
// moving and cancelling, and the bad input of the issue.
import { and, eq, like } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobs } from '../../db/schema.ts';
import { findChat } from '../../db/queries/chats.ts';
import { formatDate } from '../../handlers/calendar/format-date.ts';
import { formatDeadline } from '../../handlers/gatherings/describe.ts';
import { createI18n } from '../../handlers/i18n.ts';
import { rollupsOf } from '../support/rollups.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import {
  buttonsOf,
  groupChat,
  nextUpdateId,
  people,
  type Person as User,
} from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno, chloe, djamel } = people;

function pollAnswer(user: User, pollId: string, optionIds: number[]) {
  return {
    update_id: nextUpdateId(),
    poll_answer: { poll_id: pollId, user, option_ids: optionIds },
  };
}

const clock = createTestClock('2026-11-26T10:00:00Z');
const h = useTelegramHarness(database, { webhook: true, clock });
const chat = createTelegramChat(h, group);
const { say, sayPrivately, press, pressPrivately, runJobs, cancel } = chat;
const { groupTexts: texts, lastInGroup: lastText } = chat;
beforeEach(() => chat.organise(alice, '/parametres nom Résidence des Lilas'));

function lastPoll() {
  const call = h.fake.successfulCalls('sendPoll').at(-1)!;
  const result = call.result as { message_id: number; poll: { id: string } };
  return {
    call,
    pollId: result.poll.id,
    messageId: result.message_id,
    options: (call.params.options as { text: string }[]).map((o) => o.text),
  };
}

async function pendingJobKeys(): Promise<string[]> {
  const rows = await database.db
    .select({ key: jobs.dedupeKey })
    .from(jobs)
    .where(and(eq(jobs.status, 'pending'), like(jobs.dedupeKey, 'gathering:%')));
  return rows.map((r) => r.key).sort();
}

describe('the fête des voisins on Telegram', () => {
  it('runs from /fete to the day-before reminder: poll, votes, closing, RSVPs, the list', async () => {
    for (const neighbour of [bruno, chloe, djamel]) await say(neighbour, '/aide');
    await say(alice, '/fete');
    const poll = lastPoll();
    expect(poll.call.params).toMatchObject({ is_anonymous: false, allows_multiple_answers: true });
    expect(poll.options).toEqual([
      'vendredi 28 mai 2027 — date nationale',
      'samedi 29 mai 2027',
      'vendredi 4 juin 2027',
    ]);
    expect(texts().at(-1)).toContain('Je le clos jeudi 10 décembre');

    // Votes are full selections: a retraction empties one, a redelivery changes nothing.
    await h.postWebhook(pollAnswer(bruno, poll.pollId, [0, 2]));
    const chloesVote = pollAnswer(chloe, poll.pollId, [0]);
    await h.postWebhook(chloesVote);
    await h.postWebhook(chloesVote);
    await h.postWebhook(pollAnswer(alice, poll.pollId, [1]));
    await h.postWebhook(pollAnswer(alice, poll.pollId, []));
    await h.postWebhook(pollAnswer(alice, poll.pollId, [0, 1]));
    await say(bruno, '/fete');
    expect(lastText()).toContain('3 voisins ont voté');
    expect(lastText()).toContain('vendredi 28 mai 2027\u202f: 3 votes');

    // A day before the deadline, a mention of the member who has not voted, in the group.
    clock.set('2026-12-09T19:00:00Z');
    await runJobs();
    expect(lastText()).toContain("Plus qu'un jour");
    expect(lastText()).toContain('<a href="tg://user?id=555">Djamel</a>');
    expect(lastText()).not.toContain('tg://user?id=222');
    expect(
      h.fake.successfulCalls('sendMessage').filter((c) => c.params.chat_id !== group.id),
    ).toEqual([]);

    // At the deadline the bot stops the poll and announces the date.
    clock.set('2026-12-10T19:00:00Z');
    await runJobs();
    expect(h.fake.successfulCalls('stopPoll')).toEqual([
      expect.objectContaining({
        params: expect.objectContaining({ chat_id: group.id, message_id: poll.messageId }),
      }),
    ]);
    const announcement = h
      .sentTo(group.id)
      .find((c) => String(c.params.text).includes('ce sera le'))!;
    expect(announcement.params.text).toContain('<b>vendredi 28 mai 2027</b> (3 votes, 3 votants)');
    expect(buttonsOf(announcement).map((b) => b.text)).toEqual([
      '✅ Je viens',
      '✅ Je viens à deux',
      '🤔 Peut-être',
      '❌ Je ne peux pas',
      '📅 Ajouter à mon agenda',
    ]);
    const summaryId = (announcement.result as { message_id: number }).message_id;

    // The invitation, personalised with the date.
    const invite = buttonsOf(h.sentTo(group.id).at(-1)).find((b) =>
      b.callback_data?.startsWith('ginvite:'),
    )!;
    await press(bruno, invite.callback_data!);
    expect(
      h.fake
        .successfulCalls('sendDocument')
        .map((c) => (c.params.document as { filename: string }).filename),
    ).toEqual(['fete-des-voisins-affiche.pdf', 'fete-des-voisins-invitation.pdf']);

    await say(alice, '/fete heure 19h');
    await say(alice, '/fete lieu cour intérieure');
    await say(alice, '/fete pluie salle commune');
    expect(lastText()).toContain('vendredi 28 mai 2027, 19 h, cour intérieure');

    // A button press edits the running count in place; a command answers.
    const sentBefore = h.sentTo(group.id).length;
    await press(bruno, buttonsOf(announcement)[1]!.callback_data!, group, summaryId);
    expect(h.sentTo(group.id)).toHaveLength(sentBefore);
    const edit = h.fake.successfulCalls('editMessageText').at(-1)!;
    expect(edit.params).toMatchObject({ chat_id: group.id, message_id: summaryId });
    expect(edit.params.text).toContain('✅ 2 · 🤔 0 · ❌ 0');
    expect(edit.params.text).toContain('Viennent\u202f: Bruno (+1)');
    await say(chloe, '/jeviens');
    expect(lastText()).toContain("C'est noté, Chloé");
    // Said twice, it is one person who comes (the console counts moves to "yes").
    await say(chloe, '/jeviens');

    // Who brings what, with what is missing.
    await say(alice, '/liste ajouter sucré 3 desserts (sans gluten)');
    await say(alice, '/liste ajouter 6 chaises');
    await say(bruno, '/japporte 1 2');
    expect(lastText()).toContain('Merci Bruno\u202f! Vous apportez\u202f: desserts ×2.');
    expect(lastText()).toContain('Il manque encore\u202f: desserts, chaises ×6');
    await say(chloe, '/japporte 1');
    await say(djamel, '/japporte 1');
    expect(lastText()).toContain("C'est déjà pris, Djamel");
    await say(chloe, '/jenepeuxpas');
    expect(lastText()).toContain('de nouveau à prendre\u202f: desserts');
    expect(h.fake.successfulCalls('editMessageText').at(-1)!.params.text).toContain(
      'Il manque encore\u202f: desserts, chaises ×6',
    );

    // A week before and the day before, at 18:00 in Paris, with what is still missing.
    clock.set('2027-05-21T16:00:00Z');
    await runJobs();
    expect(lastText()).toContain(
      'Dans une semaine\u202f: <b>Fête des voisins 2027</b>, vendredi 28 mai 2027, 19 h, cour intérieure',
    );
    expect(lastText()).toContain('Il manque encore\u202f: desserts, chaises ×6');
    clock.set('2027-05-27T16:00:00Z');
    await runJobs();
    expect(lastText()).toContain("C'est demain");
    expect(lastText()).toContain('Viennent\u202f: Bruno (+1)');

    // The console's figures: two people said they come (Chloé twice, then "no": neither
    // changes the count); once its day is over in Paris, still planned, the fête counts as
    // held.
    const chat = `chat:${(await findChat(database.db, 'telegram', String(group.id)))!.id}`;
    clock.set('2027-05-28T21:00:00Z');
    await runJobs();
    expect(await rollupsOf(database.db, chat, 'gathering:')).toEqual({
      '2026 gathering:rsvp': 2,
      '2026-12 gathering:rsvp': 2,
    });
    clock.set('2027-05-28T22:01:00Z');
    await runJobs();
    expect(await rollupsOf(database.db, chat, 'gathering:')).toEqual({
      '2026 gathering:rsvp': 2,
      '2026-12 gathering:rsvp': 2,
      '2027 gathering:held:fete': 1,
      '2027-05 gathering:held:fete': 1,
    });
  });

  it('lets an organiser settle a tie, and refuses a non-organiser', async () => {
    await say(alice, '/fete 28/05, 29/05');
    const poll = lastPoll();
    await h.postWebhook(pollAnswer(bruno, poll.pollId, [0]));
    await h.postWebhook(pollAnswer(chloe, poll.pollId, [1]));
    await say(bruno, '/fete clore');
    expect(lastText()).toContain('seuls les administrateurs');
    await say(alice, '/fete clore');
    expect(lastText()).toContain('égalité (1 vote chacune)');
    const choices = buttonsOf(h.sentTo(group.id).at(-1));
    expect(choices.map((c) => c.text)).toEqual(['vendredi 28 mai 2027', 'samedi 29 mai 2027']);
    const said = texts().length;
    await press(bruno, choices[1]!.callback_data!);
    expect(h.lastNotice()).toContain('seuls les administrateurs');
    expect(texts()).toHaveLength(said);
    await press(alice, choices[1]!.callback_data!);
    expect(texts().at(-2)).toContain('<b>Fête des voisins 2027</b>\u202f: samedi 29 mai 2027');
    // A late vote is answered once, and changes nothing.
    await h.postWebhook(pollAnswer(djamel, poll.pollId, [0]));
    expect(lastText()).toContain(
      'Le sondage de dates est clos. La date retenue\u202f: samedi 29 mai 2027.',
    );
    await h.postWebhook(pollAnswer(djamel, poll.pollId, [1]));
    expect(texts().filter((t) => t.includes('Le sondage de dates est clos'))).toHaveLength(1);
  });

  it("repeats the poll, its closing and the reminders briefly in the group's second language", async () => {
    const tr = (await createI18n()).t('tr');
    const title = tr('gatherings.fete_title', { year: 2027 });
    await say(alice, '/parametres langue2 tr');
    await say(bruno, '/aide');
    await say(alice, '/fete 28/05, 29/05');
    // Opening: the invitation to vote, then its short twin in Turkish with the deadline.
    const deadline = new Date('2026-12-10T19:00:00Z');
    expect(texts().at(-1)).toContain(
      `\n\n— ${tr('gatherings.poll_intro_brief', {
        title,
        deadline: formatDeadline(deadline, 'Europe/Paris', 'tr', tr),
      })}`,
    );
    // The poll's question in both (Telegram allows 300 characters: a title is at most 60).
    expect(lastPoll().call.params.question).toBe(
      `Fête des voisins 2027\u202f: quelles dates vous conviennent\u202f? / ${tr('gatherings.poll_question_brief')}`,
    );
    // The day before closing, the reminder to vote.
    clock.set('2026-12-09T19:00:00Z');
    await runJobs();
    expect(lastText()).toContain("Plus qu'un jour");
    expect(lastText()).toContain(
      `— ${tr('gatherings.poll_reminder_brief', {
        title,
        deadline: formatDeadline(deadline, 'Europe/Paris', 'tr', tr),
      })}`,
    );
    // Closed without a vote: said in French, then briefly in Turkish.
    clock.set('2026-12-10T19:00:00Z');
    await runJobs();
    expect(lastText()).toContain('sans aucun vote');
    expect(lastText()).toContain(`— ${tr('gatherings.poll_closed_brief', { title })}`);
    await press(alice, buttonsOf(h.sentTo(group.id).at(-1))[0]!.callback_data!);
    // A week before: the reminder's first line in Turkish, right under the French one.
    clock.set('2027-05-21T16:00:00Z');
    await runJobs();
    const [french, , turkish] = lastText().split('\n');
    expect(french).toContain('Dans une semaine');
    expect(turkish).toBe(
      `— ${tr('gatherings.reminder_week', { title, when: formatDate('2027-05-28', 'tr', 'long') })}`,
    );
    // Once the second language is removed, a reminder is in French alone.
    await say(alice, '/parametres langue2 aucune');
    clock.set('2027-05-27T16:00:00Z');
    await runJobs();
    expect(lastText()).toContain("C'est demain");
    expect(lastText()).not.toContain('—');
  });

  it('notices a poll stopped by hand in the app', async () => {
    await say(alice, '/fete 28/05, 29/05, 04/06');
    const poll = lastPoll();
    await h.postWebhook(pollAnswer(bruno, poll.pollId, [2]));
    await h.postWebhook({
      update_id: nextUpdateId(),
      poll: {
        id: poll.pollId,
        question: 'Fête des voisins 2027 : quelles dates vous conviennent ?',
        options: poll.options.map((text, i) => ({ text, voter_count: i === 2 ? 1 : 0 })),
        total_voter_count: 1,
        is_closed: true,
        is_anonymous: false,
        type: 'regular',
        allows_multiple_answers: true,
      },
    });
    expect(texts().at(-2)).toContain('ce sera le <b>vendredi 4 juin 2027</b>');
    expect(h.fake.successfulCalls('stopPoll')).toEqual([]);
    // The deadline job has nothing left to do.
    expect(await pendingJobKeys()).not.toContain(expect.stringContaining(':close'));
  });

  it('moves reminders with the date, cancels them with the event, and refuses claims after', async () => {
    await say(alice, '/fete 28/05 19h');
    const [id] = /rsvp:(\d+):/
      .exec(JSON.stringify(h.sentTo(group.id).at(-2)!.params.reply_markup))!
      .slice(1);
    expect(await pendingJobKeys()).toEqual([
      `gathering:${id}:reminder:day:2027-05-28`,
      `gathering:${id}:reminder:eve:2027-05-28`,
      `gathering:${id}:reminder:held:2027-05-28`,
      `gathering:${id}:reminder:week:2027-05-28`,
    ]);
    await say(alice, '/fete date vendredi 4 juin');
    expect(texts().at(-2)).toContain('change de date\u202f: vendredi 4 juin 2027, 19 h');
    expect(await pendingJobKeys()).toEqual([
      `gathering:${id}:reminder:day:2027-06-04`,
      `gathering:${id}:reminder:eve:2027-06-04`,
      `gathering:${id}:reminder:held:2027-06-04`,
      `gathering:${id}:reminder:week:2027-06-04`,
    ]);
    await say(alice, '/liste ajouter 2 tables');
    const bring = buttonsOf(h.sentTo(group.id).at(-1))[0]!.callback_data!;
    await cancel(alice, '/fete annuler');
    expect(lastText()).toContain('est annulée');
    expect(await pendingJobKeys()).toEqual([]);
    await press(bruno, bring);
    expect(h.lastNotice()).toBe('Cette sortie a été annulée.');
    expect(lastText()).toContain('est annulée');
    await say(bruno, '/jeviens');
    expect(lastText()).toContain('Aucune sortie n');
    // The fête can be started again for the year.
    await say(alice, '/fete');
    expect(lastPoll().options).toHaveLength(3);
  });

  it('answers bad input clearly and creates nothing', async () => {
    await say(bruno, '/fete');
    expect(lastText()).toContain('seuls les administrateurs');
    await say(alice, '/fete 31/02, 01/03');
    expect(lastText()).toContain("Cette date n'existe pas");
    await say(alice, '/fete 01/01/2026, 02/01/2026');
    expect(lastText()).toContain('Cette date est déjà passée');
    const thirteen = Array.from({ length: 13 }, (_, i) => `${i + 1}/06/2027`).join(', ');
    await say(alice, `/fete ${thirteen}`);
    expect(lastText()).toContain('trop de dates pour un sondage\u202f: 12 au plus');
    await say(alice, '/fete mardi 31 mai, samedi 29 mai');
    expect(lastText()).toContain('est un lundi, pas un mardi');
    expect(h.fake.successfulCalls('sendPoll')).toEqual([]);
    await say(bruno, '/jeviens');
    expect(lastText()).toContain('Aucune sortie n');
    await say(alice, '/evenement galette');
    expect(lastText()).toContain('Il me faut une date');
    await say(alice, '/evenement galette samedi 9 janvier 16h salle commune');
    expect(texts().at(-2)).toContain(
      '<b>Galette</b>\u202f: samedi 9 janvier 2027, 16 h, salle commune',
    );
    expect(buttonsOf(h.sentTo(group.id).at(-1))[0]!.callback_data).toMatch(/^ginvite:\d+$/);
    await say(bruno, '/jeviens 500');
    expect(lastText()).toContain('un nombre entier de 0 à 20');
    await say(bruno, '/japporte 7');
    expect(lastText()).toContain('La liste «\u202fqui apporte quoi\u202f» est vide');
    await press(bruno, 'rsvp:999:yes:0');
    expect(h.lastNotice()).toContain('plus valable');
    await press(bruno, 'bring:abc');
    expect(h.lastNotice()).toContain('plus valable');
    expect(lastText()).toContain('La liste «\u202fqui apporte quoi\u202f» est vide');
    // A number followed by words is a quantity, not an item's number (issue 15, 4).
    await say(alice, '/liste ajouter 6 chaises');
    await say(bruno, '/japporte 4 chaises');
    expect(lastText()).toContain('Merci Bruno\u202f! Vous apportez\u202f: chaises ×4.');
    expect(lastText()).toContain('Il manque encore\u202f: chaises ×2');
    await say(chloe, '/japporte 2 tables pliantes');
    expect(lastText()).toContain('Merci Chloé\u202f! Vous apportez\u202f: tables pliantes ×2.');
    // A name with markup is shown as typed on a choice's label (plain text), not escaped twice.
    await say(alice, '/evenement apéro <b>gras</b> & co samedi 16 janvier 18h cour');
    await say(bruno, '/jeviens');
    const labels = buttonsOf(h.sentTo(group.id).at(-1)).map((b) => b.text);
    expect(labels.some((label) => label.startsWith('Apéro <b>gras</b> & co'))).toBe(true);
    expect(labels.join(' ')).not.toContain('&amp;');
  });

  it('shows a person their answers and claims in /mesdonnees, and /oublier erases them', async () => {
    await say(alice, '/fete 28/05 19h');
    await say(alice, '/liste ajouter 2 tables');
    await say(bruno, '/jeviens 1');
    await say(bruno, '/japporte 1');
    await sayPrivately(bruno, '/mesdonnees');
    const exported = h.sentTo(bruno.id).at(0)!.params.text as string;
    expect(exported).toContain('Sorties et fête des voisins');
    // With the guest they bring: the export holds everything.
    expect(exported).toContain(
      'Fête des voisins 2027 (ven. 28 mai)\u202f: je viens avec 1 personne',
    );
    expect(exported).toContain('Vous apportez\u202f: tables');
    await sayPrivately(alice, '/aide');
    await sayPrivately(bruno, '/oublier');
    const [yes] = buttonsOf(h.sentTo(bruno.id).at(-1));
    const aliceBefore = h.sentTo(alice.id).length;
    await pressPrivately(bruno, yes!.callback_data!);
    // What he was bringing is to take again, as the list says; the organiser gets no message
    // of her own ("someone erased their data" would point at him in a small group).
    expect(h.sentTo(alice.id).slice(aliceBefore)).toEqual([]);
    await say(alice, '/liste');
    expect(lastText()).toContain('1. tables ×2 — il en manque 2');
    await say(alice, '/fete');
    expect(lastText()).toContain('✅ 0 · 🤔 0 · ❌ 0');
  });

  it('takes the official date an administrator of the bot set', async () => {
    await say(alice, '/datefete 2027 04/06');
    expect(lastText()).toBe('Cette commande est réservée aux administrateurs du bot.');
    await h.restart({
      webhook: true,
      clock,
      env: { BOT_ADMINS: `telegram:${bruno.id}` },
    });
    h.fake.setChatMember(group.id, alice.id, 'administrator');
    await say(bruno, '/datefete 2027 04/06');
    expect(lastText()).toBe(
      'Date nationale de la fête des voisins 2027\u202f: vendredi 4 juin 2027.',
    );
    await say(alice, '/fete');
    expect(lastPoll().options[0]).toBe('vendredi 4 juin 2027 — date nationale');
  });
});

/**
 * A basic group upgraded to a supergroup gets a new id; its old messages, the date poll
 * among them, stay in the old chat (the fake's migrateChat models what Telegram answers).
 */
describe('a date poll posted before the group became a supergroup', () => {
  const basic = { id: -4001, type: 'group', title: 'Résidence des Lilas' };
  const supergroup = { id: -1000000004001, type: 'supergroup', title: 'Résidence des Lilas' };

  const textsIn = (chat: { id: number }) => h.sentTo(chat.id).map((c) => c.params.text as string);
  /** What Telegram posts in the basic group when it has become the supergroup. */
  const postUpgraded = () =>
    h.postWebhook({
      update_id: nextUpdateId(),
      message: {
        message_id: 90,
        date: 1,
        chat: basic,
        from: alice,
        migrate_to_chat_id: supergroup.id,
      },
    });

  /** The fête's poll in the basic group, two votes, then the upgrade as Telegram reports it. */
  async function pollThenUpgrade(oldMessages: 'read-only' | 'editable') {
    h.fake.setChatMember(basic.id, alice.id, 'creator');
    h.fake.setChatMember(supergroup.id, alice.id, 'creator');
    await say(alice, '/fete', basic);
    const poll = lastPoll();
    expect(poll.call.params.chat_id).toBe(basic.id);
    await h.postWebhook(pollAnswer(bruno, poll.pollId, [1]));
    await h.postWebhook(pollAnswer(chloe, poll.pollId, [1, 2]));
    h.fake.migrateChat(basic.id, supergroup.id, { oldMessages });
    await postUpgraded();
    await h.postWebhook({
      update_id: nextUpdateId(),
      message: {
        message_id: 1,
        date: 1,
        chat: supergroup,
        from: alice,
        migrate_from_chat_id: basic.id,
      },
    });
    return poll;
  }

  it('is stopped where it was posted, and the result is announced in the supergroup', async () => {
    const poll = await pollThenUpgrade('editable');
    clock.set('2026-12-10T19:00:00Z');
    await runJobs();
    expect(h.fake.message(basic.id, poll.messageId)).toMatchObject({ poll: { is_closed: true } });
    expect(textsIn(supergroup).join('\n')).toContain('ce sera le <b>samedi 29 mai 2027</b>');
    expect(h.logs.filter((l) => l.msg === 'poll not closed on the platform')).toEqual([]);
  });

  it('never stops another poll of the supergroup that has the same message id', async () => {
    const poll = await pollThenUpgrade('editable');
    // A day later, a second poll in the supergroup, where message ids start again.
    clock.set('2026-11-27T10:00:00Z');
    await say(alice, '/evenement apéro sondage 12/06, 13/06', supergroup);
    const other = lastPoll();
    expect(other.call.params.chat_id).toBe(supergroup.id);
    expect(other.messageId).toBe(poll.messageId);
    clock.set('2026-12-10T19:00:00Z');
    await runJobs();
    expect(h.fake.message(supergroup.id, other.messageId)).toMatchObject({
      poll: { is_closed: false },
    });
    expect(h.fake.message(basic.id, poll.messageId)).toMatchObject({ poll: { is_closed: true } });
  });

  it('re-posts the running count in the supergroup rather than edit a message id of the old group', async () => {
    h.fake.setChatMember(basic.id, alice.id, 'creator');
    await say(alice, '/fete 28/05 19h', basic);
    const announcement = h.sentTo(basic.id).find((c) => buttonsOf(c).length === 5)!;
    const summaryId = (announcement.result as { message_id: number }).message_id;
    h.fake.migrateChat(basic.id, supergroup.id);
    await postUpgraded();
    // In the supergroup, message ids start again: the same id is now the help.
    await say(bruno, '/aide', supergroup);
    expect(
      h.sentTo(supergroup.id).map((c) => (c.result as { message_id: number }).message_id),
    ).toEqual([summaryId]);
    await say(bruno, '/jeviens', supergroup);
    expect(h.fake.message(supergroup.id, summaryId)).toMatchObject({
      text: expect.stringContaining('Ce que je sais faire'),
    });
    expect(h.fake.calls.filter((c) => c.method === 'editMessageText')).toEqual([]);
    clock.set('2026-11-26T10:31:00Z');
    await runJobs();
    expect(textsIn(supergroup).at(-1)).toContain('Viennent\u202f: Bruno');
  });

  it('when Telegram refuses to stop it, still announces the result and answers late votes', async () => {
    const poll = await pollThenUpgrade('read-only');
    clock.set('2026-12-10T19:00:00Z');
    await runJobs();
    const stops = h.fake.calls.filter((c) => c.method === 'stopPoll');
    expect(stops.map((c) => [c.params.chat_id, c.params.message_id, c.status])).toEqual([
      [basic.id, poll.messageId, 400],
    ]);
    expect(h.fake.message(basic.id, poll.messageId)).toMatchObject({ poll: { is_closed: false } });
    expect(textsIn(supergroup).join('\n')).toContain('ce sera le <b>samedi 29 mai 2027</b>');
    // The poll still takes votes in the old group's history: they are answered, not counted.
    await h.postWebhook(pollAnswer(djamel, poll.pollId, [0]));
    expect(textsIn(supergroup).at(-1)).toContain(
      'Le sondage de dates est clos. La date retenue\u202f: samedi 29 mai 2027.',
    );
    // Nothing went to the old id after the upgrade but the attempt to stop the poll.
    expect(h.fake.calls.filter((c) => c.params.chat_id === basic.id).map((c) => c.method)).toEqual([
      'getChatMember',
      'sendMessage',
      'sendPoll',
      'stopPoll',
    ]);
  });
});
