/**
 * @module The report of the checks before mailing as files, pure: report in, bytes out. A CSV (UTF-8
 * with BOM, src/shared/csv.ts) of the findings, and an A4 landscape PDF list in Japanese: heading
 * with the year in 和暦, the count per rule, the sign-off status and every finding.
 */
import PDFDocument from 'pdfkit';
import { formatJapanTime } from '../shared/dates.js';
import { formatEraFiscalYear } from '../shared/era.js';
import { pdfBytes, registerPdfFonts } from '../shared/pdf-fonts.js';
import { RULE_CODES, RULE_LABELS, type CheckReport, type FindingView } from './model.js';

export const reportTitle = (fiscalYear: number) => `${formatEraFiscalYear(fiscalYear)} 軽自動車税(種別割) 発送前点検結果`;

const reviewText = (finding: FindingView) => (finding.reviewedAt ? `確認済み(${finding.reviewedByStaffNo ?? ''} ${formatJapanTime(finding.reviewedAt)})` : '未確認');

/** The sign-off status in a clerk's words. */
export function signOffText(report: CheckReport): string {
  const { release, run } = report;
  if (release.released) return `決裁済み(${run.signedOffByStaffNo ?? ''} ${formatJapanTime(run.signedOffAt as string)})。納税通知書を発送できます。`;
  return `未決裁: ${release.heldBecause ?? ''}`;
}

export const REPORT_CSV_HEADER = ['指摘番号', '点検項目コード', '点検項目', '申告書番号', '通知書番号', '納税義務者の宛名番号', '確認すべきこと', '根拠', '確認', '確認者', '確認メモ'];

/** The findings as the CSV's rows, in the columns of REPORT_CSV_HEADER (the route writes them with toCsv). */
export const reportCsvRows = (report: CheckReport) =>
  report.findings.map((f) => [f.findingNo, f.ruleCode, f.ruleLabel, f.declarationNo, f.noticeNo, f.taxpayerAddresseeNo, f.explanation, f.reason, f.reviewedAt ? '確認済み' : '未確認', f.reviewedByStaffNo, f.reviewNote]);

const PAGE = { width: 841.89, height: 595.28, margin: 36 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
/** The findings table: header, share of the width, and the text of a finding in that column. */
const COLUMNS: { header: string; width: number; text: (f: FindingView) => string }[] = [
  { header: '番号', width: 0.05, text: (f) => String(f.findingNo) },
  { header: '点検項目', width: 0.16, text: (f) => f.ruleLabel },
  { header: '申告書番号\n通知書番号', width: 0.1, text: (f) => `${f.declarationNo}\n${f.noticeNo ?? '(課税なし)'}` },
  { header: '宛名番号', width: 0.1, text: (f) => f.taxpayerAddresseeNo },
  { header: '確認すべきこと', width: 0.3, text: (f) => f.explanation },
  { header: '根拠', width: 0.17, text: (f) => f.reason },
  { header: '確認', width: 0.12, text: (f) => `${reviewText(f)}${f.reviewNote ? `\n${f.reviewNote}` : ''}` },
];
const PADDING = 3;

const WIDTHS = COLUMNS.map((column) => column.width * CONTENT_WIDTH);

function rowHeight(doc: InstanceType<typeof PDFDocument>, cells: string[], font: 'regular' | 'bold'): number {
  doc.font(font).fontSize(7.5);
  return Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: (WIDTHS[i] ?? 0) - 2 * PADDING }))) + 2 * PADDING;
}

function drawRow(doc: InstanceType<typeof PDFDocument>, y: number, cells: string[], font: 'regular' | 'bold'): number {
  const height = rowHeight(doc, cells, font);
  let x = PAGE.margin;
  cells.forEach((cell, i) => {
    const width = WIDTHS[i] ?? 0;
    doc.lineWidth(0.5).rect(x, y, width, height).stroke();
    doc.text(cell, x + PADDING, y + PADDING, { width: width - 2 * PADDING });
    x += width;
  });
  return y + height;
}

function newPage(doc: InstanceType<typeof PDFDocument>): number {
  doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 0 } });
  return PAGE.margin;
}

/** The report as an A4 landscape PDF; the header row is repeated on every page of findings. */
export async function renderReportPdf(report: CheckReport): Promise<Buffer> {
  const title = reportTitle(report.run.fiscalYear);
  const doc = new PDFDocument({
    autoFirstPage: false,
    lang: 'ja-JP',
    displayTitle: true,
    // The check's own time, not the clock: the same report renders to the same bytes.
    info: { Title: title, Subject: `点検番号 ${report.run.checkRunId}`, CreationDate: new Date(report.run.checkedAt) },
  });
  registerPdfFonts(doc);
  const bytes = pdfBytes(doc);
  let y = newPage(doc);
  doc.font('bold').fontSize(16).text(title, PAGE.margin, y, { width: CONTENT_WIDTH, align: 'center' });
  doc.font('regular').fontSize(9);
  doc.text(
    `点検番号 ${report.run.checkRunId}(当初賦課 実行番号 ${report.run.assessmentRunId})  点検日時 ${formatJapanTime(report.run.checkedAt)}  課税 ${report.run.levyCount.toLocaleString('ja-JP')}件 ${report.run.levyAmount.toLocaleString('ja-JP')}円`,
    PAGE.margin,
    y + 26,
    { width: CONTENT_WIDTH },
  );
  doc.font('bold').text(signOffText(report), { width: CONTENT_WIDTH });
  doc.font('regular').text(`指摘 ${report.findings.length}件(未確認 ${report.unreviewed}件)`, { width: CONTENT_WIDTH });
  doc.text(RULE_CODES.map((code) => `${RULE_LABELS[code]}: ${report.countsByRule[code]}件`).join('\n'), { width: CONTENT_WIDTH });
  y = doc.y + 8;
  const header = COLUMNS.map((column) => column.header);
  y = drawRow(doc, y, header, 'bold');
  for (const finding of report.findings) {
    const cells = COLUMNS.map((column) => column.text(finding));
    if (y + rowHeight(doc, cells, 'regular') > BOTTOM) y = drawRow(doc, newPage(doc), header, 'bold');
    y = drawRow(doc, y, cells, 'regular');
  }
  if (report.findings.length === 0) doc.font('regular').fontSize(10).text('指摘はありません。', PAGE.margin, y + 6, { width: CONTENT_WIDTH });
  doc.end();
  return await bytes;
}
