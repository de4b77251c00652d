import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every module of src/, by its path below src/ (`addressees/service.ts`), with its text. */
const MODULES = new Map(sourceFiles(SRC).map((file) => [relative(SRC, file), readFileSync(file, 'utf8')]));

/** The src/ modules a module imports (value and type imports, re-exports), by path below src/. */
function importsOf(module: string): string[] {
  const text = MODULES.get(module) ?? '';
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?'(\.{1,2}\/[^']+)'/gms)].map((m) => m[1] ?? '');
  return specifiers.map((specifier) => normalize(join(dirname(module), specifier)).replace(/\.js$/, '.ts')).filter((target) => MODULES.has(target));
}

/**
 * Places allowed to open a municipality transaction without AccessControl, and why: none of
 * them reads or writes personal data on behalf of a person.
 */
const DIRECT_DATABASE_ACCESS: Record<string, string> = {
  'access/guard.ts': 'the choke point itself',
  'access/http.ts': 'resolves the session of a request',
  'access/authentication.ts': 'signs in before there is an actor, and audits every attempt itself',
  'cli/main.ts': 'operator commands on the server (migrate, audit verify and checkpoint)',
  'server/start.ts': 'signs audit checkpoints at intervals',
  'demo/seed.ts': 'loads the fictional demo city',
  'municipality/service.ts': "the municipality's own name and code are public",
  'system/service.ts': 'counts rows for the status page',
};

describe('architecture', () => {
  it('reaches city data only through AccessControl, except where listed', () => {
    const offenders = [...MODULES.keys()]
      .filter((file) => !file.startsWith('db/') && !(file in DIRECT_DATABASE_ACCESS))
      .filter((file) => /\.(withMunicipality|withoutMunicipality)\(|\.owner\b/.test(MODULES.get(file) ?? ''));
    expect(offenders).toEqual([]);
  });





  it('builds the vault, AccessControl and every service in the composition root only', () => {
    const built = /\bnew (Vault|AccessControl|Authentication|StaffAdministration|AuditReview|[A-Z][A-Za-z]*Service)\(/;
    expect([...MODULES].filter(([module, text]) => module !== 'composition.ts' && built.test(text)).map(([module]) => module)).toEqual([]);
  });

  it('has no import cycles among the modules of src/ (type imports included)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (module: string, path: string[]) => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(module)), module].join(' -> '));
        return;
      }
      state.set(module, 'visiting');
      for (const target of importsOf(module)) visit(target, [...path, module]);
      state.set(module, 'done');
    };
    for (const module of MODULES.keys()) visit(module, []);
    expect(cycles).toEqual([]);
  });
});
