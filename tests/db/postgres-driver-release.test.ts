// postgres.js 3.4.x's pool makes every query cost more the longer the bot runs, and `npm ci`
// patches it (bench/support/postgres-release.ts, db/postgres-queue-patch.ts). A release nobody
// measured could bring such a thing back, or need another patch: this fails as soon as one is
// installed, and says what to check.
import { describe, expect, it } from 'vitest';
import {
  checkedPostgresRelease,
  installedPostgresVersion,
} from '../../bench/support/postgres-release.ts';

describe('the postgres.js release', () => {
  it('is the one whose pool the driver benchmark last checked', () => {
    const installed = installedPostgresVersion();
    expect(
      installed,
      `postgres.js ${installed} is installed, but the driver benchmark last checked ` +
        `${checkedPostgresRelease.version}. Run \`npm run bench -- driver\` (after/fresh must ` +
        'stay ≤ 1.25: a query must not cost more after 200,000 queries), then record the ' +
        'version and the figure in bench/support/postgres-release.ts.',
    ).toBe(checkedPostgresRelease.version);
  });
});
