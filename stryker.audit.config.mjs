// Mutation testing of src/audit/, the vault and the guard on their own tests only
// (npx stryker run stryker.audit.config.mjs); scores in docs/TESTING.md.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.mutation-audit.config.ts' },
  mutate: ['src/audit/**/*.ts', '!src/audit/routes.ts', 'src/integrated-addressees/vault.ts', 'src/access/guard.ts'],
  concurrency: 1,
  jsonReporter: { fileName: `reports/mutation/audit${process.env.KEITAX_MUTATION_DB ? '-db' : ''}.json` },
  tempDirName: `.stryker-tmp-audit${process.env.KEITAX_MUTATION_DB ? '-db' : ''}`,
};
