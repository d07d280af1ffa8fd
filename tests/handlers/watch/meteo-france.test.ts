import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseVigilanceMap,
  VigilanceMapError,
  type VigilanceReading,
} from '../../../handlers/watch/meteo-france.ts';

// Built from the documented format, not recorded: see tests/fixtures/meteo-france/README.md.
// The types below only describe what the tests touch; the samples hold more.
interface Item {
  phenomenon_id: string | number;
  phenomenon_max_color_id?: unknown;
  [field: string]: unknown;
}
interface Domain {
  domain_id: string;
  phenomenon_items: Item[];
  [field: string]: unknown;
}
interface Sample {
  product: {
    periods: { timelaps: { domain_ids: Domain[] }; [field: string]: unknown }[];
    [field: string]: unknown;
  };
}

function sample(name: string): Sample {
  const path = new URL(`../../fixtures/meteo-france/${name}`, import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')) as Sample;
}

function todayDomains(map: Sample): Domain[] {
  return map.product.periods[0]!.timelaps.domain_ids;
}

function todayDomain(map: Sample, id: string): Domain {
  const domain = todayDomains(map).find((d) => d.domain_id === id);
  if (!domain) throw new Error(`no domain ${id} in the sample`);
  return domain;
}

function levelsOf(readings: VigilanceReading[], hazard: 'heat' | 'cold'): Record<string, string> {
  return Object.fromEntries(
    readings.filter((r) => r.hazard === hazard).map((r) => [r.departement, r.level]),
  );
}

function notGreen(levels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(levels).filter(([, level]) => level !== 'green'));
}

const METROPOLE = 96;

describe('parseVigilanceMap', () => {
  it('reads a quiet summer day as green heat and cold in every département, for today only', () => {
    const readings = parseVigilanceMap(sample('quiet-summer-day.json'));
    expect(readings).toHaveLength(METROPOLE * 2);
    expect(new Set(readings.map((r) => r.level))).toEqual(new Set(['green']));
    // Tomorrow's yellow heat peak in the south-east stays tomorrow's; storms are not heat.
    expect(readings).toContainEqual({
      departement: '13',
      hazard: 'heat',
      level: 'green',
      validFrom: '2025-06-24T04:00:00Z',
      validTo: '2025-06-24T22:00:00Z',
    });
  });

  it('reads a heatwave per département, Corsica included, and ignores coastal domains', () => {
    const readings = parseVigilanceMap(sample('canicule-orange-red.json'));
    const heat = levelsOf(readings, 'heat');
    expect(Object.keys(heat)).toHaveLength(METROPOLE);
    expect(heat).toMatchObject({
      '33': 'red',
      '24': 'red',
      '47': 'red',
      '2A': 'orange',
      '2B': 'orange',
      '13': 'orange',
      '69': 'orange',
      '75': 'orange',
      '63': 'yellow',
      '29': 'green',
      '59': 'green',
    });
    expect(Object.values(notGreen(heat)).filter((l) => l === 'orange')).toHaveLength(26);
    expect(Object.values(notGreen(heat)).filter((l) => l === 'yellow')).toHaveLength(19);
    expect(readings.map((r) => r.departement)).not.toContain('2A10');
    expect(readings.map((r) => r.departement)).not.toContain('3310');
    expect(readings.map((r) => r.departement)).not.toContain('99');
    expect(notGreen(levelsOf(readings, 'cold'))).toEqual({});
  });

  it('reads a cold snap, with heat green out of season', () => {
    const readings = parseVigilanceMap(sample('grand-froid.json'));
    expect(notGreen(levelsOf(readings, 'cold'))).toEqual({
      '01': 'yellow',
      '08': 'yellow',
      '10': 'yellow',
      '21': 'yellow',
      '25': 'orange',
      '39': 'yellow',
      '51': 'yellow',
      '52': 'yellow',
      '54': 'yellow',
      '55': 'yellow',
      '57': 'yellow',
      '67': 'orange',
      '68': 'orange',
      '70': 'orange',
      '73': 'yellow',
      '74': 'yellow',
      '88': 'orange',
      '90': 'orange',
    });
    expect(notGreen(levelsOf(readings, 'heat'))).toEqual({});
    expect(readings[0]).toMatchObject({
      validFrom: '2025-01-09T05:00:00Z',
      validTo: '2025-01-09T23:00:00Z',
    });
  });

  it('never lets a coastal domain speak for its département', () => {
    const map = sample('canicule-orange-red.json');
    todayDomains(map).push({
      domain_id: '2910',
      max_color_id: 4,
      phenomenon_items: [{ phenomenon_id: '6', phenomenon_max_color_id: 4 }],
    });
    const heat = levelsOf(parseVigilanceMap(map), 'heat');
    expect(heat['29']).toBe('green');
    expect(heat['2910']).toBeUndefined();
  });

  it('skips unknown phenomena and extra fields whatever they hold', () => {
    const map = sample('grand-froid.json');
    map.product.new_field = { anything: true };
    const ain = todayDomain(map, '01');
    ain.phenomenon_items.push(
      { phenomenon_id: '42', phenomenon_max_color_id: 'violet', surprise: [1, 2] },
      { phenomenon_id: 10 },
    );
    ain.extra = 'ignored';
    const cold = levelsOf(parseVigilanceMap(map), 'cold');
    expect(cold['01']).toBe('yellow');
  });

  it('accepts ids and colours written as numbers or strings', () => {
    const map = {
      product: {
        periods: [
          {
            echeance: 'J',
            begin_validity_time: '2025-08-12T14:00:00Z',
            end_validity_time: '2025-08-12T22:00:00Z',
            timelaps: {
              domain_ids: [
                {
                  domain_id: '75',
                  phenomenon_items: [{ phenomenon_id: 6, phenomenon_max_color_id: '3' }],
                },
              ],
            },
          },
        ],
      },
    };
    expect(levelsOf(parseVigilanceMap(map), 'heat')).toEqual({ '75': 'orange' });
    expect(levelsOf(parseVigilanceMap(map), 'cold')).toEqual({ '75': 'green' });
  });

  it('gives no reading for a département missing from the map: unknown is not green', () => {
    const map = sample('canicule-orange-red.json');
    const today = map.product.periods[0]!.timelaps;
    today.domain_ids = today.domain_ids.filter((d) => d.domain_id !== '33');
    const readings = parseVigilanceMap(map);
    expect(readings.filter((r) => r.departement === '33')).toEqual([]);
    expect(readings).toHaveLength((METROPOLE - 1) * 2);
  });

  describe('which period is today', () => {
    it('reads J while it lasts, even before its start (the map was just issued)', () => {
      const map = sample('canicule-orange-red.json');
      for (const now of ['2025-08-12T13:59:00Z', '2025-08-12T14:00:00Z', '2025-08-12T21:59:59Z']) {
        expect(levelsOf(parseVigilanceMap(map, new Date(now)), 'heat')['33']).toBe('red');
      }
    });

    it('reads J1 after midnight when the map was not re-issued yet', () => {
      const readings = parseVigilanceMap(
        sample('canicule-orange-red.json'),
        new Date('2025-08-12T22:30:00Z'),
      );
      const heat = levelsOf(readings, 'heat');
      expect(heat).toMatchObject({ '33': 'orange', '69': 'red', '24': 'red' });
      expect(readings[0]).toMatchObject({
        validFrom: '2025-08-12T22:00:00Z',
        validTo: '2025-08-13T22:00:00Z',
      });
    });

    it('refuses a map whose periods have all ended', () => {
      expect(() =>
        parseVigilanceMap(sample('canicule-orange-red.json'), new Date('2025-08-14T06:00:00Z')),
      ).toThrow(/stale: no period covers 2025-08-14T06:00:00\.000Z .*updated 2025-08-12T14:02:31Z/);
    });

    it('refuses a map without J when no instant is given', () => {
      const map = sample('quiet-summer-day.json');
      map.product.periods = map.product.periods.slice(1);
      expect(() => parseVigilanceMap(map)).toThrow(/no period "J"/);
    });
  });

  describe('malformed input', () => {
    const cases: [string, unknown, RegExp][] = [
      ['nothing', null, /unexpected shape \(\(root\): /],
      ['an API error body', { code: '900902', message: 'Missing Credentials' }, /product: /],
      ['a product without periods', { product: {} }, /product\.periods: /],
      ['no period at all', { product: { periods: [] } }, /product\.periods: /],
      [
        'a period without its domains',
        {
          product: {
            periods: [
              {
                echeance: 'J',
                begin_validity_time: '2025-08-12T14:00:00Z',
                end_validity_time: '2025-08-12T22:00:00Z',
                timelaps: {},
              },
            ],
          },
        },
        /product\.periods\.0\.timelaps\.domain_ids: /,
      ],
      [
        'a validity that is not a date',
        {
          product: {
            periods: [
              {
                echeance: 'J',
                begin_validity_time: 'demain',
                end_validity_time: '2025-08-12T22:00:00Z',
                timelaps: { domain_ids: [] },
              },
            ],
          },
        },
        /begin_validity_time: is not a date and time/,
      ],
    ];
    it.each(cases)('refuses %s with a message that says where', (_name, input, message) => {
      expect(() => parseVigilanceMap(input)).toThrow(VigilanceMapError);
      expect(() => parseVigilanceMap(input)).toThrow(message);
    });

    it('refuses a heat or cold colour outside 1–4, naming the domain', () => {
      const map = sample('canicule-orange-red.json');
      const canicule = todayDomain(map, '33').phenomenon_items.find((p) => p.phenomenon_id === '6');
      canicule!.phenomenon_max_color_id = 5;
      expect(() => parseVigilanceMap(map)).toThrow(
        /period J, domain 33, phenomenon 6: colour 5 is not 1–4/,
      );
    });

    it('refuses a period that lists no département', () => {
      const map = sample('quiet-summer-day.json');
      map.product.periods[0]!.timelaps.domain_ids = [{ domain_id: 'FRA', phenomenon_items: [] }];
      expect(() => parseVigilanceMap(map)).toThrow(/period J lists no metropolitan département/);
    });
  });
});
