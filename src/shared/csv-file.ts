/**
 * @module Reading a CSV file another system hands over (the resident registry's changes, the
 * data 軽自動車検査協会 and 運輸支局 forward): UTF-8 (with or without BOM) or Shift_JIS
 * (Windows-31J), comma-separated with a header row, RFC 4180 quoting.
 *
 * iconv-lite turns bytes Shift_JIS cannot read into U+FFFD, and characters it cannot write
 * into `?`, without a word. A name silently corrupted would match nobody, or the wrong
 * person, so every cell of a Shift_JIS file must survive the round trip decode → encode →
 * decode unchanged; a file where one does not is refused, naming the row and column.
 * (Comparing bytes instead would refuse good files: NEC and IBM code the same kanji — 髙 is
 * 0xFBFC and 0xEEE0 — and both decode to one character.)
 */
import iconv from 'iconv-lite';
import type { z } from 'zod';
import { Problem } from '../server/problem.js';
import type { CellProblem } from './cell-problem.js';
import { tooLongMessage } from './messages.js';

export type EncodingChoice = 'auto' | 'utf-8' | 'shift_jis';
export type FileEncoding = 'utf-8' | 'shift_jis';


/** At most this many problems are listed; a file that wrong is wrong throughout. */
export const MAX_PROBLEMS = 200;

/** A 400 listing the cells at fault as `3行目・氏名`. */
export function refuseCells(problems: CellProblem[], detail: string): Problem {
  return Problem.validation(
    problems.slice(0, MAX_PROBLEMS).map((p) => ({ field: `${p.row}行目・${p.column}`, message: p.message })),
    detail,
  );
}

export function decodeFile(bytes: Uint8Array, choice: EncodingChoice): { text: string; encoding: FileEncoding } {
  if (choice !== 'shift_jis') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
    } catch {
      if (choice === 'utf-8') {
        throw refuseCells([{ row: firstUndecodableLine(bytes), column: '(行全体)', message: 'UTF-8 として読めないバイトがあります' }], 'ファイルが UTF-8 ではありません。文字コードに Shift_JIS を選ぶか、UTF-8 で保存し直してください。');
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

function survivesShiftJis(value: string): boolean {
  return !value.includes('\uFFFD') && iconv.decode(iconv.encode(value, 'cp932'), 'cp932') === value;
}

/** What a layout's header must hold: its columns, which of them may be absent, and where it is documented. */
export interface CsvLayout<Column extends string> {
  columns: readonly Column[];
  optional: ReadonlySet<Column>;
  /** The document naming the columns, for the message refusing a wrong header. */
  documentation: string;
}

export interface CsvTable<Column extends string> {
  encoding: FileEncoding;
  /** Each data row, its cells trimmed and keyed by column (an absent optional column reads ''). */
  records: { rowNo: number; values: Record<Column, string> }[];
}

/** The header row, its names trimmed and the BOM removed, and the data rows after it. */
export function readCsvRows(bytes: Uint8Array, choice: EncodingChoice): { encoding: FileEncoding; header: string[]; records: { rowNo: number; cells: string[] }[] } {
  const { text, encoding } = decodeFile(bytes, choice);
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) throw Problem.validation([{ field: 'file', message: 'ファイルが空です' }], '見出し行とデータ行のあるファイルを選んでください。');
  if (encoding === 'shift_jis') {
    const unreadable = [header, ...records].flatMap(({ rowNo, cells }) =>
      cells.flatMap((value, i) => (survivesShiftJis(value) ? [] : [{ row: rowNo, column: header.cells[i] ?? `${i + 1}列目`, message: 'Shift_JIS で表せない文字、または読めないバイトがあります' }])),
    );
    if (unreadable.length > 0) {
      throw refuseCells(unreadable, '文字コードの変換で失われる文字があるため、ファイル全体を取り込みませんでした。UTF-8 で出力し直してください。');
    }
  }
  return { encoding, header: header.cells.map((name) => name.trim()), records };
}

/** Decodes, checks the header against `layout` and returns every data row by column. */
export function readCsvTable<Column extends string>(bytes: Uint8Array, choice: EncodingChoice, layout: CsvLayout<Column>): CsvTable<Column> {
  const { encoding, header, records } = readCsvRows(bytes, choice);
  const columns = checkHeader(header, layout);
  return {
    encoding,
    records: records.map(({ rowNo, cells }) => ({
      rowNo,
      values: Object.fromEntries(layout.columns.map((column) => [column, (cells[columns.get(column) ?? -1] ?? '').trim()])) as Record<Column, string>,
    })),
  };
}

function checkHeader<Column extends string>(names: string[], layout: CsvLayout<Column>): Map<Column, number> {
  const problems: CellProblem[] = [];
  const columns = new Map<Column, number>();
  names.forEach((name, i) => {
    if (!(layout.columns as readonly string[]).includes(name)) problems.push({ row: 1, column: name || `${i + 1}列目`, message: '定義されていない列です' });
    else if (columns.has(name as Column)) problems.push({ row: 1, column: name, message: '同じ列が2回あります' });
    else columns.set(name as Column, i);
  });
  for (const column of layout.columns) {
    if (!layout.optional.has(column) && !columns.has(column)) problems.push({ row: 1, column, message: '必須の列がありません' });
  }
  if (problems.length > 0) throw refuseCells(problems, `見出し行が定義と違います。${layout.documentation} の列名で出力してください。`);
  return columns;
}

/**
 * Checks the cells of one row, collecting what is wrong with each (row and column, never the
 * value) so that every wrong cell of a row is named at once.
 */
export class CellReader<Column extends string> {
  readonly problems: CellProblem[] = [];

  constructor(
    private readonly rowNo: number,
    readonly values: Readonly<Record<Column, string>>,
  ) {}

  problem(column: Column, message: string): void {
    this.problems.push({ row: this.rowNo, column, message });
  }

  /** The cell, named as missing when empty. */
  required(column: Column): string {
    if (!this.values[column]) this.problem(column, '入力されていません');
    return this.values[column];
  }

  /** The cell read by `schema` (its message names what is wrong); undefined when empty or wrong. */
  parse<T>(column: Column, schema: z.ZodType<T, string>, { required = false } = {}): T | undefined {
    const value = required ? this.required(column) : this.values[column];
    if (!value) return undefined;
    const result = schema.safeParse(value);
    if (!result.success) this.problem(column, result.error.issues[0]?.message ?? `${column}が正しくありません`);
    return result.data;
  }

  /**
   * Free-text cells by their rules (the register's screen and API's), any other cell at most
   * `codeCellMax` characters, refused unread beyond. False when a cell is too long to read on.
   */
  checkLengths(textCells: Partial<Record<Column, z.ZodType<string, string>>>, codeCellMax: number): boolean {
    const overlong = (Object.keys(this.values) as Column[]).filter((column) => !(column in textCells) && this.values[column].length > codeCellMax);
    for (const column of overlong) this.problem(column, tooLongMessage(column, codeCellMax));
    if (overlong.length > 0) return false;
    for (const [column, rules] of Object.entries(textCells) as [Column, z.ZodType<string, string>][]) {
      const result = this.values[column] ? rules.safeParse(this.values[column]) : undefined;
      if (result && !result.success) this.problem(column, result.error.issues[0]?.message ?? '');
    }
    return true;
  }
}
