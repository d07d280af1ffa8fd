// A date poll in the terminal chat, where a poll is a numbered list and a vote a typed
// number: the hint names the numbers shown, a vote counts for as long as the poll is open,
// counts are said with their plurals, and a number sent after the poll closed is told so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../bot/config.ts';
import { createApp, type App } from '../../bot/create-app.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createMemoryLogger, createTestClock } from '../support/test-deps.ts';

const database = useTestDatabase({ emptyBeforeEachTest: true });
const clock = createTestClock('2026-11-26T10:00:00Z');
const [alice, bruno, chloe, djamel] = ['1', '2', '3', '4'];
let app: App;
let printed = '';
let dataDir: string;

beforeEach(async () => {
  clock.restart();
  dataDir = mkdtempSync(join(tmpdir(), 'vsb-console-polls-'));
  const output = new PassThrough();
  printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  app = await createApp(parseConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), {
    database,
    clock,
    logger: createMemoryLogger(),
    terminal: { input: new PassThrough(), output, color: false },
    scheduler: false,
  });
  await app.start();
  await app.console!.join();
});
afterEach(async () => {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** What the terminal printed for this line, the bot's answers only. */
async function say(who: string, text: string): Promise<string> {
  const before = printed.length;
  await app.console!.say(who, 'group', text);
  return printed.slice(before);
}

describe('a date poll in the terminal chat', () => {
  it('takes "1 3" as a vote in the poll of several answers, not in a newer one-answer menu', async () => {
    // Tryout: after the galette's announcement (one answer each) came under the fête's date
    // poll, "1 3" (as the poll asks) got "Répondez par un numéro entre 1 et 6".
    await say(alice, '/fete');
    await say(alice, '/evenement galette 10/01 16h salle commune');
    expect(await say(djamel, '1 3')).toContain(
      'Vote noté, Djamel\u202f: ven. 28 mai, ven. 4 juin.',
    );
  });

  it('numbers the poll from 1 under an open list, with its own numbers in the hint', async () => {
    await say(alice, '/evenement galette 10/01 16h salle commune');
    const poll = await say(alice, '/fete');
    expect(poll).toContain('   1. vendredi 28 mai 2027 — date nationale');
    expect(poll).toContain('   3. vendredi 4 juin 2027');
    expect(poll).toContain('par exemple\u202f: 1 3\u202f;');
    expect(await say(bruno, '/fete')).toContain("Personne n'a encore voté.");

    // The poll is the latest list: its "2" is a vote, not the galette's second answer.
    expect(await say(bruno, '2')).toContain('Vote noté, Bruno\u202f: sam. 29 mai.');
    // Hours later (long after an ordinary menu's time), the poll still takes votes.
    clock.advance(3 * 3600_000);
    expect(await say(chloe, '2')).toContain('Vote noté, Chloé\u202f: sam. 29 mai.');
    expect(await say(bruno, '/fete')).toContain('2 voisins ont voté.');

    const closed = await say(alice, '/fete clore');
    expect(closed).toContain(
      'ce sera le samedi 29 mai 2027 (2 votes, 2 votants). Merci à toutes et à tous\u202f!',
    );
    // The poll waits for nobody now: the announcement's numbers start at 1 again.
    expect(closed).toContain('   1. ✅ Je viens');

    // The announcement's own numbers answer it.
    expect(await say(djamel, '1')).toContain(
      "C'est noté, Djamel\u202f: vous venez (Fête des voisins 2027).",
    );
    // Once the announcement's time is over, a number of the closed poll, by anyone, each
    // time: the poll is closed, and the date.
    clock.advance(3600_000);
    const late = 'Le sondage de dates est clos. La date retenue\u202f: samedi 29 mai 2027.';
    expect(await say(bruno, '2')).toContain(late);
    expect(await say(chloe, '3')).toContain(late);
    expect(printed).not.toContain('entre 1 et');
  });

  it('reads "1" after the kit list and then a poll as the poll\'s first date (tryout)', async () => {
    const kits = await say(bruno, '/kits');
    expect(kits).toMatch(/^ {3}1\. /m);
    expect(kits).toMatch(/^ {3}12\. /m);
    const kitsMessage = /bot · message (\d+)/.exec(kits)![1]!;
    const poll = await say(alice, '/fete');
    // The poll, the latest list, starts at 1 too: what people read is what they type.
    expect(poll).toContain('   1. vendredi 28 mai 2027 — date nationale');
    const sent = printed.length;
    expect(await say(chloe, '1')).toContain('Vote noté, Chloé\u202f: ven. 28 mai.');
    // No kit was sent for it.
    expect(printed.slice(sent)).not.toContain('📎');
    // A number the poll does not have still answers the kit list, the only list that has it.
    expect(await say(djamel, '7')).toContain('📎');
    // The kit list's "1", quoting it, is the kit, not a vote.
    const quoted = printed.length;
    await app.console!.say(djamel, 'group', '1', kitsMessage);
    expect(printed.slice(quoted)).not.toContain('Vote noté');
    expect(await say(bruno, '/fete')).toContain('1 voisin a voté.');
  });

  it('asks which list a number is for when only older lists have it, naming them', async () => {
    await say(bruno, '/kits');
    await say(alice, '/evenement galette 10/01 16h salle commune');
    await say(alice, '/fete');
    // "5": the poll (1–3) has no 5; the kit list and the galette's answers both have one.
    const asked = await say(chloe, '5');
    expect(asked).toContain('Chloé, vous avez répondu «\u202f5\u202f». À quelle liste\u202f?');
    expect(asked).toContain("   1. l'annonce de «\u202fGalette\u202f» (je viens, peut-être…)");
    expect(asked).toContain('   2. la liste des kits');
    expect(asked).not.toMatch(/Vote noté|C'est noté|📎/);
    // Her "5" goes to the list she names by its number: the fifth kit.
    expect(await say(chloe, '2')).toContain('📎');
  });

  it('asks whether a number answers the bring list or the date poll, then applies it there', async () => {
    await say(alice, '/fete');
    await say(alice, '/evenement galette 10/01 16h salle commune');
    await say(alice, '/liste galette ajouter 2 galettes');
    await say(alice, '/liste galette ajouter cidre');
    expect(await say(bruno, '/liste galette')).toContain("   2. J'apporte\u202f: cidre");
    await say(alice, '/liste galette ajouter gobelets');
    // "2": not on the newest list (gobelets); the bring list, the galette's answers and the
    // fête's poll all have one. The poll first (tryout: with more lists, it fell off the end).
    const asked = await say(bruno, '2');
    expect(asked).toContain('Bruno, vous avez répondu «\u202f2\u202f». À quelle liste\u202f?');
    expect(asked).toContain('   1. le sondage de date de «\u202fFête des voisins 2027\u202f»');
    expect(asked).toContain(
      '   2. la liste «\u202fqui apporte quoi\u202f» de «\u202fGalette\u202f»',
    );
    expect(asked).toContain("   3. l'annonce de «\u202fGalette\u202f» (je viens, peut-être…)");
    expect(await say(bruno, '1')).toContain('Vote noté, Bruno\u202f: sam. 29 mai.');
    // Asked again, the bring list: cidre.
    await say(bruno, '2');
    expect(await say(bruno, '2')).toContain('Vous apportez\u202f: cidre');
  });

  it('says one voter and one vote in the singular', async () => {
    await say(alice, '/fete');
    expect(await say(bruno, '2')).toContain('Vote noté, Bruno');
    expect(await say(bruno, '/fete')).toContain('1 voisin a voté.');
    expect(await say(alice, '/fete clore')).toContain('(1 vote, 1 votant)');
  });
});
