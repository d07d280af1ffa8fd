// "Which list?" answers are choice data (`menu:<menu id>:<numbers>`), untrusted like any other:
// a press forged on Telegram naming a WhatsApp group's numbered menu is refused, and nothing
// of that group changes; on WhatsApp, where a person can only type numbers, a number answers
// the questions put to them alone. The whole bot on the three platforms at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import type { FakeBotApi } from '../fakes/telegram-bot-api.ts';
import { startAllPlatforms, type AllPlatforms } from '../support/all-platforms-harness.ts';
import { callbackUpdate, groupChat, messageUpdate, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { wa } from '../support/whatsapp-harness.ts';

const telegramGroup = groupChat(-100778, 'Les Tilleuls');

describe('a forged "which list?" answer', () => {
  const database = useTestDatabase();
  let platforms: AllPlatforms | undefined;
  let fake: FakeBotApi;

  beforeAll(async () => {
    platforms = await startAllPlatforms(database, {
      clock: createTestClock('2026-12-06T10:00:00Z'),
    });
    ({ fake } = platforms);
  }, 90_000);
  afterAll(() => platforms?.stop());

  it("is refused on Telegram when it names another group's list, and changes nothing", async () => {
    const { app } = platforms!;
    platforms!.whatsapp().receiveGroupMessage({
      group: wa.group,
      author: wa.alice.lid,
      body: '/fete 28/05 19h',
      notifyName: 'Alice',
    });
    await app.settle();
    const [menu] = await queryRows<{ id: number }>(
      app.deps.db,
      "select p.id from numbered_prompts p join chats c on c.id = p.chat_id where c.platform = 'whatsapp' order by p.id desc limit 1",
    );
    expect(menu).toBeDefined();
    // Mallory writes in her Telegram group, then presses a forged "which list?" answer there.
    fake.pushUpdate(messageUpdate(people.mallory, telegramGroup, '/aide'));
    await fake.waitForCalls('sendMessage', 1);
    const answered = fake.successfulCalls('answerCallbackQuery').length;
    fake.pushUpdate(callbackUpdate(people.mallory, telegramGroup, `menu:${menu!.id}:1`));
    const call = (await fake.waitForCalls('answerCallbackQuery', answered + 1)).at(-1);
    expect(String(call?.params.text)).toBe(
      "Cette liste n'attend plus de réponse. Regardez la plus récente, ou relancez la commande.",
    );
    const rsvps = await queryRows<{ count: number }>(
      app.deps.db,
      'select count(*)::int as count from gathering_rsvps',
    );
    expect(rsvps[0]?.count).toBe(0);
  });
});
