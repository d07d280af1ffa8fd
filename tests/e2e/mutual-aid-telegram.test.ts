// Help between neighbours through the real bot and the fake Bot API: volunteers sign up
// privately, a need becomes an anonymous card, volunteers are asked privately, the first
// accept wins, the requester confirms, messages are relayed, "c'est fait ?", thanks; and
// expiry, forged buttons, bad input. Nothing identifying is ever posted in the group.
import { beforeEach, describe, expect, it } from 'vitest';
import { findChat } from '../../db/queries/chats.ts';
import { rollupsOf } from '../support/rollups.ts';
import { createMutualAidSteps } from '../support/mutual-aid-steps.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { buttonsOf, BOT, groupChat, messageUpdate, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno, chloe, djamel } = people;

const clock = createTestClock('2026-11-26T09:00:00Z');
const h = useTelegramHarness(database, { webhook: true, clock });
const chat = createTelegramChat(h, group);
const { post, say, sayPrivately, press, pressPrivately, privateTexts, lastPrivate } = chat;
const { lastInGroup, groupTextsAndEdits: groupTexts, runJobs } = chat;
const { signUp, publishes } = createMutualAidSteps(h, chat, () => groupId);
let groupId: number;
beforeEach(async () => {
  h.fake.setChatMember(group.id, alice.id, 'administrator');
  for (const person of [alice, bruno, chloe, djamel]) await say(person, '/aide');
  groupId = (await findChat(database.db, 'telegram', String(group.id)))!.id;
});

/** Alice asks in the group, then opens the private chat through the deep link. */
async function aliceAsks(text: string): Promise<number> {
  await say(alice, `/besoin ${text}`);
  const link = buttonsOf(h.sentTo(group.id).at(-1))[0]!.url!;
  const payload = new URL(link).searchParams.get('start')!;
  expect(payload).toMatch(/^ask-\d+$/);
  await sayPrivately(alice, `/start ${payload}`);
  await publishes(alice);
  return Number(payload.slice(4));
}

describe('help between neighbours on Telegram', () => {
  it('matches a need privately, from /besoin to the thank-you, without exposing anyone', async () => {
    await say(bruno, '/jepeuxaider');
    expect(buttonsOf(h.sentTo(group.id).at(-1))[0]!.url).toBe(
      `https://t.me/voisins_test_bot?start=volunteer-${groupId}`,
    );
    await signUp(bruno, ['courses', 'bricolage'], 'le soir et le week-end');
    expect(lastPrivate(bruno)).toContain('Courses, Bricolage (le soir et le week-end)');
    const picker = h.fake
      .successfulCalls('editMessageText')
      .filter((c) => c.params.chat_id === bruno.id);
    expect(
      buttonsOf(picker.at(-1))
        .slice(0, 2)
        .map((b) => b.text),
    ).toEqual(['✅ Courses', '✅ Bricolage']);
    await signUp(chloe, ['courses']);

    const requestId = await aliceAsks('courses : du pain et du lait demain matin');
    const card = h.sentTo(group.id).at(-1)!;
    expect(card.params.text).toContain("Quelqu'un du voisinage cherche un coup de main");
    expect(card.params.text).toContain('«\u202fdu pain et du lait demain matin\u202f»');
    expect(card.params.text).toContain('Quand\u202f: vendredi 27 novembre 2026');
    expect(buttonsOf(card)).toEqual([
      { text: '🤝 Je peux aider', callback_data: `aid:offer:${requestId}` },
    ]);
    expect(lastPrivate(alice)).toContain('les 2 voisins qui peuvent aider');

    // The first round asks both volunteers privately.
    await runJobs();
    expect(lastPrivate(bruno)).toContain(
      "Quelqu'un du groupe «\u202fRésidence des Lilas\u202f» a besoin",
    );
    expect(buttonsOf(h.sentTo(bruno.id).at(-1)).map((b) => b.callback_data)).toEqual([
      `aid:accept:${requestId}`,
      `aid:decline:${requestId}`,
    ]);
    expect(lastPrivate(chloe)).toContain('«\u202fdu pain et du lait demain matin\u202f»');

    // A forged accept from someone never asked, and the requester's own, are refused.
    await sayPrivately(djamel, '/aide');
    await pressPrivately(djamel, `aid:accept:${requestId}`);
    expect(h.lastNotice()).toContain('ne vous était pas destiné');
    await say(alice, '/aide');
    const inGroup = h.sentTo(group.id).length;
    await press(alice, `aid:offer:${requestId}`);
    expect(h.lastNotice()).toContain('votre propre demande');
    expect(h.sentTo(group.id)).toHaveLength(inGroup);

    // Both press "accept" at the same moment: exactly one wins, the other is thanked.
    await Promise.all([
      pressPrivately(bruno, `aid:accept:${requestId}`),
      pressPrivately(chloe, `aid:accept:${requestId}`),
    ]);
    const outcomes = [bruno, chloe].map((u) => privateTexts(u).slice(-2).join('\n'));
    const winners = outcomes.filter((o) => o.includes("J'ai prévenu la personne qui demande"));
    const losers = outcomes.filter((o) => o.includes("Quelqu'un d'autre a déjà proposé son aide"));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const [winner, loser] = winners[0] === outcomes[0] ? [bruno, chloe] : [chloe, bruno];

    // The requester chooses relayed messages: no handle or number is revealed.
    expect(lastPrivate(alice)).toContain(
      `Bonne nouvelle\u202f: ${winner.first_name} propose de vous aider`,
    );
    await pressPrivately(alice, `aid:confirm:${requestId}:relay`);
    expect(lastPrivate(alice)).toContain(`je transmets vos messages à ${winner.first_name}`);
    expect(lastPrivate(winner)).toContain('je transmets vos messages à Alice');
    await sayPrivately(winner, 'Je passe vers 10 h, ça vous va ?');
    expect(lastPrivate(alice)).toBe(
      `💬 ${winner.first_name} (par le bot)\u202f: Je passe vers 10 h, ça vous va ?`,
    );
    await sayPrivately(alice, 'Parfait, merci !');
    expect(lastPrivate(winner)).toBe('💬 Alice (par le bot)\u202f: Parfait, merci !');
    expect(privateTexts(loser).join('\n')).not.toContain('Parfait');
    for (const text of [...privateTexts(alice), ...privateTexts(winner)]) {
      expect(text).not.toMatch(/tg:\/\/user|\b(111|222|444)\b/);
    }

    // The card says someone is on it; the volunteer is reminded on the day.
    expect(groupTexts().at(-1)).toContain("Quelqu'un s'en occupe");
    clock.set('2026-11-27T08:00:00Z');
    await runJobs();
    expect(lastPrivate(winner)).toContain('Petit rappel');

    // "C'est fait ?" the day after, then thanks to both.
    clock.set('2026-11-28T17:00:00Z');
    await runJobs();
    expect(lastPrivate(alice)).toContain("Alors, c'est fait\u202f?");
    expect(lastPrivate(winner)).toContain("Alors, c'est fait\u202f?");
    await pressPrivately(alice, `aid:done:${requestId}`);
    expect(lastPrivate(alice)).toContain("Merci d'avoir demandé");
    expect(lastPrivate(winner)).toContain('Merci pour ce coup de main');
    await pressPrivately(winner, `aid:done:${requestId}`);
    expect(h.lastNotice()).toContain('déjà terminée');

    await say(djamel, '/stats');
    expect(lastInGroup()).toContain(
      'Cette année\u202f: 1 coup de main, environ 15 € de services rendus',
    );
    // The console's figures: one need published (its draft did not count), one service
    // rendered; a group with no place yet counts under dep:none.
    expect(await rollupsOf(database.db, `chat:${groupId}`, 'need:')).toEqual({
      '2026 need:created': 1,
      '2026-11 need:created': 1,
    });
    expect(await rollupsOf(database.db, 'dep:none', 'service:')).toEqual({
      '2026 service:courses': 1,
      '2026-11 service:courses': 1,
    });

    // Nothing the bot said in the group names or identifies the requester or the volunteers.
    for (const text of groupTexts()) {
      expect(text).not.toMatch(/Alice|Bruno|Chloé|tg:\/\/user|\b(111|222|444)\b/);
    }
  });

  it('exchanges contacts when the requester prefers, as tappable Telegram names', async () => {
    await signUp(bruno, ['bricolage']);
    const requestId = await aliceAsks('bricolage : monter une étagère samedi');
    await runJobs();
    await pressPrivately(bruno, `aid:accept:${requestId}`);
    await pressPrivately(alice, `aid:confirm:${requestId}:contact`);
    expect(lastPrivate(alice)).toContain(`<a href="tg://user?id=${bruno.id}">Bruno</a>`);
    expect(lastPrivate(bruno)).toContain(`<a href="tg://user?id=${alice.id}">Alice</a>`);
    for (const text of groupTexts()) expect(text).not.toMatch(/Alice|Bruno|tg:\/\//);
  });

  it('withdraws a need whose date has passed when its volunteer leaves, rather than search again', async () => {
    await signUp(bruno, ['bricolage']);
    await signUp(chloe, ['bricolage']);
    const requestId = await aliceAsks('bricolage : monter une étagère vendredi 27 novembre');
    await runJobs();
    await pressPrivately(bruno, `aid:accept:${requestId}`);
    await pressPrivately(alice, `aid:confirm:${requestId}:relay`);
    const askedChloe = () => privateTexts(chloe).filter((t) => t.includes('monter une étagère'));
    const before = askedChloe().length;
    clock.set('2026-11-29T10:00:00Z');
    await sayPrivately(bruno, '/jepeuxaider arreter');
    expect(lastPrivate(alice)).toContain('la date de votre demande est passée\u202f: je la retire');
    await runJobs();
    expect(askedChloe()).toHaveLength(before);
    expect(groupTexts().at(-1)).toContain("n'est plus d'actualité");
  });

  it('tells the requester honestly when nobody can help, and when the request expires', async () => {
    await signUp(bruno, ['bricolage']);
    const requestId = await aliceAsks('animaux : nourrir mon chat pendant le week-end');
    expect(lastPrivate(alice)).toContain(
      "personne dans ce groupe ne propose encore ce genre d'aide",
    );
    await runJobs();
    expect(lastPrivate(alice)).toContain("Je n'ai trouvé personne de disponible");
    expect(privateTexts(bruno).join('\n')).not.toContain('nourrir mon chat');
    clock.set('2026-12-03T09:00:01Z');
    await runJobs();
    expect(lastPrivate(alice)).toContain("personne n'a pu répondre à temps");
    expect(lastPrivate(alice)).toContain('CCAS');
    expect(groupTexts().at(-1)).toContain("n'est plus d'actualité");
    await press(chloe, `aid:offer:${requestId}`);
    expect(h.lastNotice()).toContain("n'est plus d'actualité");
  });

  it('takes a need typed in the group out of view when it is an admin, else says how (issue 15, 3)', async () => {
    await sayPrivately(alice, '/aide');
    // Not an admin: Telegram refuses; Alice is told how to delete it herself.
    await say(alice, '/besoin courses : du pain, je suis au 3e gauche');
    expect(h.fake.deletedMessages).toEqual([]);
    expect(lastInGroup()).toContain('Je vous ai répondu en message privé.');
    expect(lastInGroup()).toContain('vous pouvez le supprimer');
    expect(lastPrivate(alice)).toContain('«\u202f3e\u202f»');
    await pressPrivately(alice, buttonsOf(h.sentTo(alice.id).at(-1))[2]!.callback_data!);
    expect(lastPrivate(alice)).toBe("C'est annulé\u202f: rien n'a été publié.");

    // An admin: the message goes, and the need goes on privately without retyping.
    h.fake.setChatMember(group.id, BOT.id, 'administrator');
    const update = messageUpdate(alice, group, '/besoin courses : du lait demain');
    await post(update);
    const typed = (update.message as { message_id: number }).message_id;
    expect(h.fake.deletedMessages).toEqual([`${group.id}:${typed}`]);
    expect(lastInGroup()).toContain("J'ai retiré votre message du groupe");
    expect(lastPrivate(alice)).toContain('«\u202fdu lait demain\u202f»');
    await publishes(alice);
    expect(lastInGroup()).toContain("Quelqu'un du voisinage cherche un coup de main");
    expect(groupTexts().join('\n')).not.toContain('Alice');
  });

  it('answers bad input and limits, and frees everyone when a request is withdrawn', async () => {
    await sayPrivately(alice, '/besoin');
    expect(lastPrivate(alice)).toContain('Décrivez votre besoin en un message');
    await sayPrivately(alice, `courses ${'très long '.repeat(330)}`);
    expect(lastPrivate(alice)).toContain('trop long pour le panneau (500 caractères au plus)');
    await sayPrivately(
      alice,
      '/besoin courses : appelez-moi au 06 12 34 56 78 ou alice@example.org',
    );
    await publishes(alice);
    expect(lastInGroup()).toContain(
      '«\u202fappelez-moi au [coordonnées masquées] ou [coordonnées masquées]\u202f»',
    );
    await sayPrivately(alice, '/besoin courses : des piles');
    await publishes(alice);
    await sayPrivately(alice, '/besoin courses : une baguette');
    await publishes(alice);
    await sayPrivately(alice, '/besoin courses : encore une');
    expect(lastPrivate(alice)).toContain("déjà publié 3 demandes dans l'heure");

    await signUp(bruno, ['courses']);
    await sayPrivately(alice, '/besoin annuler');
    const choices = buttonsOf(h.sentTo(alice.id).at(-1));
    expect(choices).toHaveLength(3);
    await runJobs();
    const [first] = /aid:accept:(\d+)/
      .exec(JSON.stringify(h.sentTo(bruno.id).at(-1)!.params.reply_markup))!
      .slice(1);
    await pressPrivately(bruno, `aid:accept:${first}`);
    await pressPrivately(alice, `aid:withdraw:${first}`);
    expect(lastPrivate(alice)).toBe('Votre demande est retirée.');
    expect(lastPrivate(bruno)).toContain('plus besoin de votre aide');
    await pressPrivately(alice, `aid:confirm:${first}:contact`);
    expect(h.lastNotice()).toContain("n'est plus valable");
    await pressPrivately(alice, 'aid:accept:abc');
    expect(h.lastNotice()).toContain("n'est plus valable");
    expect(lastPrivate(alice)).toBe('Votre demande est retirée.');
  });
});
