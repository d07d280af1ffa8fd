// What a tryout found about distress and health through the real bot and the fake Bot API:
// distress is answered in the language it was written in (and the chat's, and a group's
// second language), numbers first; a command whose words say distress still does what it
// asks after the numbers; and a need's card never publishes health details.
import { beforeEach, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { findChat } from '../../db/queries/chats.ts';
import { createMutualAidSteps } from '../support/mutual-aid-steps.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { BOT, buttonsOf, groupChat, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno } = people;

const h = useTelegramHarness(database, { webhook: true });
const chat = createTelegramChat(h, group);
const { say, sayPrivately, press, groupTexts, privateTexts, lastPrivate } = chat;
let groupId: number;
const { publishes } = createMutualAidSteps(h, chat, () => groupId);
beforeEach(async () => {
  h.fake.setChatMember(group.id, alice.id, 'administrator');
  for (const person of [alice, bruno]) {
    await say(person, '/aide');
    await sayPrivately(person, '/aide');
  }
  groupId = (await findChat(database.db, 'telegram', String(group.id)))!.id;
});

const mention = `@${BOT.username}`;
const said = async (text: string) => {
  const before = groupTexts().length;
  await say(bruno, text);
  return groupTexts().slice(before);
};

it('answers distress in the language it was written in, then in the group’s, numbers first', async () => {
  const [english] = await said(`${mention} I fell and I can't get up`);
  expect(english).toMatch(/^🚑 If you feel unwell, call <b>15<\/b>/);
  expect(english).toContain('— 🚑 Si vous vous sentez mal, appelez le <b>15</b>');
  const [turkish, offer] = await said(`${mention} düştüm, kalkamıyorum`);
  expect(turkish).toMatch(/^🚑 .*<b>112<\/b>/s);
  expect(turkish!.split('— ')[0]).toContain('Kendinizi');
  expect(turkish).toContain('— 🚑 Si vous vous sentez mal');
  // The offer is the writer's to answer: its button in their language, and its answer too.
  const button = buttonsOf(h.sentTo(group.id).at(-1)).find((b) =>
    b.callback_data?.startsWith('distress:tell:'),
  )!;
  expect(offer).toContain('Voulez-vous que je prévienne');
  expect(button.text).not.toContain('prévenez');
  expect(button.callback_data).toMatch(/:self:tr:fr$/);
  await press(bruno, button.callback_data!);
  const popUp = h.fake.calls.filter((c) => c.method === 'answerCallbackQuery').at(-1);
  expect(String(popUp?.params.text)).not.toMatch(/prévenu|personne/i);
  // Without a sign of another language, the group's own alone, as before.
  const [french] = await said(`${mention} je suis tombée, je ne peux plus me relever`);
  expect(french).toMatch(/^🚑 Si vous vous sentez mal/);
  expect(french).not.toContain('— ');
});

it('adds the group’s second language, once', async () => {
  await say(alice, '/parametres langue2 en');
  const [french] = await said(`${mention} au secours je me sens mal`);
  expect(french).toMatch(/^🚑 Si vous vous sentez mal.*— 🚑 If you feel unwell/s);
  const [spanish] = await said(`${mention} me he caido y no puedo levantarme`);
  const parts = spanish!.split('\n\n— ');
  expect(parts).toHaveLength(3);
  expect(parts[0]).toMatch(/^🚑 .*<b>15<\/b>/s);
  expect(parts[1]).toMatch(/^🚑 Si vous vous sentez mal/);
  expect(parts[2]).toMatch(/^🚑 If you feel unwell/);
  const [english] = await said(`${mention} help me, I can't breathe`);
  expect(english!.split('\n\n— ')).toHaveLength(2);
  expect(english).toMatch(/^🚑 If you feel unwell.*— 🚑 Si vous vous sentez mal/s);
});

it('answers Arabic in Latin letters with the numbers, and a short line in Arabic under them', async () => {
  // Whether the writer reads French or Arabic cannot be told from arabizi: both, numbers first.
  for (const text of ['3awnouni', 'jarti ma bghatch tjaweb', 'ri7t lgaz f lbatiment']) {
    const [numbers] = await said(`${mention} ${text}`);
    expect(numbers, text).toMatch(/^🚑|^🚒/);
    expect(numbers, text).toContain('<b>112</b>');
    expect(numbers, text).toContain('<b>114</b>');
    const [theirs, arabic, ...more] = numbers!.split('\n\n— ');
    expect(more, text).toEqual([]);
    expect(theirs, text).toMatch(/^🚑 Si |^🚒 Appelez le <b>18<\/b>/);
    expect(arabic, text).toMatch(/^🚑 في حالة الطوارئ|^🚒 حريق أو غاز/);
    expect(arabic, text).toContain('<b>114</b>');
  }
  const fire = (await said(`${mention} kayna l3afya f l cuisine`))[0]!;
  expect(fire.split('\n\n— ')[1]).toContain('<b>18</b>');
  // Privately too, and as something over ("daba labas").
  await sayPrivately(bruno, '3ayan bzaf');
  expect(privateTexts(bruno).at(-2)).toMatch(
    /^🚑 Si vous vous sentez mal.*\n\n— 🚑 في حالة الطوارئ/s,
  );
  // French words alone: no Arabic line.
  const [french] = await said(`${mention} je suis tombée, je ne peux plus me relever`);
  expect(french).not.toContain('— ');
});

it('answers privately in the language written, whatever the person’s setting', async () => {
  await sayPrivately(bruno, "I fell and I can't get up");
  const [numbers, offer] = privateTexts(bruno).slice(-2);
  expect(numbers).toMatch(/^🚑 If you feel unwell, call <b>15<\/b>/);
  expect(numbers).not.toContain('Si vous');
  expect(offer).toMatch(/^Shall I tell your group/);
  const before = privateTexts(bruno).length;
  await sayPrivately(bruno, "I had a fall last week but I'm fine now");
  expect(privateTexts(bruno).slice(before)).toEqual([
    expect.stringMatching(/^Glad it is better\. .*<b>15<\/b>/s),
  ]);
});

it('goes on with a command after the numbers: a kit is delivered, a need is not lost', async () => {
  const kit = await said('/kit canicule je suis tombée hier');
  expect(kit[0]).toMatch(/^🚑 Si vous vous sentez mal/);
  expect(kit.slice(2).join('\n')).toMatch(/canicule/i);
  // The fall is not printed on the poster for the hall.
  expect(kit.slice(2).join('\n')).not.toContain('tombée');
  expect(kit.join('\n')).toContain(
    "Je n'ai rien mis sur les documents de ce qui touche à la santé",
  );

  const before = privateTexts(bruno).length;
  const inGroup = await said('/besoin courses : je suis tombée hier, il me faut du pain');
  expect(inGroup[0]).toMatch(/^🚑 Si vous vous sentez mal/);
  expect(inGroup.join('\n')).not.toMatch(/tombée|pain/);
  const privately = privateTexts(bruno).slice(before);
  // Told privately why the fall is not on the card, with their words, then the card.
  expect(privately[0]).toContain("Ce qui touche à la santé ne va pas sur l'annonce");
  expect(privately[0]).toContain('courses : je suis tombée hier, il me faut du pain');
  expect(privately[1]).toContain('voici votre demande telle que vos voisins la verront');
  expect(privately[1]).toContain('«\u202fil me faut du pain\u202f»');
  expect(privately[1]).not.toContain('tombée');
  await publishes(bruno);
  const card = groupTexts().at(-1)!;
  expect(card).toContain("Quelqu'un du voisinage cherche un coup de main");
  expect(card).toContain('il me faut du pain');
  expect(card).not.toContain('tombée');
  // Unknown commands and the help menu stop at the numbers.
  const sos = await said('/sos');
  expect(sos).toHaveLength(2);
  expect(sos.join('\n')).not.toContain('Je ne connais pas');
  const help = await said('/aide je suis tombée');
  expect(help).toHaveLength(2);
});

it('never publishes health details on a need’s card, and keeps nothing of them', async () => {
  const before = privateTexts(bruno).length;
  const inGroup = await said("/besoin courses : j'ai de la fièvre et le covid");
  expect(inGroup.join('\n')).not.toMatch(/fièvre|covid|cherche un coup de main/);
  const [notice, preview] = privateTexts(bruno).slice(before);
  expect(notice).toContain("Ce qui touche à la santé ne va pas sur l'annonce");
  expect(notice).toContain("«\u202fcourses : j'ai de la fièvre et le covid\u202f»");
  expect(notice).toContain("L'annonce dira seulement le genre d'aide");
  expect(preview).toContain('<b>Courses</b>');
  expect(preview).not.toMatch(/fièvre|covid/);
  await publishes(bruno);
  expect(groupTexts().at(-1)).toContain('<b>Courses</b>');
  expect(groupTexts().join('\n')).not.toMatch(/fièvre|covid/);

  // In a private chat too, and in other words: the rest of the need stays.
  await sayPrivately(bruno, '/besoin visites : je suis diabétique, un peu de compagnie le samedi');
  expect(privateTexts(bruno).at(-2)).toContain("Voici l'annonce sans ces mots");
  expect(lastPrivate(bruno)).toContain('«\u202fun peu de compagnie le samedi\u202f»');
  expect(lastPrivate(bruno)).not.toContain('diabétique');
  const rows = await queryRows<{ description: string }>(
    database.db,
    'SELECT description FROM help_requests',
  );
  expect(JSON.stringify(rows)).not.toMatch(/fièvre|covid|diabétique|tombée/);
});

it('puts no health detail on a gathering’s list, where everyone reads who brings what', async () => {
  await say(alice, '/evenement Galette des Lilas 10/01 16h salle commune');
  // The item stands without its note about health: it is listed, the note is not.
  const kept = await said('/japporte une tarte (je suis diabétique)');
  expect(kept).toEqual([expect.stringContaining('Vous apportez\u202f: une tarte.')]);
  expect(kept[0]).toContain("Ce qui touche à la santé, je ne l'ai pas écrit sur la liste");
  await say(alice, '/liste ajouter (pour ma chimio) 2 gâteaux');
  expect(groupTexts().at(-1)).toContain('Je ne mets sur la liste rien qui touche à la santé');
  const brought = await said('/japporte un cake (sans sucre)');
  expect(brought.join('\n')).toContain('un cake');
  await say(bruno, '/liste');
  expect(groupTexts().at(-1)).toContain('sans sucre');
  expect(groupTexts().at(-1)).not.toMatch(/diabétique|chimio|gâteaux/);
  // Nor a number to call or a link (tryout: a premium-rate number went on the printed list).
  await say(bruno, '/liste ajouter autre Gratuit : appelez le 0899123456');
  expect(groupTexts().at(-1)).toContain('Je ne mets sur la liste ni numéro de téléphone');
  await say(bruno, '/liste');
  expect(groupTexts().at(-1)).not.toContain('0899');
});

it('tells why, through the link, a person the bot cannot yet write to privately', async () => {
  const { djamel } = people;
  await say(djamel, '/besoin transport : emmenez-moi à l’hôpital jeudi');
  const link = buttonsOf(h.sentTo(group.id).at(-1))[0]!.url!;
  const payload = new URL(link).searchParams.get('start')!;
  expect(payload).toMatch(/^ask-\d+-h$/);
  expect(groupTexts().join('\n')).not.toContain('hôpital');
  await sayPrivately(djamel, `/start ${payload}`);
  const [notice, preview] = privateTexts(djamel).slice(-2);
  // Their words were kept nowhere meanwhile: only why, and how to say it.
  expect(notice).toContain("Ce qui touche à la santé ne va pas sur l'annonce");
  expect(notice).not.toContain('hôpital');
  expect(preview).toContain('<b>Transport et covoiturage</b>');
  expect(preview).toContain('jeudi');
  expect(preview).not.toContain('hôpital');
});
