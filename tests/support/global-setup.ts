// Before the suite: on a server, remove databases left by an interrupted earlier run. A
// database is named after the test worker that made it (vsb_test_<pid>_…): those of a
// worker still alive belong to another run going on at the same time, and are kept.
import postgres from 'postgres';

export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const stale = await admin<{ datname: string }[]>`
      select datname from pg_database where datname like 'vsb_test_%'`;
    for (const { datname } of stale) {
      const pid = Number(/^vsb_test_(\d+)_/.exec(datname)?.[1]);
      if (Number.isInteger(pid) && isAlive(pid)) continue;
      await admin.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
