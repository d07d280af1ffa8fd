// The programme, the CCAS and the label pages over plain HTTP, against the real server and
// database: who may open and post what, by role and by partner (partner A never reaches
// partner B's rows, whatever ids the URL or a form carries), bad input refused with a clear
// message, and the certificate given only once the thresholds are met.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import {
  chats,
  jobs,
  partnerLocalEvents,
  partnerProgrammeLines,
  partners,
  referents,
  registryRequests,
  vigilanceLevels,
} from '../../db/schema.ts';
import { createCityProgrammeFeature } from '../../handlers/city-programme/index.ts';
import { createJobRunner } from '../../handlers/jobs/job-runner.ts';
import { applyVigilance } from '../../handlers/watch/vigilance.ts';
import { readPdf } from '../handlers/kits/pdf/read-pdf.ts';
import { createRecordingMessenger, type Sent } from '../support/recording-messenger.ts';
import { resetDatabase } from '../support/test-database.ts';
import { createTestDeps } from '../support/test-deps.ts';
import {
  ADMIN,
  addStaff,
  createPerson,
  loginOverHttp,
  seedPartner,
  seedRollups,
  startConsoleHarness,
  type ConsoleHarness,
  type HttpSession,
} from './console-harness.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const artefacts = join(import.meta.dirname, '../../tmp/console-screenshots');

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness(async (database, clock) => {
    const deps = await createTestDeps(database.db, clock);
    return {
      declareVigilance: (reading, source) => applyVigilance(deps, reading, source, clock.now()),
    };
  });
}, 60_000);
afterAll(() => h?.close());

let lyon: number;
let paris: number;
let lyonAgent: HttpSession;
let lyonCcas: HttpSession;
let parisCcas: HttpSession;
let admin: HttpSession;
let referent: number;

beforeEach(async () => {
  await resetDatabase(h.database);
  h.clock.set('2026-11-26T09:00:00Z');
  lyon = await seedPartner(h, 'Lyon 1er', ['69381'], ['Pentes', 'Terreaux']);
  paris = await seedPartner(h, 'Paris Centre', ['75101']);
  const people = {
    agent: await createPerson(h, 'Paul'),
    ccas: await createPerson(h, 'Claire'),
    other: await createPerson(h, 'Odile'),
    admin: await createPerson(h, 'Admin', ADMIN.split(':')[1]),
  };
  referent = await createPerson(h, 'Bruno');
  await addStaff(h, lyon, people.agent, 'agent');
  await addStaff(h, lyon, people.ccas, 'ccas');
  await addStaff(h, paris, people.other, 'ccas');
  lyonAgent = await loginOverHttp(h, people.agent);
  lyonCcas = await loginOverHttp(h, people.ccas);
  parisCcas = await loginOverHttp(h, people.other);
  admin = await loginOverHttp(h, people.admin);
});

let nextChat = 1;
async function seedChat(insee: string, quartierId?: number): Promise<number> {
  const [chat] = await h.database.db
    .insert(chats)
    .values({
      platform: 'telegram',
      externalId: `-${nextChat++}`,
      kind: 'group',
      name: `Groupe ${nextChat}`,
      communeInsee: insee,
      departement: insee.slice(0, 2),
      ...(quartierId ? { quartierId } : {}),
    })
    .returning();
  return chat!.id;
}

async function seedRequest(partnerId: number, insee: string, name: string): Promise<number> {
  const chatId = await seedChat(insee);
  const [row] = await h.database.db
    .insert(registryRequests)
    .values({
      partnerId,
      chatId,
      referentPersonId: referent,
      name,
      address: '12 rue des Capucins, 3e étage',
      reach: 'frapper fort',
      emergencyContact: 'sa fille Julie, 06 11 22 33 44',
      status: 'open',
      consentBy: 'self',
      consentAt: h.clock.now(),
    })
    .returning();
  return row!.id;
}

describe('the programme', () => {
  it("lets the partner's staff set its lines and events; another partner reaches none", async () => {
    const base = `/console/villes/${lyon}/programme`;
    const saved = await lyonAgent.post(`${base}/ligne`, {
      moment: 'fete-des-voisins',
      line: 'La mairie prête tables et chaises : 04 72 10 30 30',
    });
    expect(saved.status).toBe(303);
    const page = await (await lyonAgent.get(base)).text();
    expect(page).toContain('value="La mairie prête tables et chaises : 04 72 10 30 30"');

    // Paris's CCAS: Lyon's page and forms are not found, and nothing changed.
    expect((await parisCcas.get(base)).status).toBe(404);
    expect(
      (await parisCcas.post(`${base}/ligne`, { moment: 'fete-des-voisins', line: 'piraté' }))
        .status,
    ).toBe(404);
    const lines = await h.database.db.select().from(partnerProgrammeLines);
    expect(lines.map((l) => [l.partnerId, l.line])).toEqual([
      [lyon, 'La mairie prête tables et chaises : 04 72 10 30 30'],
    ]);

    // Bad input: an unknown moment, a line too long, a date past or not a date.
    expect((await lyonAgent.post(`${base}/ligne`, { moment: 'paques', line: 'x' })).status).toBe(
      404,
    );
    const long = await lyonAgent.post(`${base}/ligne`, { moment: 'noel', line: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('200 caractères au plus');
    const past = await lyonAgent.post(`${base}/evenements`, { date: '2026-11-01', title: 'Loto' });
    expect(past.status).toBe(400);
    expect(await past.text()).toContain('Cette date est passée');
    const notADate = await lyonAgent.post(`${base}/evenements`, {
      date: '2026-02-30',
      title: 'Loto',
    });
    expect(await notADate.text()).toContain('Cette date n&#39;est pas valable');

    // An event; Paris cannot remove it through its own URL with Lyon's event id.
    expect(
      (await lyonAgent.post(`${base}/evenements`, { date: '2026-12-12', title: 'Salle ouverte' }))
        .status,
    ).toBe(303);
    const [event] = await h.database.db.select().from(partnerLocalEvents);
    expect(await (await lyonAgent.get(base)).text()).toContain('Salle ouverte');
    const forged = await parisCcas.post(
      `/console/villes/${paris}/programme/evenements/${event!.id}/supprimer`,
      {},
    );
    expect(forged.status).toBe(404);
    expect(await h.database.db.select().from(partnerLocalEvents)).toHaveLength(1);

    // Its announcement is planned a week before, 10:00 Paris; a change plans it again (and
    // drops the old plan); Paris cannot change it; a bad change is refused, naming why.
    const plans = async () =>
      (
        await queryRows<{ run_at: Date; payload: { date: string } }>(
          h.database.db,
          sql`select run_at, payload from jobs where kind = 'localEventPlan' and status = 'pending'`,
        )
      ).map((j) => [new Date(j.run_at).toISOString(), j.payload.date]);
    expect(await plans()).toEqual([['2026-12-05T09:00:00.000Z', '2026-12-12']]);
    const change = (session: HttpSession, partnerId: number, form: Record<string, string>) =>
      session.post(`/console/villes/${partnerId}/programme/evenements/${event!.id}/modifier`, form);
    expect((await change(parisCcas, paris, { date: '2026-12-20', title: 'Piraté' })).status).toBe(
      404,
    );
    const badChange = await change(lyonAgent, lyon, { date: '2026-11-02', title: 'Salle' });
    expect(badChange.status).toBe(400);
    expect(await badChange.text()).toContain('Cette date est passée');
    expect(
      (await change(lyonAgent, lyon, { date: '2026-12-19', title: 'Salle ouverte à tous' })).status,
    ).toBe(303);
    const [changed] = await h.database.db.select().from(partnerLocalEvents);
    expect(changed).toMatchObject({ date: '2026-12-19', title: 'Salle ouverte à tous' });
    expect(await plans()).toEqual([['2026-12-12T09:00:00.000Z', '2026-12-19']]);
    const listed = await (await lyonAgent.get(base)).text();
    expect(listed).toContain('une semaine avant');
    // Not announced yet: when it will be, rather than "0 groups told".
    expect(listed).toContain('Annonce prévue le samedi 12 décembre 2026 à 10 h');
    expect(listed).not.toMatch(/Groupes prévenus/);

    const removed = await lyonAgent.post(`${base}/evenements/${event!.id}/supprimer`, {});
    expect(removed.status).toBe(303);
    expect(await (await lyonAgent.get(removed.headers.get('location')!)).text()).toContain(
      'L&#39;événement est retiré. Aucun groupe n&#39;en avait été prévenu.',
    );
    expect(await h.database.db.select().from(partnerLocalEvents)).toHaveLength(0);
    expect(await plans()).toEqual([]);
  });
});

describe('what saving an event does for the groups', () => {
  /** The city programme's jobs, due at the clock's time, over a recording platform. */
  async function runJobs(sent: Sent[]) {
    const deps = await createTestDeps(h.database.db, h.clock);
    deps.messengers.set('telegram', createRecordingMessenger(sent));
    const runner = createJobRunner(deps, createCityProgrammeFeature().jobs!, {
      workerId: 'http-test',
      leaseSeconds: 60,
      batchSize: 50,
      concurrency: 1,
    });
    await runner.runDueJobs();
  }
  /** Logs in again at the clock's time (a session ends after 30 idle minutes). */
  async function at(iso: string): Promise<HttpSession> {
    h.clock.set(iso);
    return loginOverHttp(
      h,
      (
        await queryRows<{ person_id: number }>(
          h.database.db,
          sql`select person_id from partner_staff where partner_id = ${lyon} and role = 'agent'`,
        )
      )[0]!.person_id,
    );
  }
  /** The page a save redirected to, with its notice, whitespace made plain. */
  async function after(session: HttpSession, saved: Response): Promise<string> {
    expect(saved.status).toBe(303);
    const page = await (await session.get(saved.headers.get('location')!)).text();
    return page.replace(/\s+/g, ' ').replace(/\u202f/g, ' ');
  }
  const eventItem = (page: string, id: number) =>
    new RegExp(`<li id="event-${id}">.*?</li>`).exec(page)?.[0] ?? '';

  it('says when it is announced, what a change does, when it is too late, and a cancellation', async () => {
    await seedChat('69381');
    const sent: Sent[] = [];
    const base = `/console/villes/${lyon}/programme`;
    // Saturday 5 December, 10:00 Paris: a week before, announced now.
    let agent = await at('2026-12-05T09:00:00Z');
    let page = await after(
      agent,
      await agent.post(`${base}/evenements`, {
        date: '2026-12-12',
        time: '15:00',
        place: 'Place Sathonay',
        title: 'Brocante',
        description: 'Apportez vos objets.',
      }),
    );
    expect(page).toContain('« Brocante » est enregistré : il est annoncé maintenant');
    const [event] = await h.database.db.select().from(partnerLocalEvents);
    await runJobs(sent);
    expect(sent).toHaveLength(1);
    page = (await (await agent.get(base)).text()).replace(/\s+/g, ' ');
    expect(eventItem(page, event!.id)).toMatch(/Groupes prévenus\s: 1\b/);

    // Sunday 11:00: moved and to another place; the change goes out at 11:30.
    agent = await at('2026-12-06T10:00:00Z');
    const changeIt = (form: Record<string, string>) =>
      agent.post(`${base}/evenements/${event!.id}/modifier`, {
        date: '2026-12-12',
        time: '15:00',
        place: 'Place Sathonay',
        title: 'Brocante',
        description: 'Apportez vos objets.',
        ...form,
      });
    page = await after(agent, await changeIt({ date: '2026-12-19', place: 'Salle des fêtes' }));
    expect(page).toContain(
      'Les groupes déjà prévenus recevront le changement (nouvelle date, nouveau lieu) le dimanche 6 décembre 2026 à 11 h 30',
    );
    expect(eventItem(page, event!.id)).toContain(
      'Changement à envoyer aux groupes prévenus le dimanche 6 décembre 2026 à 11 h 30',
    );
    // The details alone: nobody is told again.
    page = await after(
      agent,
      await changeIt({
        date: '2026-12-19',
        place: 'Salle des fêtes',
        description: 'Soupe offerte.',
      }),
    );
    expect(page).toContain(
      'Ni la date, ni l&#39;heure, ni le lieu, ni le titre n&#39;ont vraiment changé',
    );
    agent = await at('2026-12-06T10:30:00Z');
    await runJobs(sent);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.message).toMatchObject({ kind: 'text' });
    page = (await (await agent.get(base)).text()).replace(/\s+/g, ' ');
    expect(eventItem(page, event!.id)).toContain('Changement envoyé aux groupes prévenus : 1');

    // Friday 18 December, 20:30 the eve: too late to tell the groups, and said so.
    agent = await at('2026-12-18T19:30:00Z');
    const late = await changeIt({
      date: '2026-12-19',
      place: 'Salle des fêtes',
      description: 'Soupe offerte.',
      time: '16:00',
    });
    page = await after(agent, late);
    expect(page).toContain(
      '<p class="error" role="alert"> Trop tard pour prévenir les groupes : le changement (nouvel horaire) est enregistré',
    );
    expect(eventItem(page, event!.id)).toContain(
      'Changement enregistré trop tard : les groupes prévenus ne l&#39;ont pas reçu.',
    );
    const badTime = await changeIt({ date: '2026-12-19', time: '25:00' });
    expect(badTime.status).toBe(400);
    expect(await badTime.text()).toContain('Cette heure n&#39;est pas valable');

    // A new event for tomorrow, saved now: not announced, and the page says so clearly.
    page = await after(
      agent,
      await agent.post(`${base}/evenements`, { date: '2026-12-19', title: 'Loto' }),
    );
    expect(page).toContain(
      'Trop tard pour prévenir les groupes : « Loto » a lieu le samedi 19 décembre 2026',
    );
    const [, loto] = await h.database.db
      .select()
      .from(partnerLocalEvents)
      .orderBy(partnerLocalEvents.id);
    expect(eventItem(page, loto!.id)).toContain(
      'Trop tard pour prévenir les groupes : enregistré après 20 h la veille',
    );
    expect(eventItem(page, loto!.id)).not.toContain('Groupes prévenus');

    // Removed: cancelled, told to the group at 9:00.
    page = await after(agent, await agent.post(`${base}/evenements/${event!.id}/supprimer`, {}));
    expect(page).toContain(
      '« Brocante » est annulé. Les groupes qui en avaient été prévenus recevront l&#39;annulation le samedi 19 décembre 2026 à 9 h',
    );
    expect(eventItem(page, event!.id)).toContain('Annulé');
    expect(eventItem(page, event!.id)).not.toContain('/modifier');
    h.clock.set('2026-12-19T08:00:00Z');
    await runJobs(sent);
    expect(sent).toHaveLength(3);

    // A forged notice (an unknown effect, another partner's event) shows nothing.
    agent = await at('2026-12-19T08:00:00Z');
    for (const query of ['?effet=pirate', `?effet=too_late&evenement=999999`]) {
      const forged = (await (await agent.get(`${base}${query}`)).text()).replace(/\s+/g, ' ');
      expect(forged).not.toContain('role="alert"');
      expect(forged).not.toContain('role="status"');
    }
  });
});

describe('the CCAS page', () => {
  it('takes a French CCAS number only, and never opens for an agent', async () => {
    const base = `/console/villes/${lyon}/ccas`;
    expect((await lyonAgent.get(base)).status).toBe(404);
    expect((await lyonAgent.post(`${base}/reglages`, { phone: '0478123456' })).status).toBe(404);
    for (const wrong of ['12345', '+44 20 7946 0958', '04 78 12 34', 'appelez-nous']) {
      const refused = await lyonCcas.post(`${base}/reglages`, { phone: wrong, howto: '' });
      expect(refused.status, wrong).toBe(400);
      expect(await refused.text()).toContain('n&#39;est pas un numéro de téléphone français');
    }
    const ok = await lyonCcas.post(`${base}/reglages`, {
      phone: '+33 4 78 12 34 56',
      howto: 'Formulaire à l’accueil de la mairie ou par téléphone.',
    });
    expect(ok.status).toBe(303);
    const [row] = await h.database.db.select().from(partners).where(eq(partners.id, lyon));
    expect(row!.ccasPhone).toBe('0478123456');
    expect(await (await lyonCcas.get(base)).text()).toContain('04\u00a078\u00a012\u00a034\u00a056');
    // Paris's CCAS cannot set Lyon's number.
    expect((await parisCcas.post(`${base}/reglages`, { phone: '0100000000' })).status).toBe(404);
  });

  it("shows registry requests to the partner's CCAS only, and marks them handled once", async () => {
    const martin = await seedRequest(lyon, '69381', 'Mme Martin');
    const dupont = await seedRequest(paris, '75101', 'M. Dupont');
    const lyonPage = await (await lyonCcas.get(`/console/villes/${lyon}/ccas`)).text();
    expect(lyonPage).toContain('Mme Martin');
    expect(lyonPage).toContain('12 rue des Capucins');
    expect(lyonPage).toContain('sa fille Julie');
    expect(lyonPage).not.toContain('M. Dupont');
    // The association sees the settings, not the people; an agent not even the page.
    const adminPage = await (await admin.get(`/console/villes/${lyon}/ccas`)).text();
    expect(adminPage).not.toContain('Mme Martin');
    expect((await lyonAgent.get(`/console/villes/${lyon}/ccas`)).status).toBe(404);

    // Forged: Paris's CCAS names Lyon's request in its own URL, or Lyon's URL.
    for (const path of [
      `/console/villes/${paris}/ccas/demandes/${martin}/traitee`,
      `/console/villes/${lyon}/ccas/demandes/${martin}/traitee`,
    ]) {
      expect((await parisCcas.post(path, {})).status, path).toBe(404);
    }
    expect(
      (await admin.post(`/console/villes/${lyon}/ccas/demandes/${martin}/traitee`, {})).status,
    ).toBe(404);
    expect(
      (await lyonAgent.post(`/console/villes/${lyon}/ccas/demandes/${martin}/traitee`, {})).status,
    ).toBe(404);
    // Without the CSRF token: refused.
    expect(
      (await lyonCcas.post(`/console/villes/${lyon}/ccas/demandes/${martin}/traitee`, {}, false))
        .status,
    ).toBe(403);
    const stillOpen = await h.database.db.select().from(registryRequests);
    expect(stillOpen.map((r) => r.status)).toEqual(['open', 'open']);

    const done = `/console/villes/${lyon}/ccas/demandes/${martin}/traitee`;
    expect((await lyonCcas.post(done, {})).status).toBe(303);
    expect((await lyonCcas.post(done, {})).status).toBe(303); // a second click: nothing more
    const rows = await h.database.db.select().from(registryRequests);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [martin]: 'handled',
      [dupont]: 'open',
    });
    const told = await h.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.kind, 'watchRegistryHandled'));
    expect(told.map((j) => j.payload)).toEqual([{ requestId: martin }]);
  });

  it("declares vigilance for the partner's own départements only", async () => {
    const base = `/console/villes/${lyon}/ccas`;
    const forged = await lyonCcas.post(`${base}/vigilance`, {
      departement: '75',
      hazard: 'heat',
      level: 'red',
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Choisissez un département de la ville');
    expect(
      (
        await lyonAgent.post(`${base}/vigilance`, {
          departement: '69',
          hazard: 'heat',
          level: 'orange',
        })
      ).status,
    ).toBe(404);
    const declared = await lyonCcas.post(`${base}/vigilance`, {
      departement: '69',
      hazard: 'cold',
      level: 'orange',
    });
    expect(declared.status).toBe(200);
    expect(await declared.text()).toContain('Grand froid orange pour le 69');
    const levels = await h.database.db.select().from(vigilanceLevels);
    expect(levels.map((l) => [l.departement, l.hazard, l.level])).toEqual([
      ['69', 'cold', 'orange'],
    ]);
    expect(levels[0]!.source).toMatch(/^console:\d+$/);
    const announce = await h.database.db.select().from(jobs).where(eq(jobs.kind, 'watchAnnounce'));
    expect(announce).toHaveLength(1);
  });
});

describe('the label', () => {
  async function seedThriving(): Promise<void> {
    const [pentes] = await queryRows<{ id: number }>(
      h.database.db,
      sql`select id from quartiers where partner_id = ${lyon} and name = 'Pentes'`,
    );
    // 15 groups for 28,717 inhabitants (INSEE, 69381): 0.52 per 1,000.
    const ids: number[] = [];
    for (let i = 0; i < 15; i++)
      ids.push(await seedChat('69381', i === 0 ? pentes!.id : undefined));
    await seedRollups(h, [
      ...ids
        .slice(0, 5)
        .map(
          (id) =>
            [`chat:${id}`, '2026', 'gathering:held:fete', 1] as [string, string, string, number],
        ),
      ['insee:69381', '2026', 'service:courses', 14],
      ['insee:69381', '2026', 'service:bricolage', 9],
    ]);
    await h.database.db
      .insert(referents)
      .values({ chatId: ids[0]!, personId: referent, status: 'active' });
    // Paris's groups count for Paris only.
    await seedChat('75101');
  }

  it('shows the indicators and gives the certificate once every threshold is met', async () => {
    await seedThriving();
    const base = `/console/villes/${lyon}/label`;
    const before = await (await lyonAgent.get(base)).text();
    expect(before).toContain('0,52');
    expect(before).toContain('33\u00a0%'); // 5 of 15 groups held their fête
    expect(before).toContain('23');
    // Before the Pentes are marked heat-exposed, the last indicator is not counted: earned.
    expect(before).toContain('Télécharger le certificat');

    // Terreaux marked exposed too, without a referent there: 1 of 2 = 50 %, still met. A
    // forged quartier id of another partner is ignored.
    const ids = await queryRows<{ id: number; name: string }>(
      h.database.db,
      sql`select id, name from quartiers where partner_id = ${lyon} order by name`,
    );
    const form = new URLSearchParams({ _csrf: lyonAgent.csrf });
    for (const q of ids) form.append('quartier', String(q.id));
    form.append('quartier', '999999');
    const saved = await fetch(`${h.base}${base}/quartiers`, {
      method: 'POST',
      headers: { cookie: lyonAgent.cookie },
      body: form,
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    const exposed = await queryRows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from quartiers where heat_exposed`,
    );
    expect(exposed[0]!.n).toBe(2);
    const after = await (await lyonAgent.get(base)).text();
    expect(after).toContain('50\u00a0%');

    const pdf = await lyonAgent.get(`${base}/certificat.pdf?annee=2026`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Kept for review beside the console's screenshots (render it with pdftoppm -png).
    mkdirSync(artefacts, { recursive: true });
    writeFileSync(join(artefacts, 'label-certificate.pdf'), bytes);
    const { text } = await readPdf(bytes);
    expect(text).toContain('Ville conviviale');
    expect(text).toContain('Lyon 1er');
    expect(text).toContain("pour l'année 2026");
    expect(text).toContain('Groupes pour 1 000 habitants');
    // From a console in Arabic, the certificate is in Arabic (tests/web/label-certificate.test.ts
    // checks its letters and its mirrored layout).
    await lyonAgent.post('/console/langue', { lang: 'ar', back: base });
    const fromArabic = Buffer.from(
      await (await lyonAgent.get(`${base}/certificat.pdf?annee=2026`)).arrayBuffer(),
    );
    writeFileSync(join(artefacts, 'label-certificate-from-arabic.pdf'), fromArabic);
    const arabic = (await readPdf(fromArabic)).text;
    expect(arabic).toMatch(/[\u0621-\u064a]/);
    expect(arabic).toContain('Lyon 1er');
    expect(arabic).not.toContain("pour l'année");
    expect(arabic).not.toContain('Groupes pour');
    await lyonAgent.post('/console/langue', { lang: 'fr', back: base });
    // Paris reaches neither Lyon's label nor its certificate.
    expect((await parisCcas.get(base)).status).toBe(404);
    expect((await parisCcas.get(`${base}/certificat.pdf`)).status).toBe(404);
  });

  it('refuses the certificate while a threshold is not met', async () => {
    await seedChat('69381');
    const page = await (await lyonAgent.get(`/console/villes/${lyon}/label`)).text();
    expect(page).toContain('Le certificat s&#39;imprimera quand chaque indicateur');
    expect(page).not.toContain('Télécharger le certificat');
    expect((await lyonAgent.get(`/console/villes/${lyon}/label/certificat.pdf`)).status).toBe(403);
  });
});
