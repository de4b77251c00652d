import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { AssessmentService } from '../../src/assessment/service.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { loadKeys } from '../../src/keys/keys.js';
import { MANIFEST_FILE } from '../../src/notices/batch.js';
import { noticesFromLevies, type NoticeSettings } from '../../src/notices/from-levies.js';
import type { NoticeData } from '../../src/notices/model.js';
import { NoticeService, RELEASE_NOT_YET_WIRED, type NoticeRelease } from '../../src/notices/service.js';
import { renderNotices } from '../../src/notices/render.js';
import { Problem } from '../../src/server/problem.js';
import { toCsv } from '../../src/shared/csv.js';
import { isValidIndividualNumber } from '../../src/shared/individual-number.js';
import { NATIONAL } from '../../src/tax-rules/service.js';
import { readPdf } from '../certificates/pdf.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';
import { seedNoticeCity, taxpayersOf } from './city.js';

const CITY = '112224';
const FY = 2026;
const { A, F, G, H } = taxpayersOf(CITY);
const SETTINGS: NoticeSettings = { contact: { section: '市民税課 軽自動車税担当', phone: '048-000-0000', address: '越谷市越ヶ谷四丁目2番1号' }, convenienceStoreCompanyCode: '12345' };
const supervisor = testActor(CITY, ['supervisor'], 'SUP01');
const assessor = testActor(CITY, ['assessor'], 'ASS01');

/** A release that refuses, as the checks before mailing do until a supervisor signs them off. */
const NOT_SIGNED_OFF: NoticeRelease = {
  assertReleased: (_trx, fiscalYear) => Promise.reject(Problem.conflict(`${fiscalYear}年度の発送前点検が承認されていません。`)),
};

describe('tax notices from the levies of an assessment run', () => {
  let db: Database;
  let access: AccessControl;
  let assessment: AssessmentService;
  const directories: string[] = [];
  const outDir = () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'keitax-notice-batch-')), 'out');
    directories.push(directory);
    return directory;
  };
  const service = (release: NoticeRelease = RELEASE_NOT_YET_WIRED) =>
    new NoticeService(access, { release, reconcile: (actor, fiscalYear) => assessment.reconcile(actor, fiscalYear), settings: SETTINGS, outputDir: outDir(), renderThreads: 1 });
  const lastAudit = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());
  const notices = (pageSize?: number) =>
    db.withMunicipality(CITY, async (trx) => {
      const all: NoticeData[] = [];
      for await (const notice of noticesFromLevies(trx, { municipalityCode: CITY, fiscalYear: FY, issuedOn: '2026-05-11', reprint: false }, SETTINGS, pageSize)) all.push(notice);
      return all;
    });
  const byTaxpayer = (all: NoticeData[], addresseeNo: string) => all.find((notice) => notice.taxpayer.addresseeNo === addresseeNo) as NoticeData;

  beforeAll(async () => {
    db = await createTestDatabase();
    access = new AccessControl(db, loadKeys(loadConfig(TEST_KEY_ENV)).keys);
    await db.withMunicipality(CITY, (trx) => seedNoticeCity(trx, CITY));
    assessment = new AssessmentService(access, NATIONAL, { batchSize: 2 });
    await assessment.run(supervisor, FY - 1);
    await assessment.run(supervisor, FY);
  });
  afterAll(async () => {
    directories.forEach((directory) => rmSync(join(directory, '..'), { recursive: true, force: true }));
    await db.close();
  });

  it("builds one notice per notice number with each vehicle's class, plate, amount and rate case, and why it differs from last year", async () => {
    const all = await notices();
    expect(all.map((notice) => notice.taxpayer.addresseeNo).sort()).toEqual([A, F, H].sort());
    const ofA = byTaxpayer(all, A);
    expect(ofA).toMatchObject({
      fiscalYear: FY,
      issuedOn: '2026-05-11',
      dueDate: '2026-06-01',
      total: 12900 + 4000 + 2000,
      reprint: false,
      payment: { directDebit: false },
      municipality: { name: '越谷市', mayorTitle: '越谷市長', contact: SETTINGS.contact, convenienceStoreCompanyCode: '12345' },
      taxpayer: { name: '架空 一郎', mailTo: { postalCode: '343-0813', address: '越谷市越ヶ谷一丁目1番1号', name: '架空 一郎' } },
    });
    expect(ofA.vehicles).toEqual([
      {
        classLabel: '軽自動車 四輪乗用 自家用',
        plateText: '越谷 580 あ 12-34',
        chassisNo: 'HA36S-100001',
        amount: 12900,
        rateCase: 'heavyRate',
        rateReason: '初度検査 平成24年5月から13年を経過',
        reduction: null,
        differsFromLastYear: '重課の開始(前年度 7,200円)',
        inspectionCertificateStub: true,
      },
      expect.objectContaining({ amount: 4000, rateCase: 'previousRate', rateReason: '初度検査 平成26年6月(平成27年3月以前)', differsFromLastYear: null, inspectionCertificateStub: true }),
      expect.objectContaining({ plateText: '越谷市 あ 567', amount: 2000, rateCase: 'newStandardMoped', differsFromLastYear: null, inspectionCertificateStub: false }),
    ]);
  });

  it('sends the notice of a taxpayer with a 納税管理人 to the administrator, and one with a 送付先 there', async () => {
    const all = await notices();
    expect(byTaxpayer(all, F).taxpayer).toEqual({ addresseeNo: F, name: '架空 六郎', mailTo: { postalCode: '343-0845', address: '越谷市南越谷七丁目7番', name: '納税管理人 代理 七子 様方' } });
    expect(byTaxpayer(all, H).taxpayer.mailTo).toEqual({ postalCode: '343-0822', address: '越谷市架空町2番', name: '架空税理士事務所' });
    expect(all.some((notice) => notice.taxpayer.addresseeNo === G)).toBe(false);
  });

  it('builds the same notices whether a page holds one levy or a thousand (a notice spanning pages stays whole)', async () => {
    expect(await notices(1)).toEqual(await notices());
  });

  it("prints each vehicle's amount and rate case on the notice PDF", async () => {
    const pages = (await readPdf(await renderNotices([byTaxpayer(await notices(), A)]))).map((page) => page.text);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('12,900円');
    expect(pages[0]).toContain('重課(初度検査 平成24年5月から13年を経過)');
    expect(pages[0]).toContain('重課の開始(前年度 7,200円)');
    expect(pages[1]).toContain('4,000円');
    expect(pages[1]).toContain('旧税率');
    expect(pages[2]).toContain('2,000円');
    expect(pages[2]).toContain('新基準原付');
  });

  describe('reprint from the taxpayer screen', () => {
    it('renders the one notice marked 再発行, audited with the notice number and the taxpayer', async () => {
      const noticeNo = byTaxpayer(await notices(), A).noticeNo;
      const reprinted = await service().reprint(assessor, FY, { noticeNo });
      expect(reprinted.noticeNos).toEqual([noticeNo]);
      const pages = (await readPdf(reprinted.pdf)).map((page) => page.text);
      expect(pages).toHaveLength(3);
      for (const page of pages) expect(page).toContain('再発行');
      expect(pages[0]).toContain('12,900円');
      expect(await lastAudit()).toMatchObject({ operation: 'notice.reprint', result: 'succeeded', staffNo: 'ASS01', subjectType: 'addressee', subjectId: A, rowCount: 3, detail: { fiscalYear: FY, noticeNos: [noticeNo] } });
      const byOwner = await service().reprint(assessor, FY, { ownerAddresseeNo: F });
      expect((await readPdf(byOwner.pdf))[0]?.text).toContain('納税管理人 代理 七子 様方');
    });

    it('answers an unknown notice or a taxpayer without one with a 404 in Japanese', async () => {
      await expect(service().reprint(assessor, FY, { noticeNo: '202699999999' })).rejects.toMatchObject({ status: 404, detail: expect.stringContaining('通知書番号 202699999999 の納税通知書はありません') });
      await expect(service().reprint(assessor, FY, { ownerAddresseeNo: G })).rejects.toMatchObject({ status: 404, detail: expect.stringContaining(`宛名番号 ${G}`) });
    });

    it('refuses the counter clerk and the contractor, audited as denied', async () => {
      for (const role of ['counter_clerk', 'contractor'] as const) {
        await expect(service().reprint(testActor(CITY, [role]), FY, { ownerAddresseeNo: A })).rejects.toMatchObject({ status: 403 });
        expect(await lastAudit()).toMatchObject({ operation: 'notice.reprint', result: 'denied' });
      }
    });
  });

  describe('batch from a run', () => {
    it("renders every notice of the year into files with a manifest that reconciles with the run's totals", async () => {
      const directory = outDir();
      const { manifest } = await service().printBatch(assessor, FY, { perFile: 2, outDir: directory });
      expect(await lastAudit()).toMatchObject({ operation: 'notice.batch.print', result: 'succeeded', rowCount: 5, detail: { fiscalYear: FY, files: 2, notices: 3 } });
      const run = await assessment.reconcile(assessor, FY);
      expect(manifest.totals).toEqual({ files: 2, notices: 3, vehicles: run.stored.vehicles, total: run.stored.amount });
      expect(run.stored).toMatchObject({ vehicles: 5, amount: 12900 + 4000 + 2000 + 3600 + 3600 });
      expect(readdirSync(directory).sort()).toEqual([MANIFEST_FILE, 'notices-0001.pdf', 'notices-0002.pdf']);
    });

    it('is stopped by a release that refuses, before anything is rendered', async () => {
      const directory = outDir();
      await expect(service(NOT_SIGNED_OFF).printBatch(assessor, FY, { perFile: 2, outDir: directory })).rejects.toMatchObject({ status: 409, detail: expect.stringContaining('発送前点検') });
      expect(existsSync(directory)).toBe(false);
    });

    it('refuses to finish, with no manifest, when the notices do not add up to the run', async () => {
      const directory = outDir();
      const change = (amount: number) =>
        db.withMunicipality(CITY, (trx) => sql`update levy set amount = ${amount}, unpaid_amount = ${amount}, change_amount = ${amount} - original_amount where fiscal_year = ${FY} and declaration_serial = 4`.execute(trx));
      await change(3000);
      try {
        await expect(service().printBatch(assessor, FY, { perFile: 2, outDir: directory })).rejects.toMatchObject({ status: 422, detail: expect.stringContaining('当初賦課は 5台・26,100円') });
        expect(existsSync(join(directory, MANIFEST_FILE))).toBe(false);
      } finally {
        await change(3600);
      }
    }, 60_000);

    it("refuses before rendering when the levies no longer add up to the run's stored totals", async () => {
      const directory = outDir();
      const rewrite = (amount: number) =>
        db.withMunicipality(CITY, (trx) => sql`update levy set original_amount = ${amount}, amount = ${amount}, unpaid_amount = ${amount} where fiscal_year = ${FY} and declaration_serial = 5`.execute(trx));
      await rewrite(1000);
      try {
        await expect(service().printBatch(assessor, FY, { perFile: 2, outDir: directory })).rejects.toMatchObject({ status: 409, detail: expect.stringContaining('集計と課税の記録が一致しません') });
        expect(existsSync(directory)).toBe(false);
      } finally {
        await rewrite(3600);
      }
    });

    it('refuses a year without a completed assessment', async () => {
      await expect(service().printBatch(assessor, FY + 1, { perFile: 2, outDir: outDir() })).rejects.toMatchObject({ status: 404 });
    });
  });

  describe('print data for the contractor', () => {
    it('exports the rows of every levy, audited as an export, with no individual number', async () => {
      const exported = await service().exportPrintData(supervisor, FY);
      expect(exported).toMatchObject({ fileName: '納税通知書印刷データ_2026.csv', notices: 3, vehicles: 5 });
      expect(exported.rows).toHaveLength(5);
      const csv = toCsv(exported.header, exported.rows);
      expect(csv).toContain('"12900"');
      expect(csv).toContain('"重課の開始(前年度 7,200円)"');
      expect(await lastAudit()).toMatchObject({ operation: 'notice.print_data.export', result: 'succeeded', staffNo: 'SUP01', rowCount: 5 });
      // The only twelve-digit values are notice numbers, never a 個人番号-shaped one.
      const noticeNos = new Set((await notices()).map((notice) => notice.noticeNo));
      const twelveDigits = [...csv.matchAll(/(?<!\d)\d{12}(?!\d)/g)].map(([digits]) => digits);
      expect(twelveDigits.length).toBeGreaterThan(0);
      expect(twelveDigits.filter((digits) => !noticeNos.has(digits) && isValidIndividualNumber(digits))).toEqual([]);
    });

    it('is stopped by a release that refuses, audited as failed', async () => {
      await expect(service(NOT_SIGNED_OFF).exportPrintData(supervisor, FY)).rejects.toMatchObject({ status: 409 });
      expect(await lastAudit()).toMatchObject({ operation: 'notice.print_data.export', result: 'failed' });
    });

    it('refuses an assessor who may print but not export, and the contractor', async () => {
      for (const role of ['assessor', 'contractor', 'auditor'] as const) {
        await expect(service().exportPrintData(testActor(CITY, [role]), FY)).rejects.toMatchObject({ status: 403 });
        expect(await lastAudit()).toMatchObject({ operation: 'notice.print_data.export', result: 'denied' });
      }
    });
  });
});
