import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/db/database.js';
import { seedDemoCity } from '../../src/demo/seed.js';
import { PROBLEM_CONTENT_TYPE } from '../../src/server/problem.js';
import { createTestDatabase } from '../support/database.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { TEST_VAULT } from '../support/keys.js';
import { signInAs } from '../support/auth.js';

describe('server', () => {
  let db: Database;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoCity(db, TEST_VAULT);
    t = await buildTestApp(db, {}, (app) => {
      app.get('/test/bug', { config: { permission: 'public' } }, async () => {
        throw new Error('secret internals: connection string postgres://admin:pw@db');
      });
      app.post(
        '/test/validated',
        { config: { permission: 'public' }, schema: { body: z.object({ plate: z.string().min(1), owner: z.object({ birthDate: z.iso.date() }) }) } },
        async () => ({ ok: true }),
      );
      app.get('/test/search', { config: { permission: 'public' }, schema: { querystring: z.object({ name: z.string() }) } }, async () => ({ hits: 0 }));
    });
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('answers /healthz with 200 when the database responds', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers /healthz with 503 problem details when the database does not', async () => {
    const broken: Database = { ...db, ping: () => Promise.reject(new Error('connection refused')) } as Database;
    const sick = await buildTestApp(broken);
    const res = await sick.app.inject('/healthz');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.json().detail).toMatch(/データベースが応答しません/);
    await sick.app.close();
  });

  it('describes the running system to signed-in staff', async () => {
    expect((await t.app.inject('/api/v1/system/status')).statusCode).toBe(401);
    const clerk = await signInAs(t, db, ['counter_clerk']);
    const res = await t.app.inject({ url: '/api/v1/system/status', headers: clerk.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.database.kind).toBe(db.kind);
    expect(body.database.latestMigration).toMatch(/^\d{4}_/);
    expect(body.register.addressees).toBeGreaterThan(200);
    expect(body.register.currentVehicles).toBeGreaterThan(300);
  });

  it('names the municipality it serves', async () => {
    const res = await t.app.inject('/api/v1/municipality');
    expect(res.json()).toEqual({ code: '112224', name: '越谷市', prefecture: '埼玉県', isDemo: true });
  });

  it('says in Japanese how to register a municipality that is missing', async () => {
    const other = await buildTestApp(db, { KEITAX_MUNICIPALITY_CODE: '131016' });
    const res = await other.app.inject('/api/v1/municipality');
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toMatch(/keitax municipality add/);
    await other.app.close();
  });

  it('answers unknown API routes with a Japanese 404 problem', async () => {
    const res = await t.app.inject('/api/v1/no-such-thing?name=山田');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.json()).toMatchObject({ status: 404, title: '見つかりません', type: 'urn:keitax:problem:404' });
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });

  it('turns a bug into a 500 that reveals nothing of the internals', async () => {
    const res = await t.app.inject('/test/bug');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.body).not.toMatch(/secret|postgres:|stack/);
    expect(res.json().title).toBe('システム内部でエラーが発生しました');
    expect(t.logs()).toContain('secret internals');
  });

  it('names each failing field of a validation error, in Japanese', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/validated', payload: { plate: '', owner: { birthDate: '2026-02-30' } } });
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.type).toBe('urn:keitax:problem:validation');
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['owner.birthDate', 'plate']);
    for (const e of problem.errors) expect(e.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  });

  it('names the query-string field that is missing', async () => {
    const res = await t.app.inject('/test/search');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('querystring.name');
  });

  it('explains a malformed JSON body in Japanese', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/validated', headers: { 'content-type': 'application/json' }, payload: '{"plate":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/JSONの書式/);
  });

  it('keeps a request id given by the client and makes one otherwise', async () => {
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'counter-02-000123' } });
    expect(given.headers['x-request-id']).toBe('counter-02-000123');
    const made = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs requests by route pattern, never their URL or query', async () => {
    await t.app.inject('/test/search?name=%E5%B1%B1%E7%94%B0%E5%A4%AA%E9%83%8E');
    await t.app.inject('/api/v1/no-such-thing/%E5%B1%B1%E7%94%B0');
    const logs = t.logs();
    expect(logs).toContain('"route":"/test/search"');
    expect(logs).not.toMatch(/山田|%E5%B1%B1|name=/);
  });

  it('describes the API in OpenAPI at /api/docs', async () => {
    const spec = (await t.app.inject('/api/docs/json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/v1/system/status', '/api/v1/municipality']));
    expect((await t.app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('tells a browser asking for a page that the screens are not built yet', async () => {
    const res = await t.app.inject({ url: '/system/status', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toMatch(/npm run build/);
  });
});
