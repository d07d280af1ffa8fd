// Names people and partners chose, as hostile as they come (markup, "&", quotes, direction
// marks, 300 characters, a spreadsheet formula), shown by the console as text and never as
// markup, written in its CSV exports without becoming a formula, and typed as text in its
// .xlsx and .ods workbooks. A group's name reaches the city's page only (its admins chose
// "visible par la mairie"), never an export: the exports' names are the partners' and their
// quartiers'.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../web/html.ts';
import { readOds } from '../support/read-ods.ts';
import { readWorkbook } from '../support/read-xlsx.ts';
import {
  ADMIN,
  addStaff,
  createPerson,
  loginOverHttp,
  seedGroup,
  seedPartner,
  seedRollups,
  useConsoleHarness,
  type HttpSession,
} from './console-harness.ts';

const h = useConsoleHarness();

const GROUP_NAMES = [
  '<script>alert("groupe")</script>',
  'Tom & Jerry <b>gras</b> &amp;',
  '"Les Lilas" l\'immeuble <img src=x onerror=alert(1)>',
  '\u202eseliL\u202c sed \u200fعمارة الياسمين\u200f',
  `Résidence ${'très longue '.repeat(25)}`.slice(0, 300),
];

const FORMULAS = [
  '=HYPERLINK("http://evil.example","clic")',
  '+33 6 12 34 56 78',
  '-1+2',
  '@SUM(A1:A2)',
];
const QUARTIER_NAMES = [...FORMULAS, '<script>alert("quartier")</script>', 'Tom & Jerry <b>'];

async function hostileCity() {
  const city = await seedPartner(h, '=1+1 <b>Ville</b>', ['69381'], QUARTIER_NAMES);
  for (const name of GROUP_NAMES) await seedGroup(h, { name, insee: '69381', visibleToCity: true });
  await seedRollups(h, [['insee:69381', '2026', 'groups:immeuble', 12]]);
  const alice = await createPerson(h, 'Alice');
  await addStaff(h, city, alice, 'ccas');
  return { city, session: await loginOverHttp(h, alice) };
}

async function bytesOf(session: HttpSession, path: string): Promise<Uint8Array> {
  const answer = await session.get(path);
  expect(answer.status, path).toBe(200);
  return new Uint8Array(await answer.arrayBuffer());
}

describe('hostile names in the console', () => {
  it("shows a city's group and quartier names as text, never as markup", async () => {
    const { city, session } = await hostileCity();
    const page = await (await session.get(`/console/villes/${city}?annee=2026`)).text();
    for (const name of [...GROUP_NAMES, ...QUARTIER_NAMES]) {
      expect(page, name).toContain(escapeText(name));
    }
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<b>gras');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(&quot;groupe&quot;)&lt;/script&gt;');
    // "&amp;" typed in a name is shown as typed, not as "&".
    expect(page).toContain('Tom &amp; Jerry &lt;b&gt;gras&lt;/b&gt; &amp;amp;');
    expect(page).toContain('&quot;Les Lilas&quot; l&#39;immeuble');
  });

  it('writes names in a CSV export as text, a formula never as a formula', async () => {
    const { city, session } = await hostileCity();
    const csv = new TextDecoder().decode(
      await bytesOf(session, `/console/villes/${city}/export/quartiers.csv?annee=2026`),
    );
    // An apostrophe first, as spreadsheets read it (OWASP's advice for CSV injection); quotes
    // doubled inside a quoted field. A CSV is not HTML: markup is written as typed.
    for (const label of [
      `"'=HYPERLINK(""http://evil.example"",""clic"")"`,
      "'+33 6 12 34 56 78",
      "'-1+2",
      "'@SUM(A1:A2)",
      '"<script>alert(""quartier"")</script>"',
      'Tom & Jerry <b>',
    ]) {
      expect(csv, label).toContain(`\r\n${label};`);
    }
    for (const line of csv.replace(/^\ufeff/, '').split('\r\n')) {
      expect(line, line).not.toMatch(/^"?[=+\-@]/);
    }
    // A group's name is never in an export, even one its admins showed to the city.
    for (const file of ['groupes', 'activite', 'kits', 'entraide', 'veille', 'quartiers']) {
      const text = new TextDecoder().decode(
        await bytesOf(session, `/console/villes/${city}/export/${file}.csv?annee=2026`),
      );
      for (const mark of ['alert("groupe")', 'Jerry <b>gras', 'Les Lilas', 'seliL']) {
        expect(text, file).not.toContain(mark);
      }
    }
  });

  it('types names as text in the .xlsx and .ods workbooks, with no formula', async () => {
    const { city, session } = await hostileCity();
    const xlsx = await bytesOf(session, `/console/villes/${city}/export/chiffres.xlsx?annee=2026`);
    const sheets = readWorkbook(xlsx);
    const quartiers = sheets['Par quartier']!.map((row) => row[0]);
    // Read back through the shared strings: a string cell, each name exactly as typed.
    for (const name of QUARTIER_NAMES) expect(quartiers, name).toContain(name);
    const files = unzipSync(xlsx);
    for (const [path, data] of Object.entries(files)) {
      if (path.startsWith('xl/worksheets/')) expect(strFromU8(data), path).not.toMatch(/<f[ >]/);
    }
    expect(JSON.stringify(sheets)).not.toContain('alert(\\"groupe');

    const ods = await bytesOf(session, `/console/villes/${city}/export/chiffres.ods?annee=2026`);
    const sheet = readOds(ods).sheets.find((s) => s.name === 'Par quartier')!;
    for (const name of QUARTIER_NAMES) {
      expect(
        sheet.rows.map((r) => r[0]),
        name,
      ).toContainEqual(expect.objectContaining({ type: 'string', text: name }));
    }
    expect(strFromU8(unzipSync(ods)['content.xml']!)).not.toContain('table:formula');
  });

  it("writes the partners' names in the national CSV export without a formula", async () => {
    await hostileCity();
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const session = await loginOverHttp(h, admin);
    const csv = new TextDecoder().decode(
      await bytesOf(session, '/console/national/export/villes.csv?annee=2026'),
    );
    expect(csv).toContain("\r\n'=1+1 <b>Ville</b>;");
    expect(csv).not.toMatch(/\r\n=/);
  });
});
