// Two coming gatherings of the same name on Telegram (December 2026 tryout), through the real
// bot and the fake Bot API: the group's status of a gathering whose date is still to choose
// ("c'est quand la galette ?") names it "Galette — date à choisir" when another galette is
// coming, and plainly when it is the only one; /evenement's list tells them apart the same
// way, and a scheduled one's status says its date.
import { describe, expect, it } from 'vitest';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { BOT, buttonsOf, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno } = people;

// A Thursday: 10 January 2027 is a Sunday.
const { chat, clock, group, h } = useLilasOnTelegram(database);
const { say, groupTexts } = chat;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** What the bot said in the group in answer to `text`. */
async function said(person: typeof alice, text: string): Promise<string> {
  const before = groupTexts().length;
  await say(person, text);
  return groupTexts().slice(before).join('\n');
}

const asked = `@${BOT.username} c'est quand la galette ?`;

describe('the status of two gatherings of the same name', () => {
  it('names each galette, the two whose date is to choose told apart by who started them and when', async () => {
    await say(alice, '/evenement galette sondage 09/01, 10/01');
    // Alone, it keeps its plain name.
    const alone = await said(bruno, asked);
    expect(alone).toMatch(/^📊 <b>Galette<\/b>\nLe sondage de dates est ouvert/);

    // Two days later, Alice starts another galette's poll: "c'est quand la galette ?" names
    // both (December 2026 tryout: one of them was picked), each by its poll's start.
    clock.advance(2 * DAY);
    await say(alice, '/evenement galette sondage 16/01, 17/01');
    const status = await said(bruno, asked);
    expect(status).toMatch(/^<b>Les prochaines sorties du groupe<\/b>\n/);
    expect(status).toContain(
      '• <b>Galette — date à choisir, sondage lancé par Alice le sam. 28 nov.</b> — Le sondage de dates est ouvert',
    );
    expect(status).toContain(
      '• <b>Galette — date à choisir, sondage lancé par Alice le jeu. 26 nov.</b> — Le sondage de dates est ouvert',
    );

    const listed = await said(bruno, '/evenement');
    expect(listed).toContain(
      '• <b>Galette — date à choisir, sondage lancé par Alice le sam. 28 nov.</b>',
    );
    expect(listed).toContain(
      '• <b>Galette — date à choisir, sondage lancé par Alice le jeu. 26 nov.</b>',
    );

    // The second one's date chosen: the answer names both, the scheduled one with its date,
    // its count and the command that answers it; the list tells the two apart.
    expect(await said(alice, '/evenement date galette1 17/01')).toContain(
      'dimanche 17 janvier 2027',
    );
    const scheduled = await said(bruno, asked);
    expect(scheduled).toContain(
      '• <b>Galette</b> — dimanche 17 janvier 2027 — ✅ 0 · 🤔 0 · ❌ 0 — je viens\u202f: /jeviens galette1',
    );
    expect(scheduled).toContain(
      '• <b>Galette — date à choisir</b> — Le sondage de dates est ouvert',
    );
    const both = await said(bruno, '/evenement');
    expect(both).toContain('• <b>Galette</b> — dimanche 17 janvier 2027');
    expect(both).toContain('• <b>Galette — date à choisir</b>');
  });

  it('tells two polls started the same day apart by their time, in the question which one too', async () => {
    await say(alice, '/evenement galette sondage 09/01, 10/01');
    clock.advance(90 * MINUTE);
    await say(alice, '/evenement galette sondage 16/01, 17/01');
    const listed = await said(bruno, '/evenement');
    expect(listed).toContain(
      '• <b>Galette — date à choisir, sondage lancé par Alice le jeu. 26 nov. à 11 h</b>',
    );
    expect(listed).toContain(
      '• <b>Galette — date à choisir, sondage lancé par Alice le jeu. 26 nov. à 12 h 30</b>',
    );
    // The question of which one to cancel says it too, and so do its buttons.
    const which = await said(alice, '/evenement annuler');
    expect(which).toContain(
      '• Galette (date à choisir, sondage lancé par Alice le jeu. 26 nov. à 12 h 30)\u202f: /evenement annuler galette1\n',
    );
    expect(buttonsOf(h.sentTo(group.id).at(-1)).map((b) => b.text)).toEqual([
      '❌ Galette — date à choisir, sondage lancé par Alice le jeu. 26 nov. à 12 h 30',
      '❌ Galette — date à choisir, sondage lancé par Alice le jeu. 26 nov. à 11 h',
    ]);
  });

  it('tells two polls started the same minute apart by the dates they propose', async () => {
    await say(alice, '/evenement galette sondage 09/01, 10/01');
    await say(alice, '/evenement galette sondage 16/01, 17/01');
    const listed = await said(bruno, '/evenement');
    expect(listed).toContain(
      '• <b>Galette — date à choisir, sondage\u202f: sam. 9 janv., dim. 10 janv.</b>',
    );
    expect(listed).toContain(
      '• <b>Galette — date à choisir, sondage\u202f: sam. 16 janv., dim. 17 janv.</b>',
    );
  });

  it('answers about the galette asked, named plainly next to a gathering of another name', async () => {
    await say(alice, '/evenement galette sondage 09/01, 10/01');
    await say(alice, '/evenement apéro sondage 16/01, 17/01');
    expect(await said(bruno, asked)).toMatch(/^📊 <b>Galette<\/b>\n/);
    expect(await said(bruno, `@${BOT.username} c'est quand l'apéro ?`)).toMatch(
      /^📊 <b>Apéro<\/b>\n/,
    );
  });
});
