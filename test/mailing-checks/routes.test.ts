import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { vehicleSearchKeys } from '../../src/vehicles/service.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { assessOverHttp } from '../support/assessment.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';

const FY = 2026;

describe('checks before mailing over HTTP', () => {
  let db: Database;
  let t: TestApp;
  let supervisor: SignedIn;
  let assessor: SignedIn;
  let clerk: SignedIn;

  const post = (who: SignedIn, url: string, payload: object = {}) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    supervisor = await signInAs(t, db, ['supervisor']);
    assessor = await signInAs(t, db, ['assessor']);
    clerk = await signInAs(t, db, ['counter_clerk']);
    const city = t.config.municipalityCode;
    const owner = `${city}000000001`;
    await db.withMunicipality(city, async (trx) => {
      await trx.insertInto('addressee').values({ municipalityCode: city, addresseeNo: owner, kind: 'non_resident', nameKanji: '架空 一郎', nameKana: 'カクウ', address: '架空県架空市1番' }).execute();
      // A small special vehicle the engine prices (5,900 yen) whose model names a tractor, taxed as other.
      const tractor = { chassisNo: 'KT-1001', platePart1: '試験市', platePart2: 'り', platePart3: '101' };
      await trx
        .insertInto('vehicle')
        .values({ municipalityCode: city, declarationYear: 2025, declarationSerial: 1, generation: 1, vehicleClassCode: 'small_special_other', ownerAddresseeNo: owner, registrationDate: '2025-05-01', modelDesignation: 'トラクター KL21', ...tractor, ...vehicleSearchKeys(tractor) })
        .execute();
    });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('refuses the checks (409, in Japanese) before the assessment, and answers mistyped input with a problem naming the field', async () => {
    const early = await post(supervisor, '/mailing-checks', { fiscalYear: FY });
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json()).toMatchObject({ detail: expect.stringContaining('令和8年度の当初賦課がまだ完了していない') });
    const mistyped = await post(supervisor, '/mailing-checks', { fiscalYear: 'れいわ' });
    expect(mistyped.statusCode).toBe(400);
    expect(JSON.stringify(mistyped.json())).toContain('年度');
    expect((await get(supervisor, `/mailing-checks/${FY}`)).statusCode).toBe(404);
    expect((await get(supervisor, `/mailing-checks/${FY}?rule=nonsense`)).statusCode).toBe(400);
  });

  it('runs the checks after the assessment, reviews, signs off and releases; as JSON, CSV and PDF', async () => {
    expect((await assessOverHttp(t, supervisor, FY)).status).toBe('completed');
    const run = await post(assessor, '/mailing-checks', { fiscalYear: FY });
    expect(run.statusCode).toBe(200);
    const report = run.json() as { findings: { findingNo: number; ruleCode: string }[]; countsByRule: Record<string, number>; release: { released: boolean } };
    expect(report.findings.map((f) => f.ruleCode)).toEqual(['small_special_use_mismatch']);
    expect(report.countsByRule).toMatchObject({ small_special_use_mismatch: 1, green_reduction_missing: 0 });
    expect(report.release.released).toBe(false);

    const csv = await get(supervisor, `/mailing-checks/${FY}/report.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF"指摘番号","点検項目コード"')).toBe(true);
    expect(csv.body).toContain('"small_special_use_mismatch"');
    const pdf = await get(supervisor, `/mailing-checks/${FY}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // An export needs data.export: the assessor holds the read but not that.
    expect((await get(assessor, `/mailing-checks/${FY}/report.csv`)).statusCode).toBe(403);

    const early = await post(supervisor, `/mailing-checks/${FY}/sign-off`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ detail: expect.stringContaining('未確認の指摘が1件あります') });
    expect((await post(assessor, `/mailing-checks/${FY}/findings/9/review`, { note: '確認' })).statusCode).toBe(404);
    const reviewed = await post(assessor, `/mailing-checks/${FY}/findings/1/review`, { note: 'フォークリフトではなくトラクター。用途を確認し更正する' });
    expect(reviewed.statusCode).toBe(200);
    expect(reviewed.json()).toMatchObject({ findingNo: 1, reviewNote: 'フォークリフトではなくトラクター。用途を確認し更正する' });

    expect((await post(assessor, `/mailing-checks/${FY}/sign-off`)).statusCode).toBe(403);
    const signed = await post(supervisor, `/mailing-checks/${FY}/sign-off`);
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ fiscalYear: FY, released: true, heldBecause: null, signedOffByStaffNo: supervisor.staffNo });
    expect((await get(assessor, `/mailing-checks/${FY}/release`)).json()).toMatchObject({ released: true });
  });

  it('refuses a counter clerk every operation (403)', async () => {
    expect((await post(clerk, '/mailing-checks', { fiscalYear: FY })).statusCode).toBe(403);
    expect((await get(clerk, `/mailing-checks/${FY}`)).statusCode).toBe(403);
    expect((await post(clerk, `/mailing-checks/${FY}/sign-off`)).statusCode).toBe(403);
  });
});
