// Legal populations by commune (INSEE code → inhabitants), from the committed table that
// scripts/generate-communes-table.ts writes from @etalab/decoupage-administratif. Read once,
// on first use (the partner cities' label: groups per 1,000 inhabitants).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const populationsFile = fileURLToPath(new URL('./commune-populations.tsv', import.meta.url));

export function toPopulations(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [insee = '', population = ''] = line.split('\t');
    map.set(insee, Number(population));
  }
  return map;
}

let loading: Promise<Map<string, number>> | undefined;

export function loadCommunePopulations(): Promise<Map<string, number>> {
  loading ??= readFile(populationsFile, 'utf8').then(toPopulations, (error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
