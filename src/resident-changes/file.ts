/**
 * @module Reading a resident-change file (docs/resident-change-file.md) through src/shared/csv-file.ts:
 * UTF-8 or Shift_JIS, a Shift_JIS cell that would not survive refused with its row and column.
 */
import { isKatakanaName, storedNameKana, storedNameKanji } from '../addressees/model.js';
import { individualNumberSchema } from '../shared/individual-number.js';
import { calendarDateSchema } from '../shared/date-schema.js';
import { CellReader, MAX_PROBLEMS, readCsvTable, type CsvLayout, type EncodingChoice, type FileEncoding } from '../shared/csv-file.js';
import { text, TEXT_LIMITS } from '../shared/text.js';
import { ARRIVALS, CHANGE_TYPE_BY_LABEL, type CellProblem, type ChangeType, type ResidentChangeRow } from './model.js';

export const COLUMNS = ['異動区分', '異動日', '個人番号', '旧個人番号', '氏名', '氏名カナ', '性別', '生年月日', '郵便番号', '住所コード', '住所'] as const;
type Column = (typeof COLUMNS)[number];
const LAYOUT: CsvLayout<Column> = { columns: COLUMNS, optional: new Set(['旧個人番号', '郵便番号', '住所コード']), documentation: 'docs/resident-change-file.md' };
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

export interface ReadFile {
  encoding: FileEncoding;
  rows: ResidentChangeRow[];
  /** Rows refused for their content, each with the column at fault. */
  problems: CellProblem[];
  rowCount: number;
}

/** Decodes, checks the header and every cell, and returns the rows that can be applied. */
export function readResidentChangeFile(bytes: Uint8Array, choice: EncodingChoice): ReadFile {
  const { encoding, records } = readCsvTable(bytes, choice, LAYOUT);
  const rows: ResidentChangeRow[] = [];
  const problems: CellProblem[] = [];
  for (const record of records) {
    const result = readRow(record.rowNo, record.values);
    if ('problems' in result) problems.push(...result.problems);
    else rows.push(result.row);
  }
  return { encoding, rows, problems: problems.slice(0, MAX_PROBLEMS), rowCount: records.length };
}

function readRow(rowNo: number, v: Record<Column, string>): { row: ResidentChangeRow } | { problems: CellProblem[] } {
  const cells = new CellReader(rowNo, v);
  const problem = (column: Column, message: string) => cells.problem(column, message);
  const required = (column: Column) => cells.required(column);
  if (!cells.checkLengths(TEXT_CELLS, CODE_CELL_MAX)) return { problems: cells.problems };

  const changeType: ChangeType | undefined = CHANGE_TYPE_BY_LABEL[required('異動区分')];
  if (v.異動区分 && !changeType) problem('異動区分', `異動区分は ${Object.keys(CHANGE_TYPE_BY_LABEL).join('・')} のいずれかです`);
  const effectiveDate = cells.parse('異動日', DATE_SCHEMAS.異動日, { required: true });
  const individualNumber = cells.parse('個人番号', individualNumberSchema, { required: true });
  const previousIndividualNumber = cells.parse('旧個人番号', individualNumberSchema) ?? null;
  if (changeType === 'number_changed' && !v.旧個人番号) problem('旧個人番号', '個人番号変更では旧個人番号が必要です');
  if (changeType && changeType !== 'number_changed' && v.旧個人番号) problem('旧個人番号', '旧個人番号は個人番号変更の行にだけ入力します');
  if (previousIndividualNumber && previousIndividualNumber === individualNumber) problem('旧個人番号', '新旧の個人番号が同じです');
  const nameKanji = storedNameKanji(required('氏名'));
  const nameKana = storedNameKana(required('氏名カナ'));
  if (nameKana && !isKatakanaName(nameKana, { corporation: false })) problem('氏名カナ', '氏名カナはカタカナで入力してください(漢字・英字は使えません)');
  const sexCode = ({ '1': '1', '2': '2', 男: '1', 女: '2' } as const)[required('性別') as '1'] as '1' | '2' | undefined;
  if (v.性別 && !sexCode) problem('性別', '性別は 1(男)・2(女) または 男・女 です');
  const birthDate = cells.parse('生年月日', DATE_SCHEMAS.生年月日, { required: true });
  if (birthDate && effectiveDate && birthDate > effectiveDate) problem('生年月日', '生年月日が異動日より後です');
  const postalCode = v.郵便番号 ? v.郵便番号.normalize('NFKC').replace(/-/g, '') : null;
  if (postalCode && !/^[0-9]{7}$/.test(postalCode)) problem('郵便番号', '郵便番号は7桁の数字です');
  const addressCode = v.住所コード ? v.住所コード.normalize('NFKC') : null;
  if (addressCode && !/^[0-9]{1,12}$/.test(addressCode)) problem('住所コード', '住所コードは12桁以内の数字です');
  if (!addressCode && changeType && (ARRIVALS.has(changeType) || changeType === 'moved_within')) problem('住所コード', '転入・出生・転居では市内の住所コードが必要です');
  const address = required('住所');

  if (cells.problems.length > 0 || !changeType || !effectiveDate || !individualNumber || !sexCode || !birthDate) return { problems: cells.problems };
  return {
    row: { rowNo, changeType, effectiveDate, individualNumber, previousIndividualNumber, nameKanji, nameKana, sexCode, birthDate, postalCode, addressCode, address },
  };
}

/** 異動日 and 生年月日, in any form clerks type, within a plausible window (src/shared/date-schema.ts). */
const DATE_SCHEMAS = { 異動日: calendarDateSchema('異動日', 'event'), 生年月日: calendarDateSchema('生年月日', 'birth') } as const;
