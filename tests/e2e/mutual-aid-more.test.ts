// More of help between neighbours through the real bot and the fake Bot API: the weekly
// summary, the board, the figures, pausing, resuming and stopping, leaving the group, fair
// rotation, urgency, /mesdonnees and /oublier, showing one's name, refusing an offer, the
// per-person limit and a group without volunteers. Nothing identifying reaches the group
// unless the person chose it.
import { beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bot/config.ts';
import { findChat } from '../../db/queries/chats.ts';
import { helpRequests } from '../../db/schema.ts';
import { createMutualAidSteps } from '../support/mutual-aid-steps.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import {
  buttonsOf,
  groupChat,
  nextUpdateId,
  people,
  TOKEN,
  type Person as User,
} from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno, chloe, djamel } = people;
const neighbour = (id: number, first_name: string) => ({
  id,
  is_bot: false,
  first_name,
  language_code: 'fr',
});
const fanny = neighbour(666, 'Fanny');
const gaston = neighbour(777, 'Gaston');
const everyone = [alice, bruno, chloe, djamel, fanny, gaston];
/** Names and Telegram ids that must never reach the group unless their owner chose it. */
const IDENTIFYING =
  /Alice|Bruno|Chloé|Djamel|Fanny|Gaston|tg:\/\/user|\b(111|222|444|555|666|777)\b/;

const HOUR = 3_600_000;
const MINUTE = 60_000;

const clock = createTestClock('2026-11-26T09:00:00Z'); // a Thursday
const h = useTelegramHarness(database, { webhook: true, clock });
const chat = createTelegramChat(h, group);
const { post, say, sayPrivately, pressPrivately, press: pressInGroup, privateTexts } = chat;
const { lastPrivate, lastInGroup, groupTextsAndEdits: groupTexts, runJobs } = chat;
const { signUp, publishes } = createMutualAidSteps(h, chat, () => groupId);
let groupId: number;
beforeEach(async () => {
  for (const person of everyone) await say(person, '/aide');
  groupId = (await findChat(database.db, 'telegram', String(group.id)))!.id;
});

/** The latest edit of a message in the group. */
function lastEditOf(messageId: number) {
  return h.fake
    .successfulCalls('editMessageText')
    .filter((c) => c.params.chat_id === group.id && c.params.message_id === messageId)
    .at(-1);
}

/** Who was asked privately about a request, in the order they were asked. */
function askedAbout(requestId: number): number[] {
  return h.fake
    .successfulCalls('sendMessage')
    .filter((c) => buttonsOf(c).some((b) => b.callback_data === `aid:accept:${requestId}`))
    .map((c) => c.params.chat_id as number);
}

/** A need typed privately (the person's only group); returns its id, read from the card. */
async function asks(user: User, text: string): Promise<number> {
  const before = h.sentTo(group.id).length;
  await sayPrivately(user, `/besoin ${text}`);
  await publishes(user);
  const cards = h.sentTo(group.id);
  expect(cards.length, lastPrivate(user)).toBe(before + 1);
  const data = buttonsOf(cards.at(-1))[0]?.callback_data ?? '';
  expect(data).toMatch(/^aid:offer:\d+$/);
  return Number(data.split(':')[2]);
}

function cardMessageId(requestId: number): number {
  const card = h
    .sentTo(group.id)
    .find((c) => buttonsOf(c).some((b) => b.callback_data === `aid:offer:${requestId}`));
  return (card?.result as { message_id: number }).message_id;
}

/** A whole service: asked, accepted, confirmed with relayed messages, done. */
async function serve(volunteer: User, requester: User, text: string): Promise<number> {
  const id = await asks(requester, text);
  await runJobs();
  await pressPrivately(volunteer, `aid:accept:${id}`);
  expect(lastPrivate(volunteer)).toContain("J'ai prévenu la personne qui demande");
  await pressPrivately(requester, `aid:confirm:${id}:relay`);
  await pressPrivately(requester, `aid:done:${id}`);
  expect(lastPrivate(volunteer)).toContain('Merci pour ce coup de main');
  return id;
}

/** The person leaves the group: the bot is told, and Telegram says so when asked. */
async function leave(user: User): Promise<void> {
  await post(leaves(user));
  h.fake.setChatMember(group.id, user.id, 'left');
}

function leaves(user: User): Record<string, unknown> {
  const id = nextUpdateId();
  return {
    update_id: id,
    message: {
      message_id: id,
      date: Math.floor(Date.now() / 1000),
      chat: group,
      from: user,
      left_chat_member: user,
    },
  };
}

async function forget(user: User): Promise<void> {
  await sayPrivately(user, '/oublier');
  const [yes] = buttonsOf(h.sentTo(user.id).at(-1));
  expect(yes!.callback_data).toMatch(/^privacy:forget:\d+$/);
  await pressPrivately(user, yes!.callback_data!);
  expect(lastPrivate(user)).toContain("j'ai effacé tout ce que je savais de vous");
}

describe('help between neighbours on Telegram, continued', () => {
  it('reads a need over a period as a period, not as its last day (issue 15, 4)', async () => {
    const before = groupTexts().length;
    await sayPrivately(chloe, '/besoin courses : arroser mes plantes du 2 au 9 décembre');
    await publishes(chloe);
    const card = groupTexts().slice(before).join('\n');
    expect(card).toMatch(/Quand\u202f: du \S+ 2 décembre 2026 au \S+ 9 décembre 2026/);
  });

  it('shows a need whose words could identify its author before publishing it (issue 15, 3)', async () => {
    const before = groupTexts().length;
    await sayPrivately(chloe, '/besoin courses : du lait, 3e sans ascenseur');
    // Nothing in the group yet: Chloé sees the card, and what could identify her.
    expect(groupTexts()).toHaveLength(before);
    expect(lastPrivate(chloe)).toContain('voici votre demande telle que vos voisins la verront');
    expect(lastPrivate(chloe)).toContain('«\u202f3e\u202f»');
    // The card as the group will see it: anonymous, with its way to help; not a closed one.
    expect(lastPrivate(chloe)).toContain('Vous pouvez aider');
    expect(lastPrivate(chloe)).not.toContain("n'est plus d'actualité");
    const [publish, rewrite, cancel] = buttonsOf(h.sentTo(chloe.id).at(-1));
    expect([publish!.text, rewrite!.text, cancel!.text]).toEqual([
      'Publier telle quelle',
      'La réécrire',
      'Annuler',
    ]);
    // She rewrites it without the floor: shown again, with nothing that gives her away.
    await pressPrivately(chloe, rewrite!.callback_data!);
    expect(lastPrivate(chloe)).toContain('Décrivez');
    await sayPrivately(chloe, 'courses : du lait, je ne peux pas porter de charges');
    expect(groupTexts()).toHaveLength(before);
    expect(lastPrivate(chloe)).toContain('Elle paraît sans votre nom');
    expect(buttonsOf(h.sentTo(chloe.id).at(-1))[0]!.text).toBe('Publier');
    await publishes(chloe);
    expect(groupTexts().slice(before).join('\n')).toContain('je ne peux pas porter de charges');
    expect(groupTexts().slice(before).join('\n')).not.toContain('3e');
    // The first draft is gone: its buttons no longer publish it.
    await pressPrivately(chloe, publish!.callback_data!);
    expect(groupTexts().slice(before).join('\n')).not.toContain('3e');
    // Cancelled: nothing is published.
    await sayPrivately(chloe, '/besoin bricolage : une étagère à fixer, porte B');
    const [, , cancelIt] = buttonsOf(h.sentTo(chloe.id).at(-1));
    await pressPrivately(chloe, cancelIt!.callback_data!);
    expect(lastPrivate(chloe)).toBe("C'est annulé\u202f: rien n'a été publié.");
    expect(groupTexts().join('\n')).not.toContain('porte B');
  });

  it('sums up unanswered needs in the group once a week, anonymously, with a way to help', async () => {
    await signUp(bruno, ['bricolage']);
    const bread = await asks(alice, 'courses : du pain & du lait');
    clock.advance(MINUTE);
    const cat = await asks(chloe, 'animaux : nourrir mon chat');
    const shelf = await asks(alice, 'bricolage : monter une étagère');
    await runJobs();
    await pressPrivately(bruno, `aid:accept:${shelf}`);
    await pressPrivately(alice, `aid:confirm:${shelf}:contact`);

    clock.set('2026-11-30T10:00:00Z'); // the next Monday
    const before = h.sentTo(group.id).length;
    await h.app.jobs.enqueueRecurring(
      { kind: 'aidPlanSummaries', cron: '0 10 * * 1' },
      clock.now(),
    );
    await runJobs();
    const summaries = h.sentTo(group.id).slice(before);
    expect(summaries).toHaveLength(1);
    const summary = summaries[0]!;
    const text = String(summary.params.text);
    expect(text).toContain("📌 2 demandes attendent encore de l'aide\u202f:");
    expect(text).toContain('• Courses\u202f: du pain &amp; du lait (quand ça vous arrange)');
    expect(text).toContain('• Animaux\u202f: nourrir mon chat (quand ça vous arrange)');
    expect(text).not.toContain('étagère'); // taken: not unanswered
    expect(buttonsOf(summary)).toEqual([
      { text: '🤝 Je peux aider — Courses', callback_data: `aid:offer:${bread}` },
      { text: '🤝 Je peux aider — Animaux', callback_data: `aid:offer:${cat}` },
    ]);

    // Once a week: planning again the same week posts nothing more.
    clock.advance(MINUTE);
    await h.app.jobs.enqueueRecurring(
      { kind: 'aidPlanSummaries', cron: '0 10 * * 1' },
      clock.now(),
    );
    await runJobs();
    expect(h.sentTo(group.id).slice(before)).toHaveLength(1);

    // A neighbour who never wrote to the bot answers from the summary: the press itself opens
    // the private chat on the deep link, and nothing is posted in the group.
    const inGroup = h.sentTo(group.id).length;
    await pressInGroup(djamel, `aid:offer:${cat}`);
    expect(h.fake.successfulCalls('answerCallbackQuery').at(-1)!.params.url).toBe(
      `https://t.me/voisins_test_bot?start=helpoffer-${cat}`,
    );
    expect(h.sentTo(group.id)).toHaveLength(inGroup);
    await sayPrivately(djamel, `/start helpoffer-${cat}`);
    expect(lastPrivate(djamel)).toContain('«\u202fnourrir mon chat\u202f»');
    await pressPrivately(djamel, `aid:accept:${cat}`);
    expect(lastPrivate(chloe)).toContain('Bonne nouvelle\u202f: Djamel propose de vous aider');

    for (const text of groupTexts()) expect(text).not.toMatch(IDENTIFYING);
  });

  it('shows the board as copyable text: open needs, and offers counted by category', async () => {
    await say(alice, '/panneau');
    expect(lastInGroup()).toContain("• aucun pour l'instant");
    expect(lastInGroup()).toContain('• personne encore\u202f: /jepeuxaider');

    await signUp(bruno, ['courses', 'bricolage']);
    await signUp(chloe, ['courses']);
    await signUp(djamel, ['plantes']);
    await sayPrivately(djamel, '/jepeuxaider pause 15/12');
    const bread = await asks(alice, 'courses : du pain & du lait');
    clock.advance(MINUTE);
    const shelf = await asks(fanny, 'bricolage : monter une étagère samedi');
    const taken = await asks(gaston, 'courses : des piles');
    await runJobs();
    await pressPrivately(chloe, `aid:accept:${taken}`);
    await pressPrivately(gaston, `aid:confirm:${taken}:relay`);

    await say(fanny, '/panneau');
    const board = h.sentTo(group.id).at(-1)!;
    expect(buttonsOf(board)).toEqual([]);
    expect(String(board.params.text).split('\n')).toEqual([
      '📌 Le panneau des voisins\u202f: Résidence des Lilas',
      '',
      'Besoins en cours\u202f:',
      `• Courses\u202f: du pain &amp; du lait (quand ça vous arrange) — /jepeuxaider ${bread}`,
      `• Bricolage\u202f: monter une étagère samedi (samedi 28 novembre 2026) — /jepeuxaider ${shelf}`,
      '',
      'Aides proposées\u202f:',
      '• Courses\u202f: 2 voisins',
      '• Bricolage\u202f: 1 voisin',
      '',
      'Demander\u202f: /besoin. Proposer son aide\u202f: /jepeuxaider.',
    ]);

    // Privately, the same board for the person's group.
    await sayPrivately(alice, '/panneau');
    expect(lastPrivate(alice)).toBe(String(board.params.text));

    // A board line is enough to offer help, privately.
    await sayPrivately(bruno, `/jepeuxaider ${shelf}`);
    expect(lastPrivate(bruno)).toContain('«\u202fmonter une étagère samedi\u202f»');
    for (const text of groupTexts()) expect(text).not.toMatch(IDENTIFYING);
  });

  it('counts services and their value by category, with the configured table', async () => {
    await h.restart({
      webhook: true,
      clock,
      env: { HELP_SERVICE_VALUES: 'courses=20, bricolage=600' },
    });
    await say(alice, '/stats');
    expect(lastInGroup()).toContain('Pas encore de coup de main rendu cette année');

    await signUp(bruno, ['courses', 'bricolage']);
    await serve(bruno, alice, 'bricolage : monter une étagère');
    await serve(bruno, chloe, 'bricolage : changer une ampoule');
    await serve(bruno, djamel, 'courses : du pain');
    await asks(fanny, 'courses : du lait'); // not done: not counted

    await say(gaston, '/stats');
    expect(lastInGroup().split('\n')).toEqual([
      'Cette année\u202f: 3 coups de main, environ 1\u202f220 € de services rendus.',
      '',
      '• Bricolage\u202f: 2',
      '• Courses\u202f: 1',
      '',
      "Valeurs estimées par type de service, pour donner une idée\u202f: l'entraide n'a pas de prix\u202f!",
    ]);
    for (const text of groupTexts()) expect(text).not.toMatch(IDENTIFYING);

    // A new year starts from nothing.
    clock.set('2027-01-02T10:00:00Z');
    await say(gaston, '/stats');
    expect(lastInGroup()).toContain('Pas encore de coup de main rendu cette année');

    // A value table that names no category stops startup, naming the variable.
    expect(() =>
      parseConfig({ TELEGRAM_BOT_TOKEN: TOKEN, HELP_SERVICE_VALUES: 'jardinage=12' }),
    ).toThrow(/HELP_SERVICE_VALUES/);
  });

  it('does not ask a volunteer on holiday until the date, then asks them again', async () => {
    await signUp(bruno, ['courses']);
    await signUp(chloe, ['courses']);
    await sayPrivately(bruno, '/jepeuxaider pause 15/12');
    expect(lastPrivate(bruno)).toBe(
      "Bonnes vacances\u202f! Je ne vous demanderai rien jusqu'au mardi 15 décembre 2026 inclus.",
    );
    const first = await asks(alice, 'courses : du pain');
    expect(lastPrivate(alice)).toContain('Je préviens en privé le voisin qui peut aider');
    await runJobs();
    expect(askedAbout(first)).toEqual([chloe.id]);

    clock.set('2026-12-15T09:00:00Z'); // the last day away
    const second = await asks(alice, 'courses : du lait');
    await runJobs();
    expect(askedAbout(second)).toEqual([chloe.id]);

    clock.set('2026-12-16T09:00:00Z');
    const third = await asks(alice, 'courses : des oeufs');
    await runJobs();
    // Both are asked; in which order depends on the round of « du lait » that runs at the
    // same moment and asks Bruno too (rotation), so the order is not checked here.
    expect(askedAbout(third).sort()).toEqual([bruno.id, chloe.id].sort());

    // In the words of the issue, and back early.
    await sayPrivately(chloe, "/jepeuxaider en vacances jusqu'au 20");
    expect(lastPrivate(chloe)).toBe(
      "Bonnes vacances\u202f! Je ne vous demanderai rien jusqu'au dimanche 20 décembre 2026 inclus.",
    );
    const fourth = await asks(djamel, 'courses : du beurre');
    await runJobs();
    expect(askedAbout(fourth)).toEqual([bruno.id]);
    await sayPrivately(chloe, '/jepeuxaider reprendre');
    expect(lastPrivate(chloe)).toContain('Content de vous retrouver');
    const fifth = await asks(djamel, 'courses : de la farine');
    await runJobs();
    expect(askedAbout(fifth)).toEqual([bruno.id, chloe.id]);

    await sayPrivately(fanny, '/jepeuxaider pause 15/12');
    expect(lastPrivate(fanny)).toContain('Vous ne proposez pas encore votre aide');
    await sayPrivately(bruno, '/jepeuxaider pause bientôt');
    expect(lastPrivate(bruno)).toContain(
      "Jusqu'à quand\u202f? Exemple\u202f: /jepeuxaider pause 15/08",
    );
  });

  it('gives back to the search what a volunteer who stops had taken, and tells the requester', async () => {
    await signUp(bruno, ['courses']);
    await signUp(chloe, ['courses']);
    const id = await asks(alice, 'courses : du pain');
    await runJobs();
    expect(askedAbout(id)).toEqual([bruno.id, chloe.id]);
    await pressPrivately(bruno, `aid:accept:${id}`);
    expect(lastPrivate(chloe)).toContain("Quelqu'un d'autre a déjà proposé son aide");
    await pressPrivately(alice, `aid:confirm:${id}:relay`);
    expect(lastEditOf(cardMessageId(id))!.params.text).toContain("Quelqu'un s'en occupe");

    await sayPrivately(bruno, '/jepeuxaider arreter');
    expect(lastPrivate(bruno)).toContain('je ne vous demanderai plus rien');
    expect(lastPrivate(alice)).toBe(
      "Le voisin qui devait vous aider n'est plus disponible. Je cherche quelqu'un d'autre.",
    );
    // The card is open again, with its button; messages are no longer relayed to Bruno.
    const card = lastEditOf(cardMessageId(id))!;
    expect(card.params.text).toContain('Vous pouvez aider\u202f?');
    expect(buttonsOf(card)).toEqual([
      { text: '🤝 Je peux aider', callback_data: `aid:offer:${id}` },
    ]);
    const brunoHeard = privateTexts(bruno).length;
    await sayPrivately(alice, 'Vous passez à quelle heure ?');
    expect(privateTexts(bruno)).toHaveLength(brunoHeard);

    // Chloé, told earlier that someone else had answered, is asked again; Bruno is not.
    await runJobs();
    expect(askedAbout(id)).toEqual([bruno.id, chloe.id, chloe.id]);
    await pressPrivately(bruno, `aid:accept:${id}`);
    expect(h.lastNotice()).toContain("n'est plus valable");
    await pressPrivately(chloe, `aid:accept:${id}`);
    expect(lastPrivate(alice)).toContain('Bonne nouvelle\u202f: Chloé propose de vous aider');

    // A new need does not reach Bruno any more.
    const next = await asks(djamel, 'courses : du lait');
    await runJobs();
    expect(askedAbout(next)).toEqual([chloe.id]);
    for (const text of groupTexts()) expect(text).not.toMatch(IDENTIFYING);
  });

  it('frees a request when its volunteer leaves the group, and withdraws the needs of a requester who leaves', async () => {
    await signUp(bruno, ['courses']);
    await signUp(chloe, ['courses']);
    const id = await asks(alice, 'courses : du pain');
    await runJobs();
    await pressPrivately(bruno, `aid:accept:${id}`);
    await pressPrivately(alice, `aid:confirm:${id}:contact`);
    const other = await asks(djamel, 'courses : du lait');
    await runJobs();
    expect(askedAbout(other)).toEqual([chloe.id, bruno.id]); // Bruno is busy helping

    await leave(bruno);
    expect(lastPrivate(alice)).toBe(
      "Le voisin qui devait vous aider n'est plus disponible. Je cherche quelqu'un d'autre.",
    );
    expect(buttonsOf(lastEditOf(cardMessageId(id)))).toEqual([
      { text: '🤝 Je peux aider', callback_data: `aid:offer:${id}` },
    ]);
    await runJobs();
    expect(askedAbout(id)).toEqual([bruno.id, chloe.id, chloe.id]);

    // Someone who left may not take a need of the group, even with a button sent before.
    const heard = privateTexts(bruno).length;
    await pressPrivately(bruno, `aid:accept:${other}`);
    expect(h.lastNotice()).toBe(
      "Ce choix n'est plus valable. Relancez la commande pour en avoir un nouveau.",
    );
    expect(privateTexts(bruno)).toHaveLength(heard);
    await sayPrivately(bruno, `/jepeuxaider ${other}`);
    expect(lastPrivate(bruno)).toBe(
      'Ce numéro ne correspond à rien que je puisse vous montrer. Vérifiez-le, ou relancez la commande sans numéro.',
    );
    expect(privateTexts(djamel).join('\n')).not.toContain('Bruno');
    // Coming back from holidays does not make him a volunteer of a group he left.
    await sayPrivately(bruno, '/jepeuxaider reprendre');
    const third = await asks(gaston, 'courses : des piles');
    await runJobs();
    expect(askedAbout(third)).toEqual([chloe.id]);

    // A requester who leaves: their need is withdrawn and whoever answered is freed.
    await pressPrivately(chloe, `aid:accept:${other}`);
    expect(lastPrivate(djamel)).toContain('Bonne nouvelle\u202f: Chloé propose de vous aider');
    await leave(djamel);
    expect(lastPrivate(chloe)).toContain('plus besoin de votre aide');
    expect(lastEditOf(cardMessageId(other))!.params.text).toContain("n'est plus d'actualité");
    for (const text of groupTexts()) expect(text).not.toMatch(IDENTIFYING);
  });

  it('rotates fairly: a few at a time, and whoever helped most recently is asked last', async () => {
    for (const user of [bruno, chloe, djamel, fanny, gaston]) await signUp(user, ['courses']);
    // Bruno renders a service from a card (nobody does bricolage, so nobody else was asked).
    const shelf = await asks(alice, 'bricolage : monter une étagère');
    await runJobs();
    expect(askedAbout(shelf)).toEqual([]);
    const inGroup = h.sentTo(group.id).length;
    await pressInGroup(bruno, `aid:offer:${shelf}`);
    expect(h.lastNotice()).toBe('Je vous ai répondu en message privé.');
    expect(h.sentTo(group.id)).toHaveLength(inGroup);
    await pressPrivately(bruno, `aid:accept:${shelf}`);
    await pressPrivately(alice, `aid:confirm:${shelf}:contact`);
    await pressPrivately(bruno, `aid:done:${shelf}`);

    const bread = await asks(alice, 'courses : du pain');
    expect(lastPrivate(alice)).toContain('les 5 voisins qui peuvent aider, quelques-uns à la fois');
    await runJobs();
    expect(askedAbout(bread)).toEqual([chloe.id, djamel.id, fanny.id]);
    clock.advance(3 * HOUR - MINUTE);
    await runJobs();
    expect(askedAbout(bread)).toHaveLength(3);
    clock.advance(MINUTE);
    await runJobs();
    expect(askedAbout(bread)).toEqual([chloe.id, djamel.id, fanny.id, gaston.id, bruno.id]);
    // Nobody is asked twice, and nobody is left: the rounds stop.
    clock.advance(3 * HOUR);
    await runJobs();
    expect(askedAbout(bread)).toHaveLength(5);

    // The next need starts with those asked least recently.
    const milk = await asks(djamel, 'courses : du lait');
    await runJobs();
    expect(askedAbout(milk)).toEqual([chloe.id, fanny.id, gaston.id]);
  });

  it('asks again after 30 minutes for an urgent need, and lets it expire after a day', async () => {
    for (const user of [bruno, chloe, djamel, fanny]) await signUp(user, ['courses']);
    const urgent = await asks(alice, 'courses : urgent, plus de lait pour le bébé');
    const card = h.sentTo(group.id).at(-1)!;
    expect(card.params.text).toContain('<b>Courses</b> — urgent');
    await runJobs();
    expect(askedAbout(urgent)).toEqual([bruno.id, chloe.id, djamel.id]);
    const calm = await asks(gaston, 'courses : des piles');
    await runJobs();
    expect(askedAbout(calm)).toEqual([fanny.id, bruno.id, chloe.id]);
    expect(privateTexts(bruno).join('\n')).toContain('Courses</b> — urgent');

    clock.advance(29 * MINUTE);
    await runJobs();
    expect(askedAbout(urgent)).toHaveLength(3);
    clock.advance(MINUTE);
    await runJobs();
    expect(askedAbout(urgent)).toEqual([bruno.id, chloe.id, djamel.id, fanny.id]);
    expect(askedAbout(calm)).toHaveLength(3); // the usual gap is three hours

    clock.set('2026-11-27T08:59:00Z');
    await runJobs();
    expect(lastPrivate(alice)).not.toContain("personne n'a pu répondre à temps");
    clock.set('2026-11-27T09:00:00Z');
    await runJobs();
    expect(lastPrivate(alice)).toContain("personne n'a pu répondre à temps");
    expect(lastEditOf(cardMessageId(urgent))!.params.text).toContain("n'est plus d'actualité");
    expect(privateTexts(gaston).join('\n')).not.toContain("personne n'a pu répondre à temps");
    // A late accept is told the truth: nobody took it, it is over.
    await pressPrivately(bruno, `aid:accept:${urgent}`);
    expect(h.lastNotice()).toBe(
      "Cette demande a déjà trouvé de l'aide, ou n'est plus d'actualité. Merci\u202f!",
    );
  });

  it('keeps one unfinished draft per person and group, and none once cancelled (tryout: forty drafts in /mesdonnees)', async () => {
    for (const need of ['du pain', 'du lait', 'des œufs', 'du beurre']) {
      await sayPrivately(alice, `/besoin courses : ${need}`);
    }
    const draftsOf = async () =>
      (await database.db.select().from(helpRequests)).filter((r) =>
        ['du pain', 'du lait', 'des œufs', 'du beurre'].includes(r.description),
      );
    const drafts = await draftsOf();
    expect(drafts.map((r) => [r.description, r.status])).toEqual([['du beurre', 'draft']]);
    await sayPrivately(alice, '/mesdonnees');
    const data = h.sentTo(alice.id).at(-1)!.params.text as string;
    expect(data.match(/brouillon/g)).toHaveLength(1);
    expect(data).toContain('du beurre');
    expect(data).not.toContain('du pain');
    // Cancelled, the draft is gone, not kept as a withdrawn request.
    const [draft] = drafts;
    await pressPrivately(alice, `aid:ndel:${draft!.id}`);
    expect(await draftsOf()).toEqual([]);
    await sayPrivately(alice, '/mesdonnees');
    expect(h.sentTo(alice.id).at(-1)!.params.text as string).not.toContain('Demande (');
  });

  it('shows offers and requests in /mesdonnees; /oublier erases them and frees the other person', async () => {
    await signUp(bruno, ['courses', 'bricolage']);
    await signUp(chloe, ['courses']);
    await serve(bruno, alice, 'courses : du pain');

    await sayPrivately(bruno, '/mesdonnees');
    const brunoData = h.sentTo(bruno.id).at(-1)!.params.text as string;
    expect(brunoData).toContain('<b>Entraide</b>');
    expect(brunoData).toContain(
      'Aide proposée dans Résidence des Lilas\u202f: Courses, Bricolage (quand vous voulez)',
    );
    expect(brunoData).toContain('1 coup de main rendu ou proposé');
    await sayPrivately(alice, '/mesdonnees');
    const aliceData = h.sentTo(alice.id).at(-1)!.params.text as string;
    expect(aliceData).toContain('Demande (Courses)\u202f: «\u202fdu pain\u202f», fait');
    expect(aliceData).not.toContain('Bruno');

    // Chloé takes a second need, with relayed messages, then erases everything.
    const milk = await asks(alice, 'courses : du lait');
    await runJobs();
    expect(askedAbout(milk)).toEqual([chloe.id, bruno.id]);
    await pressPrivately(chloe, `aid:accept:${milk}`);
    await pressPrivately(alice, `aid:confirm:${milk}:relay`);
    await forget(chloe);
    // The erasure cannot speak; the sweep that follows tells Alice and resumes the search.
    await h.app.jobs.enqueueRecurring(
      { kind: 'aidFreeOrphanedRequests', cron: '*/10 * * * *' },
      clock.now(),
    );
    await runJobs();
    expect(privateTexts(alice).join('\n')).toContain(
      "Le voisin qui devait vous aider n'est plus disponible",
    );
    expect(buttonsOf(lastEditOf(cardMessageId(milk)))).toEqual([
      { text: '🤝 Je peux aider', callback_data: `aid:offer:${milk}` },
    ]);
    // Bruno, told it was taken, is asked again.
    expect(askedAbout(milk)).toEqual([chloe.id, bruno.id, bruno.id]);

    // Bruno erases everything: he is nobody's helper any more, and the count stays anonymous.
    await forget(bruno);
    const rows = await database.db.select().from(helpRequests);
    expect(rows.map((r) => r.volunteerId)).toEqual([null, null]);
    await say(gaston, '/stats');
    expect(lastInGroup()).toContain('Cette année\u202f: 1 coup de main, environ 15 €');
    await say(gaston, '/panneau');
    expect(lastInGroup()).toContain('• personne encore\u202f: /jepeuxaider');
    await sayPrivately(alice, '/mesdonnees');
    expect(h.sentTo(alice.id).at(-1)!.params.text).toContain(
      'Demande (Courses)\u202f: «\u202fdu pain\u202f», fait',
    );

    // Alice erases hers: her needs are gone.
    await forget(alice);
    expect(await database.db.select().from(helpRequests)).toEqual([]);
    for (const text of groupTexts()) expect(text).not.toMatch(IDENTIFYING);
  });

  it("shows the requester's first name on the card only once they choose to", async () => {
    await signUp(bruno, ['courses']);
    const id = await asks(alice, 'courses : du pain');
    const published = h.sentTo(alice.id).at(-1)!;
    expect(buttonsOf(published)).toContainEqual({
      text: 'Afficher mon prénom',
      callback_data: `aid:showname:${id}`,
    });
    await runJobs();
    await say(chloe, '/panneau');
    for (const text of groupTexts()) expect(text).not.toMatch(IDENTIFYING);

    // Someone else cannot press it for her.
    await pressPrivately(bruno, `aid:showname:${id}`);
    expect(h.lastNotice()).toContain("n'est plus valable");
    for (const text of groupTexts()) expect(text).not.toContain('Alice');

    await pressPrivately(alice, `aid:showname:${id}`);
    expect(lastPrivate(alice)).toBe('Votre prénom est affiché avec la demande.');
    const card = lastEditOf(cardMessageId(id))!;
    expect(card.params.text).toContain('🙋 <b>Alice cherche un coup de main</b>');
    expect(card.params.text).toContain('«\u202fdu pain\u202f»');
    expect(buttonsOf(card)).toEqual([
      { text: '🤝 Je peux aider', callback_data: `aid:offer:${id}` },
    ]);
    // Only Alice's name, never her id, nor the volunteer's name.
    for (const text of groupTexts()) {
      expect(text).not.toMatch(/Bruno|tg:\/\/user|\b(111|222)\b/);
    }
  });

  it('asks others when the requester says "Non merci", and tells the volunteer kindly', async () => {
    for (const user of [bruno, chloe, djamel, fanny]) await signUp(user, ['courses']);
    const id = await asks(alice, 'courses : du pain');
    await runJobs();
    expect(askedAbout(id)).toEqual([bruno.id, chloe.id, djamel.id]);
    await pressPrivately(bruno, `aid:accept:${id}`);
    expect(buttonsOf(h.sentTo(alice.id).at(-1)).at(-1)).toEqual({
      text: 'Non merci',
      callback_data: `aid:refuse:${id}`,
    });
    await pressPrivately(alice, `aid:refuse:${id}`);
    expect(lastPrivate(alice)).toBe("C'est noté\u202f: je cherche quelqu'un d'autre.");
    expect(lastPrivate(bruno)).toBe(
      'Merci pour votre proposition\u202f! Finalement, ce ne sera pas nécessaire.',
    );
    // Fanny, never asked, is asked at once; Chloé and Djamel, told it was taken, are asked
    // again at the next round, once nobody new is left.
    await runJobs();
    expect(askedAbout(id)).toEqual([bruno.id, chloe.id, djamel.id, fanny.id]);
    clock.advance(3 * HOUR);
    await runJobs();
    expect(askedAbout(id)).toEqual([bruno.id, chloe.id, djamel.id, fanny.id, chloe.id, djamel.id]);
    // The refused volunteer's old button does not offer again.
    await pressPrivately(bruno, `aid:accept:${id}`);
    expect(h.lastNotice()).toContain("n'est plus valable");
    expect(lastPrivate(alice)).toBe("C'est noté\u202f: je cherche quelqu'un d'autre.");
    await pressPrivately(alice, `aid:refuse:${id}`);
    expect(h.lastNotice()).toContain("n'est plus valable");
    expect(lastPrivate(alice)).toBe("C'est noté\u202f: je cherche quelqu'un d'autre.");

    await pressPrivately(fanny, `aid:accept:${id}`);
    expect(lastPrivate(alice)).toContain('Bonne nouvelle\u202f: Fanny propose de vous aider');
  });

  it('limits how many needs a person publishes in an hour, withdrawn ones aside', async () => {
    await signUp(bruno, ['courses']);
    await asks(alice, 'courses : des piles');
    const second = await asks(alice, 'courses : une baguette');
    await asks(alice, 'courses : du lait');
    const cards = h.sentTo(group.id).length;
    await sayPrivately(alice, '/besoin courses : encore une');
    expect(lastPrivate(alice)).toBe(
      "Vous avez déjà publié 3 demandes dans l'heure. Attendez un peu, ou retirez une demande\u202f: /besoin annuler",
    );
    // As the answer says, withdrawing one makes room.
    await pressPrivately(alice, `aid:withdraw:${second}`);
    await asks(alice, 'courses : encore une');
    await sayPrivately(alice, '/besoin courses : et une autre');
    expect(lastPrivate(alice)).toContain("déjà publié 3 demandes dans l'heure");
    // From the group too, and nothing is posted.
    await say(alice, '/besoin courses : depuis le groupe');
    expect(lastInGroup()).toContain("déjà publié 3 demandes dans l'heure");
    expect(h.sentTo(group.id)).toHaveLength(cards + 2);

    clock.advance(HOUR + MINUTE);
    await asks(alice, 'courses : une heure plus tard');
    // The limit is per person.
    await asks(chloe, 'courses : un timbre');
  });

  it('says honestly that nobody volunteers in a group that has no volunteers at all', async () => {
    const other = groupChat(-100456, 'Rue des Tilleuls');
    await say(alice, '/aide', other);
    await say(alice, '/besoin', other);
    const link = buttonsOf(h.sentTo(other.id).at(-1))[0]!.url!;
    const payload = new URL(link).searchParams.get('start')!;
    await sayPrivately(alice, `/start ${payload}`);
    expect(lastPrivate(alice)).toContain('Décrivez votre besoin en un message');
    await sayPrivately(alice, 'transport : à la gare vendredi');
    await publishes(alice);
    expect(h.sentTo(other.id).at(-1)!.params.text).toContain('«\u202fà la gare vendredi\u202f»');
    expect(lastPrivate(alice)).toContain(
      "Pour être honnête\u202f: personne dans ce groupe ne propose encore ce genre d'aide",
    );
    await runJobs();
    expect(lastPrivate(alice)).toBe(
      "Je n'ai trouvé personne de disponible à qui demander pour l'instant. Votre demande reste affichée dans le groupe.",
    );
    await say(bruno, '/panneau', other);
    expect(String(h.sentTo(other.id).at(-1)!.params.text)).toContain(
      '• personne encore\u202f: /jepeuxaider',
    );
    for (const call of h.sentTo(other.id))
      expect(String(call.params.text)).not.toMatch(IDENTIFYING);
  });
});
