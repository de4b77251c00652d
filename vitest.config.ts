import { defineConfig } from 'vitest/config';

// Unit and integration tests: PGlite by default, a PostgreSQL server with KEITAX_TEST_TARGET=postgres.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
