// A second process on an embedded database, as the bot opens it (createDatabase on a data
// folder, then the migrations), for tests/db/data-folder-lock.test.ts. Run as
//   node --import tsx tests/support/embedded-database-process.ts <folder> <mode> [--on-go]
// --on-go: load everything, print "loaded", and open only when a line "go" arrives on stdin
// (so that several processes open at the same instant). Once open it prints "ready"; "hold"
// then waits for SIGTERM (closes the database, exit 0); "burst" inserts rows one at a time
// into a table `burst` (after those already there) and prints "confirmed <n>" as each insert
// commits, until it is killed;
// "count" prints "rows <how many in burst>", closes the database and exits 0.
// Refused (DataFolderLockedError): the message on stderr, exit 3, as bot/main.ts does.
import { createInterface } from 'node:readline';
import { createDatabase, queryRows, type Database } from '../../db/client.ts';
import { DataFolderLockedError } from '../../db/data-folder-lock.ts';
import { migrateDatabase } from '../../db/migrate.ts';

const [folder, mode, flag] = process.argv.slice(2);
if (!folder || !['hold', 'burst', 'count'].includes(mode ?? '')) {
  console.error('usage: embedded-database-process.ts <folder> <hold|burst|count> [--on-go]');
  process.exit(2);
}

if (flag === '--on-go') {
  process.stdout.write('loaded\n');
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.on('line', (line) => line === 'go' && resolve()));
  lines.close();
}

let database: Database;
try {
  database = await createDatabase({ dataDir: folder });
  await migrateDatabase(database);
} catch (error) {
  if (error instanceof DataFolderLockedError) {
    console.error(error.message);
    process.exit(3);
  }
  throw error;
}
await database.withSession((exec) => exec('create table if not exists burst (n int primary key)'));
process.stdout.write('ready\n');

if (mode === 'hold') {
  process.once('SIGTERM', () => {
    void database.close().then(() => process.exit(0));
  });
  setInterval(() => {}, 60_000); // stay until told
} else if (mode === 'count') {
  const [row] = await queryRows<{ rows: number }>(
    database.db,
    'select count(*)::int as rows from burst',
  );
  process.stdout.write(`rows ${row?.rows}\n`);
  await database.close();
} else {
  const [last] = await queryRows<{ n: number }>(database.db, 'select max(n) as n from burst');
  for (let n = (last?.n ?? 0) + 1; ; n++) {
    await database.withSession((exec) => exec(`insert into burst (n) values (${n})`));
    process.stdout.write(`confirmed ${n}\n`);
  }
}
