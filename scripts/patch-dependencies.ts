// Run by `npm install` and `npm ci` (the root package's "postinstall"; `npm run postinstall`
// runs it again): applies patches/postgres+3.4.10.patch (db/postgres-queue-patch.ts). A file it
// does not recognise is left alone and reported, so that installing another release still
// works; the bot then refuses a server database until someone checks that release.
import {
  applyPostgresQueuePatch,
  POSTGRES_QUEUE_PATCH,
  postgresPackageDir,
} from '../db/postgres-queue-patch.ts';

const files = applyPostgresQueuePatch();
const unknown = files.filter((file) => file.state === 'unknown');
if (unknown.length === 0) {
  console.log(`postgres.js: pool queue patched (${POSTGRES_QUEUE_PATCH.patch})`);
} else {
  console.warn(
    `postgres.js: ${unknown.map((f) => f.path).join(', ')} in ${postgresPackageDir()} are not ` +
      `${POSTGRES_QUEUE_PATCH.version}'s, patched or not (another release?), and were left alone. ` +
      'Check whether its pool queue still grows (`npm run bench -- driver`), then update or ' +
      'remove the patch (db/postgres-queue-patch.ts).',
  );
}
