// What people type after /kit and /fete, through the real bot and the fake Bot API, read back
// on the posters (pdf.js): parts of the day and spans of hours are the time, never the place;
// a date alone leaves the time and place to write by hand; "29-05" and ISO dates are dates;
// each kit's examples are of its season (tryout).
import { describe, expect, it } from 'vitest';
import { uploadedBytes } from '../fakes/telegram-bot-api.ts';
import { readPdf, readPdfPages } from '../handlers/kits/pdf/read-pdf.ts';
import { useLilasOnTelegram } from '../support/telegram-e2e.ts';
import { people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';

const database = useTestDatabase();
const { alice, bruno } = people;

// A Thursday: "samedi" is 28 November 2026.
const { h, chat } = useLilasOnTelegram(database);
const { say, lastInGroup, cancel } = chat;

/** The text of the last document whose file name ends with `suffix`. */
async function lastDocument(suffix: string): Promise<string> {
  const call = h.fake
    .successfulCalls('sendDocument')
    .findLast((c) => (c.params.document as { filename: string }).filename.endsWith(suffix))!;
  return (await readPdf(uploadedBytes(call.params.document)!)).text;
}

describe('the hours on a poster', () => {
  it.each([
    ['samedi soir', 'en soirée'],
    ['samedi en soirée', 'en soirée'],
    ['samedi à partir de 19h', 'à partir de 19 h'],
    ['samedi de 19h à 23h', 'de 19 h à 23 h'],
    ['samedi 19h-23h', 'de 19 h à 23 h'],
    ['samedi 7h du soir', '19 h'],
    ["samedi en fin d'après-midi", "en fin d'après-midi"],
    ['samedi le midi', '12 h'],
  ])('/kit fete %s: "%s" on the Heure line, never the place', async (typed, hours) => {
    await say(bruno, `/kit fete ${typed}`);
    expect(lastInGroup()).toBe(
      `J'ai mis sur l'affiche\u202f:\nDate\u202f: samedi 28 novembre 2026\nHeure\u202f: ${hours}`,
    );
    const poster = await lastDocument('affiche.pdf');
    expect(poster).toContain(`Heure ${hours}`);
    // The place is left to write by hand.
    expect(poster).toContain('Lieu :');
  });

  it('prints no phone number nor link from whoever asked, and no "pour" before the place (tryout)', async () => {
    const sent = h.fake.successfulCalls('sendDocument').length;
    await say(bruno, '/kit fete samedi 19h cour https://evil.example appelez le 0899123456');
    expect(lastInGroup()).toContain("Je n'imprime sur l'affiche ni numéro de téléphone");
    expect(h.fake.successfulCalls('sendDocument')).toHaveLength(sent);
    await say(bruno, '/kit fete pour samedi chez Mme Martin au 3e');
    expect(lastInGroup()).toContain('Lieu\u202f: chez Mme Martin au 3e');
    expect(await lastDocument('affiche.pdf')).not.toContain('pour chez');
  });

  it('reads them in English too, and keeps a place typed after them', async () => {
    await say(alice, '/parametres langue en');
    await say(bruno, '/kit party saturday evening courtyard');
    expect(lastInGroup()).toBe(
      'On the poster I put:\nDate: Saturday 28 November 2026\nTime: in the evening\nPlace: courtyard',
    );
    await say(bruno, '/kit party saturday from 7pm to 11pm');
    expect(lastInGroup()).toBe(
      'On the poster I put:\nDate: Saturday 28 November 2026\nTime: 19:00 to 23:00',
    );
    await say(bruno, '/kit party saturday 7 in the evening');
    expect(lastInGroup()).toBe(
      'On the poster I put:\nDate: Saturday 28 November 2026\nTime: 19:00',
    );
  });

  it('/evenement and /fete read them the same way: the start is kept, nothing becomes the place', async () => {
    await say(alice, '/evenement Apéro 12/12 en soirée cour intérieure');
    expect(lastInGroup()).toMatch(
      /<b>Apéro<\/b>\s?:\s?samedi 12 décembre 2026, cour intérieure\./u,
    );
    await say(alice, '/fete 29/05 de 19h à 23h');
    expect(chat.groupTexts().join('\n')).toContain('samedi 29 mai 2027, 19 h');
  });
});

describe('a poster with only its date', () => {
  it('keeps the lines to write the time and the place by hand, on the poster and the invitation', async () => {
    await say(bruno, '/kit fete 12/12');
    const poster = await lastDocument('affiche.pdf');
    expect(poster).toContain('samedi 12 décembre 2026');
    expect(poster).toContain('Heure :');
    expect(poster).toContain('Lieu :');
    const invitation = await lastDocument('invitation.pdf');
    expect(invitation).toContain('Heure :');
    expect(invitation).toContain('Lieu :');
    // With the time given, only the place is left to write.
    await say(bruno, '/kit fete 12/12 19h');
    const timed = await lastDocument('affiche.pdf');
    expect(timed).not.toContain('Heure :');
    expect(timed).toContain('Lieu :');
  });
});

describe('dates written with dashes', () => {
  it('reads 29-05, ISO dates and lists of them in /fete and /kit; a date that cannot be is said so', async () => {
    await say(alice, '/fete 2027-06-04, 2027-06-05');
    const poll = h.fake.successfulCalls('sendPoll').at(-1)!;
    expect((poll.params.options as { text: string }[]).map((o) => o.text)).toEqual([
      'vendredi 4 juin 2027',
      'samedi 5 juin 2027',
    ]);
    await cancel(alice, '/fete annuler');
    await say(alice, '/fete le 29\u201105');
    expect(chat.groupTexts().join('\n')).toContain('samedi 29 mai 2027');
    await say(bruno, '/kit fete 2027-06-04 19h');
    expect(await lastDocument('affiche.pdf')).toContain('vendredi 4 juin 2027');
    await say(bruno, '/kit galette 2027-13-04');
    expect(lastInGroup()).toContain("Cette date n'existe pas");
  });
});

describe('the words around the documents', () => {
  it("shows each kit's example with a date of its season", async () => {
    await say(bruno, '/kit noel 31/02');
    expect(lastInGroup()).toBe(
      "Cette date n'existe pas. Écrivez-la jour/mois, par exemple\u202f: /kit noel 15/12 19h cour intérieure",
    );
    await say(bruno, '/kit canicule 25h');
    expect(lastInGroup()).toContain('/kit canicule 15/07 19h');
    await say(bruno, '/kit grand froid 01/01/2020');
    expect(lastInGroup()).toContain('/kit froid 15/01 19h');
    await say(bruno, '/kit fete 31/02');
    expect(lastInGroup()).toContain('/kit fete 28/05 19h');
    await say(alice, '/parametres langue en');
    await say(bruno, '/kit christmas 31/02');
    expect(lastInGroup()).toContain('/kit noel 15/12 19h courtyard');
  });

  it("signs the documents with the group's name without guessing its article, in every language", async () => {
    // The lead-in is a phrase of its own, the name on the line below it (the sheets' heading
    // puts its QR code's caption between them when read as text).
    const expected = {
      fr: ['Organisé par les voisins', 'Pour les voisins'],
      en: ['Organised by the neighbours', 'For the neighbours'],
      es: ['Organizado por los vecinos', 'Para los vecinos'],
      pt: ['Organizado pelos vizinhos', 'Para os vizinhos'],
      tr: ['Komşular tarafından düzenlendi', 'Komşular için'],
    };
    for (const [language, [poster, sheet]] of Object.entries(expected)) {
      await say(alice, `/parametres langue ${language}`);
      await say(bruno, '/kit galette');
      const texts = await Promise.all(
        h.fake
          .successfulCalls('sendDocument')
          .slice(-3)
          .map(async (c) => (await readPdf(uploadedBytes(c.params.document)!)).text),
      );
      const all = texts.join('\n');
      expect(all, language).toContain(`${poster!} Résidence des Lilas`);
      expect(all, language).toContain(sheet!);
      expect(all, language).not.toMatch(/ (?:de|of|dos|de los|del|da|do)\s+(?:\S+\s+)?Résidence/u);
    }
  });

  it('does not say "two per page" of the large-print invitation, which has one copy', async () => {
    const before = h.fake.successfulCalls('sendDocument').length;
    await say(bruno, '/kit fete gros caractères');
    const invitation = h.fake
      .successfulCalls('sendDocument')
      .slice(before)
      .find((c) => (c.params.document as { filename: string }).filename.includes('invitation'))!;
    expect(invitation.params.caption).toBe(
      "L'invitation, à glisser dans les boîtes aux lettres. Version en gros caractères.",
    );
    // One copy: its headline once (its reply slip may take a second page).
    const { text } = await readPdf(uploadedBytes(invitation.params.document)!);
    expect(text.split('Vous êtes invités')).toHaveLength(2);
    await say(bruno, '/kit fete');
    const standard = h.fake.successfulCalls('sendDocument').at(-4)!;
    expect(standard.params.caption).toContain('deux par page');
  });
});

describe('the documents of a variant (tryout)', () => {
  /** The documents sent since `before`: file name, caption, and each page's text. */
  async function sentSince(before: number) {
    return Promise.all(
      h.fake
        .successfulCalls('sendDocument')
        .slice(before)
        .map(async (c) => ({
          file: (c.params.document as { filename: string }).filename,
          caption: String(c.params.caption),
          pages: await readPdfPages([uploadedBytes(c.params.document)!]),
        })),
    );
  }

  it('puts the date, time and place on the first page of the large-print fête poster, in French and Arabic', async () => {
    let before = h.fake.successfulCalls('sendDocument').length;
    await say(bruno, '/kit fete 28/05 19h cour intérieure gros caractères');
    let poster = (await sentSince(before)).find((d) => d.file.includes('affiche'))!;
    expect(poster.file).toBe('fete-des-voisins-affiche-gros-caracteres.pdf');
    for (const detail of ['vendredi 28 mai 2027', '19 h', 'cour intérieure'])
      expect(poster.pages[0], detail).toContain(detail);

    await say(alice, '/parametres langue ar');
    before = h.fake.successfulCalls('sendDocument').length;
    await say(bruno, '/kit fete 28/05 19h cour intérieure gros caractères');
    poster = (await sentSince(before)).find((d) => d.file.includes('ملصق'))!;
    // Arabic glyphs do not read back in order: the year and the time, in Latin digits.
    expect(poster.pages[0]).toContain('2027');
    expect(poster.pages[0]).toContain('19:00');
  });

  it('names the easy-to-read canicule documents for what they are: no invitation, "facile à lire"', async () => {
    const before = h.fake.successfulCalls('sendDocument').length;
    await say(bruno, '/kit canicule facile à lire');
    const sent = await sentSince(before);
    expect(sent.map((d) => d.file)).toContain('canicule-mot-boites-aux-lettres-facile-a-lire.pdf');
    const flyer = sent.find((d) => d.file.includes('mot-boites-aux-lettres'))!;
    expect(flyer.caption).toBe('Le mot pour les boîtes aux lettres. Version facile à lire.');
    for (const { file, caption } of sent) {
      expect(caption, file).toMatch(/Version facile à lire\.$/);
      expect(`${file} ${caption}`, file).not.toMatch(/invitation|gros caract/i);
    }
  });

  it('writes an Arabic time as 16:00 in the chat and on the poster alike', async () => {
    await say(alice, '/parametres langue ar');
    await say(bruno, '/kit fete 28/05 16h cour intérieure');
    expect(lastInGroup()).toContain('16:00');
    const poster = (await lastDocument('ملصق.pdf')).replace(/\s+/g, ' ');
    expect(poster).toContain('16:00');
    expect(poster).not.toMatch(/16 ?h\b/);
  });
});
