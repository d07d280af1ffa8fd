// A neighbour who reads another language than the group's, on WhatsApp, where a private chat
// starts in French (WhatsApp says nothing of the person's language). What an outside tryout
// found: a newcomer's question written in Portuguese or Arabic got the offer to switch
// languages and no answer; and a distress answer in Portuguese ended with a French line (the
// "answer with a number" line under its offer). Every line is now in the person's language.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createI18n, type I18n, type Locale } from '../../handlers/i18n.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
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
const { say, mention, answersTo, groupTexts } = createWhatsAppChat(h);
beforeEach(async () => {
  await say(alice, '!aide');
});

describe('a newcomer who writes privately in their language', () => {
  beforeEach(async () => {
    await say(alice, '!evenement Galette des Lilas 10/01 16h salle commune');
    expect(groupTexts().join('\n')).toContain('Galette des Lilas');
  });

  it('is offered the switch, and answered in their language: when the galette is', async () => {
    // Djamel never wrote in the group: WhatsApp says he is in it.
    for (const [person, lng, question] of [
      [djamel, 'pt', 'Olá, quando é a festa dos vizinhos?'],
      [chloe, 'ar', 'متى حفلة الجيران؟'],
    ] as const) {
      const t = i18n.t(lng);
      const [offer, answer, ...more] = await answersTo(person, question);
      expect(more, question).toEqual([]);
      expect(offer, question).toContain(t('language.offer'));
      expect(offer, question).toContain(i18n.t('fr')('language.offer'));
      expect(answer, question).toContain('Galette des Lilas');
      expect(answer, question).toContain('salle commune');
      expect(answer, question).toContain(t('gatherings.next_private_hint'));
      expect(answer, question).not.toContain(i18n.t('fr')('gatherings.next_private_hint'));
    }
  });

  it('gets what the bot can do in Portuguese, and its later words answered in it too', async () => {
    const t = i18n.t('pt');
    const [, help] = await answersTo(bruno, 'Olá, o que sabes fazer?');
    const title = (lng: Locale) =>
      i18n
        .t(lng)('help.title')
        .replace(/<\/?b>/g, '*');
    expect(help).toContain(title('pt'));
    expect(help).not.toContain(title('fr'));
    // Not offered again; a question the bot cannot answer is said so in Portuguese.
    const [unknown, ...more] = await answersTo(bruno, 'a minha bicicleta é azul e bonita');
    expect(more).toEqual([]);
    expect(unknown).toBe(t('understanding.unknown'));
  });
});

describe('distress written in another language than the chat’s', () => {
  const written: [Locale, string][] = [
    ['en', "I fell and I can't get up"],
    ['pt', 'não consigo respirar'],
    ['es', 'me he caido y no puedo levantarme'],
    ['tr', 'düştüm, kalkamıyorum'],
    ['ar', 'ساعدوني لا أستطيع التنفس'],
  ];

  it('is answered privately with every line in that language, the numbered line too', async () => {
    for (const [lng, text] of written) {
      const t = i18n.t(lng);
      const [numbers, offer, ...more] = await answersTo(bruno, text);
      expect(more, lng).toEqual([]);
      expect(numbers, lng).toContain('*112*');
      expect(numbers, lng).not.toMatch(/Si vous|Je ne suis pas/);
      expect(offer, lng).toContain(t('safety.tell_yes'));
      expect(offer!.trimEnd().split('\n').at(-1), lng).toBe(`_${t('whatsapp.choices_hint')}_`);
      expect(offer, lng).not.toContain(i18n.t('fr')('whatsapp.choices_hint'));
    }
  });

  it('is answered in the group in theirs, then the group’s; the numbered line is theirs', async () => {
    for (const [lng, text] of written) {
      const t = i18n.t(lng);
      const before = groupTexts().length;
      await mention(bruno, text);
      const [numbers, offer] = groupTexts().slice(before);
      // The group's French comes under theirs (the neighbours read it), never last.
      expect(numbers, lng).toContain('— 🚑 Si vous vous sentez mal');
      expect(offer, lng).toContain(t('safety.tell_yes'));
      expect(offer!.trimEnd().split('\n').at(-1), lng).toBe(`_${t('whatsapp.choices_hint')}_`);
    }
  });
});
