import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { appPerSuite, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';

describe('user-ID inventory: never-used accounts', () => {
  let db: Database;
  let t: TestApp;
  let admin: SignedIn;
  let auditor: SignedIn;

  appPerSuite(async (app, database) => {
    [t, db] = [app, database];
    admin = await signInAs(t, db, ['system_admin'], 'ADM01');
    auditor = await signInAs(t, db, ['auditor'], 'AUD01');
  });

  const inventory = async () => (await t.app.inject({ url: '/api/v1/staff-inventory', headers: admin.headers })).json() as { staffNo: string; dormant: boolean; findings: string[] }[];
  const row = async (staffNo: string) => (await inventory()).find((r) => r.staffNo === staffNo);

  it('marks an account just created as unused, not dormant, with its age', async () => {
    await signInAs(t, db, ['counter_clerk'], 'N0001');
    expect(await row('N0001')).toMatchObject({ dormant: false, neverSignedIn: true, daysSinceCreated: 0, findings: ['未使用(本日作成)', 'パスキー未登録'] });
    await sql`update staff set created_at = now() - interval '3 days' where staff_no = 'N0001'`.execute(db.owner);
    expect((await row('N0001'))?.findings).toEqual(['未使用(作成から3日)', 'パスキー未登録']);
  });

  it('keeps 休眠 for accounts used once and not for 90 days, and writes the findings into the CSV', async () => {
    await signInAs(t, db, ['counter_clerk'], 'N0002');
    await sql`update staff set created_at = now() - interval '200 days', last_sign_in_at = now() - interval '120 days' where staff_no = 'N0002'`.execute(db.owner);
    expect(await row('N0002')).toMatchObject({ dormant: true, findings: ['休眠(90日以上)', 'パスキー未登録'] });
    const csv = (await t.app.inject({ url: '/api/v1/staff-inventory.csv', headers: auditor.headers })).body;
    expect(csv).toContain('"確認事項"');
    expect(csv).toMatch(/"N0002".*"休眠\(90日以上\)・パスキー未登録"/);
  });
});
