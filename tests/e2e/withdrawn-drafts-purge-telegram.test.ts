// Drafts the code before December 2026 kept as "withdrawn" when their author cancelled them
// (never published, yet listed in /mesdonnees for ever): the nightly purge of unfinished drafts
// (aidPurgeDrafts) removes them too, through the real job runner, and keeps every request that
// was published and then withdrawn, even one whose card id a group upgrade cleared.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { findChat } from '../../db/queries/chats.ts';
import { moveHelpRequest } from '../../db/queries/mutual-aid.ts';
import { helpRequests } from '../../db/schema.ts';
import { createMutualAidSteps } from '../support/mutual-aid-steps.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { buttonsOf, groupChat, people, type Person } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno } = people;

const clock = createTestClock('2026-11-26T09:00:00Z');
const h = useTelegramHarness(database, { webhook: true, clock });
const chat = createTelegramChat(h, group);
const { say, sayPrivately, pressPrivately, runJobs, tick } = chat;
const { signUp, publishes } = createMutualAidSteps(h, chat, () => groupId);
let groupId: number;
beforeEach(async () => {
  for (const person of [alice, bruno]) await say(person, '/aide');
  groupId = (await findChat(database.db, 'telegram', String(group.id)))!.id;
});

/** A need typed privately and published; its id, read from the card. */
async function asks(user: Person, text: string): Promise<number> {
  await sayPrivately(user, `/besoin ${text}`);
  await publishes(user);
  const data = buttonsOf(h.sentTo(group.id).at(-1))[0]?.callback_data ?? '';
  expect(data).toMatch(/^aid:offer:\d+$/);
  return Number(data.split(':')[2]);
}

/** What /mesdonnees tells `user` of their requests. */
async function requestsShown(user: Person): Promise<string[]> {
  await sayPrivately(user, '/mesdonnees');
  const text = String(h.sentTo(user.id).at(-1)!.params.text);
  return text.split('\n').filter((line) => line.includes('Demande ('));
}

async function statuses(): Promise<string[][]> {
  const rows = await database.db.select().from(helpRequests).orderBy(helpRequests.id);
  return rows.map((r) => [r.description, r.status]);
}

describe('the nightly purge of help drafts', () => {
  it('removes drafts kept as withdrawn by the old code, and keeps withdrawn published needs', async () => {
    await signUp(bruno, ['courses', 'bricolage']);
    // Published, then withdrawn before any volunteer was asked: its card says it was seen.
    const bread = await asks(alice, 'courses : du pain');
    await pressPrivately(alice, `aid:withdraw:${bread}`);
    // Published, a volunteer asked, then withdrawn; its card id cleared by a group upgrade.
    const shelf = await asks(alice, 'bricolage : poser une étagère');
    await runJobs();
    await pressPrivately(alice, `aid:withdraw:${shelf}`);
    await database.db
      .update(helpRequests)
      .set({ cardMessageId: null })
      .where(eq(helpRequests.id, shelf));
    // A draft cancelled as the old code did it: moved to "withdrawn", never published.
    await sayPrivately(alice, '/besoin courses : du lait');
    const [draft] = await database.db
      .select()
      .from(helpRequests)
      .where(eq(helpRequests.status, 'draft'));
    expect(draft?.description).toBe('du lait');
    await moveHelpRequest(database.db, draft!.id, ['draft'], { status: 'withdrawn' });
    expect(await requestsShown(alice)).toEqual([
      expect.stringMatching(/^Demande \(Courses\)\W+du pain\W+retirée$/),
      expect.stringMatching(/^Demande \(Bricolage\)\W+poser une étagère\W+retirée$/),
      expect.stringMatching(/^Demande \(Courses\)\W+du lait\W+retirée$/),
    ]);

    // The same night: a draft cancelled an hour ago waits for the next purge.
    clock.advance(3_600_000);
    await tick('aidPurgeDrafts');
    expect(await statuses()).toContainEqual(['du lait', 'withdrawn']);

    clock.advance(86_400_000);
    await tick('aidPurgeDrafts');
    expect(await statuses()).toEqual([
      ['du pain', 'withdrawn'],
      ['poser une étagère', 'withdrawn'],
    ]);
    const shown = await requestsShown(alice);
    expect(shown).toHaveLength(2);
    expect(shown.join('\n')).not.toContain('du lait');
  });
});
