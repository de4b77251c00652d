/**
 * @module The ledger and the survey as PDF, pure: A4 landscape tables in Noto Sans JP (embedded as
 * a subset, src/shared/pdf-fonts.ts), each page headed with the title, the fiscal year in 和暦,
 * the municipality and the date made, the column headings repeated, and 「n / m ページ」 below.
 */
import PDFDocument from 'pdfkit';
import { japanMidnight } from '../shared/dates.js';
import { formatEraDate, formatEraFiscalYear } from '../shared/era.js';
import { pdfBytes, registerPdfFonts } from '../shared/pdf-fonts.js';
import { RATE_CASE_LABEL, RATE_CASES, type LedgerEntry, type SurveyReport } from './model.js';

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
}

export interface TableReport {
  title: string;
  fiscalYear: number;
  municipalityName: string;
  madeOn: string;
  columns: readonly TableColumn[];
  rows: readonly TableRow[];
  /** Printed under the last row (what the totals reconcile with). */
  closing?: string;
}

const PAGE = { width: 841.89, height: 595.28, margin: 30 } as const;
const ROW_HEIGHT = 14;
const HEADER_HEIGHT = 18;
const TABLE_TOP = 84;
const FONT_SIZE = 7;

type Document = InstanceType<typeof PDFDocument>;

function drawHeading(doc: Document, report: TableReport): void {
  const width = PAGE.width - 2 * PAGE.margin;
  doc.font('bold').fontSize(16).text(`${report.title}(${formatEraFiscalYear(report.fiscalYear)})`, PAGE.margin, PAGE.margin, { width, align: 'center' });
  doc.font('regular').fontSize(9);
  doc.text(`${report.municipalityName}`, PAGE.margin, PAGE.margin + 30, { width, align: 'left', lineBreak: false });
  doc.text(`作成日 ${formatEraDate(report.madeOn)}`, PAGE.margin, PAGE.margin + 30, { width, align: 'right', lineBreak: false });
}

function drawCells(doc: Document, columns: readonly TableColumn[], cells: readonly string[], y: number, height: number): void {
  let x = PAGE.margin;
  columns.forEach((column, index) => {
    doc.lineWidth(0.4).rect(x, y, column.width, height).stroke();
    doc.text(cells[index] ?? '', x + 2, y + (height - FONT_SIZE) / 2 - 1, { width: column.width - 4, height: FONT_SIZE + 3, align: column.align ?? 'left', lineBreak: false, ellipsis: true });
    x += column.width;
  });
}

/** Renders `report` as a PDF of as many A4 landscape pages as its rows need. */
export async function renderTableReport(report: TableReport): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    lang: 'ja-JP',
    displayTitle: true,
    // The day it was made, not the clock: the same ledger renders to the same bytes that day.
    info: { Title: `${report.title} ${formatEraFiscalYear(report.fiscalYear)}`, Author: report.municipalityName, CreationDate: japanMidnight(report.madeOn) },
  });
  registerPdfFonts(doc);
  const bytes = pdfBytes(doc);
  const perPage = Math.floor((PAGE.height - TABLE_TOP - HEADER_HEIGHT - PAGE.margin - 24) / ROW_HEIGHT);
  const pages = Math.max(1, Math.ceil(report.rows.length / perPage));
  for (let page = 0; page < pages; page++) {
    doc.addPage({ size: 'A4', layout: 'landscape', margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 0 } });
    drawHeading(doc, report);
    doc.font('bold').fontSize(FONT_SIZE);
    drawCells(
      doc,
      report.columns,
      report.columns.map((column) => column.header),
      TABLE_TOP,
      HEADER_HEIGHT,
    );
    let y = TABLE_TOP + HEADER_HEIGHT;
    for (const row of report.rows.slice(page * perPage, (page + 1) * perPage)) {
      doc.font(row.bold ? 'bold' : 'regular').fontSize(FONT_SIZE);
      drawCells(doc, report.columns, row.cells, y, ROW_HEIGHT);
      y += ROW_HEIGHT;
    }
    if (page === pages - 1 && report.closing) doc.font('regular').fontSize(8).text(report.closing, PAGE.margin, y + 6, { width: PAGE.width - 2 * PAGE.margin, lineBreak: false });
    doc.font('regular').fontSize(8).text(`${page + 1} / ${pages} ページ`, PAGE.margin, PAGE.height - PAGE.margin - 8, { width: PAGE.width - 2 * PAGE.margin, align: 'center', lineBreak: false });
  }
  doc.end();
  return bytes;
}

const yen = (amount: number) => amount.toLocaleString('ja-JP');

const NUMBER = { width: 52, align: 'right' } as const;

/** The survey's columns: each class gives a line of 台数 and a line of 税額. */
export const SURVEY_COLUMNS: readonly TableColumn[] = [
  { header: '車種', width: 150 },
  { header: '項目', width: 40 },
  ...RATE_CASES.map((rateCase) => ({ header: RATE_CASE_LABEL[rateCase].replace('グリーン化特例 ', '軽課 ').replace('軽減', ''), ...NUMBER })),
  { header: '課税 計', ...NUMBER },
  { header: '減免', ...NUMBER },
  { header: '課税保留', ...NUMBER },
  { header: '非課税', ...NUMBER },
  { header: '税止め', ...NUMBER },
];

export function surveyTableRows(report: SurveyReport): TableRow[] {
  return report.rows.flatMap((row) => {
    const bold = row.kind !== 'class';
    return [
      {
        bold,
        cells: [
          row.label,
          '台数',
          ...RATE_CASES.map((rateCase) => yen(row.byRateCase[rateCase].count)),
          yen(row.levied.count),
          yen(row.reductions.count),
          yen(row.taxHold),
          yen(row.nonTaxable),
          yen(row.taxStopped),
        ],
      },
      { bold, cells: ['', '税額(円)', ...RATE_CASES.map((rateCase) => yen(row.byRateCase[rateCase].amount)), yen(row.levied.amount), yen(row.reductions.amount), '', '', ''] },
    ];
  });
}

export const LEDGER_COLUMNS: readonly TableColumn[] = [
  { header: '通知書番号', width: 62 },
  { header: '宛名番号', width: 72 },
  { header: '納税義務者氏名', width: 100 },
  { header: '申告書番号', width: 62 },
  { header: '車種', width: 110 },
  { header: '標識番号', width: 90 },
  { header: '税率の区分', width: 80 },
  { header: '当初税額', width: 48, align: 'right' },
  { header: '税額', width: 48, align: 'right' },
  { header: '納期限', width: 62 },
  { header: '異動事由', width: 40 },
];

export function ledgerTableRows(entries: readonly LedgerEntry[]): TableRow[] {
  return entries.map((entry) => ({
    cells: [
      entry.noticeNo,
      entry.addresseeNo,
      entry.taxpayerName,
      entry.declarationNo,
      entry.classLabel,
      entry.plate,
      entry.rateCaseLabel,
      yen(entry.originalAmount),
      yen(entry.amount),
      entry.dueDate ? formatEraDate(entry.dueDate) : '',
      entry.changeReason ?? '',
    ],
  }));
}
