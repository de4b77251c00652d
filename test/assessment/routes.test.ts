import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { createTestDatabase } from '../support/database.js';

describe('assessments over HTTP', () => {
  let db: Database;
  let t: TestApp;
  let supervisor: SignedIn;
  let clerk: SignedIn;

  const post = (who: SignedIn, url: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: who.headers, payload });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: who.headers });

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
    supervisor = await signInAs(t, db, ['supervisor']);
    clerk = await signInAs(t, db, ['counter_clerk']);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  it('runs an empty city to completion and lists the run, and reconciles it', async () => {
    const started = await post(supervisor, '/assessments', { fiscalYear: 2026 });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ kind: 'real', status: 'running', vehiclesExpected: 0, vehiclesDone: 0 });
    const runId = (started.json() as { runId: number }).runId;
    expect(started.headers.location).toBe(`/api/v1/assessments/${runId}`);
    let polled = (await get(supervisor, `/assessments/${runId}`)).json() as { status: string };
    while (polled.status === 'running') polled = (await get(supervisor, `/assessments/${runId}`)).json() as { status: string };
    expect(polled).toMatchObject({ runId, status: 'completed', totals: { vehicles: 0, amount: 0 } });
    expect((await get(supervisor, '/assessments')).json()).toHaveLength(1);
    expect((await get(supervisor, '/assessments/reconciliation/2026')).json()).toMatchObject({ agrees: true, differences: [] });
  });

  it('answers a mistyped year with a problem in Japanese naming the field, and changes nothing', async () => {
    const before = (await get(supervisor, '/assessments')).json() as unknown[];
    const response = await post(supervisor, '/assessments', { fiscalYear: 'にせん' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(response.json())).toContain('年度');
    expect((await get(supervisor, '/assessments')).json()).toHaveLength(before.length);
    expect((await get(supervisor, '/assessments/abc')).statusCode).toBe(400);
    expect((await get(supervisor, '/assessments/999')).statusCode).toBe(404);
    expect((await get(supervisor, '/assessments/reconciliation/2030')).statusCode).toBe(404);
  });

  it('refuses a counter clerk (403)', async () => {
    expect((await post(clerk, '/assessments', { fiscalYear: 2026 })).statusCode).toBe(403);
    expect((await post(clerk, '/assessments/preview', { fiscalYear: 2026 })).statusCode).toBe(403);
  });
});
