// Dates and times as people type them in Spanish, Portuguese, Turkish and Arabic (December
// 2026 tryout): the words around them ("a las", "às", "as … horas", "saat", "16'da", a
// weekday after the date, "على الساعة") are read with the date and the time, never printed
// as the place ("las sala común", "saat 16'da bahçede"); several dates without a poll word
// are a poll, never a place. Through the real bot and the fake Bot API.
import { describe, expect, it } from 'vitest';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice } = people;
// Thursday 26 November 2026: 9 January is a Saturday of the coming year.
const { h, chat } = useLilasOnTelegram(database);
const { answerTo: said, say } = chat;

/** The announcement of `typed` in `language`, and the event cancelled after it. */
async function announced(language: string, typed: string): Promise<string> {
  await say(alice, `/parametres langue ${language}`);
  const answer = await said(alice, typed);
  await say(alice, '/evenement annuler');
  return answer;
}

describe('the words around a date and a time are no place', () => {
  it.each([
    [
      'es',
      '/evenement galette el sábado 9 de enero a las 16h sala común',
      'sábado, 9 de enero de 2027, 16:00, sala común.',
    ],
    [
      'es',
      '/evenement galette el sábado que viene a las 16h',
      'sábado, 28 de noviembre de 2026, 16:00.',
    ],
    [
      'es',
      '/evenement galette el 9 de enero por la tarde, sala común',
      'sábado, 9 de enero de 2027, sala común.',
    ],
    [
      'tr',
      '/evenement çay 9 Ocak Cumartesi saat 16:00 toplantı salonu',
      '9 Ocak 2027 Cumartesi, 16:00, toplantı salonu.',
    ],
    ['tr', "/evenement çay 9 Ocak saat 16'da bahçede", '9 Ocak 2027 Cumartesi, 16:00, bahçede.'],
    ['tr', "/evenement çay 9 Ocak'ta 16.00'da bahçede", '9 Ocak 2027 Cumartesi, 16:00, bahçede.'],
    [
      'pt',
      '/evenement lanche sábado 9 de janeiro às 16h no salão',
      'sábado, 9 de janeiro de 2027, 16:00, salão.',
    ],
    [
      'pt',
      '/evenement festa 9 de janeiro as 16 horas sala comum',
      'sábado, 9 de janeiro de 2027, 16:00, sala comum.',
    ],
    [
      'pt',
      '/evenement festa no dia 9 de janeiro às 16 na sala comum',
      'sábado, 9 de janeiro de 2027, 16:00, sala comum.',
    ],
    ['ar', '/evenement شاي يوم السبت 9 يناير على الساعة 16:00 في القاعة', '16:00, القاعة'],
    [
      'en',
      '/evenement party on Saturday 9 January at 4pm in the common room',
      'Saturday 9 January 2027, 16:00, the common room.',
    ],
    [
      'fr',
      '/evenement galette le samedi 9 janvier à 16 heures, salle commune',
      'samedi 9 janvier 2027, 16 h, salle commune.',
    ],
  ])('%s: %s', async (language, typed, expected) => {
    const answer = await announced(language, typed);
    expect(answer.replace(/\u202f/g, ' ')).toContain(expected);
    expect(answer).not.toMatch(/\b(?:las|saat|às|as|horas) /u);
    expect(answer).not.toContain(', ,');
  });

  it('reads several dates without a poll word as a poll, never as the place', async () => {
    await say(alice, '/parametres langue es');
    const sent = h.fake.successfulCalls('sendPoll').length;
    const answer = await said(
      alice,
      '/evenement galette de reyes el sábado 9 de enero, el domingo 10 de enero a las 16h, el sabado 16 de enero',
    );
    expect(answer).toContain('elijamos la fecha');
    const poll = h.fake.successfulCalls('sendPoll').at(sent)!;
    expect((poll.params.options as { text: string }[]).map((o) => o.text)).toEqual([
      'sábado, 9 de enero de 2027',
      'domingo, 10 de enero de 2027',
      'sábado, 16 de enero de 2027',
    ]);
    await say(alice, '/evenement annuler');
    // "sondeo" is a poll word too: it is not left in the title.
    await said(alice, '/evenement roscón sondeo 9 de enero, 10 de enero');
    const titled = h.fake.successfulCalls('sendPoll').at(-1)!;
    expect(String(titled.params.question)).not.toContain('sondeo');
  });
});
