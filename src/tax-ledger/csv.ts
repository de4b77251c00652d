/**
 * @module The ledger and the survey as CSV, pure: UTF-8 with a BOM (src/shared/csv.ts), or
 * Shift_JIS for the offices whose software reads nothing else. A character Shift_JIS cannot hold
 * (𠮷, a rare name kanji) is never replaced by `?` or 〓: the Shift_JIS file is refused with
 * every such cell listed (row, column, character), and the UTF-8 file carries it whole.
 */
import { toCsv, type CsvField } from '../shared/csv.js';
import type { CellProblem } from '../shared/cell-problem.js';
import { formatEraDate } from '../shared/era.js';
import { encodeShiftJis, unencodableInShiftJis } from '../shared/shift-jis.js';
import { describeCharacter } from '../shared/text.js';
import { Problem } from '../server/problem.js';
import { RATE_CASE_LABEL, RATE_CASES, type CsvEncoding, type LedgerEntry, type SurveyReport } from './model.js';

/** At most this many cells are named in a refusal: a file that wrong is wrong throughout. */
const MAX_LISTED = 200;

export const LEDGER_CSV_HEADER = [
  '年度',
  '通知書番号',
  '宛名番号',
  '納税義務者氏名',
  '申告書番号',
  '世代',
  '車種コード',
  '車種',
  '標識番号',
  '税率の区分',
  '当初税額',
  '税額',
  '増減額',
  '納期限',
  '異動事由',
] as const;

export function ledgerRow(entry: LedgerEntry): CsvField[] {
  return [
    entry.fiscalYear,
    entry.noticeNo,
    entry.addresseeNo,
    entry.taxpayerName,
    entry.declarationNo,
    entry.generation,
    entry.vehicleClassCode,
    entry.classLabel,
    entry.plate,
    entry.rateCaseLabel,
    entry.originalAmount,
    entry.amount,
    entry.changeAmount,
    entry.dueDate && formatEraDate(entry.dueDate),
    entry.changeReason,
  ];
}

export const SURVEY_CSV_HEADER = [
  '区分',
  '車種',
  ...RATE_CASES.flatMap((rateCase) => [`${RATE_CASE_LABEL[rateCase]} 台数`, `${RATE_CASE_LABEL[rateCase]} 税額`]),
  '課税台数 計',
  '税額 計',
  '減免 件数',
  '減免額',
  '課税保留 台数',
  '非課税 台数',
  '税止め 台数',
] as const;

const KIND_LABELS = { class: '車種', group: '小計', total: '合計' } as const;

export function surveyRows(report: SurveyReport): CsvField[][] {
  return report.rows.map((row) => [
    KIND_LABELS[row.kind],
    row.label,
    ...RATE_CASES.flatMap((rateCase) => [row.byRateCase[rateCase].count, row.byRateCase[rateCase].amount]),
    row.levied.count,
    row.levied.amount,
    row.reductions.count,
    row.reductions.amount,
    row.taxHold,
    row.nonTaxable,
    row.taxStopped,
  ]);
}

/** The cells (row 2 is the first after the header) holding characters Shift_JIS cannot, each named. */
function unencodableCells(header: readonly string[], rows: readonly (readonly CsvField[])[]): CellProblem[] {
  const problems: CellProblem[] = [];
  rows.forEach((row, index) =>
    row.forEach((field, column) => {
      if (typeof field !== 'string') return;
      const chars = unencodableInShiftJis(field);
      if (chars.length > 0) problems.push({ row: index + 2, column: header[column] ?? '', message: `Shift_JIS で表せない文字 ${chars.map(describeCharacter).join('')} があります` });
    }),
  );
  return problems;
}

/** The CSV in `encoding`, or a 422 naming every cell Shift_JIS cannot hold. */
export function encodedCsv(header: readonly string[], rows: readonly (readonly CsvField[])[], encoding: CsvEncoding): Buffer {
  const csv = toCsv(header, rows);
  if (encoding === 'utf-8') return Buffer.from(csv, 'utf8');
  const problems = unencodableCells(header, rows);
  if (problems.length > 0) {
    throw new Problem(
      422,
      'Shift_JIS で出力できない文字があります',
      `${problems.length}か所に Shift_JIS で表せない文字があります(氏名の外字など)。文字を置き換えずに出力するため、UTF-8 で出力してください。`,
      problems.slice(0, MAX_LISTED).map((p) => ({ field: `${p.row}行目・${p.column}`, message: p.message })),
    );
  }
  return encodeShiftJis(csv);
}

/** The header's Content-Type for a CSV in `encoding`. */
export const csvContentType = (encoding: CsvEncoding) => (encoding === 'utf-8' ? 'text/csv; charset=utf-8' : 'text/csv; charset=shift_jis');
