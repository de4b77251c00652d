import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { individualNumberCheckDigit } from '../../src/shared/individual-number.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';

const CITY = '112224';
const withCheckDigit = (first11: string) => `${first11}${individualNumberCheckDigit(first11)}`;

describe('tax addressee register over HTTP', () => {
  let db: Database;
  let t: TestApp;
  let assessor: SignedIn;
  let clerk: SignedIn;
  let auditor: SignedIn;

  const count = async (table: 'addressee' | 'addressee_history' | 'integrated_addressee') =>
    (await db.withMunicipality(CITY, (trx) => sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx))).rows[0]?.n;
  const lastAudit = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow());
  const post = (who: SignedIn, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: who.headers });

  /** Each test registers the people it looks for, so that any one of them can run alone. */
  async function register(person: Partial<typeof nonResident>): Promise<string> {
    const res = await post(clerk, '/api/v1/addressees', { ...nonResident, ...person });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().addresseeNo;
  }

  const nonResident = {
    kind: 'non_resident',
    nameKanji: '髙橋　太郎',
    nameKana: 'ﾀｶﾊｼ ﾀﾛｳ',
    sexCode: '1',
    birthDate: '1970-05-06',
    postalCode: '120-0001',
    address: '東京都足立区架空町一丁目2番3号',
    phone: '０３-０００-１２３４',
    reason: '軽自動車の申告(住登外)',
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    assessor = await signInAs(t, db, ['assessor']);
    clerk = await signInAs(t, db, ['counter_clerk']);
    auditor = await signInAs(t, db, ['auditor']);
    await db.withMunicipality(CITY, (trx) =>
      trx.insertInto('addressArea').values({ municipalityCode: CITY, addressCode: '100', townName: '越ヶ谷', townNameKana: 'コシガヤ', postalCode: '3430813' }).execute(),
    );
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('registers a non-resident with an integrated addressee number, the number masked, and a history entry', async () => {
    const number = withCheckDigit('40000000001');
    const res = await post(clerk, '/api/v1/addressees', { ...nonResident, individualNumber: number });
    expect(res.statusCode, res.body).toBe(201);
    const { addresseeNo, integratedAddresseeNo } = res.json();
    expect(addresseeNo).toMatch(/^112224\d{9}$/);
    expect(integratedAddresseeNo).toMatch(/^112224\d{9}$/);
    expect(res.body).not.toContain(number);

    const detail = await get(clerk, `/api/v1/addressees/${addresseeNo}`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json();
    expect(body).toMatchObject({
      kind: 'non_resident',
      nameKanji: '髙橋\u3000太郎',
      nameKana: 'タカハシ\u3000タロウ',
      postalCode: '1200001',
      phone: '03-000-1234',
      maskedIndividualNumber: `********${number.slice(-4)}`,
      version: 1,
    });
    expect(detail.body).not.toContain(number);
    expect(body.history).toHaveLength(1);
    expect(body.history[0]).toMatchObject({ changeKind: 'registered', staffNo: clerk.staffNo, source: 'entry', reason: '軽自動車の申告(住登外)' });
    expect(body.history[0].changes.nameKanji).toEqual({ after: '髙橋\u3000太郎' });
    expect(await lastAudit()).toMatchObject({ operation: 'addressee.read', subjectId: addresseeNo, result: 'succeeded', rowCount: 1 });
  });

  it('finds the person by half-width kana, by a variant kanji, by birth date in 和暦 and by phone', async () => {
    await register({ nameKanji: '髙橋　三郎', nameKana: 'ﾀｶﾊｼ ｻﾌﾞﾛｳ', birthDate: '1971-07-08', address: '東京都足立区架空町四丁目5番6号', phone: '03-000-5678' });
    for (const criteria of [{ name: 'ﾀｶﾊｼ ｻﾌﾞ' }, { name: '高橋三郎' }, { birthDate: 'S46.7.8' }, { phone: '030005678' }, { address: '足立区架空町4-5-6' }]) {
      const res = await post(clerk, '/api/v1/addressees/search', criteria);
      expect(res.statusCode, JSON.stringify(criteria)).toBe(200);
      expect(res.json().hits.map((h: { nameKanji: string }) => h.nameKanji), JSON.stringify(criteria)).toContain('髙橋\u3000三郎');
    }
    const audit = await lastAudit();
    expect(audit).toMatchObject({ operation: 'addressee.search', detail: { fields: ['address'] } });
    expect(JSON.stringify(audit.detail)).not.toContain('架空町');
  });

  it('refuses bad input with a Japanese problem naming each field, and saves nothing', async () => {
    const before = { addressees: await count('addressee'), integrated: await count('integrated_addressee') };
    const res = await post(clerk, '/api/v1/addressees', {
      ...nonResident,
      nameKana: '高橋タロウ',
      birthDate: '1970-02-30',
      individualNumber: '123456789017',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['nameKana', 'birthDate', 'individualNumber']));
    expect(res.body).not.toContain('123456789017');
    expect(await count('addressee')).toBe(before.addressees);
    expect(await count('integrated_addressee')).toBe(before.integrated);
  });

  it('refuses the same individual number twice, naming the addressee that holds it, and saves nothing', async () => {
    const number = withCheckDigit('40000000002');
    const first = await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '佐藤 一郎', nameKana: 'サトウ イチロウ', individualNumber: number });
    expect(first.statusCode).toBe(201);
    const before = { addressees: await count('addressee'), integrated: await count('integrated_addressee'), history: await count('addressee_history') };
    const again = await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '佐藤 二郎', nameKana: 'サトウ ジロウ', individualNumber: number });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([{ field: 'individualNumber', message: '別の宛名に登録済みの個人番号です' }]);
    expect(again.json().detail).toContain(first.json().addresseeNo);
    expect(again.body).not.toContain(number);
    expect({ addressees: await count('addressee'), integrated: await count('integrated_addressee'), history: await count('addressee_history') }).toEqual(before);
  });

  it('lets an auditor read no addressee, and records the refusal', async () => {
    const res = await post(auditor, '/api/v1/addressees/search', { name: 'タカハシ' });
    expect(res.statusCode).toBe(403);
    expect(await lastAudit()).toMatchObject({ staffNo: auditor.staffNo, operation: 'addressee.read', result: 'denied' });
  });

  it('edits at the version shown, refuses a stale version, and keeps the history of both', async () => {
    const created = (await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '鈴木 花子', nameKana: 'スズキ ハナコ', sexCode: '2' })).json();
    const url = `/api/v1/addressees/${created.addresseeNo}`;
    const edit = await t.app.inject({ method: 'PATCH', url, headers: clerk.headers, payload: { version: 1, address: '東京都足立区架空町9-9-9', reason: '本人からの届出' } });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().version).toBe(2);
    const stale = await t.app.inject({ method: 'PATCH', url, headers: clerk.headers, payload: { version: 1, phone: '03-000-9999', reason: '電話' } });
    expect(stale.statusCode).toBe(409);
    const history = (await get(clerk, url)).json().history;
    expect(history.map((h: { changeKind: string }) => h.changeKind)).toEqual(['updated', 'registered']);
    expect(history[0].changes).toEqual({ address: { before: '東京都足立区架空町一丁目2番3号', after: '東京都足立区架空町9-9-9' } });
  });

  it('sets a tax administrator, closing the previous open one, and refuses an overlap', async () => {
    const taxpayer = (await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '田中 一郎', nameKana: 'タナカ イチロウ' })).json().addresseeNo;
    const first = (await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '管理 一', nameKana: 'カンリ ハジメ' })).json().addresseeNo;
    const second = (await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '管理 二', nameKana: 'カンリ ジ' })).json().addresseeNo;
    const url = `/api/v1/addressees/${taxpayer}/tax-administrators`;
    expect((await post(clerk, url, { administratorAddresseeNo: first, validFrom: '2024-04-01', reason: '海外転出のため' })).statusCode).toBe(204);
    expect((await post(clerk, url, { administratorAddresseeNo: second, validFrom: '2026-01-01', reason: '管理人の変更届' })).statusCode).toBe(204);
    const overlap = await post(clerk, url, { administratorAddresseeNo: first, validFrom: '2025-06-01', reason: '誤り' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().errors[0].field).toBe('validFrom');
    const self = await post(clerk, url, { administratorAddresseeNo: taxpayer, validFrom: '2027-01-01', reason: '誤り' });
    expect(self.json().errors[0].field).toBe('administratorAddresseeNo');

    const detail = (await get(clerk, `/api/v1/addressees/${taxpayer}`)).json();
    expect(detail.taxAdministrators).toEqual([
      { administratorAddresseeNo: second, administratorName: '管理\u3000二', validFrom: '2026-01-01', validTo: null, current: true },
      { administratorAddresseeNo: first, administratorName: '管理\u3000一', validFrom: '2024-04-01', validTo: '2025-12-31', current: false },
    ]);
    const administered = (await get(clerk, `/api/v1/addressees/${second}`)).json().administeredTaxpayers;
    expect(administered).toEqual([expect.objectContaining({ taxpayerAddresseeNo: taxpayer, current: true })]);
  });

  it('sets and ends a mail destination with history', async () => {
    const no = (await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '送付 先子', nameKana: 'ソウフ サキコ', sexCode: '2' })).json().addresseeNo;
    const set = await post(clerk, `/api/v1/addressees/${no}/mail-destinations`, {
      name: '越谷税理士事務所',
      postalCode: '3430813',
      address: '埼玉県越谷市越ヶ谷1-1-1',
      validFrom: '2026-04-01',
      reason: '送付先変更届',
    });
    expect(set.statusCode, set.body).toBe(204);
    expect((await post(clerk, `/api/v1/addressees/${no}/mail-destinations/2026-04-01/end`, { validTo: '2027-03-31', reason: '届出の取下げ' })).statusCode).toBe(204);
    const detail = (await get(clerk, `/api/v1/addressees/${no}`)).json();
    expect(detail.mailDestinations[0]).toMatchObject({ name: '越谷税理士事務所', validTo: '2027-03-31' });
    expect(detail.history.map((h: { changeKind: string }) => h.changeKind)).toEqual(['mail_destination_ended', 'mail_destination_set', 'registered']);
  });

  it('registers a corporation with a checked 法人番号, and refuses a person’s items on it', async () => {
    const corporation = { kind: 'corporation', nameKanji: '株式会社試験', nameKana: 'カブシキガイシャシケン', address: '越谷市越ヶ谷1-1', addressCode: '100', reason: '法人の申告' };
    expect((await post(assessor, '/api/v1/addressees', { ...corporation, corporateNumber: '7000012050002' })).statusCode).toBe(201);
    const bad = await post(assessor, '/api/v1/addressees', { ...corporation, corporateNumber: '7000012050003', birthDate: '1990-01-01', addressCode: '999' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['birthDate', 'corporateNumber']);
    const unknownArea = await post(assessor, '/api/v1/addressees', { ...corporation, addressCode: '999' });
    expect(unknownArea.statusCode).toBe(400);
    expect(unknownArea.json().errors).toEqual([{ field: 'addressCode', message: '住所コード 999 はこの団体の町字にありません' }]);
  });

  it('remakes search keys made by older rules, or by a direct insert, when keitax starts', async () => {
    await db.withMunicipality(CITY, (trx) =>
      trx.insertInto('addressee').values({ municipalityCode: CITY, addresseeNo: '112224900000001', kind: 'non_resident', nameKanji: '旧式　太郎', nameKana: 'キュウシキ　タロウ', address: '他県' }).execute(),
    );
    const search = async () => (await post(clerk, '/api/v1/addressees/search', { name: 'ｷｭｳｼｷ' })).json().hits.length;
    expect(await search()).toBe(0);
    expect(await t.deps.addressees.refreshStaleSearchKeys(CITY)).toBe(1);
    expect(await search()).toBe(1);
    expect(await t.deps.addressees.refreshStaleSearchKeys(CITY)).toBe(0);
  });

  it('matches the four basic items and links an exact unique match', async () => {
    const addresseeNo = await register({ nameKanji: '髙橋　五郎', nameKana: 'ﾀｶﾊｼ ｺﾞﾛｳ', birthDate: '1969-03-04', address: '東京都足立区架空町七丁目8番9号' });
    const res = await post(assessor, '/api/v1/addressees/match', {
      nameKanji: '高橋 五郎',
      nameKana: 'タカハシ ゴロウ',
      sexCode: '1',
      birthDate: '1969-03-04',
      address: '足立区架空町7-8-9',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ decision: 'linked', addresseeNo });
    const near = await post(assessor, '/api/v1/addressees/match', { nameKanji: '高橋 五郎', sexCode: '1', birthDate: '1969-03-05' });
    expect(near.json().decision).toBe('review');
    expect(near.json().candidates[0].match.differing).toEqual(['birthDate']);
  });
});
