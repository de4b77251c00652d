import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Mutation testing of the audit chain, the vault and the guard (stryker.audit.config.mjs): only
// the tests that pin them down, so each mutant runs in seconds rather than the whole suite.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/audit/*.test.ts', 'test/access/guard.test.ts', 'test/integrated-addressees/vault.test.ts'],
    exclude: ['test/audit/cli.test.ts', 'test/audit/routes.test.ts'],
  },
});
