// Plain words through the real bot and the fake Bot API: distress answered first with the
// emergency numbers, the group told only when the person says yes (and without what they
// wrote), what people ask understood, and nothing of a distress message kept or logged.
import { beforeEach, expect, it } from 'vitest';
import { createI18n } from '../../handlers/i18n.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { BOT, buttonsOf, groupChat, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno } = people;

const h = useTelegramHarness(database, { webhook: true });
const chat = createTelegramChat(h, group);
const { say, sayPrivately, press, pressPrivately, groupTexts, privateTexts, lastPrivate } = chat;
beforeEach(async () => {
  h.fake.setChatMember(group.id, alice.id, 'administrator');
  for (const person of [alice, bruno]) {
    await say(person, '/aide');
    await sayPrivately(person, '/aide');
  }
});

const mention = `@${BOT.username}`;

it('answers distress in the group with the numbers first, then tells the organisers only on a yes', async () => {
  const before = groupTexts().length;
  const aliceBefore = privateTexts(alice).length;
  const logged = h.logs.length;
  await say(bruno, `${mention} il fait trop chaud chez moi je me sens mal`);
  const said = groupTexts().slice(before);
  expect(said[0]).toMatch(/<b>15<\/b>.*<b>112<\/b>.*<b>114<\/b>/s);
  expect(said[0]).toContain("Je ne suis pas un service d'urgence");
  // Nobody is told yet; the offer names no one and repeats nothing.
  expect(privateTexts(alice)).toHaveLength(aliceBefore);
  const offer = h.sentTo(group.id).at(-1);
  const data = buttonsOf(offer).find((b) => b.callback_data?.startsWith('distress:tell:'));
  expect(data).toBeDefined();
  // Nothing of what he wrote is in the logs.
  expect(JSON.stringify(h.logs.slice(logged))).not.toContain('chaud');

  await press(bruno, data!.callback_data!);
  const alert = privateTexts(alice).at(-1) ?? '';
  expect(alert).toContain('Bruno');
  expect(alert).toContain('nouvelles');
  expect(alert).not.toContain('chaud');
  // The press is answered in its pop-up: nothing more in the group.
  const popUp = h.fake.calls.filter((c) => c.method === 'answerCallbackQuery').at(-1);
  expect(String(popUp?.params.text)).toContain('prévenue');
});

it('gives the numbers for next time when someone says being unwell is over, with no alarm (tryout)', async () => {
  const before = groupTexts().length;
  const messages = h.sentTo(group.id).length;
  await say(bruno, `${mention} j'ai eu un malaise la semaine dernière, ça va mieux`);
  const said = groupTexts().slice(before);
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(/^Tant mieux.*<b>15<\/b>.*<b>112<\/b>.*<b>114<\/b>/s);
  expect(said[0]).toContain("Je ne suis pas un service d'urgence");
  // No offer to tell the group.
  const sent = h.sentTo(group.id).slice(messages);
  expect(sent.flatMap((m) => buttonsOf(m))).toEqual([]);
  // In English too, and a command still does what it asks after the numbers.
  const privately = privateTexts(bruno).length;
  await sayPrivately(bruno, "I had a fall last week but I'm fine now");
  // In the language written (safety-words-telegram.test.ts).
  expect(privateTexts(bruno).slice(privately)[0]).toMatch(/^Glad it is better.*<b>15<\/b>/s);
  const afterWords = groupTexts().length;
  await say(bruno, "/kits j'ai fait un malaise hier, c'est passé");
  const answered = groupTexts().slice(afterWords);
  expect(answered[0]).toMatch(/^Tant mieux/);
  expect(answered[1]).toContain('Les kits des voisins solidaires');
});

it('tells the group who reported someone else in trouble, not that the reporter is unwell', async () => {
  await sayPrivately(bruno, "ma voisine Mme Petit est tombée dans l'escalier, elle ne bouge plus");
  const [numbers, offer] = privateTexts(bruno).slice(-2);
  expect(numbers).toContain("Si quelqu'un ne va pas bien");
  expect(offer).toContain("qu'un voisin a besoin d'aide");
  const data = buttonsOf(h.sentTo(bruno.id).at(-1)).find((b) =>
    b.callback_data?.startsWith('distress:tell:'),
  )?.callback_data;
  expect(data).toMatch(/:other:fr:fr$/);
  await pressPrivately(bruno, data!);
  const alert = privateTexts(alice).at(-1) ?? '';
  expect(alert).toContain("signale qu'un voisin a besoin d'aide");
  expect(alert).toContain('Contactez Bruno');
  expect(alert).not.toContain('Petit');
});

it('answers distress first even inside a command, and in English', async () => {
  const before = privateTexts(bruno).length;
  await sayPrivately(bruno, '/besoin je suis tombée, je ne peux plus me relever');
  // The numbers first; then the need goes on (safety-words-telegram.test.ts).
  expect(privateTexts(bruno).slice(before)[0]).toContain('<b>15</b>');
  const john = { id: 777, is_bot: false, first_name: 'John', language_code: 'en' };
  await sayPrivately(john, 'I fell, help');
  const [numbers] = h.sentTo(john.id).map((c) => String(c.params.text));
  expect(numbers).toMatch(/call <b>15<\/b>.*<b>112<\/b>.*text <b>114<\/b>/s);
  expect(numbers).toContain('I am not an emergency service');
});

it('answers distress written in Arabic, arabizi, Portuguese, Spanish and Turkish', async () => {
  // Answered in the language written (safety-words-telegram.test.ts), numbers first.
  for (const text of [
    'ساعدوني لا أستطيع التنفس',
    'ma voisine ma bghatch t7el lbab',
    '3ayan bzaf',
    'não consigo respirar',
    'me he caido y no puedo levantarme',
    'komşum kapıyı açmıyor',
  ]) {
    const before = privateTexts(bruno).length;
    await sayPrivately(bruno, text);
    expect(privateTexts(bruno).slice(before)[0], text).toContain('<b>15</b>');
  }
  const before = privateTexts(bruno).length;
  await sayPrivately(bruno, 'quero morrer');
  expect(privateTexts(bruno).slice(before)[0]).toContain('<b>3114</b>');
  const inGroup = groupTexts().length;
  await say(bruno, `${mention} yangın var!`);
  expect(groupTexts().slice(inGroup)[0]).toContain('<b>18</b>');
});

it('understands everyday asks in the other languages, and leaves their traps alone', async () => {
  await say(alice, `${mention} cuando es la fiesta?`);
  expect(groupTexts().at(-1)).toContain('Aucune sortie');
  await say(alice, '/evenement Galette des Lilas 10/01 16h salle commune');
  await say(bruno, `${mention} parti ne zaman?`);
  expect(groupTexts().at(-1)).toContain('salle commune');
  const before = groupTexts().length;
  await say(bruno, `${mention} الله يعطيك العافية`);
  await say(bruno, `${mention} se me cayó el móvil`);
  expect(groupTexts().slice(before).join('\n')).not.toContain('<b>15</b>');
});

it('never holds distress back for flood', async () => {
  // Sixty messages in a minute: far past a person's limit in a private chat.
  for (let i = 0; i < 60; i++) await sayPrivately(bruno, `message ${i}`);
  const before = privateTexts(bruno).length;
  await sayPrivately(bruno, 'au secours');
  expect(privateTexts(bruno).slice(before)[0]).toContain('<b>15</b>');
});

it('understands what people ask in their own words', async () => {
  await say(alice, `${mention} c'est quand la fête ?`);
  expect(groupTexts().at(-1)).toContain('Aucune sortie');
  await say(alice, '/evenement Galette des Lilas 10/01 16h salle commune');
  await say(bruno, `${mention} on sera 3`);
  expect(groupTexts().at(-1)).toMatch(/Bruno/);
  await say(bruno, `${mention} c'est quand la galette ?`);
  expect(groupTexts().join('\n')).toContain('salle commune');
  const before = groupTexts().length;
  await say(bruno, `${mention} qui apporte quoi ?`);
  expect(groupTexts().slice(before).join('\n')).toContain(
    'Qui apporte quoi\u202f: Galette des Lilas',
  );
  await sayPrivately(bruno, 'aide');
  expect(privateTexts(bruno).at(-2) ?? privateTexts(bruno).at(-1)).toContain(
    'Ce que je sais faire',
  );
  await sayPrivately(bruno, 'blablabla');
  expect(privateTexts(bruno).at(-1)).toContain("Je n'ai pas bien compris");
});

it('keeps listening to every message for WhatsApp, where the bot receives them', async () => {
  await say(alice, '/parametres ecoute oui');
  expect(groupTexts().at(-1)).toContain("n'existe que sur WhatsApp");
  await say(alice, '/parametres constructor oui');
  expect(groupTexts().at(-1)).toContain('Je ne connais pas ce paramètre');
  await say(alice, '/parametres suggestions constructor');
  expect(groupTexts().at(-1)).toContain('Répondez «\u202foui\u202f» ou «\u202fnon\u202f»');
});

it('offers help privately to a member the bot has not yet seen in the group, and only to one', async () => {
  const { chloe, mallory } = people;
  // Chloé is in the group but never wrote there since the bot came; Mallory lives elsewhere.
  h.fake.setChatMember(group.id, chloe.id, 'member');
  h.fake.setChatMember(group.id, mallory.id, 'left');
  await sayPrivately(chloe, "j'aurais besoin d'un coup de main samedi");
  expect(privateTexts(chloe).join('\n')).not.toContain('aucun groupe');
  expect(privateTexts(chloe).at(-1)).toContain('De quel genre de coup de main');
  await sayPrivately(mallory, "je voudrais que quelqu'un m'aide à porter mes courses");
  expect(privateTexts(mallory).at(-1)).toContain('Je ne vous vois dans aucun groupe');
});

it('reads a need as older neighbours type it, in French, Portuguese and Arabic, and not shopping done (tryout)', async () => {
  const i18n = await createI18n();
  const rui = { id: 777, is_bot: false, first_name: 'Rui', language_code: 'pt' };
  const samira = { id: 888, is_bot: false, first_name: 'Samira', language_code: 'ar' };
  for (const person of [rui, samira]) {
    await say(person, '/aide');
    await sayPrivately(person, '/aide');
  }
  // No apostrophes, "voudrai", "course": drafted privately, its category read (no picker).
  await say(bruno, `${mention} bonjour je voudrai que quelqu un m aide a porter mes course samedi`);
  expect(lastPrivate(bruno)).toContain('voici votre demande telle que vos voisins la verront');
  expect(lastPrivate(bruno)).toContain(i18n.t('fr')('aid.categories.courses'));
  // "Compras" is shopping; the helper as subject ("يساعدني أحد") is a need, in Arabic.
  for (const [person, lng, text] of [
    [rui, 'pt', 'preciso de ajuda com as compras'],
    [samira, 'ar', 'أريد أن يساعدني أحد في حمل المشتريات'],
  ] as const) {
    await say(person, `${mention} ${text}`);
    const preview = lastPrivate(person);
    // Shown in the person's language, saying the group reads it in French.
    expect(preview, text).toContain(
      i18n.t(lng)('aid.preview_intro_group_language', {
        language: i18n.t(lng)('language.called.fr'),
      }),
    );
    expect(preview, text).toContain(i18n.t(lng)('aid.categories.courses'));
    expect(privateTexts(person).join('\n'), text).not.toContain(
      i18n.t(lng)('aid.pick_need_category'),
    );
  }
  // Shopping done and thanks are not needs: nothing drafted, nothing said privately.
  const before = privateTexts(bruno).length;
  await say(bruno, `${mention} j'ai fait les courses`);
  expect(groupTexts().at(-1)).toContain("Je n'ai pas bien compris");
  await say(bruno, `${mention} merci pour votre aide hier`);
  expect(groupTexts().at(-1)).toBe(i18n.t('fr')('understanding.thanks'));
  expect(privateTexts(bruno)).toHaveLength(before);
});
