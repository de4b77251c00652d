import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Places allowed to open a municipality transaction without AccessControl, and why: none of
 * them reads or writes personal data on behalf of a person.
 */
const DIRECT_DATABASE_ACCESS: Record<string, string> = {
  'access/guard.ts': 'the choke point itself',
  'access/http.ts': 'resolves the session of a request',
  'access/authentication.ts': 'signs in before there is an actor, and audits every attempt itself',
  'cli/program.ts': 'operator commands on the server (migrate, audit verify and checkpoint)',
  'server/start.ts': 'signs audit checkpoints at intervals',
  'demo/seed.ts': 'loads the fictional demo city',
  'municipality/service.ts': "the municipality's own name and code are public",
  'system/service.ts': 'counts rows for the status page',
};

describe('architecture', () => {
  it('reaches city data only through AccessControl, except where listed', () => {
    const offenders = sourceFiles(SRC)
      .map((file) => relative(SRC, file))
      .filter((file) => !file.startsWith('db/') && !(file in DIRECT_DATABASE_ACCESS))
      .filter((file) => /\.(withMunicipality|withoutMunicipality)\(|\.owner\b/.test(readFileSync(join(SRC, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
