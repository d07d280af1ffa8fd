// Which event an organiser's /evenement sub-command acts on (December 2026 tryout: with three
// galettes coming, "/evenement annuler" cancelled the latest created without asking, and said
// "Galette est annulée." without its date). Through the real bot and the fake Bot API: with
// several events coming, nothing is done until one is named (`/evenement annuler galette2`) or
// chosen, and the confirmation names it with its date; with one, it acts as before. Cancelling
// asks first (confirm-cancel-telegram.test.ts): `cancel` says the command and presses "yes".
import { describe, expect, it } from 'vitest';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { buttonsOf, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno } = people;

// A Thursday: 12 June 2027 and 26 June 2027 are Saturdays.
const { chat, group, h } = useLilasOnTelegram(database);
const { say, press, groupTexts, cancel, confirmCancel } = chat;

/** French puts a narrow no-break space before ":" and "?": read here as a plain space. */
const spaced = (texts: string[]) => texts.join('\n').replace(/\u202f/g, ' ');

/** What the bot said in the group in answer to `text`. */
async function said(person: typeof alice, text: string): Promise<string> {
  const before = groupTexts().length;
  await say(person, text);
  return spaced(groupTexts().slice(before));
}

/** The buttons of the bot's latest message in the group. */
const lastButtons = () => buttonsOf(h.sentTo(group.id).at(-1));

/** The three galettes of the tryout: 12 June, 26 June, and one whose date is being voted on. */
async function threeGalettes(): Promise<void> {
  await say(alice, '/evenement galette 12/06 16h salle commune');
  await say(alice, '/evenement galette 26/06 16h salle commune');
  await say(alice, '/evenement galette sondage 03/07, 10/07');
}

describe('/evenement sub-commands with several events coming', () => {
  it('asks which to cancel, naming each with its date, and cancels nothing', async () => {
    await threeGalettes();
    const asked = await said(alice, '/evenement annuler');
    expect(asked).toContain('Plusieurs sorties arrivent : laquelle ?');
    expect(asked).toContain('• Galette (samedi 12 juin 2027) : /evenement annuler galette1');
    expect(asked).toContain('• Galette (samedi 26 juin 2027) : /evenement annuler galette2');
    expect(asked).toContain('• Galette (date à choisir) : /evenement annuler galette3');
    expect(asked).not.toContain('annulée');
    expect(lastButtons().map((b) => b.text)).toEqual([
      '❌ Galette — sam. 12 juin',
      '❌ Galette — sam. 26 juin',
      '❌ Galette — date à choisir',
    ]);

    const listed = await said(bruno, '/evenement');
    expect(listed).toContain('samedi 12 juin 2027');
    expect(listed).toContain('samedi 26 juin 2027');
    expect(listed).toContain('<b>Galette — date à choisir</b>');
  });

  it('cancels the one named and says its date; the others stay', async () => {
    await threeGalettes();
    const cancelled = await cancel(alice, '/evenement annuler galette2');
    expect(cancelled).toContain("L'événement « <b>Galette — sam. 26 juin</b> » est annulé.");

    const listed = await said(bruno, '/evenement');
    expect(listed).toContain('samedi 12 juin 2027');
    expect(listed).not.toContain('26 juin');
    expect(listed).toContain('<b>Galette — date à choisir</b>');
  });

  it('cancels the one chosen by its button, an organiser’s only', async () => {
    await threeGalettes();
    await say(alice, '/evenement annuler');
    const polling = lastButtons().find((b) => b.text === '❌ Galette — date à choisir');
    expect(polling?.callback_data).toMatch(/^gact:\d+:cancel$/);

    // Bruno is no organiser: the same press changes nothing.
    await press(bruno, polling!.callback_data!);
    expect(await said(bruno, '/evenement')).toContain('<b>Galette — date à choisir</b>');

    await press(alice, polling!.callback_data!);
    expect(spaced(await confirmCancel(alice))).toContain(
      "L'événement « <b>Galette — date à choisir</b> » est annulé.",
    );
    const listed = await said(bruno, '/evenement');
    expect(listed).not.toContain('date à choisir');
    expect(listed).toContain('samedi 12 juin 2027');
    expect(listed).toContain('samedi 26 juin 2027');
  });

  it('asks which to move to 17h, then moves the one named and says its date', async () => {
    await threeGalettes();
    const asked = await said(alice, '/evenement heure 17h');
    expect(asked).toContain('Plusieurs sorties arrivent : laquelle ?');
    expect(asked).toContain('/evenement heure galette2 17h');
    expect(asked).not.toContain('noté');

    const moved = await said(alice, '/evenement heure galette2 17h');
    expect(moved).toMatch(/C'est noté\. <b>Galette<\/b> : samedi 26 juin 2027, 17/);
    expect(await said(bruno, '/evenement')).toMatch(/samedi 12 juin 2027, 16/);
  });

  it('refuses a missing time at once, and a member who is no organiser', async () => {
    await threeGalettes();
    expect(await said(alice, '/evenement heure')).toContain('Quelle heure ?');
    expect(await said(bruno, '/evenement annuler')).toContain(
      'seuls les administrateurs du groupe',
    );
    expect(await said(bruno, '/evenement annuler galette1')).toContain(
      'seuls les administrateurs du groupe',
    );
    expect(await said(bruno, '/evenement')).toContain('samedi 12 juin 2027');
  });

  it('leaves the fête alone: /evenement annuler with a fête and one galette cancels the galette', async () => {
    await say(alice, '/fete 28/05');
    await say(alice, '/evenement galette 12/06 16h');
    expect(await cancel(alice, '/evenement annuler')).toContain(
      "L'événement « <b>Galette</b> » est annulé.",
    );
    expect(await said(bruno, '/fete')).toContain('Fête des voisins');
  });
});

describe('/evenement sub-commands with one event coming', () => {
  it('acts on it as before', async () => {
    await say(alice, '/evenement galette 12/06 16h salle commune');
    expect(await said(alice, '/evenement heure 17h')).toMatch(
      /C'est noté\. <b>Galette<\/b> : samedi 12 juin 2027, 17/,
    );
    expect(await cancel(alice, '/evenement annuler')).toContain(
      "L'événement « <b>Galette</b> » est annulé.",
    );
  });
});
