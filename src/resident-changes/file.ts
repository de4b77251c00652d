import iconv from 'iconv-lite';
import { isKatakanaName, storedNameKana, storedNameKanji } from '../addressees/model.js';
import { individualNumberSchema } from '../shared/individual-number.js';
import { Problem } from '../server/problem.js';
import { calendarDateSchema } from '../shared/date-schema.js';
import { tooLongMessage } from '../shared/messages.js';
import { text, TEXT_LIMITS } from '../shared/text.js';
import { ARRIVALS, CHANGE_TYPE_BY_LABEL, type CellProblem, type ChangeType, type ResidentChangeRow } from './model.js';

/**
 * Reading a resident-change file (docs/resident-change-file.md): UTF-8 (with or without BOM) or
 * Shift_JIS (Windows-31J), comma-separated with a header row, RFC 4180 quoting.
 *
 * iconv-lite turns bytes Shift_JIS cannot read into U+FFFD, and characters it cannot write
 * into `?`, without a word. A name silently corrupted would match nobody, or the wrong
 * person, so every cell of a Shift_JIS file must survive the round trip decode → encode →
 * decode unchanged; a file where one does not is refused, naming the row and column.
 * (Comparing bytes instead would refuse good files: NEC and IBM code the same kanji — 髙 is
 * 0xFBFC and 0xEEE0 — and both decode to one character.)
 */
export type EncodingChoice = 'auto' | 'utf-8' | 'shift_jis';
export type FileEncoding = 'utf-8' | 'shift_jis';

export const COLUMNS = ['異動区分', '異動日', '個人番号', '旧個人番号', '氏名', '氏名カナ', '性別', '生年月日', '郵便番号', '住所コード', '住所'] as const;
type Column = (typeof COLUMNS)[number];
const OPTIONAL_COLUMNS: ReadonlySet<Column> = new Set(['旧個人番号', '郵便番号', '住所コード']);
/**
 * The free-text cells obey the same text rules and limits as the register's screen and API
 * (a 1000-character name once widened the search page to 16,880 px); any other cell is a code,
 * a number or a date, refused unread past CODE_CELL_MAX characters.
 */
const TEXT_CELLS = {
  氏名: text({ label: '氏名', max: TEXT_LIMITS.name }),
  氏名カナ: text({ label: '氏名カナ', max: TEXT_LIMITS.name }),
  住所: text({ label: '住所', max: TEXT_LIMITS.address }),
} as const satisfies Partial<Record<Column, unknown>>;
const CODE_CELL_MAX = 40;

/** At most this many problems are listed; a file that wrong is wrong throughout. */
const MAX_PROBLEMS = 200;

export interface ReadFile {
  encoding: FileEncoding;
  rows: ResidentChangeRow[];
  /** Rows refused for their content, each with the column at fault. */
  problems: CellProblem[];
  rowCount: number;
}

const refuse = (problems: CellProblem[], detail: string) =>
  Problem.validation(
    problems.slice(0, MAX_PROBLEMS).map((p) => ({ field: `${p.row}行目・${p.column}`, message: p.message })),
    detail,
  );

export function decodeFile(bytes: Uint8Array, choice: EncodingChoice): { text: string; encoding: FileEncoding } {
  if (choice !== 'shift_jis') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
    } catch {
      if (choice === 'utf-8') {
        throw refuse([{ row: firstUndecodableLine(bytes), column: '(行全体)', message: 'UTF-8 として読めないバイトがあります' }], 'ファイルが UTF-8 ではありません。文字コードに Shift_JIS を選ぶか、UTF-8 で保存し直してください。');
      }
    }
  }
  return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'shift_jis' };
}

function firstUndecodableLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks; CRLF or LF. */
export function parseCsv(text: string): { rowNo: number; cells: string[] }[] {
  const records: { rowNo: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') records.push({ rowNo: recordLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

/** Decodes, checks the header and every cell, and returns the rows that can be applied. */
export function readResidentChangeFile(bytes: Uint8Array, choice: EncodingChoice): ReadFile {
  const { text, encoding } = decodeFile(bytes, choice);
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) throw Problem.validation([{ field: 'file', message: 'ファイルが空です' }], '見出し行とデータ行のあるファイルを選んでください。');
  if (encoding === 'shift_jis') {
    const unreadable = [header, ...records].flatMap(({ rowNo, cells }) =>
      cells.flatMap((value, i) => (survivesShiftJis(value) ? [] : [{ row: rowNo, column: header.cells[i] ?? `${i + 1}列目`, message: 'Shift_JIS で表せない文字、または読めないバイトがあります' }])),
    );
    if (unreadable.length > 0) {
      throw refuse(unreadable, '文字コードの変換で失われる文字があるため、ファイル全体を取り込みませんでした。UTF-8 で出力し直してください。');
    }
  }
  const columns = checkHeader(header.cells.map((name) => name.trim()));
  const rows: ResidentChangeRow[] = [];
  const problems: CellProblem[] = [];
  for (const record of records) {
    const values = Object.fromEntries(COLUMNS.map((column) => [column, (record.cells[columns.get(column) ?? -1] ?? '').trim()])) as Record<Column, string>;
    const result = readRow(record.rowNo, values);
    if ('problems' in result) problems.push(...result.problems);
    else rows.push(result.row);
  }
  return { encoding, rows, problems: problems.slice(0, MAX_PROBLEMS), rowCount: records.length };
}

function survivesShiftJis(value: string): boolean {
  return !value.includes('\uFFFD') && iconv.decode(iconv.encode(value, 'cp932'), 'cp932') === value;
}

function checkHeader(names: string[]): Map<Column, number> {
  const problems: CellProblem[] = [];
  const columns = new Map<Column, number>();
  names.forEach((name, i) => {
    if (!(COLUMNS as readonly string[]).includes(name)) problems.push({ row: 1, column: name || `${i + 1}列目`, message: '定義されていない列です' });
    else if (columns.has(name as Column)) problems.push({ row: 1, column: name, message: '同じ列が2回あります' });
    else columns.set(name as Column, i);
  });
  for (const column of COLUMNS) {
    if (!OPTIONAL_COLUMNS.has(column) && !columns.has(column)) problems.push({ row: 1, column, message: '必須の列がありません' });
  }
  if (problems.length > 0) throw refuse(problems, '見出し行が定義と違います。docs/resident-change-file.md の列名で出力してください。');
  return columns;
}

function readRow(rowNo: number, v: Record<Column, string>): { row: ResidentChangeRow } | { problems: CellProblem[] } {
  const problems: CellProblem[] = [];
  const problem = (column: Column, message: string) => problems.push({ row: rowNo, column, message });
  const required = (column: Column) => {
    if (!v[column]) problem(column, '入力されていません');
    return v[column];
  };
  const overlong = COLUMNS.filter((column) => !(column in TEXT_CELLS) && v[column].length > CODE_CELL_MAX);
  for (const column of overlong) problem(column, tooLongMessage(column, CODE_CELL_MAX));
  if (overlong.length > 0) return { problems };
  for (const [column, rules] of Object.entries(TEXT_CELLS) as [keyof typeof TEXT_CELLS, (typeof TEXT_CELLS)[keyof typeof TEXT_CELLS]][]) {
    const result = v[column] ? rules.safeParse(v[column]) : undefined;
    if (result && !result.success) problem(column, result.error.issues[0]?.message ?? '');
  }

  const changeType: ChangeType | undefined = CHANGE_TYPE_BY_LABEL[required('異動区分')];
  if (v.異動区分 && !changeType) problem('異動区分', `異動区分は ${Object.keys(CHANGE_TYPE_BY_LABEL).join('・')} のいずれかです`);
  const effectiveDate = date(required('異動日'), '異動日', problem);
  const individualNumber = number(required('個人番号'), '個人番号', problem);
  const previousIndividualNumber = (v.旧個人番号 && number(v.旧個人番号, '旧個人番号', problem)) || null;
  if (changeType === 'number_changed' && !v.旧個人番号) problem('旧個人番号', '個人番号変更では旧個人番号が必要です');
  if (changeType && changeType !== 'number_changed' && v.旧個人番号) problem('旧個人番号', '旧個人番号は個人番号変更の行にだけ入力します');
  if (previousIndividualNumber && previousIndividualNumber === individualNumber) problem('旧個人番号', '新旧の個人番号が同じです');
  const nameKanji = storedNameKanji(required('氏名'));
  const nameKana = storedNameKana(required('氏名カナ'));
  if (nameKana && !isKatakanaName(nameKana, { corporation: false })) problem('氏名カナ', '氏名カナはカタカナで入力してください(漢字・英字は使えません)');
  const sexCode = ({ '1': '1', '2': '2', 男: '1', 女: '2' } as const)[required('性別') as '1'] as '1' | '2' | undefined;
  if (v.性別 && !sexCode) problem('性別', '性別は 1(男)・2(女) または 男・女 です');
  const birthDate = date(required('生年月日'), '生年月日', problem);
  if (birthDate && effectiveDate && birthDate > effectiveDate) problem('生年月日', '生年月日が異動日より後です');
  const postalCode = v.郵便番号 ? v.郵便番号.normalize('NFKC').replace(/-/g, '') : null;
  if (postalCode && !/^[0-9]{7}$/.test(postalCode)) problem('郵便番号', '郵便番号は7桁の数字です');
  const addressCode = v.住所コード ? v.住所コード.normalize('NFKC') : null;
  if (addressCode && !/^[0-9]{1,12}$/.test(addressCode)) problem('住所コード', '住所コードは12桁以内の数字です');
  if (!addressCode && changeType && (ARRIVALS.has(changeType) || changeType === 'moved_within')) problem('住所コード', '転入・出生・転居では市内の住所コードが必要です');
  const address = required('住所');

  if (problems.length > 0 || !changeType || !effectiveDate || !individualNumber || !sexCode || !birthDate) return { problems };
  return {
    row: { rowNo, changeType, effectiveDate, individualNumber, previousIndividualNumber, nameKanji, nameKana, sexCode, birthDate, postalCode, addressCode, address },
  };
}

/** 異動日 and 生年月日, in any form clerks type, within a plausible window (src/shared/date-schema.ts). */
const DATE_SCHEMAS = { 異動日: calendarDateSchema('異動日', 'event'), 生年月日: calendarDateSchema('生年月日', 'birth') } as const;

function date(value: string, column: keyof typeof DATE_SCHEMAS, problem: (column: Column, message: string) => void): string | undefined {
  if (!value) return undefined;
  const result = DATE_SCHEMAS[column].safeParse(value);
  if (!result.success) problem(column, result.error.issues[0]?.message ?? '日付が正しくありません');
  return result.data;
}

function number(value: string, column: Column, problem: (column: Column, message: string) => void): string | undefined {
  if (!value) return undefined;
  const result = individualNumberSchema.safeParse(value);
  if (!result.success) problem(column, result.error.issues[0]?.message ?? '個人番号が正しくありません');
  return result.data;
}
