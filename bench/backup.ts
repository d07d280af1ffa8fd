// Backups at scale: a server database with a million volunteers in 150,000 groups (seeded as
// bench/matching.ts does) backed up by `npm run backup`'s pg_dump (custom format) and
// restored by `npm run restore`'s pg_restore into an empty database: time and size.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { dumpServer, restoreServer } from '../db/backup/server-backup.ts';
import { createDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { formatNumber, formatTable, mb, withBenchDatabase } from './support/common.ts';
import { seedMutualAid, type MutualAidShape } from './support/seed-mutual-aid.ts';

const SHAPE: MutualAidShape = {
  groups: 150_000,
  volunteers: 1_000_000,
  otherPeople: 200_000,
  openRequests: 5_000,
  seed: 20_240_602,
};

export async function benchBackup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vsb-bench-backup-'));
  try {
    await withBenchDatabase(async (source) => {
      const app = await createDatabase({ url: source.url, maxConnections: 2 });
      try {
        await migrateDatabase(app);
      } finally {
        await app.close();
      }
      const loader = postgres(source.url, { max: 1, onnotice: () => {} });
      try {
        await seedMutualAid(loader, SHAPE, new Date());
        await loader.unsafe('VACUUM (ANALYZE)');
        const [size] = await loader<{ bytes: string }[]>`
          select pg_database_size(current_database())::text as bytes`;
        console.log(
          `PostgreSQL ${source.serverVersion}: ${formatNumber(SHAPE.volunteers)} volunteers in ` +
            `${formatNumber(SHAPE.groups)} groups, database ${mb(Number(size?.bytes))} on disk`,
        );
      } finally {
        await loader.end({ timeout: 5 });
      }
      const file = join(dir, 'voisins.pgdump');
      let start = performance.now();
      await dumpServer(source.url, file);
      const dumpMs = performance.now() - start;
      await withBenchDatabase(async (target) => {
        start = performance.now();
        await restoreServer(target.url, file);
        const restoreMs = performance.now() - start;
        console.log(
          formatTable([
            ['', 's', 'file'],
            [
              'backup (pg_dump --format=custom)',
              formatNumber(dumpMs / 1000, 1),
              mb(statSync(file).size),
            ],
            ['restore (pg_restore, empty database)', formatNumber(restoreMs / 1000, 1), ''],
          ]),
        );
      });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
