import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { defineDesignSeries, loadPlateRange } from '../../src/plates/service.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';

const CITY = '112224';

describe('vehicle register counter declarations over HTTP', () => {
  let db: Database;
  let t: TestApp;
  let clerk: SignedIn;
  let northClerk: SignedIn;
  let reductionsClerk: SignedIn;
  let chassisSerial = 1000;

  const post = (who: SignedIn, url: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });
  const count = async (table: string) => (await db.withMunicipality(CITY, (trx) => sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx))).rows[0]?.n;
  const lastAudit = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());

  const nonResident = {
    kind: 'non_resident',
    nameKanji: '架空　次郎',
    nameKana: 'カクウ　ジロウ',
    sexCode: '1',
    birthDate: '1985-03-04',
    address: '東京都足立区架空町三丁目4番5号',
    reason: '原動機付自転車の登録(住登外)',
  };

  /** A moped declaration of its own (its own chassis and plate), so that each test can run alone. */
  function moped(overrides: Record<string, unknown> = {}) {
    chassisSerial += 1;
    return {
      receivedDate: '2026-11-20',
      owner: { newNonResident: nonResident },
      registrationReasonCode: 'new',
      registrationDate: '2026-11-20',
      particulars: { vehicleClassCode: 'moped_class1', chassisNo: `ａｆ６８－${chassisSerial}`, displacementCc: 49, wheels: 2, vehicleMakeName: 'ホンダ', fuelTypeCode: 'gasoline' },
      storagePlace: { storageAddressCode: '100', storageBlockNo: '1-2-3' },
      ...overrides,
    };
  }

  async function registered(overrides: Record<string, unknown> = {}, who = clerk): Promise<{ declarationNo: string; ownerAddresseeNo: string }> {
    const res = await post(who, '/vehicles', moped(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  const change = (declarationNo: string, path: string, payload: Record<string, unknown>, who = clerk) =>
    post(who, `/vehicles/${declarationNo}/${path}`, { generation: 1, changeDate: '2026-11-25', receivedDate: '2026-11-25', ...payload });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    clerk = await signInAs(t, db, ['counter_clerk']);
    reductionsClerk = await signInAs(t, db, ['reductions_clerk']);
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('addressArea').values({ municipalityCode: CITY, addressCode: '100', townName: '越ヶ谷', townNameKana: 'コシガヤ', postalCode: '3430813' }).execute();
      await trx.insertInto('office').values([
        { municipalityCode: CITY, officeCode: '02', name: '北部出張所', kind: 'branch' },
        { municipalityCode: CITY, officeCode: '10', name: '収納課', kind: 'other_department' },
      ]).execute();
    });
    // Plates in stock at both counters: 第一種 standard and the city's design, 第二種乙 standard.
    await db.withMunicipality(CITY, async (trx) => {
      await defineDesignSeries(trx, { vehicleClassCode: 'moped_class1', designName: 'しらこばと橋とガーヤちゃん' });
      for (const officeCode of ['01', '02']) {
        const range = { officeCode, vehicleClassCode: 'moped_class1', design: 'standard', part1: '越谷市', receivedOn: '2026-04-01' } as const;
        await loadPlateRange(trx, 'T0001', { ...range, part2: officeCode === '01' ? 'あ' : 'い', firstSerial: 1, lastSerial: 500 });
        await loadPlateRange(trx, 'T0001', { ...range, design: 'city_design', part2: officeCode === '01' ? 'か' : 'き', firstSerial: 1, lastSerial: 50 });
        await loadPlateRange(trx, 'T0001', { ...range, vehicleClassCode: 'moped_class2_otsu', part2: officeCode === '01' ? 'ぬ' : 'ね', firstSerial: 1, lastSerial: 50 });
      }
    });
    northClerk = await signInAs(t, db, ['counter_clerk']);
    await db.withMunicipality(CITY, (trx) => trx.updateTable('staff').set({ officeCode: '02' }).where('staffNo', '=', northClerk.staffNo).execute());
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('registers a moped for a new non-resident, numbered in the office series, with the owner and this year’s tax', async () => {
    const addressees = await count('addressee');
    const { declarationNo, ownerAddresseeNo } = await registered({ officeCode: '02', plateDesign: 'city_design', otherCityPlate: { issuer: '草加市', plateText: '草加市 あ 123' } });
    expect(declarationNo).toMatch(/^2026-\d{6}$/);
    expect(await count('addressee')).toBe((addressees ?? 0) + 1);
    const detail = await get(clerk, `/vehicles/${declarationNo}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const { vehicle, history, taxOwed } = detail.json();
    expect(vehicle).toMatchObject({
      declarationNo,
      generation: 1,
      state: 'current',
      chassisNo: expect.stringMatching(/^AF68-\d+$/),
      registrationOfficeCode: '02',
      registrationOfficeName: '北部出張所',
      platePart1: '越谷市',
      platePart2: 'き',
      otherCityPlateRecoveryCode: 'recovered',
      owner: { addresseeNo: ownerAddresseeNo, nameKanji: '架空\u3000次郎', kind: 'non_resident' },
      vehicleClass: { code: 'moped_class1', displayColour: '#ffffff' },
    });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ state: 'current', stateLabel: '現在', eventLabel: '登録(新規)' });
    expect(taxOwed).toMatchObject({ fiscalYear: 2026, rateCase: 'standard', rateCaseLabel: '標準税率' });
    expect(taxOwed.amount).toBeGreaterThan(0);
    expect(taxOwed.citations.length).toBeGreaterThan(0);
  });

  it('changes the owner: the old record closed as re-titled, the new one under its own number, each naming the other', async () => {
    const { declarationNo, ownerAddresseeNo } = await registered();
    const res = await change(declarationNo, 'owner-change', { newOwner: { newNonResident: { ...nonResident, nameKanji: '架空　三郎', nameKana: 'カクウ　サブロウ' } } });
    expect(res.statusCode, res.body).toBe(200);
    const opened = res.json();
    expect(opened.declarationNo).not.toBe(declarationNo);
    expect(opened.closedDeclarationNo).toBe(declarationNo);
    const detail = (await get(clerk, `/vehicles/${opened.declarationNo}`)).json();
    expect(detail.vehicle).toMatchObject({ previousOwnerAddresseeNo: ownerAddresseeNo, previousOwnerDeclarationNo: declarationNo, registrationReasonCode: 'transfer', state: 'current' });
    expect(detail.history.map((row: { declarationNo: string; state: string }) => [row.declarationNo, row.state])).toEqual([
      [opened.declarationNo, 'current'],
      [declarationNo, 're_titled'],
      [declarationNo, 'superseded'],
    ]);
    const old = (await get(clerk, `/vehicles/${declarationNo}`)).json();
    expect(old.vehicle).toMatchObject({ generation: 2, newOwnerDeclarationNo: opened.declarationNo, changeReasonCode: 'owner_change', state: 're_titled' });
    const owned = await get(clerk, `/addressees/${ownerAddresseeNo}/vehicles`);
    expect(owned.json().map((row: { stateLabel: string }) => row.stateLabel)).toEqual(['名義変更済', '変更前']);
  });

  it('deregisters with the plate returned, under its own declaration number, and frees the chassis for a new record', async () => {
    const declaration = moped();
    const { declarationNo } = await registered(declaration);
    const res = await change(declarationNo, 'deregistration', { deregistrationReasonCode: 'scrapped', plateReturnCode: 'returned', plateReturnedDate: '2026-11-25' });
    expect(res.statusCode, res.body).toBe(200);
    const { vehicle, taxOwed } = (await get(clerk, `/vehicles/${declarationNo}`)).json();
    expect(vehicle).toMatchObject({ generation: 2, state: 'deregistered', deregistrationReasonCode: 'scrapped', plateReturnCode: 'returned', deregistrationDate: '2026-11-25' });
    expect(vehicle.deregistrationDeclarationNo).toMatch(/^2026-\d{6}$/);
    expect(taxOwed.notComputed).toContain('廃車');
    const again = await post(clerk, '/vehicles', { ...declaration, owner: { newNonResident: nonResident } });
    expect(again.statusCode, again.body).toBe(201);
  });

  it.each([
    ['postal deregistration', 'deregistration', { deregistrationReasonCode: 'transferred', plateReturnCode: 'not_returned', byPost: true, postalMoneyOrderNo: '12345' }, { declarationChannel: 'post', deregistrationRemark2: '定額小為替 12345', state: 'deregistered' }],
    ['ex-officio deregistration', 'ex-officio-deregistration', { investigation: '現地調査(令和8年11月24日)で車両なし。所有者と連絡がとれない', plateReturnCode: 'not_returned' }, { declarationChannel: 'ex_officio', deregistrationReasonCode: 'ex_officio', exOfficioInvestigation: expect.stringContaining('現地調査') }],
    ['tax stop', 'tax-stop', { otherCityName: '草加市', otherCityDeclarationNo: 'S-2026-77' }, { declarationChannel: 'other_city_copy', changeReasonCode: 'tax_stop', deregistrationReasonCode: 'moved_out', plateReturnCode: 'other_city' }],
    ['storage place change', 'storage-change', { reason: 'storage_change', storagePlace: { storageAddressCode: '100', storageBlockNo: '9-9' } }, { changeReasonCode: 'storage_change', storageBlockNo: '9-9', state: 'current' }],
    ['class change', 'class-change', { particulars: { vehicleClassCode: 'moped_class2_otsu', chassisNo: 'AF68-CLASS1', displacementCc: 80, wheels: 2 } }, { vehicleClassCode: 'moped_class2_otsu', classBeforeChangeCode: 'moped_class1', vehicleClassChangedDate: '2026-11-25', platePart2: 'ぬ', previousPlatePart2: 'あ' }],
    ['plate reissue', 'plate-reissue', { reissueReason: 'lost' }, { changeReasonCode: 'plate_reissue', platePart2: 'あ', plateReturnCode: 'lost', previousPlatePart1: '越谷市' }],
  ])('%s writes generation 2 and keeps generation 1', async (_, path, payload, expected) => {
    const { declarationNo } = await registered();
    const res = await change(declarationNo, path, payload);
    expect(res.statusCode, res.body).toBe(200);
    const { vehicle, history } = (await get(clerk, `/vehicles/${declarationNo}`)).json();
    expect(vehicle).toMatchObject({ generation: 2, ...expected });
    expect(history.map((row: { generation: number; state: string }) => row.generation)).toEqual([2, 1]);
    expect(history[1].state).toBe('superseded');
  });

  it.each([
    ['a chassis number of the wrong form', { particulars: { vehicleClassCode: 'moped_class1', chassisNo: '車台', displacementCc: 49 } }, 'particulars.chassisNo', '車台番号は英大文字'],
    ['a receipt before the registration', { registrationDate: '2026-11-21', receivedDate: '2026-11-20' }, 'receivedDate', '受付日は登録年月日'],
    ['a moped without displacement', { particulars: { vehicleClassCode: 'moped_class1', chassisNo: 'AF68-777' } }, 'particulars.displacementCc', '総排気量'],
    ['a 第一種 plate on a 110cc moped of 6.5 kW', { particulars: { vehicleClassCode: 'moped_class1', chassisNo: 'AF68-778', displacementCc: 110, maxOutputKw: 6.5, wheels: 2 } }, 'particulars.maxOutputKw', '原動機付自転車 第一種と入力値が矛盾します'],
    ['a kei car at the counter', { particulars: { vehicleClassCode: 'kei_four_wheel_passenger_private', chassisNo: 'HA36S-1', firstInspection: '2020-01', fuelTypeCode: 'gasoline' } }, 'particulars.vehicleClassCode', '軽自動車検査協会'],
    ['a storage place outside the city', { storagePlace: { storageAddressCode: '999' } }, 'storagePlace.storageAddressCode', '住所コード'],
    ['an office that takes no declarations', { officeCode: '10' }, 'officeCode', '収納課は申告を受け付ける拠点ではありません'],
  ])('refuses %s with a Japanese problem and saves nothing', async (_, overrides, field, message) => {
    const [vehicles, addressees, counters] = [await count('vehicle'), await count('addressee'), await db.withMunicipality(CITY, (trx) => trx.selectFrom('declarationCounter').selectAll().execute())];
    const res = await post(clerk, '/vehicles', moped(overrides));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.title).toBe('入力内容に誤りがあります');
    expect(problem.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.stringContaining(message) })]));
    expect(await count('vehicle')).toBe(vehicles);
    expect(await count('addressee')).toBe(addressees);
    expect(await db.withMunicipality(CITY, (trx) => trx.selectFrom('declarationCounter').selectAll().execute())).toEqual(counters);
  });

  it('refuses a second vehicle in use with the same chassis number or plate (409 naming the record)', async () => {
    const first = moped();
    const { declarationNo } = await registered(first);
    const { vehicle } = (await get(clerk, `/vehicles/${declarationNo}`)).json();
    const vehicles = await count('vehicle');
    const sameChassis = await post(clerk, '/vehicles', { ...moped(), particulars: first.particulars });
    expect(sameChassis.statusCode).toBe(409);
    expect(sameChassis.json().errors[0]).toMatchObject({ field: 'particulars.chassisNo', message: `この車台番号は申告書番号 ${declarationNo} の車両で使用中です` });
    const samePlate = await post(clerk, '/vehicles', { ...moped(), plate: { platePart1: vehicle.platePart1, platePart2: ` ${vehicle.platePart2} `, platePart3: vehicle.platePart3 } });
    expect(samePlate.statusCode).toBe(409);
    expect(samePlate.json().errors[0].field).toBe('plate');
    expect(await count('vehicle')).toBe(vehicles);
  });

  it('refuses a change to a stale generation with 409 naming who changed it and when', async () => {
    const { declarationNo } = await registered();
    expect((await change(declarationNo, 'storage-change', { reason: 'address_change', storagePlace: { storageAddressCode: '100' } }, northClerk)).statusCode).toBe(200);
    const stale = await change(declarationNo, 'deregistration', { deregistrationReasonCode: 'scrapped', plateReturnCode: 'not_returned' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toMatch(new RegExp(`試験職員${northClerk.staffNo}\\(職員番号 ${northClerk.staffNo}\\)が令和\\d+年\\d+月\\d+日 \\d{2}:\\d{2}\\(日本時間\\)に変更しました\\(第2世代\\)`));
    const { vehicle } = (await get(clerk, `/vehicles/${declarationNo}`)).json();
    expect(vehicle).toMatchObject({ generation: 2, state: 'current' });
  });

  it('numbers parallel declarations without gaps or duplicates, a refused one giving its number back', async () => {
    const before = (await db.withMunicipality(CITY, (trx) => trx.selectFrom('declarationCounter').selectAll().where('seriesNo', '=', 0).where('declarationYear', '=', 2026).executeTakeFirst()))?.lastSerial ?? 0;
    const declarations = Array.from({ length: 12 }, (_, i) => (i === 5 ? moped({ storagePlace: { storageAddressCode: '999' } }) : moped()));
    const results = await Promise.all(declarations.map((declaration) => post(clerk, '/vehicles', declaration)));
    expect(results.map((res) => res.statusCode).sort()).toEqual([...Array(11).fill(201), 400].sort());
    const serials = results.filter((res) => res.statusCode === 201).map((res) => Number(res.json().declarationNo.slice(5))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 11 }, (_, i) => before + 1 + i));
  });

  it('moves a record removed to correct an error whole to the deletion table, and restores it', async () => {
    const { declarationNo } = await registered();
    await change(declarationNo, 'storage-change', { reason: 'storage_change', storagePlace: { storageAddressCode: '100' } });
    const deleted = await post(clerk, `/vehicles/${declarationNo}/deletion`, { reason: '二重登録の訂正' });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toEqual({ generations: 2 });
    expect((await get(clerk, `/vehicles/${declarationNo}`)).statusCode).toBe(404);
    const list = (await get(clerk, '/vehicles/deleted')).json();
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ declarationNo, generations: 2, deletionReason: '二重登録の訂正', deletedByStaffNo: clerk.staffNo })]));
    const restored = await post(clerk, `/vehicles/${declarationNo}/restoration`, { reason: '削除の誤り' });
    expect(restored.json()).toEqual({ generations: 2 });
    const { vehicle, history } = (await get(clerk, `/vehicles/${declarationNo}`)).json();
    expect(vehicle.generation).toBe(2);
    expect(history).toHaveLength(2);
    expect((await get(clerk, '/vehicles/deleted')).json().map((row: { declarationNo: string }) => row.declarationNo)).not.toContain(declarationNo);
  });

  it('keeps dated remarks newest first, with who wrote them first and who edited them last', async () => {
    const { declarationNo } = await registered();
    const first = await post(clerk, `/vehicles/${declarationNo}/remarks`, { remarkDate: '2026-11-21', body: '窓口で標識交付証明書を交付', methodCode: 'counter' });
    expect(first.statusCode, first.body).toBe(201);
    await post(clerk, `/vehicles/${declarationNo}/remarks`, { remarkDate: '2026-11-26', body: '電話で廃車手続を案内', methodCode: 'phone' });
    const edited = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/vehicles/${declarationNo}/remarks/${first.json().remarkNo}`,
      headers: northClerk.headers,
      payload: { remarkDate: '2026-11-21', body: '窓口で標識交付証明書を交付(再交付なし)', methodCode: 'counter', updatedAt: first.json().updatedAt },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ firstStaffNo: clerk.staffNo, lastUpdatedStaffNo: northClerk.staffNo });
    const staleEdit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/vehicles/${declarationNo}/remarks/${first.json().remarkNo}`,
      headers: clerk.headers,
      payload: { remarkDate: '2026-11-21', body: '上書き', methodCode: 'counter', updatedAt: first.json().updatedAt },
    });
    expect(staleEdit.statusCode).toBe(409);
    const { remarks } = (await get(clerk, `/vehicles/${declarationNo}`)).json();
    expect(remarks.map((remark: { body: string }) => remark.body)).toEqual(['電話で廃車手続を案内', '窓口で標識交付証明書を交付(再交付なし)']);
  });

  it('finds vehicles as clerks search: any part of the plate, the chassis number’s end, the owner, the numbers', async () => {
    const { declarationNo, ownerAddresseeNo } = await registered({ plate: { platePart1: '越谷市', platePart2: 'あ', platePart3: '456' } });
    const { vehicle } = (await get(clerk, `/vehicles/${declarationNo}`)).json();
    const search = async (criteria: Record<string, unknown>) => (await post(clerk, '/vehicles/search', criteria)).json().hits.map((hit: { declarationNo: string }) => hit.declarationNo);
    expect(await search({ plate: '４５６' })).toContain(declarationNo);
    expect(await search({ plate: 'あ 4-56' })).toContain(declarationNo);
    expect(await search({ plate: '越谷市あ456' })).toEqual([declarationNo]);
    expect(await search({ chassisNo: vehicle.chassisNo.slice(-4) })).toContain(declarationNo);
    expect(await search({ chassisNo: 'af68' })).toContain(declarationNo);
    expect(await search({ ownerName: 'ｶｸｳ ｼﾞﾛｳ' })).toContain(declarationNo);
    expect(await search({ declarationNo })).toEqual([declarationNo]);
    expect(await search({ addresseeNo: ownerAddresseeNo })).toContain(declarationNo);
    const empty = await post(clerk, '/vehicles/search', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].message).toContain('いずれかを入力してください');
  });

  it('refuses a declaration to a role without vehicle.write, and audits the refusal; reading is granted', async () => {
    const { declarationNo } = await registered();
    const vehicles = await count('vehicle');
    const refused = await post(reductionsClerk, '/vehicles', moped());
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('車両の登録・異動・廃車');
    expect(await count('vehicle')).toBe(vehicles);
    expect(await lastAudit()).toMatchObject({ result: 'denied', staffNo: reductionsClerk.staffNo, detail: { method: 'POST', route: '/api/v1/vehicles' } });
    const refusedChange = await change(declarationNo, 'deregistration', { deregistrationReasonCode: 'scrapped', plateReturnCode: 'returned', plateReturnedDate: '2026-11-25' }, reductionsClerk);
    expect(refusedChange.statusCode).toBe(403);
    // A refusal at the door names the vehicle from its path, so it is found among that vehicle's touches.
    expect(await lastAudit()).toMatchObject({ result: 'denied', subjectType: 'vehicle', subjectId: declarationNo });
    const read = await get(reductionsClerk, `/vehicles/${declarationNo}`);
    expect(read.statusCode).toBe(200);
    expect(await lastAudit()).toMatchObject({ operation: 'vehicle.read', result: 'succeeded', subjectType: 'vehicle', subjectId: declarationNo });
  });
});
