// The CCAS in the heat and cold watch, end to end: a partner city (Lyon 3e) with its CCAS's
// number; a referent adds a neighbour through /veiller, and, with the neighbour's own "yes",
// sends a registration request to the CCAS; the CCAS sees it in the console in a real browser
// (Debian's Chromium), marks it handled, and the referent is told. The CCAS declares a
// canicule from the console and the group's messages give its number. An `agent` of the same
// city never sees the request. /mesdonnees and /oublier cover the request. Skipped when
// /usr/bin/chromium is missing (CI installs it).
import { mkdirSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { hasChromium, screenshots, useChromium } from '../support/chromium.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { saveProgrammeLine } from '../../db/queries/city-programme.ts';
import { createPartner, saveCcasSettings } from '../../db/queries/partners.ts';
import { chats, partnerStaff, personIdentities, registryRequests } from '../../db/schema.ts';
import { eq } from 'drizzle-orm';
import { uploadedBytes } from '../fakes/telegram-bot-api.ts';
import { readPdf } from '../handlers/kits/pdf/read-pdf.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import { buttonsOf, groupChat, people, type Person as User } from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWatchSteps } from '../support/watch-steps.ts';

const group = groupChat();
const { alice, bruno, djamel } = people;
const claire = { id: 444, is_bot: false, first_name: 'Claire', language_code: 'fr' };
const paul = { id: 666, is_bot: false, first_name: 'Paul', language_code: 'fr' };

const database = useTestDatabase();
const browser = useChromium('ccas');

// Tuesday 20 July 2027, 08:00 in Lyon.
const clock = createTestClock('2027-07-20T06:00:00Z');
const h = useTelegramHarness(database, {
  webhook: true,
  clock,
  env: { BOT_ADMINS: `telegram:${alice.id}`, WEB_URL: 'http://127.0.0.1' },
});
const chat = createTelegramChat(h, group);
const { say, sayPrivately, press, pressPrivately, lastPrivate, runJobs } = chat;
const { addMember } = createWatchSteps(h, chat);
let partner: number;
beforeEach(async () => {
  await chat.organise(alice, '/parametres cp 69003');
  for (const person of [bruno, djamel]) await say(person, '/aide');
  for (const person of [alice, bruno, claire, djamel, paul]) await sayPrivately(person, '/aide');
  const [row] = await database.db.select().from(chats).where(eq(chats.kind, 'group'));
  partner = await createPartner(database.db, {
    name: 'Lyon 3e',
    communes: [row!.communeInsee!],
    quartiers: [],
  });
  await saveCcasSettings(database.db, partner, {
    ccasPhone: '0472000000',
    ccasRegistryHowto: 'Fiche à remplir avec la personne, ou appel au CCAS.',
  });
  await database.db.insert(partnerStaff).values([
    { partnerId: partner, personId: await personOf(claire), role: 'ccas' },
    { partnerId: partner, personId: await personOf(paul), role: 'agent' },
  ]);
});

async function personOf(user: User): Promise<number> {
  const [row] = await database.db
    .select()
    .from(personIdentities)
    .where(eq(personIdentities.externalId, String(user.id)));
  return row!.personId;
}

/** The console link /console sends privately, pointed at the test server's port. */
async function consoleLink(user: User): Promise<string> {
  await sayPrivately(user, '/console');
  const url = /http:\/\/127\.0\.0\.1\/console\/login\?token=[\w-]+/.exec(lastPrivate(user))?.[0];
  if (!url) throw new Error(`no console link: ${lastPrivate(user)}`);
  return url.replace('127.0.0.1', `127.0.0.1:${h.app.http!.port}`);
}

async function logIn(user: User): Promise<Page> {
  const context = await browser().createBrowserContext();
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'fr-FR,fr;q=0.9' });
  await page.setViewport({ width: 420, height: 900 });
  await page.goto(await consoleLink(user));
  await Promise.all([page.waitForNavigation(), page.click('button.primary')]);
  return page;
}
const text = (page: Page): Promise<string> =>
  page.$eval('body', (body) => (body as unknown as { innerText: string }).innerText);

describe.skipIf(!hasChromium)(
  'the CCAS registry request, from /veiller to the console and back',
  () => {
    it('goes from the referent, with the neighbour’s yes, to the CCAS, and back', async () => {
      // Bruno becomes a referent; he adds Djamel, who is in the group and agrees himself.
      await say(bruno, '/referent');
      await press(alice, buttonsOf(h.sentTo(group.id).at(-1))[0]!.callback_data!);
      await addMember(bruno, djamel);
      await pressPrivately(djamel, buttonsOf(h.sentTo(djamel.id).at(-1))[0]!.callback_data!);
      expect(lastPrivate(bruno)).toContain('Djamel a donné son accord');
      const [registry] = buttonsOf(h.sentTo(bruno.id).at(-1));
      expect(registry!.text).toBe(
        'Demander l’inscription de Djamel au registre du CCAS'.replace('’', "'"),
      );

      // The address (no health details), then Djamel's own yes, privately.
      await pressPrivately(bruno, registry!.callback_data!);
      expect(lastPrivate(bruno)).toContain('il lui faut son adresse postale');
      await sayPrivately(bruno, '12 rue Paul Bert, diabétique');
      expect(lastPrivate(bruno)).toContain('aucune information de santé');
      await sayPrivately(bruno, '12 rue Paul Bert, 2e étage');
      expect(lastPrivate(bruno)).toContain('Je demande son accord à Djamel en privé');
      const asked = lastPrivate(djamel);
      expect(asked).toContain(
        'Bruno, votre voisin·e relais, propose de transmettre au CCAS de Lyon 3e',
      );
      expect(asked).toContain('Adresse\u202f: 12 rue Paul Bert, 2e étage');
      const [yes] = buttonsOf(h.sentTo(djamel.id).at(-1));
      // Bruno cannot answer for Djamel.
      await pressPrivately(bruno, yes!.callback_data!);
      expect(h.lastNotice()).toMatch(/n'est plus valable/);
      await pressPrivately(djamel, yes!.callback_data!);
      expect(lastPrivate(djamel)).toContain('transmise au CCAS de Lyon 3e');
      expect(lastPrivate(bruno)).toContain('Djamel est d’accord'.replace('’', "'"));
      expect(lastPrivate(bruno)).toContain('04\u00a072\u00a000\u00a000\u00a000');
      const [request] = await database.db.select().from(registryRequests);
      expect(request).toMatchObject({ status: 'open', consentBy: 'self', name: 'Djamel' });

      // /mesdonnees: Bruno sees the request he sent, Djamel the one about him.
      await sayPrivately(bruno, '/mesdonnees');
      expect(
        h
          .sentTo(bruno.id)
          .map((c) => String(c.params.text))
          .join('\n'),
      ).toContain(
        'Demandes d’inscription au registre du CCAS que vous avez transmises\u202f: Djamel (en attente du CCAS)'.replace(
          '’',
          "'",
        ),
      );

      // Paul, an agent of the same city: no CCAS page, no request, not even by URL.
      const agent = await logIn(paul);
      expect(await text(agent)).not.toContain('CCAS et veille');
      await agent.goto(`http://127.0.0.1:${h.app.http!.port}/console/villes/${partner}/ccas`);
      expect(await agent.title()).toContain('Page introuvable');
      expect(await text(agent)).not.toContain('Djamel');
      await agent.browserContext().close();

      // Claire, the CCAS: the request, its legal content and nothing more; marked handled.
      const ccas = await logIn(claire);
      await Promise.all([ccas.waitForNavigation(), ccas.click('a[href$="/ccas"]')]);
      const seen = await text(ccas);
      expect(seen).toContain('Djamel');
      expect(seen).toContain('12 rue Paul Bert, 2e étage');
      expect(seen).toContain('téléphone');
      expect(seen).toContain('Bruno, voisin·e relais');
      expect(seen).not.toMatch(/diabét/);
      await ccas.screenshot({ path: join(screenshots, 'ccas-requests.png'), fullPage: true });
      await Promise.all([ccas.waitForNavigation(), ccas.click('form[action$="/traitee"] button')]);
      expect(await text(ccas)).toContain('Traitées');
      await runJobs();
      expect(lastPrivate(bruno)).toContain(
        'Le CCAS de Lyon 3e a traité la demande d’inscription de Djamel au registre'.replace(
          '’',
          "'",
        ),
      );

      // The CCAS declares a canicule from the console: the group hears its number.
      await ccas.select('#vig-hazard', 'heat');
      await ccas.select('#vig-level', 'orange');
      await Promise.all([
        ccas.waitForNavigation(),
        ccas.click('form[action$="/vigilance"] button'),
      ]);
      expect(await text(ccas)).toContain('Canicule orange pour le 69');
      await ccas.browserContext().close();
      await runJobs();
      const advice = String(h.sentTo(group.id).at(-1)!.params.text);
      expect(advice).toContain('Vigilance orange canicule dans le 69');
      expect(advice).toContain('CCAS de Lyon 3e\u202f: <b>04\u00a072\u00a000\u00a000\u00a000</b>');
      // Bruno, told the alert starts, and his round at 10:00: the same number.
      const number = 'CCAS de Lyon 3e\u202f: <b>04\u00a072\u00a000\u00a000\u00a000</b>';
      expect(lastPrivate(bruno)).toContain(number);
      clock.set('2027-07-20T08:00:00Z');
      await h.app.jobs.enqueueRecurring(
        { kind: 'watchPlanRounds', cron: '0 * * * *' },
        clock.now(),
      );
      await runJobs();
      expect(lastPrivate(bruno)).toContain('Canicule\u202f: tournée de nouvelles');
      expect(lastPrivate(bruno)).toContain(number);

      // The relay card names the CCAS and its number too.
      await sayPrivately(bruno, '/veiller carte');
      const card = h.fake
        .successfulCalls('sendDocument')
        .filter((c) => c.params.chat_id === bruno.id)
        .at(-1);
      const bytes = uploadedBytes(card?.params.document)!;
      mkdirSync(screenshots, { recursive: true });
      writeFileSync(join(screenshots, 'relay-card-ccas.pdf'), bytes);
      const cardText = (await readPdf(bytes)).text;
      expect(cardText).toContain('CCAS de Lyon 3e');
      expect(cardText.replace(/\s/g, '')).toContain('0472000000');

      // Djamel forgets everything: the request about him goes too.
      await sayPrivately(djamel, '/oublier');
      await pressPrivately(djamel, buttonsOf(h.sentTo(djamel.id).at(-1))[0]!.callback_data!);
      expect(await database.db.select().from(registryRequests)).toEqual([]);
    }, 120_000);
  },
);

describe("the partner's programme and CCAS in its groups", () => {
  it('adds the city’s line to the seasonal suggestion and to /fete, its CCAS to the kits', async () => {
    await saveProgrammeLine(database.db, {
      partnerId: partner,
      moment: 'ete-des-voisins',
      line: 'Le jardin municipal est ouvert le soir',
      now: clock.now(),
    });
    await saveProgrammeLine(database.db, {
      partnerId: partner,
      moment: 'fete-des-voisins',
      line: 'La mairie prête tables et chaises : 04 72 10 30 30',
      now: clock.now(),
    });
    // 1 June 2027, 10:00 in Lyon: the month of L'été des voisins.
    clock.set('2027-06-01T08:00:00Z');
    await h.app.jobs.enqueueRecurring(
      { kind: 'planKitSuggestions', cron: '0 * * * *' },
      clock.now(),
    );
    await runJobs();
    const suggestion = String(h.sentTo(group.id).at(-1)!.params.text);
    expect(suggestion).toContain("L'été des voisins");
    expect(suggestion).toContain('🏛️ Lyon 3e\u202f: Le jardin municipal est ouvert le soir');

    await say(alice, '/fete');
    // The city's own words are given as the city typed them.
    expect(String(h.sentTo(group.id).at(-1)!.params.text)).toBe(
      '🏛️ Lyon 3e\u202f: La mairie prête tables et chaises : 04 72 10 30 30',
    );

    await say(bruno, '/kit canicule');
    const kit = h
      .sentTo(group.id)
      .map((c) => String(c.params.text))
      .find((t) => t.includes('CCAS de Lyon 3e'));
    expect(kit).toContain('📞 CCAS de Lyon 3e\u202f: <b>04\u00a072\u00a000\u00a000\u00a000</b>');
    expect(kit).toContain('Fiche à remplir avec la personne');
  }, 60_000);
});

describe('vigilance rights in the database', () => {
  it("lets a partner's CCAS declare its départements by /vigilance, not an agent, not elsewhere", async () => {
    await sayPrivately(paul, '/vigilance 69 canicule orange');
    expect(lastPrivate(paul)).toContain('Seuls les administrateurs du bot');
    await sayPrivately(claire, '/vigilance 75 canicule orange');
    expect(lastPrivate(claire)).toContain('Seuls les administrateurs du bot');
    await sayPrivately(claire, '/vigilance 69 canicule orange');
    expect(lastPrivate(claire)).toContain('69');
    expect(lastPrivate(claire)).not.toContain('Seuls les administrateurs du bot');
    await runJobs();
    expect(String(h.sentTo(group.id).at(-1)!.params.text)).toContain(
      'Vigilance orange canicule dans le 69',
    );
  });
});
