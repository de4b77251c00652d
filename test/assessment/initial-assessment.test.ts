import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { staffActor, type Actor } from '../../src/access/actor.js';
import { AccessControl } from '../../src/access/guard.js';
import type { RoleCode } from '../../src/access/roles.js';
import type { AssessmentRunView } from '../../src/assessment/model.js';
import { AssessmentService, leviesOfYear, type LevyRow } from '../../src/assessment/service.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { loadKeys } from '../../src/keys/keys.js';
import { Problem } from '../../src/server/problem.js';
import { NATIONAL } from '../../src/tax-rules/service.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

const CITY = '112224';
const FY = 2026;
const person = (n: number) => `${CITY}${String(n).padStart(9, '0')}`;
const [A, B, C, DEALER, BUYER, F, ADMINISTRATOR, H] = [1, 2, 3, 4, 5, 6, 7, 8].map(person) as [string, string, string, string, string, string, string, string];

const actorWith = (roles: RoleCode[]) =>
  staffActor({ municipalityCode: CITY, staffNo: 'S0001', staffName: '係長 職員', officeCode: '01', roles, ipAddress: '127.0.0.1', terminal: 'vitest', reauthenticatedAt: null });
const supervisor = actorWith(['supervisor']);

type Generation = Record<string, unknown> & { no: string; generation?: number };

/** A generation of a record: 軽自動車 二輪 (3,600 yen) owned by A, registered 2025-05-01, unless told. */
function generation({ no, generation = 1, ...fields }: Generation) {
  const [year, serial] = no.split('-').map(Number) as [number, number];
  return {
    municipalityCode: CITY,
    declarationYear: year,
    declarationSerial: serial,
    generation,
    vehicleClassCode: 'kei_two_wheel',
    displacementCc: 200,
    ownerAddresseeNo: A,
    registrationDate: '2025-05-01',
    ...fields,
  };
}

const superseded = { supersededAt: new Date('2026-04-10T00:00:00Z') };

/** The register on the 賦課期日 of FY2026: each record named for the boundary it sits on. */
const REGISTER = [
  generation({ no: '2025-1' }),
  // Deregistered on 3/31: not taxed. On 4/1: taxed (第463条の16: the owner on April 1).
  generation({ no: '2025-2', ...superseded }),
  generation({ no: '2025-2', generation: 2, changeDate: '2026-03-31', deregistrationDate: '2026-03-31' }),
  generation({ no: '2025-3', ...superseded }),
  generation({ no: '2025-3', generation: 2, changeDate: '2026-04-01', deregistrationDate: '2026-04-01' }),
  // Acquired on 4/1: taxed; on 4/2: not.
  generation({ no: '2026-4', ownerAddresseeNo: B, registrationDate: '2026-04-01' }),
  generation({ no: '2026-5', ownerAddresseeNo: B, registrationDate: '2026-04-02' }),
  // Owner change on 4/1: the new owner is taxed, the old record not. On 4/2: the old owner.
  generation({ no: '2025-6', ...superseded }),
  generation({ no: '2025-6', generation: 2, changeDate: '2026-04-01', deregistrationDate: '2026-04-01', newOwnerDeclarationNo: '2026-7' }),
  generation({ no: '2026-7', ownerAddresseeNo: C, registrationDate: '2026-04-01', previousOwnerDeclarationNo: '2025-6' }),
  generation({ no: '2025-8', ...superseded }),
  generation({ no: '2025-8', generation: 2, changeDate: '2026-04-02', deregistrationDate: '2026-04-02', newOwnerDeclarationNo: '2026-9' }),
  generation({ no: '2026-9', ownerAddresseeNo: C, registrationDate: '2026-04-02', previousOwnerDeclarationNo: '2025-8' }),
  // Retained title: the buyer the register names as user.
  generation({ no: '2025-10', ownerAddresseeNo: DEALER, vehicleUserKindCode: 'other', vehicleUserAddresseeNo: BUYER }),
  generation({ no: '2025-11', taxationCode: 'tax_hold', taxHoldReasonCode: 'theft' }),
  generation({ no: '2025-12', taxationCode: 'non_taxable', nonTaxableStartDate: '2026-01-01' }),
  generation({ no: '2025-13', taxationCode: 'non_taxable', nonTaxableStartDate: '2025-06-01', nonTaxableEndDate: '2026-03-31' }),
  // 二輪の小型自動車 (6,000 yen) of a taxpayer with a 納税管理人; a taxpayer with a 送付先; A's second vehicle.
  generation({ no: '2025-14', ownerAddresseeNo: F, vehicleClassCode: 'small_two_wheeler', displacementCc: 400 }),
  generation({ no: '2025-15', ownerAddresseeNo: H }),
  generation({ no: '2025-16' }),
];

/** Who the assessment must levy, by declaration number. */
const EXPECTED = {
  '2025-1': A,
  '2025-3': A,
  '2026-4': B,
  '2026-7': C,
  '2025-8': A,
  '2025-10': BUYER,
  '2025-13': A,
  '2025-14': F,
  '2025-15': H,
  '2025-16': A,
};

describe('initial assessment (当初賦課)', () => {
  let db: Database;
  let access: AccessControl;

  const service = (options: ConstructorParameters<typeof AssessmentService>[2] = {}) => new AssessmentService(access, NATIONAL, { batchSize: 3, ...options });
  /** A real run from start to end, as the screen sees it: started, carried on in the background, finished. */
  const assess = (runner: AssessmentService, actor: Actor, resume = false) => runner.run(actor, FY, resume);
  /** A service whose run waits after its first batch until released. */
  const pausedService = () => {
    let release: () => void = () => undefined;
    const paused = new Promise<void>((resolve) => (release = resolve));
    let reachedPause: (run: AssessmentRunView) => void = () => undefined;
    const atPause = new Promise<AssessmentRunView>((resolve) => (reachedPause = resolve));
    const runner = service({
      afterBatch: async (run) => {
        reachedPause(run);
        await paused;
      },
    });
    return { runner, atPause, release: () => release() };
  };
  const levies = () =>
    db.withMunicipality(CITY, (trx) =>
      trx
        .selectFrom('levy')
        .select(['declarationYear', 'declarationSerial', 'generation', 'noticeNo', 'ownerAddresseeNo', 'originalAmount', 'amount', 'unpaidAmount', 'rateCase', 'vehicleClassCode', 'paymentDeadline'])
        .where('fiscalYear', '=', FY)
        .orderBy('declarationYear')
        .orderBy('declarationSerial')
        .execute(),
    );
  const forget = () =>
    db.withMunicipality(CITY, async (trx) => {
      for (const table of ['levy', 'assessment_notice', 'notice_counter', 'assessment_run']) await sql`delete from ${sql.table(table)}`.execute(trx);
    });
  const refusal = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Problem);
    return error as Problem;
  };

  let deadPid: number;

  beforeAll(async () => {
    const exited = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => exited.once('exit', resolve));
    deadPid = exited.pid as number;
    db = await createTestDatabase();
    access = new AccessControl(db, loadKeys(loadConfig(TEST_KEY_ENV)).keys);
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '越谷市', prefecture: '埼玉県' }).execute();
      await trx.insertInto('office').values({ municipalityCode: CITY, officeCode: '01', name: '市民税課', kind: 'main' }).execute();
      await trx
        .insertInto('addressee')
        .values([A, B, C, DEALER, BUYER, F, ADMINISTRATOR, H].map((addresseeNo, i) => ({ municipalityCode: CITY, addresseeNo, kind: 'non_resident', nameKanji: `架空 ${i}郎`, nameKana: 'カクウ', address: '架空県架空市1番' })))
        .execute();
      await trx.insertInto('taxAdministratorAssignment').values({ municipalityCode: CITY, taxpayerAddresseeNo: F, administratorAddresseeNo: ADMINISTRATOR, validFrom: '2025-01-01' }).execute();
      await trx.insertInto('mailDestination').values({ municipalityCode: CITY, addresseeNo: H, validFrom: '2025-01-01', name: '架空税理士事務所', address: '架空県架空市2番' }).execute();
      await trx.insertInto('vehicle').values(REGISTER).execute();
    });
  });
  afterAll(() => db.close());
  beforeEach(forget);

  it('levies exactly the vehicles whose owner stands on April 1, on the taxpayer the law names', async () => {
    const run = await assess(service(), supervisor);
    expect(run.status).toBe('completed');
    const rows = await levies();
    expect(Object.fromEntries(rows.map((row) => [`${row.declarationYear}-${row.declarationSerial}`, row.ownerAddresseeNo]))).toEqual(EXPECTED);
    // The generation in force on April 1: 2025-8's first (its owner change came on 4/2), 2025-3's second.
    expect(rows.find((row) => row.declarationSerial === 8)?.generation).toBe(1);
    expect(rows.find((row) => row.declarationSerial === 3)?.generation).toBe(2);
    expect(rows.every((row) => row.amount === row.originalAmount && row.unpaidAmount === row.amount && row.rateCase === 'standard')).toBe(true);
    // 2026-05-31 is a Sunday: the due date moves to Monday 2026-06-01.
    expect(new Set(rows.map((row) => String(row.paymentDeadline)))).toEqual(new Set(['2026-06-01']));
    expect(run.totals).toEqual({
      vehicles: 10,
      amount: 9 * 3600 + 6000,
      notComputed: 0,
      byClass: { kei_two_wheel: { count: 9, amount: 32400 }, small_two_wheeler: { count: 1, amount: 6000 } },
      byRateCase: { standard: { count: 10, amount: 38400 } },
    });
  });

  it('gives one notice per taxpayer and destination, numbered without gaps', async () => {
    await assess(service(), supervisor);
    const rows = await levies();
    const noticesOfA = new Set(rows.filter((row) => row.ownerAddresseeNo === A).map((row) => row.noticeNo));
    expect(noticesOfA.size).toBe(1);
    const numbers = [...new Set(rows.map((row) => row.noticeNo))].sort();
    expect(numbers).toEqual(['202600000001', '202600000002', '202600000003', '202600000004', '202600000005', '202600000006']);
    const keys = await db.withMunicipality(CITY, (trx) => trx.selectFrom('assessmentNotice').select(['taxpayerAddresseeNo', 'destinationKey']).execute());
    expect(keys).toContainEqual({ taxpayerAddresseeNo: F, destinationKey: `administrator:${ADMINISTRATOR}` });
    expect(keys).toContainEqual({ taxpayerAddresseeNo: H, destinationKey: 'mail:2025-01-01' });
    expect(keys).toContainEqual({ taxpayerAddresseeNo: A, destinationKey: 'address' });
  });

  it('hands the levies to other capabilities in notice order, page by page, and by one notice or taxpayer', async () => {
    await assess(service(), supervisor);
    const all = await levies();
    const paged = await db.withMunicipality(CITY, async (trx) => {
      const seen: LevyRow[] = [];
      for (let page = await leviesOfYear(trx, FY, { limit: 4 }); page.length > 0; ) {
        seen.push(...page);
        page = await leviesOfYear(trx, FY, { after: page.at(-1), limit: 4 });
      }
      return seen;
    });
    expect(paged).toHaveLength(all.length);
    const order = paged.map((row) => `${row.noticeNo}/${row.declarationYear}-${String(row.declarationSerial).padStart(6, '0')}`);
    expect(order).toEqual([...order].sort());
    expect(new Set(order).size).toBe(all.length);
    const ofA = await db.withMunicipality(CITY, (trx) => leviesOfYear(trx, FY, { limit: 100, ownerAddresseeNo: A }));
    expect(ofA.map((row) => row.declarationSerial)).toEqual(all.filter((row) => row.ownerAddresseeNo === A).map((row) => row.declarationSerial));
    const ofNotice = await db.withMunicipality(CITY, (trx) => leviesOfYear(trx, FY, { limit: 100, noticeNo: ofA[0]!.noticeNo }));
    expect(ofNotice.every((row) => row.noticeNo === ofA[0]!.noticeNo)).toBe(true);
    expect(await db.withMunicipality(CITY, (trx) => leviesOfYear(trx, FY - 1, { limit: 100 }))).toEqual([]);
  });

  it('is idempotent: a second run leaves the levies and totals as they were', async () => {
    const first = await assess(service(), supervisor);
    const before = await levies();
    const second = await assess(service(), supervisor);
    expect(second.runId).not.toBe(first.runId);
    expect(await levies()).toEqual(before);
    expect(second.totals).toEqual(first.totals);
  });

  it('resumes a run cut off after its first batch from its cursor: the same levies and totals as a clean run', async () => {
    const clean = await assess(service(), supervisor);
    const cleanLevies = await levies();
    await forget();
    const cut = service({
      afterBatch: () => {
        throw new Error('killed after the first batch');
      },
    });
    await expect(assess(cut, supervisor)).rejects.toThrow('killed');
    expect(await levies()).toHaveLength(3);
    const refused = await refusal(assess(service(), supervisor));
    expect(refused.status).toBe(409);
    expect(refused.detail).toContain('再開');
    const resumed = await assess(service(), supervisor, true);
    expect(resumed.status).toBe('completed');
    expect(await levies()).toEqual(cleanLevies);
    expect(resumed.totals).toEqual(clean.totals);
  });

  it('refuses a second start while a run is in progress (409), and the first finishes', async () => {
    const { runner, atPause, release } = pausedService();
    const first = assess(runner, supervisor);
    const running = await atPause;
    expect(running.status).toBe('running');
    expect(running.cursor).toBe('2025-8');
    const refused = await refusal(assess(service(), supervisor));
    expect(refused.status).toBe(409);
    expect(refused.detail).toContain('実行中');
    const resumeRefused = await refusal(assess(service(), supervisor, true));
    expect(resumeRefused.detail).toContain(`実行番号 ${running.runId}、係長 職員 が`);
    release();
    expect((await first).status).toBe('completed');
  });

  it('shows progress: the vehicles standing on April 1 counted at the start, and those read so far', async () => {
    const { runner, atPause, release } = pausedService();
    const started = await runner.start(supervisor, FY);
    expect(started).toMatchObject({ status: 'running', vehiclesExpected: 10, vehiclesDone: 0, startedByName: '係長 職員' });
    expect((await atPause).vehiclesDone).toBe(3);
    expect((await runner.findRun(supervisor, started.runId)).vehiclesDone).toBe(3);
    release();
    expect(await runner.whenFinished(started.runId)).toMatchObject({ status: 'completed', vehiclesExpected: 10, vehiclesDone: 10 });
  });

  it('shows a run whose process died as 中断, refuses a fresh start, and resumes it to the same levies', async () => {
    const clean = await assess(service(), supervisor);
    const cleanLevies = await levies();
    await forget();
    const { runner, atPause } = pausedService();
    const started = await runner.start(supervisor, FY);
    await atPause;
    // The process running it is killed: its runner is now a pid that no longer exists on this host.
    await db.withMunicipality(CITY, (trx) => trx.updateTable('assessmentRun').set({ runnerPid: deadPid }).where('runId', '=', started.runId).execute());
    expect((await service().findRun(supervisor, started.runId)).status).toBe('interrupted');
    expect((await service().runs(supervisor))[0]?.status).toBe('interrupted');
    expect((await refusal(assess(service(), supervisor))).detail).toContain('再開');
    const resumed = await assess(service(), supervisor, true);
    expect(resumed).toMatchObject({ runId: started.runId, status: 'completed', vehiclesDone: 10 });
    expect(await levies()).toEqual(cleanLevies);
    expect(resumed.totals).toEqual(clean.totals);
  });

  it('fences off a runner whose heartbeat went stale: once taken over, its next batch is refused and the run ends once', async () => {
    const { runner, atPause, release } = pausedService();
    const started = await runner.start(supervisor, FY);
    await atPause;
    // As if it ran on another host and had not committed a batch for ten minutes.
    await db.withMunicipality(CITY, (trx) =>
      trx.updateTable('assessmentRun').set({ runnerHost: 'elsewhere', heartbeatAt: new Date(Date.now() - 600_000) }).where('runId', '=', started.runId).execute(),
    );
    const resumed = await assess(service(), supervisor, true);
    expect(resumed.status).toBe('completed');
    release();
    expect((await refusal(runner.whenFinished(started.runId))).detail).toContain('別の処理が引き継いだ');
    expect((await service().findRun(supervisor, started.runId)).status).toBe('completed');
    expect((await levies()).length).toBe(10);
  });

  it('stops its runs after the current batch when the server shuts down, as 中断 to be resumed', async () => {
    const { runner, atPause, release } = pausedService();
    const started = await runner.start(supervisor, FY);
    await atPause;
    const stopped = runner.stopRunners();
    release();
    await stopped;
    const run = await service().findRun(supervisor, started.runId);
    expect(run).toMatchObject({ status: 'interrupted', vehiclesDone: 3 });
    expect(run.finishedAt).not.toBeNull();
    expect((await assess(service(), supervisor, true)).status).toBe('completed');
  });

  it('reconciles the stored totals with the levies, and names a group that no longer agrees', async () => {
    await assess(service(), supervisor);
    const agreed = await service().reconcile(supervisor, FY);
    expect(agreed.agrees).toBe(true);
    expect(agreed.differences).toEqual([]);
    await db.withMunicipality(CITY, (trx) =>
      trx.updateTable('levy').set({ originalAmount: 5000, amount: 5000, unpaidAmount: 5000 }).where('declarationSerial', '=', 14).where('fiscalYear', '=', FY).execute(),
    );
    const report = await service().reconcile(supervisor, FY);
    expect(report.agrees).toBe(false);
    expect(report.differences).toEqual([
      { group: 'class', key: 'small_two_wheeler', left: { count: 1, amount: 6000 }, right: { count: 1, amount: 5000 } },
      { group: 'rateCase', key: 'standard', left: { count: 10, amount: 38400 }, right: { count: 10, amount: 37400 } },
    ]);
    expect((await refusal(service().reconcile(supervisor, 2030))).status).toBe(404);
  });

  it('previews without writing a levy, against the levies of last year', async () => {
    await db.withMunicipality(CITY, (trx) =>
      trx
        .insertInto('levy')
        .values({ municipalityCode: CITY, declarationYear: 2025, declarationSerial: 1, generation: 1, fiscalYear: 2025, taxYear: 2025, noticeNo: '202500000001', ownerAddresseeNo: A, originalAmount: 3600, amount: 3600, unpaidAmount: 3600, vehicleClassCode: 'kei_two_wheel', rateCase: 'standard' })
        .execute(),
    );
    const report = await service().preview(supervisor, FY);
    expect(await levies()).toEqual([]);
    expect(report.run.kind).toBe('preview');
    expect(report.run.totals.amount).toBe(38400);
    expect(report.lastYear.amount).toBe(3600);
    expect(report.differences.filter((d) => d.group === 'class')).toEqual([
      { group: 'class', key: 'kei_two_wheel', left: { count: 9, amount: 32400 }, right: { count: 1, amount: 3600 } },
      { group: 'class', key: 'small_two_wheeler', left: { count: 1, amount: 6000 }, right: { count: 0, amount: 0 } },
    ]);
  });

  it('what-if: 1.5 times the standard rate raises each class by half, every taxpayer paying more', async () => {
    const overrides = {
      municipalityCode: CITY,
      name: '越谷市',
      parameters: { 'rates.multiplier': [{ from: 2016, to: null, value: 1.5, citation: '試算(条例改正案)', confidence: 'M' }] },
    };
    const report = await service().whatIf(supervisor, FY, overrides);
    expect(report.revenueDifference).toBe(19200);
    expect(report.byClass).toEqual([
      { group: 'class', key: 'kei_two_wheel', left: { count: 9, amount: 32400 }, right: { count: 9, amount: 48600 } },
      { group: 'class', key: 'small_two_wheeler', left: { count: 1, amount: 6000 }, right: { count: 1, amount: 9000 } },
    ]);
    expect(report.taxpayersPayingMore).toBe(6);
    expect(report.taxpayersPayingLess).toBe(0);
    expect(await levies()).toEqual([]);
  });

  it('denies a counter clerk every assessment operation and lets a collections viewer read the history only', async () => {
    const clerk = actorWith(['counter_clerk']);
    for (const work of [assess(service(), clerk), service().preview(clerk, FY), service().reconcile(clerk, FY)]) expect((await refusal(work)).status).toBe(403);
    const viewer = actorWith(['collections_viewer']);
    expect((await refusal(assess(service(), viewer))).status).toBe(403);
    await assess(service(), supervisor);
    expect((await service().runs(viewer)).map((run) => run.status)).toEqual(['completed']);
    const denied = await db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().where('result', '=', 'denied').where('operation', 'like', 'assessment.%').execute());
    expect(denied.length).toBe(4);
  });
});
