import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { DEMO_PASSWORD } from '../../src/demo/generate.js';
import type { TestApp } from '../support/app.js';
import { SoftwarePasskey } from '../support/passkey.js';
import { enrol, openDemoCity, sessionCookie, signInWith } from '../support/sign-in.js';

const GENERIC = '職員番号・パスワード・生体認証(パスキー)のいずれかが正しくありません。確認してもう一度お試しください。';

describe('sign-in with password and passkey', () => {
  let db: Database;
  let t: TestApp;
  let passkey: SoftwarePasskey;

  beforeAll(async () => {
    ({ db, t, passkey } = await openDemoCity({ KEITAX_LOCKOUT_THRESHOLD: '3', KEITAX_SIGN_IN_MAX_PER_ACCOUNT: '1000' }));
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  const audit = (operation: string) =>
    db.withMunicipality('112224', (trx) => trx.selectFrom('auditLog').selectAll().where('operation', '=', operation).orderBy('seq', 'desc').execute());
  const session = (cookie: string) => t.app.inject({ url: '/api/v1/auth/session', headers: { cookie } });

  it('enrols a passkey with the password and the one-time enrolment code, and signs in', async () => {
    const enrolled = await enrol(t, passkey, 'D002', DEMO_PASSWORD, 'demo-d002-2026');
    expect(enrolled.statusCode).toBe(200);
    const me = await session(sessionCookie(enrolled));
    expect(me.json()).toMatchObject({ staffNo: 'D002', officeCode: '02', roles: [{ code: 'counter_clerk', name: '窓口担当(出張所)' }] });
    expect(me.json().csrfToken).toBe(enrolled.json().csrfToken);
    expect((await audit('auth.passkey_enrol'))[0]).toMatchObject({ staffNo: 'D002', result: 'succeeded' });
  });

  it('does not accept the same enrolment code twice', async () => {
    const again = await enrol(t, new SoftwarePasskey(t.config.publicOrigin), 'D002', DEMO_PASSWORD, 'DEMO-D002-2026');
    expect(again.statusCode).toBe(401);
  });

  it('refuses a passkey that did not verify the user (no biometric)', async () => {
    const careless = new SoftwarePasskey(t.config.publicOrigin, false);
    const res = await enrol(t, careless, 'D003', DEMO_PASSWORD, 'DEMO-D003-2026');
    expect(res.statusCode).toBe(401);
  });

  it('signs in with both factors, with a new session id each time', async () => {
    const first = await signInWith(t, passkey, 'D002', DEMO_PASSWORD);
    expect(first.statusCode).toBe(200);
    const firstCookie = sessionCookie(first);
    const second = await signInWith(t, passkey, 'D002', DEMO_PASSWORD, firstCookie);
    const secondCookie = sessionCookie(second);
    expect(secondCookie).not.toBe(firstCookie);
    expect((await session(secondCookie)).statusCode).toBe(200);
    const old = await session(firstCookie);
    expect(old.statusCode).toBe(401);
    expect(old.json().detail).toMatch(/新しいサインイン/);
    const cookie = first.cookies.find((c) => c.name === 'keitax_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('refuses the password alone', async () => {
    const options = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/options', payload: { staffNo: 'D002' } })).json();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { challengeId: options.challengeId, staffNo: 'D002', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('credential');
    expect(res.cookies).toEqual([]);
  });

  it('says the same thing whichever factor failed, and never which', async () => {
    const wrongPassword = await signInWith(t, passkey, 'D002', 'not-the-password');
    const strangerKey = await signInWith(t, new SoftwarePasskey(t.config.publicOrigin), 'D002', DEMO_PASSWORD);
    const unknownStaff = await signInWith(t, passkey, 'Z999', DEMO_PASSWORD);
    for (const res of [wrongPassword, strangerKey, unknownStaff]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe(GENERIC);
    }
    const reasons = (await audit('auth.sign_in')).filter((e) => e.result === 'failed').map((e) => (e.detail as { reason: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining(['password', 'passkey', 'unknown_or_unavailable']));
    // A successful sign-in resets the count the two failures above started.
    expect((await signInWith(t, passkey, 'D002', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('uses a challenge once', async () => {
    const { challengeId, options } = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in/options', payload: { staffNo: 'D002' } })).json();
    const payload = { challengeId, staffNo: 'D002', password: DEMO_PASSWORD, credential: passkey.authenticate(options) };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload })).statusCode).toBe(401);
  });

  it('locks the account after repeated failures, and tells only the holder of the right factors, clearly', async () => {
    expect((await signInWith(t, passkey, 'D002', DEMO_PASSWORD)).statusCode).toBe(200); // resets the count
    for (let i = 0; i < 3; i++) expect((await signInWith(t, passkey, 'D002', 'wrong-password-123')).statusCode).toBe(401);
    const locked = await signInWith(t, passkey, 'D002', DEMO_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().detail).toMatch(/一時的にロックしました/);
    expect((await audit('auth.sign_in'))[0]).toMatchObject({ result: 'failed', detail: { reason: 'locked', locked: true } });
    await db.withMunicipality('112224', (trx) => trx.updateTable('staff').set({ lockedUntil: null }).where('staffNo', '=', 'D002').execute());
  });

  it('re-authenticates a signed-in clerk with both factors again', async () => {
    const signedIn = await signInWith(t, passkey, 'D002', DEMO_PASSWORD);
    const headers = { cookie: sessionCookie(signedIn), 'x-csrf-token': signedIn.json().csrfToken };
    const before = (await session(headers.cookie)).json().reauthenticatedAt;
    const { challengeId, options } = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/reauthenticate/options', headers })).json();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/reauthenticate',
      headers,
      payload: { challengeId, password: DEMO_PASSWORD, credential: passkey.authenticate(options) },
    });
    expect(res.statusCode).toBe(200);
    expect(Date.parse(res.json().reauthenticatedAt)).toBeGreaterThanOrEqual(Date.parse(before));
  });

  it('signs out here, or everywhere', async () => {
    const a = await signInWith(t, passkey, 'D002', DEMO_PASSWORD);
    const b = await signInWith(t, passkey, 'D002', DEMO_PASSWORD);
    const headersA = { cookie: sessionCookie(a), 'x-csrf-token': a.json().csrfToken };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: headersA })).statusCode).toBe(204);
    expect((await session(headersA.cookie)).statusCode).toBe(401);
    expect((await session(sessionCookie(b))).statusCode).toBe(200);

    const c = await signInWith(t, passkey, 'D002', DEMO_PASSWORD);
    const headersC = { cookie: sessionCookie(c), 'x-csrf-token': c.json().csrfToken };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere', headers: headersC })).statusCode).toBe(204);
    const ended = await session(sessionCookie(b));
    expect(ended.statusCode).toBe(401);
    expect(ended.json().detail).toMatch(/すべての端末/);
  });
});
