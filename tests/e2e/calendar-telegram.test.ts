// "📅 Ajouter à mon agenda" through the real bot and the fake Bot API, in a group of
// Fort-de-France (America/Martinique, UTC−4): the button under the announcement sends the
// .ics privately (or opens the private chat on a deep link for someone who never started
// the bot), /agenda does the same, and those who come get the updated file when the
// organiser moves the date, the time or the place, then the cancellation. Every file is
// read back by ical.js.
import { beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { findChat } from '../../db/queries/chats.ts';
import type { RecordedCall } from '../fakes/telegram-bot-api.ts';
import { readIcs } from '../support/read-ics.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import {
  buttonsOf,
  documentBytes,
  filenameOf,
  groupChat,
  nextUpdateId,
  people,
  privateChat,
  type Person as User,
} from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase();
const group = groupChat(-100777, 'Résidence Les Flamboyants');
const elsewhere = groupChat(-100888, 'Les Tilleuls');
const { alice, bruno, chloe, djamel, emma, mallory } = people;

const h = useTelegramHarness(database, {
  webhook: true,
  clock: createTestClock('2026-12-06T12:00:00Z'),
});
const { organise, say, press, documentsTo, cancel } = createTelegramChat(h, group);
beforeEach(async () => {
  h.fake.setChatMember(group.id, mallory.id, 'left');
  await organise(alice, '/parametres cp 97200');
  for (const user of [bruno, chloe, djamel]) await say(user, '/aide');
  await say(mallory, '/aide', elsewhere);
  // Bruno started the bot privately; Chloé and Djamel never did.
  await say(bruno, '/start', privateChat(bruno));
});

const icsOf = (call: RecordedCall | undefined) => readIcs(documentBytes(call));
/** The latest group message with the calendar button: the announcement or running count. */
const announcement = () =>
  [...h.sentTo(group.id)]
    .reverse()
    .find((c) => buttonsOf(c).some((b) => b.callback_data?.startsWith('gcal:')));

describe('calendar files on Telegram', () => {
  it('sends the .ics privately, with the group time zone, and updates it for those who come', async () => {
    await say(alice, '/evenement Galette des rois 15/01 19h dans la cour');
    expect(announcement()?.params.text).toContain('vendredi 15 janvier 2027, 19 h, la cour');
    const calendarButton = buttonsOf(announcement()).find((b) =>
      b.callback_data?.startsWith('gcal:'),
    )!;
    expect(calendarButton.text).toBe('📅 Ajouter à mon agenda');
    const id = Number(calendarButton.callback_data!.split(':')[1]);
    const rsvpYes = `rsvp:${id}:yes:0`;

    // Bruno comes and presses the button: the file arrives in his private chat, nothing
    // is said in the group, the pop-up says where it went.
    await press(bruno, rsvpYes);
    const groupMessages = h.sentTo(group.id).length;
    await press(bruno, calendarButton.callback_data!);
    expect(h.sentTo(group.id)).toHaveLength(groupMessages);
    expect(h.lastNotice()).toContain('en message privé');
    expect(filenameOf(documentsTo(bruno)[0])).toBe('galette-des-rois.ics');
    expect(documentsTo(bruno)[0]!.params.caption).toContain('Galette des rois');
    const first = icsOf(documentsTo(bruno)[0]);
    expect(first).toMatchObject({
      method: 'PUBLISH',
      uid: `gathering-${id}@voisins-solidaires`,
      sequence: 0,
      status: 'CONFIRMED',
      summary: 'Galette des rois',
      location: 'la cour',
      tzid: 'America/Martinique',
      start: '2027-01-15T19:00:00',
      // 19:00 in Fort-de-France is 23:00 UTC.
      startUtc: '2027-01-15T23:00:00.000Z',
      alarms: ['-PT2H'],
    });
    expect(first.description).toContain('Résidence Les Flamboyants');

    // Chloé never started the bot: the press opens the private chat on a deep link, which
    // gives her the same file. She only says maybe, as Djamel does.
    await press(chloe, calendarButton.callback_data!);
    const opened = h.fake.successfulCalls('answerCallbackQuery').at(-1)!;
    expect(String(opened.params.url)).toContain(`start=gcal-${id}`);
    expect(documentsTo(chloe)).toEqual([]);
    await say(chloe, `/start gcal-${id}`, privateChat(chloe));
    expect(icsOf(documentsTo(chloe)[0]).uid).toBe(`gathering-${id}@voisins-solidaires`);
    await press(chloe, `rsvp:${id}:maybe:0`);
    await press(djamel, `rsvp:${id}:maybe:0`);
    // Emma reads English: her file and its words are in English. She comes, then leaves
    // the group before anything changes.
    await say(emma, '/start', privateChat(emma));
    await press(emma, rsvpYes);
    await press(emma, calendarButton.callback_data!);
    expect(documentsTo(emma)[0]!.params.caption).toContain('open this file to add it');
    expect(icsOf(documentsTo(emma)[0]).description).toContain(
      'With the neighbours in the group "Résidence Les Flamboyants"',
    );
    const id_ = nextUpdateId();
    await h.postWebhook({
      update_id: id_,
      message: { message_id: id_, date: 1, chat: group, from: emma, left_chat_member: emma },
    });

    // The organiser moves it: those who come, and those who took the file, get the same
    // event one SEQUENCE higher; Djamel, who did neither, nothing.
    await say(alice, '/evenement date 22/01 20h');
    const moved = [bruno, chloe].map((user) => icsOf(documentsTo(user).at(-1)));
    for (const file of moved) {
      expect(file).toMatchObject({
        uid: `gathering-${id}@voisins-solidaires`,
        sequence: 1,
        start: '2027-01-22T20:00:00',
        startUtc: '2027-01-23T00:00:00.000Z',
        location: 'la cour',
      });
    }
    expect(documentsTo(bruno).at(-1)!.params.caption).toContain('a changé');
    expect(documentsTo(djamel)).toEqual([]);
    expect(documentsTo(emma)).toHaveLength(1);

    // The place, then the time.
    await say(alice, '/evenement lieu salle commune');
    expect(icsOf(documentsTo(bruno).at(-1))).toMatchObject({
      sequence: 2,
      location: 'salle commune',
    });

    // Chloé sees in /mesdonnees that she holds the file; /oublier ends the updates.
    await say(chloe, '/mesdonnees', privateChat(chloe));
    expect(h.sentTo(chloe.id).map((c) => String(c.params.text))).toContainEqual(
      expect.stringContaining("Fichier d'agenda reçu\u202f: Galette des rois"),
    );
    await say(chloe, '/oublier', privateChat(chloe));
    const [forget] = buttonsOf(h.sentTo(chloe.id).at(-1));
    await press(chloe, forget!.callback_data!, privateChat(chloe));
    const chloesFiles = documentsTo(chloe).length;
    // Bruno's and Emma's copies are left (Emma's unused: she left the group).
    expect(
      await queryRows(database.db, 'select person_id from gathering_calendar_copies'),
    ).toHaveLength(2);

    await say(alice, '/evenement heure 18h30');
    expect(icsOf(documentsTo(bruno).at(-1))).toMatchObject({
      sequence: 3,
      start: '2027-01-22T18:30:00',
    });
    expect(documentsTo(chloe)).toHaveLength(chloesFiles);
    // The same time said again changes nothing: no new file.
    const files = documentsTo(bruno).length;
    await say(alice, '/evenement heure 18h30');
    expect(documentsTo(bruno)).toHaveLength(files);

    // Cancelled: the file that strikes the event out of their calendars.
    await cancel(alice, '/evenement annuler');
    const cancelled = icsOf(documentsTo(bruno).at(-1));
    expect(cancelled).toMatchObject({
      method: 'CANCEL',
      status: 'CANCELLED',
      uid: `gathering-${id}@voisins-solidaires`,
      sequence: 4,
      alarms: [],
    });
    expect(documentsTo(chloe)).toHaveLength(chloesFiles);
    await press(bruno, calendarButton.callback_data!);
    expect(h.lastNotice()).toBe('Cette sortie a été annulée.');
  });

  it('gives an all-day event for a gathering without a time, and /agenda privately', async () => {
    await say(alice, '/evenement Vide-grenier 20/02');
    await say(bruno, '/agenda');
    expect(h.sentTo(group.id).at(-1)?.params.text).toContain('en message privé');
    const file = icsOf(documentsTo(bruno).at(-1));
    expect(file).toMatchObject({ allDay: true, start: '2027-02-20', end: '2027-02-21' });
    expect(file.alarms).toEqual(['-PT6H']);
    // In the private chat, /agenda gives the files of every group the person is in.
    await say(bruno, '/agenda', privateChat(bruno));
    expect(icsOf(documentsTo(bruno).at(-1)).summary).toBe('Vide-grenier');
    // Djamel, who never started the bot, gets the button to open the private chat.
    await say(djamel, '/agenda');
    expect(buttonsOf(h.sentTo(group.id).at(-1))[0]?.url).toMatch(/start=agenda-\d+$/);
  });

  it("refuses politely a forged press for another group's gathering", async () => {
    await say(alice, '/evenement Galette des rois 15/01 19h dans la cour');
    const data = buttonsOf(announcement()).find((b) =>
      b.callback_data?.startsWith('gcal:'),
    )!.callback_data!;
    const id = data.split(':')[1]!;
    // Mallory lives elsewhere: from her group, from her private chat, by the deep link.
    const from = h.fake.successfulCalls('sendMessage').length;
    await press(mallory, data, elsewhere);
    await press(mallory, data, privateChat(mallory));
    expect(h.notices().slice(-2)).toEqual([
      "Ce choix n'est plus valable. Relancez la commande pour en avoir un nouveau.",
      "Ce choix n'est plus valable. Relancez la commande pour en avoir un nouveau.",
    ]);
    await say(mallory, `/start gcal-${id}`, privateChat(mallory));
    expect(documentsTo(mallory)).toEqual([]);
    const toMallory = h.fake
      .successfulCalls('sendMessage')
      .slice(from)
      .filter((c) => c.params.chat_id === mallory.id || c.params.chat_id === elsewhere.id);
    expect(toMallory.map((c) => String(c.params.text))).toEqual([
      "Ce lien n'est plus valable. Retournez dans le groupe et relancez la commande pour en avoir un nouveau.",
    ]);
  });

  it('offers an accepted help with a date to both, without a name, and strikes it out when withdrawn', async () => {
    const groupId = (await findChat(database.db, 'telegram', String(group.id)))!.id;
    const inPrivate = (user: User, text: string) => say(user, text, privateChat(user));
    const pressPrivately = (user: User, data: string) => press(user, data, privateChat(user));
    const privateButtons = (user: User) => buttonsOf(h.sentTo(user.id).at(-1));

    // Bruno can help with odd jobs; Alice asks for a hand on Saturday, then agrees.
    await inPrivate(bruno, `/start volunteer-${groupId}`);
    await pressPrivately(bruno, `aid:vcat:${groupId}:bricolage`);
    await pressPrivately(bruno, `aid:vdone:${groupId}`);
    await pressPrivately(bruno, `aid:vany:${groupId}`);
    await inPrivate(alice, '/besoin bricolage : monter une étagère samedi');
    // She sees the card first, and publishes it.
    await pressPrivately(alice, privateButtons(alice)[0]!.callback_data!);
    const id = Number(
      buttonsOf(h.sentTo(alice.id).at(-1))
        .find((b) => b.callback_data?.startsWith('aid:withdraw:'))!
        .callback_data!.split(':')[2],
    );
    await h.app.jobs.runDueJobs();
    await pressPrivately(bruno, `aid:accept:${id}`);
    await pressPrivately(alice, `aid:confirm:${id}:relay`);

    // Both get the choice under the message that says it is agreed, and the same event.
    for (const user of [alice, bruno]) {
      expect(privateButtons(user)).toEqual([
        { text: '📅 Ajouter à mon agenda', callback_data: `aid:ics:${id}` },
      ]);
      await pressPrivately(user, `aid:ics:${id}`);
      const file = icsOf(documentsTo(user).at(-1));
      expect(file).toMatchObject({
        uid: `help-${id}@voisins-solidaires`,
        sequence: 0,
        status: 'CONFIRMED',
        summary: 'Coup de main entre voisins\u202f: Bricolage',
        allDay: true,
        start: '2026-12-12',
        end: '2026-12-13',
        alarms: ['-PT6H'],
      });
      expect(file.description).toContain('monter une étagère');
      // Nobody's name, handle or number: only what the help flow already showed.
      expect(file.text).not.toMatch(/Alice|Bruno|tg:\/\/|\b(111|222)\b/);
    }

    // Chloé is in the group but has nothing to do with it: refused, nothing sent.
    await inPrivate(chloe, '/aide');
    await pressPrivately(chloe, `aid:ics:${id}`);
    expect(h.lastNotice()).toContain("n'est plus valable");
    expect(documentsTo(chloe)).toEqual([]);

    // Alice withdraws it: Bruno's calendar gets the cancellation.
    await pressPrivately(alice, `aid:withdraw:${id}`);
    expect(icsOf(documentsTo(bruno).at(-1))).toMatchObject({
      uid: `help-${id}@voisins-solidaires`,
      sequence: 1,
      method: 'CANCEL',
      status: 'CANCELLED',
    });
  });
});
