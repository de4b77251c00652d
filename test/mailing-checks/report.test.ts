import { describe, expect, it } from 'vitest';
import type { CheckReport, FindingView } from '../../src/mailing-checks/model.js';
import { renderReportPdf, REPORT_CSV_HEADER, reportCsvRows } from '../../src/mailing-checks/report.js';
import { toCsv } from '../../src/shared/csv.js';
import { readPdf } from '../certificates/pdf.js';

const finding = (findingNo: number, reviewed: boolean): FindingView => ({
  findingNo,
  ruleCode: 'amount_changed',
  ruleLabel: '前年度から税額が変わった',
  explanation: `前年度 10,800円 → 今年度 12,900円。理由: 税率区分の変更(標準税率 → 重課(経年車))(初度検査から14年を経過)。指摘${findingNo}`,
  reason: 'TAX-RULES.md §2・§3',
  declarationNo: `2025-${findingNo}`,
  noticeNo: `2026${String(findingNo).padStart(8, '0')}`,
  taxpayerAddresseeNo: '112224000000001',
  reviewedAt: reviewed ? '2026-05-01T01:00:00.000Z' : null,
  reviewedByStaffNo: reviewed ? 'S0002' : null,
  reviewNote: reviewed ? '=SUM(A1) 車検証を確認' : null,
});

function report(findings: FindingView[], released: boolean): CheckReport {
  return {
    run: { checkRunId: 3, fiscalYear: 2026, assessmentRunId: 7, levyCount: 120, levyAmount: 850000, checkedAt: '2026-05-01T00:00:00.000Z', checkedByStaffNo: 'S0002', signedOffAt: released ? '2026-05-02T00:00:00.000Z' : null, signedOffByStaffNo: released ? 'S0001' : null },
    countsByRule: { green_reduction_missing: 0, first_inspection_missing: 0, small_special_use_mismatch: 0, deregistered_still_levied: 0, owner_gone_still_levied: 0, chassis_levied_twice: 0, mail_returned_last_year: 0, amount_changed: findings.length },
    unreviewed: findings.filter((f) => !f.reviewedAt).length,
    findings,
    release: released
      ? { fiscalYear: 2026, released: true, heldBecause: null, checkRunId: 3, signedOffAt: '2026-05-02T00:00:00.000Z', signedOffByStaffNo: 'S0001' }
      : { fiscalYear: 2026, released: false, heldBecause: '発送前点検の結果がまだ決裁されていません。', checkRunId: 3, signedOffAt: null, signedOffByStaffNo: null },
  };
}

describe('the report of the checks as files', () => {
  it('writes the findings as CSV with a BOM, a formula typed in a note kept as text', () => {
    const csv = toCsv(REPORT_CSV_HEADER, reportCsvRows(report([finding(1, true), finding(2, false)], false)));
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toContain('"確認すべきこと","根拠","確認","確認者","確認メモ"');
    expect(lines[1]).toContain('"1","amount_changed","前年度から税額が変わった","2025-1","202600000001","112224000000001"');
    expect(lines[1]).toContain(`"確認済み","S0002","'=SUM(A1) 車検証を確認"`);
    expect(lines[2]).toContain('"未確認"');
  });

  it('prints an A4 landscape list in Japanese: heading in 和暦, counts per rule, sign-off status, every finding over several pages', async () => {
    const findings = Array.from({ length: 40 }, (_, i) => finding(i + 1, i % 2 === 0));
    const pages = await readPdf(await renderReportPdf(report(findings, false)));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((page) => page.size[0] > page.size[1] && Math.round(page.size[0]) === 842)).toBe(true);
    const all = pages.map((page) => page.text).join('');
    expect(all).toContain('令和8年度 軽自動車税(種別割) 発送前点検結果');
    expect(all).toContain('前年度から税額が変わった: 40件');
    expect(all).toContain('未決裁: 発送前点検の結果がまだ決裁されていません。');
    expect(all).toContain('指摘40');
    expect(pages.every((page) => page.text.includes('確認すべきこと'))).toBe(true);
  });

  it('prints the sign-off, and says so when there are no findings', async () => {
    const [page] = await readPdf(await renderReportPdf(report([], true)));
    expect(page?.text).toContain('決裁済み(S0001');
    expect(page?.text).toContain('指摘はありません。');
  });
});
