import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { loadPlateRange } from '../../src/plates/service.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';
import { readPdf } from './pdf.js';

const CITY = '112224';

/** The counter's day as the register records it, then printed: registration and owner change through the register's own routes. */
describe('certificates at the counter, through the register', () => {
  let db: Database;
  let t: TestApp;
  let clerk: SignedIn;

  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: clerk.headers, payload });
  const person = (nameKanji: string, nameKana: string) => ({ kind: 'non_resident', nameKanji, nameKana, sexCode: '1', birthDate: '1985-03-04', address: '東京都足立区架空町三丁目4番5号', reason: '原動機付自転車の登録(住登外)' });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    clerk = await signInAs(t, db, ['counter_clerk']);
    await db.withMunicipality(CITY, async (trx) => {
      await trx.insertInto('addressArea').values({ municipalityCode: CITY, addressCode: '100', townName: '越ヶ谷', townNameKana: 'コシガヤ', postalCode: '3430813' }).execute();
      await trx.insertInto('office').values({ municipalityCode: CITY, officeCode: '02', name: '北部出張所', kind: 'branch' }).execute();
      await trx.updateTable('staff').set({ officeCode: '02' }).where('staffNo', '=', clerk.staffNo).execute();
      await loadPlateRange(trx, 'T0001', { officeCode: '02', vehicleClassCode: 'moped_class1', design: 'standard', part1: '越谷市', part2: 'い', receivedOn: '2026-04-01', firstSerial: 1, lastSerial: 20 });
    });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it("registers a moped for a new non-resident at 北部出張所 and prints its 標識交付証明書; the owner change prints both certificates", async () => {
    const registered = await post('/vehicles', {
      receivedDate: '2026-11-20',
      officeCode: '02',
      owner: { newNonResident: person('架空　次郎', 'カクウ　ジロウ') },
      registrationReasonCode: 'new',
      registrationDate: '2026-11-20',
      particulars: { vehicleClassCode: 'moped_class1', chassisNo: 'AF68-7654321', displacementCc: 49, wheels: 2, vehicleMakeName: 'ホンダ', fuelTypeCode: 'gasoline' },
      storagePlace: { storageAddressCode: '100', storageBlockNo: '1-2-3' },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const { declarationNo } = registered.json();
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/vehicles/${declarationNo}`, headers: clerk.headers })).json();
    const plate = [detail.vehicle.platePart1, detail.vehicle.platePart2, detail.vehicle.platePart3].filter(Boolean).join(' ');

    const certificate = await post(`/vehicles/${declarationNo}/certificates`, { kind: 'plate_issue' });
    expect(certificate.statusCode, certificate.body).toBe(200);
    const [page] = await readPdf(certificate.rawPayload);
    for (const printed of [plate, 'AF68-7654321', '架空 次郎', '越ヶ谷1-2-3', '北部出張所', '令和8年11月20日', String(certificate.headers['x-certificate-numbers'])]) {
      expect(page?.text, printed).toContain(printed);
    }

    const changed = await post(`/vehicles/${declarationNo}/owner-change`, {
      generation: 1,
      changeDate: '2026-11-25',
      receivedDate: '2026-11-25',
      newOwner: { newNonResident: person('架空　三郎', 'カクウ　サブロウ') },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const both = await post(`/vehicles/${changed.json().declarationNo}/certificates`, { kind: 'owner_change' });
    expect(both.statusCode, both.body).toBe(200);
    const [newOwner, previousOwner] = await readPdf(both.rawPayload);
    expect(newOwner?.text).toContain('標識交付証明書');
    expect(newOwner?.text).toContain('架空 三郎');
    expect(newOwner?.text).toContain(plate);
    expect(previousOwner?.text).toContain('廃車申告受付書');
    expect(previousOwner?.text).toContain('架空 次郎');
    expect(previousOwner?.text).toContain('令和8年11月25日');
  });
});
