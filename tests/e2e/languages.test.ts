// Each person in their language, each group in its own, end to end on the fake Bot API and
// the fake WhatsApp client. The per-language flows run once for every language whose
// texts are in locales/ (findAvailableLocales). On Telegram: a fête and its kit, a need, a
// check-in, and the words typed after commands; on WhatsApp: a fête and /langue, then a kit,
// a need and a check-in in one test per language (one harness: they stay quick). Each
// asserts on what a person reads: the language's texts, no raw key, and outside French no
// French sentence. Expected texts come from the locale files and Intl, never from this file.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findChat } from '../../db/queries/chats.ts';
import {
  builtInWords,
  toLanguageWords,
  type MeaningOf,
  type WordTable,
} from '../../handlers/command-words.ts';
import { findPersonByIdentity } from '../../db/queries/people.ts';
import { formatDate, formatTime } from '../../handlers/calendar/format-date.ts';
import { isRightToLeft } from '../../handlers/kits/pdf/bidi-text.ts';
import { languagesIn } from '../../handlers/language.ts';
import {
  createI18n,
  findAvailableLocales,
  loadRawLocale,
  localesDir,
  type I18n,
  type Locale,
} from '../../handlers/i18n.ts';
import { uploadedBytes } from '../fakes/telegram-bot-api.ts';
import { readPdf, readPdfInfo, renderPage } from '../handlers/kits/pdf/read-pdf.ts';
import { createTelegramChat, useTelegramHarness } from '../support/telegram-e2e.ts';
import {
  buttonsOf,
  callbackUpdate,
  groupChat,
  messageUpdate,
  people,
  privateChat,
} from '../support/telegram-harness.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

const complete = findAvailableLocales();
const group = groupChat();
const { alice, bruno, emma } = people;
const FETE = '2027-05-28';

/** Text without markup or direction marks, as a person reads it. */
const plain = (text: string) =>
  text
    .replace(/<[^>]+>/g, '')
    .replace(/[\u2066-\u2069\u200e\u200f]/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The word a language's help texts show for a meaning typed after a command (its own, or
 * French's for French and English's for English).
 */
function wordOf<Table extends WordTable>(lng: Locale, table: Table, meaning: MeaningOf<Table>) {
  const own = toLanguageWords(loadRawLocale(lng))[table]?.[meaning]?.[0];
  const builtIn = (builtInWords[table] as Record<string, readonly string[]>)[meaning]!;
  return own ?? (lng === 'en' ? builtIn.at(-1)! : builtIn[0]!);
}

/** A locale key left raw (`aid.ask_volunteer`), as a person would see it when a text is missing. */
const RAW_KEY = new RegExp(
  `(?<![\\w/.@])(${readdirSync(`${localesDir}/fr`)
    .map((f) => f.replace(/\.json$/, ''))
    .join('|')})\\.[a-z_]{2,}`,
);
/** Everyday French words that no other language's text has. */
const FRENCH =
  /(?<!\p{L})(vous|votre|vos|nous|une|pour|avec|sont|dans|merci|bonjour|voici)(?!\p{L})/iu;

/** What a person of `lng` saw holds no raw key and, outside French, no French sentence. */
function expectAllIn(lng: Locale, texts: string[]): void {
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts.map(plain)) {
    expect(text, 'a raw locale key').not.toMatch(RAW_KEY);
    if (lng !== 'fr') expect(text, `French in a ${lng} flow`).not.toMatch(FRENCH);
  }
}

describe('on Telegram', () => {
  const clock = createTestClock('2026-11-26T10:00:00Z');
  const h = useTelegramHarness(database, { webhook: true, clock });
  const { organise } = createTelegramChat(h, group);
  beforeEach(() => organise(alice, '/parametres nom Résidence des Lilas', '/parametres cp 69003'));

  describe.each(complete)('a group speaking %s', (lng: Locale) => {
    it('announces a fête and sends its kit in that language', async () => {
      const t = i18n.t(lng);
      await h.postWebhook(messageUpdate(alice, group, `/parametres langue ${lng}`));
      expect(plain(String(h.sentTo(group.id).at(-1)!.params.text))).toContain(
        plain(t('settings.saved')),
      );
      const said = h.sentTo(group.id).length;
      await h.postWebhook(messageUpdate(alice, group, '/fete 28/05 19h'));
      const fromNowOn = () =>
        h
          .sentTo(group.id)
          .slice(said)
          .map((c) =>
            [c.params.text, c.params.caption].filter((v) => typeof v === 'string').join('\n'),
          )
          .filter(Boolean);
      const announced = h
        .sentTo(group.id)
        .slice(said)
        .map((c) => plain(String(c.params.text)));
      expect(announced.join('\n')).toContain(formatDate(FETE, lng, 'long'));

      const before = h.fake.successfulCalls('sendDocument').length;
      await h.postWebhook(messageUpdate(bruno, group, '/kit fete'));
      const [poster] = h.fake.successfulCalls('sendDocument').slice(before);
      expect(poster).toBeDefined();
      const bytes = uploadedBytes(poster!.params.document)!;
      // What the group read, from the fête to the kit, was all in its language.
      expectAllIn(lng, fromNowOn());
      const { text } = await readPdf(bytes);
      const date = formatDate(FETE, lng, 'long');
      if (!isRightToLeft(date)) {
        // The poster prints the date as the group's language writes it.
        expect(text.replace(/\s+/g, ' ')).toContain(date);
        return;
      }
      // Right to left, the letters are shaped and placed by hand (bidi-text.ts): their
      // joined forms and dots are glyphs of their own, which pdfkit's ToUnicode map gives no
      // letter or a wrong one, so a reader gets them back scrambled ("الج\u0006 ي\u000fران").
      // What reads back exactly: the date's numbers and the time, each a piece of its own.
      const pieces = text.split(/\s+/);
      for (const number of date.match(/\d+/g) ?? []) expect(pieces).toContain(number);
      expect(date.match(/\d+/g)).toHaveLength(2);
      expect(pieces).toContain(formatTime('19:00', lng));
      // And the Arabic is drawn, not blank: the text layer holds Arabic letters, and the
      // page's right half, where right-to-left lines start, has ink in every third.
      expect(text.match(/[\u0621-\u064a]/g)?.length ?? 0).toBeGreaterThan(100);
      const page = await renderPage(bytes, 24);
      for (const third of [0, 1, 2]) {
        let ink = 0;
        const top = Math.round((page.height * third) / 3);
        const bottom = Math.round((page.height * (third + 1)) / 3);
        for (let y = top; y < bottom; y++)
          for (let x = Math.round(page.width / 2); x < page.width; x++)
            if ((page.rgba[(y * page.width + x) * 4] ?? 255) < 128) ink++;
        expect(ink, `ink in the right half of third ${third + 1}`).toBeGreaterThan(200);
      }
    });

    it("takes the language's words after commands, as its help texts show them", async () => {
      const t = i18n.t(lng);
      await h.postWebhook(messageUpdate(alice, group, `/parametres langue ${lng}`));
      // Every example of the settings' help, typed as shown, is understood.
      const refusals = ['unknown_setting', 'bad_switch', 'bad_kind', 'bad_language'].map((key) =>
        plain(t(`settings.${key}`, { languages: languagesIn(t, complete) })),
      );
      const examples = plain(t('settings.how_to'))
        .split('\n')
        .filter((line) => /^\/(parametres|settings) \S+ \S/.test(line))
        .map((line) => line.replace(/\s*\(.*$/, ''))
        // Not the group's own language (the rest of the test speaks it).
        .filter((line) => i18n.commandWords.find('setting', line.split(' ')[1]!) !== 'language');
      expect(examples.length).toBeGreaterThanOrEqual(5);
      for (const example of examples) {
        await h.postWebhook(messageUpdate(alice, group, example));
        const answer = plain(String(h.sentTo(group.id).at(-1)!.params.text));
        for (const refusal of refusals) expect(answer, example).not.toBe(refusal);
      }
      const chat = (await findChat(database.db, 'telegram', String(group.id)))!;
      expect(chat.kitSuggestions).toBe(false);
      expect(chat.cityMessages).toBe(false);
      expect(chat.visibleToCity).toBe(true);
      // Switches and kinds in the language's own words, and French and English ones still.
      for (const [word, expected] of [
        [wordOf(lng, 'switch', 'on'), true],
        ['non', false],
        ['yes', true],
      ] as const) {
        await h.postWebhook(
          messageUpdate(
            alice,
            group,
            `/parametres ${wordOf(lng, 'setting', 'suggestions')} ${word}`,
          ),
        );
        expect((await findChat(database.db, 'telegram', String(group.id)))!.kitSuggestions).toBe(
          expected,
        );
      }
      await h.postWebhook(
        messageUpdate(
          alice,
          group,
          `/parametres ${wordOf(lng, 'setting', 'kind')} ${wordOf(lng, 'groupKind', 'rue')}`,
        ),
      );
      expect((await findChat(database.db, 'telegram', String(group.id)))!.groupKind).toBe('rue');
      // A fête's poll closed by the language's word for it.
      await h.postWebhook(messageUpdate(alice, group, '/fete 28/05, 29/05'));
      await h.postWebhook(
        messageUpdate(alice, group, `/fete ${wordOf(lng, 'gathering', 'close')}`),
      );
      expect(h.fake.successfulCalls('stopPoll')).toHaveLength(1);
      expect(plain(String(h.sentTo(group.id).at(-1)!.params.text))).toContain(
        plain(t('gatherings.no_votes', { title: t('gatherings.fete_title', { year: 2027 }) })),
      );
      // Languages by their names in this language ("espanhol", "İspanyolca"), as its
      // refusal lists them.
      const other = lng === 'es' ? 'pt' : 'es';
      const secondLanguage = wordOf(lng, 'setting', 'secondLanguage');
      await h.postWebhook(
        messageUpdate(
          alice,
          group,
          `/parametres ${secondLanguage} ${t(`language.called.${other}`)}`,
        ),
      );
      expect((await findChat(database.db, 'telegram', String(group.id)))!.secondLocale).toBe(other);
      await h.postWebhook(messageUpdate(alice, group, `/parametres ${secondLanguage} klingon`));
      expect(plain(String(h.sentTo(group.id).at(-1)!.params.text))).toBe(
        plain(t('settings.bad_language', { languages: languagesIn(t, complete) })),
      );
      // A kit's large print asked for with the language's own phrase, anywhere in the line.
      const phrase = wordOf(lng, 'kitVariantPhrase', 'large');
      expect(phrase).toContain(' ');
      const before = h.fake.successfulCalls('sendDocument').length;
      await h.postWebhook(messageUpdate(alice, group, `/kit canicule ${phrase}`));
      const [first] = h.fake.successfulCalls('sendDocument').slice(before);
      const info = await readPdfInfo(uploadedBytes(first!.params.document)!);
      expect(info.Title).toContain(t('kits.pdf.variant_names.large'));
    });

    it('speaks to a person privately in their language, whatever the group speaks', async () => {
      await h.postWebhook(messageUpdate(bruno, privateChat(bruno), `/langue ${lng}`));
      expect(String(h.sentTo(bruno.id).at(-1)!.params.text)).toBe(
        i18n.t(lng)('language.switched_own'),
      );
      const person = await findPersonByIdentity(database.db, 'telegram', String(bruno.id));
      expect(person?.locale).toBe(lng);
      // Their data, asked for in the French-speaking group, comes privately in theirs.
      await h.postWebhook(messageUpdate(bruno, group, '/mesdonnees'));
      const exported = String(h.sentTo(bruno.id).at(-1)!.params.text);
      expect(plain(exported)).toContain(plain(i18n.t(lng)('privacy.core_name', { name: 'Bruno' })));
    });

    it('asks a volunteer for a need in their language, in a French-speaking group', async () => {
      const groupId = (await findChat(database.db, 'telegram', String(group.id)))!.id;
      const pressPrivately = (user: typeof bruno, data: string) =>
        h.postWebhook(callbackUpdate(user, privateChat(user), data));
      await h.postWebhook(messageUpdate(bruno, privateChat(bruno), `/langue ${lng}`));
      await h.postWebhook(messageUpdate(bruno, privateChat(bruno), `/start volunteer-${groupId}`));
      await pressPrivately(bruno, `aid:vcat:${groupId}:courses`);
      await pressPrivately(bruno, `aid:vdone:${groupId}`);
      await pressPrivately(bruno, `aid:vany:${groupId}`);
      const t = i18n.t(lng);
      // The need, asked in French by Alice, in the group.
      await h.postWebhook(messageUpdate(alice, group, '/besoin courses : du lait demain'));
      const link = buttonsOf(h.sentTo(group.id).at(-1))[0]!.url!;
      const payload = new URL(link).searchParams.get('start')!;
      await h.postWebhook(messageUpdate(alice, privateChat(alice), `/start ${payload}`));
      const publish = buttonsOf(h.sentTo(alice.id).at(-1)).find((b) =>
        b.callback_data?.startsWith('aid:npub:'),
      );
      await pressPrivately(alice, publish!.callback_data!);
      await h.app.jobs.runDueJobs();
      const asked = plain(String(h.sentTo(bruno.id).at(-1)!.params.text));
      expect(asked).toContain(plain(t('aid.ask_volunteer', { group: 'Résidence des Lilas' })));
      expect(asked).toContain(plain(t('aid.ask_volunteer_question')));
      // What Alice typed is shown as she wrote it.
      expect(asked).toContain('du lait demain');
      // Everything Bruno read privately was in his language (Alice's words aside).
      expectAllIn(
        lng,
        h.sentTo(bruno.id).map((c) => String(c.params.text).replace('du lait demain', '')),
      );
    });
  });

  it('offers a person who writes in another language to switch, once', async () => {
    // Emma's client is English; she writes in French.
    await h.postWebhook(
      messageUpdate(emma, privateChat(emma), "Bonjour, j'ai besoin d'aide pour mes courses"),
    );
    const offer = h
      .sentTo(emma.id)
      .find((c) => String(c.params.text).includes(i18n.t('fr')('language.offer')));
    expect(offer).toBeDefined();
    expect(String(offer!.params.text)).toContain(i18n.t('en')('language.offer'));
    expect(buttonsOf(offer).map((b) => b.callback_data)).toEqual(['language:fr', 'language:en']);
    // Not offered again, whatever she writes next.
    const count = h.sentTo(emma.id).length;
    await h.postWebhook(
      messageUpdate(emma, privateChat(emma), 'Merci beaucoup, je suis votre voisine'),
    );
    expect(
      h
        .sentTo(emma.id)
        .slice(count)
        .filter((c) => buttonsOf(c).some((b) => b.callback_data?.startsWith('language:'))),
    ).toEqual([]);
    await h.postWebhook(callbackUpdate(emma, privateChat(emma), 'language:fr'));
    expect(String(h.sentTo(emma.id).at(-1)!.params.text)).toBe(
      i18n.t('fr')('language.switched_own'),
    );
    const chat = await findChat(database.db, 'telegram', String(emma.id));
    expect(chat?.locale).toBe('fr');
    // A language the bot does not speak (yet), or made up, is a stale choice.
    await h.postWebhook(callbackUpdate(emma, privateChat(emma), 'language:xx'));
    expect(h.lastNotice()).toBe(i18n.t('fr')('router.stale_choice'));
  });

  it('does not offer a switch on a command, a short word, or the language already spoken', async () => {
    for (const text of ['ok', 'Hello, I need help with my shopping please', '/aide']) {
      await h.postWebhook(messageUpdate(emma, privateChat(emma), text));
    }
    const offers = h
      .sentTo(emma.id)
      .filter((c) => buttonsOf(c).some((b) => b.callback_data?.startsWith('language:')));
    expect(offers).toEqual([]);
  });

  it("repeats a fête's date briefly in the group's second language (admins set it)", async () => {
    await h.postWebhook(messageUpdate(bruno, group, '/parametres langue2 en'));
    expect(String(h.sentTo(group.id).at(-1)!.params.text)).toContain('seuls les administrateurs');
    await h.postWebhook(messageUpdate(alice, group, '/parametres langue2 xx'));
    expect(plain(String(h.sentTo(group.id).at(-1)!.params.text))).toContain(
      plain(
        i18n.t('fr')('settings.bad_language', { languages: languagesIn(i18n.t('fr'), complete) }),
      ),
    );
    await h.postWebhook(messageUpdate(alice, group, '/parametres langue2 en'));
    expect(String(h.sentTo(group.id).at(-1)!.params.text)).toContain(
      i18n.t('fr')('settings.second_language', { language: 'English' }),
    );
    const said = h.sentTo(group.id).length;
    await h.postWebhook(messageUpdate(alice, group, '/fete 28/05 19h'));
    const announcement = h
      .sentTo(group.id)
      .slice(said)
      .map((c) => String(c.params.text))
      .find((text) => text.includes(formatDate(FETE, 'fr', 'long')))!;
    expect(announcement).toContain(`— 📅 <b>`);
    expect(announcement).toContain(formatDate(FETE, 'en', 'long'));
    // Once none, the announcement is in French alone.
    await h.postWebhook(messageUpdate(alice, group, '/parametres langue2 aucune'));
    expect((await findChat(database.db, 'telegram', String(group.id)))?.secondLocale).toBeNull();
  });
});

describe('a check-in on Telegram', () => {
  // Tuesday 20 July 2027, 08:00 in Lyon.
  const clock = createTestClock('2027-07-20T06:00:00Z');
  const h = useTelegramHarness(database, {
    webhook: true,
    clock,
    env: { BOT_ADMINS: `telegram:${alice.id}` },
  });
  const { organise, say } = createTelegramChat(h, group);
  beforeEach(async () => {
    await organise(alice, '/parametres cp 69003');
    await say(bruno, '/aide');
  });

  it.each(complete)('reaches a referent in %s, in a French-speaking group', async (lng) => {
    const sayPrivately = (text: string) =>
      h.postWebhook(messageUpdate(bruno, privateChat(bruno), text));
    const pressPrivately = (data: string) =>
      h.postWebhook(callbackUpdate(bruno, privateChat(bruno), data));
    const lastButtons = () => buttonsOf(h.sentTo(bruno.id).at(-1));
    await sayPrivately(`/langue ${lng}`);
    await h.postWebhook(messageUpdate(bruno, group, '/referent'));
    const approve = buttonsOf(h.sentTo(group.id).at(-1))[0]!.callback_data!;
    await h.postWebhook(callbackUpdate(alice, group, approve));
    // Bruno adds the neighbour he checks on (what he types is kept as typed).
    await sayPrivately('/veiller');
    await sayPrivately('Mme Martin');
    await sayPrivately('3e gauche');
    await sayPrivately('frapper à la porte');
    await pressPrivately('watch:nocontact');
    await pressPrivately(lastButtons()[1]!.callback_data!);
    await pressPrivately(lastButtons()[0]!.callback_data!);
    // A canicule; at 10:00 the round goes to Bruno, in his language.
    await h.postWebhook(messageUpdate(alice, group, '/vigilance 69 canicule orange'));
    await h.app.jobs.runDueJobs();
    clock.set('2027-07-20T08:00:00Z');
    await h.app.jobs.enqueueRecurring({ kind: 'watchPlanRounds', cron: '0 * * * *' }, clock.now());
    await h.app.jobs.runDueJobs();
    const round = h
      .sentTo(bruno.id)
      .map((c) => plain(String(c.params.text)))
      .find((text) => text.includes(plain(i18n.t(lng)('watch.round_heat'))));
    expect(round).toContain('Mme Martin');
    expectAllIn(
      lng,
      h.sentTo(bruno.id).map((c) => String(c.params.text)),
    );
    // The group hears the vigilance in French.
    expect(
      h
        .sentTo(group.id)
        .map((c) => String(c.params.text))
        .join('\n'),
    ).toContain(i18n.t('fr')('watch.vigilance_heat_orange', { departement: '69' }));
  });
});

describe('on WhatsApp', () => {
  const h = useWhatsAppHarness(database, { clock: createTestClock('2026-11-26T10:00:00Z') });
  const { say, lastInGroup } = createWhatsAppChat(h);

  it.each(complete)('announces a fête in %s, and a person switches privately', async (lng) => {
    await say(wa.alice, `!parametres langue ${lng}`);
    await say(wa.alice, '!fete 28/05 19h');
    expect(plain(lastInGroup())).toContain(formatDate(FETE, lng, 'long'));
    h.client().receivePrivateMessage({
      from: wa.bruno.pn,
      body: `!langue ${lng}`,
      notifyName: 'Bruno',
    });
    await h.settle();
    expect(h.client().sentTo(wa.bruno.pn).at(-1)?.text).toBe(
      plain(i18n.t(lng)('language.switched_own')),
    );
  });
});

describe('every feature on WhatsApp, in each language', () => {
  // Tuesday 20 July 2027, 08:00 in Lyon: a summer, for the canicule.
  const clock = createTestClock('2027-07-20T06:00:00Z');
  const h = useWhatsAppHarness(database, { clock, env: { BOT_ADMINS: `whatsapp:${wa.alice.pn}` } });
  const { say, sayPrivately } = createWhatsAppChat(h);

  type Person = typeof wa.alice;
  const textsTo = (chat: string) =>
    h
      .client()
      .sentTo(chat)
      .map((s) => s.text ?? '')
      .filter(Boolean);
  const lastTo = (chat: string) => textsTo(chat).at(-1) ?? '';
  /** As a person reads it: no WhatsApp emphasis (*bold*, _italics_), no direction marks. */
  const seen = (text: string) => plain(text).replace(/[*_]/g, '');
  /** The number of the option that reads `label` in a numbered question. */
  function numberOf(text: string, label: string): string {
    const line = plain(text)
      .split('\n')
      .find((l) => l.replace(/^\s*\*\d+\.\*\s*/, '') === plain(label));
    const number = /\*(\d+)\.\*/.exec(line ?? '')?.[1];
    if (!number) throw new Error(`no option "${label}" in:\n${text}`);
    return number;
  }
  const choose = (person: Person, label: string) =>
    sayPrivately(person, numberOf(lastTo(person.pn), label));

  it.each(complete)('runs a kit, a need and a check-in in %s', async (lng) => {
    const t = i18n.t(lng);
    // The group and its neighbours speak the language; the settings in its own words.
    await say(wa.alice, `!parametres ${wordOf(lng, 'setting', 'language')} ${lng}`);
    await say(wa.alice, `!parametres ${wordOf(lng, 'setting', 'postcode')} 69003`);
    await say(wa.alice, `!parametres ${wordOf(lng, 'setting', 'name')} Lilas`);
    for (const person of [wa.alice, wa.bruno, wa.chloe]) {
      await sayPrivately(person, `!langue ${lng}`);
      expect(seen(lastTo(person.pn))).toBe(seen(t('language.switched_own')));
    }
    await say(wa.bruno, '!aide');

    // A kit: its chat summary in the language, and its documents.
    const kit = JSON.parse(
      readFileSync(
        fileURLToPath(new URL(`../../kits/${lng}/canicule.json`, import.meta.url)),
        'utf8',
      ),
    ) as { title: string; numbers: { label: string; number: string }[] };
    await say(wa.chloe, '!kit canicule');
    expect(seen(textsTo(wa.group).join('\n'))).toContain(seen(kit.title));
    // Its useful numbers punctuated as the language writes ("SAMU… : 15" only in French).
    const [samu] = kit.numbers;
    expect(seen(textsTo(wa.group).join('\n'))).toContain(
      seen(`${samu!.label}${t('kits.pdf.colon')} ${samu!.number}`),
    );
    expect(
      h
        .client()
        .sentTo(wa.group)
        .some((s) => s.kind === 'document'),
    ).toBe(true);

    // A need: Bruno offers his help, Alice asks, Bruno is asked and accepts.
    await sayPrivately(wa.bruno, '!jepeuxaider');
    await sayPrivately(wa.bruno, '1');
    await choose(wa.bruno, t('aid.categories_done_button'));
    await choose(wa.bruno, t('aid.any_time_button'));
    await sayPrivately(wa.alice, '!besoin courses : 2 baguettes');
    await choose(wa.alice, t('aid.preview_publish'));
    await h.app.jobs.runDueJobs();
    await h.settle();
    const asked = seen(lastTo(wa.bruno.pn));
    expect(asked).toContain(seen(t('aid.ask_volunteer', { group: 'Lilas' })));
    expect(asked).toContain('2 baguettes');
    await choose(wa.bruno, t('aid.accept_button'));

    // A check-in: Bruno becomes a referent, adds Mme Martin, a canicule is declared (in the
    // language's words), and the round reaches him at 10:00.
    await say(wa.bruno, '!referent');
    await say(wa.alice, /\*(\d+)\.\*/.exec(lastTo(wa.group))![1]!);
    await sayPrivately(wa.bruno, '!veiller');
    await sayPrivately(wa.bruno, 'Mme Martin');
    await sayPrivately(wa.bruno, '3e');
    await sayPrivately(wa.bruno, 'sonner 2 fois');
    await choose(wa.bruno, t('watch.no_contact_button'));
    await choose(wa.bruno, t('watch.consent_referent_button'));
    await choose(wa.bruno, t('watch.confirm_consent_button'));
    await say(
      wa.alice,
      `!vigilance 69 ${wordOf(lng, 'hazard', 'heat')} ${wordOf(lng, 'level', 'orange')}`,
    );
    await h.app.jobs.runDueJobs();
    clock.set('2027-07-20T08:00:00Z');
    await h.app.jobs.enqueueRecurring({ kind: 'watchPlanRounds', cron: '0 * * * *' }, clock.now());
    await h.app.jobs.runDueJobs();
    clock.set('2027-07-20T08:00:30Z');
    await h.app.jobs.runDueJobs();
    await h.settle();
    const round = seen(lastTo(wa.bruno.pn));
    expect(round).toContain(seen(t('watch.round_heat')));
    expect(round).toContain('Mme Martin');
    await choose(wa.bruno, t('watch.answer_ok'));
    expect(seen(textsTo(wa.bruno.pn).join('\n'))).toContain(
      seen(t('watch.answered_ok', { name: 'Mme Martin' })),
    );

    // Everything the group and these neighbours read was in their language.
    for (const chat of [wa.group, wa.alice.pn, wa.bruno.pn, wa.chloe.pn]) {
      expectAllIn(lng, textsTo(chat));
    }
  });
});
