import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessControl } from '../../src/access/guard.js';
import { AddresseeService } from '../../src/addressees/service.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { Vault } from '../../src/integrated-addressees/vault.js';
import { loadKeys } from '../../src/keys/keys.js';
import { Problem } from '../../src/server/problem.js';
import { NATIONAL } from '../../src/tax-rules/service.js';
import { CSV_PARSERS, DECLARATION_COLUMNS, INSPECTION_COLUMNS } from '../../src/vehicle-imports/parser.js';
import { VehicleImportService } from '../../src/vehicle-imports/service.js';
import { registerForwardedVehicleIn } from '../../src/vehicles/service.js';
import { testActor } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { TEST_KEY_ENV } from '../support/keys.js';

const CITY = '112224';
type DeclarationCells = Partial<Record<(typeof DECLARATION_COLUMNS)[number], string>>;
type InspectionCells = Partial<Record<(typeof INSPECTION_COLUMNS)[number], string>>;

const csv = (columns: readonly string[], rows: Record<string, string | undefined>[]) => [columns.join(','), ...rows.map((row) => columns.map((c) => row[c] ?? '').join(','))].join('\r\n');

/** A 新規 of a kei passenger car forwarded by 軽自動車検査協会, its owner 軽自 太郎 unless told otherwise. */
const declaration = (serial: number, cells: DeclarationCells = {}): DeclarationCells => ({
  送付元: '軽自動車検査協会',
  申告区分: '新規',
  異動日: '2026-04-10',
  受付日: '2026-04-12',
  車種: '軽四輪乗用自家用',
  車両番号: `越谷 580 あ 12-${String(serial).padStart(2, '0')}`,
  車台番号: `JF1-10000${serial}`,
  車名: 'ホンダ',
  型式: '5BA-JF1',
  総排気量: '658',
  燃料の種類: 'ガソリン',
  初度検査年月: '令和8年4月',
  所有者氏名: '軽自　太郎',
  所有者氏名カナ: 'ケイジ　タロウ',
  所有者性別: '1',
  所有者生年月日: '1975-05-05',
  所有者郵便番号: '343-0813',
  所有者住所: '埼玉県越谷市越ヶ谷1丁目1番1号',
  ...cells,
});

describe('forwarded vehicle data (seed I.1②)', () => {
  let db: Database;
  let imports: VehicleImportService;
  let addressees: AddresseeService;
  let vault: Vault;
  const clerk = testActor(CITY, ['counter_clerk'], 'A0001');
  const utf8 = (rows: DeclarationCells[], fileName = 'kei.csv') => ({ fileName, bytes: new TextEncoder().encode(csv(DECLARATION_COLUMNS, rows)), encoding: 'auto' as const });
  const importRows = (rows: DeclarationCells[]) => imports.importFile(clerk, utf8(rows));
  const snapshot = () =>
    db.withMunicipality(CITY, async (trx) => ({
      records: await trx.selectFrom('vehicleImportRecord').select(['recordId', 'status', 'reasonCode', 'ownerAddresseeNo', 'rowNo']).orderBy('recordId').execute(),
      addressees: await trx.selectFrom('addressee').select(['addresseeNo', 'version']).orderBy('addresseeNo').execute(),
      vehicles: await trx.selectFrom('vehicle').select(['declarationYear', 'declarationSerial', 'generation', 'recordCreatedAt']).orderBy('declarationSerial').orderBy('generation').execute(),
    }));
  /** Every generation in the register, oldest first, as a clerk would check it. */
  const register = () =>
    db.withMunicipality(CITY, (trx) =>
      trx
        .selectFrom('vehicle')
        .select(['declarationSerial', 'generation', 'vehicleClassCode', 'chassisNo', 'platePart1', 'platePart2', 'platePart3', 'ownerAddresseeNo', 'declarationChannel', 'changeReasonCode', 'deregistrationDate', 'supersededAt', 'firstInspection', 'fuelEfficiency2020Pct', 'lowEmission4star', 'wheels', 'registrationOfficeCode'])
        .orderBy('declarationSerial')
        .orderBy('generation')
        .execute(),
    );
  let owner: string;

  beforeEach(async () => {
    db = await createTestDatabase();
    const keys = loadKeys(loadConfig(TEST_KEY_ENV)).keys;
    const access = new AccessControl(db, keys);
    vault = new Vault(keys.vault);
    imports = new VehicleImportService(access, vault, CSV_PARSERS, NATIONAL);
    addressees = new AddresseeService(access, vault);
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('municipality').values({ municipalityCode: CITY, name: '試験市', prefecture: '試験県' }).execute();
      await trx.insertInto('office').values({ municipalityCode: CITY, officeCode: '01', name: '本庁', kind: 'main' }).execute();
      await trx.insertInto('staff').values({ municipalityCode: CITY, staffNo: 'A0001', name: '窓口 職員', officeCode: '01', department: '市民税課' }).execute();
    });
    owner = (
      await addressees.register(clerk, {
        kind: 'non_resident',
        nameKanji: '軽自　太郎',
        nameKana: 'ケイジ　タロウ',
        sexCode: '1',
        birthDate: '1975-05-05',
        address: '埼玉県越谷市越ヶ谷1丁目1番1号',
        reason: '試験',
      })
    ).addresseeNo;
  });
  afterEach(() => db.close());

  it('writes a record whose owner matches on all four basic items into the register, and queues the others with the reason', async () => {
    const report = await importRows([
      declaration(1),
      declaration(2, { 所有者氏名: '架空　花子', 所有者氏名カナ: 'カクウ　ハナコ', 所有者性別: '2', 所有者生年月日: '1990-01-01' }),
      declaration(3, { 所有者生年月日: '1975-06-05' }),
      declaration(4, { 所有者性別: '', 所有者生年月日: '' }),
    ]);
    expect(report).toMatchObject({ parserId: 'keitax-csv-declarations', encoding: 'utf-8', recordCount: 4, applied: 1, queued: 3, alreadyTaken: 0, invalid: 0, problems: [] });
    expect((await imports.records(clerk, 'applied')).map((r) => [r.rowNo, r.reasonCode, r.ownerAddresseeNo, r.appliedDeclarationNo, r.appliedGeneration])).toEqual([[2, 'owner_matched', owner, '2026-000001', 1]]);
    expect(await register()).toEqual([
      expect.objectContaining({ declarationSerial: 1, generation: 1, vehicleClassCode: 'kei_four_wheel_passenger_private', chassisNo: 'JF1-100001', platePart1: '越谷', platePart2: '580 あ', platePart3: '12-01', ownerAddresseeNo: owner, declarationChannel: 'forwarded', firstInspection: '2026-04', wheels: 4, registrationOfficeCode: '01' }),
    ]);
    const queue = await imports.records(clerk, 'open');
    expect(queue.map((r) => [r.rowNo, r.reasonCode, r.reasonDetail])).toEqual([
      [3, 'owner_not_found', {}],
      [4, 'owner_ambiguous', { differing: ['birthDate'], candidates: [owner] }],
      [5, 'owner_ambiguous', { differing: ['sex', 'birthDate'], candidates: [owner] }],
    ]);
    expect(queue[0]?.content).toMatchObject({ declarationType: 'new_registration', vehicle: { chassisNo: 'JF1-100002', firstInspection: '2026-04', displacementCc: 658, fuelTypeCode: 'gasoline' } });
  });

  it('changes nothing when the same file is imported again, in UTF-8 or in Shift_JIS', async () => {
    const rows = [declaration(1), declaration(2, { 所有者氏名: '髙橋　花子', 所有者氏名カナ: 'タカハシ　ハナコ' })];
    await importRows(rows);
    const before = await snapshot();
    expect(before.vehicles).toHaveLength(1);
    expect(await importRows(rows)).toMatchObject({ applied: 0, queued: 0, alreadyTaken: 2 });
    const sjis = await imports.importFile(clerk, { fileName: 'kei-sjis.csv', bytes: iconv.encode(csv(DECLARATION_COLUMNS, rows), 'cp932'), encoding: 'auto' });
    expect(sjis).toMatchObject({ encoding: 'shift_jis', applied: 0, queued: 0, alreadyTaken: 2 });
    expect(await snapshot()).toEqual(before);
  });

  it('reads a Shift_JIS file of its own accord, 髙 included', async () => {
    const text = csv(DECLARATION_COLUMNS, [declaration(1, { 所有者氏名: '髙橋　花子', 所有者氏名カナ: 'タカハシ　ハナコ' })]);
    const report = await imports.importFile(clerk, { fileName: 'sjis.csv', bytes: iconv.encode(text, 'cp932'), encoding: 'auto' });
    expect(report).toMatchObject({ encoding: 'shift_jis', queued: 1 });
    expect((await imports.records(clerk, 'open'))[0]?.content.declaredOwner?.nameKanji).toBe('髙橋\u3000花子');
  });

  it('refuses a whole Shift_JIS file with a character that would not survive, naming its row and column, and saves nothing', async () => {
    const bytes = iconv.encode(csv(DECLARATION_COLUMNS, [declaration(1), declaration(2, { 所有者住所: '埼玉県越谷市ＸＸ町' })]), 'cp932');
    // ＸＸ is 0x8277 0x8277; 0x8540 is unassigned in Windows-31J.
    const at = bytes.indexOf(Buffer.from([0x82, 0x77]));
    bytes[at] = 0x85;
    bytes[at + 1] = 0x40;
    const refused = await imports.importFile(clerk, { fileName: 'broken.csv', bytes, encoding: 'shift_jis' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Problem);
    expect((refused as Problem).errors).toEqual([{ field: '3行目・所有者住所', message: 'Shift_JIS で表せない文字、または読めないバイトがあります' }]);
    expect((await snapshot()).records).toEqual([]);
    expect(await imports.recentImports(clerk)).toEqual([]);
  });

  it('takes a record whole or not at all: a wrong cell leaves the record out, named by row and column, and the rest are taken', async () => {
    const report = await importRows([
      declaration(1, { 総排気量: '六五八', 燃料の種類: '灯油' }),
      declaration(2, { 車種: '軽二輪' }),
      declaration(3, { 受付日: '2026-04-01' }),
      declaration(4),
    ]);
    expect(report).toMatchObject({ recordCount: 4, applied: 1, queued: 0, invalid: 3 });
    expect(report.problems).toEqual([
      { row: 2, column: '総排気量', message: '総排気量は数字で入力してください(小数は1桁まで)' },
      { row: 2, column: '燃料の種類', message: expect.stringContaining('燃料の種類は ガソリン・軽油') },
      { row: 3, column: '車種', message: '軽二輪は運輸支局から送付される車種です' },
      { row: 4, column: '受付日', message: '受付日が異動日より前です' },
    ]);
    expect((await snapshot()).records.map((r) => r.rowNo)).toEqual([5]);
    expect((await imports.recentImports(clerk))[0]).toMatchObject({ appliedCount: 1, invalidCount: 3, problems: report.problems });
  });

  it('refuses a file in no known layout, in Japanese', async () => {
    const refused = await imports.importFile(clerk, { fileName: 'x.csv', bytes: new TextEncoder().encode('列1,列2\r\na,b'), encoding: 'auto' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 400, errors: [{ field: 'file', message: expect.stringContaining('読める形式ではありません') }] });
  });

  it('fills the inspection facts (検査情報) of a vehicle in the register as a new generation, and queues those of a vehicle it does not hold with its reason', async () => {
    await importRows([declaration(1, { 車種: '軽四輪貨物自家用', 車台番号: 'DA17V-123456', 初度検査年月: 'H27.3' })]);
    const rows: InspectionCells[] = [
      { 送付元: '軽自動車検査協会', 検査日: '2026-05-01', 車種: '軽四輪貨物自家用', 車台番号: 'DA17V-123456', 初度検査年月: 'H27.3', '2020年度燃費基準達成率': '105', 低排出ガス: '★★★★' },
      { 送付元: '軽自動車検査協会', 検査日: '2026-05-01', 車台番号: 'HA36S-1', 初度検査年月: 'H15' },
    ];
    const inspection = (fileName: string) => ({ fileName, bytes: new TextEncoder().encode(csv(INSPECTION_COLUMNS, rows)), encoding: 'utf-8' as const });
    const report = await imports.importFile(clerk, inspection('inspection.csv'));
    expect(report).toMatchObject({ parserId: 'keitax-csv-inspections', applied: 1, queued: 1, invalid: 0 });
    expect((await register()).map((v) => [v.generation, v.changeReasonCode, v.firstInspection, v.fuelEfficiency2020Pct, v.lowEmission4star, v.supersededAt === null])).toEqual([
      [1, null, '2015-03', null, false, false],
      [2, 'inspection_data', '2015-03', 105, true, true],
    ]);
    const [applied] = (await imports.records(clerk, 'applied')).filter((r) => r.recordKind === 'inspection');
    expect(applied).toMatchObject({ reasonCode: 'inspection_data', ownerAddresseeNo: null, appliedDeclarationNo: '2026-000001', appliedGeneration: 2 });
    const [queued] = await imports.records(clerk, 'open');
    expect(queued).toMatchObject({ chassisNo: 'HA36S-1', reasonCode: 'register_refused', reasonDetail: { refusal: { detail: expect.stringContaining('車台番号 HA36S-1 の使用中の車両は台帳にありません') } } });
    expect(await imports.importFile(clerk, inspection('again.csv'))).toMatchObject({ applied: 0, queued: 0, alreadyTaken: 2 });
  });

  it('writes 名義変更, 廃車 and 変更 through the register, a two-wheeler from 運輸支局 included, in file order', async () => {
    const hanako = (await addressees.register(clerk, { kind: 'non_resident', nameKanji: '架空　花子', nameKana: 'カクウ　ハナコ', sexCode: '2', birthDate: '1990-01-01', address: '埼玉県越谷市東越谷1-1', reason: '試験' })).addresseeNo;
    const newOwner = { 所有者氏名: '架空　花子', 所有者氏名カナ: 'カクウ　ハナコ', 所有者性別: '2', 所有者生年月日: '1990-01-01', 所有者住所: '埼玉県越谷市東越谷1-1' };
    const twoWheel = { 送付元: '運輸支局', 車種: '軽二輪', 車両番号: '越谷 め 12-34', 車台番号: 'MLHKF1-123456', 初度検査年月: '', 燃料の種類: '', 総排気量: '249' };
    const report = await importRows([
      declaration(1),
      declaration(2),
      declaration(3, twoWheel),
      declaration(1, { 申告区分: '名義変更', 異動日: '2026-06-01', 受付日: '2026-06-02', ...newOwner }),
      declaration(2, { 申告区分: '廃車', 異動日: '2026-07-01', 受付日: '2026-07-01', 車両番号: '' }),
      declaration(3, { ...twoWheel, 申告区分: '変更', 異動日: '2026-08-01', 受付日: '2026-08-01', 車両番号: '越谷 め 56-78' }),
    ]);
    expect(report).toMatchObject({ applied: 6, queued: 0 });
    const rows = await register();
    expect(rows.map((v) => [v.declarationSerial, v.generation, v.ownerAddresseeNo === hanako ? 'hanako' : 'taro', v.changeReasonCode, v.deregistrationDate, v.platePart3, v.declarationChannel])).toEqual([
      [1, 1, 'taro', null, null, '12-01', 'forwarded'],
      [1, 2, 'taro', 'owner_change', '2026-06-01', '12-01', 'forwarded'],
      [2, 1, 'taro', null, null, '12-02', 'forwarded'],
      [2, 2, 'taro', null, '2026-07-01', '12-02', 'forwarded'],
      [3, 1, 'taro', null, null, '12-34', 'forwarded'],
      [3, 2, 'taro', 'entry_change', null, '56-78', 'forwarded'],
      // The new owner's record: its own declaration number, numbered after the three new ones.
      [4, 1, 'hanako', null, null, '12-01', 'forwarded'],
    ]);
    expect(rows.find((v) => v.declarationSerial === 3)).toMatchObject({ vehicleClassCode: 'kei_two_wheel', wheels: 2 });
    expect((await imports.records(clerk, 'applied')).map((r) => [r.declarationType, r.appliedDeclarationNo])).toEqual([
      ['new_registration', '2026-000001'],
      ['new_registration', '2026-000002'],
      ['new_registration', '2026-000003'],
      ['owner_change', '2026-000004'],
      ['deregistration', '2026-000002'],
      ['change', '2026-000003'],
    ]);
  });

  it('queues what the register refuses with its Japanese reason, rolling back that record alone; a clerk applies it once the register is put right', async () => {
    await importRows([declaration(1)]);
    const report = await importRows([
      declaration(1, { 異動日: '2026-04-11' }),
      declaration(9, { 申告区分: '廃車', 異動日: '2026-07-01', 受付日: '2026-07-01', 車両番号: '' }),
      declaration(5, { 初度検査年月: '' }),
      declaration(6),
    ]);
    expect(report).toMatchObject({ applied: 1, queued: 3 });
    const queue = await imports.records(clerk, 'open');
    expect(queue.map((r) => [r.rowNo, r.reasonCode, r.ownerAddresseeNo, r.reasonDetail.refusal?.errors[0]?.message ?? r.reasonDetail.refusal?.detail])).toEqual([
      [2, 'register_refused', owner, 'この車台番号は申告書番号 2026-000001 の車両で使用中です'],
      [3, 'register_refused', owner, expect.stringContaining('車台番号 JF1-100009 の使用中の車両は台帳にありません')],
      [4, 'register_refused', owner, '三輪・四輪の軽自動車は初度検査年月を入力してください'],
    ]);
    // Only the accepted record was written; the refused ones left nothing behind, not even a declaration number.
    expect((await register()).map((v) => [v.declarationSerial, v.chassisNo])).toEqual([
      [1, 'JF1-100001'],
      [2, 'JF1-100006'],
    ]);
    const [, unknownVehicle] = queue;
    await expect(imports.resolve(clerk, unknownVehicle!.recordId, { action: 'apply', note: '台帳を確認' })).rejects.toMatchObject({ status: 404, detail: expect.stringContaining('JF1-100009') });
    expect(await imports.records(clerk, 'open')).toHaveLength(3);

    await importRows([declaration(9)]);
    expect(await imports.resolve(clerk, unknownVehicle!.recordId, { action: 'apply', note: '新規の反映後に反映' })).toEqual({ ownerAddresseeNo: owner, appliedDeclarationNo: '2026-000003' });
    expect((await register()).filter((v) => v.chassisNo === 'JF1-100009').map((v) => [v.generation, v.deregistrationDate])).toEqual([
      [1, null],
      [2, '2026-07-01'],
    ]);
    expect((await imports.records(clerk, 'applied')).find((r) => r.recordId === unknownVehicle!.recordId)).toMatchObject({ status: 'applied', resolvedByStaffNo: 'A0001', appliedGeneration: 2 });
  });

  it("keeps the register's rules in the register: its forwarded registration refuses a counter class and a plate it cannot read, naming the field", async () => {
    const work = (trx: Parameters<Parameters<Database['withMunicipality']>[1]>[0]) => ({ trx, actor: clerk, municipalityCode: CITY, vault });
    const input = { ownerAddresseeNo: owner, registrationDate: '2026-04-10', receivedDate: '2026-04-10', registrationRemark1: null };
    const moped = { ...input, particulars: { vehicleClassCode: 'moped_class1', chassisNo: 'AF68-1000001', displacementCc: 49 }, plate: { platePart1: '越谷市', platePart2: 'あ', platePart3: '1' } };
    await expect(db.withMunicipality(CITY, (trx) => registerForwardedVehicleIn(work(trx), NATIONAL, moped))).rejects.toMatchObject({ status: 400, errors: [{ field: 'particulars.vehicleClassCode', message: expect.stringContaining('市の窓口で申告される車種です') }] });
    const kei = { ...input, particulars: { vehicleClassCode: 'kei_two_wheel', chassisNo: 'MD44-1000001' }, plate: { platePart1: '越谷', platePart2: 'う', platePart3: 'ABC' } };
    await expect(db.withMunicipality(CITY, (trx) => registerForwardedVehicleIn(work(trx), NATIONAL, kei))).rejects.toMatchObject({ status: 400, errors: [{ field: 'plate.platePart3' }] });
    expect(await register()).toEqual([]);
  });

  it('resolves queued records: the owner a clerk found, a new non-resident, or dismissed — and refuses a second decision', async () => {
    await importRows([
      declaration(1, { 所有者生年月日: '1975-06-05' }),
      declaration(2, { 所有者氏名: '架空　次郎', 所有者氏名カナ: '', 所有者性別: '1', 所有者生年月日: '1988-08-08', 所有者住所: '東京都足立区架空町1-1' }),
      declaration(3, { 所有者氏名: '架空　三郎', 所有者氏名カナ: 'カクウ　サブロウ', 所有者生年月日: '1970-03-03' }),
    ]);
    const [differing, noKana, unknown] = await imports.records(clerk, 'open');
    await expect(imports.resolve(clerk, differing!.recordId, { action: 'apply', note: '所有者を確認' })).rejects.toMatchObject({ status: 400, errors: [{ field: 'addresseeNo' }] });
    expect(await imports.resolve(clerk, differing!.recordId, { action: 'apply', addresseeNo: owner, note: '生年月日は送付データの誤りと確認' })).toEqual({ ownerAddresseeNo: owner, appliedDeclarationNo: '2026-000001' });
    await expect(imports.resolve(clerk, differing!.recordId, { action: 'dismiss', note: '二重' })).rejects.toMatchObject({ status: 409 });

    await expect(imports.resolve(clerk, noKana!.recordId, { action: 'register', note: '新しい所有者' })).rejects.toMatchObject({ status: 400, errors: [{ field: 'nameKana' }] });
    const registered = await imports.resolve(clerk, noKana!.recordId, { action: 'register', nameKana: 'カクウ　ジロウ', note: '市外の新しい所有者' });
    expect(await addressees.detail(clerk, registered.ownerAddresseeNo ?? '')).toMatchObject({ kind: 'non_resident', nameKanji: '架空\u3000次郎', nameKana: 'カクウ\u3000ジロウ', address: '東京都足立区架空町1-1' });

    await expect(imports.resolve(clerk, unknown!.recordId, { action: 'apply', addresseeNo: '112224999999999', note: 'x' })).rejects.toMatchObject({ status: 400, errors: [{ field: 'addresseeNo' }] });
    expect(await imports.resolve(clerk, unknown!.recordId, { action: 'dismiss', note: '送付元に照会中' })).toEqual({ ownerAddresseeNo: null, appliedDeclarationNo: null });

    expect(await imports.records(clerk, 'open')).toEqual([]);
    expect((await imports.records(clerk, 'applied')).map((r) => [r.rowNo, r.reasonCode, r.resolvedByStaffNo, r.appliedDeclarationNo])).toEqual([
      [2, 'owner_chosen', 'A0001', '2026-000001'],
      [3, 'owner_registered', 'A0001', '2026-000002'],
    ]);
    expect((await register()).map((v) => [v.chassisNo, v.ownerAddresseeNo])).toEqual([
      ['JF1-100001', owner],
      ['JF1-100002', registered.ownerAddresseeNo],
    ]);
    expect((await imports.records(clerk, 'dismissed')).map((r) => [r.rowNo, r.resolutionNote])).toEqual([[4, '送付元に照会中']]);
  });

  it('refuses and audits an actor without the permission, and takes nothing', async () => {
    const auditor = testActor(CITY, ['auditor'], 'Z0001');
    await expect(imports.importFile(auditor, utf8([declaration(1)]))).rejects.toMatchObject({ status: 403 });
    await expect(imports.records(auditor, 'open')).rejects.toMatchObject({ status: 403 });
    const entries = await db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').select(['operation', 'result', 'staffNo']).where('staffNo', '=', 'Z0001').orderBy('seq').execute());
    expect(entries).toEqual([
      { operation: 'vehicle.import', result: 'denied', staffNo: 'Z0001' },
      { operation: 'vehicle.import.records', result: 'denied', staffNo: 'Z0001' },
    ]);
    expect((await snapshot()).records).toEqual([]);
  });

  it('records one audit entry per import with its counts, never the owners', async () => {
    await importRows([declaration(1), declaration(2, { 所有者生年月日: '1975-06-05' })]);
    const entries = await db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').select(['operation', 'detail', 'rowCount', 'result']).where('operation', '=', 'vehicle.import').execute());
    expect(entries).toEqual([{ operation: 'vehicle.import', result: 'succeeded', rowCount: 2, detail: expect.objectContaining({ fileName: 'kei.csv', applied: 1, queued: 1, invalid: 0 }) }]);
    expect(JSON.stringify(entries)).not.toContain('軽自');
  });

  describe('the 車検証閲覧アプリ file at the counter', () => {
    const EXAMPLE = readFileSync(new URL('../../docs/examples/electronic-inspection-certificate.json', import.meta.url));
    const NO = { year: 2026, serial: 1 };
    const vehicleRows = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('vehicle').selectAll().orderBy('generation').execute());
    beforeEach(async () => {
      // A kei car as the register holds it from forwarded data: the fixture writes the row itself.
      await db.withMunicipality(CITY, (trx) =>
        trx
          .insertInto('vehicle')
          .values({
            municipalityCode: CITY,
            declarationYear: NO.year,
            declarationSerial: NO.serial,
            vehicleClassCode: 'kei_four_wheel_passenger_private',
            platePart1: '越谷',
            platePart2: '580 あ',
            platePart3: '12-01',
            generation: 1,
            ownerAddresseeNo: owner,
            chassisNo: 'JF1-100001',
            vehicleMakeName: 'ホンダ',
            modelDesignation: 'DBA-JF1',
            displacementCc: 658,
            fuelTypeCode: 'gasoline',
            declarationChannel: 'forwarded',
          })
          .execute(),
      );
    });

    it('lists every item side by side, register value beside certificate value, and the owner beside the addressee, changing nothing', async () => {
      const before = await vehicleRows();
      const comparison = await imports.compareCertificate(clerk, NO, EXAMPLE);
      expect(comparison).toMatchObject({ certificateNo: '900000000001', declarationNo: '2026-000001', generation: 1, storagePlace: null });
      expect(comparison.items.filter((i) => i.differs).map((i) => [i.label, i.registerValue, i.certificateValue])).toEqual([
        ['型式', 'DBA-JF1', '5BA-JF1'],
        ['原動機の型式', null, 'S07B'],
        ['総排気量(cc)', 658, 650],
        ['初度検査年月', null, '2026-04'],
      ]);
      expect(comparison.people).toEqual([
        { role: 'owner', label: '所有者', register: { name: '軽自\u3000太郎', address: '埼玉県越谷市越ヶ谷1丁目1番1号' }, certificate: { name: '軽自\u3000太郎', address: '埼玉県越谷市越ヶ谷1丁目1番1号' }, differs: false },
        { role: 'vehicleUser', label: '使用者', register: null, certificate: null, differs: false },
      ]);
      expect(await vehicleRows()).toEqual(before);
      const audit = await db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').select(['operation', 'subjectId', 'result']).where('operation', '=', 'vehicle.certificate.compare').execute());
      expect(audit).toEqual([{ operation: 'vehicle.certificate.compare', subjectId: '2026-000001', result: 'succeeded' }]);
    });

    it('writes the confirmed items as a new generation, the others untouched, and refuses an item that does not differ', async () => {
      await expect(imports.applyCertificate(clerk, NO, { generation: 1, confirmed: ['makeName'] }, EXAMPLE)).rejects.toMatchObject({ status: 400, errors: [{ field: 'confirmed.makeName', message: '車名は台帳と車検証で同じです' }] });
      const result = await imports.applyCertificate(clerk, NO, { generation: 1, confirmed: ['modelDesignation', 'firstInspection'] }, EXAMPLE);
      expect(result).toEqual({ declarationNo: '2026-000001', generation: 2, applied: ['型式', '初度検査年月'] });
      const [first, second] = await vehicleRows();
      expect(first).toMatchObject({ generation: 1, modelDesignation: 'DBA-JF1', firstInspection: null, supersededAt: expect.any(Date) });
      expect(second).toMatchObject({ generation: 2, modelDesignation: '5BA-JF1', firstInspection: '2026-04', displacementCc: 658, engineModel: null, changeReasonCode: 'certificate_check', changeOfficeCode: '01', staffNo: 'A0001', supersededAt: null });
      // What is left to confirm, against the new generation.
      expect((await imports.compareCertificate(clerk, NO, EXAMPLE)).items.filter((i) => i.differs).map((i) => i.item)).toEqual(['engineModel', 'displacementCc']);
      const audit = await db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').select(['subjectId', 'result', 'detail']).where('operation', '=', 'vehicle.certificate.apply').orderBy('seq').execute());
      expect(audit.map((a) => a.result)).toEqual(['failed', 'succeeded']);
      expect(audit[1]).toMatchObject({ subjectId: '2026-000001', detail: expect.objectContaining({ certificateNo: '900000000001', items: ['modelDesignation', 'firstInspection'], generation: 2 }) });
    });

    it('refuses to apply against a stale generation (409 naming who changed it), for a clerk who may only read, and saves nothing', async () => {
      await imports.applyCertificate(clerk, NO, { generation: 1, confirmed: ['modelDesignation', 'firstInspection'] }, EXAMPLE);
      const before = await vehicleRows();
      await expect(imports.applyCertificate(clerk, NO, { generation: 1, confirmed: ['engineModel'] }, EXAMPLE)).rejects.toMatchObject({ status: 409, detail: expect.stringContaining('窓口 職員(職員番号 A0001)が') });
      await expect(imports.applyCertificate(testActor(CITY, ['auditor'], 'Z0003'), NO, { generation: 2, confirmed: ['engineModel'] }, EXAMPLE)).rejects.toMatchObject({ status: 403 });
      expect(await vehicleRows()).toEqual(before);
    });

    it("refuses invalid JSON and another vehicle's certificate in Japanese, a vehicle that is not there, and a clerk without the permission", async () => {
      await expect(imports.compareCertificate(clerk, NO, new TextEncoder().encode('{"CertInfo":'))).rejects.toMatchObject({ status: 400, errors: [{ field: 'file', message: 'JSON として読めません' }] });
      const other = JSON.parse(EXAMPLE.toString('utf8')) as { CertInfo: Record<string, string> };
      other.CertInfo.CarNo = 'JF1-999999';
      await expect(imports.compareCertificate(clerk, NO, new TextEncoder().encode(JSON.stringify(other)))).rejects.toMatchObject({ status: 409, detail: expect.stringContaining('一致しません') });
      await expect(imports.compareCertificate(clerk, { year: 2026, serial: 2 }, EXAMPLE)).rejects.toMatchObject({ status: 404 });
      await expect(imports.compareCertificate(testActor(CITY, ['auditor'], 'Z0002'), NO, EXAMPLE)).rejects.toMatchObject({ status: 403 });
    });
  });
});
