// A city's local event told to groups in the cases the first rounds left short, through the
// real job runner and the real durable messenger: a group away from the city's messages (the
// bot removed, "non") when a change or the cancellation was told, back before it is too late,
// is told then, once, as the event now is; a correction soon after a round reaches the groups
// not reached yet at once and the others half an hour later (at most two rounds in four
// hours); a new date or hour, or a cancellation, whose send's outcome is unknown is sent once
// more, never a third time; a group's second language repeats each message briefly.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client.ts';
import { INTERRUPTED, UNSURE } from '../../../handlers/city-programme/index.ts';
import { removeLocalEventAnnounced } from '../../../handlers/city-programme/schedule.ts';
import { createRecordingMessenger } from '../../support/recording-messenger.ts';
import { useLocalEvents } from './local-events-harness.ts';

const h = useLocalEvents();

const { announced, change } = h;

/** The catch-up at `iso` (twice, as two instances might), then the jobs due. */
async function catchUpAt(iso: string) {
  h.clock.set(iso);
  await h.run('localEventCatchUp');
  await h.run('localEventCatchUp');
  await h.jobs.runDueJobs();
}

/** The round of the event's revision runs alone at `iso`; its sends then wait an hour. */
async function roundOnly(id: number, revision: number, iso: string) {
  h.clock.set(iso);
  await h.run('localEventRound', { eventId: id, revision });
  await h.deps.db.execute(sql`delete from jobs where kind = 'localEventRound'`);
  await h.deps.db.execute(
    sql`update jobs set run_at = run_at + interval '1 hour'
      where kind = 'localEventSend' and status = 'pending'`,
  );
}

/** The send job of a group's message of `kind` still waiting. */
async function sendJobOf(externalId: string, kind: string) {
  const [job] = await queryRows<{ id: number; payload: Record<string, unknown> }>(
    h.deps.db,
    sql`select j.id, j.payload from jobs j
      join local_event_announcements a on a.id = (j.payload->>'announcementId')::bigint
      join chats c on c.id = a.chat_id
      where j.kind = 'localEventSend' and j.status = 'pending' and a.kind = ${kind}
        and c.external_id = ${externalId}`,
  );
  return job!;
}

/** A group's message of `kind` was claimed (its form written), then its worker died; its
 * lease ran to 10:31. */
async function crashWhileSending(externalId: string, kind: string) {
  const job = await sendJobOf(externalId, kind);
  await h.deps.db.execute(sql`
    update local_event_announcements a set status = 'sending', date = e.date, time = e.time,
      place = e.place, title = e.title
    from partner_local_events e
    where e.id = a.event_id and a.id = ${Number(job.payload.announcementId)}`);
  await h.deps.db.execute(sql`
    update jobs set status = 'running', locked_by = 'dead',
      locked_until = '2026-12-06T10:31:00Z', attempts = 1
    where id = ${job.id}`);
}

const rowsOf = (kind: string) =>
  queryRows<{ external_id: string; status: string; error: string | null; unsure_sends: number }>(
    h.deps.db,
    sql`select c.external_id, a.status, a.error, a.unsure_sends from local_event_announcements a
      join chats c on c.id = a.chat_id where a.kind = ${kind} order by c.external_id, a.id`,
  );

/** A platform that takes every message, then never answers (a cut connection). */
function connectNoAnswer() {
  const raw = createRecordingMessenger(h.sent);
  const send = raw.send.bind(raw);
  raw.send = async (chatId, message) => {
    await send(chatId, message);
    throw new Error('read ECONNRESET');
  };
  h.connect(raw, false);
}

describe('a group back in the city’s messages', () => {
  it('that missed changes while away gets the event as it now is, once, against what it was told', async () => {
    await h.group('-1');
    const removed = await h.group('-2');
    const saidNo = await h.group('-3');
    const late = await h.group('-4');
    const id = await announced();
    await h.deps.db.execute(sql`update chats set active = false where id in (${removed}, ${late})`);
    await h.deps.db.execute(sql`update chats set city_messages = false where id = ${saidNo}`);
    // Moved to Sunday 16:00 (its round at 10:30), then to the salle des fêtes (12:30).
    await change(id, '2026-12-06T10:00:00Z', { date: '2026-12-13', time: '16:00' });
    await h.runAt('2026-12-06T10:30:00Z');
    await change(id, '2026-12-06T12:00:00Z', { place: 'Salle des fêtes' });
    await h.runAt('2026-12-06T12:30:00Z');
    expect(h.textTo('-1')).toHaveLength(3);
    for (const chat of ['-2', '-3', '-4']) expect(h.textTo(chat)).toHaveLength(1);

    // Monday 7 December: the bot is added again to -2, -3 says "oui" again.
    await h.deps.db.execute(sql`update chats set active = true where id = ${removed}`);
    await h.deps.db.execute(sql`update chats set city_messages = true where id = ${saidNo}`);
    await catchUpAt('2026-12-07T09:10:00Z');
    for (const chat of ['-2', '-3']) {
      expect(h.textTo(chat)).toHaveLength(2);
      const text = h.textTo(chat)[1]!;
      expect(text).toContain('Changement\u202f: la mairie de Lyon 1er modifie son invitation');
      expect(text).toContain('Ce qui change\u202f: nouvelle date, nouvel horaire, nouveau lieu');
      expect(text).toContain('dimanche 13 décembre 2026 à 16 h');
      expect(text).toContain('Où\u202f: Salle des fêtes');
      expect(text).toContain(
        'Annoncé avant\u202f: samedi 12 décembre 2026 · 15 h · Place Sathonay',
      );
    }
    // Later catch-ups, and everything run again: nothing more.
    await catchUpAt('2026-12-07T13:00:00Z');
    await h.deps.db.execute(
      sql`update jobs set status = 'pending', run_at = now() - interval '1 s'`,
    );
    await h.runAt('2026-12-07T14:00:00Z');
    for (const chat of ['-1', '-2', '-3'])
      expect(h.textTo(chat)).toHaveLength(chat === '-1' ? 3 : 2);

    // -4 comes back at 20:30 on the eve (Saturday 12): too late to be told, then or the next
    // morning.
    await h.deps.db.execute(sql`update chats set active = true where id = ${late}`);
    await catchUpAt('2026-12-12T19:30:00Z');
    await catchUpAt('2026-12-13T08:10:00Z');
    expect(h.textTo('-4')).toHaveLength(1);
  });

  it('that said "non" with a change on its way, then "oui", gets it once, in the daytime', async () => {
    await h.group('-1');
    const saidNo = await h.group('-2');
    const id = await announced();
    await change(id, '2026-12-06T10:00:00Z', { time: '18:00' });
    // The round at 10:30 makes both messages; -2 says "non" before its send.
    await roundOnly(id, 2, '2026-12-06T10:30:00Z');
    await h.deps.db.execute(sql`update chats set city_messages = false where id = ${saidNo}`);
    await h.runAt('2026-12-06T11:30:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    expect(h.textTo('-2')).toHaveLength(1);
    // "oui" again at 20:30: told at 9:00 the next morning.
    await h.deps.db.execute(sql`update chats set city_messages = true where id = ${saidNo}`);
    await catchUpAt('2026-12-06T19:30:00Z');
    expect(h.textTo('-2')).toHaveLength(1);
    await catchUpAt('2026-12-07T08:00:00Z');
    await catchUpAt('2026-12-07T08:10:00Z');
    expect(h.textTo('-2')).toHaveLength(2);
    expect(h.textTo('-2')[1]).toContain('Ce qui change\u202f: nouvel horaire');
    expect(h.textTo('-2')[1]).toContain('à 18 h');
    expect(h.textTo('-2')[1]).toContain('Annoncé avant\u202f: 15 h');
    expect(await rowsOf('change')).toMatchObject([
      { external_id: '-1', status: 'sent' },
      { external_id: '-2', status: 'sent' },
    ]);
  });

  it('told of an event moved weeks later is told when it comes back, not a week before', async () => {
    await h.group('-1');
    const back = await h.group('-2');
    const id = await announced();
    await h.deps.db.execute(sql`update chats set active = false where id = ${back}`);
    // Moved to Saturday 9 January (its announcement to new groups on the 2nd).
    await change(id, '2026-12-06T10:00:00Z', { date: '2027-01-09' });
    await h.runAt('2026-12-06T10:30:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    // -2 comes back on Tuesday 8 December: told now that 12 December is off for 9 January.
    await h.deps.db.execute(sql`update chats set active = true where id = ${back}`);
    await catchUpAt('2026-12-08T09:00:00Z');
    expect(h.textTo('-2')).toHaveLength(2);
    expect(h.textTo('-2')[1]).toContain('samedi 9 janvier 2027 à 15 h');
    expect(h.textTo('-2')[1]).toContain('Annoncé avant\u202f: samedi 12 décembre 2026');
    // Nor again on the new date's announcement day.
    await catchUpAt('2027-01-02T09:00:00Z');
    await catchUpAt('2027-01-02T09:10:00Z');
    expect(h.textTo('-2')).toHaveLength(2);
  });

  it('told of an event cancelled meanwhile gets the cancellation until the event starts', async () => {
    await h.group('-1');
    const back = await h.group('-2');
    const tooLate = await h.group('-3');
    const id = await announced();
    await h.deps.db.execute(sql`update chats set active = false where id in (${back}, ${tooLate})`);
    h.clock.set('2026-12-06T10:00:00Z');
    await removeLocalEventAnnounced(h.deps.db, h.lyon, id, h.clock.now());
    await h.jobs.runDueJobs();
    expect(h.textTo('-1')).toHaveLength(2);
    // -2 comes back on Saturday 12 at 10:00 (the brocante is at 15:00): told it is off, once.
    await h.deps.db.execute(sql`update chats set active = true where id = ${back}`);
    await catchUpAt('2026-12-12T09:00:00Z');
    await catchUpAt('2026-12-12T09:10:00Z');
    expect(h.textTo('-2')).toHaveLength(2);
    expect(h.textTo('-2')[1]).toContain(
      'Annulé\u202f: la mairie de Lyon 1er annule son invitation',
    );
    expect(h.textTo('-2')[1]).toContain('samedi 12 décembre 2026 à 15 h');
    // -3 comes back at 15:10, once it has started: neither told nor announced as if it were on.
    await h.deps.db.execute(sql`update chats set active = true where id = ${tooLate}`);
    await catchUpAt('2026-12-12T14:10:00Z');
    expect(h.textTo('-3')).toHaveLength(1);
  });

  it('whose catch-up failed for good is not tried again every ten minutes', async () => {
    await h.group('-1');
    const gone = await h.group('-2');
    const id = await announced();
    await h.deps.db.execute(sql`update chats set active = false where id = ${gone}`);
    await change(id, '2026-12-06T10:00:00Z', { time: '18:00' });
    await h.runAt('2026-12-06T10:30:00Z');
    // Back, but the platform refuses every message to it (the chat is gone).
    let refused = 0;
    const raw = createRecordingMessenger(h.sent);
    const send = raw.send.bind(raw);
    raw.send = async (chatId, message) => {
      if (chatId !== '-2') return send(chatId, message);
      refused++;
      throw new Error('Forbidden: bot was kicked from the group chat');
    };
    h.connect(raw, true);
    await h.deps.db.execute(sql`update chats set active = true where id = ${gone}`);
    for (const at of ['09:00', '09:10', '09:20', '12:00']) await catchUpAt(`2026-12-07T${at}:00Z`);
    expect(refused).toBe(1);
  });
});

describe('a correction soon after a round', () => {
  it('reaches the groups not reached yet at once and the others half an hour later; a third change waits', async () => {
    for (const chat of ['-1', '-2', '-3']) await h.group(chat);
    const id = await announced();
    await change(id, '2026-12-06T10:00:00Z', { time: '16:00' });
    // The round at 10:30 makes its three messages; only -1's has gone out (the others wait
    // for their turn).
    await roundOnly(id, 2, '2026-12-06T10:30:00Z');
    await h.run('localEventSend', (await sendJobOf('-1', 'change')).payload);
    expect(h.textTo('-1')[1]).toContain('à 16 h');
    // 10:35: 16:00 was a slip for 17:00.
    expect(await change(id, '2026-12-06T10:35:00Z', { time: '17:00' })).toMatchObject({
      change: ['time'],
      at: new Date('2026-12-06T11:05:00Z'),
    });
    // The groups not reached get the new hour at once, once, against what they were told.
    for (const chat of ['-2', '-3']) {
      expect(h.textTo(chat)).toHaveLength(2);
      expect(h.textTo(chat)[1]).toContain('à 17 h');
      expect(h.textTo(chat)[1]).toContain('Annoncé avant\u202f: 15 h');
    }
    // -1, told 16:00, gets the correction half an hour after it.
    await h.runAt('2026-12-06T11:04:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    await h.runAt('2026-12-06T11:05:00Z');
    expect(h.textTo('-1')).toHaveLength(3);
    expect(h.textTo('-1')[2]).toContain('à 17 h');
    expect(h.textTo('-1')[2]).toContain('Annoncé avant\u202f: 16 h');
    expect(h.sent).toHaveLength(7);
    // 11:20, another change: a third round within four hours of the first waits until 14:30.
    expect(await change(id, '2026-12-06T11:20:00Z', { place: 'Salle Rameau' })).toMatchObject({
      change: ['place'],
      at: new Date('2026-12-06T14:30:00Z'),
    });
    await h.runAt('2026-12-06T14:29:00Z');
    expect(h.sent).toHaveLength(7);
    await h.runAt('2026-12-06T14:30:00Z');
    expect(h.sent).toHaveLength(10);
    for (const chat of ['-1', '-2', '-3']) expect(h.textTo(chat).at(-1)).toContain('Salle Rameau');
  });
});

describe('a message whose outcome is unknown', () => {
  it('is sent once more when it tells a new hour, never a third time; not for a new place alone', async () => {
    await h.group('-1');
    connectNoAnswer();
    const id = await announced();
    expect(h.textTo('-1')).toHaveLength(1); // an announcement: taken as told
    await change(id, '2026-12-06T10:00:00Z', { time: '18:00' });
    await h.runAt('2026-12-06T10:30:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    await h.runAt('2026-12-06T10:30:02Z');
    expect(h.textTo('-1')).toHaveLength(3);
    expect(h.textTo('-1')[2]).toBe(h.textTo('-1')[1]);
    for (const at of ['10:31', '10:35', '11:00', '13:00']) await h.runAt(`2026-12-06T${at}:00Z`);
    expect(h.textTo('-1')).toHaveLength(3);
    expect(await rowsOf('change')).toEqual([
      { external_id: '-1', status: 'failed', error: `${UNSURE}: read ECONNRESET`, unsure_sends: 1 },
    ]);
    // A new place alone, measured against the new hour (taken as told): sent once.
    await change(id, '2026-12-06T15:00:00Z', { place: 'Salle Rameau' });
    for (const at of ['15:30', '15:31', '16:00']) await h.runAt(`2026-12-06T${at}:00Z`);
    expect(h.textTo('-1')).toHaveLength(4);
    expect(h.textTo('-1')[3]).toContain('Ce qui change\u202f: nouveau lieu');
    expect(h.textTo('-1')[3]).toContain('Annoncé avant\u202f: Place Sathonay');
  });

  it('is sent once more when it is a cancellation', async () => {
    await h.group('-1');
    connectNoAnswer();
    const id = await announced();
    h.clock.set('2026-12-06T10:00:00Z');
    await removeLocalEventAnnounced(h.deps.db, h.lyon, id, h.clock.now());
    for (const at of ['10:00:00', '10:00:02', '10:00:05', '10:05:00', '11:00:00'])
      await h.runAt(`2026-12-06T${at}Z`);
    expect(h.textTo('-1')).toHaveLength(3);
    expect(h.textTo('-1')[2]).toContain("Cet événement n'aura pas lieu.");
    expect(await rowsOf('cancellation')).toMatchObject([{ status: 'failed', unsure_sends: 1 }]);
  });

  it('cut by a crash is sent once more when it tells a new date; not a second time, nor for a new place', async () => {
    await h.group('-1');
    await h.group('-2');
    const id = await announced();
    await change(id, '2026-12-06T10:00:00Z', { date: '2026-12-13' });
    // The round at 10:30; both sends die after their claim. -2's was already the one more.
    await roundOnly(id, 2, '2026-12-06T10:30:00Z');
    await crashWhileSending('-1', 'change');
    await crashWhileSending('-2', 'change');
    await h.deps.db.execute(sql`
      update local_event_announcements set unsure_sends = 1
      where chat_id = (select id from chats where external_id = '-2')`);
    await h.runAt('2026-12-06T10:32:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    expect(h.textTo('-1')[1]).toContain('Ce qui change\u202f: nouvelle date');
    expect(h.textTo('-1')[1]).toContain('dimanche 13 décembre 2026');
    expect(h.textTo('-2')).toHaveLength(1);
    expect(await rowsOf('change')).toEqual([
      { external_id: '-1', status: 'sent', error: null, unsure_sends: 1 },
      { external_id: '-2', status: 'failed', error: INTERRUPTED, unsure_sends: 1 },
    ]);

    // A new place (its round on Monday at 10:30), cut by a crash: taken as told.
    await change(id, '2026-12-07T10:00:00Z', { place: 'Salle Rameau' });
    await roundOnly(id, 3, '2026-12-07T10:30:00Z');
    await crashWhileSending('-1', 'change');
    await h.deps.db.execute(
      sql`update jobs set locked_until = '2026-12-07T10:31:00Z' where locked_by = 'dead'`,
    );
    await h.runAt('2026-12-07T11:45:00Z');
    expect(h.textTo('-1')).toHaveLength(2);
    expect(h.textTo('-2')).toHaveLength(2);
    expect((await rowsOf('change')).filter((r) => r.external_id === '-1')).toEqual([
      { external_id: '-1', status: 'sent', error: null, unsure_sends: 1 },
      { external_id: '-1', status: 'failed', error: INTERRUPTED, unsure_sends: 0 },
    ]);
  });
});

describe('a group with a second language', () => {
  it('reads the announcement, a change and the cancellation repeated briefly in it', async () => {
    await h.group('-1', { locale: 'fr', secondLocale: 'en' });
    await h.group('-2', { locale: 'en', secondLocale: 'ar' });
    await h.group('-3', { locale: 'fr', secondLocale: 'fr' });
    await h.group('-4', { locale: 'fr' });
    const id = await announced();
    const [fr] = h.textTo('-1');
    expect(fr).toContain('<b>La mairie de Lyon 1er vous invite</b>');
    expect(fr).toContain(
      '\n\n— 📅 <b>An invitation from the city of Lyon 1er</b>\nBrocante de quartier\n' +
        'When: Saturday 12 December 2026 at 15:00\nWhere: Place Sathonay',
    );
    // After the first time's note; the details are not repeated.
    expect(fr!.indexOf('/parametres messages non')).toBeLessThan(fr!.indexOf('— 📅'));
    expect(fr!.split('Apportez')).toHaveLength(2);
    // Arabic isolates the city's words (⁨…⁩) in its right-to-left lines.
    expect(h.textTo('-2')[0]).toContain('\n\n— 📅 <b>دعوة من بلدية \u2068Lyon 1er\u2069</b>');
    for (const chat of ['-3', '-4']) expect(h.textTo(chat)[0]).not.toContain('— ');

    await change(id, '2026-12-06T10:00:00Z', { time: '17:00' });
    await h.runAt('2026-12-06T10:30:00Z');
    expect(h.textTo('-1')[1]).toContain('Ce qui change\u202f: nouvel horaire');
    expect(h.textTo('-1')[1]).toContain(
      '\n\n— 🔁 <b>Change: the city of Lyon 1er updates its invitation</b>\n' +
        '<b>What changes: new time</b>\nBrocante de quartier\n' +
        'When: Saturday 12 December 2026 at 17:00\nWhere: Place Sathonay',
    );
    expect(h.textTo('-2')[1]).toContain(
      '\n\n— 🔁 <b>تغيير: بلدية \u2068Lyon 1er\u2069 تعدّل دعوتها</b>',
    );

    h.clock.set('2026-12-07T10:00:00Z');
    await removeLocalEventAnnounced(h.deps.db, h.lyon, id, h.clock.now());
    await h.jobs.runDueJobs();
    expect(h.textTo('-1')[2]).toContain(
      '\n\n— ❌ <b>Cancelled: the city of Lyon 1er cancels its invitation</b>\n' +
        'Brocante de quartier\nWhen: Saturday 12 December 2026 at 17:00\n' +
        'This event will not take place.',
    );
    expect(h.textTo('-2')[2]).toContain(
      '\n\n— ❌ <b>إلغاء: بلدية \u2068Lyon 1er\u2069 تلغي دعوتها</b>',
    );
    for (const chat of ['-3', '-4']) {
      expect(h.textTo(chat)).toHaveLength(3);
      for (const text of h.textTo(chat)) expect(text).not.toContain('— ');
    }
  });
});
