import { COLUMNS } from '../../src/resident-changes/file.js';
import { individualNumberCheckDigit } from '../../src/shared/individual-number.js';

/** A generated individual number with a valid check digit: `98` + the serial (the demo city uses `99`). */
export function generatedIndividualNumber(serial: number): string {
  const first11 = `98${String(serial).padStart(9, '0')}`;
  return `${first11}${individualNumberCheckDigit(first11)}`;
}

export type ResidentChangeCells = Partial<Record<(typeof COLUMNS)[number], string>>;

/** A resident-change file (docs/resident-change-file.md) with one line per row, CRLF. */
export function residentChangeCsv(rows: ResidentChangeCells[]): string {
  return [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => row[column] ?? '').join(','))].join('\r\n');
}

/** A 転入 into town 100 of the test city, for a person made of `serial`. */
export function arrival(serial: number, cells: ResidentChangeCells = {}): ResidentChangeCells {
  return {
    異動区分: '転入',
    異動日: '2026-04-10',
    個人番号: generatedIndividualNumber(serial),
    氏名: `試験\u3000${['一郎', '二郎', '三郎', '四郎', '五郎', '六郎', '七郎', '八郎', '九郎'][serial % 9]}${serial}`,
    氏名カナ: `シケン\u3000タロウ`,
    性別: '1',
    生年月日: `1980-01-${String((serial % 28) + 1).padStart(2, '0')}`,
    郵便番号: '3430813',
    住所コード: '100',
    住所: `埼玉県越谷市越ヶ谷1丁目${serial}番`,
    ...cells,
  };
}
