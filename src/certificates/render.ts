/**
 * @module The certificates as PDF, pure: facts in, bytes out. A4 portrait, Noto Sans JP embedded
 * as a subset (PDFKit subsets every embedded font), so the text is selectable and prints the same
 * everywhere; dates in 和暦. The items and their order are those of docs/certificates.md; an item
 * the register does not hold is left out rather than printed empty. docs/decisions/0011-certificate-pdf.md
 */
import PDFDocument from 'pdfkit';
import { japanMidnight } from '../shared/dates.js';
import { formatEraDate, formatEraYear } from '../shared/era.js';
import {
  CERTIFICATE_KINDS,
  type CertificateFacts,
  type CertificateVehicle,
  type DeregistrationReceiptContent,
  type Plate,
  type PlateIssueContent,
} from './model.js';
import { pdfBytes, registerPdfFonts } from '../shared/pdf-fonts.js';

/** One labelled row of the form; a row whose value the register does not hold is not printed. */
interface Row {
  label: string;
  value: string | null;
}

export const plateText = (plate: Plate): string => [plate.part1, plate.part2, plate.part3].filter(Boolean).join(' ');


/** 総排気量 for an engine, 定格出力 for an electric motor; both where the register holds both. */
function powerText(vehicle: CertificateVehicle): string | null {
  const parts = [
    vehicle.displacementCc === null ? null : `総排気量 ${vehicle.displacementCc} cc`,
    vehicle.ratedOutputKw === null ? null : `定格出力 ${vehicle.ratedOutputKw} kW`,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' / ') : null;
}

const partyRows = (who: '所有者' | '使用者', party: { name: string; address: string } | null): Row[] => [
  { label: `${who} 住所又は所在地`, value: party?.address ?? null },
  { label: `${who} 氏名又は名称`, value: party?.name ?? null },
];

/** What both certificates say about the vehicle itself. */
function vehicleRows(vehicle: CertificateVehicle): Row[] {
  return [
    { label: '車名', value: vehicle.make },
    { label: '型式', value: vehicle.modelDesignation },
    { label: '年式', value: vehicle.modelYear === null ? null : `${formatEraYear(vehicle.modelYear)}(${vehicle.modelYear}年)` },
    { label: '原動機の型式', value: vehicle.engineModel },
    { label: '車台番号', value: vehicle.chassisNo },
    { label: '型式認定番号', value: vehicle.modelTypeNo },
    { label: '総排気量又は定格出力', value: powerText(vehicle) },
  ];
}

/** The 19 items of the standard 標識交付証明書 (remarks apart), docs/certificates.md. */
export function plateIssueRows({ vehicle, registration }: PlateIssueContent): Row[] {
  const { owner, vehicleUser } = vehicle;
  return [
    { label: '標識番号', value: vehicle.plate ? plateText(vehicle.plate) : null },
    { label: '旧標識番号', value: vehicle.previousPlate ? plateText(vehicle.previousPlate) : null },
    { label: '車種区分', value: vehicle.vehicleClassName },
    { label: '申告の理由', value: registration.reason },
    { label: '登録年月日', value: formatEraDate(registration.date) },
    { label: '申告受付年月日', value: registration.receivedDate && formatEraDate(registration.receivedDate) },
    ...partyRows('所有者', owner),
    ...partyRows('使用者', vehicleUser),
    { label: '主たる定置場', value: vehicle.storagePlace },
    ...vehicleRows(vehicle),
    { label: '申告書番号', value: vehicle.declarationNo },
  ];
}

/** The items of the 廃車申告受付書, docs/certificates.md. */
export function deregistrationReceiptRows({ vehicle, deregistration }: DeregistrationReceiptContent): Row[] {
  const { owner } = vehicle;
  return [
    { label: '標識番号', value: vehicle.plate ? plateText(vehicle.plate) : null },
    { label: '車種区分', value: vehicle.vehicleClassName },
    { label: '廃車の理由', value: deregistration.reason },
    { label: '廃車年月日', value: formatEraDate(deregistration.date) },
    { label: '廃車申告受付年月日', value: formatEraDate(deregistration.receivedDate) },
    { label: '標識の返納', value: deregistration.plateReturn },
    ...partyRows('所有者', owner),
    ...vehicleRows(vehicle),
    { label: '申告書番号', value: vehicle.declarationNo },
    { label: '廃車申告書番号', value: deregistration.declarationNo },
  ];
}

const STATEMENTS: Record<CertificateFacts['kind'], string> = {
  plate_issue: '上記のとおり標識を交付したことを証明します。',
  deregistration_receipt: '上記のとおり廃車の申告を受け付けたことを証明します。',
};

const PAGE = { width: 595.28, height: 841.89, margin: 50 } as const;
const LABEL_WIDTH = 150;
const CELL_PADDING = 4;

type Document = InstanceType<typeof PDFDocument>;

function drawRows(doc: Document, rows: Row[], top: number): number {
  const valueWidth = PAGE.width - 2 * PAGE.margin - LABEL_WIDTH;
  let y = top;
  for (const row of rows) {
    if (row.value === null || row.value === '') continue;
    doc.font('regular').fontSize(10);
    const height = Math.max(21, doc.heightOfString(row.value, { width: valueWidth - 2 * CELL_PADDING }) + 2 * CELL_PADDING);
    doc.lineWidth(0.6).rect(PAGE.margin, y, LABEL_WIDTH, height).stroke().rect(PAGE.margin + LABEL_WIDTH, y, valueWidth, height).stroke();
    doc.fontSize(9).text(row.label, PAGE.margin + CELL_PADDING, y + CELL_PADDING + 1, { width: LABEL_WIDTH - 2 * CELL_PADDING, lineBreak: false });
    doc.fontSize(10).text(row.value, PAGE.margin + LABEL_WIDTH + CELL_PADDING, y + CELL_PADDING, { width: valueWidth - 2 * CELL_PADDING });
    y += height;
  }
  return y;
}

function drawCertificate(doc: Document, facts: CertificateFacts, rows: Row[]): void {
  const { issuance } = facts;
  const right = PAGE.width - PAGE.margin;
  const contentWidth = right - PAGE.margin;
  // The bottom margin is the sheet's edge: every position is placed here, so PDFKit must not
  // start a new page under the remarks box.
  doc.addPage({ size: 'A4', layout: 'portrait', margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 0 } });
  if (issuance.reprintOf) {
    doc.lineWidth(1.5).rect(right - 90, PAGE.margin, 90, 28).stroke();
    doc.font('bold').fontSize(14).text('再発行', right - 90, PAGE.margin + 5, { width: 90, align: 'center', lineBreak: false });
  }
  doc.font('bold').fontSize(22).text(CERTIFICATE_KINDS[facts.kind], PAGE.margin, 92, { width: contentWidth, align: 'center' });
  doc.font('regular').fontSize(10);
  doc.text(`証明書番号 ${issuance.certificateNo}`, PAGE.margin, 136, { width: contentWidth, align: 'right' });
  doc.text(`発行年月日 ${formatEraDate(issuance.issuedOn)}`, { width: contentWidth, align: 'right' });

  let y = drawRows(doc, rows, 170) + 20;
  doc.font('regular').fontSize(11).text(STATEMENTS[facts.kind], PAGE.margin, y, { width: contentWidth });
  y += 26;
  doc.text(formatEraDate(issuance.issuedOn), PAGE.margin + 20, y, { width: contentWidth - 20 });
  doc.font('bold').fontSize(14).text(issuance.issuerTitle, PAGE.margin, y + 24, { width: contentWidth, align: 'right' });
  doc.font('regular').fontSize(10).text(`発行 ${issuance.officeName}`, PAGE.margin, y + 48, { width: contentWidth, align: 'right' });

  const remarksTop = Math.max(y + 78, PAGE.height - PAGE.margin - 64);
  doc.lineWidth(0.6).rect(PAGE.margin, remarksTop, contentWidth, 56).stroke();
  doc.fontSize(9.5).text('備考', PAGE.margin + CELL_PADDING, remarksTop + CELL_PADDING, { lineBreak: false });
  if (issuance.reprintOf) {
    doc.fontSize(10).text(`証明書番号 ${issuance.reprintOf} の再発行です。`, PAGE.margin + 48, remarksTop + CELL_PADDING, { width: contentWidth - 60 });
  }
}

/** Renders certificates, one A4 portrait page each, into one PDF. */
async function renderDocument(pages: { facts: CertificateFacts; rows: Row[] }[]): Promise<Buffer> {
  const [first] = pages;
  if (!first) throw new Error('a certificate PDF needs at least one certificate');
  const doc = new PDFDocument({
    autoFirstPage: false,
    lang: 'ja-JP',
    displayTitle: true,
    info: {
      Title: pages.map(({ facts }) => CERTIFICATE_KINDS[facts.kind]).join('・'),
      Author: first.facts.issuance.issuerTitle,
      Subject: pages.map(({ facts }) => facts.issuance.certificateNo).join(' '),
      // The issue date, not the clock: the same facts render to the same bytes.
      CreationDate: japanMidnight(first.facts.issuance.issuedOn),
    },
  });
  registerPdfFonts(doc);
  const bytes = pdfBytes(doc);
  for (const page of pages) drawCertificate(doc, page.facts, page.rows);
  doc.end();
  return bytes;
}

export function renderPlateCertificate(facts: CertificateFacts<PlateIssueContent>): Promise<Buffer> {
  return renderDocument([{ facts, rows: plateIssueRows(facts) }]);
}

export function renderDeregistrationReceipt(facts: CertificateFacts<DeregistrationReceiptContent>): Promise<Buffer> {
  return renderDocument([{ facts, rows: deregistrationReceiptRows(facts) }]);
}

/** One certificate per page, in the order given (an owner change: the new owner's 標識交付証明書, then the old owner's 廃車申告受付書). */
export function renderCertificates(certificates: CertificateFacts[]): Promise<Buffer> {
  return renderDocument(
    certificates.map((facts) => ({ facts, rows: facts.kind === 'plate_issue' ? plateIssueRows(facts) : deregistrationReceiptRows(facts) })),
  );
}

/** An owner change (名義変更): the new owner's 標識交付証明書 and the old owner's 廃車申告受付書 in one PDF. */
export function renderOwnerChange(newOwner: CertificateFacts<PlateIssueContent>, previousOwner: CertificateFacts<DeregistrationReceiptContent>): Promise<Buffer> {
  return renderCertificates([newOwner, previousOwner]);
}
