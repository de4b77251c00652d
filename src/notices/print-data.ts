/**
 * @module The print data for the contractor who prints and envelopes the notices (seed II.4,
 * control C9): one CSV row per vehicle of each notice, holding only what the printed notice
 * shows — never an individual number, a birth date or anything else of the register. A text
 * cell that holds a valid 個人番号 refuses the whole export: a number typed into an address or a
 * reason by mistake must not leave the city. docs/notices.md
 */
import { formatEraDate } from '../shared/era.js';
import { isValidIndividualNumber } from '../shared/individual-number.js';
import { Problem } from '../server/problem.js';
import type { CsvField } from '../shared/csv.js';
import { RATE_CASES, type NoticeData, type NoticeVehicle } from './model.js';
import { slipBarcodeDigits } from './slip.js';

interface PrintColumn {
  header: string;
  /** Free text a person wrote (names, addresses, reasons): the cells checked for an individual number. */
  freeText?: true;
  value(notice: NoticeData, vehicle: NoticeVehicle, page: number): CsvField;
}

/** The columns, in the order the contractor's layout reads them. */
export const PRINT_DATA_COLUMNS: readonly PrintColumn[] = [
  { header: '通知書番号', value: (notice) => notice.noticeNo },
  { header: '枚番', value: (_notice, _vehicle, page) => page },
  { header: '様式', value: (notice) => (notice.payment.directDebit ? '口座振替' : '納付書') },
  { header: '再発行', value: (notice) => (notice.reprint ? '再発行' : '') },
  { header: '年度', value: (notice) => notice.fiscalYear },
  { header: '発付日', value: (notice) => formatEraDate(notice.issuedOn) },
  { header: '送付先郵便番号', value: (notice) => notice.taxpayer.mailTo.postalCode },
  { header: '送付先住所', freeText: true, value: (notice) => notice.taxpayer.mailTo.address },
  { header: '送付先氏名', freeText: true, value: (notice) => notice.taxpayer.mailTo.name },
  { header: '宛名番号', value: (notice) => notice.taxpayer.addresseeNo },
  { header: '納税義務者氏名', freeText: true, value: (notice) => notice.taxpayer.name },
  { header: '車種区分', value: (_notice, vehicle) => vehicle.classLabel },
  { header: '標識番号', value: (_notice, vehicle) => vehicle.plateText },
  { header: '車台番号', value: (_notice, vehicle) => vehicle.chassisNo },
  { header: '税率の区分', value: (_notice, vehicle) => RATE_CASES[vehicle.rateCase] },
  { header: '税率の区分の理由', freeText: true, value: (_notice, vehicle) => vehicle.rateReason },
  { header: '減免', freeText: true, value: (_notice, vehicle) => vehicle.reduction?.label ?? null },
  { header: '減免額', value: (_notice, vehicle) => vehicle.reduction?.amount ?? null },
  { header: '税額', value: (_notice, vehicle) => vehicle.amount },
  { header: '前年度との違い', freeText: true, value: (_notice, vehicle) => vehicle.differsFromLastYear },
  { header: '通知書の台数', value: (notice) => notice.vehicles.length },
  { header: '通知書の合計', value: (notice) => notice.total },
  { header: '納期限', value: (notice) => formatEraDate(notice.dueDate) },
  { header: '継続検査用納税証明書', value: (notice, vehicle) => (!notice.payment.directDebit && vehicle.inspectionCertificateStub ? '有' : '') },
  { header: '収納バーコード', value: (notice, vehicle, page) => (notice.payment.directDebit ? null : slipBarcodeDigits(notice, page, vehicle.amount)) },
  { header: '問い合わせ先', value: (notice) => `${notice.municipality.contact.section} ${notice.municipality.contact.phone}` },
];

/** Twelve digits, written whole or in groups of four (`1234 5678 9012`, `1234-5678-9012`). */
const TWELVE_DIGITS = /(?<![\d-])\d{4}[\s-]?\d{4}[\s-]?\d{4}(?![\d-])/g;

function refuseIndividualNumber(notice: NoticeData, column: PrintColumn, cell: CsvField): void {
  if (typeof cell !== 'string') return;
  const found = [...cell.normalize('NFKC').matchAll(TWELVE_DIGITS)].some(([digits]) => isValidIndividualNumber(digits.replace(/[\s-]/g, '')));
  if (found) {
    throw new Problem(
      422,
      '印刷データに個人番号が含まれています',
      `通知書番号 ${notice.noticeNo} の「${column.header}」に個人番号と見られる12桁の数字があります。個人番号は委託先に渡せないため、該当の宛名又は車両の記載を直してから出力し直してください。`,
    );
  }
}

/** One row per vehicle: what the contractor's layout prints for it. */
function printDataRows(notice: NoticeData): CsvField[][] {
  return notice.vehicles.map((vehicle, index) =>
    PRINT_DATA_COLUMNS.map((column) => {
      const cell = column.value(notice, vehicle, index + 1);
      if (column.freeText) refuseIndividualNumber(notice, column, cell);
      return cell;
    }),
  );
}

/** The print data of the notices as they stream in, as the table `toCsv` writes: only their rows are kept, not the notices. */
export async function printDataTable(notices: AsyncIterable<NoticeData> | Iterable<NoticeData>): Promise<{ header: string[]; rows: CsvField[][]; notices: number; vehicles: number }> {
  const rows: CsvField[][] = [];
  let count = 0;
  for await (const notice of notices) {
    rows.push(...printDataRows(notice));
    count++;
  }
  return { header: PRINT_DATA_COLUMNS.map((column) => column.header), rows, notices: count, vehicles: rows.length };
}
