// The real bot over HTTP against the fake Bot API: what a person in a Telegram group sees.
import { describe, expect, it } from 'vitest';
import { findChat } from '../../db/queries/chats.ts';
import { findPersonByIdentity } from '../../db/queries/people.ts';
import { findAvailableLocales } from '../../handlers/i18n.ts';
import { createProbeCommand } from '../support/probe-command.ts';
import { useTelegramHarness } from '../support/telegram-e2e.ts';
import {
  botAddedUpdate,
  buttonsOf,
  callbackUpdate,
  groupChat,
  messageUpdate,
  nextUpdateId,
  people,
  privateChat,
  SECRET,
  startTelegramHarness,
} from '../support/telegram-harness.ts';
import { resetDatabase, useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();

const { alice, bruno, emma } = people;
const group = groupChat();

describe('Telegram by long polling', () => {
  const h = useTelegramHarness(database);

  it('registers the command menu in French by default and in each other language', () => {
    const menus = h.fake.successfulCalls('setMyCommands');
    // French for everyone; then one per language the bot speaks, for clients set to it.
    expect(menus.map((c) => c.params.language_code ?? 'default').sort()).toEqual([
      'ar',
      'default',
      'en',
      'es',
      'pt',
      'tr',
    ]);
    for (const menu of menus) {
      const descriptions = (menu.params.commands as { description: string }[]).map(
        (c) => c.description,
      );
      expect(new Set(descriptions).size).toBe(descriptions.length);
    }
    const fr = menus.find((c) => !c.params.language_code)!.params.commands as {
      command: string;
      description: string;
    }[];
    // What only the group's admins may do is marked, as in /aide.
    expect(fr.find((c) => c.command === 'parametres')?.description).toMatch(
      /\(🔑 administrateurs\)$/,
    );
    expect(fr.find((c) => c.command === 'jeviens')?.description).not.toContain('🔑');
    const en = menus.find((c) => c.params.language_code === 'en')!.params.commands as {
      command: string;
    }[];
    expect(fr.map((c) => c.command)).toEqual(
      expect.arrayContaining(['aide', 'parametres', 'langue', 'mesdonnees', 'oublier']),
    );
    expect(en.map((c) => c.command)).toEqual(
      expect.arrayContaining(['help', 'settings', 'language', 'mydata', 'forgetme']),
    );
  });

  it('introduces itself when added to a group and answers /aide in French', async () => {
    await h.deliver(botAddedUpdate(alice, group));
    await h.deliver(messageUpdate(bruno, group, '/aide'));
    const [intro, help] = await h.fake.waitForCalls('sendMessage', 2);
    expect(intro!.params).toMatchObject({ chat_id: group.id, parse_mode: 'HTML' });
    expect(intro!.params.text).toContain('/parametres');
    expect(help!.params.text).toContain('<b>Ce que je sais faire</b>');
    expect(help!.params.text).toContain('/mesdonnees');
  });

  it('hints at /aide for an unknown command and refuses oversized or garbled input politely', async () => {
    await h.deliver(messageUpdate(bruno, group, '/nimporte'));
    await h.deliver(messageUpdate(bruno, group, `/aide ${'x'.repeat(5000)}`));
    await h.deliver(messageUpdate(bruno, group, '/aide \u0000\u0007'));
    const replies = await h.fake.waitForCalls('sendMessage', 3);
    expect(replies[0]!.params.text).toMatch(/Je ne connais pas la commande \/nimporte.*\/aide/);
    expect(replies[1]!.params.text).toContain('trop long');
    expect(replies[2]!.params.text).toContain('caractères que je ne peux pas lire');
  });

  it('keeps organiser commands for admins, and checks every button press', async () => {
    h.fake.setChatMember(group.id, alice.id, 'administrator');
    await h.deliver(messageUpdate(bruno, group, '/parametres'));
    await h.fake.waitForCalls('sendMessage', 1);
    expect(h.sentTo(group.id)[0]!.params.text).toContain('seuls les administrateurs');

    await h.deliver(messageUpdate(alice, group, '/parametres'));
    await h.fake.waitForCalls('sendMessage', 2);
    const settings = h.sentTo(group.id)[1]!;
    const street = buttonsOf(settings).find((b) => b.text === 'rue')!;
    expect(street.callback_data).toBe('settings:kind:rue');

    await h.deliver(callbackUpdate(bruno, group, street.callback_data!)); // not an admin
    await h.deliver(callbackUpdate(alice, group, 'settings:kind:chateau')); // forged data
    await h.deliver(callbackUpdate(alice, group, 'nothing-we-know')); // forged prefix
    await h.deliver(callbackUpdate(alice, group, street.callback_data!));
    await h.fake.waitForCalls('answerCallbackQuery', 4);
    // Refusals are each press's own pop-up: only the admin's choice is said in the group.
    expect(h.notices()).toEqual([
      'Désolé, seuls les administrateurs du groupe peuvent faire ce choix.',
      "Ce choix n'est plus valable. Relancez la commande pour en avoir un nouveau.",
      "Ce choix n'est plus valable. Relancez la commande pour en avoir un nouveau.",
      '',
    ]);
    const texts = h
      .sentTo(group.id)
      .slice(2)
      .map((c) => c.params.text);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Type\u202f: rue');
    expect((await findChat(database.db, 'telegram', String(group.id)))?.groupKind).toBe('rue');
  });

  it('sets the postcode and name, escaping what people type', async () => {
    h.fake.setChatMember(group.id, alice.id, 'creator');
    await h.deliver(messageUpdate(alice, group, '/parametres cp 20200 Bastia'));
    await h.deliver(messageUpdate(alice, group, '/parametres nom <b>Lilas</b> & Co'));
    await h.deliver(messageUpdate(alice, group, '/parametres cp 99999'));
    const replies = await h.fake.waitForCalls('sendMessage', 3);
    expect(replies[0]!.params.text).toContain('Commune\u202f: 20200 — Bastia, Haute-Corse (2B)');
    expect(replies[1]!.params.text).toContain('Nom\u202f: &lt;b&gt;Lilas&lt;/b&gt; &amp; Co');
    expect(replies[2]!.params.text).toContain('aucune commune avec le code postal 99999');
    expect(await findChat(database.db, 'telegram', String(group.id))).toMatchObject({
      postcode: '20200',
      communeInsee: '2B033',
      departement: '2B',
      name: '<b>Lilas</b> & Co',
    });
    // The fake rejects unescaped HTML with a 400: none of the bot's calls was refused.
    expect(h.fake.calls.filter((c) => c.status !== 200)).toEqual([]);
  });

  it('switches a group to English for its admins only, and a private chat for anyone', async () => {
    h.fake.setChatMember(group.id, alice.id, 'administrator');
    await h.deliver(messageUpdate(bruno, group, '/language en'));
    await h.deliver(messageUpdate(alice, group, '/langue en'));
    await h.deliver(messageUpdate(bruno, group, '/aide'));
    await h.fake.waitForCalls('sendMessage', 3);
    await h.deliver(messageUpdate(emma, privateChat(emma), '/langue'));
    const replies = await h.fake.waitForCalls('sendMessage', 4);
    expect(replies[0]!.params.text).toContain('seuls les administrateurs');
    expect(replies[1]!.params.text).toBe(
      "All right, I'll speak English in this group from now on.",
    );
    expect(replies[2]!.params.text).toContain('<b>What I can do</b>');
    // Emma's client is in English: her private chat starts in English.
    expect(replies[3]!.params.text).toBe('Which language should I speak with you?');
    // Every language whose texts are there, each named in itself.
    expect(buttonsOf(replies[3]).map((b) => b.callback_data)).toEqual(
      findAvailableLocales().map((l) => `language:${l}`),
    );
    expect(buttonsOf(replies[3]).map((b) => b.text)).toContain('Français');
  });

  it('sends personal data privately, through a deep link for someone who never started the bot', async () => {
    await h.deliver(messageUpdate(bruno, group, '/mesdonnees'));
    const [linkReply] = await h.fake.waitForCalls('sendMessage', 1);
    expect(buttonsOf(linkReply)).toEqual([
      { text: 'Ouvrir la discussion privée', url: 'https://t.me/voisins_test_bot?start=mydata' },
    ]);
    expect(linkReply!.params.text).not.toContain('Bruno');

    await h.deliver(messageUpdate(bruno, privateChat(bruno), '/start mydata'));
    await h.fake.waitForCalls('sendDocument', 1);
    const exported = h.sentTo(bruno.id)[0]!.params.text as string;
    expect(exported).toContain('Nom affiché\u202f: Bruno');
    expect(exported).toContain('Vu dans 1 groupe\u202f: Résidence des Lilas');
    const file = h.fake.successfulCalls('sendDocument')[0]!.params.document as { filename: string };
    expect(file.filename).toBe('mes-donnees.json');

    // Now that Bruno started the bot, /mesdonnees in the group answers privately.
    await h.deliver(messageUpdate(bruno, group, '/mesdonnees'));
    await h.fake.waitForCalls('sendDocument', 2);
    await h.fake.waitForCalls('sendMessage', 4);
    expect(h.sentTo(group.id).at(-1)!.params.text).toBe('Je vous ai répondu en message privé.');
  });

  it('erases a person after confirmation, and refuses a forged confirmation', async () => {
    await h.deliver(messageUpdate(bruno, group, '/aide'));
    await h.deliver(messageUpdate(bruno, privateChat(bruno), '/oublier'));
    await h.fake.waitForCalls('sendMessage', 2);
    const confirm = h.sentTo(bruno.id)[0]!;
    const [yes, no] = buttonsOf(confirm);
    expect(no!.callback_data).toBe('privacy:keep');
    const brunoRow = await findPersonByIdentity(database.db, 'telegram', String(bruno.id));
    expect(yes!.callback_data).toBe(`privacy:forget:${brunoRow!.id}`);

    // Alice replays Bruno's button in her own chat: refused, nothing erased.
    await h.deliver(messageUpdate(alice, privateChat(alice), '/aide'));
    await h.deliver(callbackUpdate(alice, privateChat(alice), yes!.callback_data!));
    await h.fake.waitForCalls('answerCallbackQuery', 1);
    expect(h.lastNotice()).toContain("n'est plus valable");
    expect(h.sentTo(alice.id)).toHaveLength(1);
    expect(await findPersonByIdentity(database.db, 'telegram', String(bruno.id))).toBeDefined();

    await h.deliver(callbackUpdate(bruno, privateChat(bruno), yes!.callback_data!));
    await h.fake.waitForCalls('sendMessage', 4);
    expect(h.sentTo(bruno.id).at(-1)!.params.text).toContain(
      "j'ai effacé tout ce que je savais de vous",
    );
    // The confirmation goes out just before the erasure (see handlers/privacy).
    await expect
      .poll(() => findPersonByIdentity(database.db, 'telegram', String(bruno.id)))
      .toBeUndefined();
    expect(await findChat(database.db, 'telegram', String(bruno.id))).toBeUndefined();
    expect(await findChat(database.db, 'telegram', String(group.id))).toBeDefined();
  });

  it('keeps a group’s settings when it is upgraded to a supergroup', async () => {
    const old = { id: -555, type: 'group', title: 'Lilas' };
    h.fake.setChatMember(old.id, alice.id, 'creator');
    await h.deliver(messageUpdate(alice, old, '/parametres cp 69003'));
    await h.fake.waitForCalls('sendMessage', 1);
    await h.deliver({
      update_id: nextUpdateId(),
      message: { message_id: 9, date: 1, chat: old, from: alice, migrate_to_chat_id: -100555 },
    });
    await expect.poll(() => findChat(database.db, 'telegram', '-100555')).toBeDefined();
    h.fake.setChatMember(-100555, alice.id, 'creator');
    await h.deliver(
      messageUpdate(alice, { id: -100555, type: 'supergroup', title: 'Lilas' }, '/parametres'),
    );
    await h.fake.waitForCalls('sendMessage', 2);
    expect(h.sentTo(-100555)[0]!.params.text).toContain(
      'Commune\u202f: 69003 — Lyon 3e Arrondissement, Rhône (69)',
    );
    expect(await findChat(database.db, 'telegram', '-555')).toBeUndefined();
  });

  it('delivers every reply exactly once through a storm of 429s and a 502', async () => {
    h.fake.failNext('sendMessage', 6, { status: 429, retryAfter: 1 });
    h.fake.failNext('sendMessage', 1, { status: 502 });
    const groups = [-101, -102, -103, -104, -105].map((id) => groupChat(id, `Groupe ${id}`));
    for (const g of groups) await h.deliver(messageUpdate(alice, g, '/aide'));
    await h.fake.waitForCalls('sendMessage', groups.length, 30_000);
    await new Promise((r) => setTimeout(r, 300));
    for (const g of groups) expect(h.sentTo(g.id)).toHaveLength(1);
    expect(
      h.fake.calls.filter((c) => c.method === 'sendMessage' && c.status === 429).length,
    ).toBeGreaterThan(0);
  }, 60_000);

  it('reports its health', async () => {
    const response = await fetch(`http://127.0.0.1:${h.app.http!.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      database: true,
      adapters: { telegram: true },
    });
  });
});

describe('Telegram shutdown', () => {
  it('finishes the update in flight before stopping', async () => {
    await resetDatabase(database);
    let started!: () => void;
    const handlerStarted = new Promise<void>((resolve) => (started = resolve));
    const slow = createProbeCommand('slow-probe', { fr: 'lent', en: 'slow' }, async (ctx) => {
      started();
      await new Promise((r) => setTimeout(r, 500));
      await ctx.reply('fini');
    });
    const h = await startTelegramHarness(database, { features: [slow] });
    await h.deliver(messageUpdate(alice, group, '/lent'));
    await handlerStarted;
    await h.app.stop();
    expect(h.sentTo(group.id).map((c) => c.params.text)).toEqual(['fini']);
    await h.fake.close();
  });
});

describe('Telegram by webhook', () => {
  const h = useTelegramHarness(database, { webhook: true });

  it('sets the webhook with its secret and never long-polls', () => {
    expect(h.fake.webhook()).toEqual(
      expect.objectContaining({
        url: 'https://bot.example.org/telegram/webhook',
        secret_token: SECRET,
      }),
    );
    expect(h.fake.calls.filter((c) => c.method === 'getUpdates')).toEqual([]);
  });

  it('rejects a request without the right secret and handles nothing', async () => {
    expect((await h.postWebhook(messageUpdate(alice, group, '/aide'), '')).status).toBe(401);
    expect(
      (await h.postWebhook(messageUpdate(alice, group, '/aide'), 'wrong-secret-0123456789')).status,
    ).toBe(401);
    expect(h.fake.successfulCalls('sendMessage')).toEqual([]);
  });

  it('processes a redelivered update once', async () => {
    const update = messageUpdate(alice, group, '/aide');
    expect((await h.postWebhook(update)).status).toBe(200);
    expect((await h.postWebhook(update)).status).toBe(200);
    expect((await h.postWebhook({ ...update })).status).toBe(200);
    await h.app.settle();
    expect(h.fake.successfulCalls('sendMessage')).toHaveLength(1);
  });
});
