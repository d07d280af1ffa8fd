// A group with something in every feature's tables (people and chats, a fête with answers,
// items, claims, a poll and a vote, help offered and asked, a referent and a watched
// neighbour), and a fingerprint of every table's content, to tell that two databases hold
// the same rows (backups, restores, moves).
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/client.ts';
import { saveChatSeen } from '../../db/queries/chats.ts';
import { saveMembership, savePersonSeen } from '../../db/queries/people.ts';
import { recordActivity } from '../../db/queries/rollups.ts';
import {
  chats,
  gatheringClaims,
  gatheringItems,
  gatheringRsvps,
  gatherings,
  helpRequests,
  pollVotes,
  polls,
  referents,
  volunteers,
  watchedNeighbours,
} from '../../db/schema.ts';

export async function seedEveryFeature(db: Db, tag = '1'): Promise<void> {
  const person = await savePersonSeen(db, {
    platform: 'telegram',
    externalId: `7${tag}`,
    displayName: 'Zoé',
  });
  const chat = await saveChatSeen(db, {
    platform: 'telegram',
    externalId: `-100${tag}`,
    kind: 'group',
    title: 'Les Lilas',
    locale: 'fr',
  });
  await saveMembership(db, chat.id, person.id);
  // A kit counted in the console's figures (and their copy by period, migration 0026).
  await db
    .update(chats)
    .set({ communeInsee: '69383', departement: '69' })
    .where(eq(chats.id, chat.id));
  await recordActivity(db, {
    chatId: chat.id,
    metric: 'kit:canicule',
    at: new Date('2026-07-14T10:00:00Z'),
  });
  const [fete] = await db
    .insert(gatherings)
    .values({
      chatId: chat.id,
      kind: 'fete',
      year: 2027,
      status: 'scheduled',
      date: '2027-05-28',
      createdBy: person.id,
    })
    .returning();
  await db
    .insert(gatheringRsvps)
    .values({ gatheringId: fete!.id, personId: person.id, answer: 'yes', guests: 2 });
  const [item] = await db
    .insert(gatheringItems)
    .values({
      gatheringId: fete!.id,
      position: 1,
      category: 'tables',
      label: 'tables',
      quantity: 2,
    })
    .returning();
  await db.insert(gatheringClaims).values({ itemId: item!.id, personId: person.id, quantity: 1 });
  const [poll] = await db
    .insert(polls)
    .values({
      platform: 'telegram',
      externalId: `poll-${tag}`,
      chatId: chat.id,
      messageId: '1',
      purpose: 'gathering_date',
      gatheringId: fete!.id,
      options: ['2027-05-28'],
      closesAt: new Date('2027-05-01T00:00:00Z'),
    })
    .returning();
  await db.insert(pollVotes).values({ pollId: poll!.id, personId: person.id, optionIndexes: [0] });
  await db.insert(volunteers).values({
    chatId: chat.id,
    personId: person.id,
    categories: ['courses', 'bricolage'],
    availability: 'le soir',
    availabilitySlots: ['evening'],
  });
  await db.insert(helpRequests).values({
    chatId: chat.id,
    requesterId: person.id,
    category: 'courses',
    description: 'Du pain & du lait',
    status: 'open',
    expiresAt: new Date('2026-12-01T00:00:00Z'),
  });
  await db.insert(referents).values({ chatId: chat.id, personId: person.id, status: 'active' });
  await db.insert(watchedNeighbours).values({
    chatId: chat.id,
    referentPersonId: person.id,
    name: 'Mme Dupont',
    status: 'active',
    consentBy: 'referent',
    consentAt: new Date('2026-11-21T10:00:00Z'),
    expiresOn: '2027-03-31',
  });
}

/** Every table of ours with its row count and an md5 of its rows, sorted. */
export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number; digest: string | null }>(
      db,
      sql.raw(
        `select count(*)::int as n, md5(string_agg(t::text, ',' order by t::text)) as digest
         from public."${name}" t`,
      ),
    );
    result[name] = `${row?.n ?? 0}:${row?.digest ?? ''}`;
  }
  return result;
}
