import { defineConfig } from 'vitest/config';

// Mutation testing of the tax-rule engine (stryker.tax-rules.config.mjs): its unit tests only —
// pure functions, no database and no CLI child process, so no global setup.
export default defineConfig({
  test: {
    include: ['src/tax-rules/**/*.test.ts'],
    pool: 'forks',
    // Each mutant reruns the property tests: a tenth of their runs keeps a run within minutes.
    env: { TAX_PROPERTY_RUNS_DIVISOR: '10' },
  },
});
