import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tests run on an embedded PGlite database by default and on a PostgreSQL server when
// TEST_DATABASE_URL is set (tests/support/test-database.ts creates one database per file).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest runs one file at a time on two cores (cores − 1); most files spend much of their
    // time waiting on PostgreSQL, Chromium or timers, so two at once finish far sooner there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
