import { sql, type Insertable } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { staffActor } from '../../src/access/actor.js';
import { AccessControl } from '../../src/access/guard.js';
import type { RoleCode } from '../../src/access/roles.js';
import type { ReconciliationReport } from '../../src/assessment/model.js';
import { AssessmentService } from '../../src/assessment/service.js';
import { loadConfig } from '../../src/config.js';
import type { CityTransaction, Database } from '../../src/db/database.js';
import type { Levy } from '../../src/db/schema.js';
import { loadKeys } from '../../src/keys/keys.js';
import { assertNoticesReleased, MailingCheckService, noticeRelease } from '../../src/mailing-checks/service.js';
import { Problem } from '../../src/server/problem.js';
import { NATIONAL } from '../../src/tax-rules/service.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

const CITY = '112224';
const FY = 2026;
const person = (n: number) => `${CITY}${String(n).padStart(9, '0')}`;
const [A, DECEASED, RETURNED] = [1, 2, 3].map(person) as [string, string, string];

const actorWith = (roles: RoleCode[], staffNo = 'S0001') =>
  staffActor({ municipalityCode: CITY, staffNo, staffName: '職員', officeCode: '01', roles, ipAddress: '127.0.0.1', terminal: 'vitest', reauthenticatedAt: null });
const supervisor = actorWith(['supervisor']);
const assessor = actorWith(['assessor'], 'S0002');

/** The assessment as the checks see it: its newest completed real run (7), reconciled. */
const RECONCILED = { reconcile: () => Promise.resolve({ fiscalYear: FY, runId: 7, agrees: true } as ReconciliationReport) };

function vehicle(serial: number, fields: Record<string, unknown> = {}) {
  return { municipalityCode: CITY, declarationYear: 2025, declarationSerial: serial, generation: 1, vehicleClassCode: 'kei_two_wheel', displacementCc: 200, ownerAddresseeNo: A, registrationDate: '2020-01-01', ...fields };
}

function levy(serial: number, fiscalYear: number, fields: Partial<Insertable<Levy>> = {}): Insertable<Levy> {
  const amount = fields.amount ?? 3600;
  return {
    municipalityCode: CITY,
    declarationYear: 2025,
    declarationSerial: serial,
    generation: 1,
    fiscalYear,
    taxYear: fiscalYear,
    noticeNo: `${fiscalYear}${String(serial).padStart(8, '0')}`,
    ownerAddresseeNo: A,
    originalAmount: amount,
    amount,
    unpaidAmount: amount,
    vehicleClassCode: 'kei_two_wheel',
    rateCase: 'standard',
    ...fields,
  };
}

/** One vehicle for each rule, named by the rule it must trip (2025-10 trips none). */
const REGISTER = [
  vehicle(1, { vehicleClassCode: 'kei_four_wheel_passenger_private', displacementCc: null, fuelTypeCode: 'electric', firstInspection: '2025-06', chassisNo: 'B5AA-100001' }),
  vehicle(2, { vehicleClassCode: 'kei_four_wheel_cargo_private', displacementCc: 658, fuelTypeCode: 'gasoline', firstInspection: null }),
  vehicle(3, { vehicleClassCode: 'small_special_other', displacementCc: null, vehicleMakeName: 'クボタ', modelDesignation: 'トラクター KL21' }),
  vehicle(4, { supersededAt: new Date('2026-04-10T00:00:00Z') }),
  vehicle(4, { generation: 2, changeDate: '2026-03-20', deregistrationDate: '2026-03-20' }),
  vehicle(5, { ownerAddresseeNo: DECEASED }),
  // Deregistered after April 1 (so taxed) and the same chassis, written another way, registered again before it.
  vehicle(6, { chassisNo: 'MD44-1000', deregistrationDate: '2026-04-05' }),
  vehicle(7, { chassisNo: 'ＭＤ４４１０００' }),
  vehicle(8, { ownerAddresseeNo: RETURNED }),
  vehicle(9, { vehicleClassCode: 'kei_four_wheel_passenger_private', displacementCc: 658, fuelTypeCode: 'gasoline', firstInspection: '2012-05' }),
  vehicle(10),
];

const LEVIES = [
  levy(1, FY, { vehicleClassCode: 'kei_four_wheel_passenger_private', amount: 10800 }),
  levy(3, FY, { vehicleClassCode: 'small_special_other', amount: 5900 }),
  levy(4, FY),
  levy(5, FY, { ownerAddresseeNo: DECEASED }),
  levy(6, FY),
  levy(7, FY),
  levy(8, FY, { ownerAddresseeNo: RETURNED }),
  levy(9, FY, { vehicleClassCode: 'kei_four_wheel_passenger_private', amount: 12900, rateCase: 'heavy' }),
  levy(10, FY),
  levy(8, FY - 1, { ownerAddresseeNo: RETURNED, returnedMailCode: 'returned' }),
  levy(9, FY - 1, { vehicleClassCode: 'kei_four_wheel_passenger_private', amount: 10800 }),
  levy(10, FY - 1),
];

describe('checks before mailing (発送前点検)', () => {
  let db: Database;
  let access: AccessControl;
  let checks: MailingCheckService;

  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Problem);
    return error as Problem;
  };
  const inCity = <T>(work: (trx: CityTransaction) => Promise<T>) => db.withMunicipality(CITY, work);

  beforeAll(async () => {
    db = await createTestDatabase();
    access = new AccessControl(db, loadKeys(loadConfig(TEST_KEY_ENV)).keys);
    // Pages of two: every walk over the levies and the register turns several pages.
    checks = new MailingCheckService(access, RECONCILED, { pageSize: 2 });
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' }).execute();
      await trx
        .insertInto('addressee')
        .values([
          { municipalityCode: CITY, addresseeNo: A, kind: 'non_resident', nameKanji: '架空 一郎', nameKana: 'カクウ', address: '架空県架空市1番' },
          { municipalityCode: CITY, addresseeNo: DECEASED, kind: 'resident', nameKanji: '架空 二郎', nameKana: 'カクウ', sexCode: '1', birthDate: '1940-01-01', address: '架空県架空市2番', status: 'deceased', statusDate: '2026-02-10' },
          { municipalityCode: CITY, addresseeNo: RETURNED, kind: 'non_resident', nameKanji: '架空 三郎', nameKana: 'カクウ', address: '架空県架空市3番' },
        ])
        .execute();
      await trx.insertInto('vehicle').values(REGISTER).execute();
    });
  });
  afterAll(() => db.close());
  beforeEach(() =>
    db.withMunicipality(CITY, async (trx) => {
      for (const table of ['mailing_check_finding', 'mailing_check_run', 'levy']) await sql`delete from ${sql.table(table)}`.execute(trx);
      await trx.insertInto('levy').values(LEVIES).execute();
    }),
  );

  it('refuses to run (409) before the year has a completed real assessment', async () => {
    const problem = await refusal(new MailingCheckService(access, new AssessmentService(access, NATIONAL)).run(supervisor, FY));
    expect(problem.status).toBe(409);
    expect(problem.detail).toContain('令和8年度の当初賦課がまだ完了していない');
  });

  it('refuses to run (409) when the assessment does not reconcile with its levies', async () => {
    const unreconciled = { reconcile: () => Promise.resolve({ fiscalYear: FY, runId: 7, agrees: false } as ReconciliationReport) };
    const problem = await refusal(new MailingCheckService(access, unreconciled).run(supervisor, FY));
    expect(problem.status).toBe(409);
    expect(problem.detail).toContain('一致しない');
  });

  it('finds each rule once where the register and last year say so, naming the levy and the taxpayer', async () => {
    const report = await checks.run(supervisor, FY);
    const found = report.findings.map((f) => [f.ruleCode, f.declarationNo, f.taxpayerAddresseeNo, f.noticeNo]);
    expect(found).toEqual([
      ['green_reduction_missing', '2025-1', A, '202600000001'],
      ['small_special_use_mismatch', '2025-3', A, '202600000003'],
      ['deregistered_still_levied', '2025-4', A, '202600000004'],
      ['owner_gone_still_levied', '2025-5', DECEASED, '202600000005'],
      ['chassis_levied_twice', '2025-6', A, '202600000006'],
      ['chassis_levied_twice', '2025-7', A, '202600000007'],
      ['mail_returned_last_year', '2025-8', RETURNED, '202600000008'],
      ['amount_changed', '2025-9', A, '202600000009'],
      ['first_inspection_missing', '2025-2', A, null],
    ]);
    expect(report.findings.map((f) => f.findingNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(report.countsByRule).toMatchObject({ chassis_levied_twice: 2, amount_changed: 1, first_inspection_missing: 1 });
    expect(report.unreviewed).toBe(9);
    expect(report.run).toMatchObject({ fiscalYear: FY, assessmentRunId: 7, levyCount: 9, levyAmount: 10800 + 5900 + 12900 + 6 * 3600, signedOffAt: null });
    expect(report.findings[5]?.explanation).toContain('2025-6');
    expect(report.release).toMatchObject({ released: false, heldBecause: '発送前点検の結果がまだ決裁されていません。' });
    // The working copies of the levies are gone once the run commits.
    const left = await db.withMunicipality(CITY, (trx) => sql<{ n: number }>`select (select count(*) from mailing_check_levy_key) + (select count(*) from mailing_check_prior_levy) as n`.execute(trx));
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it('filters the report by rule', async () => {
    await checks.run(supervisor, FY);
    const report = await checks.report(supervisor, FY, 'chassis_levied_twice');
    expect(report.findings.map((f) => f.declarationNo)).toEqual(['2025-6', '2025-7']);
    expect(report.countsByRule.green_reduction_missing).toBe(1);
  });

  it('signs off only when every finding is reviewed, by a supervisor, and then releases the notices', async () => {
    const { findings } = await checks.run(assessor, FY);
    const held = await refusal(inCity((trx) => assertNoticesReleased(trx, FY)));
    expect(held.status).toBe(409);
    expect(held.detail).toContain('係長・課長が発送前点検の結果を確認して決裁してください');

    expect((await refusal(checks.signOff(supervisor, FY))).detail).toContain('未確認の指摘が9件あります');
    for (const finding of findings) await checks.review(assessor, FY, finding.findingNo, finding.findingNo === 1 ? '車検証を確認、更正予定' : null);
    const reviewed = await checks.report(supervisor, FY);
    expect(reviewed.unreviewed).toBe(0);
    expect(reviewed.findings[0]).toMatchObject({ reviewedByStaffNo: 'S0002', reviewNote: '車検証を確認、更正予定' });

    expect((await refusal(checks.signOff(assessor, FY))).status).toBe(403);
    const release = await checks.signOff(supervisor, FY);
    expect(release).toMatchObject({ fiscalYear: FY, released: true, heldBecause: null, signedOffByStaffNo: 'S0001' });
    await inCity((trx) => assertNoticesReleased(trx, FY));
    expect((await refusal(checks.review(supervisor, FY, 1, null))).status).toBe(409);
  });

  it('voids the sign-off when a levy changes after it, and refuses a sign-off on levies changed after the checks', async () => {
    const { findings } = await checks.run(supervisor, FY);
    for (const finding of findings) await checks.review(supervisor, FY, finding.findingNo, null);
    await checks.signOff(supervisor, FY);
    await inCity((trx) => trx.updateTable('levy').set({ amount: 0, unpaidAmount: 0, changeAmount: -3600 }).where('declarationSerial', '=', 4).where('fiscalYear', '=', FY).execute());
    const release = await inCity((trx) => noticeRelease(trx, FY));
    expect(release).toMatchObject({ released: false, heldBecause: '決裁の後に課税の内容が変わったため、決裁は無効です。発送前点検をやり直してください。' });
    expect((await refusal(inCity((trx) => assertNoticesReleased(trx, FY)))).status).toBe(409);

    const again = await checks.run(supervisor, FY);
    for (const finding of again.findings) await checks.review(supervisor, FY, finding.findingNo, null);
    await inCity((trx) => trx.updateTable('levy').set({ ownerAddresseeNo: RETURNED }).where('declarationSerial', '=', 10).where('fiscalYear', '=', FY).execute());
    expect((await refusal(checks.signOff(supervisor, FY))).detail).toContain('点検の後に令和8年度の課税の内容が変わりました');
  });

  it('answers in Japanese for a year never checked and a finding that does not exist', async () => {
    expect((await refusal(checks.report(supervisor, FY))).detail).toBe('令和8年度の発送前点検はまだ実行されていません。「点検を実行」してください。');
    expect((await refusal(checks.signOff(supervisor, FY))).status).toBe(409);
    await checks.run(supervisor, FY);
    const missing = await refusal(checks.review(supervisor, FY, 99, null));
    expect(missing.status).toBe(404);
    expect(missing.detail).toContain('指摘番号 99 はありません');
  });

  it('denies a role without the assessment permission the run and the review, and audits each denial', async () => {
    const viewer = actorWith(['collections_viewer'], 'S0003');
    expect((await refusal(checks.run(viewer, FY))).status).toBe(403);
    await checks.run(supervisor, FY);
    expect((await refusal(checks.review(viewer, FY, 1, null))).status).toBe(403);
    expect((await checks.report(viewer, FY)).findings).toHaveLength(9);
    const denied = await db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').select('operation').where('staffNo', '=', 'S0003').where('result', '=', 'denied').orderBy('seq').execute());
    expect(denied.map((row) => row.operation)).toEqual(['mailing_check.run', 'mailing_check.review']);
  });
});
