import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leviesOfYear } from '../../src/assessment/service.js';
import type { Database } from '../../src/db/database.js';
import type { LedgerPage, SurveyReport, SurveyRow } from '../../src/tax-ledger/model.js';
import { readPdf } from '../certificates/pdf.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { assessOverHttp } from '../support/assessment.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';

const FY = 2026;

/**
 * The register on the 賦課期日 of FY2026, priced by hand (TAX-RULES.md §2–3):
 * A: 軽二輪 3,600 (標準) + 軽四輪乗用自家用 first inspected 2018-06, 10,800 (標準)
 * B: 乗用自家用 2012-04, 12,900 (重課) + 軽四輪貨物自家用 2014-05, 4,000 (旧税率)
 * C: new electric 乗用自家用 2025-06, 2,700 (グリーン化 75%) + 二輪の小型自動車 6,000 (標準)
 * D: a 軽二輪 on hold (課税保留) and one non-taxable from 2026-01-01; A: 軽二輪 tax-stopped (税止め)
 * on 2025-10-01 and on 2025-04-01 (levied last year, not this: counted), on 2025-03-31 and on
 * 2024-10-01 (not levied last year either: not counted).
 * Six levies, 40,000 yen.
 */
describe('tax ledger (課税台帳) and survey (課税状況調)', () => {
  let db: Database;
  let t: TestApp;
  let supervisor: SignedIn;
  let viewer: SignedIn;
  let clerk: SignedIn;
  let city: string;
  const person = (n: number) => `${city}${String(n).padStart(9, '0')}`;

  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url: `/api/v1/tax-ledger/${url}`, headers: who.headers });
  const lastAudit = (operation: string) =>
    db.withMunicipality(city, (trx) => trx.selectFrom('auditLog').selectAll().where('operation', '=', operation).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    city = t.config.municipalityCode;
    supervisor = await signInAs(t, db, ['supervisor']);
    viewer = await signInAs(t, db, ['collections_viewer']);
    clerk = await signInAs(t, db, ['counter_clerk']);
    const [A, B, C, D] = [1, 2, 3, 4].map(person) as [string, string, string, string];
    const names = { [A]: '架空 一郎', [B]: '架空 二郎', [C]: '𠮷田 花子', [D]: '架空 四郎' };
    const record = (serial: number, owner: string, fields: Record<string, unknown>) => ({
      municipalityCode: city,
      declarationYear: 2025,
      declarationSerial: serial,
      generation: 1,
      ownerAddresseeNo: owner,
      registrationDate: '2025-05-01',
      vehicleClassCode: 'kei_two_wheel',
      displacementCc: 200,
      ...fields,
    });
    const car = (firstInspection: string, fuelTypeCode = 'gasoline', vehicleClassCode = 'kei_four_wheel_passenger_private') => ({
      vehicleClassCode,
      displacementCc: fuelTypeCode === 'electric' ? null : 658,
      firstInspection,
      fuelTypeCode,
    });
    const superseded = { supersededAt: new Date('2026-04-10T00:00:00Z') };
    const taxStopped = (date: string) => ({ generation: 2, changeDate: date, deregistrationDate: date, changeReasonCode: 'tax_stop' });
    await db.withMunicipality(city, async (trx) => {
      await trx
        .insertInto('addressee')
        .values(Object.entries(names).map(([addresseeNo, nameKanji]) => ({ municipalityCode: city, addresseeNo, kind: 'non_resident', nameKanji, nameKana: 'カクウ', address: '架空県架空市1番' })))
        .execute();
      await trx
        .insertInto('vehicle')
        .values([
          record(1, A, { platePart1: '越谷市', platePart2: 'あ', platePart3: '1' }),
          record(2, A, car('2018-06')),
          record(3, B, car('2012-04')),
          record(4, B, car('2014-05', 'gasoline', 'kei_four_wheel_cargo_private')),
          record(5, C, car('2025-06', 'electric')),
          record(6, C, { vehicleClassCode: 'small_two_wheeler', displacementCc: 400 }),
          record(7, D, { taxationCode: 'tax_hold', taxHoldReasonCode: 'theft' }),
          record(8, D, { taxationCode: 'non_taxable', nonTaxableStartDate: '2026-01-01' }),
          record(9, A, superseded),
          record(9, A, taxStopped('2025-10-01')),
          record(10, A, superseded),
          record(10, A, taxStopped('2024-10-01')),
          ...(
            [
              [11, '2025-04-01'],
              [12, '2025-03-31'],
            ] as const
          ).flatMap(([serial, date]) => [
            record(serial, A, { ...superseded, registrationDate: '2024-05-01' }),
            record(serial, A, { ...taxStopped(date), registrationDate: '2024-05-01' }),
          ]),
        ])
        .execute();
    });
    expect(await assessOverHttp(t, supervisor, FY)).toMatchObject({ status: 'completed', totals: { vehicles: 6, amount: 40000, notComputed: 0 } });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  const row = (report: SurveyReport, key: string) => report.rows.find((r) => r.key === key) as SurveyRow;
  const counts = (r: SurveyRow) => Object.fromEntries(Object.entries(r.byRateCase).filter(([, v]) => v.count > 0));

  it('counts the survey by class and rate case as computed by hand, and its total equals the levies', async () => {
    const response = await get(supervisor, `${FY}/survey`);
    expect(response.statusCode).toBe(200);
    const report = response.json() as SurveyReport;
    expect(counts(row(report, 'kei_two_wheel'))).toEqual({ standard: { count: 1, amount: 3600 } });
    expect(row(report, 'kei_two_wheel')).toMatchObject({ taxHold: 1, nonTaxable: 1, taxStopped: 2, levied: { count: 1, amount: 3600 } });
    expect(counts(row(report, 'kei_four_wheel_passenger_private'))).toEqual({ standard: { count: 1, amount: 10800 }, heavy: { count: 1, amount: 12900 }, green75: { count: 1, amount: 2700 } });
    expect(counts(row(report, 'kei_four_wheel_cargo_private'))).toEqual({ old: { count: 1, amount: 4000 } });
    expect(row(report, '軽自動車')).toMatchObject({ kind: 'group', levied: { count: 5, amount: 34000 }, taxHold: 1, nonTaxable: 1, taxStopped: 2 });
    expect(row(report, '二輪の小型自動車')).toMatchObject({ kind: 'group', levied: { count: 1, amount: 6000 } });
    expect(row(report, 'moped_class1')).toMatchObject({ levied: { count: 0, amount: 0 }, taxHold: 0 });
    const total = row(report, 'total');
    expect(total).toMatchObject({ levied: { count: 6, amount: 40000 }, reductions: { count: 0, amount: 0 }, taxHold: 1, nonTaxable: 1, taxStopped: 2 });
    expect(counts(total)).toEqual({
      standard: { count: 3, amount: 20400 },
      old: { count: 1, amount: 4000 },
      heavy: { count: 1, amount: 12900 },
      green75: { count: 1, amount: 2700 },
    });
    // The levies themselves, read through the assessment's front door, add up to the same.
    const levies = await db.withMunicipality(city, (trx) => leviesOfYear(trx, FY, { limit: 1000 }));
    expect({ count: levies.length, amount: levies.reduce((sum, levy) => sum + levy.originalAmount, 0) }).toEqual(total.levied);
    expect(report.levies).toEqual(total.levied);
    // The survey of the survey's order: each group's classes, its subtotal, the total last.
    expect(report.rows.map((r) => r.key).slice(0, 5)).toEqual(['moped_class1', 'moped_class2_otsu', 'moped_class2_ko', 'minicar', '原動機付自転車']);
    expect(report.rows.at(-1)?.key).toBe('total');
  });

  it('finds a taxpayer’s levies, a vehicle’s levy and a notice’s levies, and pages the year in notice order', async () => {
    const search = async (query: string) => (await get(supervisor, `${FY}/levies?${query}`)).json() as LedgerPage;
    const ofB = await search(`addresseeNo=${person(2)}`);
    expect(ofB.entries.map((e) => [e.declarationNo, e.rateCase, e.amount])).toEqual([
      ['2025-000003', 'heavy', 12900],
      ['2025-000004', 'old', 4000],
    ]);
    expect(ofB.entries[0]).toMatchObject({ taxpayerName: '架空 二郎', classLabel: '軽自動車 四輪乗用 自家用', rateCaseLabel: '重課(経年車)', dueDate: '2026-06-01' });
    const vehicle = await search('declarationNo=2025-1');
    expect(vehicle.entries).toHaveLength(1);
    expect(vehicle.entries[0]).toMatchObject({ addresseeNo: person(1), plate: '越谷市 あ 1', amount: 3600 });
    const notice = await search(`noticeNo=${vehicle.entries[0]?.noticeNo}`);
    expect(notice.entries.map((e) => e.declarationNo)).toEqual(['2025-000001', '2025-000002']);
    expect((await search(`declarationNo=2025-7`)).entries).toEqual([]);

    const seen: string[] = [];
    let page = await search('limit=4');
    seen.push(...page.entries.map((e) => e.declarationNo));
    expect(page.next).not.toBeNull();
    page = await search(`limit=4&after=${page.next}`);
    seen.push(...page.entries.map((e) => e.declarationNo));
    expect(page.next).toBeNull();
    expect(seen.sort()).toEqual(['2025-000001', '2025-000002', '2025-000003', '2025-000004', '2025-000005', '2025-000006']);

    const audit = await lastAudit('taxLedger.search');
    expect(audit).toMatchObject({ result: 'succeeded', rowCount: 2 });
  });

  it('records whom a taxpayer search was about', async () => {
    await get(supervisor, `${FY}/levies?addresseeNo=${person(3)}`);
    expect(await lastAudit('taxLedger.search')).toMatchObject({ subjectType: 'addressee', subjectId: person(3), rowCount: 2 });
  });

  it('answers mistyped searches with problems in Japanese naming the field', async () => {
    for (const [query, field] of [
      ['levies?declarationNo=abc', '申告書番号'],
      ['levies?addresseeNo=12', '宛名番号'],
      ['levies?after=xyz', '続きの位置'],
      ['levies?limit=0', '件数'],
      ['levies.csv?encoding=euc-jp', '文字コード'],
    ] as const) {
      const response = await get(supervisor, `${FY}/${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(response.json()), query).toContain(field);
    }
    const year = await get(supervisor, 'にせん/survey');
    expect(year.statusCode).toBe(400);
    expect(JSON.stringify(year.json())).toContain('年度');
  });

  it('exports the whole ledger as UTF-8 with BOM, holding every character', async () => {
    const response = await get(supervisor, `${FY}/levies.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain(encodeURIComponent(`課税台帳_${FY}_全件.csv`));
    const text = response.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF"年度","通知書番号","宛名番号","納税義務者氏名"')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(7);
    expect(text).toContain('"𠮷田 花子"');
    expect(await lastAudit('taxLedger.export')).toMatchObject({ result: 'succeeded', rowCount: 6 });
  });

  it('refuses a Shift_JIS ledger that would lose a character, naming the cells, and writes one that holds them all', async () => {
    const refused = await get(supervisor, `${FY}/levies.csv?encoding=shift_jis`);
    expect(refused.statusCode).toBe(422);
    const problem = refused.json() as { detail: string; errors: { field: string; message: string }[] };
    expect(problem.detail).toContain('UTF-8');
    expect(problem.errors).toEqual([
      { field: '6行目・納税義務者氏名', message: 'Shift_JIS で表せない文字 「𠮷」 があります' },
      { field: '7行目・納税義務者氏名', message: 'Shift_JIS で表せない文字 「𠮷」 があります' },
    ]);
    expect(await lastAudit('taxLedger.export')).toMatchObject({ result: 'failed' });

    const ofB = await get(supervisor, `${FY}/levies.csv?encoding=shift_jis&addresseeNo=${person(2)}`);
    expect(ofB.statusCode).toBe(200);
    expect(ofB.headers['content-type']).toBe('text/csv; charset=shift_jis');
    const text = iconv.decode(ofB.rawPayload, 'cp932');
    expect(text.startsWith('"年度"')).toBe(true);
    expect(text).toContain('"架空 二郎"');
    expect(text).toContain('"重課(経年車)"');
  });

  it('prints the ledger and the survey as A4 landscape PDFs in Japanese, with the year in 和暦 and the city', async () => {
    const ledger = await get(supervisor, `${FY}/levies.pdf`);
    expect(ledger.statusCode).toBe(200);
    expect(ledger.headers['content-type']).toBe('application/pdf');
    const [ledgerPage] = await readPdf(ledger.rawPayload);
    expect(ledgerPage?.size.map(Math.round)).toEqual([842, 595]);
    expect(ledgerPage?.text).toContain('課税台帳(令和8年度)');
    expect(ledgerPage?.text).toContain('試験県試験市');
    expect(ledgerPage?.text).toContain('𠮷田 花子');
    expect(ledgerPage?.text).toContain('6件 税額合計 40,000円');

    const survey = await get(supervisor, `${FY}/survey.pdf`);
    expect(survey.statusCode).toBe(200);
    const pages = await readPdf(survey.rawPayload);
    const text = pages.map((p) => p.text).join('');
    expect(text).toContain('課税状況調(令和8年度)');
    expect(text).toContain('作成日 令和');
    expect(text).toContain('40,000');
    expect(text).toContain('軽自動車 四輪乗用 自家用');
  });

  it('writes the survey as CSV in Shift_JIS too', async () => {
    const response = await get(supervisor, `${FY}/survey.csv?encoding=shift_jis`);
    expect(response.statusCode).toBe(200);
    const lines = iconv.decode(response.rawPayload, 'cp932').trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^"区分","車種","標準税率 台数","標準税率 税額"/);
    expect(lines.at(-1)).toBe('"合計","合計","3","20400","1","4000","1","12900","1","2700","0","0","0","0","6","40000","0","0","1","1","2"');
    expect(await lastAudit('taxLedger.survey')).toMatchObject({ result: 'succeeded', rowCount: 6 });
  });

  it('lets a collections viewer read the ledger but not copy it out, and refuses a counter clerk both, recording each refusal', async () => {
    expect((await get(viewer, `${FY}/levies?addresseeNo=${person(1)}`)).statusCode).toBe(200);
    expect((await get(viewer, `${FY}/survey`)).statusCode).toBe(200);
    const copy = await get(viewer, `${FY}/levies.csv`);
    expect(copy.statusCode).toBe(403);
    expect(copy.json()).toMatchObject({ detail: expect.stringContaining('データの一括出力') });
    expect((await get(viewer, `${FY}/levies.pdf`)).statusCode).toBe(403);
    for (const url of ['levies', 'survey', 'survey.csv']) expect((await get(clerk, `${FY}/${url}`)).statusCode, url).toBe(403);
    const denied = await db.withMunicipality(city, (trx) => trx.selectFrom('auditLog').select(['operation', 'staffNo']).where('result', '=', 'denied').execute());
    // Refused before the handler runs, each refusal is recorded under the permission missing.
    expect(denied.filter((entry) => entry.staffNo === viewer.staffNo)).toEqual([
      { operation: 'data.export', staffNo: viewer.staffNo },
      { operation: 'data.export', staffNo: viewer.staffNo },
    ]);
    expect(denied.filter((entry) => entry.staffNo === clerk.staffNo)).toHaveLength(3);
    expect(denied.filter((entry) => entry.staffNo === clerk.staffNo).every((entry) => entry.operation === 'levy.read')).toBe(true);
  });
});
