import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against the built app (npm run test:e2e).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    // A journey step is seconds on a quiet machine; the margin is for a loaded CI runner, where one slow step
    // would otherwise fail the steps after it that build on its state.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
