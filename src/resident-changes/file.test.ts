import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { individualNumberCheckDigit } from '../shared/individual-number.js';
import { Problem } from '../server/problem.js';
import { parseCsv } from '../shared/csv-file.js';
import { COLUMNS, readResidentChangeFile } from './file.js';

const number = (first11: string) => `${first11}${individualNumberCheckDigit(first11)}`;
const HEADER = COLUMNS.join(',');
const row = (cells: Partial<Record<(typeof COLUMNS)[number], string>>) =>
  COLUMNS.map((column) =>
    cells[column] ??
    {
      異動区分: '転居',
      異動日: '2026-05-01',
      個人番号: number('50000000001'),
      旧個人番号: '',
      氏名: '越谷　太郎',
      氏名カナ: 'コシガヤ　タロウ',
      性別: '1',
      生年月日: '1980-04-15',
      郵便番号: '343-0813',
      住所コード: '100',
      住所: '埼玉県越谷市越ヶ谷一丁目2番3号',
    }[column],
  ).join(',');
const utf8 = (...lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

function refusal(work: () => unknown): Problem {
  try {
    work();
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, and numbers rows by their first line', () => {
    expect(parseCsv('a,"b,c"\r\n"say ""hi""","two\nlines"\n\nlast,\n')).toEqual([
      { rowNo: 1, cells: ['a', 'b,c'] },
      { rowNo: 2, cells: ['say "hi"', 'two\nlines'] },
      { rowNo: 5, cells: ['last', ''] },
    ]);
  });
});

describe('readResidentChangeFile', () => {
  it('reads UTF-8 with a BOM, normalising names, dates, sex and postal code', () => {
    const file = readResidentChangeFile(
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(HEADER, row({ 氏名カナ: 'ｺｼｶﾞﾔ ﾀﾛｳ', 性別: '男', 異動日: 'R8.5.1' }))]),
      'auto',
    );
    expect(file).toMatchObject({ encoding: 'utf-8', rowCount: 1, problems: [] });
    expect(file.rows[0]).toEqual({
      rowNo: 2,
      changeType: 'moved_within',
      effectiveDate: '2026-05-01',
      individualNumber: number('50000000001'),
      previousIndividualNumber: null,
      nameKanji: '越谷\u3000太郎',
      nameKana: 'コシガヤ\u3000タロウ',
      sexCode: '1',
      birthDate: '1980-04-15',
      postalCode: '3430813',
      addressCode: '100',
      address: '埼玉県越谷市越ヶ谷一丁目2番3号',
    });
  });

  it('reads Shift_JIS (Windows-31J) the same, detected by itself, including IBM-extension kanji', () => {
    const text = [HEADER, row({ 氏名: '髙橋　太郎', 氏名カナ: 'タカハシ　タロウ' })].join('\r\n');
    const file = readResidentChangeFile(iconv.encode(text, 'cp932'), 'auto');
    expect(file.encoding).toBe('shift_jis');
    expect(file.rows[0]?.nameKanji).toBe('髙橋\u3000太郎');
  });

  it('refuses a Shift_JIS file with bytes that do not decode, naming the row and column', () => {
    const good = iconv.encode(`${HEADER}\r\n${row({ 氏名: '越谷　ＸＸ' })}`, 'cp932');
    // ＸＸ is 0x8277 0x8277; 0x8540 is unassigned in Windows-31J.
    const at = good.indexOf(Buffer.from([0x82, 0x77]));
    good[at] = 0x85;
    good[at + 1] = 0x40;
    const problem = refusal(() => readResidentChangeFile(good, 'shift_jis'));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ field: '2行目・氏名', message: 'Shift_JIS で表せない文字、または読めないバイトがあります' }]);
  });

  it('refuses a file declared UTF-8 that is not, naming the line', () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\r\n`), iconv.encode(row({}), 'cp932')]);
    expect(refusal(() => readResidentChangeFile(bytes, 'utf-8')).errors).toEqual([{ field: '2行目・(行全体)', message: 'UTF-8 として読めないバイトがあります' }]);
  });

  it('refuses a header with an unknown, doubled or missing column', () => {
    const problem = refusal(() => readResidentChangeFile(utf8('異動区分,異動日,異動日,個人番号,氏名,氏名かな,性別,生年月日,住所'), 'auto'));
    expect(problem.errors).toEqual([
      { field: '1行目・異動日', message: '同じ列が2回あります' },
      { field: '1行目・氏名かな', message: '定義されていない列です' },
      { field: '1行目・氏名カナ', message: '必須の列がありません' },
    ]);
  });

  it('lists wrong cells by row and column without their values, and keeps the good rows', () => {
    const bad = number('50000000002').replace(/.$/, (d) => String((Number(d) + 1) % 10));
    const file = readResidentChangeFile(
      utf8(
        HEADER,
        row({ 異動日: '2026-02-30', 個人番号: bad, 氏名カナ: '越谷タロウ', 性別: 'X' }),
        row({ 異動区分: '個人番号変更' }),
        row({ 異動区分: '引越し' }),
        row({ 異動区分: '転入', 住所コード: '' }),
        row({}),
      ),
      'auto',
    );
    expect(file.rows.map((r) => r.rowNo)).toEqual([6]);
    expect(file.problems).toEqual([
      { row: 2, column: '異動日', message: '存在しない日付です' },
      { row: 2, column: '個人番号', message: '個人番号の検査用数字が一致しません。番号を確認してください' },
      { row: 2, column: '氏名カナ', message: '氏名カナはカタカナで入力してください(漢字・英字は使えません)' },
      { row: 2, column: '性別', message: '性別は 1(男)・2(女) または 男・女 です' },
      { row: 3, column: '旧個人番号', message: '個人番号変更では旧個人番号が必要です' },
      { row: 4, column: '異動区分', message: '異動区分は 転入・出生・転出・転居・死亡・氏名変更・個人番号変更 のいずれかです' },
      { row: 5, column: '住所コード', message: '転入・出生・転居では市内の住所コードが必要です' },
    ]);
    expect(JSON.stringify(file.problems)).not.toContain(bad);
  });

  it('reads dates in 和暦 and refuses dates outside a plausible window', () => {
    const file = readResidentChangeFile(
      utf8(
        HEADER,
        row({ 異動日: '令和8年5月1日', 生年月日: 'S55.4.15' }),
        row({ 異動日: '令和99年1月1日' }),
        row({ 異動日: '1949-12-31' }),
        row({ 生年月日: '1899-12-31' }),
        row({ 生年月日: '平成31年5月1日' }),
        row({ 生年月日: '4月15日' }),
      ),
      'auto',
    );
    expect(file.rows.map((r) => [r.rowNo, r.effectiveDate, r.birthDate])).toEqual([[2, '2026-05-01', '1980-04-15']]);
    expect(file.problems).toEqual([
      { row: 3, column: '異動日', message: expect.stringMatching(/^異動日は昭和25年1月1日から.+までの日付で入力してください$/) },
      { row: 4, column: '異動日', message: expect.stringMatching(/^異動日は昭和25年1月1日から/) },
      { row: 5, column: '生年月日', message: expect.stringMatching(/^生年月日は明治33年1月1日から.+までの日付で入力してください$/) },
      { row: 6, column: '生年月日', message: '存在しない日付です' },
      { row: 7, column: '生年月日', message: '生年月日は 2026-04-01、R8.4.1、令和8年4月1日 などの形で入力してください' },
    ]);
  });
});

describe('the text rules of every free-text cell', () => {
  const read = (cells: Partial<Record<(typeof COLUMNS)[number], string>>) => readResidentChangeFile(utf8(HEADER, row(cells)), 'auto');

  it('keeps rare name kanji beyond JIS X 0213 and 異体字', () => {
    const { rows, problems } = read({ 氏名: '𠮷田　髙﨑' });
    expect(problems).toEqual([]);
    expect(rows[0]?.nameKanji).toBe('𠮷田　髙﨑');
  });

  it.each([
    ['氏名', 'あ'.repeat(1000), '氏名は100文字以内で入力してください'],
    ['氏名', '😀　絵文字', '氏名に使えない文字「😀」があります'],
    ['氏名カナ', 'ア'.repeat(101), '氏名カナは100文字以内で入力してください'],
    ['住所', `越谷${'\u0000'}`, '住所に使えない文字(U+0000)があります'],
    ['住所', '越'.repeat(201), '住所は200文字以内で入力してください'],
  ] as const)('refuses %s %j, naming the limit or the character', (column, value, message) => {
    const { rows, problems } = read({ [column]: value });
    expect(rows).toEqual([]);
    expect(problems).toContainEqual({ row: 2, column, message: expect.stringContaining(message) });
  });

  it('refuses an overlong coded cell without reading it', () => {
    const { problems } = read({ 個人番号: '1'.repeat(5000) });
    expect(problems).toContainEqual({ row: 2, column: '個人番号', message: '個人番号は40文字以内で入力してください' });
  });
});
