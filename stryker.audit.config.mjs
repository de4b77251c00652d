// Mutation testing of src/audit/, the vault and the guard on their own tests only
// (npx stryker run stryker.audit.config.mjs); scores in docs/TESTING.md.
import base from './stryker.config.mjs';

const run = process.env.KEITAX_MUTATION_RUN ?? (process.env.KEITAX_MUTATION_DB ? 'db' : 'unit');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.mutation-audit.config.ts' },
  mutate: ['src/audit/**/*.ts', '!src/audit/routes.ts', 'src/integrated-addressees/vault.ts', 'src/access/guard.ts'],
  concurrency: 1,
  // KEITAX_MUTATION_RUN names a run, so several can go side by side (one file each).
  jsonReporter: { fileName: `reports/mutation/audit-${run}.json` },
  tempDirName: `.stryker-tmp-audit-${run}`,
};
