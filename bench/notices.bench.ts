import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { renderNoticeBatch } from '../src/notices/batch.js';
import type { NoticeData, NoticeVehicle } from '../src/notices/model.js';
import { renderNotices } from '../src/notices/render.js';
import { pdfBytes, registerPdfFonts } from '../src/shared/pdf-fonts.js';
import { alongside, formatPercentiles, ms, timeOnce, type Benchmark } from './harness.js';

const SAMPLES = 40;
const BATCH = 1_000;
const PER_FILE = 100;
const WORKERS = 2;

/** Most taxpayers have one four-wheel kei; every fourth a moped as well; every tenth pays by direct debit. */
function fakeNotice(n: number): NoticeData {
  const car: NoticeVehicle = {
    classLabel: '軽四輪乗用・自家用',
    plateText: `越谷 580 あ ${String(n % 10_000).padStart(4, '0')}`,
    chassisNo: `BENCH-${n}`,
    amount: n % 3 === 0 ? 12900 : 10800,
    rateCase: n % 3 === 0 ? 'heavyRate' : 'standard',
    rateReason: n % 3 === 0 ? '初度検査から13年を経過' : null,
    reduction: null,
    differsFromLastYear: n % 3 === 0 ? '重課の開始' : null,
    inspectionCertificateStub: true,
  };
  const moped: NoticeVehicle = { ...car, classLabel: '原動機付自転車(一種)', amount: 2000, rateCase: 'standard', rateReason: null, differsFromLastYear: null, inspectionCertificateStub: false };
  const vehicles = n % 4 === 0 ? [car, moped] : [car];
  return {
    municipality: { name: '越谷市', mayorTitle: '越谷市長', contact: { section: '市民税課', phone: '048-963-9999', address: '越谷市越ヶ谷四丁目2番1号' }, convenienceStoreCompanyCode: '12345' },
    fiscalYear: 2026,
    noticeNo: String(2026_000_000 + n),
    taxpayer: { addresseeNo: String(n).padStart(9, '0'), name: `試験 太郎${n}`, mailTo: { postalCode: '343-0813', address: `越谷市越ヶ谷一丁目${n}番`, name: `試験 太郎${n}` } },
    issuedOn: '2026-05-11',
    dueDate: '2026-06-01',
    vehicles,
    total: vehicles.reduce((sum, vehicle) => sum + vehicle.amount, 0),
    payment: { directDebit: n % 10 === 0 },
    reprint: false,
  };
}

/** The floor: the same A4 page with the fonts embedded and nothing of a notice on it. */
async function blankPage(): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  registerPdfFonts(doc);
  const bytes = pdfBytes(doc);
  doc.addPage({ size: 'A4' });
  doc.font('regular').fontSize(10).text(' ', 40, 40);
  doc.end();
  return bytes;
}

async function* notices(count: number): AsyncIterable<NoticeData> {
  for (let n = 1; n <= count; n++) yield fakeNotice(n);
}

/**
 * Tax notices as PDF: one cash payer's one-vehicle notice in this thread, beside its floor (the
 * same page with no data), and a batch in worker threads, files of 100 with their manifest.
 */
export const noticesBenchmark: Benchmark = {
  id: 'notices',
  title: 'Tax notices as PDF',
  async run() {
    const one = fakeNotice(1);
    const single = await alongside(SAMPLES, () => blankPage(), () => renderNotices([one]));
    const outDir = mkdtempSync(join(tmpdir(), 'keitax-notices-bench-'));
    try {
      const batch = await timeOnce(() => renderNoticeBatch(notices(BATCH), { outDir, perFile: PER_FILE, workers: WORKERS }));
      const { totals } = batch.result;
      return [
        { what: 'blank A4 page with the fonts embedded (floor)', value: formatPercentiles(single.floor) },
        { what: 'one notice, one vehicle with slip, barcode and stub', value: `${formatPercentiles(single.measured)} (×${single.ratio.toFixed(1)} the floor at p95)` },
        {
          what: `${BATCH.toLocaleString('en-US')} notices in ${WORKERS} worker threads, files of ${PER_FILE}`,
          value: `${ms(batch.ms)} (${Math.round(BATCH / (batch.ms / 1000)).toLocaleString('en-US')} notices/s; ${totals.files} files, ${totals.vehicles} vehicles, ${totals.total.toLocaleString('en-US')} yen)`,
        },
      ];
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  },
};
