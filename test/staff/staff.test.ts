import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { signedInAppPerSuite, signInAs } from '../support/auth.js';
import { runCli } from '../support/cli.js';
import { SoftwarePasskey } from '../support/passkey.js';
import { enrol } from '../support/sign-in.js';

const GOOD_PASSWORD = 'marsh-lantern-ginkgo-47';

describe('staff administration', async () => {
  const suite = signedInAppPerSuite(['system_admin'], 'ADM01');

  const post = (url: string, payload: object, headers = suite.signedIn.headers) => suite.t.app.inject({ method: 'POST', url, payload, headers });
  const newStaff = (overrides: object = {}) => ({
    staffNo: 'N0001',
    name: '新任　職員',
    officeCode: '01',
    department: '市民税課',
    roles: ['counter_clerk'],
    validFrom: '2026-04-01',
    validTo: null,
    password: GOOD_PASSWORD,
    ...overrides,
  });

  it('creates an account with an enrolment code, which the new clerk uses to enrol and sign in', async () => {
    const created = await post('/api/v1/staff', newStaff());
    expect(created.statusCode).toBe(201);
    expect(created.json().staff).toMatchObject({ staffNo: 'N0001', roles: ['counter_clerk'], passkeys: 0, enrollmentCodePending: true });
    const code: string = created.json().enrollmentCode.code;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const enrolled = await enrol(suite.t, new SoftwarePasskey(suite.t.config.publicOrigin), 'N0001', GOOD_PASSWORD, code);
    expect(enrolled.statusCode).toBe(200);
  });

  it('refuses a weak password, a taken staff number and an unknown office, naming the field, and saves nothing', async () => {
    const weak = await post('/api/v1/staff', newStaff({ staffNo: 'N0002', password: 'password1234' }));
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([{ field: 'password', message: expect.stringMatching(/よく使われている/) }]);
    const short = await post('/api/v1/staff', newStaff({ staffNo: 'N0002', password: 'short' }));
    expect(short.json().errors[0].message).toMatch(/12文字以上/);
    const taken = await post('/api/v1/staff', newStaff());
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe('staffNo');
    const office = await post('/api/v1/staff', newStaff({ staffNo: 'N0003', officeCode: '77' }));
    expect(office.statusCode).toBe(400);
    expect(office.json().errors[0].field).toBe('officeCode');
    const period = await post('/api/v1/staff', newStaff({ staffNo: 'N0004', validTo: '2026-03-31' }));
    expect(period.json().errors[0].field).toBe('validTo');
    const list = (await suite.t.app.inject({ url: '/api/v1/staff', headers: suite.signedIn.headers })).json();
    expect(list.map((s: { staffNo: string }) => s.staffNo)).not.toEqual(expect.arrayContaining(['N0002', 'N0003', 'N0004']));
  });

  it('changes an account and records which fields changed, refusing an unknown office', async () => {
    const res = await suite.t.app.inject({ method: 'PATCH', url: '/api/v1/staff/N0001', payload: { department: '南部出張所', validTo: '2027-03-31' }, headers: suite.signedIn.headers });
    expect(res.json()).toMatchObject({ department: '南部出張所', validTo: '2027-03-31' });
    const bad = await suite.t.app.inject({ method: 'PATCH', url: '/api/v1/staff/N0001', payload: { officeCode: '77' }, headers: suite.signedIn.headers });
    expect(bad.json().errors[0].field).toBe('officeCode');
    const entry = await suite.db.withMunicipality('112224', (trx) =>
      trx.selectFrom('auditLog').selectAll().where('operation', '=', 'staff.update').where('result', '=', 'succeeded').orderBy('seq', 'desc').executeTakeFirst(),
    );
    expect(entry?.detail).toEqual({ fields: ['department', 'validTo'] });
  });

  it('records role changes with what was added and removed', async () => {
    const res = await suite.t.app.inject({ method: 'PUT', url: '/api/v1/staff/N0001/roles', payload: { roles: ['assessor', 'reductions_clerk'] }, headers: suite.signedIn.headers });
    expect(res.json().roles).toEqual(['assessor', 'reductions_clerk']);
    const entry = await suite.db.withMunicipality('112224', (trx) =>
      trx.selectFrom('auditLog').selectAll().where('operation', '=', 'staff.roles').orderBy('seq', 'desc').executeTakeFirst(),
    );
    expect(entry).toMatchObject({ staffNo: 'ADM01', subjectId: 'N0001', detail: { added: ['assessor', 'reductions_clerk'], removed: ['counter_clerk'] } });
  });

  it('disables an account, ending its live sessions at once', async () => {
    const clerk = await signInAs(suite.t, suite.db, ['counter_clerk'], 'N0010');
    expect((await suite.t.app.inject({ url: '/api/v1/auth/session', headers: clerk.headers })).statusCode).toBe(200);
    const res = await post('/api/v1/staff/N0010/disable', { reason: '退職' });
    expect(res.json()).toMatchObject({ status: 'disabled', disabledReason: '退職' });
    const after = await suite.t.app.inject({ url: '/api/v1/auth/session', headers: clerk.headers });
    expect(after.statusCode).toBe(401);
  });

  it('does not let an administrator disable their own account', async () => {
    const res = await post('/api/v1/staff/ADM01/disable', { reason: '試験' });
    expect(res.statusCode).toBe(409);
  });

  it('refuses administration to other roles, and records the refusal', async () => {
    const assessor = await signInAs(suite.t, suite.db, ['assessor']);
    const res = await post('/api/v1/staff', newStaff({ staffNo: 'N0099' }), assessor.headers);
    expect(res.statusCode).toBe(403);
  });

  it('reports the user-ID inventory with dormant, expired and never-enrolled accounts, on screen and as CSV', async () => {
    await post('/api/v1/staff', newStaff({ staffNo: 'N0020', validFrom: '2020-04-01', validTo: '2025-03-31' }));
    await sql`update staff set last_sign_in_at = now() - interval '120 days' where staff_no = 'N0001'`.execute(suite.db.owner);
    const rows = (await suite.t.app.inject({ url: '/api/v1/staff-inventory', headers: suite.signedIn.headers })).json();
    const row = (no: string) => rows.find((r: { staffNo: string }) => r.staffNo === no);
    expect(row('N0001')).toMatchObject({ dormant: true, expired: false, neverEnrolled: false });
    expect(row('N0020')).toMatchObject({ expired: true, neverEnrolled: true, neverSignedIn: true });

    expect((await suite.t.app.inject({ url: '/api/v1/staff-inventory.csv', headers: suite.signedIn.headers })).statusCode).toBe(403);
    const auditor = await signInAs(suite.t, suite.db, ['auditor']);
    const csv = await suite.t.app.inject({ url: '/api/v1/staff-inventory.csv', headers: auditor.headers });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\uFEFF"職員番号"')).toBe(true);
    expect(csv.body).toContain('"N0020"');
    const entry = await suite.db.withMunicipality('112224', (trx) =>
      trx.selectFrom('auditLog').selectAll().where('operation', '=', 'staff.inventory.export').orderBy('seq', 'desc').executeTakeFirst(),
    );
    expect(entry).toMatchObject({ result: 'succeeded', rowCount: csv.body.trim().split('\r\n').length - 1 });
  });

  it('lets an administrator lift a lockout and reset a password, which ends the sessions', async () => {
    await sql`update staff set locked_until = now() + interval '1 hour' where staff_no = 'N0001'`.execute(suite.db.owner);
    expect((await post('/api/v1/staff/N0001/unlock', {})).json().lockedUntil).toBeNull();
    const session = await signInAs(suite.t, suite.db, ['counter_clerk'], 'N0030');
    const reset = await suite.t.app.inject({ method: 'PUT', url: '/api/v1/staff/N0030/password', payload: { password: 'quartz-meadow-harbor-92' }, headers: suite.signedIn.headers });
    expect(reset.statusCode).toBe(204);
    expect((await suite.t.app.inject({ url: '/api/v1/auth/session', headers: session.headers })).statusCode).toBe(401);
  });
});

describe('keitax staff (command line)', async () => {
  it('creates the first administrator of a production install, with the password from standard input', async () => {
    const env = { KEITAX_DATA_DIR: mkdtempSync(join(tmpdir(), 'keitax-staff-cli-')) };
    const create = ['staff', 'create', '--staff-no', 'A0001', '--name', '管理\u3000太郎', '--office', '01', '--department', '情報政策課', '--role', 'system_admin'];
    expect((await runCli(['municipality', 'add', '--code', '112224', '--name', '越谷市', '--prefecture', '埼玉県'], env)).status).toBe(0);
    const noOffice = await runCli(create, env, `${GOOD_PASSWORD}\n`);
    expect(noOffice.status).toBe(1);
    expect(noOffice.stderr).toContain('officeCode: 所属拠点が登録されていません');
    expect((await runCli(['office', 'add', '--code', '01', '--name', '本庁', '--kind', 'main'], env)).status).toBe(0);
    const weak = await runCli(create, env, 'password\n');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('password:');
    const created = await runCli(create, env, `${GOOD_PASSWORD}\n`);
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/passkey enrolment code: [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect((await runCli(['staff', 'list'], env)).stdout).toMatch(/A0001\t管理\u3000太郎\t本庁\tsystem_admin\tactive\tpasskeys=0\tnever/);
  }, 120_000);
});
