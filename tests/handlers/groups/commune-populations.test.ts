// The committed populations table (the console's label: groups per 1,000 inhabitants) is what
// scripts/communes-table.ts makes of the installed @etalab/decoupage-administratif, and the
// one the console loads.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadCommunePopulations,
  populationsFile,
  toPopulations,
} from '../../../handlers/groups/commune-populations.ts';
import { toPopulationsTable } from '../../../scripts/communes-table.ts';
import { readDecoupageAdministratif } from '../../../scripts/decoupage-administratif.ts';

const text = readFileSync(populationsFile, 'utf8');

describe('the commune populations table', () => {
  it('is what scripts/communes-table.ts makes of the installed package', () => {
    const { communes, source } = readDecoupageAdministratif();
    expect(text).toBe(toPopulationsTable(communes, source));
  });

  it('has the arrondissements of Paris, Lyon and Marseille, never the whole city', async () => {
    const populations = await loadCommunePopulations();
    expect(populations).toEqual(toPopulations(text));
    for (const arrondissement of ['75101', '69381', '13201']) {
      expect(populations.get(arrondissement)).toBeGreaterThan(1000);
    }
    for (const city of ['75056', '69123', '13055']) expect(populations.has(city)).toBe(false);
    // Overseas and Corsica too.
    expect(populations.get('97411')).toBeGreaterThan(100_000); // Saint-Denis (La Réunion)
    expect(populations.get('2A004')).toBeGreaterThan(50_000); // Ajaccio
  });
});
