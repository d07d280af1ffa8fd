// The console over plain HTTP: login links, sessions, CSRF, who sees what, the figures and
// their CSV exports compared with the rollups seeded in the database.
import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  addStaff,
  createPerson,
  loginLink,
  loginOverHttp,
  seedGroup,
  seedPartner,
  seedRollups,
  useConsoleHarness,
} from './console-harness.ts';
import { NATIONAL_FIGURES_TTL_MS } from '../../web/pages/national.ts';
import { CITY_FIGURES_TTL_MS } from '../../web/pages/city.ts';
import { addPartnerCommunes, addQuartiers } from '../../db/queries/partners.ts';
import { chats, partnerStaff } from '../../db/schema.ts';
import { and, eq } from 'drizzle-orm';
import { readWorkbook } from '../support/read-xlsx.ts';

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
    ['insee:69381', '2026', 'watch:escalation:1', 6],
    ['insee:69266', '2026', 'groups:immeuble', 55],
    ['insee:69266', '2026', 'watch:round', 77],
  ]);
  await seedGroup(h, { name: 'Résidence des Capucins', insee: '69381', visibleToCity: true });
  await seedGroup(h, { name: 'Secret de la rue Burdeau', insee: '69381', visibleToCity: false });
  return { lyon, villeurbanne };
}

describe('login links', () => {
  it('shows a button on GET without using the link, and opens a session on POST, once', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'agent');
    const link = await loginLink(h, alice);
    for (let i = 0; i < 2; i++) {
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Se connecter');
    }
    const token = new URL(link).searchParams.get('token')!;
    const first = await fetch(`${h.base}/console/login`, {
      method: 'POST',
      body: new URLSearchParams({ token }),
      redirect: 'manual',
    });
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/console/);
    const again = await fetch(`${h.base}/console/login`, {
      method: 'POST',
      body: new URLSearchParams({ token }),
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('/console');
    expect((await fetch(link)).status).toBe(400);
  });

  it('refuses an expired or unknown link, and sends people back to the bot', async () => {
    const alice = await createPerson(h, 'Alice');
    const link = await loginLink(h, alice);
    h.clock.advance(11 * 60_000);
    const page = await fetch(link);
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/Envoyez de nouveau \/console au bot/);
    expect((await fetch(`${h.base}/console/login?token=nope`)).status).toBe(400);
  });

  it('ends a session at its absolute expiry (12 h) however busy, and at logout', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'agent');
    const session = await loginOverHttp(h, alice);
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      h.clock.advance(25 * 60_000);
      expect((await session.get(`/console/villes/${lyon}`)).status, `${minutes} min`).toBe(200);
    }
    h.clock.advance(25 * 60_000);
    expect((await session.get(`/console/villes/${lyon}`)).status).toBe(401);

    h.clock.set('2026-11-26T09:00:00Z');
    const next = await loginOverHttp(h, alice);
    const out = await next.post('/console/deconnexion', {});
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/vs_console=;/);
    expect((await next.get(`/console/villes/${lyon}`)).status).toBe(401);
  });

  it('ends a session after 30 idle minutes', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'agent');
    const session = await loginOverHttp(h, alice);
    h.clock.advance(29 * 60_000);
    expect((await session.get(`/console/villes/${lyon}`)).status).toBe(200);
    h.clock.advance(31 * 60_000);
    expect((await session.get(`/console/villes/${lyon}`)).status).toBe(401);
  });
});

describe('forms', () => {
  it('refuses a POST without the session CSRF token', async () => {
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const session = await loginOverHttp(h, admin);
    const form = { name: 'Bron', communes: '69029', quartiers: '' };
    const forged = await session.post('/console/partenaires', form, false);
    expect(forged.status).toBe(403);
    const wrong = await session.post('/console/partenaires', { ...form, _csrf: 'x' }, false);
    expect(wrong.status).toBe(403);
    const ok = await session.post('/console/partenaires', form);
    expect(ok.status).toBe(303);
  });

  it('refuses a body larger than any form', async () => {
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const session = await loginOverHttp(h, admin);
    const huge = await session.post('/console/partenaires', {
      name: 'Bron',
      communes: '69029\n'.repeat(20_000),
    });
    expect(huge.status).toBe(413);
  });

  it('refuses unknown INSEE codes by name, and makes invitations', async () => {
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const session = await loginOverHttp(h, admin);
    const refused = await session.post('/console/partenaires', {
      name: 'Bron',
      communes: '69029, 99999\n12AB3',
      quartiers: '',
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('99999, 12AB3');
    const created = await session.post('/console/partenaires', {
      name: 'Bron',
      communes: '69029',
      quartiers: 'Terraillon\nParilly',
    });
    const path = created.headers.get('location')!;
    const id = path.split('/').at(-1)!;
    const invited = await session.post(`/console/partenaires/${id}/invitations`, { role: 'ccas' });
    const page = await invited.text();
    expect(page).toMatch(/https:\/\/t\.me\/voisins_bot\?start=staff-[\w-]{43}/);
    // Its end, as French writes times (it was "à 10:00").
    expect(page).toContain('3 décembre 2026 à 10 h');
    expect(page).not.toMatch(/à \d\d:\d\d/);
  });
});

describe('a partner city created in the console', () => {
  it('shows its groups at once, not after the hourly recount (tryout)', async () => {
    for (let i = 0; i < 6; i++) {
      await seedGroup(h, { name: `Rue ${i}`, insee: '69029', visibleToCity: false });
    }
    await seedGroup(h, { name: 'Ailleurs', insee: '69266', visibleToCity: false });
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const session = await loginOverHttp(h, admin);
    const created = await session.post('/console/partenaires', {
      name: 'Bron',
      communes: '69029',
      quartiers: 'Terraillon',
    });
    const id = created.headers.get('location')!.split('/').at(-1)!;
    const csv = new TextDecoder().decode(
      await (
        await session.get(`/console/villes/${id}/export/groupes.csv?annee=2026`)
      ).arrayBuffer(),
    );
    expect(csv.split('\r\n')).toEqual([
      'Type de groupe;2026;2025',
      'Immeubles;0;0',
      'Rues;0;0',
      'Quartiers;0;0',
      'Type non précisé;6;0',
      'Total;6;0',
      '',
    ]);
    const page = await (await session.get(`/console/villes/${id}`)).text();
    expect(page).not.toContain("Pas encore d'activité");
  });
});

describe('who sees what', () => {
  it('shows a city its figures, with the anonymity rule, and only the groups that chose it', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'agent');
    const session = await loginOverHttp(h, alice);
    const page = await (await session.get(`/console/villes/${lyon}?annee=2026`)).text();
    expect(page).toContain('Résidence des Capucins');
    expect(page).not.toContain('Burdeau');
    expect(page).toContain('Grand froid');
    // groups:rue 3 → fewer than 5; the column total (15) is shown, so the next smallest
    // cell of the column (immeuble 12) is hidden too.
    expect(page).toContain('moins de 5');
    expect(page).toContain('masqué');
    // The agent does not see the watch.
    expect(page).not.toContain('Veille canicule');
    expect((await session.get(`/console/villes/${lyon}/export/veille.csv`)).status).toBe(404);
  });

  it('exports the same protected figures as CSV for French Excel', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'ccas');
    const session = await loginOverHttp(h, alice);
    const answer = await session.get(`/console/villes/${lyon}/export/groupes.csv?annee=2026`);
    expect(answer.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await answer.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes.slice(3));
    expect(csv.split('\r\n')).toEqual([
      'Type de groupe;2026;2025',
      'Immeubles;masqué;7',
      'Rues;moins de 5;0',
      'Quartiers;0;0',
      'Type non précisé;0;0',
      'Total;15;7',
      '',
    ]);
    const kits = new TextDecoder().decode(
      await (await session.get(`/console/villes/${lyon}/export/kits.csv?annee=2026`)).arrayBuffer(),
    );
    // August (3) is fewer than 5; the year's total (9) is shown, so July is hidden too.
    expect(kits).toContain('Canicule;0;0;0;0;0;0;masqué;moins de 5;0;0;0;0;9;0\r\n');
    const watch = await (
      await session.get(`/console/villes/${lyon}/export/veille.csv?annee=2026`)
    ).text();
    expect(watch).toContain('Tournées d\u2019appel envoyées;40;0'.replace('\u2019', "'"));
    const page = await (await session.get(`/console/villes/${lyon}`)).text();
    expect(page).toContain('Veille canicule');
    expect(page).toMatch(/75\s*%/);
  });

  it('exports every table as one .xlsx workbook, with the same protected cells as the CSV', async () => {
    const alice = await createPerson(h, 'Alice');
    const bob = await createPerson(h, 'Bob');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'ccas');
    await addStaff(h, lyon, bob, 'agent');
    const ccas = await loginOverHttp(h, alice);
    const page = await (await ccas.get(`/console/villes/${lyon}?annee=2026`)).text();
    expect(page).toContain(`/console/villes/${lyon}/export/chiffres.xlsx?annee=2026`);
    const answer = await ccas.get(`/console/villes/${lyon}/export/chiffres.xlsx?annee=2026`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const sheets = readWorkbook(new Uint8Array(await answer.arrayBuffer()));
    expect(Object.keys(sheets)).toContain('Veille canicule et grand froid');
    const groups = sheets['Groupes de voisins']!;
    const csv = new TextDecoder()
      .decode(
        new Uint8Array(
          await (
            await ccas.get(`/console/villes/${lyon}/export/groupes.csv?annee=2026`)
          ).arrayBuffer(),
        ).slice(3),
      )
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(';'));
    expect(groups).toEqual(csv);
    // An agent's workbook has no watch sheet.
    const agent = await loginOverHttp(h, bob);
    const agentSheets = readWorkbook(
      new Uint8Array(
        await (
          await agent.get(`/console/villes/${lyon}/export/chiffres.xlsx?annee=2026`)
        ).arrayBuffer(),
      ),
    );
    expect(Object.keys(agentSheets)).not.toContain('Veille canicule et grand froid');
    expect(Object.keys(agentSheets)).toContain('Groupes de voisins');
  });

  it('never shows partner B to partner A: by URL, export or forged parameters', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon, villeurbanne } = await twoCities();
    await addStaff(h, lyon, alice, 'ccas');
    const session = await loginOverHttp(h, alice);
    const unknown = await session.get('/console/villes/999999');
    expect(unknown.status).toBe(404);
    const paths = [
      `/console/villes/${villeurbanne}`,
      `/console/villes/${villeurbanne}?annee=2026`,
      `/console/villes/${villeurbanne}/export/groupes.csv`,
      `/console/villes/${villeurbanne}/export/veille.csv`,
      `/console/villes/${villeurbanne}%20`,
      `/console/villes/0${villeurbanne}`,
      `/console/villes/${lyon},${villeurbanne}`,
      `/console/partenaires/${villeurbanne}`,
      '/console/partenaires',
      '/console/national',
      '/console/national/export/villes.csv',
    ];
    for (const path of paths) {
      const answer = await session.get(path);
      expect(answer.status, path).toBe(404);
      // The page's CSRF token is random, and may hold "55" or "77".
      const text = (await answer.text()).replaceAll(session.csrf, '');
      expect(text).not.toContain('Villeurbanne');
      expect(text).not.toContain('55');
      expect(text).not.toContain('77');
    }
    const forged = await session.post(`/console/partenaires/${villeurbanne}/invitations`, {
      role: 'ccas',
    });
    expect(forged.status).toBe(404);
  });

  it('refuses a removed staff member at their next request', async () => {
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'agent');
    const aliceSession = await loginOverHttp(h, alice);
    expect((await aliceSession.get(`/console/villes/${lyon}`)).status).toBe(200);
    const adminSession = await loginOverHttp(h, admin);
    const removed = await adminSession.post(
      `/console/partenaires/${lyon}/equipe/${alice}/retirer`,
      {},
    );
    expect(removed.status).toBe(303);
    expect((await aliceSession.get(`/console/villes/${lyon}`)).status).toBe(404);
    expect((await aliceSession.get(`/console/villes/${lyon}/export/groupes.csv`)).status).toBe(404);
  });

  it('gives the association every city and the national page', async () => {
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const { villeurbanne } = await twoCities();
    await seedRollups(h, [
      ['dep:69', '2026', 'groups:immeuble', 80],
      ['dep:69', '2026-07', 'kit:canicule', 20],
      ['dep:13', '2026', 'groups:rue', 7],
    ]);
    const session = await loginOverHttp(h, admin);
    expect((await session.get(`/console/villes/${villeurbanne}`)).status).toBe(200);
    const national = await session.get('/console/national?annee=2026');
    expect(national.status).toBe(200);
    const text = await national.text();
    expect(text).toContain('Rhône (69)');
    expect(text).toContain('CC BY 4.0');
    const outside = await (
      await session.get('/console/national/export/hors-villes.csv?annee=2026')
    ).text();
    // 80 groups in the Rhône, 15 + 55 of them in partner cities.
    expect(outside).toContain('Rhône (69);10\r\n');
    expect(outside).toContain('Total;17\r\n');
  });

  it('keeps the national page a minute, each administrator with their own session in its frame', async () => {
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    // Another year than the other tests' (the console app, and its minute, are shared).
    await seedRollups(h, [['dep:69', '2025', 'groups:immeuble', 80]]);
    const first = await loginOverHttp(h, admin);
    const second = await loginOverHttp(h, admin);
    expect(first.csrf).not.toBe(second.csrf);
    const before = await (await first.get('/console/national?annee=2025')).text();
    expect(before).toContain('Rhône (69)');
    await seedRollups(h, [['dep:13', '2025', 'groups:rue', 7]]);
    h.clock.advance(NATIONAL_FIGURES_TTL_MS - 1_000);
    const kept = await (await second.get('/console/national?annee=2025')).text();
    expect(kept).not.toContain('Bouches-du-Rhône (13)');
    expect(kept).toContain(`value="${second.csrf}"`);
    expect(kept).not.toContain(first.csrf);
    h.clock.advance(2_000);
    const fresh = await (await first.get('/console/national?annee=2025')).text();
    expect(fresh).toContain('Bouches-du-Rhône (13)');
    expect(fresh).toContain(`value="${first.csrf}"`);
  });

  it('shows an encouraging empty page for a city with nothing yet, and the current year for an unknown one', async () => {
    const alice = await createPerson(h, 'Alice');
    const empty = await seedPartner(h, 'Bron', ['69029']);
    await addStaff(h, empty, alice, 'agent');
    const session = await loginOverHttp(h, alice);
    const answer = await session.get(`/console/villes/${empty}?annee=1850`);
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).toContain('Pas encore d');
    expect(text).toContain('voici l');
  });

  it('switches the language for the session', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'agent');
    const session = await loginOverHttp(h, alice);
    const switched = await session.post('/console/langue', {
      lang: 'en',
      back: `/console/villes/${lyon}`,
    });
    expect(switched.status).toBe(303);
    expect(switched.headers.get('location')).toBe(`/console/villes/${lyon}`);
    const text = await (await session.get(`/console/villes/${lyon}`)).text();
    expect(text).toContain('fewer than 5');
    expect(text).toContain('lang="en"');
  });

  it('speaks all six languages, Arabic right to left with Western digits', async () => {
    const alice = await createPerson(h, 'Alice');
    const { lyon } = await twoCities();
    await addStaff(h, lyon, alice, 'agent');
    const session = await loginOverHttp(h, alice);
    const page = async (lang: string) => {
      await session.post('/console/langue', { lang, back: `/console/villes/${lyon}` });
      return (await session.get(`/console/villes/${lyon}?annee=2026`)).text();
    };
    const headings = {
      fr: 'Groupes de voisins',
      en: 'Neighbours',
      ar: 'مجموعات الجيران',
      pt: 'Grupos de vizinhos',
      es: 'Grupos de vecinos',
      tr: 'Komşu grupları',
    };
    for (const [lang, heading] of Object.entries(headings)) {
      const text = await page(lang);
      expect(text, lang).toContain(`lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"`);
      expect(text, lang).toContain(heading);
      // The switch offers the five other languages, each named in itself.
      expect(text.match(/<button type="submit" name="lang"/g), lang).toHaveLength(5);
    }
    const arabic = await page('ar');
    expect(arabic).toMatch(/<td class="num">\s*15\s*</); // 12 + 3, as the bot writes it
    expect(arabic).not.toMatch(/[\u0660-\u0669]/);
    expect(await page('xx')).toContain('lang="ar"'); // an unknown language changes nothing
  });

  it("follows the browser's languages in their order of preference before a session", async () => {
    const alice = await createPerson(h, 'Alice');
    const link = await loginLink(h, alice);
    const langOf = async (acceptLanguage: string, url = link) =>
      /<html lang="(\w+)"/.exec(
        await (await fetch(url, { headers: { 'accept-language': acceptLanguage } })).text(),
      )?.[1];
    expect(await langOf('ar-MA,ar;q=0.9,fr;q=0.8')).toBe('ar');
    expect(await langOf('de-DE,de;q=0.9,tr;q=0.8,en;q=0.7')).toBe('tr');
    expect(await langOf('en;q=0.5,pt-BR')).toBe('pt');
    expect(await langOf('de, it;q=0.5')).toBe('fr');
    expect(await langOf('es;q=0')).toBe('fr');
    // The bot's link says the person's language, which a link on the page changes.
    expect(await langOf('en', `${link}&lang=es`)).toBe('es');
    const page = await (await fetch(link, { headers: { 'accept-language': 'tr' } })).text();
    expect(page).toMatch(
      /<a href="\/console\/login\?token=[\w-]+&amp;lang=ar" lang="ar" dir="rtl"/,
    );
    // The login form carries the page's language into the session.
    const token = new URL(link).searchParams.get('token')!;
    const opened = await fetch(`${h.base}/console/login`, {
      method: 'POST',
      body: new URLSearchParams({ token, lang: 'tr' }),
      redirect: 'manual',
    });
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    const home = await fetch(`${h.base}/console`, { headers: { cookie } });
    expect(await home.text()).toContain('<html lang="tr" dir="ltr"');
  });
});

/** An .xlsx workbook's sheets by name, each as rows of cell texts (numbers as written). */
/** The figures of a page's tables (a token or an id elsewhere in the page may hold digits). */
function cells(page: string): string[] {
  return [...page.matchAll(/<td class="num[^"]*">\s*([^<]*?)\s*<\/td>/g)].map((m) => m[1]!);
}

// The console app (and so the figures it keeps) is shared by the tests of this file, whose
// clock starts at the same instant: these tests use their own communes.
describe('a city page whose figures are kept a minute', () => {
  it('shows the figures as of their reading, and new ones once they have expired', async () => {
    const alice = await createPerson(h, 'Alice');
    const priest = await seedPartner(h, 'Saint-Priest', ['69290']);
    await addStaff(h, priest, alice, 'agent');
    await seedRollups(h, [['insee:69290', '2026', 'need:created', 41]]);
    const session = await loginOverHttp(h, alice);
    const first = await (await session.get(`/console/villes/${priest}?annee=2026`)).text();
    expect(cells(first)).toContain('41');
    expect(first).toContain('Chiffres arrêtés à 10 h');
    await seedRollups(h, [['insee:69290', '2026', 'service:courses', 63]]);
    h.clock.advance(CITY_FIGURES_TTL_MS - 1_000);
    const kept = await (await session.get(`/console/villes/${priest}?annee=2026`)).text();
    expect(cells(kept)).not.toContain('63');
    expect(kept).toContain('Chiffres arrêtés à 10 h');
    // The export reads the same kept figures as the page.
    const csv = await (
      await session.get(`/console/villes/${priest}/export/entraide.csv?annee=2026`)
    ).text();
    expect(csv).toMatch(/^Courses;0;0;0;0\r$/m);
    h.clock.advance(2_000);
    const fresh = await (await session.get(`/console/villes/${priest}?annee=2026`)).text();
    expect(cells(fresh)).toContain('63');
    expect(fresh).toContain('Chiffres arrêtés à 10 h 01');
  });

  it('shows at once what people change themselves, while the figures are kept', async () => {
    const alice = await createPerson(h, 'Alice');
    const admin = await createPerson(h, 'Admin', ADMIN.split(':')[1]);
    const venissieux = await seedPartner(h, 'Vénissieux', ['69259'], ['Minguettes']);
    await addStaff(h, venissieux, alice, 'agent');
    await seedRollups(h, [
      ['insee:69259', '2026', 'groups:immeuble', 20],
      ['insee:69259', '2026', 'watch:round', 31],
      ['insee:69199', '2026', 'groups:rue', 57],
    ]);
    await seedGroup(h, { name: 'Tour 10 des Minguettes', insee: '69259', visibleToCity: false });
    const session = await loginOverHttp(h, alice);
    const path = `/console/villes/${venissieux}?annee=2026`;
    const before = await (await session.get(path)).text();
    expect(before).not.toContain('Tour 10 des Minguettes');
    expect(before).not.toContain('Veille canicule');
    // A group's admins make it visible; the staff member becomes the CCAS; the association
    // renames nothing but adds a quartier and a commune: all seen at the next load.
    await h.database.db
      .update(chats)
      .set({ visibleToCity: true })
      .where(eq(chats.name, 'Tour 10 des Minguettes'));
    await h.database.db
      .update(partnerStaff)
      .set({ role: 'ccas' })
      .where(and(eq(partnerStaff.partnerId, venissieux), eq(partnerStaff.personId, alice)));
    await addQuartiers(h.database.db, venissieux, ['Parilly']);
    await addPartnerCommunes(h.database.db, venissieux, ['69199']);
    const after = await (await session.get(path)).text();
    expect(after).toContain('Tour 10 des Minguettes');
    expect(after).toContain('Veille canicule');
    expect(cells(after)).toContain('31');
    expect(after).toContain('Parilly');
    expect(cells(after)).toContain('77'); // 20 + 57 groups, the new commune's with them
    // Back to agent: the watch goes at once, from the page and from the exports.
    await h.database.db
      .update(partnerStaff)
      .set({ role: 'agent' })
      .where(and(eq(partnerStaff.partnerId, venissieux), eq(partnerStaff.personId, alice)));
    const agent = await (await session.get(path)).text();
    expect(agent).not.toContain('Veille canicule');
    expect((await session.get(`/console/villes/${venissieux}/export/veille.csv`)).status).toBe(404);
    // Removed from the staff: refused at once, though the city's figures are still kept.
    const adminSession = await loginOverHttp(h, admin);
    await adminSession.post(`/console/partenaires/${venissieux}/equipe/${alice}/retirer`, {});
    expect((await session.get(path)).status).toBe(404);
  });

  it('keeps each partner, language and role apart, even for partners of the same commune', async () => {
    const alice = await createPerson(h, 'Alice');
    const bob = await createPerson(h, 'Bob');
    const a = await seedPartner(h, 'Caluire', ['69034'], ['Montessuy']);
    const b = await seedPartner(h, 'Métropole nord', ['69034']);
    await addStaff(h, a, alice, 'ccas');
    await addStaff(h, b, bob, 'agent');
    await seedRollups(h, [
      ['insee:69034', '2026', 'groups:immeuble', 33],
      ['insee:69034', '2026', 'watch:round', 44],
    ]);
    const aliceSession = await loginOverHttp(h, alice);
    const bobSession = await loginOverHttp(h, bob);
    const ofA = await (await aliceSession.get(`/console/villes/${a}?annee=2026`)).text();
    expect(ofA).toContain('Montessuy');
    expect(ofA).toContain('Veille canicule');
    const ofB = await (await bobSession.get(`/console/villes/${b}?annee=2026`)).text();
    expect(cells(ofB)).toContain('33');
    expect(ofB).not.toContain('Montessuy');
    expect(ofB).not.toContain('Veille canicule');
    expect(ofB).not.toContain(`/console/villes/${a}`);
    expect((await bobSession.get(`/console/villes/${a}?annee=2026`)).status).toBe(404);
    await bobSession.post('/console/langue', { lang: 'en' });
    const english = await (await bobSession.get(`/console/villes/${b}?annee=2026`)).text();
    // On a 24-hour clock, as in France, in English too (not "10:00 AM").
    expect(english).toMatch(/Figures as of \d\d:\d\d\. /);
    expect(english).not.toContain('Chiffres arrêtés');
    expect(english).toContain('Buildings');
  });
});
