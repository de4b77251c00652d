import { sql, type Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { Vehicle } from '../../src/db/schema.js';
import { formatEraDate } from '../../src/shared/era.js';
import { japanToday } from '../../src/shared/dates.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { readPdf } from './pdf.js';

const CITY = '112224';
const OWNER = `${CITY}000000101`;
const NEW_OWNER = `${CITY}000000102`;

/** A moped at the counter, as the register holds it (generation 1, current). */
const moped = (serial: number, fields: Partial<Insertable<Vehicle>> = {}): Insertable<Vehicle> => ({
  municipalityCode: CITY,
  declarationYear: 2026,
  declarationSerial: serial,
  generation: 1,
  vehicleClassCode: 'moped_class1',
  platePart1: '試験市',
  platePart2: 'あ',
  platePart3: String(1000 + serial),
  ownerAddresseeNo: OWNER,
  registrationReasonCode: 'new',
  registrationDate: '2026-04-01',
  registrationReceivedDate: '2026-04-01',
  vehicleMakeName: 'ホンダ',
  modelDesignation: 'AF68',
  chassisNo: `AF68-100${serial}`,
  displacementCc: 49,
  storageAddressCode: '100',
  storageBlockNo: '1234',
  storageLotNo: '5',
  registrationOfficeCode: '02',
  ...fields,
});

describe('certificates over HTTP, from the vehicle register', () => {
  let db: Database;
  let t: TestApp;
  let clerk: SignedIn;
  let viewer: SignedIn;

  const issue = (who: SignedIn, declarationNo: string, payload: object) =>
    t.app.inject({ method: 'POST', url: `/api/v1/vehicles/${declarationNo}/certificates`, headers: who.headers, payload });
  const issueCount = async () => (await db.withMunicipality(CITY, (trx) => sql<{ n: number }>`select count(*)::int as n from certificate_issue`.execute(trx))).rows[0]?.n;
  const lastAudit = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    clerk = await signInAs(t, db, ['counter_clerk']);
    viewer = await signInAs(t, db, ['collections_viewer']);
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('office').values({ municipalityCode: CITY, officeCode: '02', name: '北部出張所', kind: 'branch' }).execute();
      await trx.updateTable('staff').set({ officeCode: '02' }).where('staffNo', '=', clerk.staffNo).execute();
      await trx.insertInto('addressArea').values({ municipalityCode: CITY, addressCode: '100', townName: '越ヶ谷', townNameKana: 'コシガヤ', postalCode: '3430813' }).execute();
      await trx
        .insertInto('addressee')
        .values([
          { municipalityCode: CITY, addresseeNo: OWNER, kind: 'non_resident', nameKanji: '髙橋　太郎', nameKana: 'タカハシ　タロウ', address: '東京都足立区架空町一丁目2番3号' },
          { municipalityCode: CITY, addresseeNo: NEW_OWNER, kind: 'non_resident', nameKanji: '佐藤　花子', nameKana: 'サトウ　ハナコ', address: '試験県試験市越ヶ谷1234-5' },
        ])
        .execute();
      await trx
        .insertInto('vehicle')
        .values([
          moped(1),
          moped(2, { certificateRestricted: true }),
          // 名義変更: the old owner's record closed (譲渡) naming the new one, which names it back.
          moped(3, { deregistrationReasonCode: 'transferred', deregistrationDate: '2026-06-01', deregistrationReceivedDate: '2026-06-02', newOwnerAddresseeNo: NEW_OWNER, newOwnerDeclarationNo: '2026-000004' }),
          moped(4, { platePart3: '1003', chassisNo: 'AF68-1003', ownerAddresseeNo: NEW_OWNER, registrationReasonCode: 'transfer', registrationDate: '2026-06-01', previousOwnerAddresseeNo: OWNER, previousOwnerDeclarationNo: '2026-000003' }),
        ])
        .execute();
    });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it("prints a vehicle's 標識交付証明書 as an A4 PDF whose text holds the plate, chassis, storage place, number, 和暦 date and office", async () => {
    const res = await issue(clerk, '2026-1', { kind: 'plate_issue' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const number = String(res.headers['x-certificate-numbers']);
    expect(number).toMatch(/^\d{4}-\d{6}$/);
    const [page, ...more] = await readPdf(res.rawPayload);
    expect(more).toHaveLength(0);
    expect(page?.size.map(Math.round)).toEqual([595, 842]);
    for (const printed of ['標識交付証明書', '試験市 あ 1001', 'AF68-1001', '試験県試験市越ヶ谷1234-5', '髙橋 太郎', number, formatEraDate(japanToday()), '令和8年4月1日', '新規', '北部出張所', '試験市長']) {
      expect(page?.text, printed).toContain(printed);
    }
    expect(await lastAudit()).toMatchObject({ operation: 'certificate.issue', subjectType: 'vehicle', subjectId: '2026-000001', result: 'succeeded', staffNo: clerk.staffNo });
  });

  it('reprints it marked 再発行, audited as a reprint, and lists both', async () => {
    const res = await issue(clerk, '2026-000001', { kind: 'plate_issue', reprint: true });
    expect(res.statusCode, res.body).toBe(200);
    const [page] = await readPdf(res.rawPayload);
    expect(page?.text).toContain('再発行');
    expect(await lastAudit()).toMatchObject({ operation: 'certificate.reprint', subjectId: '2026-000001', result: 'succeeded' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/vehicles/2026-000001/certificates', headers: clerk.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject([
      { certificateNo: res.headers['x-certificate-numbers'], kind: 'plate_issue', reprintOf: expect.any(String), officeCode: '02' },
      { kind: 'plate_issue', reprintOf: null },
    ]);
  });

  it('refuses a vehicle under a certificate restriction with a Japanese problem, and logs no certificate', async () => {
    const before = await issueCount();
    const res = await issue(clerk, '2026-000002', { kind: 'plate_issue' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ title: '証明書を発行できません', detail: expect.stringContaining('証明制限') });
    expect(await issueCount()).toBe(before);
  });

  it("prints an owner change's two certificates in one PDF: the new owner's 標識交付証明書, the old owner's 廃車申告受付書", async () => {
    for (const declarationNo of ['2026-000003', '2026-000004']) {
      const res = await issue(clerk, declarationNo, { kind: 'owner_change' });
      expect(res.statusCode, res.body).toBe(200);
      const [plate, receipt] = String(res.headers['x-certificate-numbers']).split(',').map((n) => Number(n.slice(5)));
      expect(receipt).toBe((plate ?? 0) + 1);
      const pages = await readPdf(res.rawPayload);
      expect(pages).toHaveLength(2);
      expect(pages[0]?.text).toContain('標識交付証明書');
      expect(pages[0]?.text).toContain('佐藤 花子');
      expect(pages[0]?.text).toContain('譲受');
      expect(pages[1]?.text).toContain('廃車申告受付書');
      expect(pages[1]?.text).toContain('髙橋 太郎');
      expect(pages[1]?.text).toContain('譲渡');
    }
  });

  it('says what the clerk can do when the register does not allow the certificate asked for', async () => {
    const receipt = await issue(clerk, '2026-000001', { kind: 'deregistration_receipt' });
    expect(receipt.statusCode).toBe(409);
    expect(receipt.json().detail).toContain('廃車の申告を受け付けていない');
    const plate = await issue(clerk, '2026-000003', { kind: 'plate_issue' });
    expect(plate.statusCode).toBe(409);
    expect(plate.json().detail).toContain('廃車申告受付書を選んでください');
    const owner = await issue(clerk, '2026-000001', { kind: 'owner_change' });
    expect(owner.statusCode).toBe(409);
    const missing = await issue(clerk, '2026-000099', { kind: 'plate_issue' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toContain('2026-000099');
  });

  it('refuses bad input in Japanese, naming the field', async () => {
    const kind = await issue(clerk, '2026-000001', { kind: 'driving_licence' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().errors).toEqual([{ field: 'kind', message: expect.stringContaining('証明書の種類は「標識交付証明書」') }]);
    const number = await issue(clerk, 'abc', { kind: 'plate_issue' });
    expect(number.statusCode).toBe(400);
    expect(number.json().errors[0].field).toBe('params.declarationNo');
  });

  it('refuses staff without the permission, and audits the refusal', async () => {
    const before = await issueCount();
    const res = await issue(viewer, '2026-000001', { kind: 'plate_issue' });
    expect(res.statusCode).toBe(403);
    expect(await lastAudit()).toMatchObject({ operation: 'certificate.issue', staffNo: viewer.staffNo, result: 'denied' });
    expect(await issueCount()).toBe(before);
  });
});
