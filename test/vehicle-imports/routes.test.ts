import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { DECLARATION_COLUMNS } from '../../src/vehicle-imports/parser.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';

const EXAMPLE = readFileSync(new URL('../../docs/examples/electronic-inspection-certificate.json', import.meta.url));

/** One 新規 of docs/examples' owner, its vehicle the example certificate's chassis (JF1-100001). */
const FORWARDED = [
  DECLARATION_COLUMNS.join(','),
  '軽自動車検査協会,新規,2026-04-10,2026-04-12,軽四輪乗用自家用,越谷 580 あ 12-01,JF1-100001,ホンダ,DBA-JF1,,658,,ガソリン,令和8年3月,軽自　太郎,ケイジ　タロウ,1,1975-05-05,343-0813,埼玉県越谷市越ヶ谷1丁目1番1号,,,',
].join('\r\n');

describe('forwarded data and the 車検証閲覧アプリ file over HTTP', () => {
  let db: Database;
  let t: TestApp;
  let clerk: SignedIn;
  let reader: SignedIn;
  const post = (who: SignedIn, url: string, body: string | Buffer, contentType: string) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...who.headers, 'content-type': contentType }, payload: body });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    clerk = await signInAs(t, db, ['counter_clerk']);
    reader = await signInAs(t, db, ['auditor']);
    const owner = await t.app.inject({
      method: 'POST',
      url: '/api/v1/addressees',
      headers: clerk.headers,
      payload: { kind: 'non_resident', nameKanji: '軽自　太郎', nameKana: 'ケイジ　タロウ', sexCode: '1', birthDate: '1975-05-05', address: '埼玉県越谷市越ヶ谷1丁目1番1号', reason: '試験' },
    });
    expect(owner.statusCode, owner.body).toBe(201);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('uploads a file, writes its record into the register, and lists it as 反映済み with the declaration number', async () => {
    const upload = await post(clerk, '/vehicle-imports?fileName=kei.csv', FORWARDED, 'text/csv');
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json()).toMatchObject({ applied: 1, queued: 0 });
    const applied = await t.app.inject({ method: 'GET', url: '/api/v1/vehicle-imports/records?status=applied', headers: clerk.headers });
    expect(applied.json()).toEqual([expect.objectContaining({ status: 'applied', appliedDeclarationNo: '2026-000001', appliedGeneration: 1, reasonDetail: {} })]);
    const vehicle = await t.app.inject({ method: 'GET', url: '/api/v1/vehicles/2026-000001', headers: clerk.headers });
    expect(vehicle.json()).toMatchObject({ vehicle: { chassisNo: 'JF1-100001', declarationChannel: 'forwarded', registrationOfficeCode: '01' } });
  });

  it('applies the confirmed items of a certificate, refusing in Japanese an unknown item, a stale generation and a reader', async () => {
    const apply = (who: SignedIn, query: string) => post(who, `/vehicle-imports/certificates/apply?declarationNo=2026-000001&${query}`, EXAMPLE, 'application/octet-stream');
    const unknown = await apply(clerk, 'generation=1&confirmed=chassisNo');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json().errors[0].message).toContain('反映できる項目は 車両番号・車種');
    expect((await apply(reader, 'generation=1&confirmed=modelDesignation')).statusCode).toBe(403);
    const done = await apply(clerk, 'generation=1&confirmed=modelDesignation,firstInspection');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ declarationNo: '2026-000001', generation: 2, applied: ['型式', '初度検査年月'] });
    const stale = await apply(clerk, 'generation=1&confirmed=engineModel');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain('画面を開いた後に');
  });
});
