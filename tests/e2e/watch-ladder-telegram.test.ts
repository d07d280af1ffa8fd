// The watch's buttons are untrusted input: a press names a check-in, a group, a level, and
// the bot checks, for each, that the presser may. On Telegram anyone can send any callback
// data: an admin or a backup pressing "fine" on a check-in the ladder has not brought them
// to yet, a neighbour confirming a vigilance level, someone asking to be watched in a group
// they are not in — all refused, and nothing changes.
import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { chats, checkIns } from '../../db/schema.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { buttonsOf, groupChat, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWatchSteps } from '../support/watch-steps.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno, chloe, djamel, mallory } = people;

// Monday 7 December 2026, 14:20 in Lyon.
const clock = createTestClock('2026-12-07T13:20:00Z');
const h = useTelegramHarness(database, {
  webhook: true,
  clock,
  env: { BOT_ADMINS: `telegram:${alice.id}` },
});
const chat = createTelegramChat(h, group);
const { say, press, pressPrivately, sayPrivately, lastPrivate, lastInGroup, runJobs } = chat;
const { addMember } = createWatchSteps(h, chat);

beforeEach(async () => {
  await chat.organise(alice, '/parametres cp 69003');
  // Mallory lives elsewhere: not in the group.
  h.fake.setChatMember(group.id, mallory.id, 'left');
  for (const person of [bruno, chloe, djamel]) await say(person, '/aide');
  for (const person of [alice, bruno, chloe, djamel, mallory]) await sayPrivately(person, '/aide');
});

async function becomeReferent(person: typeof bruno): Promise<void> {
  await say(person, '/referent');
  await press(alice, buttonsOf(h.sentTo(group.id).at(-1))[0]!.callback_data!);
}

const outcome = async () => (await database.db.select().from(checkIns))[0]?.outcome;

describe('the watch’s buttons, pressed by whoever may not', () => {
  it('refuses a check-in to those the ladder has not reached, and a level to non-declarers', async () => {
    await becomeReferent(bruno);
    await becomeReferent(djamel);
    await sayPrivately(bruno, '/referent secours');
    await pressPrivately(bruno, buttonsOf(h.sentTo(bruno.id).at(-1))[0]!.callback_data!);
    await addMember(bruno, chloe);
    await pressPrivately(chloe, buttonsOf(h.sentTo(chloe.id).at(-1))[0]!.callback_data!);

    // A grand froid, in season: declared at once.
    await say(alice, '/vigilance 69 froid orange');
    expect(lastInGroup()).toContain('Vigilance grand froid dans le 69');
    // A canicule in December: asked again; the declarer's buttons are refused to others.
    await say(alice, '/vigilance 69 canicule orange');
    expect(lastInGroup()).toContain("C'est inhabituel à cette date");
    expect(lastInGroup()).toContain('Le 69 est déjà en vigilance grand froid orange.');
    const [confirm, cancel] = buttonsOf(h.sentTo(group.id).at(-1));
    expect(confirm!.callback_data).toBe('watch:vigok:69:heat:orange');
    await press(bruno, confirm!.callback_data!);
    expect(h.lastNotice()).toContain('Seuls les administrateurs du bot');
    await pressPrivately(bruno, 'watch:vigok:69:heat:red');
    expect(h.lastNotice()).toContain('Seuls les administrateurs du bot');
    for (const forged of ['69:heat:purple', '99:heat:red', '69:heat:red:x', '69:rain:red']) {
      await pressPrivately(alice, `watch:vigok:${forged}`);
      expect(h.lastNotice()).toContain("Ce choix n'est plus valable");
    }
    await press(alice, cancel!.callback_data!);
    expect(h.lastNotice()).toBe("C'est annulé\u202f: rien n'est annoncé.");
    // A grand froid overseas is asked again too; a canicule there is not.
    await say(alice, '/vigilance 974 froid orange');
    expect(lastInGroup()).toContain('ou dans ce département');
    await say(alice, '/vigilance 974 canicule orange');
    expect(lastInGroup()).toContain('Vigilance canicule dans le 974\u202f: orange');
    await runJobs();
    expect(chat.groupTexts().join('\n')).not.toContain('Vigilance orange canicule dans le 69');

    // The grand froid's round reaches Bruno. His backup and the admin press "fine" on it
    // (Telegram lets anyone send any data): refused, the check-in stays open.
    const round = h.sentTo(bruno.id).findLast((c) => String(c.params.text).includes('Chloé'));
    const ok = buttonsOf(round).find((b) => b.callback_data?.endsWith(':ok'))!.callback_data!;
    for (const person of [djamel, alice]) {
      await pressPrivately(person, ok);
      expect(h.lastNotice()).toContain("Ce n'est pas (encore) à vous de répondre");
    }
    await pressPrivately(mallory, ok);
    expect(h.lastNotice()).toContain("Ce choix n'est plus valable");
    await pressPrivately(djamel, ok.replace(/:ok$/, ':unreachable'));
    expect(await outcome()).toBe('pending');
    expect(lastPrivate(djamel)).not.toContain('Chloé');

    // Once the ladder asks Djamel, his press counts; Bruno is told.
    clock.set('2026-12-07T17:21:00Z');
    await runJobs();
    expect(lastPrivate(djamel)).toContain('Vous êtes son remplaçant');
    await pressPrivately(djamel, ok);
    expect(lastPrivate(djamel)).toBe("Merci, c'est noté\u202f: Chloé va bien.");
    expect(lastPrivate(bruno)).toContain('✅ Chloé va bien\u202f: Djamel a eu de ses nouvelles');
    expect(await outcome()).toBe('ok');
    // A later "needs help" on the closed check-in changes nothing, and says who closed it.
    await pressPrivately(bruno, ok.replace(/:ok$/, ':needs_help'));
    expect(lastPrivate(bruno)).toBe(
      "C'est déjà réglé pour Chloé\u202f: Djamel a répondu à 18 h 21 (va bien). Merci\u202f!",
    );
    expect(await outcome()).toBe('ok');

    // Asking to be watched in a group one is not in: refused by the group check.
    const [lilas] = await database.db.select().from(chats).where(eq(chats.kind, 'group'));
    await pressPrivately(mallory, `watch:wish:${lilas!.id}`);
    expect(h.lastNotice()).toContain("Ce choix n'est plus valable");
    await chat.runJobs();
    expect(lastPrivate(bruno)).not.toContain('Mallory');
  });
});
