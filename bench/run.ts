// `npm run bench`: runs the benchmarks listed below, one after the other, and exits non-zero
// if one throws (a missed target is reported, not failed). `npm run bench -- matching` runs
// only those whose name contains one of the arguments. Memory figures need a forced GC,
// so without `--expose-gc` this script runs itself again once with it, through tsx's loader:
//   node --expose-gc --import tsx bench/run.ts
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchBackup } from './backup.ts';
import { benchCityMessage } from './city-message.ts';
import { benchCommunesTable } from './communes-table.ts';
import { benchConsoleSeed } from './console-seed.ts';
import { benchDriverPool } from './driver-pool.ts';
import { benchFaults } from './faults.ts';
import { benchKitDocuments } from './kit-documents.ts';
import { benchMatching } from './matching.ts';
import { benchTelegramPipeline } from './telegram-pipeline.ts';
import { benchWatchRound } from './watch-round.ts';
import { benchWhatsApp } from './whatsapp.ts';
import { benchWords } from './words.ts';

const benchmarks: { name: string; run: () => Promise<void> }[] = [
  { name: 'telegram pipeline', run: benchTelegramPipeline },
  { name: 'driver pool', run: benchDriverPool },
  { name: 'kit documents', run: benchKitDocuments },
  { name: 'matching', run: benchMatching },
  { name: 'watch round', run: benchWatchRound },
  { name: 'communes table', run: benchCommunesTable },
  { name: 'faults', run: benchFaults },
  { name: 'words', run: benchWords },
  { name: 'whatsapp', run: benchWhatsApp },
  { name: 'console', run: benchConsoleSeed },
  { name: 'backup', run: benchBackup },
  { name: 'city message', run: benchCityMessage },
];

const wanted = process.argv.slice(2).map((arg) => arg.toLowerCase());
const selected = benchmarks.filter(
  ({ name }) => wanted.length === 0 || wanted.some((arg) => name.includes(arg)),
);
if (selected.length === 0) {
  console.error(
    `No benchmark matches ${wanted.join(', ')}; there are: ${benchmarks.map((b) => b.name).join(', ')}.`,
  );
  process.exit(2);
}

if (typeof globalThis.gc !== 'function' && process.env.BENCH_RESPAWNED !== '1') {
  // Under `tsx bench/run.ts`, execArgv already holds tsx's loader; otherwise add it.
  const loader = process.execArgv.some((arg) => arg.includes('tsx'))
    ? process.execArgv
    : [...process.execArgv, '--import', 'tsx'];
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', ...loader, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, BENCH_RESPAWNED: '1' } },
  );
  process.exit(child.status ?? 1);
}

const cpu = cpus()[0]?.model.trim() ?? '?';
const gc = typeof globalThis.gc === 'function' ? 'exposed' : 'not exposed';
console.log(
  `node ${process.version}, ${availableParallelism()} CPUs (${cpu}), ` +
    `${new Date().toISOString()}, GC ${gc}`,
);
let failed = false;
for (const { name, run } of selected) {
  console.log(`\n== ${name}\n`);
  const start = performance.now();
  try {
    await run();
    console.log(`\n(${name}: ${((performance.now() - start) / 1000).toFixed(1)} s)`);
  } catch (error) {
    failed = true;
    console.error(`\n${name} failed:`, error);
  }
}
process.exitCode = failed ? 1 : 0;
