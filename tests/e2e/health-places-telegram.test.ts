// Health words in the free text the group reads (December 2026 tryout), through the real bot
// and the fake Bot API: a gathering's place and rain place and an event's title and place are
// refused whole and nothing of them is kept; a bring-list item keeps what stands without its
// health part, and is refused when nothing does; a poster keeps its date and time and leaves
// off a place that speaks of health. Look-alikes (an "enceinte" for the music, a broken
// machine) are left alone. The rain place is said back as the rain fallback.
import { beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { uploadedBytes } from '../fakes/telegram-bot-api.ts';
import { readPdf } from '../handlers/kits/pdf/read-pdf.ts';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { BOT, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno } = people;

// A Thursday: "samedi" is 28 November 2026.
const { h, chat } = useLilasOnTelegram(database);
const { say, groupTexts, lastInGroup } = chat;

/** What the bot said in the group in answer to `text`. */
async function said(person: typeof alice, text: string): Promise<string[]> {
  const before = groupTexts().length;
  await say(person, text);
  return groupTexts().slice(before);
}

/** Every gathering's words and every item, as stored. */
async function stored(): Promise<string> {
  const gatherings = await queryRows(
    database.db,
    'SELECT title, place, rain_place FROM gatherings',
  );
  const items = await queryRows(database.db, 'SELECT label, note FROM gathering_items');
  return JSON.stringify([gatherings, items]);
}

const HEALTH = /diab|hôpital|chimio|gluten pour|enceinte de|sick|diabetes|embarazada/i;

describe('a gathering’s place and rain place', () => {
  it('refuses a place that speaks of health, keeps nothing of it, and says the rain fallback', async () => {
    await say(alice, '/fete 12/06/2027 19h');
    const refused = await said(alice, '/fete lieu chez Mme Martin, diabétique, 3e étage');
    expect(refused).toEqual([
      expect.stringContaining("Je ne mets dans l'annonce rien qui touche à la santé"),
    ]);
    expect(refused[0]).toContain('Donnez seulement le lieu');
    expect(refused[0]).not.toMatch(/Martin|diabétique|3e/);
    const rain = await said(
      alice,
      '/fete pluie salle commune, pour Paul qui est en fauteuil roulant',
    );
    expect(rain[0]).toContain("Je ne mets dans l'annonce rien qui touche à la santé");
    expect(rain[0]).not.toMatch(/Paul|fauteuil/);
    expect(await stored()).not.toMatch(/Martin|Paul|diab|fauteuil/);

    // A place like any other is noted; the rain place is said back as the fallback.
    await say(alice, '/fete lieu chez Mme Martin, 3e étage');
    expect(lastInGroup()).toContain('chez Mme Martin, 3e étage');
    const saved = await said(alice, '/fete pluie salle commune');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatch(/^C'est noté\. .*\n☔ Repli en cas de pluie\u202f: salle commune$/s);
    expect(await stored()).toContain('"rain_place":"salle commune"');
  });

  it('refuses an event whose title or place speaks of health, and creates nothing', async () => {
    const byTitle = await said(
      alice,
      "/evenement goûter pour Mme Martin qui sort de l'hôpital 12/12 16h cour",
    );
    expect(byTitle).toEqual([
      expect.stringContaining("Je ne mets dans l'annonce rien qui touche à la santé"),
    ]);
    expect(byTitle[0]).toContain('/evenement galette 10/01 16h salle commune');
    expect(byTitle[0]).not.toMatch(/Martin|hôpital/);
    const byPlace = await said(alice, '/evenement goûter 12/12 16h chez Paul, sous chimio');
    expect(byPlace[0]).toContain("Je ne mets dans l'annonce rien qui touche à la santé");
    expect(await queryRows(database.db, 'SELECT id FROM gatherings')).toEqual([]);

    // Created without them; then its place and rain place are checked the same way.
    await say(alice, '/evenement goûter 12/12 16h cour');
    expect(await stored()).toContain('"title":"goûter"');
    const moved = await said(alice, '/evenement lieu chez Paul (il est malade)');
    expect(moved[0]).toContain('Donnez seulement le lieu');
    const rain = await said(alice, '/evenement pluie hall');
    expect(rain[0]).toContain('☔ Repli en cas de pluie\u202f: hall');
    expect(await stored()).not.toMatch(/Paul|chimio|malade|Martin/);
  });

  it('says so in the group’s language', async () => {
    await say(alice, '/parametres langue en');
    await say(alice, '/event drinks 12/12 6pm courtyard');
    const refused = await said(alice, '/event place at Mrs Martin’s, she is sick');
    expect(refused).toEqual([
      expect.stringContaining('I put nothing about health in the announcement'),
    ]);
    expect(refused[0]).not.toMatch(/Martin|sick/);
    const rain = await said(alice, '/event rain hall');
    expect(rain[0]).toContain('☔ Fallback if it rains: hall');
    await say(alice, '/parametres langue es');
    const spanish = await said(alice, '/evenement lugar casa de Ana, está embarazada de 8 meses');
    expect(spanish[0]).toContain('No pongo en el anuncio nada sobre la salud');
    expect(await stored()).not.toMatch(/Martin|sick|Ana|embarazada/);
  });
});

describe('the bring list', () => {
  beforeEach(() => say(alice, '/evenement goûter 12/12 16h cour'));

  it('keeps an item without its health part, says why, and refuses an item that is only health', async () => {
    const brought = await said(bruno, '/japporte quiche sans gluten pour mon diabète');
    expect(brought).toHaveLength(1);
    expect(brought[0]).toContain('Merci Bruno\u202f! Vous apportez\u202f: quiche sans gluten.');
    expect(brought[0]).toContain(
      "🔒 Ce qui touche à la santé, je ne l'ai pas écrit sur la liste\u202f: tout le groupe la lit.",
    );
    expect(brought[0]).not.toContain('diabète');
    const added = await said(alice, '/liste ajouter 2 gâteaux (pour ma chimio)');
    expect(added[0]).toContain('Ajouté à la liste\u202f: n°2 gâteaux ×2.');
    expect(added[0]).toContain("je ne l'ai pas écrit sur la liste");
    expect(added[0]).not.toContain('chimio');

    const refused = await said(bruno, '/japporte mes médicaments pour le diabète');
    expect(refused).toEqual([
      expect.stringContaining('Je ne mets sur la liste rien qui touche à la santé'),
    ]);
    const refusedToo = await said(alice, '/liste ajouter (je suis diabétique)');
    expect(refusedToo[0]).toContain('Je ne mets sur la liste rien qui touche à la santé');

    await say(bruno, '/liste');
    expect(lastInGroup()).toContain('quiche sans gluten');
    expect(lastInGroup()).toContain('gâteaux');
    expect(lastInGroup()).not.toMatch(/diab|chimio|médicaments/);
    expect(await stored()).not.toMatch(/diab|chimio|médicaments/);
  });

  it('leaves look-alikes alone: a speaker for the music, a broken machine', async () => {
    const speaker = await said(bruno, '/japporte une enceinte');
    expect(speaker[0]).toContain('Vous apportez\u202f: une enceinte.');
    expect(speaker[0]).not.toContain('santé');
    const machine = await said(alice, '/liste ajouter une machine à pain (la mienne est cassée)');
    expect(machine[0]).toContain('une machine à pain');
    expect(machine[0]).not.toContain('santé');
    await say(bruno, '/liste');
    expect(lastInGroup()).toContain('une enceinte');
    expect(lastInGroup()).toContain('<i>(la mienne est cassée)</i>');
  });

  it('does the same in English and Spanish', async () => {
    await say(alice, '/parametres langue en');
    const english = await said(bruno, '/bring a gluten-free quiche for my diabetes');
    expect(english[0]).toContain('You bring: a gluten-free quiche.');
    expect(english[0]).toContain('I did not write anything about health on the list');
    expect(english[0]).not.toContain('diabetes');
    const onlyHealth = await said(bruno, '/bring my sick mother’s pills');
    expect(onlyHealth[0]).toContain('I put nothing about health on the list');
    await say(alice, '/parametres langue es');
    const spanish = await said(bruno, '/japporte una tarta sin azúcar para mi diabetes');
    expect(spanish[0]).toContain('una tarta sin azúcar');
    expect(spanish[0]).toContain('No he escrito en la lista nada sobre la salud');
    expect(spanish[0]).not.toContain('diabetes');
    expect(await stored()).not.toMatch(HEALTH);
  });
});

describe('a poster’s details', () => {
  /** The text of the last poster sent. */
  async function lastPoster(): Promise<string> {
    const call = h.fake
      .successfulCalls('sendDocument')
      .findLast((c) =>
        (c.params.document as { filename: string }).filename.endsWith('affiche.pdf'),
      )!;
    return (await readPdf(uploadedBytes(call.params.document)!)).text;
  }

  it('keeps the date and time and leaves off a place that speaks of health, saying so', async () => {
    const answer = await said(bruno, '/kit fete samedi 19h chez Mme Martin, diabétique, 3e étage');
    const back = answer.join('\n');
    expect(back).toContain(
      "J'ai mis sur l'affiche\u202f:\nDate\u202f: samedi 28 novembre 2026\nHeure\u202f: 19 h",
    );
    expect(back).not.toContain('Lieu\u202f:');
    expect(back).toContain("Je n'ai rien mis sur les documents de ce qui touche à la santé");
    expect(back).toContain('écrivez seulement le lieu après le nom du kit, par exemple');
    expect(back).not.toMatch(/Martin|diabétique/);
    const poster = await lastPoster();
    expect(poster).toContain('samedi 28 novembre 2026');
    expect(poster).not.toMatch(/Martin|diabétique/);

    // Without commas too (the tryout's poster lost its date and time).
    await say(bruno, '/kit fete samedi 19h chez Mme Martin diabétique');
    expect(lastInGroup()).toContain('Heure\u202f: 19 h');
    expect(lastInGroup()).not.toContain('Martin');
  });

  it('does so in English, and in a sentence whose other words speak of health', async () => {
    await say(alice, '/parametres langue en');
    const answer = await said(bruno, '/kit party saturday 7pm at my place, I am diabetic');
    expect(answer.join('\n')).toContain('Date: Saturday 28 November 2026\nTime: 19:00');
    expect(answer.join('\n')).toContain('I put nothing about health on the documents');
    expect(answer.join('\n')).not.toMatch(/my place|diabetic/);
    await say(alice, '/parametres langue fr');
    const sentence = await said(
      bruno,
      `@${BOT.username} le kit canicule pour ma voisine diabétique`,
    );
    expect(sentence.join('\n')).toContain(
      "Je n'ai rien mis sur les documents de ce qui touche à la santé",
    );
    expect(sentence.join('\n')).not.toMatch(/voisine|diabétique/);
  });
});
