// Distress as a December 2026 tryout wrote it, through the WhatsApp fake client: Moroccan
// Arabic in Latin letters with the verb's prefix apart ("rassi kay dour"), "not good" said
// with its negation, the chest that hurts, "call the SAMU", Portuguese "não tô bem". Each got
// "je n'ai pas bien compris" instead of the emergency numbers. Look-alikes (laughter,
// affection, "my head is fine") get no numbers.
import { beforeEach, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { createWhatsAppChat, useWhatsAppHarness } from '../support/whatsapp-e2e.ts';
import { wa } from '../support/whatsapp-harness.ts';

const database = useTestDatabase();
const { alice, bruno } = wa;

const h = useWhatsAppHarness(database);
const { say, mention, answersTo, groupTexts } = createWhatsAppChat(h);
beforeEach(async () => {
  await say(alice, '!aide');
});

/** The numbers, in whichever language: 15 and 112 in bold. */
const NUMBERS = /\*15\*.*\*112\*/s;

const inGroup = async (text: string) => {
  const before = groupTexts().length;
  await mention(bruno, text);
  return groupTexts().slice(before).join('\n');
};

it('answers the tryout’s lines with the numbers, in the group and privately', async () => {
  const lines = [
    'rassi kay dour',
    'ça va pas rassi kay dour',
    'ghadi nmout',
    'kan7ess rassi ghadi nmout',
    'sdri kay7araqni',
    'sdri kaydorni',
    '7ass b rassi ghadi ntay7',
    'kan7es b chi haja machi mzyana f sdri',
    'ana ma mzyanch',
    '3afak 3ayet l sami',
    '3ayto l sami',
    'nao to bem',
    'my chest hurts',
    'pain in my chest',
  ];
  for (const line of lines) {
    expect(await inGroup(line), line).toMatch(NUMBERS);
  }
  for (const line of ['rassi kay dour', 'ana ma mzyanch', 'não tô bem', 'pain in my chest']) {
    const answers = await answersTo(bruno, line);
    expect(answers[0], line).toMatch(NUMBERS);
  }
});

it('gives no numbers to laughter, affection or a head that is fine', async () => {
  for (const line of [
    'ça va, rassi mzyan',
    'kanmout 3lik',
    'ghadi nmout b dhak',
    'je meurs de rire',
  ]) {
    expect(await inGroup(line), line).not.toMatch(NUMBERS);
  }
});
