import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Mutation testing of the audit chain, the vault and the guard (stryker.audit.config.mjs): only
// the tests that pin them down, so each mutant runs in seconds rather than the whole suite. The
// database tests join with KEITAX_MUTATION_DB=1 (for guard.ts, the repository and the
// service; slower). KEITAX_MUTATION_TESTS=a.test.ts,b.test.ts narrows a run to those files (a
// slow database run on the one file that pins a module). test/audit/chain.test.ts, a fresh
// database per tamper case, is too slow to mutate.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: process.env.KEITAX_MUTATION_TESTS?.split(',') ?? [
      'test/audit/walk.test.ts',
      'test/audit/files.test.ts',
      'test/audit/witness-durability.test.ts',
      'test/integrated-addressees/vault.test.ts',
      ...(process.env.KEITAX_MUTATION_DB ? ['test/audit/verify-wiring.test.ts', 'test/audit/review.test.ts', 'test/audit/witnessing.test.ts', 'test/access/guard.test.ts', 'test/access/guard-entries.test.ts'] : []),
    ],
  },
});
