// "/ajuda", "!ayuda", "/yardım", "/مساعدة" on WhatsApp, where any name after / or ! is a
// command: what people guess for /aide in their language. A December 2026 tryout found them
// answered as distress (the numbers, and the numbered offer to warn the organisers, a false
// alarm). They are the help, in the help word's language; the words after the name are still
// read for distress.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { createI18n, type I18n, type Locale } from '../../handlers/i18n.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { alice, bruno } = wa;
let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

const h = useWhatsAppHarness(database);
const { say, answersTo, groupTexts } = createWhatsAppChat(h);
beforeEach(async () => {
  await say(alice, '!aide');
});

const title = (locale: Locale) =>
  i18n
    .t(locale)('help.title')
    .replace(/<\/?b>/g, '*');
const NUMBERS = /\*15\*|\*112\*|\b15\b.*\b112\b/s;

const inGroup = async (text: string) => {
  const before = groupTexts().length;
  await say(bruno, text);
  return groupTexts().slice(before);
};

it('answers a help word of another language with the help in it, not the numbers', async () => {
  for (const [command, locale] of [
    ['/ajuda', 'pt'],
    ['!ayuda', 'es'],
    ['/yardım', 'tr'],
    ['/YARDIM', 'tr'],
    ['/مساعدة', 'ar'],
  ] as const) {
    const answers = await inGroup(command);
    expect(answers, command).toHaveLength(1);
    expect(answers[0], command).toContain(title(locale));
    expect(answers[0], command).not.toMatch(NUMBERS);
  }
  // Arabic in Latin letters keeps the chat's language, as its distress answer does.
  const [arabizi] = await inGroup('!musaada');
  expect(arabizi).toContain(title('fr'));
  // Privately too.
  const [spanish] = await answersTo(bruno, '/ayuda');
  expect(spanish).toContain(title('es'));
  expect(spanish).not.toMatch(NUMBERS);
});

it('still answers distress said after the help word, with the numbers and the offer', async () => {
  const answers = await inGroup('/ayuda me he caído y no puedo levantarme');
  expect(answers[0]).toMatch(NUMBERS);
  expect(answers.join('\n')).toContain(i18n.t('es')('safety.tell_yes'));
  expect(answers.join('\n')).not.toContain(title('es'));
});
