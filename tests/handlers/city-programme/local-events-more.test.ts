// A city's local event told to groups in the cases the first rounds left short, through the
// real job runner and the real durable messenger: a correction soon after a round reaches
// the groups not reached yet at once and the others half an hour later (at most two rounds in
// four hours).
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client.ts';
import { partnerLocalEvents } from '../../../db/schema.ts';
import { eq } from 'drizzle-orm';
import {
  addLocalEventAnnounced,
  changeLocalEventAnnounced,
  type LocalEventInput,
} from '../../../handlers/city-programme/schedule.ts';
import { useLocalEvents } from './local-events-harness.ts';

const h = useLocalEvents();

const BROCANTE: LocalEventInput = {
  date: '2026-12-12',
  time: '15:00',
  place: 'Place Sathonay',
  title: 'Brocante de quartier',
  description: 'Apportez ce qui ne vous sert plus.',
};

/** The event, announced on Saturday 5 December at 10:00 Paris to the groups there then. */
async function announced(event: LocalEventInput = BROCANTE): Promise<number> {
  h.clock.set('2026-12-05T09:00:00Z');
  const { id } = await addLocalEventAnnounced(h.deps.db, h.lyon, event, h.clock.now());
  await h.runAt('2026-12-05T09:00:00Z');
  return id;
}

/** The city changes the event at `iso`; the jobs due then run. */
async function change(id: number, iso: string, changes: Partial<LocalEventInput>) {
  h.clock.set(iso);
  const [row] = await h.deps.db
    .select()
    .from(partnerLocalEvents)
    .where(eq(partnerLocalEvents.id, id));
  const plan = await changeLocalEventAnnounced(
    h.deps.db,
    h.lyon,
    id,
    { ...row!, ...changes },
    h.clock.now(),
  );
  await h.jobs.runDueJobs();
  return plan;
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
