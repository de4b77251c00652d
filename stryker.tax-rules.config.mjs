// Mutation testing of the tax-rule engine alone, against its unit tests only (vitest.mutation.config.ts):
// `npx stryker run stryker.tax-rules.config.mjs --mutate src/tax-rules/amount.ts --concurrency 1`.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/tax-rules/**/*.ts', '!src/tax-rules/**/*.test.ts'],
  reporters: ['clear-text', 'json'],
  // Two files may run side by side, each in its own temp dir (--tempDirName): neither copies the other's.
  ignorePatterns: ['/.stryker-tmp*'],
  jsonReporter: { fileName: `reports/mutation/${process.env.TAX_MUTATION_REPORT ?? 'tax-rules'}.json` },
};
