import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { linkedAddressees } from '../../src/addressees/service.js';
import { IntegratedAddresseeService } from '../../src/integrated-addressees/service.js';
import { Vault } from '../../src/integrated-addressees/vault.js';
import { loadKeys } from '../../src/keys/keys.js';
import { ResidentChangeService } from '../../src/resident-changes/service.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';
import { arrival, generatedIndividualNumber, residentChangeCsv, type ResidentChangeCells } from '../support/residents.js';

const CITY = '112224';

describe('resident registry changes (C16)', () => {
  let db: Database;
  let residentChanges: ResidentChangeService;
  let integrated: IntegratedAddresseeService;
  const assessor = testActor(CITY, ['assessor'], 'A0001');
  const file = (rows: ResidentChangeCells[], fileName = 'changes.csv') => ({ fileName, bytes: new TextEncoder().encode(residentChangeCsv(rows)), encoding: 'auto' as const });
  const importRows = (rows: ResidentChangeCells[]) => residentChanges.importFile(assessor, file(rows));
  const holderOf = async (serial: number) => (await integrated.lookupByIndividualNumber(assessor, generatedIndividualNumber(serial)))?.addressees ?? [];
  const snapshot = () =>
    db.withMunicipality(CITY, async (trx) => ({
      addressees: await trx.selectFrom('addressee').select(['addresseeNo', 'version', 'status', 'address', 'nameKanji']).orderBy('addresseeNo').execute(),
      history: (await sql<{ n: number }>`select count(*)::int as n from addressee_history`.execute(trx)).rows[0]?.n,
      vault: await trx.selectFrom('integratedAddressee').select(['integratedAddresseeNo', 'individualNumberLookupHash']).orderBy('integratedAddresseeNo').execute(),
    }));

  /** The three arrivals most tests start from. */
  const FIRST_ARRIVALS = [arrival(1), arrival(2), arrival(3, { 異動区分: '出生', 生年月日: '2026-04-01', 異動日: '2026-04-01' })];
  /** Serial 1 as the earlier tests of a day leave him: renamed and moved to 大沢. */
  const OSAWA_JIRO = arrival(1, { 氏名: '大沢　二郎', 氏名カナ: 'オオサワ　ジロウ', 住所コード: '200', 住所: '埼玉県越谷市大沢2-2-2', 郵便番号: '3430025' });
  const residentsFrom = async (rows: ResidentChangeCells[]) => expect(await importRows(rows)).toMatchObject({ applied: rows.length, invalid: 0 });
  const addresseeNoOf = async (serial: number) => (await holderOf(serial))[0]?.addresseeNo;

  // A fresh city for every test, so that each one can run alone and in any order.
  beforeEach(async () => {
    db = await createTestDatabase();
    const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;
    const access = new AccessControl(db, keys);
    const vault = new Vault(keys.vault);
    residentChanges = new ResidentChangeService(access, vault);
    integrated = new IntegratedAddresseeService(access, vault, 5, linkedAddressees);
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '試験市', prefecture: '試験県' }).execute();
      await trx.insertInto('office').values({ municipalityCode: CITY, officeCode: '01', name: '本庁', kind: 'main' }).execute();
      await trx.insertInto('staff').values({ municipalityCode: CITY, staffNo: 'A0001', name: '課税 職員', officeCode: '01', department: '市民税課' }).execute();
      await trx
        .insertInto('addressArea')
        .values([
          { municipalityCode: CITY, addressCode: '100', townName: '越ヶ谷', townNameKana: 'コシガヤ', postalCode: '3430813' },
          { municipalityCode: CITY, addressCode: '200', townName: '大沢', townNameKana: 'オオサワ', postalCode: '3430025' },
        ])
        .execute();
    });
  });
  afterEach(() => db.close());

  it('registers arrivals as residents with integrated numbers and sealed individual numbers', async () => {
    const report = await importRows(FIRST_ARRIVALS);
    expect(report).toMatchObject({ rowCount: 3, applied: 3, alreadyApplied: 0, queued: 0, alreadyQueued: 0, invalid: 0, problems: [] });
    const [first] = await holderOf(1);
    expect(first).toMatchObject({ kind: 'resident', status: 'active', nameKanji: '試験\u3000二郎1', address: '埼玉県越谷市越ヶ谷1丁目1番' });
  });

  it('changes nothing when the same file is imported again', async () => {
    await residentsFrom(FIRST_ARRIVALS);
    const before = await snapshot();
    const report = await importRows(FIRST_ARRIVALS);
    expect(report).toMatchObject({ applied: 0, alreadyApplied: 3, queued: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('applies 転居, 氏名変更, 死亡 and 転出 to the person found by individual number, with history', async () => {
    await residentsFrom(FIRST_ARRIVALS);
    const report = await importRows([
      arrival(1, { 異動区分: '転居', 異動日: '2026-05-01', 住所コード: '200', 住所: '埼玉県越谷市大沢2-2-2', 郵便番号: '3430025' }),
      arrival(1, { 異動区分: '氏名変更', 異動日: '2026-06-01', 氏名: '大沢　二郎', 氏名カナ: 'オオサワ　ジロウ' }),
      arrival(2, { 異動区分: '死亡', 異動日: '2026-05-03' }),
      arrival(3, { 異動区分: '転出', 異動日: '2026-05-04', 生年月日: '2026-04-01', 住所コード: '', 住所: '東京都足立区架空町1-1' }),
    ]);
    expect(report).toMatchObject({ applied: 4, queued: 0, invalid: 0 });
    expect((await holderOf(1))[0]).toMatchObject({ nameKanji: '大沢\u3000二郎', address: '埼玉県越谷市大沢2-2-2', status: 'active' });
    expect((await holderOf(2))[0]?.status).toBe('deceased');
    expect((await holderOf(3))[0]).toMatchObject({ status: 'moved_out', address: '東京都足立区架空町1-1' });
    const first = (await addresseeNoOf(1)) ?? '';
    const history = await db.withMunicipality(CITY, (trx) =>
      trx.selectFrom('addresseeHistory').select(['changeKind', 'source', 'reason', 'effectiveDate', 'changes', 'staffNo']).where('addresseeNo', '=', first).orderBy('historyId').execute(),
    );
    expect(history.map((h) => [h.changeKind, h.source, h.effectiveDate])).toEqual([
      ['registered', 'resident_registry', '2026-04-10'],
      ['updated', 'resident_registry', '2026-05-01'],
      ['updated', 'resident_registry', '2026-06-01'],
    ]);
    expect(history[1]?.reason).toBe('住民異動(転居) changes.csv 2行目');
    expect(history[1]?.staffNo).toBe('A0001');
    expect(history[2]?.changes).toMatchObject({ nameKanji: { before: '試験\u3000二郎1', after: '大沢\u3000二郎' } });
  });

  const QUEUED_ROWS = [
      arrival(90, { 異動区分: '転居' }),
      arrival(1, { 異動区分: '転居', 異動日: '2026-07-01', 生年月日: '1979-12-31', 氏名: '大沢　二郎', 氏名カナ: 'オオサワ　ジロウ' }),
      arrival(1, { 異動区分: '転入', 異動日: '2026-07-02', 氏名: '大沢　二郎', 氏名カナ: 'オオサワ　ジロウ' }),
  ];

  it('queues rows that match nobody or do not match cleanly, with the reason, and keeps them on a re-run', async () => {
    await residentsFrom([OSAWA_JIRO]);
    const osawa = await addresseeNoOf(1);
    const report = await importRows(QUEUED_ROWS);
    expect(report).toMatchObject({ applied: 0, queued: 3 });
    const queue = await residentChanges.reviews(assessor, 'open');
    expect(queue.map((r) => [r.rowNo, r.reasonCode, r.reasonDetail])).toEqual([
      [2, 'not_found', {}],
      [3, 'basic_items_differ', { differing: ['birthDate'], candidates: [osawa] }],
      [4, 'already_resident', { candidates: [osawa] }],
    ]);
    expect(queue[0]?.maskedIndividualNumber).toBe(`********${generatedIndividualNumber(90).slice(-4)}`);
    expect(JSON.stringify(queue)).not.toContain(generatedIndividualNumber(90));
    const again = await importRows(QUEUED_ROWS);
    expect(again).toMatchObject({ queued: 0, alreadyQueued: 3 });
    expect(await residentChanges.reviews(assessor, 'open')).toHaveLength(3);
  });

  it('reports invalid rows by row and column and applies the rest', async () => {
    const report = await importRows([
      arrival(4, { 個人番号: '999999999990', 氏名カナ: 'しけん　タロウ' }),
      arrival(5, { 生年月日: '1980-02-30', 氏名カナ: '試験' }),
      arrival(6, { 住所コード: '999' }),
      arrival(7),
    ]);
    expect(report.applied).toBe(1);
    expect(report.invalid).toBe(3);
    expect(report.problems).toEqual([
      { row: 2, column: '個人番号', message: '個人番号の検査用数字が一致しません。番号を確認してください' },
      { row: 3, column: '氏名カナ', message: '氏名カナはカタカナで入力してください(漢字・英字は使えません)' },
      { row: 3, column: '生年月日', message: '存在しない日付です' },
      { row: 4, column: '住所コード', message: 'この団体の町字にない住所コードです' },
    ]);
    const imports = await residentChanges.recentImports(assessor);
    expect(imports[0]).toMatchObject({ appliedCount: 1, invalidCount: 3, problems: report.problems });
  });

  it('resolves queued rows: apply to a chosen addressee, dismiss, and refuses a second decision', async () => {
    await residentsFrom([OSAWA_JIRO, arrival(7)]);
    await importRows(QUEUED_ROWS);
    const osawa = (await addresseeNoOf(1)) ?? '';
    const queue = await residentChanges.reviews(assessor, 'open');
    const notFound = queue.find((r) => r.reasonCode === 'not_found');
    const chosen = (await holderOf(7))[0]?.addresseeNo ?? '';
    // Row 90's number belongs to nobody: the clerk says it is the person registered as serial 7 — refused, 7 has its own number.
    await expect(residentChanges.resolve(assessor, notFound!.reviewId, { action: 'apply', addresseeNo: chosen, note: '窓口で確認' })).rejects.toMatchObject({ status: 409 });

    const differing = queue.find((r) => r.reasonCode === 'basic_items_differ')!;
    const applied = await residentChanges.resolve(assessor, differing.reviewId, { action: 'apply', addresseeNo: osawa, note: '生年月日は住民記録が正しいことを確認' });
    expect(applied).toEqual({ addresseeNo: osawa });
    expect((await holderOf(1))[0]?.address).toBe('埼玉県越谷市越ヶ谷1丁目1番');
    await expect(residentChanges.resolve(assessor, differing.reviewId, { action: 'dismiss', note: '二重' })).rejects.toMatchObject({ status: 409 });

    const already = queue.find((r) => r.reasonCode === 'already_resident')!;
    expect(await residentChanges.resolve(assessor, already.reviewId, { action: 'dismiss', note: '住民記録側の重複送信' })).toEqual({ addresseeNo: null });
    const done = await residentChanges.reviews(assessor, 'applied');
    expect(done.map((r) => [r.rowNo, r.resolvedByStaffNo, r.addresseeNo])).toEqual([[3, 'A0001', osawa]]);
  });

  it('registers a queued arrival that only looked like someone known', async () => {
    await residentsFrom([arrival(7)]);
    const report = await importRows([arrival(8, { 個人番号: generatedIndividualNumber(80), 氏名: '試験　八郎7', 生年月日: '1980-01-08' })]);
    expect(report.queued).toBe(1);
    const [lookalike] = (await residentChanges.reviews(assessor, 'open')).filter((r) => r.reasonCode === 'possible_duplicate');
    expect(lookalike?.reasonDetail).toEqual({ candidates: [(await holderOf(7))[0]?.addresseeNo] });
    const { addresseeNo } = await residentChanges.resolve(assessor, lookalike!.reviewId, { action: 'register', note: '別人であることを確認' });
    expect((await holderOf(80))[0]?.addresseeNo).toBe(addresseeNo);
  });

  it('moves a person to a new individual number (個人番号変更)', async () => {
    await residentsFrom([arrival(7)]);
    const report = await importRows([arrival(7, { 異動区分: '個人番号変更', 異動日: '2026-08-01', 旧個人番号: generatedIndividualNumber(7), 個人番号: generatedIndividualNumber(70) })]);
    expect(report.applied).toBe(1);
    expect(await holderOf(7)).toEqual([]);
    expect((await holderOf(70))[0]?.nameKanji).toBe('試験\u3000八郎7');
  });

  it('reads the same changes from a Shift_JIS file', async () => {
    const text = residentChangeCsv([arrival(11, { 氏名: '髙橋　花子', 氏名カナ: 'タカハシ　ハナコ', 性別: '女' })]);
    const report = await residentChanges.importFile(assessor, { fileName: 'sjis.csv', bytes: iconv.encode(text, 'cp932'), encoding: 'auto' });
    expect(report).toMatchObject({ encoding: 'shift_jis', applied: 1 });
    expect((await holderOf(11))[0]).toMatchObject({ nameKanji: '髙橋\u3000花子', sexCode: '2' });
  });

  it('records one audit entry per import with counts, never the individual numbers', async () => {
    await residentsFrom(FIRST_ARRIVALS);
    await importRows([arrival(4, { 生年月日: '1980-02-30' })]);
    const entries = await db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').select(['operation', 'detail', 'rowCount', 'result']).where('operation', '=', 'resident.import').orderBy('seq').execute());
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ result: 'succeeded', rowCount: 3, detail: { applied: 3, queued: 0, fileName: 'changes.csv' } });
    expect(entries[1]).toMatchObject({ result: 'succeeded', rowCount: 0, detail: { applied: 0, invalid: 1 } });
    expect(JSON.stringify(entries)).not.toContain(generatedIndividualNumber(1));
  });

  it('lets a counter clerk import nothing', async () => {
    await expect(residentChanges.importFile(testActor(CITY, ['counter_clerk']), file([arrival(12)]))).rejects.toMatchObject({ status: 403 });
    expect(await holderOf(12)).toEqual([]);
  });
});
