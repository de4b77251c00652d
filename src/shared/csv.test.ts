import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

const body = (csv: string) => csv.replace(/^\uFEFF/, '').split('\r\n').slice(1, -1);

describe('toCsv', () => {
  it.each([
    ['=1+2+cmd|A0', `"'=1+2+cmd|A0"`],
    ['=HYPERLINK("http://example.invalid","x")', `"'=HYPERLINK(""http://example.invalid"",""x"")"`],
    ['+81 3 0000', `"'+81 3 0000"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\t=1', `"'\t=1"`],
    ['\r=1', `"'\r=1"`],
  ])('neutralises the formula-like string %j', (value, cell) => {
    expect(body(toCsv(['h'], [[value]]))).toEqual([cell]);
  });

  it('leaves ordinary text, and numbers the system itself typed as numbers (a negative amount), alone', () => {
    expect(body(toCsv(['a', 'b', 'c', 'd', 'e'], [['山田 太郎', -1200, 0, null, true]]))).toEqual(['"山田 太郎","-1200","0","","true"']);
  });

  it('quotes every field, doubles quotes, and writes a BOM and CRLF', () => {
    expect(toCsv(['名前'], [['a"b']])).toBe('\uFEFF"名前"\r\n"a""b"\r\n');
  });
});

const SRC = new URL('../', import.meta.url).pathname;
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(path) && !path.endsWith('.test.ts') ? [path] : [];
  });

describe('every CSV the system writes', () => {
  it('is written by toCsv: a file that sends or writes .csv imports it, and no other file joins quoted fields', () => {
    const files = sourceFiles(SRC).map((path) => ({ file: relative(SRC, path), text: readFileSync(path, 'utf8') }));
    const writers = files.filter(({ text }) => /type\(\s*'text\/csv/.test(text) || /writeFile\w*\([^)]*\.csv/.test(text));
    expect(writers.length).toBeGreaterThan(0);
    expect(writers.filter(({ text }) => !/import \{[^}]*\btoCsv\b[^}]*\} from '[./]+shared\/csv\.js'/.test(text)).map((w) => w.file)).toEqual([]);
    // Doubling quotes and joining with commas is writing CSV (an SQL identifier is quoted, never joined so).
    const handWritten = files.filter(
      ({ file, text }) => file !== 'shared/csv.ts' && /replace(All)?\(\s*(\/"\/g|'"')\s*,\s*'""'\)/.test(text) && /join\(\s*'(,|\\t)'\s*\)/.test(text),
    );
    expect(handWritten.map((f) => f.file)).toEqual([]);
  });
});
