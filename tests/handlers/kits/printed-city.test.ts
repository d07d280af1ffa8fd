// A partner city on a kit's printed words: the CCAS number joins the useful numbers and
// follows each sentence naming the CCAS, the programme line opens the tips, the invitation
// ends with it; and in Arabic the number keeps its groups' order inside a right-to-left
// sentence (the order pdf/bidi-text.ts draws them in).
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n, type I18n } from '../../../handlers/i18n.ts';
import { toPrintedCity } from '../../../handlers/kits/city-lines.ts';
import { loadKits } from '../../../handlers/kits/load-kits.ts';
import { toVisualPieces } from '../../../handlers/kits/pdf/bidi-text.ts';
import { withPrintedCity } from '../../../handlers/kits/pdf/printed-city.ts';

let i18n: I18n;
beforeAll(async () => {
  i18n = await createI18n();
});

const lyon = {
  lines: [{ partnerName: 'Lyon 3e', line: 'la salle Garibaldi est ouverte.' }],
  ccas: {
    partnerId: 1,
    partnerName: 'Lyon 3e',
    ccasPhone: '0478123456',
    ccasRegistryHowto: 'appelez-nous.',
  },
};

describe('a partner city on the printed kit', () => {
  it('adds the CCAS number and the programme line where the kit prints its words', () => {
    const city = toPrintedCity(lyon, i18n.t('fr'))!;
    const kit = loadKits().get('grand-froid', 'fr');
    const printed = withPrintedCity(kit, city);
    expect(printed.numbers.at(-1)).toEqual({ label: 'CCAS de Lyon 3e', number: '04 78 12 34 56' });
    expect(printed.numbers.slice(0, -1)).toEqual(kit.numbers);
    expect(printed.tips.items[0]).toBe('Lyon 3e\u202f: la salle Garibaldi est ouverte.');
    expect(printed.tips.items.at(-1)).toContain('appelez-nous.');
    const naming = printed.tips.items.filter(
      (item) => item.includes('CCAS de la mairie') || item.includes('(CCAS)'),
    );
    expect(naming.length).toBeGreaterThan(0);
    for (const item of naming)
      expect(item).toMatch(
        /CCAS de Lyon 3e\s?:\s\u206604\u00a078\u00a012\u00a034\u00a056\u2069\.$/u,
      );
    expect(printed.flyer.body.split('\n').at(-1)).toBe(city.programmeLines[0]);
    // Nothing for a city with neither a line nor a CCAS number.
    expect(toPrintedCity({ lines: [] }, i18n.t('fr'))).toBeUndefined();
  });

  it('keeps the number in order inside an Arabic sentence', () => {
    const city = toPrintedCity(lyon, i18n.t('ar'))!;
    const sentence = `اقترحوا عليه التسجيل في سجل البلدية (CCAS). ${city.ccas!.line}.`;
    const visual = toVisualPieces(sentence, true)
      .filter((piece) => !piece.space)
      .map((piece) => piece.text);
    const at = visual.indexOf('04');
    expect(visual.slice(at, at + 5)).toEqual(['04', '78', '12', '34', '56']);
  });
});
