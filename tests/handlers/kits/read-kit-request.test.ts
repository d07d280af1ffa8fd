// What "/kit …" asks for in the six languages: the kit's name read first (so "grand froid" is
// a kit, not "froid" in large print), variant words and phrases before the name too, and the
// examples each language's hint gives read as it says.
import { describe, expect, it } from 'vitest';
import { createI18n, locales } from '../../../handlers/i18n.ts';
import { createKitIndex } from '../../../handlers/kits/find-kit.ts';
import { loadKits } from '../../../handlers/kits/load-kits.ts';
import { parseEventDetails } from '../../../handlers/kits/parse-personalisation.ts';
import { readKitRequest } from '../../../handlers/kits/read-kit-request.ts';

const today = '2026-11-26';
const i18n = await createI18n();
const index = createKitIndex(loadKits());
const read = (args: string) => readKitRequest(args, index, i18n.commandWords, today);

describe('reading /kit', () => {
  it('reads a variant said before the name, in every language', () => {
    // All of these were "I can't find a kit called …".
    for (const [args, id, variant] of [
      ['gros caractères canicule', 'canicule', 'large'],
      ['en gros caractères canicule', 'canicule', 'large'],
      ['grand canicule', 'canicule', 'large'],
      ['facile fete', 'fete-des-voisins', 'easy'],
      ['large print heatwave', 'canicule', 'large'],
      ['big heatwave', 'canicule', 'large'],
      ['easy read cold snap', 'grand-froid', 'easy'],
      ['letra grande onda de calor', 'canicule', 'large'],
      ['fácil de ler festa', 'fete-des-voisins', 'easy'],
      ['con letra grande ola de calor', 'canicule', 'large'],
      ['fácil frío extremo', 'grand-froid', 'easy'],
      ['büyük harflerle sıcak hava', 'canicule', 'large'],
      ['kolay okunur şenlik', 'fete-des-voisins', 'easy'],
      ['بحروف كبيرة موجة الحر', 'canicule', 'large'],
      ['سهل القراءة البرد الشديد', 'grand-froid', 'easy'],
    ] as const) {
      expect(read(args), args).toEqual({ id, variant, rest: '' });
    }
    expect(read('gros caractères fete 28/05 19h cour')).toEqual({
      id: 'fete-des-voisins',
      variant: 'large',
      rest: '28/05 19h cour',
    });
  });

  it('reads a name that starts with a variant word as the name', () => {
    expect(read('grand froid')).toEqual({ id: 'grand-froid', variant: 'standard', rest: '' });
    expect(read('grand froid grand')).toEqual({ id: 'grand-froid', variant: 'large', rest: '' });
    expect(read('grand frois')).toEqual({ id: 'grand-froid', variant: 'standard', rest: '' });
    expect(read('grand format grand froid')).toEqual({
      id: 'grand-froid',
      variant: 'large',
      rest: '',
    });
    expect(read('facile grand froid')).toEqual({ id: 'grand-froid', variant: 'easy', rest: '' });
    expect(read('frio intenso fácil')).toEqual({ id: 'grand-froid', variant: 'easy', rest: '' });
  });

  it('suggests kits for the words without their variant words', () => {
    const found = read('gros caractères pique-nique');
    expect(found).toHaveProperty('suggestions');
    expect(read('grand')).toHaveProperty('suggestions');
  });

  it.each(locales)('reads the examples of the %s hint as it says', (lng) => {
    // The hint's last four commands: a kit, a kit with its date, time and place, then large
    // print and easy to read, each with the language's own phrase.
    const hint = i18n.t(lng)('kits.catalogue_hint');
    const examples = [...hint.matchAll(/\/kit ((?:(?!\/kit)[^.])+)/g)]
      .map((m) => m[1]!.trim())
      .slice(-4);
    expect(examples).toHaveLength(4);
    const read4 = examples.map(read);
    expect(read4.map((r) => ('variant' in r ? r.variant : r))).toEqual([
      'standard',
      'standard',
      'large',
      'easy',
    ]);
    const [plain, personalised, large, easy] = read4 as { id: string; rest: string }[];
    for (const found of [plain, large, easy]) expect(found).toMatchObject({ rest: '' });
    expect(parseEventDetails(personalised!.rest, today, lng)).toMatchObject({
      date: '2027-05-28',
      time: '19:00',
      place: expect.any(String),
    });
    // Each a phrase, which counts anywhere: a single word next to a place would stay in it.
    expect(examples[2]!.split(/\s+/).length).toBeGreaterThan(2);
    expect(examples[3]!.split(/\s+/).length).toBeGreaterThan(2);
  });
});
