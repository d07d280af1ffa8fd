// A city's local event announced end to end: the whole bot (createApp) on Telegram (the fake
// Bot API), WhatsApp (the fake client) and the terminal at once, with a test clock; a partner
// city with one group on each, the terminal's group having said "non" in /parametres, the
// WhatsApp group speaking English. An event added in the console (the function its form
// calls) is announced a week before at 10:00 Paris time, once to the Telegram group in French
// and once to the WhatsApp group in English, with the city's title as written; nothing to
// the terminal's group nor to another city's group; nothing more when the jobs run again.
// A second event, removed before its time, is never announced. When the city moves the first,
// the two groups told are told what changed, once each, in their languages; the terminal's
// group, saying "oui" again, gets the announcement in its new form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../bot/create-app.ts';
import { createPartner } from '../../db/queries/partners.ts';
import { chats } from '../../db/schema.ts';
import {
  addLocalEventAnnounced,
  changeLocalEventAnnounced,
  removeLocalEventAnnounced,
} from '../../handlers/city-programme/schedule.ts';
import type { FakeBotApi } from '../fakes/telegram-bot-api.ts';
import type { FakeWhatsAppClient } from '../fakes/whatsapp-client.ts';
import { startAllPlatforms, type AllPlatforms } from '../support/all-platforms-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { wa } from '../support/whatsapp-harness.ts';

const TELEGRAM_GROUP = -100778;
const OTHER_CITY_GROUP = -100998;

describe('a local event announced on three platforms', () => {
  const database = useTestDatabase();
  let platforms: AllPlatforms | undefined;
  let fake: FakeBotApi;
  let app: App;
  let whatsapp: FakeWhatsAppClient;
  const printed = () => platforms!.printed();
  // Thursday 26 November 2026, 10:00 in Paris.
  const clock = createTestClock('2026-11-26T09:00:00Z');

  beforeAll(async () => {
    platforms = await startAllPlatforms(database, { clock });
    ({ app, fake } = platforms);
    whatsapp = platforms.whatsapp();
  }, 90_000);
  afterAll(() => platforms?.stop());

  it('reaches the two groups that accept city messages, once each, in their languages', async () => {
    const db = app.deps.db;
    const lyon = await createPartner(db, { name: 'Lyon 1er', communes: ['69381'], quartiers: [] });
    await createPartner(db, { name: 'Paris 11e', communes: ['75111'], quartiers: [] });
    await db.insert(chats).values([
      {
        platform: 'telegram',
        externalId: String(TELEGRAM_GROUP),
        kind: 'group',
        communeInsee: '69381',
      },
      {
        platform: 'whatsapp',
        externalId: wa.group,
        kind: 'group',
        communeInsee: '69381',
        locale: 'en',
      },
      {
        platform: 'telegram',
        externalId: String(OTHER_CITY_GROUP),
        kind: 'group',
        communeInsee: '75111',
      },
    ]);
    // The terminal's group is in Lyon 1er too, and its admin says "non".
    await app.console!.say('1', 'group', '/parametres cp 69001');
    await app.console!.say('1', 'group', '/parametres messages non');
    expect(printed()).toContain('Messages de la mairie\u202f: non');

    const { id: brocante } = await addLocalEventAnnounced(
      db,
      lyon,
      { date: '2026-12-12', title: 'Brocante place Saint-Jean, tables prêtées' },
      clock.now(),
    );
    const { id: removed } = await addLocalEventAnnounced(
      db,
      lyon,
      { date: '2026-12-12', title: 'Loto annulé' },
      clock.now(),
    );
    expect(await removeLocalEventAnnounced(db, lyon, removed, clock.now())).toEqual({
      cancel: 'deleted',
    });

    const telegramTexts = () =>
      fake
        .successfulCalls('sendMessage')
        .filter((c) => c.params.chat_id === TELEGRAM_GROUP)
        .map((c) => String(c.params.text));
    await app.jobs.runDueJobs();
    await app.settle();
    expect(telegramTexts()).toEqual([]);

    // A week before the event, 10:00 in Paris.
    clock.set('2026-12-05T09:00:00Z');
    await app.jobs.runDueJobs();
    await app.settle();
    const [telegram, ...moreOnTelegram] = telegramTexts();
    expect(moreOnTelegram).toEqual([]);
    expect(telegram).toContain('<b>La mairie de Lyon 1er vous invite</b>');
    expect(telegram).toContain('samedi 12 décembre 2026');
    expect(telegram).toContain('Brocante place Saint-Jean, tables prêtées');
    const onWhatsApp = whatsapp.sentTo(wa.group);
    expect(onWhatsApp).toHaveLength(1);
    expect(onWhatsApp[0]!.text).toContain('*An invitation from the city of Lyon 1er*');
    expect(onWhatsApp[0]!.text).toContain('Saturday 12 December 2026');
    expect(onWhatsApp[0]!.text).toContain('Brocante place Saint-Jean, tables prêtées');
    expect(printed()).not.toContain('vous invite');
    expect(fake.successfulCalls().filter((c) => c.params.chat_id === OTHER_CITY_GROUP)).toEqual([]);
    const everything = JSON.stringify(fake.successfulCalls()) + JSON.stringify(onWhatsApp);
    expect(everything).not.toContain('Loto');

    // The next days' runs send nothing more.
    clock.set('2026-12-06T09:00:00Z');
    await app.jobs.runDueJobs();
    await app.settle();
    expect(telegramTexts()).toHaveLength(1);
    expect(whatsapp.sentTo(wa.group)).toHaveLength(1);

    // Sunday 11:00 Paris: the city moves it to Sunday 13th; half an hour later the two groups
    // told are told so, once, in their languages; the terminal's group (which said "non") is
    // not.
    clock.set('2026-12-06T10:00:00Z');
    expect(
      await changeLocalEventAnnounced(
        db,
        lyon,
        brocante,
        { date: '2026-12-13', title: 'Brocante place Saint-Jean, tables prêtées' },
        clock.now(),
      ),
    ).toMatchObject({ change: ['date'], at: new Date('2026-12-06T10:30:00Z') });
    clock.set('2026-12-06T10:30:00Z');
    for (let round = 0; round < 2; round++) {
      await app.jobs.runDueJobs();
      await app.settle();
    }
    const changed = telegramTexts();
    expect(changed).toHaveLength(2);
    expect(changed[1]).toContain('<b>Ce qui change\u202f: nouvelle date</b>');
    expect(changed[1]).toContain('dimanche 13 décembre 2026');
    expect(changed[1]).toContain('Annoncé avant\u202f: samedi 12 décembre 2026');
    const changedOnWhatsApp = whatsapp.sentTo(wa.group);
    expect(changedOnWhatsApp).toHaveLength(2);
    expect(changedOnWhatsApp[1]!.text).toContain('*What changes: new date*');
    expect(changedOnWhatsApp[1]!.text).toContain('Sunday 13 December 2026');
    expect(printed()).not.toContain('Ce qui change');

    // The terminal's admin says "oui" again: the next catch-up (every ten minutes in the
    // daytime) announces it there, in its new form.
    await app.console!.say('1', 'group', '/parametres messages oui');
    clock.set('2026-12-06T10:40:00Z');
    await app.jobs.enqueueRecurring(
      { kind: 'localEventCatchUp', cron: '*/10 9-19 * * *' },
      clock.now(),
    );
    for (let round = 0; round < 2; round++) {
      await app.jobs.runDueJobs();
      await app.settle();
    }
    expect(printed()).toContain('La mairie de Lyon 1er vous invite');
    expect(printed()).toContain('dimanche 13 décembre 2026');
    expect(printed()).not.toContain('Ce qui change');
    expect(telegramTexts()).toHaveLength(2);
  }, 60_000);
});
