// Polls the bot sent and their votes. A vote is the voter's whole current selection, so a
// redelivered or repeated vote changes nothing and a retraction is an empty selection.
import { and, asc, eq, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { chatMembers, people, personIdentities, polls, pollVotes } from '../schema.ts';

export type PollRow = typeof polls.$inferSelect;
export type NewPoll = Pick<
  typeof polls.$inferInsert,
  | 'platform'
  | 'externalId'
  | 'chatId'
  | 'chatExternalId'
  | 'messageId'
  | 'purpose'
  | 'gatheringId'
  | 'options'
  | 'closesAt'
>;

export async function savePoll(db: DbOrTx, poll: NewPoll): Promise<PollRow> {
  const [row] = await db.insert(polls).values(poll).returning();
  if (!row) throw new Error('savePoll inserted no row');
  return row;
}

export async function findPollByExternalId(
  db: DbOrTx,
  platform: string,
  externalId: string,
): Promise<PollRow | undefined> {
  const [row] = await db
    .select()
    .from(polls)
    .where(and(eq(polls.platform, platform), eq(polls.externalId, externalId)));
  if (row || platform !== 'whatsapp') return row;
  // WhatsApp polls saved by earlier releases kept the sender's suffix in their key
  // (`true_<chat>_<id>_<bot>`); votes name them without it (bot/whatsapp/to-inbound-event.ts).
  const [older] = await db
    .select()
    .from(polls)
    .where(
      and(
        eq(polls.platform, platform),
        sql`${polls.externalId} LIKE ${externalId.replace(/[\\%_]/g, '\\$&') + '\\_%'}`,
      ),
    )
    .limit(1);
  return older;
}

export async function findPoll(db: DbOrTx, id: number): Promise<PollRow | undefined> {
  const [row] = await db.select().from(polls).where(eq(polls.id, id));
  return row;
}

/** The gathering's poll still open, if any. */
export async function findOpenPollOfGathering(
  db: DbOrTx,
  gatheringId: number,
): Promise<PollRow | undefined> {
  const [row] = await db
    .select()
    .from(polls)
    .where(and(eq(polls.gatheringId, gatheringId), isNull(polls.closedAt)))
    .orderBy(sql`${polls.createdAt} desc`)
    .limit(1);
  return row;
}

/** The gathering's latest poll, open or closed. */
export async function findLatestPollOfGathering(
  db: DbOrTx,
  gatheringId: number,
): Promise<PollRow | undefined> {
  const [row] = await db
    .select()
    .from(polls)
    .where(eq(polls.gatheringId, gatheringId))
    .orderBy(sql`${polls.createdAt} desc`, sql`${polls.id} desc`)
    .limit(1);
  return row;
}

export async function savePollVote(
  db: DbOrTx,
  vote: { pollId: number; personId: number; optionIndexes: number[] },
): Promise<void> {
  await db
    .insert(pollVotes)
    .values(vote)
    .onConflictDoUpdate({
      target: [pollVotes.pollId, pollVotes.personId],
      set: { optionIndexes: vote.optionIndexes, updatedAt: sql`now()` },
    });
}

/** Votes per option, and how many people voted for at least one. */
export async function tallyPoll(
  db: DbOrTx,
  poll: Pick<PollRow, 'id' | 'options'>,
): Promise<{ counts: number[]; voters: number }> {
  const rows = await db
    .select({ optionIndexes: pollVotes.optionIndexes })
    .from(pollVotes)
    .where(eq(pollVotes.pollId, poll.id));
  const counts = poll.options.map(() => 0);
  let voters = 0;
  for (const row of rows) {
    if (row.optionIndexes.length > 0) voters++;
    for (const index of row.optionIndexes) if (index in counts) counts[index]!++;
  }
  return { counts, voters };
}

/** Marks a poll closed; false when it already was (closing happens once). */
export async function markPollClosed(db: DbOrTx, id: number, now: Date): Promise<boolean> {
  const updated = await db
    .update(polls)
    .set({ closedAt: now })
    .where(and(eq(polls.id, id), isNull(polls.closedAt)))
    .returning({ id: polls.id });
  return updated.length > 0;
}

export async function savePollDeadline(db: DbOrTx, id: number, closesAt: Date): Promise<void> {
  await db.update(polls).set({ closesAt }).where(eq(polls.id, id));
}

/**
 * Whether to tell the group that a vote came after the poll closed: true at most once per
 * `gapMs`, whatever the number of late votes and instances.
 */
export async function claimLateVoteNotice(
  db: DbOrTx,
  id: number,
  now: Date,
  gapMs: number,
): Promise<boolean> {
  const updated = await db
    .update(polls)
    .set({ lateVoteNoticeAt: now })
    .where(
      and(
        eq(polls.id, id),
        or(
          isNull(polls.lateVoteNoticeAt),
          lt(polls.lateVoteNoticeAt, new Date(now.getTime() - gapMs)),
        ),
      ),
    )
    .returning({ id: polls.id });
  return updated.length > 0;
}

export interface Member {
  personId: number;
  displayName: string;
  /** One of the person's ids on the chat's platform, for a mention. */
  externalId: string;
}

/** Members of the group the bot knows who have not voted (or retracted their vote). */
export async function findMembersWithoutVote(
  db: DbOrTx,
  poll: Pick<PollRow, 'id' | 'chatId' | 'platform'>,
  limit: number,
): Promise<Member[]> {
  return db
    .select({
      personId: people.id,
      displayName: people.displayName,
      externalId: sql<string>`(select min(${personIdentities.externalId}) from ${personIdentities} where ${personIdentities.personId} = ${people.id} and ${personIdentities.platform} = ${poll.platform})`,
    })
    .from(chatMembers)
    .innerJoin(people, eq(people.id, chatMembers.personId))
    .where(
      and(
        eq(chatMembers.chatId, poll.chatId),
        isNull(chatMembers.leftAt),
        notExists(
          db
            .select({ one: sql`1` })
            .from(pollVotes)
            .where(
              and(
                eq(pollVotes.pollId, poll.id),
                eq(pollVotes.personId, people.id),
                sql`jsonb_array_length(${pollVotes.optionIndexes}) > 0`,
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(chatMembers.firstSeenAt))
    .limit(limit);
}

export async function eraseVotesOfPerson(db: DbOrTx, personId: number): Promise<void> {
  await db.delete(pollVotes).where(eq(pollVotes.personId, personId));
}
