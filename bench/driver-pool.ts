// The database driver's pool under a long steady load: Node CPU per query on a fresh pool,
// then after 200,000 queries with 32 in flight (10 connections), through the same
// postgres.js client the bot uses. postgres.js 3.4.10's own pool queue makes the second figure
// about 3.5 times the first, for good (its remove() scans every slot ever used);
// patches/postgres+3.4.10.patch, applied by `npm ci`, keeps them level. Target:
// after/fresh ≤ 1.25. A new postgres.js release is checked here, then recorded in
// bench/support/postgres-release.ts.
import postgres from 'postgres';
import { inspectPostgresQueue } from '../db/postgres-queue-patch.ts';
import { formatNumber, formatTable, serverUrl } from './support/common.ts';
import { checkedPostgresRelease, installedPostgresVersion } from './support/postgres-release.ts';

const POOL = 10;
const IN_FLIGHT = 32;
const SAMPLE = 20_000;
const LONG_RUN = 200_000;
const TARGET_RATIO = 1.25;

export async function benchDriverPool(): Promise<void> {
  const checked = checkedPostgresRelease;
  const queue = inspectPostgresQueue().map((f) => `${f.path} ${f.state}`);
  console.log(
    `postgres.js ${installedPostgresVersion()} (last checked: ${checked.version}, ` +
      `after/fresh ${checked.afterOverFresh} on ${checked.measuredOn}), ` +
      `pool of ${POOL}, ${IN_FLIGHT} queries in flight; ${queue.join(', ')}`,
  );
  const sql = postgres(serverUrl, { max: POOL, onnotice: () => {} });
  try {
    const run = async (count: number) => {
      let started = 0;
      const cpu = process.cpuUsage();
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (started++ < count) await sql.unsafe('select 1', [], { prepare: true });
        }),
      );
      const used = process.cpuUsage(cpu);
      return (used.user + used.system) / count;
    };
    await run(SAMPLE); // connections opened, statement prepared
    const fresh = await run(SAMPLE);
    await run(LONG_RUN);
    const after = await run(SAMPLE);
    const ratio = after / fresh;
    console.log();
    console.log(
      formatTable([
        ['', 'fresh pool', `after ${formatNumber(LONG_RUN)} queries`, 'after/fresh', 'target'],
        [
          'Node CPU per query (µs)',
          formatNumber(fresh, 1),
          formatNumber(after, 1),
          formatNumber(ratio, 2),
          `≤ ${TARGET_RATIO}`,
          ratio <= TARGET_RATIO ? 'PASS' : 'MISS',
        ],
      ]),
    );
  } finally {
    await sql.end({ timeout: 5 });
  }
}
