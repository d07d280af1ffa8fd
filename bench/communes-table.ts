// Communes by postcode: what each way of knowing them costs a bot process. Measured in one
// process with a forced GC between them (npm run bench -- communes):
// - the package read at run time, as its README shows (`require('…/communes.json')`: the
//   whole file kept);
// - the package read at run time and reduced to what the bot needs (a Map of postcode →
//   communes; the rest collected);
// - the committed table (handlers/groups/communes-by-postcode.tsv), as the bot reads it.
// Also the disk size of each source and the time of a lookup. The bot's whole-process target
// is under 200 MB RSS (bench/telegram-pipeline.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  communesTableFile,
  toCommunesTable,
  type Commune,
} from '../handlers/groups/communes-by-postcode.ts';
import { formatTable, percentile } from './support/common.ts';

interface Measure {
  name: string;
  loadMs: number;
  /** Heap and external memory still held once loaded and after a GC, MB. */
  retainedMb: number;
  /** Heap grown while loading, before any GC, MB: the peak the process must absorb. */
  peakMb: number;
  lookup: (postcode: string) => unknown;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const held = () => {
  const m = process.memoryUsage();
  return (m.heapUsed + m.external) / 1_048_576;
};

async function measure(
  name: string,
  load: () => Promise<(postcode: string) => unknown>,
): Promise<Measure> {
  gc();
  gc();
  const before = held();
  const start = performance.now();
  const lookup = await load();
  const loadMs = performance.now() - start;
  const peakMb = held() - before;
  gc();
  gc();
  return { name, loadMs, retainedMb: held() - before, peakMb, lookup };
}

export async function benchCommunesTable(): Promise<void> {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
  const communesJson = join(packageDir, 'data', 'communes.json');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const postcodes = readFileSync(communesTableFile, 'utf8')
    .split('\n')
    .flatMap((line) => (/^\d{5}\t/.test(line) ? [line.slice(0, 5)] : []));

  const results: Measure[] = [];
  results.push(
    await measure('package, whole communes.json kept', async () => {
      const all = JSON.parse(await readFile(communesJson, 'utf8')) as {
        codesPostaux?: string[];
      }[];
      return (postcode) => all.filter((c) => c.codesPostaux?.includes(postcode));
    }),
  );
  results.push(
    await measure('package, reduced to a Map at load', async () => {
      const all = JSON.parse(await readFile(communesJson, 'utf8')) as {
        code: string;
        nom: string;
        departement: string;
        type: string;
        codesPostaux?: string[];
      }[];
      const map = new Map<string, Commune[]>();
      for (const c of all) {
        if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
        for (const postcode of c.codesPostaux ?? []) {
          const list = map.get(postcode) ?? [];
          list.push({ insee: c.code, name: c.nom, departement: c.departement });
          map.set(postcode, list);
        }
      }
      return (postcode) => map.get(postcode) ?? [];
    }),
  );
  results.push(
    await measure('committed table (what the bot does)', async () => {
      const table = toCommunesTable(await readFile(communesTableFile, 'utf8'));
      return (postcode) => table.communesOf(postcode);
    }),
  );

  const rows = [['source', 'load (ms)', 'peak (MB)', 'retained (MB)', 'lookup p50 (µs)']];
  for (const result of results) {
    const times: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const postcode = postcodes[(i * 7919) % postcodes.length]!;
      const start = performance.now();
      result.lookup(postcode);
      times.push((performance.now() - start) * 1000);
    }
    rows.push([
      result.name,
      result.loadMs.toFixed(0),
      result.peakMb.toFixed(1),
      result.retainedMb.toFixed(1),
      percentile(
        times.sort((a, b) => a - b),
        50,
      ).toFixed(1),
    ]);
  }
  console.log(formatTable(rows));
  const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
  console.log(
    `\nOn disk: @etalab/decoupage-administratif ${version} ${mb(directorySize(packageDir))} ` +
      `(communes.json ${mb(statSync(communesJson).size)}); the committed table ` +
      `${mb(statSync(communesTableFile).size)}, ${postcodes.length} postcodes.`,
  );
}

function directorySize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}
