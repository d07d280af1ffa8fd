// What was seen: a member of one building read and answered another building's help
// requests with forged buttons, and a replayed or junk button made the bot post in the group.
// Through the real bot and the fake Bot API: forged presses from a private chat and from
// another group change nothing and reveal nothing, and a refusal is the press's own answer.
import { beforeEach, describe, expect, it } from 'vitest';
import { findChat } from '../../db/queries/chats.ts';
import { queryRows } from '../../db/client.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { buttonsOf, groupChat, people, privateChat } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase();
const lilas = groupChat(-100123, 'Résidence des Lilas');
const tilleuls = groupChat(-100456, 'Les Tilleuls');
const { alice, bruno, mallory } = people;

const h = useTelegramHarness(database, {
  webhook: true,
  clock: createTestClock('2026-11-26T09:00:00Z'),
});
const { say, sayPrivately, press, privateTexts } = createTelegramChat(h, tilleuls);
let tilleulsId: number;
beforeEach(async () => {
  // Alice and Bruno live at the Tilleuls; Mallory at the Lilas, and Telegram says so.
  for (const user of [alice, bruno]) await say(user, '/aide', tilleuls);
  await say(mallory, '/aide', lilas);
  h.fake.setChatMember(tilleuls.id, mallory.id, 'left');
  for (const user of [alice, bruno, mallory]) await sayPrivately(user, '/aide');
  tilleulsId = (await findChat(database.db, 'telegram', String(tilleuls.id)))!.id;
});

/** Alice asks at the Tilleuls; the card goes up in the group. */
async function aliceAsks(text: string): Promise<number> {
  await sayPrivately(alice, `/besoin ${text}`);
  // "3e gauche" could identify her: she sees the card first, and publishes it as it is.
  const preview = buttonsOf(h.sentTo(alice.id).at(-1)).find((b) =>
    b.callback_data?.startsWith('aid:npub:'),
  );
  if (preview) await press(alice, preview.callback_data!, privateChat(alice));
  const card = h.sentTo(tilleuls.id).at(-1)!;
  const data = buttonsOf(card)[0]!.callback_data!;
  return Number(/^aid:offer:(\d+)$/.exec(data)![1]);
}

async function count(table: string, where = 'true'): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    database.db,
    `select count(*)::int as n from ${table} where ${where}`,
  );
  return row!.n;
}

describe('another building’s help requests', () => {
  it('are neither shown nor answered through a forged "I can help" pressed privately', async () => {
    const requestId = await aliceAsks('courses : du pain demain matin, 3e gauche');
    const before = privateTexts(mallory).length;
    await press(mallory, `aid:offer:${requestId}`, privateChat(mallory));
    const said = [...privateTexts(mallory).slice(before), h.lastNotice()];
    expect(said.join('\n')).not.toMatch(/pain|3e gauche|Tilleuls|demain/);
    expect(await count('help_notifications', `request_id = ${requestId}`)).toBe(0);
    expect(h.lastNotice()).toContain("Ce choix n'est plus valable");
    expect(privateTexts(mallory)).toHaveLength(before);
  });

  it('are neither shown nor answered through a forged press in another group', async () => {
    const requestId = await aliceAsks('courses : du pain demain matin, 3e gauche');
    const inLilas = h.sentTo(lilas.id).length;
    await press(mallory, `aid:offer:${requestId}`, lilas);
    expect(h.sentTo(lilas.id)).toHaveLength(inLilas);
    expect(privateTexts(mallory).join('\n')).not.toMatch(/pain|3e gauche/);
    expect(await count('help_notifications', `request_id = ${requestId}`)).toBe(0);
  });

  it('do not reach someone who enrolled as a volunteer of a group they are not in', async () => {
    await press(mallory, `aid:vgroup:${tilleulsId}`, privateChat(mallory));
    await press(mallory, `aid:vcat:${tilleulsId}:courses`, privateChat(mallory));
    await press(mallory, `aid:vany:${tilleulsId}`, privateChat(mallory));
    await sayPrivately(mallory, `/start volunteer-${tilleulsId}`);
    expect(await count('volunteers', `chat_id = ${tilleulsId}`)).toBe(0);
    await aliceAsks('courses : du pain demain matin, 3e gauche');
    await h.app.jobs.runDueJobs();
    expect(privateTexts(mallory).join('\n')).not.toMatch(/pain|3e gauche|Tilleuls/);
  });
});

describe('a replayed or junk button', () => {
  it('is answered in its own pop-up, and nothing is posted in the group', async () => {
    const inGroup = h.sentTo(tilleuls.id).length;
    for (const data of ['aid:offer:999999', 'nothing-we-know', 'rsvp:abc', '%%%']) {
      await press(bruno, data, tilleuls);
      expect(h.lastNotice()).toBe(
        "Ce choix n'est plus valable. Relancez la commande pour en avoir un nouveau.",
      );
    }
    expect(h.sentTo(tilleuls.id)).toHaveLength(inGroup);
  });
});

describe('a person in two buildings', () => {
  it('chooses which building’s board /panneau shows privately, and sees only that one', async () => {
    await aliceAsks('courses : du pain demain matin, 3e gauche');
    await say(bruno, '/aide', lilas);
    await sayPrivately(bruno, '/panneau');
    const choices = buttonsOf(h.sentTo(bruno.id).at(-1));
    expect(choices.map((c) => c.text)).toEqual(['Les Tilleuls', 'Résidence des Lilas']);
    await press(bruno, choices[0]!.callback_data!, privateChat(bruno));
    const board = privateTexts(bruno).at(-1)!;
    expect(board).toContain('Les Tilleuls');
    expect(board).toContain('du pain demain matin, 3e gauche');
    expect(await count('pending_answers')).toBe(0);
  });
});
