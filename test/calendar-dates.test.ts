import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url).pathname;
const SCANNED = ['src', 'web/src', 'test', 'bench', 'scripts'];
/** The one module that may turn an instant into a calendar date, and this scan itself. */
const HELPER = 'src/shared/dates.ts';
const SELF = 'test/calendar-dates.test.ts';

/**
 * Ways to take a calendar date from a `Date` without saying whose calendar: UTC (`toISOString`,
 * `getUTC…`), the server's zone (`getDate`, `toLocaleDateString`), or a day built by hand.
 */
const DERIVATIONS: readonly [RegExp, string][] = [
  [/\.toISOString\(\)\s*\.(slice|substring|substr|split)\(/, 'toISOString() cut to a date'],
  [/\.get(UTC)?(FullYear|Month|Date|Day|Hours)\(\)/, 'a Date getter'],
  [/\.set(UTC)?(FullYear|Month|Date|Hours)\(/, 'a Date setter'],
  [/\.toLocale(Date|Time)String\(/, 'toLocaleDateString/TimeString'],
  [/new Date\(`\$\{[^`]*\}T/, 'an instant built from a calendar date'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every `new Intl.DateTimeFormat(…)` call, which must name its time zone. */
function dateFormatsWithoutZone(text: string): string[] {
  return [...text.matchAll(/new Intl\.DateTimeFormat\(([^;]*?)\)\s*;/gs)].map((m) => m[0]).filter((call) => !/timeZone:/.test(call));
}

describe('one calendar', () => {
  const sources = SCANNED.flatMap((dir) => files(join(ROOT, dir))).map((path) => ({ file: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

  it('scans the code, the screens, the tests, the benchmarks and the scripts', () => {
    for (const dir of SCANNED) expect(sources.some((s) => s.file.startsWith(`${dir}/`))).toBe(true);
  });

  it(`derives calendar dates only in ${HELPER}`, () => {
    const offenders = sources
      .filter((s) => s.file !== HELPER && s.file !== SELF)
      .flatMap(({ file, text }) =>
        text.split('\n').flatMap((line, i) => DERIVATIONS.filter(([pattern]) => pattern.test(line)).map(([, what]) => `${file}:${i + 1} ${what}`)),
      );
    expect(offenders).toEqual([]);
  });

  it('formats dates only with a time zone named', () => {
    const offenders = sources.filter((s) => s.file !== SELF).flatMap(({ file, text }) => dateFormatsWithoutZone(text).map((call) => `${file}: ${call.slice(0, 60)}`));
    expect(offenders).toEqual([]);
  });

  it('catches the derivations it is meant to catch', () => {
    const caught = (line: string) => DERIVATIONS.some(([pattern]) => pattern.test(line));
    expect(caught('const today = new Date().toISOString().slice(0, 10);')).toBe(true);
    expect(caught("new Date().toISOString().split('T')[0]")).toBe(true);
    expect(caught('new Date().getMonth() >= 3 ? new Date().getFullYear() : 0')).toBe(true);
    expect(caught('date.setUTCDate(date.getUTCDate() - 1)')).toBe(true);
    expect(caught('new Date(`${date}T00:00:00+09:00`)')).toBe(true);
    expect(caught('occurredAt.toISOString(),')).toBe(false);
    expect(caught("expiresAt: '2099-01-01T00:00:00Z'")).toBe(false);
    expect(dateFormatsWithoutZone("const f = new Intl.DateTimeFormat('ja-JP', { year: 'numeric' });")).toHaveLength(1);
    expect(dateFormatsWithoutZone("const f = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo' });")).toHaveLength(0);
  });
});
