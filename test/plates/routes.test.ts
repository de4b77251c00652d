import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { createCompensationSlip, issuePlate } from '../../src/plates/service.js';
import { ruleBookOf } from '../../src/tax-rules/service.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';

const CITY = '112224';
const OWNER = `${CITY}000000001`;
const range = {
  officeCode: '01',
  vehicleClassCode: 'moped_class2_otsu',
  design: 'standard',
  part1: '越谷市',
  part2: 'い',
  firstSerial: 1,
  lastSerial: 50,
  receivedOn: '令和8年4月1日',
};

describe('the plate inventory and compensation slips over HTTP', () => {
  let db: Database;
  let t: TestApp;
  let clerk: SignedIn;
  let supervisor: SignedIn;
  let viewer: SignedIn;
  let welfare: SignedIn;

  const plateCount = async () => (await db.withMunicipality(CITY, (trx) => sql<{ n: number }>`select count(*)::int as n from plate`.execute(trx))).rows[0]?.n;
  const lastAudit = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());
  const send = (who: SignedIn, method: 'POST' | 'PUT', url: string, payload: unknown) => t.app.inject({ method, url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    clerk = await signInAs(t, db, ['counter_clerk']);
    supervisor = await signInAs(t, db, ['supervisor']);
    viewer = await signInAs(t, db, ['collections_viewer']);
    welfare = await signInAs(t, db, ['welfare_viewer']);
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('office').values({ municipalityCode: CITY, officeCode: '02', name: '北部出張所', kind: 'branch' }).execute();
      await trx.insertInto('addressee').values({ municipalityCode: CITY, addresseeNo: OWNER, kind: 'non_resident', nameKanji: '試験　一郎', nameKana: 'シケン　イチロウ', address: '他県他市1番' }).execute();
    });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('loads a range into stock, audited, and counts it by office, class, design and state', async () => {
    const res = await send(clerk, 'POST', '/api/v1/plates/ranges', range);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ loaded: 50 });
    expect(await lastAudit()).toMatchObject({ staffNo: clerk.staffNo, operation: 'plate.range.load', result: 'succeeded', rowCount: 50 });

    const inventory = await get(viewer, '/api/v1/plates/inventory?officeCode=01');
    expect(inventory.statusCode, inventory.body).toBe(200);
    expect(inventory.json().groups).toEqual([
      {
        officeCode: '01',
        officeName: '本庁',
        vehicleClassCode: 'moped_class2_otsu',
        design: 'standard',
        counts: { in_stock: 50, issued: 0, returned: 0, lost: 0, stolen: 0, void: 0 },
        nextInStock: '1',
      },
    ]);
    expect(await lastAudit()).toMatchObject({ staffNo: viewer.staffNo, operation: 'plate.inventory', result: 'succeeded' });
  });

  it('refuses a range overlapping numbers already held, naming them, and saves nothing of it', async () => {
    const before = await plateCount();
    const res = await send(clerk, 'POST', '/api/v1/plates/ranges', { ...range, officeCode: '02', firstSerial: 48, lastSerial: 60 });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe('「越谷市 い」の 48、49、50 は既に台帳にあります。重ならない番号の範囲を入力してください。');
    expect(await plateCount()).toBe(before);
  });

  it('refuses a range too large, reversed, of a class the city counter does not declare, or of a design the city does not issue', async () => {
    const before = await plateCount();
    const tooLarge = await send(clerk, 'POST', '/api/v1/plates/ranges', { ...range, firstSerial: 1000, lastSerial: 3999 });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.json().errors).toEqual([{ field: 'lastSerial', message: '一度に受け入れられるのは2000枚までです。分けて登録してください' }]);
    const reversed = await send(clerk, 'POST', '/api/v1/plates/ranges', { ...range, firstSerial: 90, lastSerial: 80 });
    expect(reversed.json().errors).toEqual([{ field: 'lastSerial', message: '最後の番号は最初の番号以上にしてください' }]);
    const kei = await send(clerk, 'POST', '/api/v1/plates/ranges', { ...range, vehicleClassCode: 'kei_two_wheel', firstSerial: 100, lastSerial: 110 });
    expect(kei.statusCode).toBe(400);
    expect(kei.json().errors[0].field).toBe('vehicleClassCode');
    const design = await send(clerk, 'POST', '/api/v1/plates/ranges', { ...range, design: 'city_design', firstSerial: 100, lastSerial: 110 });
    expect(design.statusCode).toBe(400);
    expect(design.json().errors).toEqual([{ field: 'design', message: '原動機付自転車 第二種乙には市独自デザインの標識が設定されていません' }]);
    const office = await send(clerk, 'POST', '/api/v1/plates/ranges', { ...range, officeCode: '09', firstSerial: 100, lastSerial: 110 });
    expect(office.json().errors).toEqual([{ field: 'officeCode', message: '拠点コード 09 はこの団体の拠点にありません' }]);
    expect(await plateCount()).toBe(before);
  });

  it('lets a supervisor, not a counter clerk, set the city design; then its plates load', async () => {
    const series = { vehicleClassCode: 'moped_class2_otsu', designName: 'しらこばと橋とガーヤちゃん' };
    expect((await send(clerk, 'PUT', '/api/v1/plates/design-series', series)).statusCode).toBe(403);
    expect(await lastAudit()).toMatchObject({ staffNo: clerk.staffNo, result: 'denied' });
    expect((await send(supervisor, 'PUT', '/api/v1/plates/design-series', series)).statusCode).toBe(204);
    const res = await send(clerk, 'POST', '/api/v1/plates/ranges', { ...range, design: 'city_design', part2: 'き', firstSerial: 1, lastSerial: 5 });
    expect(res.statusCode, res.body).toBe(201);
    expect((await get(clerk, '/api/v1/plates/inventory')).json().designSeries).toEqual([series]);
  });

  it('voids a plate in stock with its reason in the history, and refuses to void it twice', async () => {
    const plate = { part1: '越谷市', part2: 'い', part3: '2' };
    const res = await send(clerk, 'POST', '/api/v1/plates/void', { plate, on: '2026-04-10', reason: '破損して届いたため' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ plate, state: 'void' });
    const again = await send(clerk, 'POST', '/api/v1/plates/void', { plate, on: '2026-04-11', reason: '再' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('標識「越谷市 い 2」は「廃棄」のため、「廃棄」にできません。');

    const history = await send(viewer, 'POST', '/api/v1/plates/history', plate);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json()).toMatchObject({ state: 'void', design: 'standard', officeCode: '01' });
    expect(history.json().events.map((e: { toState: string; staffNo: string; reason: string | null }) => [e.toState, e.staffNo, e.reason])).toEqual([
      ['in_stock', clerk.staffNo, '在庫の受入れ'],
      ['void', clerk.staffNo, '破損して届いたため'],
    ]);
    expect((await send(viewer, 'POST', '/api/v1/plates/history', { ...plate, part3: '999' })).statusCode).toBe(404);
  });

  it('lists and shows compensation slips, the detail audited against the owner', async () => {
    const slipNo = await db.withMunicipality(CITY, async (trx) => {
      const issued = await issuePlate(trx, { officeCode: '01', vehicleClassCode: 'moped_class2_otsu', design: 'standard', staffNo: 'T0001', issuedOn: '2026-05-01', declarationNo: '2026-7' });
      const slip = await createCompensationSlip(trx, ruleBookOf(t.config), {
        declarationNo: '2026-7',
        generation: 1,
        addresseeNo: OWNER,
        plate: issued.plate,
        reason: 'damaged',
        theftReported: false,
        staffNo: 'T0001',
        on: '2026-05-20',
      });
      return slip.slipNo;
    });
    const list = await get(clerk, '/api/v1/plates/compensation-slips?declarationNo=2026-7');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().slips).toEqual([expect.objectContaining({ slipNo, amount: 200, reason: 'damaged', ownerAddresseeNo: OWNER })]);
    expect((await get(clerk, '/api/v1/plates/compensation-slips?declarationNo=2026-8')).json().slips).toEqual([]);

    const detail = await get(viewer, `/api/v1/plates/compensation-slips/${slipNo}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(await lastAudit()).toMatchObject({ operation: 'plate.compensation.read', subjectType: 'addressee', subjectId: OWNER, result: 'succeeded' });
    expect((await get(viewer, '/api/v1/plates/compensation-slips/999')).statusCode).toBe(404);
  });

  it('refuses, and records the refusal of, staff without the permission', async () => {
    const denied = await get(welfare, '/api/v1/plates/inventory');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().detail).toContain('「車両台帳の照会」の権限がありません');
    expect(await lastAudit()).toMatchObject({ staffNo: welfare.staffNo, result: 'denied' });

    const before = await plateCount();
    const load = await send(viewer, 'POST', '/api/v1/plates/ranges', { ...range, firstSerial: 200, lastSerial: 210 });
    expect(load.statusCode).toBe(403);
    expect(await lastAudit()).toMatchObject({ staffNo: viewer.staffNo, result: 'denied' });
    expect((await send(viewer, 'POST', '/api/v1/plates/void', { plate: { part1: '越谷市', part2: 'い', part3: '3' }, on: '2026-04-10', reason: '試験' })).statusCode).toBe(403);
    expect((await get(welfare, '/api/v1/plates/compensation-slips')).statusCode).toBe(403);
    expect(await plateCount()).toBe(before);
  });
});
