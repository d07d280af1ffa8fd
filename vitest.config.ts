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
  },
});
