// A need asked in plain words, on WhatsApp, where a private chat starts in French. What an
// outside tryout found: a Portuguese speaker's need got the offer to switch languages (1.
// Português 2. Français) and, right below, the need's preview in French (1. Publier…): his
// "1", meant for Português, published the need. And "j'ai la tête qui tourne…, quelqu'un peut
// faire mes courses demain" got the emergency numbers and lost the request. Now the need's
// questions and preview speak the words' language (the group's card stays in the group's),
// the language offer waits for a later message, and a request said with distress goes on
// after the numbers, its preview numbered after the offer.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createI18n, type I18n } from '../../handlers/i18n.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { residenceWith, wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { alice, bruno, chloe, djamel } = wa;
let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

// Tuesday 15 December 2026, 11:00 in Paris.
const clock = createTestClock('2026-12-15T10:00:00Z');
const h = useWhatsAppHarness(database, { clock, fake: residenceWith([djamel]) });
const { say, mention, sayPrivately, answersTo, privateTexts, groupTexts } = createWhatsAppChat(h);
beforeEach(async () => {
  await say(alice, '!aide');
});

const fr = () => i18n.t('fr');
/** The preview's first line in another language than the group's French: it says so. */
const introIn = (t: ReturnType<I18n['t']>) =>
  t('aid.preview_intro_group_language', { language: t('language.called.fr') });

describe('a need written privately in another of the bot’s languages', () => {
  it('is previewed in it, alone (no language offer beside it), and published', async () => {
    const t = i18n.t('pt');
    // His private chat opened with a command ("olá" alone would be offered the switch now).
    await sayPrivately(bruno, '!aide');
    const answers = await answersTo(bruno, 'preciso de ajuda com as compras');
    const all = answers.join('\n');
    // One numbered menu in this turn: the preview, in Portuguese.
    expect(all).not.toContain(t('language.offer'));
    expect(all).not.toContain(fr()('aid.preview_intro'));
    const preview = answers.at(-1)!;
    expect(preview).toContain(introIn(t));
    expect(numberOf(preview, t('aid.preview_publish'))).toBe('1');
    expect(preview).toContain(`_${t('whatsapp.choices_hint')}_`);

    const [published] = await answersTo(bruno, '1');
    expect(published).toContain(t('aid.published', { context: 'unnamed' }));
    // The card in the group speaks the group's language.
    expect(groupTexts().at(-1)).toContain(fr()('aid.categories.courses'));
    expect(groupTexts().at(-1)).not.toContain(t('aid.categories.courses'));

    // The offer comes with a later message, once the need is done.
    const later = await answersTo(bruno, 'obrigado pela ajuda');
    expect(later.join('\n')).toContain(t('language.offer'));
  });

  it('in Arabic: its preview in Arabic, no offer beside it', async () => {
    const t = i18n.t('ar');
    const answers = await answersTo(chloe, 'أحتاج مساعدة في التسوق');
    expect(answers.join('\n')).not.toContain(t('language.offer'));
    const preview = answers.at(-1)!;
    expect(preview).toContain(introIn(t));
    expect(numberOf(preview, t('aid.preview_cancel'))).toBe('3');
    const [cancelled] = await answersTo(chloe, '3');
    expect(cancelled).toBe(t('aid.preview_cancelled'));
  });
});

describe('a need written in the group in another language', () => {
  it('is continued privately in the words’ language', async () => {
    const t = i18n.t('pt');
    await sayPrivately(djamel, 'olá');
    const before = privateTexts(djamel).length;
    await mention(djamel, 'alguém pode me ajudar a carregar as compras?');
    const answers = privateTexts(djamel).slice(before);
    const preview = answers.at(-1)!;
    expect(preview).toContain(introIn(t));
    expect(preview).not.toContain(fr()('aid.preview_publish'));
    expect(numberOf(preview, t('aid.preview_publish'))).toBe('1');
  });
});

describe('distress and a request in one message', () => {
  it('gets the numbers first, then the request goes on, numbered after the offer', async () => {
    const answers = await answersTo(
      bruno,
      'jai la tete qui tourne depuis hier, quelqun peut faire mes course demain',
    );
    const [numbers, offer] = answers;
    expect(numbers).toContain('*15*');
    expect(numbers).toContain('*112*');
    expect(offer).toContain(fr()('safety.tell_yes'));
    const preview = answers.at(-1)!;
    expect(preview).toContain(fr()('aid.preview_intro'));
    // The offer stays "1"; the preview's choices come after it.
    expect(numberOf(preview, fr()('safety.tell_again'))).toBe('1');
    expect(numberOf(preview, fr()('aid.preview_publish'))).toBe('2');
    // Health stays out of the card.
    expect(preview).not.toContain('tete qui tourne');
    const [published] = await answersTo(bruno, '2');
    expect(published).toContain(fr()('aid.published', { context: 'unnamed' }));
    expect(groupTexts().at(-1)).toContain('faire mes course demain');
    expect(groupTexts().join('\n')).not.toContain('tete qui tourne');
  });

  it('words alone that say distress are answered by the numbers only', async () => {
    const answers = await answersTo(bruno, 'jai la tete qui tourne depuis hier');
    expect(answers).toHaveLength(2);
    expect(answers[0]).toContain('*15*');
  });
});
