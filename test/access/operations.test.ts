import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_OPERATIONS } from '../../src/access/operation-catalog.js';
import { accessOf } from '../../src/access/operations.js';
import { requiredPermissions } from '../../src/access/permissions.js';
import { appPerSuite, type TestApp } from '../support/app.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });

describe("each operation's permission, written once (src/access/operations.ts)", () => {
  let t: TestApp;

  appPerSuite((app) => {
    t = app;
  });

  const byName = new Map(ALL_OPERATIONS.map((spec) => [spec.operation, spec]));

  it('names every operation once, across all capabilities', () => {
    expect(byName.size).toBe(ALL_OPERATIONS.length);
  });

  it('has every route that needs a permission declare the operations it serves, and need exactly what they need', () => {
    const guarded = t.app.declaredRoutes().filter((route) => route.method !== 'HEAD' && route.permission && requiredPermissions(route.permission).length > 0);
    expect(guarded.length).toBeGreaterThan(30);
    const wrong = guarded.flatMap((route) => {
      const where = `${route.method} ${route.url}`;
      if (!route.operations?.length) return [`${where} declares no operation`];
      return route.operations.flatMap((name) => {
        const spec = byName.get(name);
        if (!spec) return [`${where} serves ${name}, which no operations.ts defines`];
        const needed = requiredPermissions(accessOf(spec)).sort().join('+');
        const declared = requiredPermissions(route.permission!).sort().join('+');
        return needed === declared ? [] : [`${where} declares ${declared}, but ${name} checks ${needed}`];
      });
    });
    expect(wrong).toEqual([]);
  });

  it('has every AccessControl.run take its permission from an operation spec, never a literal', () => {
    const literal = /\.run\(\s*actor,\s*\{[^}]*\bpermission:/s;
    expect(sources(SRC).filter((file) => literal.test(readFileSync(file, 'utf8'))).map((file) => relative(SRC, file))).toEqual([]);
  });

  it('serves or checks every operation it defines', () => {
    const code = sources(SRC)
      .filter((file) => !file.endsWith('operations.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    // Names built from a value (`resident.review.${action}`) count by their common start.
    const used = (name: string) => code.includes(`'${name}'`) || [...code.matchAll(/`([a-zA-Z.]+)\$\{/g)].some((m) => name.startsWith(m[1] ?? '-'));
    expect(ALL_OPERATIONS.map((spec) => spec.operation).filter((name) => !used(name))).toEqual([]);
  });
});
