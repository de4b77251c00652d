import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../src/access/http.js';
import { sessionTokenHash } from '../../src/access/sessions.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from '../support/database.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs } from '../support/auth.js';

describe('access control over HTTP', () => {
  let db: Database;
  let t: TestApp;
  const CITY = '112224';

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db, {}, (app) => {
      app.get('/test/addressees', { config: { permission: 'addressee.read' } }, async (request) => ({ staffNo: actorOf(request).staffNo }));
      app.post('/test/addressees', { config: { permission: 'addressee.write' } }, async () => ({ saved: true }));
      app.get('/test/anyone-signed-in', { config: { permission: 'authenticated' } }, async () => ({ ok: true }));
      app.get('/test/undeclared', async () => ({ leaked: true }));
    });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  const lastAudit = () => db.withMunicipality(CITY, (trx) => trx.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst());

  it('declares the access of every route it serves', () => {
    const undeclared = t.app.declaredRoutes().filter((r) => r.permission === undefined && !r.url.startsWith('/test/'));
    expect(undeclared).toEqual([]);
    expect(t.app.declaredRoutes().length).toBeGreaterThan(5);
  });

  it('asks for sign-in, in Japanese, before anything that is not public', async () => {
    for (const url of ['/test/addressees', '/test/anyone-signed-in', '/test/undeclared']) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().detail).toBe('サインインしてください。');
    }
  });

  it('lets a role with the permission through and refuses, and audits, one without', async () => {
    const clerk = await signInAs(t, db, ['counter_clerk']);
    const ok = await t.app.inject({ url: '/test/addressees', headers: clerk.headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ staffNo: clerk.staffNo });

    const auditor = await signInAs(t, db, ['auditor']);
    const refused = await t.app.inject({ url: '/test/addressees', headers: auditor.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/「宛名の照会」の権限がありません/);
    expect(await lastAudit()).toMatchObject({ staffNo: auditor.staffNo, operation: 'addressee.read', result: 'denied', detail: { route: '/test/addressees' } });
  });

  it('records the subject named in the path and the method of a refused request', async () => {
    const clerk = await signInAs(t, db, ['counter_clerk']);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/addressees/112224000000273/individual-number/reveal', headers: clerk.headers, payload: {} });
    expect(refused.statusCode).toBe(403);
    expect(await lastAudit()).toMatchObject({
      staffNo: clerk.staffNo,
      operation: 'addressee.individualNumber.reveal',
      result: 'denied',
      subjectType: 'addressee',
      subjectId: '112224000000273',
      detail: { route: '/api/v1/addressees/:addresseeNo/individual-number/reveal', method: 'POST', params: { addresseeNo: '112224000000273' } },
    });

    const auditor = await signInAs(t, db, ['auditor']);
    await t.app.inject({ url: '/api/v1/staff/D002', headers: auditor.headers });
    expect(await lastAudit()).toMatchObject({ result: 'denied', subjectType: 'staff', subjectId: 'D002', detail: { method: 'GET' } });

    const supervisor = await signInAs(t, db, ['supervisor']);
    await t.app.inject({ url: '/test/undeclared', headers: supervisor.headers });
    expect(await lastAudit()).toMatchObject({ operation: 'route.undeclared', subjectType: null, detail: { route: '/test/undeclared', method: 'GET' } });
  });

  it('refuses a route that declares no access, even to a signed-in supervisor', async () => {
    const supervisor = await signInAs(t, db, ['supervisor']);
    const res = await t.app.inject({ url: '/test/undeclared', headers: supervisor.headers });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('leaked');
  });

  it('refuses a state-changing request without the CSRF token of its session', async () => {
    const clerk = await signInAs(t, db, ['counter_clerk']);
    const other = await signInAs(t, db, ['counter_clerk']);
    const without = await t.app.inject({ method: 'POST', url: '/test/addressees', headers: { cookie: clerk.headers.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().detail).toMatch(/再読み込み/);
    const foreign = await t.app.inject({ method: 'POST', url: '/test/addressees', headers: { ...clerk.headers, 'x-csrf-token': other.headers['x-csrf-token'] } });
    expect(foreign.statusCode).toBe(403);
    const withToken = await t.app.inject({ method: 'POST', url: '/test/addressees', headers: clerk.headers });
    expect(withToken.statusCode).toBe(200);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const clerk = await signInAs(t, db, ['counter_clerk']);
    await sql`update staff_session set last_seen_at = now() - interval '21 minutes' where session_token_hash = ${sessionTokenHash(clerk.token)}`.execute(db.owner);
    const res = await t.app.inject({ url: '/test/addressees', headers: clerk.headers });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/一定時間操作がなかった/);
    const again = await t.app.inject({ url: '/test/addressees', headers: clerk.headers });
    expect(again.json().detail).toMatch(/一定時間操作がなかった/);
  });

  it('keeps an active session alive but ends it at the absolute limit', async () => {
    const clerk = await signInAs(t, db, ['counter_clerk']);
    await sql`update staff_session set expires_at = now() - interval '1 second' where session_token_hash = ${sessionTokenHash(clerk.token)}`.execute(db.owner);
    const res = await t.app.inject({ url: '/test/addressees', headers: clerk.headers });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/有効時間が過ぎました/);
  });

  it('ends the live session of an account that is disabled', async () => {
    const clerk = await signInAs(t, db, ['counter_clerk']);
    expect((await t.app.inject({ url: '/test/addressees', headers: clerk.headers })).statusCode).toBe(200);
    await db.withMunicipality(CITY, (trx) => trx.updateTable('staff').set({ status: 'disabled' }).where('staffNo', '=', clerk.staffNo).execute());
    const res = await t.app.inject({ url: '/test/addressees', headers: clerk.headers });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toMatch(/このアカウントは利用できません/);
  });

  it('does not accept a made-up session token', async () => {
    const res = await t.app.inject({ url: '/test/anyone-signed-in', headers: { cookie: 'keitax_session=forged' } });
    expect(res.statusCode).toBe(401);
  });
});
