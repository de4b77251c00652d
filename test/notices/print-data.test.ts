import { describe, expect, it } from 'vitest';
import type { NoticeData } from '../../src/notices/model.js';
import { PRINT_DATA_COLUMNS, printDataTable } from '../../src/notices/print-data.js';
import { toCsv } from '../../src/shared/csv.js';
import { slipBarcodeDigits } from '../../src/notices/slip.js';
import { CAR, MOPED, notice } from './sample.js';

/** The sample 個人番号 the law's check-digit rule is published with, never issued to a person. */
const SAMPLE_INDIVIDUAL_NUMBER = '123456789018';

const csvLines = (csv: string) => csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');

describe('print data for the contractor (C9)', () => {
  const csvOf = async (notices: NoticeData[]) => {
    const { header, rows } = await printDataTable(notices);
    return toCsv(header, rows);
  };

  it('holds one row per vehicle with what the notice prints, and no column for an individual number', async () => {
    const headers = PRINT_DATA_COLUMNS.map((column) => column.header);
    expect(headers.filter((header) => /個人番号|マイナンバー|法人番号|生年月日|性別/.test(header))).toEqual([]);
    const lines = csvLines(await csvOf([notice(), notice({ noticeNo: '2026000124', payment: { directDebit: true }, vehicles: [MOPED] })]));
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines[0]).toBe(headers.map((header) => `"${header}"`).join(','));
    expect(lines[1]).toContain('"2026000123","1","納付書"');
    expect(lines[1]).toContain('"重課","初度検査 平成24年5月から13年を経過"');
    expect(lines[1]).toContain('"12900"');
    expect(lines[1]).toContain(`"${slipBarcodeDigits(notice(), 1, CAR.amount)}"`);
    expect(lines[1]).toContain('"令和8年6月1日"');
    // A direct-debit notice has no slip, so no barcode and no stub.
    expect(lines[4]).toContain('"2026000124","1","口座振替"');
    expect(lines[4]).not.toMatch(/"91\d{42}"/);
  });

  it('neutralises a cell a spreadsheet would run as a formula', async () => {
    const hostile = notice({ taxpayer: { ...notice().taxpayer, mailTo: { ...notice().taxpayer.mailTo, name: '=HYPERLINK("http://example.invalid")' } } });
    expect(await csvOf([hostile])).toContain(`"'=HYPERLINK(""http://example.invalid"")"`);
  });

  it('refuses the export when a free-text cell holds a valid individual number, naming the notice and the column', async () => {
    const typo = notice({ taxpayer: { ...notice().taxpayer, mailTo: { ...notice().taxpayer.mailTo, address: `越谷市越ヶ谷1-1 ${SAMPLE_INDIVIDUAL_NUMBER.replace(/(\d{4})(?=\d)/g, '$1-')}` } } });
    await expect(csvOf([typo])).rejects.toThrow(/2026000123 の「送付先住所」に個人番号/);
    const inReason = notice({ vehicles: [{ ...CAR, differsFromLastYear: `本人確認 ${SAMPLE_INDIVIDUAL_NUMBER}` }] });
    await expect(csvOf([inReason])).rejects.toThrow(/「前年度との違い」に個人番号/);
    // Twelve digits that fail the check digit are not an individual number.
    const notANumber = notice({ taxpayer: { ...notice().taxpayer, mailTo: { ...notice().taxpayer.mailTo, address: '越谷市越ヶ谷 123456789012' } } });
    expect(await csvOf([notANumber])).toContain('123456789012');
  });
});
