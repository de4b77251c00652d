// Mutation testing (npm run test:mutation): the rules the suite must pin down — the tax-rule
// engine, the audit chain, the individual-number vault and the access guard. Slow; not in CI.
// Scores and the surviving mutants judged equivalent are kept in docs/TESTING.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts' },
  mutate: [
    'src/tax-rules/**/*.ts',
    '!src/tax-rules/**/*.test.ts',
    'src/audit/**/*.ts',
    'src/integrated-addressees/vault.ts',
    'src/access/guard.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  thresholds: { high: 90, low: 80, break: null },
};
