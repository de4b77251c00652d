import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signedInAppPerSuite, signInAs } from '../support/auth.js';
import { runCli } from '../support/cli.js';

const GOOD_PASSWORD = 'marsh-lantern-ginkgo-47';

describe('separation of duties and the last system administrator', async () => {
  const suite = signedInAppPerSuite(['system_admin'], 'ADM01');

  const setRoles = (staffNo: string, roles: string[], headers = suite.signedIn.headers) =>
    suite.t.app.inject({ method: 'PUT', url: `/api/v1/staff/${staffNo}/roles`, payload: { roles }, headers });
  const rolesOf = async (staffNo: string, headers = suite.signedIn.headers) => (await suite.t.app.inject({ url: `/api/v1/staff/${staffNo}`, headers })).json().roles;

  it('refuses the last system administrator removing their own role, saying why, and changes nothing', async () => {
    const res = await setRoles('ADM01', ['counter_clerk']);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json().detail).toContain('システム管理者が一人もいなくなります');
    expect(res.json().errors).toEqual([{ field: 'roles', message: expect.stringContaining('最後のシステム管理者') }]);
    expect(await rolesOf('ADM01')).toEqual(['system_admin']);
  });

  it('refuses a system administrator who is also an auditor or holds a tax role, naming the conflicting roles', async () => {
    const auditor = await setRoles('ADM01', ['system_admin', 'auditor']);
    expect(auditor.statusCode).toBe(400);
    expect(auditor.json().errors[0]).toEqual({ field: 'roles', message: expect.stringMatching(/システム管理者.*監査担当.*兼ねることはできません/) });
    const tax = await suite.t.app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      payload: { staffNo: 'N0001', name: '新任　職員', officeCode: '01', department: '情報政策課', roles: ['system_admin', 'assessor'], validFrom: '2026-04-01', validTo: null, password: GOOD_PASSWORD },
      headers: suite.signedIn.headers,
    });
    expect(tax.statusCode).toBe(400);
    expect(tax.json().errors[0].message).toMatch(/システム管理者.*課税担当\(市民税課\).*兼ねることはできません/);
    expect((await suite.t.app.inject({ url: '/api/v1/staff/N0001', headers: suite.signedIn.headers })).statusCode).toBe(404);
    expect(await rolesOf('ADM01')).toEqual(['system_admin']);
  });

  it('lets an administrator step down once another one remains, and refuses the remaining one stepping down', async () => {
    const second = await signInAs(suite.t, suite.db, ['system_admin'], 'ADM02');
    expect((await setRoles('ADM01', ['counter_clerk'])).statusCode).toBe(200);
    const self = await setRoles('ADM02', [], second.headers);
    expect(self.statusCode).toBe(409);
    expect(await rolesOf('ADM02', second.headers)).toEqual(['system_admin']);
  });
});

describe('keitax staff keeps a system administrator (command line)', async () => {
  it('refuses disabling the only administrator or removing their role, and says why', async () => {
    const env = { KEITAX_DATA_DIR: mkdtempSync(join(tmpdir(), 'keitax-duties-cli-')) };
    expect((await runCli(['municipality', 'add', '--code', '112224', '--name', '越谷市', '--prefecture', '埼玉県'], env)).status).toBe(0);
    expect((await runCli(['office', 'add', '--code', '01', '--name', '本庁', '--kind', 'main'], env)).status).toBe(0);
    const create = ['staff', 'create', '--staff-no', 'A0001', '--name', '管理\u3000太郎', '--office', '01', '--department', '情報政策課', '--role', 'system_admin'];
    expect((await runCli(create, env, `${GOOD_PASSWORD}\n`)).status).toBe(0);
    const disable = await runCli(['staff', 'disable', '--staff-no', 'A0001', '--reason', '退職'], env);
    expect(disable.status).toBe(1);
    expect(disable.stderr).toContain('システム管理者が一人もいなくなります');
    const roles = await runCli(['staff', 'roles', '--staff-no', 'A0001', '--role', 'counter_clerk'], env);
    expect(roles.status).toBe(1);
    expect(roles.stderr).toContain('最後のシステム管理者');
  }, 300_000);
});
