import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { PROBLEM_CONTENT_TYPE } from '../../src/server/problem.js';
import { appPerSuite, buildTestApp, type TestApp } from '../support/app.js';
import { signInAs, type SignedIn } from '../support/auth.js';
import { TAX_RULES_EXAMPLES } from './examples.js';

describe('tax-rule API', () => {
  let db: Database;
  let t: TestApp;
  let clerk: SignedIn;

  appPerSuite(async (app, database) => {
    [t, db] = [app, database];
    clerk = await signInAs(t, db, ['counter_clerk']);
  });

  const post = (url: string, payload: object, app = t.app) => app.inject({ method: 'POST', url: `/api/v1/tax/${url}`, payload, headers: clerk.headers });
  const get = (url: string) => t.app.inject({ url, headers: clerk.headers });

  it.each(TAX_RULES_EXAMPLES)('calculates $rule', async (example) => {
    const res = await post('calculate', example.input);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject(example.expected);
  });

  it('answers contradictory input with a 400 problem naming the field in Japanese', async () => {
    const res = await post('calculate', { fiscalYear: 2026, vehicleClass: 'moped_class2_ko', wheels: 2, displacementCc: 50 });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe(PROBLEM_CONTENT_TYPE);
    expect(res.json()).toMatchObject({ type: 'urn:keitax:problem:validation', errors: [{ field: 'displacementCc', message: expect.stringContaining('矛盾') }] });
  });

  it('answers input of the wrong shape with a 400 naming the field', async () => {
    const res = await post('calculate', { fiscalYear: 2015, vehicleClass: 'kei_four_wheel_passenger' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['fiscalYear']);
  });

  it('gives the due date, the late charge, the correction limit, reduction eligibility, the plate fee', async () => {
    expect((await get('/api/v1/tax/due-date?fiscalYear=2026')).json()).toMatchObject({ dueDate: '2026-06-01' });
    expect((await get('/api/v1/tax/due-date?fiscalYear=2051')).json().errors[0].field).toBe('fiscalYear');
    expect((await post('late-charge', { amount: 100000, dueDate: '2026-06-01', paidDate: '2026-12-31' })).json().lateCharge).toBe(4700);
    expect((await post('correction-limit', { fiscalYear: 2026, direction: 'increase', date: '2029-06-02' })).json().allowed).toBe(false);
    expect((await get('/api/v1/tax/collection-deadline?fiscalYear=2026')).json().deadline).toBe('2031-06-01');
    const reduction = await post('reduction-eligibility', {
      fiscalYear: 2026,
      bookletType: 'physical',
      category: 'lower_limb',
      grade: '6',
      ownerRelation: 'self',
      driverRelation: 'self',
      otherReducedVehicles: 0,
      applicationDate: '2026-05-01',
      amount: 10800,
    });
    expect(reduction.json()).toMatchObject({ eligible: true, taxAfterReduction: 0 });
    expect((await post('plate-compensation', { fiscalYear: 2026, theftReportShown: false })).json().amount).toBe(200);
  });

  it('tells clerks, in words, only where a rule is unconfirmed or provisional', async () => {
    const heavy = (await post('calculate', { fiscalYear: 2026, vehicleClass: 'kei_four_wheel_passenger', use: 'private', fuel: 'gasoline', firstInspection: '2013-03' })).json();
    expect(heavy).toMatchObject({ rateCase: 'heavy', provisional: false, cautions: [] });
    expect(JSON.stringify(heavy)).not.toContain('未確認');
    const provisional = (await post('calculate', { fiscalYear: 2027, vehicleClass: 'kei_four_wheel_passenger', use: 'private', fuel: 'electric', firstInspection: '2026-06' })).json();
    expect(provisional).toMatchObject({ rateCase: 'green75', provisional: true, cautions: [expect.stringContaining('※暫定: 2027年度')] });
    const due = (await get('/api/v1/tax/due-date?fiscalYear=2026')).json();
    expect(due.cautions).toEqual([expect.stringContaining('※未確認: 「納期限')]);
    expect(due.explanation).toContain('※未確認');
    const refused = await post('calculate', { fiscalYear: 2029, vehicleClass: 'kei_four_wheel_passenger', use: 'private', fuel: 'electric', firstInspection: '2028-06' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'fiscalYear', message: expect.stringContaining('2029年度') });
  });

  it("applies the municipality's override file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-overrides-'));
    writeFileSync(
      join(dir, '112224.yaml'),
      "municipalityCode: '112224'\nname: 越谷市\nparameters:\n  rates.multiplier:\n    - { from: 2016, to: null, value: 1.2, citation: 越谷市市税条例第82条, confidence: V }\n",
    );
    const raised = await buildTestApp(db, { KEITAX_TAX_OVERRIDES_DIR: dir });
    const res = await raised.app.inject({ method: 'POST', url: '/api/v1/tax/calculate', payload: { fiscalYear: 2026, vehicleClass: 'moped_class1' }, headers: clerk.headers });
    expect(res.json()).toMatchObject({ amount: 2400, citations: expect.arrayContaining(['越谷市: 越谷市市税条例第82条']) });
    await raised.app.close();
  });

  it('declares the tax.calculate permission on every route and documents them in OpenAPI', async () => {
    const spec = (await t.app.inject('/api/docs/json')).json();
    const paths = Object.keys(spec.paths).filter((p) => p.startsWith('/api/v1/tax/'));
    expect(paths.sort()).toEqual(
      ['calculate', 'collection-deadline', 'correction-limit', 'due-date', 'late-charge', 'plate-compensation', 'reduction-eligibility'].map((p) => `/api/v1/tax/${p}`),
    );
    const declared = t.app.declaredRoutes().filter((r) => r.url.startsWith('/api/v1/tax/') && r.method !== 'HEAD');
    expect([...new Set(declared.map((r) => r.url))].sort()).toEqual(paths);
    expect(declared.filter((r) => r.permission !== 'tax.calculate')).toEqual([]);
  });

  it('refuses staff without tax.calculate and those not signed in', async () => {
    const auditor = await signInAs(t, db, ['auditor']);
    const payload = { fiscalYear: 2026, vehicleClass: 'moped_class1' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/tax/calculate', payload, headers: auditor.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/tax/calculate', payload })).statusCode).toBe(401);
  });
});
