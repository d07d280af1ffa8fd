// A partner city on the kits' printed documents, through the real bot and the fake Bot API:
// in a group of Lyon 3e, whose commune is also covered by the metropolis (both set a CCAS
// number), `/kit grand-froid` sends PDFs that give Lyon 3e's CCAS number (the commune's own,
// not the metropolis's), how to register someone, and the city's line for the grand froid,
// as the chat summary does; `/kit fete` prints the city's line for the fête des voisins; a
// group outside any partner city gets the national documents.
// Each PDF is read with poppler's pdftotext, as a person copying it would; the pages are also
// rendered with pdftoppm into tmp/kit-screenshots/ to be looked at.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveProgrammeLine } from '../../db/queries/city-programme.ts';
import { createPartner, saveCcasSettings } from '../../db/queries/partners.ts';
import { uploadedBytes } from '../fakes/telegram-bot-api.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { filenameOf, groupChat, people } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';

const artefacts = join(import.meta.dirname, '../../tmp/kit-screenshots');
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const database = useTestDatabase();
beforeAll(() => {
  mkdirSync(artefacts, { recursive: true });
});

const lyonGroup = groupChat(-100301, 'Résidence Garibaldi');
const parisGroup = groupChat(-100302, 'Rue de la Roquette');
const { alice, bruno } = people;

const h = useTelegramHarness(database, {
  webhook: true,
  clock: createTestClock('2026-12-06T12:00:00Z'),
});
const { say, documentsTo } = createTelegramChat(h, lyonGroup);

/** The text of a group's document named `file`, as pdftotext reads it (white space as one). */
function pdfText(chatId: number, file: string): string {
  const call = documentsTo(chatId).find((c) => filenameOf(c) === file);
  const bytes = uploadedBytes(call?.params.document);
  if (!bytes) throw new Error(`no ${file} sent to ${chatId}`);
  const path = join(artefacts, `${chatId}-${file}`);
  writeFileSync(path, bytes);
  execFileSync('pdftoppm', ['-png', '-r', '60', path, path.replace(/\.pdf$/, '')]);
  return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe.skipIf(!hasPoppler)('a partner city on the printed kits', () => {
  it("prints the commune's own CCAS number and the city's line on the grand froid kit", async () => {
    const db = database.db;
    const metropole = await createPartner(db, {
      name: 'Métropole de Lyon',
      communes: ['69381', '69383', '69266'],
      quartiers: [],
    });
    const lyon3 = await createPartner(db, { name: 'Lyon 3e', communes: ['69383'], quartiers: [] });
    await saveCcasSettings(db, metropole, { ccasPhone: '0472000000', ccasRegistryHowto: null });
    await saveCcasSettings(db, lyon3, {
      ccasPhone: '0478123456',
      ccasRegistryHowto: 'appelez-nous ou passez au 18 rue Servient.',
    });
    await saveProgrammeLine(db, {
      partnerId: lyon3,
      moment: 'grand-froid',
      line: 'la salle Garibaldi est ouverte aux voisins les jours de grand froid.',
      now: new Date('2026-12-01T09:00:00Z'),
    });
    h.fake.setChatMember(lyonGroup.id, alice.id, 'administrator');
    h.fake.setChatMember(parisGroup.id, alice.id, 'administrator');
    await say(alice, '/parametres cp 69003', lyonGroup);
    await say(alice, '/parametres cp 75011', parisGroup);

    await say(bruno, '/kit grand-froid', lyonGroup);
    const summary = h
      .sentTo(lyonGroup.id)
      .map((c) => (typeof c.params.text === 'string' ? c.params.text : ''))
      .find((text) => text.includes('CCAS de Lyon 3e'));
    expect(summary).toContain('04\u00a078\u00a012\u00a034\u00a056');

    const tips = pdfText(lyonGroup.id, 'grand-froid-conseils.pdf');
    expect(tips).toContain('CCAS de Lyon 3e : 04 78 12 34 56');
    expect(tips).toContain('Lyon 3e : la salle Garibaldi est ouverte aux voisins');
    expect(tips).toContain('passez au 18 rue Servient');
    const poster = pdfText(lyonGroup.id, 'grand-froid-affiche.pdf');
    expect(poster).toContain('04 78 12 34 56');
    expect(poster).toContain('CCAS de Lyon 3e');
    expect(poster).toContain('la salle Garibaldi');
    const flyer = pdfText(lyonGroup.id, 'grand-froid-mot-boites-aux-lettres.pdf');
    expect(flyer).toContain('CCAS de Lyon 3e : 04 78 12 34 56');
    for (const text of [tips, poster, flyer]) expect(text).not.toContain('04 72 00 00 00');

    // The fête des voisins: the city's line on the poster and the invitation, no CCAS.
    await saveProgrammeLine(db, {
      partnerId: lyon3,
      moment: 'fete-des-voisins',
      line: 'la mairie prête tables et chaises : 04 72 10 30 30',
      now: new Date('2026-12-01T09:00:00Z'),
    });
    await say(bruno, '/kit fete', lyonGroup);
    for (const file of ['fete-des-voisins-affiche.pdf', 'fete-des-voisins-invitation.pdf']) {
      const text = pdfText(lyonGroup.id, file);
      expect(text, file).toContain('Lyon 3e : la mairie prête tables et chaises');
      expect(text, file).not.toContain('04 78 12 34 56');
    }

    // Outside any partner city: the national documents, the generic CCAS wording only.
    await say(bruno, '/kit grand-froid', parisGroup);
    const national = pdfText(parisGroup.id, 'grand-froid-conseils.pdf');
    expect(national).toContain('CCAS');
    expect(national).not.toContain('04 78');
    expect(national).not.toContain('Garibaldi');
  }, 120_000);
});
