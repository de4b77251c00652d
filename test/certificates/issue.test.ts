import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffActor } from '../../src/access/actor.js';
import { AccessControl } from '../../src/access/guard.js';
import type { RoleCode } from '../../src/access/roles.js';
import type { CertificateSource } from '../../src/certificates/model.js';
import { CertificateService } from '../../src/certificates/service.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { loadKeys } from '../../src/keys/keys.js';
import { fiscalYearOf, japanToday } from '../../src/shared/dates.js';
import { formatEraDate } from '../../src/shared/era.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';
import { readPdf } from './pdf.js';
import { DEREGISTRATION, PLATE_ISSUE, SAMPLE_VEHICLE } from './sample.js';

const CITY = '112224';
const NORTH_OFFICE = '02';

const clerkAt = (staffNo: string, roles: RoleCode[] = ['counter_clerk'], officeCode: string | null = NORTH_OFFICE) =>
  staffActor({ municipalityCode: CITY, staffNo, staffName: '窓口 職員', officeCode, roles, ipAddress: '127.0.0.1', terminal: 'vitest', reauthenticatedAt: null });

/** A plate certificate for declaration `serial` of this year, so that tests do not share vehicles. */
const plateSource = (serial: number, certificateRestricted = false): CertificateSource => ({
  content: { ...PLATE_ISSUE, vehicle: { ...SAMPLE_VEHICLE, declarationNo: `2026-${serial}` } },
  certificateRestricted,
});

describe('issuing certificates', () => {
  let db: Database;
  let certificates: CertificateService;
  const clerk = clerkAt('K0001');
  const thisYear = fiscalYearOf(japanToday());

  const issueLog = () =>
    db.withMunicipality(CITY, (trx) => trx.selectFrom('certificateIssue').selectAll().orderBy('fiscalYear').orderBy('serial').execute());
  const counter = async () =>
    (await db.withMunicipality(CITY, (trx) => sql<{ n: number | null }>`select max(last_serial) as n from certificate_number_counter`.execute(trx))).rows[0]?.n ?? 0;
  const lastAudit = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());

  beforeAll(async () => {
    db = await createTestDatabase();
    certificates = new CertificateService(new AccessControl(db, loadKeys(loadConfig(TEST_KEY_ENV)).keys));
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' }).execute();
      await trx
        .insertInto('office')
        .values([
          { municipalityCode: CITY, officeCode: '01', name: '市民税課', kind: 'main' },
          { municipalityCode: CITY, officeCode: NORTH_OFFICE, name: '北部出張所', kind: 'branch' },
        ])
        .execute();
      await trx
        .insertInto('staff')
        .values(['K0001', 'K0002', 'V0001', 'N0001'].map((staffNo) => ({ municipalityCode: CITY, staffNo, name: `職員${staffNo}`, officeCode: NORTH_OFFICE, department: '北部出張所' })))
        .execute();
    });
  });
  afterAll(() => db.close());

  it('issues a 標識交付証明書: numbered for the fiscal year, logged with office and staff, audited, its text holding plate, chassis, 和暦 date, number and office', async () => {
    const issued = await certificates.issue(clerk, [plateSource(1)], { reprint: false });
    const [certificate] = issued.certificates;
    expect(certificate).toMatchObject({ kind: 'plate_issue', declarationNo: '2026-000001', reprintOf: null });
    expect(certificate?.certificateNo).toMatch(new RegExp(`^${thisYear}-\\d{6}$`));

    const [page] = await readPdf(issued.pdf);
    for (const printed of ['標識交付証明書', '越谷市 あ 12-34', 'AF68-1234567', formatEraDate(certificate?.issuedOn ?? ''), certificate?.certificateNo ?? '', '北部出張所', '越谷市長']) {
      expect(page?.text, printed).toContain(printed);
    }
    expect((await issueLog()).at(-1)).toMatchObject({ certificateKind: 'plate_issue', declarationNo: '2026-000001', officeCode: NORTH_OFFICE, staffNo: 'K0001', issuedOn: certificate?.issuedOn, reprintOfSerial: null });
    expect(await lastAudit()).toMatchObject({
      operation: 'certificate.issue',
      subjectType: 'vehicle',
      subjectId: '2026-000001',
      result: 'succeeded',
      rowCount: 1,
      officeCode: NORTH_OFFICE,
      detail: { certificates: [{ certificateNo: certificate?.certificateNo, kind: 'plate_issue', reprintOf: null }] },
    });
  });

  it('reprints under a new number, marked 再発行, naming the certificate it replaces, audited as a reprint', async () => {
    const first = (await certificates.issue(clerk, [plateSource(2)], { reprint: false })).certificates[0];
    const reprint = await certificates.issue(clerkAt('K0002'), [plateSource(2)], { reprint: true });
    const [again] = reprint.certificates;
    expect(again?.reprintOf).toBe(first?.certificateNo);
    expect(again?.certificateNo).not.toBe(first?.certificateNo);
    const [page] = await readPdf(reprint.pdf);
    expect(page?.text).toContain('再発行');
    expect(page?.text).toContain(`証明書番号 ${first?.certificateNo} の再発行です。`);
    expect((await issueLog()).at(-1)).toMatchObject({ staffNo: 'K0002', reprintOfFiscalYear: thisYear, reprintOfSerial: Number(first?.certificateNo.slice(5)) });
    expect(await lastAudit()).toMatchObject({ operation: 'certificate.reprint', subjectId: '2026-000002', result: 'succeeded', staffNo: 'K0002' });
    // A second reprint still replaces the certificate first issued.
    expect((await certificates.issue(clerk, [plateSource(2)], { reprint: true })).certificates[0]?.reprintOf).toBe(first?.certificateNo);
  });

  it('refuses a reprint of what was never issued, and logs nothing', async () => {
    const before = { log: (await issueLog()).length, counter: await counter() };
    await expect(certificates.issue(clerk, [plateSource(3)], { reprint: true })).rejects.toMatchObject({ status: 409, detail: expect.stringContaining('まだ発行されていないため、再発行できません') });
    expect((await issueLog()).length).toBe(before.log);
    expect(await counter()).toBe(before.counter);
  });

  it('refuses a vehicle under a certificate restriction (証明制限) with a clear Japanese problem: no number used, nothing logged, the refusal audited', async () => {
    const before = { log: (await issueLog()).length, counter: await counter() };
    const refusal = certificates.issue(clerk, [plateSource(4, true)], { reprint: false });
    await expect(refusal).rejects.toMatchObject({ status: 409, title: '証明書を発行できません', detail: expect.stringContaining('証明制限が設定されている') });
    expect((await issueLog()).length).toBe(before.log);
    expect(await counter()).toBe(before.counter);
    expect(await lastAudit()).toMatchObject({ operation: 'certificate.issue', subjectId: '2026-000004', result: 'failed', detail: { status: 409 } });
  });

  it('refuses an actor without the permission, audits the denial, and logs nothing', async () => {
    const before = (await issueLog()).length;
    await expect(certificates.issue(clerkAt('V0001', ['collections_viewer']), [plateSource(5)], { reprint: false })).rejects.toMatchObject({ status: 403 });
    expect(await lastAudit()).toMatchObject({ operation: 'certificate.issue', staffNo: 'V0001', subjectId: '2026-000005', result: 'denied', detail: { permission: 'certificate.issue' } });
    expect((await issueLog()).length).toBe(before);
  });

  it('refuses facts a certificate cannot print, naming the field in Japanese', async () => {
    const blank = { ...plateSource(6), content: { ...PLATE_ISSUE, vehicle: { ...SAMPLE_VEHICLE, chassisNo: ' ' } } };
    await expect(certificates.issue(clerk, [blank], { reprint: false })).rejects.toMatchObject({
      status: 400,
      errors: [{ field: '0.content.vehicle.chassisNo', message: '車台番号を入力してください' }],
    });
  });

  it('refuses a staff member with no office, since the certificate prints where it was issued', async () => {
    await expect(certificates.issue(clerkAt('N0001', ['counter_clerk'], null), [plateSource(7)], { reprint: false })).rejects.toMatchObject({ status: 409, title: '発行拠点が分かりません' });
  });

  it("issues an owner change's two certificates in one PDF under consecutive numbers", async () => {
    const issued = await certificates.issue(clerk, [plateSource(8), { content: DEREGISTRATION, certificateRestricted: false }], { reprint: false });
    expect(issued.certificates.map((c) => c.kind)).toEqual(['plate_issue', 'deregistration_receipt']);
    const [plate, receipt] = issued.certificates.map((c) => Number(c.certificateNo.slice(5)));
    expect(receipt).toBe((plate ?? 0) + 1);
    const pages = await readPdf(issued.pdf);
    expect(pages.map((page) => page.text.slice(0, 7))).toEqual(['標識交付証明書', '廃車申告受付書']);
  });

  it('numbers certificates without gaps when clerks issue in parallel', async () => {
    const before = await counter();
    const issued = await Promise.all(Array.from({ length: 8 }, (_, i) => certificates.issue(clerkAt(i % 2 ? 'K0001' : 'K0002'), [plateSource(100 + i)], { reprint: false })));
    const serials = issued.map((result) => Number(result.certificates[0]?.certificateNo.slice(5))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 8 }, (_, i) => before + 1 + i));
    const logged = (await issueLog()).filter((row) => row.fiscalYear === thisYear).map((row) => row.serial);
    expect(logged).toEqual(Array.from({ length: logged.length }, (_, i) => i + 1));
  });
});
