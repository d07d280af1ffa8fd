// A city's local event after its announcement, through the real job runner and the real
// durable messenger: a change that matters is told once to each group told, in its language,
// saying what changed, gathered (ten edits in an hour make one message; an edit every twenty
// minutes cannot hold it back; at most two rounds in four hours), never after the eve and
// never in an old form, never twice (a round run twice); a typo or the description alone
// tells nobody; a cancellation is told to the groups told, until the event starts; a group
// that joins after the announcement gets it once, in the daytime, until the eve.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client.ts';
import { claimAnnouncement } from '../../../db/queries/local-event-announcements.ts';
import { chats, partnerLocalEvents } from '../../../db/schema.ts';
import { eq } from 'drizzle-orm';
import {
  addLocalEventAnnounced,
  changeLocalEventAnnounced,
  removeLocalEventAnnounced,
} from '../../../handlers/city-programme/schedule.ts';
import { BROCANTE, useLocalEvents } from './local-events-harness.ts';

const h = useLocalEvents();

const { announced, change } = h;

const rowsOf = (kind: string) =>
  queryRows<{ external_id: string; status: string; error: string | null }>(
    h.deps.db,
    sql`select c.external_id, a.status, a.error from local_event_announcements a
      join chats c on c.id = a.chat_id where a.kind = ${kind} order by c.external_id, a.id`,
  );

describe('a change that matters', () => {
  it('is told once to each group told, in its language, saying what changed', async () => {
    await h.group('-1', { locale: 'fr' });
    await h.group('-2', { locale: 'en' });
    const id = await announced();
    expect(h.textTo('-1')).toHaveLength(1);
    expect(h.textTo('-1')[0]).toContain('samedi 12 décembre 2026 à 15 h');
    expect(h.textTo('-1')[0]).toContain('Où\u202f: Place Sathonay');
    expect(h.textTo('-1')[0]).toContain('Apportez ce qui ne vous sert plus.');

    // Sunday 6 December, 11:00 Paris: moved a week later, to the salle des fêtes.
    const plan = await change(id, '2026-12-06T10:00:00Z', {
      date: '2026-12-19',
      place: 'Salle des fêtes',
    });
    expect(plan).toEqual({
      announce: new Date('2026-12-12T09:00:00Z'),
      change: ['date', 'place'],
      at: new Date('2026-12-06T10:30:00Z'),
    });
    await h.runAt('2026-12-06T10:29:00Z');
    expect(h.sent).toHaveLength(2);
    await h.runAt('2026-12-06T10:30:00Z');
    const french = h.textTo('-1')[1]!;
    expect(french).toContain('Changement\u202f: la mairie de Lyon 1er modifie son invitation');
    expect(french).toContain('Ce qui change\u202f: nouvelle date, nouveau lieu');
    expect(french).toContain('samedi 19 décembre 2026 à 15 h');
    expect(french).toContain('Où\u202f: Salle des fêtes');
    expect(french).toContain('Annoncé avant\u202f: samedi 12 décembre 2026 · Place Sathonay');
    const english = h.textTo('-2')[1]!;
    expect(english).toContain('What changes: new date, new place');
    expect(english).toContain('Saturday 19 December 2026 at 15:00');
    expect(english).toContain('Announced before: Saturday 12 December 2026 · Place Sathonay');

    // Everything run again, and on the new date's announcement day: nothing more.
    await h.deps.db.execute(
      sql`update jobs set status = 'pending', run_at = now() - interval '1 s'`,
    );
    await h.runAt('2026-12-07T09:00:00Z');
    await h.runAt('2026-12-12T09:00:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    expect(h.textTo('-2')).toHaveLength(2);
  });

  it('is gathered: ten edits in an hour make one message, in the last form', async () => {
    await h.group('-1');
    const id = await announced();
    for (let i = 0; i < 10; i++) {
      const at = new Date(Date.parse('2026-12-06T10:00:00Z') + i * 6 * 60_000).toISOString();
      await change(id, at, { place: `Salle ${i + 1}` });
    }
    // 30 minutes after the last edit (10:54), within two hours of the first.
    await h.runAt('2026-12-06T11:23:00Z');
    expect(h.textTo('-1')).toHaveLength(1);
    await h.runAt('2026-12-06T11:24:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    expect(h.textTo('-1')[1]).toContain('Où\u202f: Salle 10');
    expect(h.textTo('-1')[1]).toContain('Annoncé avant\u202f: Place Sathonay');

    // A change after that round makes the second round within four hours: half an hour after
    // it, like any other (a slip put right before neighbours make plans).
    expect(await change(id, '2026-12-06T12:00:00Z', { time: '16:30' })).toMatchObject({
      change: ['time'],
      at: new Date('2026-12-06T12:30:00Z'),
    });
    await h.runAt('2026-12-06T12:29:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    await h.runAt('2026-12-06T12:30:00Z');
    expect(h.textTo('-1')).toHaveLength(3);
    expect(h.textTo('-1')[2]).toContain('Ce qui change\u202f: nouvel horaire');
    expect(h.textTo('-1')[2]).toContain('Annoncé avant\u202f: 15 h');
    // A third waits until four hours after the first of those two rounds: 15:24, not 13:10.
    expect(await change(id, '2026-12-06T12:40:00Z', { time: '17:00' })).toMatchObject({
      change: ['time'],
      at: new Date('2026-12-06T15:24:00Z'),
    });
    await h.runAt('2026-12-06T15:23:00Z');
    expect(h.textTo('-1')).toHaveLength(3);
    await h.runAt('2026-12-06T15:24:00Z');
    expect(h.textTo('-1')).toHaveLength(4);
    expect(h.textTo('-1')[3]).toContain('Annoncé avant\u202f: 16 h 30');
  });

  it('is not held back more than two hours by edits every twenty minutes', async () => {
    await h.group('-1');
    const id = await announced();
    for (let i = 0; i < 8; i++) {
      const at = new Date(Date.parse('2026-12-06T10:00:00Z') + i * 20 * 60_000).toISOString();
      await change(id, at, { place: `Gymnase ${i + 1}` });
    }
    // The edits at 10:00 … 12:20: the round at 12:00 (two hours after the first) told the
    // form of 12:00; the change of 12:20 makes the second round, half an hour later.
    expect(h.textTo('-1')).toHaveLength(2);
    expect(h.textTo('-1')[1]).toContain('Où\u202f: Gymnase 7');
    await h.runAt('2026-12-06T12:49:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    await h.runAt('2026-12-06T12:50:00Z');
    expect(h.textTo('-1')[2]).toContain('Où\u202f: Gymnase 8');
    expect(h.textTo('-1')[2]).toContain('Annoncé avant\u202f: Gymnase 7');
  });

  it('is not a typo, an accent, a capital or the description: nobody is told again', async () => {
    await h.group('-1');
    const id = await announced();
    for (const [i, edit] of [
      { title: 'Brocante de quartir' },
      { title: 'Brocante de Quartier !' },
      { place: 'place sathonay' },
      { description: 'Tout autre chose : venez avec vos voisins, il y aura une soupe.' },
    ].entries()) {
      expect(await change(id, `2026-12-06T1${i}:00:00Z`, edit)).toEqual({
        announce: 'done',
        change: 'minor',
      });
    }
    await h.runAt('2026-12-07T12:00:00Z');
    expect(h.textTo('-1')).toHaveLength(1);
    // A change undone before its round tells nobody either.
    await change(id, '2026-12-07T13:00:00Z', { place: 'Place des Terreaux' });
    await change(id, '2026-12-07T13:10:00Z', { place: 'Place Sathonay' });
    await h.runAt('2026-12-07T14:00:00Z');
    expect(h.textTo('-1')).toHaveLength(1);
  });

  it('is never told twice (a round run twice, a crash) nor in an old form', async () => {
    await h.group('-1');
    await h.group('-2');
    await h.group('-3');
    const id = await announced();
    await change(id, '2026-12-06T10:00:00Z', { time: '16:00' });
    // The round runs at 10:30 twice (its worker died after its work); its sends wait.
    h.clock.set('2026-12-06T10:30:00Z');
    await h.run('localEventRound', { eventId: id, revision: 2 });
    await h.run('localEventRound', { eventId: id, revision: 2 });
    await h.deps.db.execute(sql`delete from jobs where kind = 'localEventRound'`);
    await h.deps.db.execute(
      sql`update jobs set run_at = run_at + interval '1 hour' where kind = 'localEventSend' and status = 'pending'`,
    );
    expect(await rowsOf('change')).toHaveLength(3);
    // -1's change (16:00) was being sent when its worker died: it may have arrived.
    await h.deps.db.execute(sql`
      update local_event_announcements a set status = 'sending', date = e.date, time = e.time,
        place = e.place, title = e.title
      from partner_local_events e
      where e.id = a.event_id and a.kind = 'change'
        and a.chat_id = (select id from chats where external_id = '-1')`);
    await h.deps.db.execute(sql`
      update jobs set status = 'running', locked_by = 'dead', locked_until = '2026-12-06T10:31:00Z'
      where kind = 'localEventSend' and (payload->>'announcementId')::bigint =
        (select a.id from local_event_announcements a join chats c on c.id = a.chat_id
         where a.kind = 'change' and c.external_id = '-1')`);
    // Then the city moves it again: a send composed before cannot be claimed in its old form.
    h.clock.set('2026-12-06T10:40:00Z');
    await changeLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      id,
      { ...BROCANTE, time: '17:00' },
      h.clock.now(),
    );
    const [waiting] = await queryRows<{ id: number }>(
      h.deps.db,
      sql`select id from local_event_announcements where kind = 'change' and status = 'pending'
        order by id limit 1`,
    );
    expect(await claimAnnouncement(h.deps.db, waiting!.id, 2)).toBe(false);
    // The waiting changes go on at once, in the last form (17:00 against 15:00); -1's, cut by
    // the crash, told a new hour: sent once more, in the last form too.
    await h.jobs.runDueJobs();
    for (const chat of ['-1', '-2', '-3']) {
      expect(h.textTo(chat)).toHaveLength(2);
      expect(h.textTo(chat)[1]).toContain('à 17 h');
      expect(h.textTo(chat)[1]).toContain('Annoncé avant\u202f: 15 h');
    }
    // The round of the 17:00 change (11:10) finds every group told it; the rest runs again.
    await h.runAt('2026-12-06T11:10:00Z');
    await h.deps.db.execute(
      sql`update jobs set status = 'pending', run_at = now() - interval '1 s'`,
    );
    await h.runAt('2026-12-06T15:00:00Z');
    expect(h.sent).toHaveLength(6);
    expect(await rowsOf('change')).toEqual([
      { external_id: '-1', status: 'sent', error: null },
      { external_id: '-2', status: 'sent', error: null },
      { external_id: '-3', status: 'sent', error: null },
    ]);
  });

  it('is told at once when waiting would pass the eve, and not after 20:00 the eve', async () => {
    await h.group('-1');
    const id = await announced();
    // Friday 11 December, 19:50 Paris: the settle delay would end after 20:00.
    expect(await change(id, '2026-12-11T18:50:00Z', { time: '14:00' })).toMatchObject({
      change: ['time'],
      at: new Date('2026-12-11T18:50:00Z'),
    });
    expect(h.textTo('-1')).toHaveLength(2);
    // 21:00: too late to tell the groups.
    expect(await change(id, '2026-12-11T20:00:00Z', { place: 'Salle Rameau' })).toEqual({
      announce: 'too_late',
      change: ['place'],
      at: 'too_late',
    });
    await h.runAt('2026-12-12T09:00:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    const [event] = await h.deps.db
      .select()
      .from(partnerLocalEvents)
      .where(eq(partnerLocalEvents.id, id));
    expect(event).toMatchObject({ roundAt: null, place: 'Salle Rameau' });
    expect(event!.changedSince).not.toBeNull();
  });
});

describe('a cancelled event', () => {
  it('is told once to the groups told that are still there, in their language', async () => {
    await h.group('-1');
    await h.group('-2', { locale: 'en' });
    const left = await h.group('-3');
    await h.group('-4', { cityMessages: false });
    const id = await announced();
    await h.deps.db.execute(sql`update chats set active = false where id = ${left}`);
    h.clock.set('2026-12-06T10:00:00Z');
    expect(await removeLocalEventAnnounced(h.deps.db, h.lyon, id, h.clock.now())).toEqual({
      cancel: new Date('2026-12-06T10:00:00Z'),
      told: true,
    });
    // Removed, it cannot be changed or removed again.
    expect(
      await changeLocalEventAnnounced(h.deps.db, h.lyon, id, BROCANTE, h.clock.now()),
    ).toBeUndefined();
    expect(await removeLocalEventAnnounced(h.deps.db, h.lyon, id, h.clock.now())).toBeUndefined();
    await h.runAt('2026-12-06T10:00:00Z');
    expect(h.textTo('-1')[1]).toContain(
      '<b>Annulé\u202f: la mairie de Lyon 1er annule son invitation</b>',
    );
    expect(h.textTo('-1')[1]).toContain('Brocante de quartier');
    expect(h.textTo('-1')[1]).toContain("Cet événement n'aura pas lieu.");
    expect(h.textTo('-2')[1]).toContain('This event will not take place.');
    expect(h.textTo('-3')).toHaveLength(1);
    expect(h.textTo('-4')).toEqual([]);
    await h.deps.db.execute(
      sql`update jobs set status = 'pending', run_at = now() - interval '1 s'`,
    );
    await h.runAt('2026-12-06T11:00:00Z');
    // A group that comes back, told of the event before it left, is told of the cancellation
    // (until the event starts), once; one that says "oui" again, never told of it, is not
    // told of a cancelled event.
    await h.deps.db.execute(sql`update chats set active = true, city_messages = true`);
    await h.run('localEventCatchUp');
    await h.run('localEventCatchUp');
    await h.runAt('2026-12-06T11:10:00Z');
    await h.run('localEventCatchUp');
    await h.runAt('2026-12-06T11:20:00Z');
    expect(h.sent.map((s) => s.chatId).sort()).toEqual(['-1', '-1', '-2', '-2', '-3', '-3']);
    expect(h.textTo('-3')[1]).toContain("Cet événement n'aura pas lieu.");
  });

  it('is named as the group was told it, not in a change it was not told yet', async () => {
    await h.group('-1');
    const id = await announced();
    // Moved to Sunday; removed before the change went out.
    await change(id, '2026-12-07T09:00:00Z', { date: '2026-12-13' });
    await removeLocalEventAnnounced(h.deps.db, h.lyon, id, h.clock.now());
    await h.runAt('2026-12-07T09:00:00Z');
    const texts = h.textTo('-1');
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain("Cet événement n'aura pas lieu.");
    expect(texts[1]).toContain('samedi 12 décembre 2026');
    expect(texts[1]).not.toContain('13 décembre');
  });

  it('removed at night is told at 9:00, unless the event starts before', async () => {
    await h.group('-1');
    const afternoon = await announced();
    const morning = await announced({ ...BROCANTE, time: '08:30', title: 'Café du matin' });
    // Friday 11 December, 22:00 Paris.
    h.clock.set('2026-12-11T21:00:00Z');
    expect(await removeLocalEventAnnounced(h.deps.db, h.lyon, afternoon, h.clock.now())).toEqual({
      cancel: new Date('2026-12-12T08:00:00Z'),
      told: true,
    });
    expect(await removeLocalEventAnnounced(h.deps.db, h.lyon, morning, h.clock.now())).toEqual({
      cancel: 'too_late',
      told: true,
    });
    await h.runAt('2026-12-12T07:59:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    await h.runAt('2026-12-12T08:00:00Z');
    expect(h.textTo('-1')).toHaveLength(3);
    expect(h.textTo('-1')[2]).toContain('Brocante de quartier');
  });
});

describe('a group that joins after the announcement', () => {
  it('gets it once, in the daytime, until the eve', async () => {
    await h.group('-1');
    const saidNo = await h.group('-2', { cityMessages: false });
    const id = await announced();
    // -7 said "non" between the plan and its send, and "oui" again since.
    const again = await h.group('-7');
    await h.deps.db.execute(sql`
      insert into local_event_announcements (event_id, chat_id, status, error)
      values (${id}, ${again}, 'cancelled', 'reason:opted_out')`);
    // A group whose commune is set on Sunday 15:00, and one that says "oui" again.
    await h.group('-3', { communeInsee: null });
    await h.deps.db.execute(sql`update chats set commune_insee = '69381' where external_id = '-3'`);
    await h.deps.db.execute(sql`update chats set city_messages = true where id = ${saidNo}`);
    await h.group('-9', { communeInsee: '75111' }); // Paris 11e's
    h.clock.set('2026-12-06T14:10:00Z');
    await h.run('localEventCatchUp');
    await h.run('localEventCatchUp');
    await h.jobs.runDueJobs();
    expect(h.textTo('-2')).toHaveLength(1);
    expect(h.textTo('-7')).toHaveLength(1);
    expect(h.textTo('-3')).toHaveLength(1);
    expect(h.textTo('-3')[0]).toContain('La mairie de Lyon 1er vous invite');
    expect(h.textTo('-3')[0]).toContain('/parametres messages non'); // its first city message
    expect(h.textTo('-9')).toEqual([]);
    expect(h.textTo('-1')).toHaveLength(1);

    // One that joins at 23:00 is told at 9:00 the next morning.
    await h.group('-4');
    h.clock.set('2026-12-06T22:10:00Z');
    await h.run('localEventCatchUp');
    await h.jobs.runDueJobs();
    expect(h.textTo('-4')).toEqual([]);
    h.clock.set('2026-12-07T08:00:00Z');
    await h.run('localEventCatchUp');
    await h.jobs.runDueJobs();
    expect(h.textTo('-4')).toHaveLength(1);

    // Told in its last form after a change; and no longer once the eve has passed.
    await change(id, '2026-12-08T10:00:00Z', { place: 'Salle des fêtes' });
    await h.group('-5');
    h.clock.set('2026-12-08T10:10:00Z');
    await h.run('localEventCatchUp');
    await h.jobs.runDueJobs();
    expect(h.textTo('-5')[0]).toContain('Où\u202f: Salle des fêtes');
    expect(h.textTo('-5')[0]).not.toContain('Changement');
    await h.group('-6');
    h.clock.set('2026-12-12T09:00:00Z');
    await h.run('localEventCatchUp');
    await h.jobs.runDueJobs();
    expect(h.textTo('-6')).toEqual([]);
  });

  it('waits for the announcement of an event not announced yet', async () => {
    await addLocalEventAnnounced(h.deps.db, h.lyon, BROCANTE, h.clock.now());
    await h.group('-1');
    h.clock.set('2026-11-27T10:00:00Z');
    await h.run('localEventCatchUp');
    await h.jobs.runDueJobs();
    expect(h.sent).toEqual([]);
    await h.runAt('2026-12-05T09:00:00Z');
    expect(h.textTo('-1')).toHaveLength(1);
  });
});

describe('an event saved after 20:00 the eve', () => {
  it('is not announced, and the save says so', async () => {
    await h.group('-1');
    // Friday 11 December, 20:30 Paris, for Saturday.
    h.clock.set('2026-12-11T19:30:00Z');
    const added = await addLocalEventAnnounced(h.deps.db, h.lyon, BROCANTE, h.clock.now());
    expect(added).toMatchObject({ announce: 'too_late' });
    await h.runAt('2026-12-12T09:00:00Z');
    await h.run('localEventCatchUp');
    await h.jobs.runDueJobs();
    expect(h.sent).toEqual([]);
    const [row] = await h.deps.db.select().from(chats).where(eq(chats.externalId, '-1'));
    expect(row!.cityMessagesNotedAt).toBeNull();
  });
});
