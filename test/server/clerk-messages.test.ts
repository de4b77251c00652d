import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { appPerSuite, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';

/** The API's refusals in a clerk's words: the field's label, the limit, the choices in Japanese, the refused character. */
describe('messages of the API', () => {
  let db: Database;
  let t: TestApp;
  let clerk: SignedIn;
  let admin: SignedIn;

  appPerSuite(async (app, database) => {
    [t, db] = [app, database];
    clerk = await signInAs(t, db, ['assessor']);
    admin = await signInAs(t, db, ['system_admin']);
  });

  const post = (who: SignedIn, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  const messagesOf = (res: { json(): { errors?: { field: string; message: string }[] } }) =>
    Object.fromEntries((res.json().errors ?? []).map((e) => [e.field, e.message]));
  const nonResident = { kind: 'non_resident', nameKanji: '試験　太郎', nameKana: 'シケン　タロウ', address: '東京都架空区1番', reason: '申告' };

  it('names an empty required field by its label, never the validator’s words', async () => {
    const res = await post(clerk, '/api/v1/addressees', { kind: 'non_resident' });
    expect(res.statusCode).toBe(400);
    expect(messagesOf(res)).toMatchObject({ nameKanji: '氏名を入力してください', address: '住所を入力してください', reason: '理由を入力してください' });
    expect(res.body).not.toMatch(/期待されました|undefined|string/);
  });

  it('names the choices in Japanese, never by code', async () => {
    const tax = await post(clerk, '/api/v1/tax/calculate', { fiscalYear: 2026, vehicleClass: 'moped_clas1', use: 'privat' });
    expect(tax.statusCode).toBe(400);
    const messages = messagesOf(tax);
    expect(messages.vehicleClass).toMatch(/^車種は「原動機付自転車\(車輪・排気量・出力から判定\)」「原動機付自転車 第一種」.*のいずれかを選んでください$/);
    expect(messages.use).toBe('用途は「自家用」「営業用」のいずれかを選んでください');
    expect(tax.body).not.toMatch(/moped_class1|"private"/);
    const sex = await post(clerk, '/api/v1/addressees', { ...nonResident, sexCode: 'M' });
    expect(messagesOf(sex).sexCode).toBe('性別は「男」「女」のいずれかを選んでください');
  });

  it('says the limit in characters, and never echoes an overlong value', async () => {
    const name = await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '山'.repeat(101) });
    expect(messagesOf(name).nameKanji).toBe('氏名は100文字以内で入力してください');
    const grade = await post(clerk, '/api/v1/tax/reduction-eligibility', {
      fiscalYear: 2026,
      bookletType: 'physical',
      category: 'visual',
      grade: `<img src=x onerror=alert(1)>${'1'.repeat(900_000)}`,
      ownerRelation: 'self',
      driverRelation: 'self',
      otherReducedVehicles: 0,
      applicationDate: '2026-05-01',
    });
    expect(grade.statusCode).toBe(400);
    expect(messagesOf(grade).grade).toBe('級は10文字以内で入力してください');
    expect(grade.body.length).toBeLessThan(2000);
    expect(grade.body).not.toContain('onerror');
  });

  it('refuses emoji in names and addresses and keeps rare name kanji', async () => {
    const emoji = await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '😀　絵文字' });
    expect(emoji.statusCode).toBe(400);
    expect(messagesOf(emoji).nameKanji).toMatch(/^氏名に使えない文字「😀」があります/);
    const address = await post(clerk, '/api/v1/addressees', { ...nonResident, address: '東京都\u{1F600}区' });
    expect(messagesOf(address).address).toMatch(/^住所に使えない文字/);
    const reason = await post(clerk, '/api/v1/addressees', { ...nonResident, reason: '😀' });
    expect(messagesOf(reason).reason).toMatch(/^理由に使えない文字/);
    const rare = await post(clerk, '/api/v1/addressees', { ...nonResident, nameKanji: '𠮷田　髙﨑' });
    expect(rare.statusCode, rare.body).toBe(201);
  });

  it('refuses a staff account named in emoji', async () => {
    const res = await post(admin, '/api/v1/staff', {
      staffNo: 'E0001',
      name: '😀'.repeat(10),
      officeCode: '01',
      department: '市民税課',
      validFrom: '2026-04-01',
      validTo: null,
      roles: ['counter_clerk'],
      password: 'correct horse battery staple 2026',
    });
    expect(res.statusCode).toBe(400);
    expect(messagesOf(res).name).toMatch(/^氏名に使えない文字「😀」があります/);
  });
});
