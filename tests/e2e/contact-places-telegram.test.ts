// Phone numbers, e-mail addresses and links in a gathering's place (December 2026), through the
// real bot and the fake Bot API: the place and rain place of a fête or an event, and the place
// typed when creating an event, go into the group's announcement, the reminders and everyone's
// calendar file. As on posters and bring lists, they are refused whole, kindly, with an example
// place, and nothing is stored. Look-alikes (a room number, a street number, a date) pass.
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice } = people;

const { chat } = useLilasOnTelegram(database);
const { say, groupTexts, lastInGroup } = chat;

/** What the bot said in the group in answer to `text`. */
async function said(text: string): Promise<string[]> {
  const before = groupTexts().length;
  await say(alice, text);
  return groupTexts().slice(before);
}

/** Every gathering's words, as stored. */
async function stored(): Promise<string> {
  return JSON.stringify(
    await queryRows(database.db, 'SELECT title, place, rain_place FROM gatherings'),
  );
}

const REFUSED = "Je ne mets dans l'annonce ni numéro de téléphone, ni adresse e-mail, ni lien";
const CONTACTS = /06|12 34|marie|lilas-fete|example|http/i;

describe('a gathering’s place holding contact details', () => {
  it('refuses a phone number, an e-mail address and a link in the place and rain place', async () => {
    await say(alice, '/fete 12/06/2027 19h');
    const phone = await said('/fete lieu chez Marie, appelez le 06 12 34 56 78');
    expect(phone).toHaveLength(1);
    expect(phone[0]).toContain(REFUSED);
    expect(phone[0]).toContain('Donnez seulement le lieu, par exemple');
    expect(phone[0]).toContain('cour intérieure, salle commune');
    expect(phone[0]).not.toMatch(/Marie|06 12/);

    const email = await said('/fete pluie salle commune, écrire à marie.dupont@example.fr');
    expect(email).toEqual([expect.stringContaining(REFUSED)]);
    expect(email[0]).not.toContain('marie.dupont');
    const link = await said('/fete lieu cour, plan sur https://lilas-fete.example.org/plan');
    expect(link).toEqual([expect.stringContaining(REFUSED)]);
    const bareLink = await said('/fete pluie voir lilas-fete.fr');
    expect(bareLink).toEqual([expect.stringContaining(REFUSED)]);
    const international = await said('/fete lieu hall, +33 6 12 34 56 78');
    expect(international).toEqual([expect.stringContaining(REFUSED)]);
    expect(await stored()).not.toMatch(CONTACTS);
    expect(await stored()).toContain('"place":null,"rain_place":null');
  });

  it('refuses them in an event’s place when creating it, and creates nothing', async () => {
    const created = await said('/evenement apéro 12/12 19h chez Marie 0612345678');
    expect(created).toEqual([expect.stringContaining(REFUSED)]);
    const linked = await said('/evenement apéro 12/12 19h www.lilas-fete.example.org');
    expect(linked).toEqual([expect.stringContaining(REFUSED)]);
    expect(await queryRows(database.db, 'SELECT id FROM gatherings')).toEqual([]);

    await say(alice, '/evenement apéro 12/12 19h cour');
    const moved = await said('/evenement lieu contact : marie@lilas.fr');
    expect(moved).toEqual([expect.stringContaining(REFUSED)]);
    const rain = await said('/evenement pluie hall (06.12.34.56.78)');
    expect(rain).toEqual([expect.stringContaining(REFUSED)]);
    expect(await stored()).toBe('[{"title":"apéro","place":"cour","rain_place":null}]');
  });

  it('says so in the group’s language', async () => {
    await say(alice, '/parametres langue en');
    await say(alice, '/event drinks 12/12 6pm courtyard');
    const refused = await said('/event place call me on 07 98 76 54 32');
    expect(refused).toEqual([
      expect.stringContaining('I put no phone number, e-mail address or link in the announcement'),
    ]);
    expect(refused[0]).toContain('courtyard, common room');
    expect(await stored()).not.toContain('07 98');
  });

  it('lets look-alikes through: a room number, a street number, a date', async () => {
    await say(alice, '/fete 12/06/2027 19h');
    await say(alice, '/fete lieu salle 12, bâtiment B');
    expect(lastInGroup()).toContain('salle 12, bâtiment B');
    await say(alice, '/fete pluie au 14 rue des Lilas');
    expect(lastInGroup()).toContain('☔ Repli en cas de pluie\u202f: 14 rue des Lilas');
    await say(alice, '/evenement goûter 12/12 16h cour, le 06 12 on verra');
    expect(lastInGroup()).not.toContain(REFUSED);
    const rows = await stored();
    expect(rows).toContain('"place":"salle 12, bâtiment B","rain_place":"14 rue des Lilas"');
    expect(rows).toContain('"place":"cour, le 06 12 on verra"');
  });
});
