// A city's local events announced in its groups, through the real job runner and the real
// durable messenger (sendInTurn within shared send limits kept in the database) over a
// recording platform: when (a week before, 10:00 Paris; at once or the next morning when added
// late; never after the eve), once per group in its language with the city's title as
// written, not to groups that said "non" or other cities' groups, never in a removed or old
// form, and never twice after a crash.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client.ts';
import { claimAnnouncement } from '../../../db/queries/local-event-announcements.ts';
import { announcementTime } from '../../../handlers/city-programme/announcement-time.ts';
import { INTERRUPTED, UNSURE } from '../../../handlers/city-programme/index.ts';
import {
  addLocalEventAnnounced,
  changeLocalEventAnnounced,
  removeLocalEventAnnounced,
} from '../../../handlers/city-programme/schedule.ts';
import { createRecordingMessenger } from '../../support/recording-messenger.ts';
import { useLocalEvents } from './local-events-harness.ts';

describe('when a local event is announced', () => {
  const at = (date: string, now: string) => announcementTime(date, new Date(now))?.toISOString();
  it('is a week before at 10:00 Paris time, winter and summer', () => {
    expect(at('2026-12-12', '2026-11-26T09:00:00Z')).toBe('2026-12-05T09:00:00.000Z');
    expect(at('2026-07-14', '2026-05-01T09:00:00Z')).toBe('2026-07-07T08:00:00.000Z');
  });
  it('is at once in the daytime, or the next 10:00, for an event added late', () => {
    expect(at('2026-11-30', '2026-11-26T09:00:00Z')).toBe('2026-11-26T09:00:00.000Z');
    expect(at('2026-11-30', '2026-11-26T21:30:00Z')).toBe('2026-11-27T09:00:00.000Z');
    expect(at('2026-11-30', '2026-11-26T05:00:00Z')).toBe('2026-11-26T09:00:00.000Z');
  });
  it('is never on the event’s day or after 20:00 the eve', () => {
    expect(at('2026-11-27', '2026-11-26T18:30:00Z')).toBe('2026-11-26T18:30:00.000Z');
    expect(at('2026-11-27', '2026-11-26T19:30:00Z')).toBeUndefined();
    expect(at('2026-11-26', '2026-11-26T09:00:00Z')).toBeUndefined();
  });
});

const h = useLocalEvents();

describe('local events in the groups', () => {
  it('are announced once, a week before, in each group’s language, to the city’s groups that accept it', async () => {
    await h.group('-1', { locale: 'fr' });
    await h.group('-2', { locale: 'en' });
    await h.group('-3', { cityMessages: false });
    await h.group('-4', { communeInsee: '75111' }); // Paris 11e's group
    await h.group('-5', { active: false }); // the bot left it
    await addLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      { date: '2026-12-12', title: 'Brocante <place> Saint-Jean & goûter' },
      h.clock.now(),
    );
    await h.jobs.runDueJobs();
    await h.runAt('2026-12-05T08:59:00Z');
    expect(h.sent).toEqual([]);

    await h.runAt('2026-12-05T09:00:00Z');
    expect(h.textTo('-1')).toHaveLength(1);
    expect(h.textTo('-1')[0]).toContain('<b>La mairie de Lyon 1er vous invite</b>');
    expect(h.textTo('-1')[0]).toContain('samedi 12 décembre 2026');
    expect(h.textTo('-1')[0]).toContain('Brocante &lt;place&gt; Saint-Jean &amp; goûter');
    expect(h.textTo('-1')[0]).toContain('/parametres messages non'); // the first time's note
    expect(h.textTo('-2')).toHaveLength(1);
    expect(h.textTo('-2')[0]).toContain('An invitation from the city of Lyon 1er');
    expect(h.textTo('-2')[0]).toContain('Saturday 12 December 2026');
    expect(h.textTo('-2')[0]).toContain('Brocante &lt;place&gt; Saint-Jean'); // as written
    expect(h.sent.map((s) => s.chatId).sort()).toEqual(['-1', '-2']);
    const noted = await queryRows<{ external_id: string }>(
      h.deps.db,
      sql`select external_id from chats where city_messages_noted_at is not null order by 1`,
    );
    expect(noted.map((r) => r.external_id)).toEqual(['-1', '-2']);

    // Everything run again, a day later: nothing more goes out.
    await h.deps.db.execute(
      sql`update jobs set status = 'pending', run_at = now() - interval '1 s'`,
    );
    await h.runAt('2026-12-06T09:00:00Z');
    expect(h.sent).toHaveLength(2);
  });

  it('are never announced once removed, and only in their new form once changed', async () => {
    await h.group('-1');
    const { id: removed } = await addLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      { date: '2026-12-12', title: 'Marché de Noël' },
      h.clock.now(),
    );
    const { id: moved } = await addLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      { date: '2026-12-12', title: 'Brocante' },
      h.clock.now(),
    );
    expect(await removeLocalEventAnnounced(h.deps.db, h.lyon, removed, h.clock.now())).toEqual({
      cancel: 'deleted',
    });
    h.clock.set('2026-11-28T09:00:00Z');
    expect(
      await changeLocalEventAnnounced(
        h.deps.db,
        h.lyon,
        moved,
        { date: '2026-12-19', title: 'Vide-grenier' },
        h.clock.now(),
      ),
    ).toEqual({ announce: new Date('2026-12-12T09:00:00Z'), change: 'none' });
    // Another partner's id changes and removes nothing.
    const paris = h.lyon + 1;
    expect(await removeLocalEventAnnounced(h.deps.db, paris, moved, h.clock.now())).toBeUndefined();
    expect(
      await changeLocalEventAnnounced(
        h.deps.db,
        paris,
        moved,
        { date: '2026-12-20', title: 'X' },
        h.clock.now(),
      ),
    ).toBeUndefined();

    await h.runAt('2026-12-05T09:00:00Z'); // the old date's announcement: nothing
    expect(h.sent).toEqual([]);
    await h.runAt('2026-12-12T09:00:00Z');
    expect(h.textTo('-1')).toHaveLength(1);
    expect(h.textTo('-1')[0]).toContain('Vide-grenier');
    expect(h.textTo('-1')[0]).toContain('samedi 19 décembre 2026');
    expect(h.sent.some((s) => JSON.stringify(s.message).includes('Marché'))).toBe(false);
  });

  it('are not sent in the old form by a send planned before a change', async () => {
    await h.group('-1');
    await h.group('-2');
    h.clock.set('2026-12-05T09:00:00Z');
    const { id } = await addLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      { date: '2026-12-12', title: 'Brocante' },
      h.clock.now(),
    );
    await h.planOnly();
    const [oldSend] = await queryRows<{ payload: Record<string, unknown> }>(
      h.deps.db,
      sql`select payload from jobs where kind = 'localEventSend' order by id limit 1`,
    );
    await changeLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      id,
      { date: '2026-12-12', title: 'Brocante et soupe' },
      h.clock.now(),
    );
    // A worker that read the event before the change cannot claim it in its old form.
    const [first] = await queryRows<{ id: number }>(
      h.deps.db,
      sql`select id from local_event_announcements order by id limit 1`,
    );
    expect(await claimAnnouncement(h.deps.db, first!.id, 1)).toBe(false);
    // A send job of the old plan, already claimed when the change came, sends the new form.
    await h.run('localEventSend', oldSend!.payload);
    // The new plan announces the new form to the others; nobody gets it twice or in its old form.
    await h.jobs.runDueJobs();
    for (const chat of ['-1', '-2']) {
      expect(h.textTo(chat)).toHaveLength(1);
      expect(h.textTo(chat)[0]).toContain('Brocante et soupe');
    }
  });

  it('never announce again what a crash left "sending", and skip a group that said "non" since', async () => {
    await h.group('-1');
    const later = await h.group('-2');
    await h.group('-3');
    h.clock.set('2026-12-05T09:00:00Z');
    await addLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      { date: '2026-12-12', title: 'Brocante' },
      h.clock.now(),
    );
    await h.planOnly();
    expect(h.sent).toEqual([]);
    await h.deps.db.execute(sql`
      update local_event_announcements set status = 'sending'
      where chat_id = (select id from chats where external_id = '-1')`);
    await h.deps.db.execute(sql`update chats set city_messages = false where id = ${later}`);
    await h.runAt('2026-12-05T10:00:00Z');
    expect(h.textTo('-1')).toEqual([]);
    expect(h.textTo('-2')).toEqual([]);
    expect(h.textTo('-3')).toHaveLength(1);
    const rows = await queryRows<{ external_id: string; status: string; error: string | null }>(
      h.deps.db,
      sql`select c.external_id, a.status, a.error from local_event_announcements a
        join chats c on c.id = a.chat_id order by c.external_id`,
    );
    expect(rows).toEqual([
      { external_id: '-1', status: 'failed', error: INTERRUPTED },
      { external_id: '-2', status: 'cancelled', error: 'reason:opted_out' },
      { external_id: '-3', status: 'sent', error: null },
    ]);
  });

  it('are not sent again after a send whose outcome is unknown (it may have arrived)', async () => {
    await h.group('-1');
    await h.group('-2');
    // The platform takes the message to -1, then the connection is cut before it answers.
    const raw = createRecordingMessenger(h.sent);
    const send = raw.send.bind(raw);
    raw.send = async (chatId, message) => {
      const result = await send(chatId, message);
      if (chatId === '-1') throw new Error('read ECONNRESET');
      return result;
    };
    h.connect(raw, false);
    h.clock.set('2026-12-05T09:00:00Z');
    await addLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      { date: '2026-12-12', title: 'Brocante' },
      h.clock.now(),
    );
    await h.runAt('2026-12-05T09:00:00Z');
    // Every retry the job runner would make, had the send been put back.
    for (const time of ['09:01', '09:05', '09:30', '11:00'])
      await h.runAt(`2026-12-05T${time}:00Z`);
    expect(h.textTo('-1')).toHaveLength(1);
    expect(h.textTo('-2')).toHaveLength(1);
    const rows = await queryRows<{ external_id: string; status: string; error: string | null }>(
      h.deps.db,
      sql`select c.external_id, a.status, a.error from local_event_announcements a
        join chats c on c.id = a.chat_id order by c.external_id`,
    );
    expect(rows).toEqual([
      { external_id: '-1', status: 'failed', error: `${UNSURE}: read ECONNRESET` },
      { external_id: '-2', status: 'sent', error: null },
    ]);
  });

  it('forget their announcements a month after the event', async () => {
    await h.group('-1');
    h.clock.set('2026-12-05T09:00:00Z');
    await addLocalEventAnnounced(
      h.deps.db,
      h.lyon,
      { date: '2026-12-12', title: 'Brocante' },
      h.clock.now(),
    );
    await h.jobs.runDueJobs();
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          h.deps.db,
          sql`select count(*)::int as n from local_event_announcements`,
        )
      )[0]!.n;
    h.clock.set('2027-01-11T09:00:00Z');
    await h.run('localEventPurge');
    expect(await count()).toBe(1);
    h.clock.set('2027-01-12T09:00:00Z');
    await h.run('localEventPurge');
    expect(await count()).toBe(0);
  });
});
