// Setting a group's postcode on Telegram, through the real bot and the fake Bot API: the
// commune is settled at once when the postcode has one, asked with buttons when it has
// several, and typed by name beyond the buttons. The département stored (which decides the
// heat and cold alerts) is the chosen commune's. Button data is checked as untrusted input.
import { beforeEach, describe, expect, it } from 'vitest';
import { findChat, saveChatSettings } from '../../db/queries/chats.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { buttonsOf, groupChat, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase();
const group = groupChat();
const { alice, bruno } = people;

const h = useTelegramHarness(database, {
  webhook: true,
  clock: createTestClock('2027-07-20T14:00:00Z'),
  env: { BOT_ADMINS: `telegram:${alice.id}` },
});
const { say, press } = createTelegramChat(h, group);
beforeEach(() => h.fake.setChatMember(group.id, alice.id, 'administrator'));

const lastCall = () => h.sentTo(group.id).at(-1);
const lastText = () => (lastCall()?.params.text as string | undefined) ?? '';
const place = async () => {
  const chat = await findChat(database.db, 'telegram', String(group.id));
  return {
    postcode: chat?.postcode,
    communeInsee: chat?.communeInsee,
    departement: chat?.departement,
    timezone: chat?.timezone,
  };
};

describe('the postcode of a Telegram group', () => {
  it('settles a postcode with one commune at once, and says which', async () => {
    await say(alice, '/parametres cp 69003');
    expect(lastText()).toContain(
      "C'est noté\u202f: 69003 — Lyon 3e Arrondissement, Rhône (69). Les alertes canicule et grand froid",
    );
    expect(lastText()).toContain('Commune\u202f: 69003 — Lyon 3e Arrondissement, Rhône (69)');
    expect(await place()).toEqual({
      postcode: '69003',
      communeInsee: '69383',
      departement: '69',
      timezone: 'Europe/Paris',
    });

    await say(alice, '/parametres cp 94 390');
    expect(lastText()).toContain('94390 — Paray-Vieille-Poste, Essonne (91)');
    expect(await place()).toMatchObject({ communeInsee: '91479', departement: '91' });
  });

  it('gives Saint-Martin and Saint-Barthélemy their own collectivity and time zone', async () => {
    await say(alice, '/parametres cp 97150');
    expect(lastText()).toContain('97150 — Saint-Martin, Saint-Martin (978)');
    expect(lastText()).toContain('Fuseau horaire\u202f: America/Marigot');
    expect(await place()).toMatchObject({ departement: '978', timezone: 'America/Marigot' });
    await say(alice, '/parametres cp 97133');
    expect(lastText()).toContain('97133 — Saint-Barthélemy, Saint-Barthélemy (977)');
    expect(await place()).toMatchObject({ departement: '977', timezone: 'America/St_Barthelemy' });
    await say(alice, '/parametres cp 97400');
    expect(await place()).toMatchObject({ departement: '974', timezone: 'Indian/Reunion' });
  });

  it("sends Saint-Martin the alerts declared for 978, not Guadeloupe's", async () => {
    const guadeloupe = groupChat(-100777, 'Résidence des Flamboyants');
    h.fake.setChatMember(guadeloupe.id, alice.id, 'administrator');
    await say(alice, '/parametres cp 97150');
    await say(alice, '/parametres cp 97100', guadeloupe);
    await say(alice, '/vigilance 978 canicule orange');
    expect(lastText()).toContain('Vigilance canicule dans le 978\u202f: orange');
    await h.app.jobs.runDueJobs();
    expect(lastText()).toContain('Vigilance orange canicule dans le 978');
    expect(String(h.sentTo(guadeloupe.id).at(-1)?.params.text)).toContain('97100 — Basse-Terre');
  });

  it('asks which commune when a postcode crosses a border, and stores the one pressed', async () => {
    await say(alice, '/parametres cp 33220');
    const question = lastCall();
    expect(lastText()).toContain(
      'Le code postal 33220 couvre des communes de plusieurs départements\u202f: Gironde (33), Dordogne (24).',
    );
    // 16 communes: the 8 most populated as buttons, and how to name another.
    expect(lastText()).toContain('Voici les 8 plus peuplées sur 16.');
    expect(lastText()).toContain('par exemple\u202f: /parametres cp 33220 Fougueyrolles');
    const buttons = buttonsOf(question);
    expect(buttons.map((b) => b.text)).toEqual([
      'Pineuilh (33)',
      'Port-Sainte-Foy-et-Ponchapt (24)',
      'Sainte-Foy-la-Grande (33)',
      'Saint-Avit-Saint-Nazaire (33)',
      'Saint-André-et-Appelles (33)',
      'Eynesse (33)',
      'Les Lèves-et-Thoumeyragues (33)',
      'Saint-Philippe-du-Seignal (33)',
    ]);
    expect(await place()).toMatchObject({ postcode: null, departement: null });

    const dordogne = buttons.find((b) => b.text.endsWith('(24)'))!;
    await press(alice, dordogne.callback_data!);
    expect(lastText()).toContain('33220 — Port-Sainte-Foy-et-Ponchapt, Dordogne (24)');
    expect(await place()).toEqual({
      postcode: '33220',
      communeInsee: '24335',
      departement: '24',
      timezone: 'Europe/Paris',
    });
  });

  it('finds a commune by the name typed after the postcode', async () => {
    await say(alice, '/parametres cp 33220 fougueyrolles'); // not among the buttons
    expect(lastText()).toContain('33220 — Fougueyrolles, Dordogne (24)');
    expect(await place()).toMatchObject({ communeInsee: '24189', departement: '24' });

    await say(alice, '/parametres cp 13780 Riboux');
    expect(lastText()).toContain('13780 — Riboux, Var (83)');
    expect(await place()).toMatchObject({ communeInsee: '83105', departement: '83' });

    // Two Saint-Avit in 33220: asked again, between those two only.
    await say(alice, '/parametres cp 33220 st avit');
    expect(buttonsOf(lastCall()).map((b) => b.text)).toEqual([
      'Saint-Avit-Saint-Nazaire (33)',
      'Saint-Avit-de-Soulège (33)',
    ]);
    expect(lastText()).not.toContain('plus peuplées');

    await say(alice, '/parametres cp 20200 Bastia');
    expect(lastText()).toContain('20200 — Bastia, Haute-Corse (2B)');
    expect(await place()).toMatchObject({ communeInsee: '2B033', departement: '2B' });

    await say(alice, '/parametres cp 33220 Bordeaux');
    expect(lastText()).toBe(
      "Aucune commune du code postal 33220 ne s'appelle «\u202fBordeaux\u202f». Tapez /parametres cp 33220 pour voir la liste.",
    );
    expect(await place()).toMatchObject({ communeInsee: '2B033' }); // unchanged
  });

  it('refuses forged commune choices and presses from non-admins', async () => {
    await say(alice, '/parametres cp 01000');
    const [bourg] = buttonsOf(lastCall());
    expect(bourg).toEqual({
      text: 'Bourg-en-Bresse (01)',
      callback_data: 'settings:commune:01000:01053',
    });

    // Refusals are the press's own pop-up: nothing is posted in the group.
    const popUp = () => String(h.fake.successfulCalls('answerCallbackQuery').at(-1)?.params.text);
    const posted = h.sentTo(group.id).length;
    await press(bruno, bourg!.callback_data!); // a genuine button, but Bruno is no admin
    expect(popUp()).toContain('seuls les administrateurs');
    for (const forged of [
      'settings:commune:01000:69383', // a real commune, of another postcode
      'settings:commune:69003:01053', // a real commune, with another postcode
      'settings:commune:99999:99999',
      'settings:commune:01000',
      'settings:commune:01000:01053:x',
      'settings:commune:01000:0105\u0000',
    ]) {
      await press(alice, forged);
      expect(popUp()).toContain("Ce choix n'est plus valable");
    }
    expect(h.sentTo(group.id)).toHaveLength(posted);
    expect(await place()).toMatchObject({ postcode: null, communeInsee: null, departement: null });

    await press(alice, bourg!.callback_data!);
    expect(await place()).toMatchObject({ communeInsee: '01053', departement: '01' });
    expect(h.fake.calls.filter((c) => c.status !== 200)).toEqual([]);
  });

  it('asks a group whose postcode was set before communes were known to name its commune', async () => {
    await say(alice, '/aide');
    const chat = (await findChat(database.db, 'telegram', String(group.id)))!;
    // What the first-digits rule stored for 33220 before this change.
    await saveChatSettings(database.db, chat, { postcode: '33220', departement: '33' });
    await say(alice, '/parametres');
    expect(lastText()).toContain(
      'Commune\u202f: 33220, département 33 (commune à préciser\u202f: /parametres cp 33220)',
    );
  });

  it('answers unknown and garbled postcodes politely, in the group language', async () => {
    await say(alice, '/parametres cp 99999');
    expect(lastText()).toContain('Je ne trouve aucune commune avec le code postal 99999.');
    await say(alice, '/parametres cp 98800'); // Nouméa: a collectivity the bot does not serve
    expect(lastText()).toContain('Je ne trouve aucune commune avec le code postal 98800.');
    await say(alice, '/parametres cp 69OO3');
    expect(lastText()).toContain("Un code postal s'écrit avec 5 chiffres");
    await say(alice, '/parametres cp');
    expect(lastText()).toContain("Un code postal s'écrit avec 5 chiffres");

    await say(alice, '/langue en');
    await say(alice, '/settings postcode 00100');
    expect(lastText()).toContain("I can't find any commune with the postcode 00100.");
    await say(alice, '/settings postcode <b>lyon</b>');
    expect(lastText()).toContain('A postcode has 5 digits');
    await say(alice, '/settings postcode 01000');
    expect(lastText()).toBe(
      "The postcode 01000 covers several communes. Which one is the group's?",
    );
    expect(await place()).toMatchObject({ postcode: null, departement: null });
    expect(h.fake.calls.filter((c) => c.status !== 200)).toEqual([]);
  });
});
