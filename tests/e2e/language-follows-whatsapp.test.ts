// Each person in their language, on WhatsApp (numbered choices): what an outside tryout found
// still reaching people in French after they chose, or wrote, another of the bot's languages.
// - The offer to warn the organisers, made in French, was shown again in French as line 1
//   of an Arabic menu after `/langue ar`, and its "1" answered in French.
// - A need asked and previewed in Portuguese got its later messages (a job's "nobody to ask")
//   in French, and its preview said "as your neighbours will see it" over a card the group
//   reads in French.
// - The language offer's "answer with a number" line was French under a Portuguese offer.
// - "ola" and "eu vou" (too short to tell) were answered in French.
// - `/liste imprimir`, privately in Spanish, sent a French sheet.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createI18n, type I18n } from '../../handlers/i18n.ts';
import { readPdf } from '../handlers/kits/pdf/read-pdf.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, numberOf, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { residenceWith, wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { alice, bruno, chloe, djamel } = wa;
let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

// Tuesday 15 December 2026, 11:00 in Paris.
const clock = createTestClock('2026-12-15T10:00:00Z');
const h = useWhatsAppHarness(database, { clock, fake: residenceWith([djamel]) });
const { say, sayPrivately, answersTo, groupTexts, runJobs } = createWhatsAppChat(h);
beforeEach(async () => {
  await say(alice, '!aide');
  // Alice (the group's admin) can be told privately.
  await sayPrivately(alice, '!aide');
});

const fr = () => i18n.t('fr');

/** What the jobs due now (they may run after a restart) say privately to a person. */
async function jobsSayTo(person: typeof bruno): Promise<string[]> {
  const before = h.client().sentTo(person.pn).length;
  await runJobs();
  return h
    .client()
    .sentTo(person.pn)
    .slice(before)
    .map((s) => s.text ?? '');
}

describe('the offer to warn the organisers, after a language switch', () => {
  it('is shown again, and answered, in the language the person chose since', async () => {
    const ar = i18n.t('ar');
    const [numbers, offer] = await answersTo(djamel, 'rassi kaydour');
    expect(numbers).toContain('15');
    expect(offer).toContain(fr()('safety.offer_private'));
    await sayPrivately(djamel, '!langue ar');

    const [menu] = await answersTo(djamel, 'wach kayn chi wa7ed y3awni');
    expect(menu).toContain(ar('aid.pick_need_category'));
    // Line 1 is still the offer, in Arabic now like the rest of the menu.
    expect(numberOf(menu!, ar('safety.tell_again'))).toBe('1');
    expect(menu).not.toContain(fr()('safety.tell_again'));

    const [told] = await answersTo(djamel, '1');
    expect(told).toBe(ar('safety.told', { count: 1 }));
  });

  it('still answers in the language it was made in when the chat did not change', async () => {
    const pt = i18n.t('pt');
    await answersTo(bruno, 'sinto-me mal, estou tonto');
    const [told] = await answersTo(bruno, '1');
    expect(told).toBe(pt('safety.told', { count: 1 }));
  });
});

describe('a need asked in Portuguese in a chat still French', () => {
  it('says truthfully how the group reads it, and its later messages are Portuguese', async () => {
    const pt = i18n.t('pt');
    const [preview] = (await answersTo(bruno, 'preciso de ajuda pra levar as compras')).slice(-1);
    expect(preview).toContain(
      pt('aid.preview_intro_group_language', { language: pt('language.called.fr') }),
    );
    await sayPrivately(bruno, numberOf(preview!, pt('aid.preview_publish')));
    expect(groupTexts().at(-1)).toContain(fr()('aid.categories.courses'));

    // The first round of volunteers (a job: it may run after a restart) finds nobody.
    const later = await jobsSayTo(bruno);
    expect(later).toEqual([pt('aid.nobody_to_ask')]);
  });

  it('follows the language the person chooses afterwards', async () => {
    const pt = i18n.t('pt');
    const es = i18n.t('es');
    const [preview] = (await answersTo(bruno, 'preciso de ajuda pra levar as compras')).slice(-1);
    await sayPrivately(bruno, numberOf(preview!, pt('aid.preview_publish')));
    // Bruno then chooses Spanish: his need's later messages follow his choice.
    await sayPrivately(bruno, '!langue es');
    const later = await jobsSayTo(bruno);
    expect(later).toEqual([es('aid.nobody_to_ask')]);
  });
});

describe('before any language was chosen', () => {
  it('a greeting in Portuguese is answered in it, with the offer’s number line in it', async () => {
    const pt = i18n.t('pt');
    const answers = (await answersTo(chloe, 'ola')).join('\n');
    expect(answers).toContain(pt('understanding.greeting', { name: chloe.name }));
    expect(answers).toContain(pt('language.offer'));
    expect(answers).toContain(`_${pt('whatsapp.choices_hint')}_`);
    expect(answers).not.toContain(fr()('whatsapp.choices_hint'));
  });

  it('two short Portuguese words are answered in Portuguese', async () => {
    const answers = (await answersTo(djamel, 'eu vou')).join('\n');
    expect(answers).not.toContain(fr()('understanding.unknown'));
    expect(answers).toContain(i18n.t('pt')('language.offer'));
  });
});

describe('a document made privately', () => {
  it('follows the person’s language, not the group’s', async () => {
    const es = i18n.t('es');
    await say(alice, '!fete 28/05 19h');
    await say(alice, '!liste ajouter cidre');
    await sayPrivately(alice, '!langue es');
    await sayPrivately(alice, '!liste imprimir');
    const sheet = h
      .client()
      .sentTo(alice.pn)
      .flatMap((s) => (s.document ? [s.document] : []))
      .at(-1);
    expect(sheet?.filename).toBe(`${es('gatherings.print_file')}.pdf`);
    const { text } = await readPdf(sheet!.data);
    expect(text).toContain(es('gatherings.item_missing', { count: 1 }));
    expect(text).not.toContain(fr()('gatherings.item_missing', { count: 1 }));
  });
});
