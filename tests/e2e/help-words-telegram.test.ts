// "/ajuda", "/ayuda", "/yardim", "/مساعدة": what people guess for /aide in their language.
// A December 2026 tryout found them answered as distress (the emergency numbers, and the offer
// to warn the organisers: a false alarm). A command named with a help word is the help, in
// that word's language; only the words after it are read for distress. Telegram marks no
// command when a letter outside a-z follows the slash ("/yardım"): that text is read the same.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { createI18n, type I18n, type Locale } from '../../handlers/i18n.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { BOT, buttonsOf, groupChat, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno } = people;

const h = useTelegramHarness(database, { webhook: true });
const chat = createTelegramChat(h, group);
const { say, sayPrivately, groupTexts, privateTexts } = chat;
let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});
beforeEach(async () => {
  h.fake.setChatMember(group.id, alice.id, 'administrator');
  for (const person of [alice, bruno]) {
    await say(person, '/aide');
    await sayPrivately(person, '/aide');
  }
});

const title = (locale: Locale) => i18n.t(locale)('help.title');
const NUMBERS = /<b>15<\/b>|<b>112<\/b>/;
const offers = () =>
  h
    .sentTo(group.id)
    .flatMap((m) => buttonsOf(m))
    .filter((b) => b.callback_data?.startsWith('distress:tell:'));

const inGroup = async (text: string) => {
  const before = groupTexts().length;
  await say(bruno, text);
  return groupTexts().slice(before);
};
const privately = async (text: string) => {
  const before = privateTexts(bruno).length;
  await sayPrivately(bruno, text);
  return privateTexts(bruno).slice(before);
};

it('answers a help word of another language with the help in it, not the numbers', async () => {
  for (const [command, locale] of [
    ['/ajuda', 'pt'],
    ['/ayuda', 'es'],
    ['/yardim', 'tr'],
    [`/ajuda@${BOT.username}`, 'pt'],
  ] as const) {
    const answers = await inGroup(command);
    expect(answers, command).toHaveLength(1);
    expect(answers[0], command).toContain(title(locale));
    expect(answers[0], command).not.toMatch(NUMBERS);
  }
  // Arabic in Latin letters: the chat's language (its writer may not read Arabic script).
  const [arabizi] = await inGroup('/musaada');
  expect(arabizi).toContain(title('fr'));
  expect(offers()).toEqual([]);
});

it('reads "/yardım" and "/مساعدة", which Telegram does not mark as commands, as the help', async () => {
  // Privately they come as plain text: before, "yardım" alone was a call for help.
  for (const [text, locale] of [
    ['/yardım', 'tr'],
    ['/Yardım', 'tr'],
    ['/مساعدة', 'ar'],
  ] as const) {
    const answers = await privately(text);
    expect(answers, text).toHaveLength(1);
    expect(answers[0], text).toContain(title(locale));
    expect(answers[0], text).not.toMatch(NUMBERS);
  }
  // In the group, the bot is called by its handle (Telegram hands it nothing else).
  const [answer] = await inGroup(`@${BOT.username} /yardım`);
  expect(answer).toContain(title('tr'));
  expect(offers()).toEqual([]);
});

it('still answers distress said after the help word, numbers first and the help not shown', async () => {
  const [numbers, offer] = await inGroup('/ajuda estou a cair, não consigo respirar');
  expect(numbers).toMatch(/^🚑 .*<b>15<\/b>/s);
  expect(offer).toContain('Voulez-vous que je prévienne');
  expect(groupTexts().join('\n')).not.toContain(title('pt'));
  const [turkish] = await privately('/yardım düştüm kalkamıyorum');
  expect(turkish).toMatch(/^🚑 .*<b>112<\/b>/s);
  expect(privateTexts(bruno).join('\n')).not.toContain(title('tr'));
  // A call for help that is no help word stays one.
  const [sos] = await inGroup('/socorro');
  expect(sos).toMatch(NUMBERS);
});
