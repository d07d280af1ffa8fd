// Run by `npm install` and `npm ci` (the "postinstall" script): fixes a dependency's bug that
// has no release with the fix yet. Never fails an install: a file it does not recognise is
// reported and left alone (see db/postgres-queue-patch.ts).
import { applyPostgresQueuePatch } from '../db/postgres-queue-patch.ts';

try {
  const files = applyPostgresQueuePatch();
  const unknown = files.filter((file) => file.state === 'unknown');
  if (unknown.length === 0) {
    console.log('postgres.js: pool queue patched (db/postgres-queue-patch.ts)');
  } else {
    console.warn(
      `postgres.js: ${unknown.map((f) => f.path).join(', ')} not recognised (a new release?); ` +
        'left as it is. Check whether its pool queue still grows (db/postgres-queue-patch.ts, ' +
        '`npm run bench -- driver`), then update or remove the patch.',
    );
  }
} catch (error) {
  console.warn('postgres.js: pool queue not patched:', error);
}
