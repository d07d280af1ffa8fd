// Two coming gatherings of the same name on Telegram (December 2026 tryout), through the real
// bot and the fake Bot API: the group's status of a gathering whose date is still to choose
// ("c'est quand la galette ?") names it "Galette — date à choisir" when another galette is
// coming, and plainly when it is the only one; /evenement's list tells them apart the same
// way, and a scheduled one's status says its date.
import { describe, expect, it } from 'vitest';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { BOT, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno } = people;

// A Thursday: 10 January 2027 is a Sunday.
const { chat } = useLilasOnTelegram(database);
const { say, groupTexts } = chat;

/** What the bot said in the group in answer to `text`. */
async function said(person: typeof alice, text: string): Promise<string> {
  const before = groupTexts().length;
  await say(person, text);
  return groupTexts().slice(before).join('\n');
}

const asked = `@${BOT.username} c'est quand la galette ?`;

describe('the status of two gatherings of the same name', () => {
  it('names a galette whose date is to choose apart from another galette', async () => {
    await say(alice, '/evenement galette sondage 09/01, 10/01');
    // Alone, it keeps its plain name.
    const alone = await said(bruno, asked);
    expect(alone).toMatch(/^📊 <b>Galette<\/b>\nLe sondage de dates est ouvert/);

    await say(alice, '/evenement galette sondage 16/01, 17/01');
    const status = await said(bruno, asked);
    expect(status).toMatch(/^📊 <b>Galette — date à choisir<\/b>\nLe sondage de dates est ouvert/);
    expect(status).toMatch(/• samedi (?:9|16) janvier 2027\u202f: 0 vote/);

    const listed = await said(bruno, '/evenement');
    expect(listed.match(/• <b>Galette — date à choisir<\/b>/g)).toHaveLength(2);

    // The second one's date chosen: its status says it; the list tells the two apart.
    expect(await said(alice, '/evenement date galette1 17/01')).toContain(
      'dimanche 17 janvier 2027',
    );
    const scheduled = await said(bruno, asked);
    expect(scheduled).toMatch(/^📅 <b>Galette<\/b> — dimanche 17 janvier 2027/);
    const both = await said(bruno, '/evenement');
    expect(both).toContain('• <b>Galette</b> — dimanche 17 janvier 2027');
    expect(both).toContain('• <b>Galette — date à choisir</b>');
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
