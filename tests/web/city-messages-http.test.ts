// City messages in the console over HTTP: who may write to a city's groups (the association
// and the partner's agents and CCAS; never another partner's staff, whatever the URL or the
// form says), and bad input: no text, too long, a forged commune or quartier, a time in
// the past, a file that is neither a PDF nor an image, zero groups, "send" pressed twice,
// cancelling, a form without its CSRF token.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { chats } from '../../db/schema.ts';
import { resetDatabase } from '../support/test-database.ts';
import {
  ADMIN,
  addStaff,
  createPerson,
  loginOverHttp,
  seedPartner,
  startConsoleHarness,
  type ConsoleHarness,
  type HttpSession,
} from './console-harness.ts';

let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsoleHarness();
});
afterAll(async () => {
  await h.close();
});

let lyon: number;
let paris: number;
let pentes: number;
let belleville: number;
let agent: HttpSession;

beforeEach(async () => {
  await resetDatabase(h.database);
  h.clock.set('2026-11-26T09:00:00Z');
  lyon = await seedPartner(h, 'Lyon 1er', ['69381'], ['Pentes']);
  paris = await seedPartner(h, 'Paris 11e', ['75111'], ['Belleville']);
  const quartiers = await queryRows<{ id: number; name: string }>(
    h.database.db,
    sql`select id, name from quartiers`,
  );
  pentes = quartiers.find((q) => q.name === 'Pentes')!.id;
  belleville = quartiers.find((q) => q.name === 'Belleville')!.id;
  await h.database.db.insert(chats).values([
    { platform: 'telegram', externalId: '-1', kind: 'group', communeInsee: '69381' },
    { platform: 'telegram', externalId: '-2', kind: 'group', communeInsee: '75111' },
  ]);
  const paul = await createPerson(h, 'Paul');
  await addStaff(h, lyon, paul, 'agent');
  agent = await loginOverHttp(h, paul);
});

const messages = (partner: number) => `/console/villes/${partner}/messages`;

async function draftIds(partner: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    h.database.db,
    sql`select id from city_messages where partner_id = ${partner} order by id`,
  );
  return rows.map((r) => Number(r.id));
}

/** Posts the message form as the browser does (multipart), with the session's CSRF token. */
function postForm(
  session: HttpSession,
  partner: number,
  fields: Record<string, string | string[]>,
  file?: { name: string; type: string; data: Buffer },
) {
  const form = new FormData();
  form.set('_csrf', session.csrf);
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
  }
  if (file) form.set('attachment', new Blob([file.data], { type: file.type }), file.name);
  return fetch(`${h.base}${messages(partner)}`, {
    method: 'POST',
    headers: { cookie: session.cookie },
    body: form,
    redirect: 'manual',
  });
}

describe('city messages in the console', () => {
  it('opens to the partner’s agents and CCAS and the association, to no one else', async () => {
    expect((await agent.get(messages(lyon))).status).toBe(200);
    expect((await agent.get(messages(paris))).status).toBe(404);
    const admin = await loginOverHttp(h, await createPerson(h, 'Admin', ADMIN.split(':')[1]));
    expect((await admin.get(messages(paris))).status).toBe(200);
    const claire = await createPerson(h, 'Claire');
    await addStaff(h, lyon, claire, 'ccas');
    const ccas = await loginOverHttp(h, claire);
    expect((await ccas.get(messages(lyon))).status).toBe(200);
    expect((await ccas.get(messages(paris))).status).toBe(404);
    expect((await postForm(ccas, paris, { text_fr: 'Bonjour' })).status).toBe(404);
    expect(await draftIds(paris)).toEqual([]);
    expect(await draftIds(lyon)).toEqual([]);
  });

  it('never lets partner B reach partner A’s message, by URL or by form', async () => {
    const answer = await postForm(agent, lyon, { text_fr: 'Coupure d’eau' });
    expect(answer.status).toBe(303);
    const [id] = await draftIds(lyon);
    const zoe = await createPerson(h, 'Zoé');
    await addStaff(h, paris, zoe, 'agent');
    const other = await loginOverHttp(h, zoe);
    expect((await other.get(`${messages(lyon)}/${id}`)).status).toBe(404);
    // Partner B's own URL with A's message id: not found either.
    expect((await other.get(`${messages(paris)}/${id}`)).status).toBe(404);
    expect((await other.post(`${messages(paris)}/${id}/envoyer`, {})).status).toBe(404);
    expect((await other.post(`${messages(lyon)}/${id}/envoyer`, {})).status).toBe(404);
    expect((await other.post(`${messages(lyon)}/${id}/annuler`, {})).status).toBe(404);
    const [row] = await queryRows<{ status: string }>(
      h.database.db,
      sql`select status from city_messages where id = ${id}`,
    );
    expect(row!.status).toBe('draft');
    // Forged fields: B's commune or quartier in A's form, an unknown kind.
    const forgeries: Record<string, string | string[]>[] = [
      { communes: '75111' },
      { quartiers: String(belleville) },
      { kinds: 'parking' },
      { communes: ['69381', '75111'] },
    ];
    for (const forged of forgeries) {
      const refused = await postForm(agent, lyon, { text_fr: 'Bonjour', ...forged });
      expect(refused.status, JSON.stringify(forged)).toBe(400);
      expect(await refused.text()).toContain('ne correspond pas à votre ville');
    }
    expect(await draftIds(lyon)).toHaveLength(1);
    // A's own quartier is fine; the preview counts only A's group.
    const ok = await postForm(agent, lyon, { text_fr: 'Bonjour', quartiers: String(pentes) });
    expect(ok.status).toBe(303);
  });

  it('refuses bad input clearly', async () => {
    const cases: [Record<string, string>, string, { name: string; type: string; data: Buffer }?][] =
      [
        [{ text_fr: '  ' }, 'Écrivez le message'],
        [{ text_fr: 'x'.repeat(8_001) }, '8\u202f000 caractères au plus'],
        [{ text_fr: 'Bonjour', when: 'later', date: '2026-11-25', time: '10:00' }, 'est passée'],
        [{ text_fr: 'Bonjour', when: 'later', date: '', time: '' }, 'Indiquez une date'],
        [
          { text_fr: 'Bonjour' },
          'n&#39;est ni un PDF ni une image', // (the page escapes the apostrophe)
          { name: 'tract.pdf', type: 'application/pdf', data: Buffer.from('<html>not a pdf') },
        ],
      ];
    for (const [fields, expected, file] of cases) {
      const answer = await postForm(agent, lyon, fields, file);
      expect(answer.status, expected).toBe(400);
      expect(await answer.text(), expected).toContain(expected);
    }
    expect(await draftIds(lyon)).toEqual([]);
    // Without the CSRF token: refused before anything.
    const form = new FormData();
    form.set('text_fr', 'Bonjour');
    const forged = await fetch(`${h.base}${messages(lyon)}`, {
      method: 'POST',
      headers: { cookie: agent.cookie },
      body: form,
    });
    expect(forged.status).toBe(403);
    expect(await draftIds(lyon)).toEqual([]);
  });

  it('says so when no group would get it, and offers no "send"', async () => {
    const answer = await postForm(agent, lyon, { text_fr: 'Bonjour', kinds: 'rue' });
    const preview = await agent.get(answer.headers.get('location')!);
    const page = await preview.text();
    expect(page).toContain('Aucun groupe ne recevra ce message');
    expect(page).not.toContain('/envoyer');
  });

  it('sends once however often "send" is pressed, and cancels a scheduled message', async () => {
    const answer = await postForm(agent, lyon, {
      text_fr: 'Fête des voisins : la mairie prête des tables.',
      when: 'later',
      date: '2026-11-27',
      time: '18:30',
    });
    const location = answer.headers.get('location')!;
    const page = await (await agent.get(location)).text();
    expect(page).toContain('1 groupe le recevra');
    expect(page).toContain('Il partira le vendredi 27 novembre 2026');
    const presses = await Promise.all([1, 2, 3].map(() => agent.post(`${location}/envoyer`, {})));
    expect(presses.map((p) => p.status)).toEqual([303, 303, 303]);
    const jobs = await queryRows<{ kind: string; run_at: Date }>(
      h.database.db,
      sql`select kind, run_at from jobs`,
    );
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0]!.run_at).toISOString()).toBe('2026-11-27T17:30:00.000Z');
    expect(await (await agent.get(location)).text()).toContain('Programmé pour le');
    expect((await agent.post(`${location}/annuler`, {})).status).toBe(303);
    expect(await (await agent.get(location)).text()).toContain('Annulé.');
    expect(await queryRows(h.database.db, sql`select 1 from jobs`)).toEqual([]);
  });

  it('sends an "as soon as possible" message when "send" is pressed, however long the preview stayed open', async () => {
    const answer = await postForm(agent, lyon, { text_fr: 'Abri ouvert au gymnase', urgent: '1' });
    const location = answer.headers.get('location')!;
    expect(await (await agent.get(location)).text()).toContain('Il partira dès que vous l');
    h.clock.advance(20 * 60_000);
    expect((await agent.post(`${location}/envoyer`, {})).status).toBe(303);
    const [job] = await queryRows<{ run_at: Date }>(h.database.db, sql`select run_at from jobs`);
    expect(new Date(job!.run_at).toISOString()).toBe(h.clock.now().toISOString());
  });

  it('shows a text too long for one message as the parts it becomes, naming the limit', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Ligne ${i} : ${'x'.repeat(80)}`).join('\n');
    const answer = await postForm(agent, lyon, { text_fr: long });
    const page = await (await agent.get(answer.headers.get('location')!)).text();
    expect(page).toContain(
      'Trop long pour un seul message Telegram (4\u202f096 caractères au plus)\u202f: il partira en 2 messages.',
    );
    expect(page).toContain(
      'Trop long pour un seul message WhatsApp (4\u202f000 caractères au plus)',
    );
  });
});
