/** @module Every module of src/ and web/src/ opens with its `/** @module … *\/` comment (issue 8 item 7). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url).pathname;

function modulesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modulesUnder(path);
    return /\.tsx?$/.test(path) && !/\.test\.tsx?$/.test(path) ? [path] : [];
  });
}

/** A module's opening `/** @module` comment, after an executable's `#!` line, with words in it. */
const MODULE_COMMENT = /^(?:#![^\n]*\n)?\/\*\*\s*(?:\*\s*)?@module\s+[^\s*]/;

const MODULES = ['src', 'web/src'].flatMap((dir) => modulesUnder(join(ROOT, dir))).map((file) => ({
  path: relative(ROOT, file),
  text: readFileSync(file, 'utf8'),
}));

describe('module comments', () => {
  it('finds the modules of both trees', () => {
    expect(MODULES.filter(({ path }) => path.startsWith('src/')).length).toBeGreaterThan(100);
    expect(MODULES.filter(({ path }) => path.startsWith('web/src/')).length).toBeGreaterThan(20);
  });

  it('every module starts with a /** @module */ comment describing it', () => {
    expect(MODULES.filter(({ text }) => !MODULE_COMMENT.test(text)).map(({ path }) => path)).toEqual([]);
  });

  it('a module has one @module comment, not a second one further down', () => {
    expect(MODULES.filter(({ text }) => (text.match(/^(?:\/\*\*| \*) @module\s/gm) ?? []).length > 1).map(({ path }) => path)).toEqual([]);
  });
});
