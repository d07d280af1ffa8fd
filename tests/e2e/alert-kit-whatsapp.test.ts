// A heat alert in a group on WhatsApp offers its kit as choice 1, and every neighbour may
// answer "1". Tryout: each "1" posted the whole kit again (its summary and its PDFs), and the
// group drowned in copies. Once is enough: later asks get the kit privately when the bot may
// write to the person, else one short line pointing to the message above.
import { beforeEach, expect, it } from 'vitest';
import { KIT_GIVEN_AGAIN_AFTER_MS } from '../../handlers/kits/give-once.ts';
import { useTestDatabase } from '../support/test-database.ts';
import { createTestClock } from '../support/test-deps.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { alice, bruno, chloe } = wa;

// Tuesday 20 July 2027, 08:00 in Lyon.
const clock = createTestClock('2027-07-20T06:00:00Z');
const h = useWhatsAppHarness(database, { clock, env: { BOT_ADMINS: `whatsapp:${alice.pn}` } });
const { say, sayPrivately, privateTexts, groupTexts, lastInGroup, runJobs } = createWhatsAppChat(h);
const sentToGroup = () => h.client().sentTo(wa.group);

beforeEach(async () => {
  await say(alice, '!parametres cp 69003');
  for (const person of [bruno, chloe]) await say(person, '!aide');
  // Bruno has written to the bot privately; Chloé never has.
  await sayPrivately(bruno, '!aide');
  await say(alice, '!vigilance 69 canicule orange');
  await runJobs();
  expect(lastInGroup()).toContain('*1.* Le kit canicule');
});

it('posts the kit once for the alert’s "1"; later ones get it privately or a pointer', async () => {
  let before = sentToGroup().length;
  await say(chloe, '1');
  const kit = sentToGroup().slice(before);
  // The summary and its printable documents.
  expect(kit.length).toBeGreaterThan(1);
  expect(kit[0]!.text).toContain('Canicule');

  // Chloé again, whom the bot may not write to: one short line, pointing to it above.
  before = sentToGroup().length;
  await say(chloe, '1');
  expect(
    sentToGroup()
      .slice(before)
      .map((m) => m.text),
  ).toEqual([
    expect.stringMatching(
      /^👆 Le kit «\u202f.*Canicule.*\u202f» est plus haut dans le groupe \(envoyé à 8 h\)/,
    ),
  ]);
  expect(lastInGroup()).toContain('/kit canicule');

  // Bruno, who wrote privately: the kit privately, one line in the group.
  before = sentToGroup().length;
  const privately = privateTexts(bruno).length;
  await say(bruno, '1');
  expect(
    sentToGroup()
      .slice(before)
      .map((m) => m.text),
  ).toEqual([expect.stringContaining("je vous l'ai aussi envoyé en privé")]);
  const given = h.client().sentTo(bruno.pn).slice(privately);
  expect(given.length).toBe(kit.length);
  expect(given[0]!.text).toBe(kit[0]!.text);
  expect(groupTexts().filter((text) => text === kit[0]!.text)).toHaveLength(1);
});

it('posts it again in the group once the earlier one is far up', async () => {
  await say(chloe, '1');
  clock.advance(KIT_GIVEN_AGAIN_AFTER_MS);
  await say(alice, '!vigilance 69 canicule rouge');
  await runJobs();
  const before = sentToGroup().length;
  await say(chloe, '1');
  expect(sentToGroup().slice(before).length).toBeGreaterThan(1);
});
