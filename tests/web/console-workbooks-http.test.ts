// Every table of a page in one file, .xlsx (Excel) or .ods (LibreOffice), over plain HTTP: a
// city's for its staff (the watch's for its CCAS only), the national page's for the
// association only, each sheet holding the very cells of the table's CSV export.
import { describe, expect, it } from 'vitest';
import { asCsvCells, readOds } from '../support/read-ods.ts';
import { readWorkbook } from '../support/read-xlsx.ts';
import {
  ADMIN,
  addStaff,
  createPerson,
  loginOverHttp,
  seedPartner,
  seedRollups,
  useConsoleHarness,
  type HttpSession,
} from './console-harness.ts';

const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const h = useConsoleHarness();

async function twoCities() {
  const lyon = await seedPartner(h, 'Lyon 1er', ['69381'], ['Pentes']);
  const villeurbanne = await seedPartner(h, 'Villeurbanne', ['69266']);
  await seedRollups(h, [
    ['insee:69381', '2026', 'groups:immeuble', 12],
    ['insee:69381', '2026', 'groups:rue', 3],
    ['insee:69381', '2025', 'groups:immeuble', 7],
    ['insee:69381', '2026', 'kit:canicule', 9],
    ['insee:69381', '2026-07', 'kit:canicule', 6],
    ['insee:69381', '2026-08', 'kit:canicule', 3],
    ['insee:69381', '2026', 'service:bricolage', 8],
    ['insee:69381', '2026', 'watch:round', 40],
    ['insee:69381', '2026', 'watch:answered_2h', 30],
    ['insee:69266', '2026', 'groups:immeuble', 55],
    ['insee:69266', '2026', 'watch:round', 77],
    ['dep:69', '2026', 'groups:immeuble', 80],
    ['dep:69', '2026', 'groups:rue', 3],
    ['dep:69', '2026-07', 'kit:canicule', 20],
    ['dep:13', '2026', 'groups:rue', 7],
  ]);
  return { lyon, villeurbanne };
}

/** A CSV export's cells (its byte order mark and line ends gone). */
async function csvOf(session: HttpSession, path: string): Promise<string[][]> {
  const answer = await session.get(path);
  expect(answer.status, path).toBe(200);
  return (await answer.text())
    .replace(/^\ufeff/, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(';'));
}

async function download(session: HttpSession, path: string, type: string) {
  const answer = await session.get(path);
  expect(answer.status, path).toBe(200);
  expect(answer.headers.get('content-type')).toBe(type);
  return {
    bytes: new Uint8Array(await answer.arrayBuffer()),
    disposition: answer.headers.get('content-disposition'),
  };
}

describe("a city's workbooks", () => {
  it('gives its staff every table as .ods, the cells of each CSV, the watch to the CCAS only', async () => {
    const alice = await createPerson(h, 'Alice');
    const bob = await createPerson(h, 'Bob');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'ccas');
    await addStaff(h, lyon, bob, 'agent');
    const ccas = await loginOverHttp(h, alice);
    const page = await (await ccas.get(`/console/villes/${lyon}?annee=2026`)).text();
    expect(page).toContain(`href="/console/villes/${lyon}/export/chiffres.ods?annee=2026"`);
    expect(page).toContain(`href="/console/villes/${lyon}/export/chiffres.xlsx?annee=2026"`);
    expect(page).toContain('tableur .ods, pour LibreOffice');

    const file = await download(
      ccas,
      `/console/villes/${lyon}/export/chiffres.ods?annee=2026`,
      ODS,
    );
    expect(file.disposition).toBe(`attachment; filename="chiffres-${lyon}-2026.ods"`);
    const { sheets } = readOds(file.bytes);
    expect(sheets.map((s) => s.name)).toEqual([
      'Groupes de voisins',
      'Rencontres, entraide et…',
      'Kits remis',
      'Services rendus entre voisins',
      'Veille canicule et grand froid',
      'Par quartier',
    ]);
    const ids = ['groupes', 'activite', 'kits', 'entraide', 'veille', 'quartiers'];
    for (const [i, id] of ids.entries()) {
      const csv = await csvOf(ccas, `/console/villes/${lyon}/export/${id}.csv?annee=2026`);
      expect(asCsvCells(sheets[i]!), id).toEqual(csv);
    }
    // 12 buildings and 3 streets in 2026: the 3 reads "moins de 5", and the 12 is hidden with
    // it (the total would give it back); 2025's 7 buildings are a number.
    expect(asCsvCells(sheets[0]!).slice(1, 3)).toEqual([
      ['Immeubles', 'masqué', '7'],
      ['Rues', 'moins de 5', '0'],
    ]);
    expect(sheets[0]!.rows[1]![2]).toMatchObject({ type: 'float', value: '7' });
    expect(sheets[0]!.rows[1]![1]).toMatchObject({ type: 'string', value: undefined });

    const agent = await loginOverHttp(h, bob);
    const agentSheets = readOds(
      (await download(agent, `/console/villes/${lyon}/export/chiffres.ods?annee=2026`, ODS)).bytes,
    ).sheets;
    expect(agentSheets.map((s) => s.name)).not.toContain('Veille canicule et grand froid');
    expect(agentSheets.map((s) => s.name)).toContain('Groupes de voisins');
  });

  it("never gives another city's workbook, nor a file it does not make", async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon, villeurbanne } = await twoCities();
    await addStaff(h, lyon, alice, 'ccas');
    const session = await loginOverHttp(h, alice);
    for (const path of [
      `/console/villes/${villeurbanne}/export/chiffres.ods`,
      `/console/villes/${villeurbanne}/export/chiffres.xlsx?annee=2026`,
      `/console/villes/${lyon}/export/chiffres.odt`,
      `/console/villes/${lyon}/export/chiffres.ods.csv`,
      `/console/villes/${lyon}/export/Chiffres.ods`,
      `/console/villes/${lyon}/export/chiffres.xlsx.ods`,
      `/console/villes/${lyon}/export/veille.ods`,
      '/console/national/export/chiffres.ods?annee=2026',
      '/console/national/export/chiffres.xlsx?annee=2026',
    ]) {
      const answer = await session.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).toMatch(/^text\/html/);
      // The page's CSRF token is random, and may hold "55".
      const text = (await answer.text()).replaceAll(session.csrf, '');
      expect(text, path).not.toContain('55');
    }
    // Without a session: the login page, not a file.
    const anonymous = await fetch(`${h.base}/console/villes/${lyon}/export/chiffres.ods`);
    expect(anonymous.status).toBe(401);
  });

  it('reads right to left in Arabic', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'agent');
    const session = await loginOverHttp(h, alice);
    await session.post('/console/langue', { lang: 'ar', back: `/console/villes/${lyon}` });
    const { sheets } = readOds(
      (await download(session, `/console/villes/${lyon}/export/chiffres.ods?annee=2026`, ODS))
        .bytes,
    );
    expect(sheets[0]!.name).toBe('مجموعات الجيران');
    expect(sheets.every((s) => s.rightToLeft)).toBe(true);
  });
});

describe("the national page's workbooks", () => {
  it('gives the association its four tables as .xlsx and .ods, the cells of each CSV', async () => {
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    await twoCities();
    const session = await loginOverHttp(h, admin);
    const page = await (await session.get('/console/national?annee=2026&indicateur=kits')).text();
    const query = '?annee=2026&indicateur=kits';
    expect(page).toContain(
      `href="/console/national/export/chiffres.ods?annee=2026&amp;indicateur=kits"`,
    );
    expect(page).toContain(
      `href="/console/national/export/chiffres.xlsx?annee=2026&amp;indicateur=kits"`,
    );

    const ods = await download(session, `/console/national/export/chiffres.ods${query}`, ODS);
    expect(ods.disposition).toBe('attachment; filename="chiffres-national-2026-kits.ods"');
    const xlsx = await download(session, `/console/national/export/chiffres.xlsx${query}`, XLSX);
    expect(xlsx.disposition).toBe('attachment; filename="chiffres-national-2026-kits.xlsx"');
    const odsSheets = readOds(ods.bytes).sheets;
    const xlsxSheets = readWorkbook(xlsx.bytes);
    expect(odsSheets.map((s) => s.name)).toEqual(Object.keys(xlsxSheets));
    expect(odsSheets).toHaveLength(4);
    const ids = ['departements', 'kits', 'villes', 'hors-villes'];
    for (const [i, id] of ids.entries()) {
      const csv = await csvOf(session, `/console/national/export/${id}.csv${query}`);
      expect(asCsvCells(odsSheets[i]!), id).toEqual(csv);
      expect(Object.values(xlsxSheets)[i], id).toEqual(csv);
    }
    // The kits of July nationally, and the groups outside partner cities in the Rhône
    // (83 there, 15 + 55 of them in partner cities).
    expect(asCsvCells(odsSheets[1]!)[1]).toEqual(expect.arrayContaining(['20']));
    expect(asCsvCells(odsSheets[3]!)).toContainEqual(['Rhône (69)', '13']);
  });

  it('gives it to nobody else', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'ccas');
    const session = await loginOverHttp(h, alice);
    for (const path of [
      'chiffres.ods',
      'chiffres.xlsx',
      'chiffres.ods?annee=2026&indicateur=kits',
    ]) {
      const answer = await session.get(`/console/national/export/${path}`);
      expect(answer.status, path).toBe(404);
      expect(await answer.text(), path).not.toContain('Rhône');
    }
    expect((await fetch(`${h.base}/console/national/export/chiffres.ods`)).status).toBe(401);
  });
});
