/**
 * @module Tax notices (納税通知書) as PDF, pure: NoticeData in, bytes out, with the font and approach
 * of the certificates (docs/decisions/0011-certificate-pdf.md). Two layouts, as cities use them:
 * a cash payer gets one A4 page per vehicle — the notice, its payment slip with the
 * convenience-store barcode and, for a 3-/4-wheel kei, the 納税証明書(継続検査用) stub; a
 * direct-debit payer gets one list of all their vehicles and no slip (the bank pays on the due
 * date, so a slip would invite paying twice). docs/notices.md
 */
import PDFDocument from 'pdfkit';
import { japanMidnight } from '../shared/dates.js';
import { formatEraDate, formatEraFiscalYear } from '../shared/era.js';
import { pdfBytes, registerPdfFonts } from '../shared/pdf-fonts.js';
import { code128Bars, gs1128Symbols, paymentBarcodeText } from './barcode.js';
import { noticeProblems, RATE_CASES, type NoticeData, type NoticeVehicle } from './model.js';
import { slipBarcodeDigits } from './slip.js';

/**
 * The seam for the 地方税統一QRコード (eL-QR): its format is released only to registered bodies,
 * so until the city plugs in an encoder its slot prints nothing — never a look-alike code. An
 * encoder gives the QR modules (true = dark) for a notice's slip (`page`: 1-based, 0 for a list).
 */
export interface LocalTaxQrEncoder {
  modules(notice: NoticeData, page: number): boolean[][];
}

export interface NoticeRenderOptions {
  localTaxQr?: LocalTaxQrEncoder;
}

type Document = InstanceType<typeof PDFDocument>;

const PAGE = { width: 595.28, height: 841.89, margin: 40 } as const;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const RIGHT = PAGE.width - PAGE.margin;
/** 0.191 mm, the guideline's narrowest module: the 288 modules and quiet zones fit a 60 mm scanner. */
const BAR_MODULE = (0.191 / 25.4) * 72;
const BAR_HEIGHT = (10 / 25.4) * 72;
const QUIET_ZONE_MODULES = 10;
const QR_SLOT = 80;

export const yen = (amount: number) => `${amount.toLocaleString('ja-JP')}円`;
const title = (notice: NoticeData) => `${formatEraFiscalYear(notice.fiscalYear)} 軽自動車税(種別割)納税通知書`;
const vehicleIdentity = (vehicle: NoticeVehicle) => (vehicle.plateText ? `標識番号 ${vehicle.plateText}` : `車台番号 ${vehicle.chassisNo ?? ''}`);
const rateCaseText = (vehicle: NoticeVehicle) => (vehicle.rateReason ? `${RATE_CASES[vehicle.rateCase]}(${vehicle.rateReason})` : RATE_CASES[vehicle.rateCase]);

function drawReprintMark(doc: Document, notice: NoticeData): void {
  if (!notice.reprint) return;
  doc.lineWidth(1.5).rect(RIGHT - 80, PAGE.margin - 10, 80, 26).stroke();
  doc.font('bold').fontSize(14).text('再発行', RIGHT - 80, PAGE.margin - 5, { width: 80, align: 'center', lineBreak: false });
}

/** The head of every page: title, the envelope's window (address and name), notice and addressee numbers. */
function drawHead(doc: Document, notice: NoticeData, pageLabel: string): number {
  drawReprintMark(doc, notice);
  const { mailTo } = notice.taxpayer;
  doc.font('regular').fontSize(10).text(`〒${mailTo.postalCode}`, PAGE.margin, 60, { width: 260 });
  doc.text(mailTo.address, { width: 260 });
  doc.fontSize(12).text(`${mailTo.name} 様`, { width: 260 });
  doc.fontSize(9).text(`通知書番号 ${notice.noticeNo}`, 320, 60, { width: RIGHT - 320, align: 'right' });
  doc.text(`宛名番号 ${notice.taxpayer.addresseeNo}`, { width: RIGHT - 320, align: 'right' });
  doc.text(`発付日 ${formatEraDate(notice.issuedOn)}`, { width: RIGHT - 320, align: 'right' });
  doc.text(pageLabel, { width: RIGHT - 320, align: 'right' });
  doc.font('bold').fontSize(15).text(title(notice), PAGE.margin, 140, { width: CONTENT_WIDTH, align: 'center' });
  doc.font('regular').fontSize(9.5).text(`納税義務者 ${notice.taxpayer.name} 様`, PAGE.margin, 166, { width: CONTENT_WIDTH });
  doc.text(`${notice.municipality.mayorTitle}`, PAGE.margin, 166, { width: CONTENT_WIDTH, align: 'right' });
  doc.fontSize(9).text('地方税法第444条及び市税条例の規定により、次のとおり軽自動車税(種別割)を課税しましたので通知します。', PAGE.margin, 182, { width: CONTENT_WIDTH });
  return 200;
}

/** Labelled rows in a box; returns the y below them. */
function drawRows(doc: Document, rows: [string, string][], top: number, labelWidth = 110, width = CONTENT_WIDTH): number {
  let y = top;
  for (const [label, value] of rows) {
    doc.font('regular').fontSize(9.5);
    const height = Math.max(18, doc.heightOfString(value, { width: width - labelWidth - 8 }) + 6);
    doc.lineWidth(0.5).rect(PAGE.margin, y, labelWidth, height).stroke().rect(PAGE.margin + labelWidth, y, width - labelWidth, height).stroke();
    doc.fontSize(8.5).text(label, PAGE.margin + 4, y + 4, { width: labelWidth - 8, lineBreak: false });
    doc.fontSize(9.5).text(value, PAGE.margin + labelWidth + 4, y + 3, { width: width - labelWidth - 8 });
    y += height;
  }
  return y;
}

function vehicleRows(vehicle: NoticeVehicle): [string, string][] {
  return [
    ['車種区分', vehicle.classLabel],
    ['標識番号又は車台番号', vehicleIdentity(vehicle)],
    ['税率の区分', rateCaseText(vehicle)],
    ...(vehicle.reduction ? ([['減免', `${vehicle.reduction.label} ${yen(vehicle.reduction.amount)}`]] as [string, string][]) : []),
    ['税額', yen(vehicle.amount)],
    ...(vehicle.differsFromLastYear ? ([['前年度との違い', vehicle.differsFromLastYear]] as [string, string][]) : []),
  ];
}

function drawContact(doc: Document, notice: NoticeData, y: number): void {
  const { contact, name } = notice.municipality;
  doc.font('regular').fontSize(8.5).text(`お問い合わせ先 ${name} ${contact.section} 電話 ${contact.phone} ${contact.address}`, PAGE.margin, y, { width: CONTENT_WIDTH });
}

function cutLine(doc: Document, y: number, label: string): void {
  doc.lineWidth(0.5).dash(3, { space: 3 }).moveTo(PAGE.margin, y).lineTo(RIGHT, y).stroke().undash();
  doc.font('regular').fontSize(7).text(label, PAGE.margin, y + 2, { lineBreak: false });
}

/** The convenience-store barcode, drawn as vector bars, with its digits beneath (src/notices/slip.ts). */
function drawBarcode(doc: Document, notice: NoticeData, page: number, amount: number, x: number, y: number): void {
  const digits = slipBarcodeDigits(notice, page, amount);
  if (digits === null) return;
  const { bars } = code128Bars(gs1128Symbols(digits));
  const left = x + QUIET_ZONE_MODULES * BAR_MODULE;
  for (const bar of bars) doc.rect(left + bar.x * BAR_MODULE, y, bar.width * BAR_MODULE, BAR_HEIGHT).fill('black');
  doc.font('regular').fontSize(6.5).text(paymentBarcodeText(digits), x, y + BAR_HEIGHT + 3, { lineBreak: false });
}

/** The eL-QR slot: the encoder's modules, or nothing at all. */
function drawLocalTaxQr(doc: Document, encoder: LocalTaxQrEncoder | undefined, notice: NoticeData, page: number, x: number, y: number): void {
  if (!encoder) return;
  const modules = encoder.modules(notice, page);
  const size = QR_SLOT / Math.max(1, modules.length);
  modules.forEach((row, r) => row.forEach((dark, c) => dark && doc.rect(x + c * size, y + r * size, size, size).fill('black')));
}

/** 納付書: what the payer takes to a bank or convenience store for this vehicle's amount. */
function drawPaymentSlip(doc: Document, notice: NoticeData, page: number, amount: number, top: number, options: NoticeRenderOptions): void {
  cutLine(doc, top, 'きりとり');
  doc.font('bold').fontSize(12).text(`${formatEraFiscalYear(notice.fiscalYear)} 軽自動車税(種別割)納付書`, PAGE.margin, top + 14, { width: CONTENT_WIDTH });
  const y = drawRows(doc, [
    ['通知書番号', `${notice.noticeNo}-${page}`],
    ['納税義務者', `${notice.taxpayer.name} 様`],
    ['納付金額', yen(amount)],
    ['納期限', formatEraDate(notice.dueDate)],
  ], top + 34, 90);
  doc.font('regular').fontSize(8).text('納期限までに金融機関又はコンビニエンスストアで納めてください。', PAGE.margin, y + 4, { width: CONTENT_WIDTH - QR_SLOT - 10 });
  drawBarcode(doc, notice, page, amount, PAGE.margin, y + 20);
  drawLocalTaxQr(doc, options.localTaxQr, notice, page, RIGHT - QR_SLOT, y + 4);
}

/** 納税証明書(継続検査用): stamped when paid, it is what the vehicle inspection asks for. */
function drawInspectionStub(doc: Document, notice: NoticeData, vehicle: NoticeVehicle, top: number): void {
  cutLine(doc, top, 'きりとり');
  doc.font('bold').fontSize(12).text('軽自動車税(種別割)納税証明書(継続検査用)', PAGE.margin, top + 14, { width: CONTENT_WIDTH });
  drawRows(doc, [
    ['年度', formatEraFiscalYear(notice.fiscalYear)],
    ['標識番号又は車台番号', vehicleIdentity(vehicle)],
    ['納税義務者', notice.taxpayer.name],
    ['税額', yen(vehicle.amount)],
  ], top + 34, 110, CONTENT_WIDTH - 80);
  doc.lineWidth(0.5).rect(RIGHT - 70, top + 34, 70, 70).stroke();
  doc.font('regular').fontSize(7).text('領収日付印', RIGHT - 70, top + 36, { width: 70, align: 'center', lineBreak: false });
  doc.fontSize(7.5).text('領収日付印のあるものに限り、継続検査の納税証明書として使用できます。', PAGE.margin, top + 112, { width: CONTENT_WIDTH });
}

/** A cash payer: one page per vehicle, its slip, and the stub where the vehicle needs one. */
function drawCashNotice(doc: Document, notice: NoticeData, options: NoticeRenderOptions): void {
  notice.vehicles.forEach((vehicle, index) => {
    const page = index + 1;
    addPage(doc);
    let y = drawHead(doc, notice, `${page} / ${notice.vehicles.length} 枚目`);
    y = drawRows(doc, vehicleRows(vehicle), y + 4);
    doc.font('regular').fontSize(9.5).text(`この通知書の税額の合計 ${notice.vehicles.length}台 ${yen(notice.total)}`, PAGE.margin, y + 8, { width: CONTENT_WIDTH });
    doc.font('bold').fontSize(10.5).text(`納期限 ${formatEraDate(notice.dueDate)}`, PAGE.margin, y + 24, { width: CONTENT_WIDTH });
    drawContact(doc, notice, y + 42);
    drawPaymentSlip(doc, notice, page, vehicle.amount, 470, options);
    if (vehicle.inspectionCertificateStub) drawInspectionStub(doc, notice, vehicle, 680);
  });
}

const LIST_COLUMNS = [
  { label: '車種区分', width: 110 },
  { label: '標識番号又は車台番号', width: 130 },
  { label: '税率の区分・減免', width: 185 },
  { label: '税額', width: 90 },
] as const;
const LIST_BOTTOM = PAGE.height - 90;

/** A direct-debit payer: every vehicle in one list (continued on further pages), the total, no slip. */
function drawDirectDebitNotice(doc: Document, notice: NoticeData): void {
  addPage(doc);
  let y = drawHead(doc, notice, '口座振替') + 6;
  const header = () => {
    let x = PAGE.margin;
    doc.font('bold').fontSize(8.5);
    for (const column of LIST_COLUMNS) {
      doc.lineWidth(0.5).rect(x, y, column.width, 16).stroke();
      doc.text(column.label, x + 3, y + 4, { width: column.width - 6, lineBreak: false });
      x += column.width;
    }
    y += 16;
  };
  header();
  for (const vehicle of notice.vehicles) {
    const cells = [
      vehicle.classLabel,
      vehicleIdentity(vehicle),
      [rateCaseText(vehicle), vehicle.reduction && `減免 ${vehicle.reduction.label} ${yen(vehicle.reduction.amount)}`, vehicle.differsFromLastYear && `前年度との違い: ${vehicle.differsFromLastYear}`].filter(Boolean).join('\n'),
      yen(vehicle.amount),
    ];
    doc.font('regular').fontSize(8.5);
    const height = Math.max(16, ...cells.map((cell, i) => doc.heightOfString(cell, { width: (LIST_COLUMNS[i]?.width ?? 0) - 6 }) + 6));
    if (y + height > LIST_BOTTOM) {
      addPage(doc);
      drawReprintMark(doc, notice);
      doc.font('regular').fontSize(9).text(`${title(notice)}(続き) 通知書番号 ${notice.noticeNo}`, PAGE.margin, 60, { width: CONTENT_WIDTH });
      y = 80;
      header();
      doc.font('regular').fontSize(8.5);
    }
    let x = PAGE.margin;
    cells.forEach((cell, i) => {
      const width = LIST_COLUMNS[i]?.width ?? 0;
      doc.lineWidth(0.5).rect(x, y, width, height).stroke();
      doc.text(cell, x + 3, y + 3, { width: width - 6, align: i === 3 ? 'right' : 'left' });
      x += width;
    });
    y += height;
  }
  if (y + 70 > PAGE.height - PAGE.margin) {
    addPage(doc);
    y = 60;
  }
  doc.font('bold').fontSize(10.5).text(`合計 ${notice.vehicles.length}台 ${yen(notice.total)}`, PAGE.margin, y + 8, { width: CONTENT_WIDTH, align: 'right' });
  doc.text(`納期限(振替日) ${formatEraDate(notice.dueDate)}`, PAGE.margin, y + 26, { width: CONTENT_WIDTH });
  doc.font('regular').fontSize(9).text('ご指定の口座から納期限の日に振り替えます。前日までに残高をご確認ください。', PAGE.margin, y + 42, { width: CONTENT_WIDTH });
  drawContact(doc, notice, y + 56);
}

/** Every position is placed by hand, so PDFKit must not start a page of its own under the stub. */
function addPage(doc: Document): void {
  doc.addPage({ size: 'A4', layout: 'portrait', margins: { top: PAGE.margin, left: PAGE.margin, right: PAGE.margin, bottom: 0 } });
}

/** Renders notices, each in its payer's layout, into one PDF (a print file of a batch, or one notice). */
export async function renderNotices(notices: readonly NoticeData[], options: NoticeRenderOptions = {}): Promise<Buffer> {
  const [first] = notices;
  if (!first) throw new Error('a notice PDF needs at least one notice');
  const problems = notices.flatMap(noticeProblems);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const doc = new PDFDocument({
    autoFirstPage: false,
    lang: 'ja-JP',
    displayTitle: true,
    info: {
      Title: title(first),
      Author: first.municipality.mayorTitle,
      Subject: notices.length === 1 ? `通知書番号 ${first.noticeNo}` : `通知書 ${notices.length}通`,
      // The notice's date, not the clock: the same notices render to the same bytes.
      CreationDate: japanMidnight(first.issuedOn),
    },
  });
  registerPdfFonts(doc);
  const bytes = pdfBytes(doc);
  for (const notice of notices) {
    if (notice.payment.directDebit) drawDirectDebitNotice(doc, notice);
    else drawCashNotice(doc, notice, options);
  }
  doc.end();
  return await bytes;
}
