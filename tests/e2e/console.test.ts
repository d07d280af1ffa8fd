// The terminal chat as a newcomer uses it: typed lines in, what the terminal shows out.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { findChat } from '../../db/queries/chats.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { runTerminalChat } from '../support/terminal-chat.ts';
import { readIcs } from '../support/read-ics.ts';

const database = useTestDatabase({ emptyBeforeEachTest: true });
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vsb-console-'));
  return () => rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the terminal chat over typed lines; returns everything it printed. */
const chat = (lines: string[], options: { database?: Database } = {}) =>
  runTerminalChat(dataDir, lines, options);

describe('terminal chat', () => {
  it('plays a group where the first neighbour is the admin, with numbered choices', async () => {
    const out = await chat(
      [
        '/aide',
        '/parametres',
        '2',
        '/parametres',
        '42',
        ':moi Bruno',
        '/parametres',
        'il fait beau',
        '/quit',
      ],
      { database },
    );
    expect(out).toContain('Vous êtes dans le groupe «\u202fRésidence des Lilas\u202f»');
    expect(out).toContain('Je suis le bot Voisins solidaires');
    expect(out).toContain('Ce que je sais faire');
    expect(out).toMatch(/ {3}1\. immeuble\n {3}2\. rue\n {3}3\. quartier/);
    expect(out).toContain('Type\u202f: rue');
    // Answered, Alice's settings are over: shown again, they start at 1 again.
    expect(out).not.toContain('10. immeuble');
    expect(out).toContain('Répondez par un numéro entre 1 et 9.');
    expect(out).toContain('[Résidence des Lilas] Bruno ›');
    expect(out).toContain('seuls les administrateurs');
    expect(out).not.toContain("Je n'ai pas bien compris"); // chatter is not for the bot
    expect(out).toContain('À bientôt\u202f!');
    expect((await findChat(database.db, 'console', 'residence-des-lilas'))?.groupKind).toBe('rue');
  });

  it('answers a menu quoted with :repondre against that menu only', async () => {
    const out = await chat(
      [
        '/fete 28/05 19h',
        '/evenement galette 10/01 16h',
        ':moi Bruno',
        ':repondre 3 9',
        ':repondre 2 1',
        '/quit',
      ],
      { database },
    );
    // The fête's RSVP is the bot's message 2, the galette's message 3, each numbered from 1.
    expect(out).toMatch(/🏠 Résidence des Lilas · bot · message 3\n📅 Galette/);
    // Bruno quotes the galette's menu with a number it does not have: its own numbers.
    expect(out).toContain('Répondez par un numéro entre 1 et 6.');
    expect(out).not.toContain('vous venez (Galette');
    // Quoting the fête, "1" answers the fête, though the galette is newer.
    expect(out).toContain("C'est noté, Bruno\u202f: vous venez (Fête des voisins 2027).");
    expect(out).toContain(':repondre 7 2');
  });

  it("prints the bot's hints in the group's language", async () => {
    const out = await chat(['/langue en', '/kits', '/quit'], { database });
    expect(out).toContain('(answer with the number of your choice)');
    expect(out).not.toContain('(répondez par le numéro de votre choix)');
  });

  it('says how to answer a distress offer in the language the distress was written in', async () => {
    const out = await chat(['bot não consigo respirar', '/quit'], { database });
    expect(out).toContain('Sim, avise-os\n   (responda com o número da sua escolha)');
    expect(out).not.toContain('Sim, avise-os\n   (répondez par le numéro de votre choix)');
  });

  it('opens a private chat where personal data is shown and saved as a file', async () => {
    const out = await chat(['/mesdonnees', ':prive', '/mesdonnees', ':groupe', '/quit'], {
      database,
    });
    expect(out).toContain('écrivez-moi en message privé');
    expect(out).toContain('🔒 privé avec Alice · bot');
    expect(out).toContain('Nom affiché\u202f: Alice');
    const file = join(dataDir, 'documents', 'mes-donnees.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      you: { displayName: 'Alice' },
    });
  });

  it('saves the calendar file of a gathering, asked by its number then privately', async () => {
    // A date a fortnight ahead of the machine's clock, whatever day the test runs.
    const ahead = new Date(Date.now() + 14 * 86_400_000);
    const day = `${ahead.getUTCDate()}/${ahead.getUTCMonth() + 1}`;
    const out = await chat(
      [`/evenement Apéro ${day} 19h au jardin`, '5', ':prive', '/agenda', ':groupe', '/quit'],
      { database },
    );
    expect(out).toMatch(/ {3}5\. 📅 Ajouter à mon agenda/);
    expect(out).toContain(
      "Pour recevoir le fichier d'agenda, écrivez-moi en message privé\u202f: /agenda",
    );
    const file = join(dataDir, 'documents', 'apero.ics');
    expect(out).toContain(file);
    const event = readIcs(readFileSync(file));
    expect(event).toMatchObject({ summary: 'Apéro', location: 'jardin', tzid: 'Europe/Paris' });
    expect(event.start).toMatch(/T19:00:00$/);
  });

  it('shows what people type as they typed it, markup included, and refuses oversized input', async () => {
    const out = await chat(
      ['/parametres nom <b>Les Lilas</b> & Cie', `/aide ${'x'.repeat(5000)}`],
      { database },
    );
    expect(out).toContain('Nom\u202f: <b>Les Lilas</b> & Cie');
    expect(out).toContain('Votre message est trop long');
  });

  it('keeps its data in the embedded database across restarts, and leaves on Ctrl-D', async () => {
    const first = await chat(['/parametres cp 69003']); // input ends: Ctrl-D
    expect(first).toContain('Je suis le bot Voisins solidaires');
    expect(first).toContain('À bientôt\u202f!');
    expect(existsSync(join(dataDir, 'pglite'))).toBe(true);
    const second = await chat(['/parametres', '/quit']);
    expect(second).not.toContain('Je suis le bot Voisins solidaires'); // introduced once only
    expect(second).toContain('Commune\u202f: 69003 — Lyon 3e Arrondissement, Rhône (69)');
  });

  it('offers help to neighbours not yet seen in the group, asked plainly, privately or in the group', async () => {
    const out = await chat(
      [
        // Chloé has never written in the group: privately, the bot finds her there.
        ':moi Chloé',
        ':prive',
        "j'aurais besoin d'un coup de main samedi",
        ':moi Djamel',
        "comment on fait pour avoir de l'aide pour mes courses",
        ':groupe',
        ':moi Bruno',
        "bot je voudrais que quelqu'un m'aide à porter mes courses",
        'bot wach kayn chi wahd y3awni',
        '/quit',
      ],
      { database },
    );
    // What the bot said after each typed line: the text between one prompt and the next.
    const answers = out.split(/\[[^\]\n]+\] \S+ › /).slice(1);
    const [chloe, djamel, bruno, arabizi] = [answers[2], answers[4], answers[7], answers[8]];
    expect(out).not.toContain('Je ne vous vois dans aucun groupe');
    expect(chloe).toContain('De quel genre de coup de main s');
    // A question about asking is not the need itself: the bot asks for the need.
    expect(djamel).toContain('Décrivez votre besoin en un message');
    expect(bruno).toContain("J'ai noté votre demande");
    expect(arabizi).toContain("J'ai noté votre demande");
    expect(out).not.toContain("Je n'ai pas bien compris");
    // All three are now known in the group: a need can be published there.
    const members = await queryRows<{ display_name: string }>(
      database.db,
      `SELECT p.display_name FROM chat_members m JOIN people p ON p.id = m.person_id
       JOIN chats c ON c.id = m.chat_id WHERE c.external_id = 'residence-des-lilas'
       ORDER BY p.display_name`,
    );
    expect(members.map((m) => m.display_name)).toEqual(['Alice', 'Bruno', 'Chloé', 'Djamel']);
  });

  it('asks which commune a postcode means with numbered choices, and takes a typed name', async () => {
    const out = await chat(
      [
        '/parametres cp 01000',
        '3',
        '2',
        '/parametres cp 51300',
        '/parametres cp 51300 luxemont',
        '/quit',
      ],
      { database },
    );
    expect(out).toContain(
      'Le code postal 01000 couvre plusieurs communes. Laquelle est celle du groupe\u202f?',
    );
    expect(out).toMatch(/ {3}1\. Bourg-en-Bresse \(01\)\n {3}2\. Saint-Denis-lès-Bourg \(01\)\n/);
    expect(out).toContain('Répondez par un numéro entre 1 et 2.');
    expect(out).toContain("C'est noté\u202f: 01000 — Saint-Denis-lès-Bourg, Ain (01).");
    // 51300 covers 46 communes: eight numbered, the others by name.
    expect(out).toMatch(/ {3}8\. [^\n]+ \(51\)\n(?! {3}9\.)/);
    expect(out).toContain('Voici les 8 plus peuplées sur 46.');
    expect(out).toContain("C'est noté\u202f: 51300 — Luxémont-et-Villotte, Marne (51).");
    expect(await findChat(database.db, 'console', 'residence-des-lilas')).toMatchObject({
      postcode: '51300',
      communeInsee: '51334',
      departement: '51',
    });
  });
});
