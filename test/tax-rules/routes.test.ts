import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { PROBLEM_CONTENT_TYPE } from '../../src/server/problem.js';
import { taxRuleRoutes } from '../../src/tax-rules/routes.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { TAX_RULES_EXAMPLES } from './examples.js';

describe('tax-rule API', () => {
  let db: Database;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await buildTestApp(db);
  });
  afterAll(async () => {
    await t.app.close();
    await db.close();
  });

  const post = (url: string, payload: object, app = t.app) => app.inject({ method: 'POST', url: `/api/v1/tax/${url}`, payload });

  it.each(TAX_RULES_EXAMPLES)('calculates $rule', async (example) => {
    const res = await post('calculate', example.input);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ amount: example.amount, rateCase: example.rateCase, vehicleClass: example.vehicleClass });
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
    expect((await t.app.inject('/api/v1/tax/due-date?fiscalYear=2026')).json()).toMatchObject({ dueDate: '2026-06-01' });
    expect((await t.app.inject('/api/v1/tax/due-date?fiscalYear=2051')).json().errors[0].field).toBe('fiscalYear');
    expect((await post('late-charge', { amount: 100000, dueDate: '2026-06-01', paidDate: '2026-12-31' })).json().lateCharge).toBe(4700);
    expect((await post('correction-limit', { fiscalYear: 2026, direction: 'increase', date: '2029-06-02' })).json().allowed).toBe(false);
    expect((await t.app.inject('/api/v1/tax/collection-deadline?fiscalYear=2026')).json().deadline).toBe('2031-06-01');
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

  it("applies the municipality's override file", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keitax-overrides-'));
    writeFileSync(
      join(dir, '112224.yaml'),
      "municipalityCode: '112224'\nname: 越谷市\nparameters:\n  rates.multiplier:\n    - { from: 2016, to: null, value: 1.2, citation: 越谷市市税条例第82条, confidence: V }\n",
    );
    const raised = await buildTestApp(db, { KEITAX_TAX_OVERRIDES_DIR: dir });
    const res = await post('calculate', { fiscalYear: 2026, vehicleClass: 'moped_class1' }, raised.app);
    expect(res.json()).toMatchObject({ amount: 2400, citations: expect.arrayContaining(['越谷市: 越谷市市税条例第82条']) });
    await raised.app.close();
  });

  it('declares the tax.calculate permission on every route and documents them in OpenAPI', async () => {
    const spec = (await t.app.inject('/api/docs/json')).json();
    const paths = Object.keys(spec.paths).filter((p) => p.startsWith('/api/v1/tax/'));
    expect(paths.sort()).toEqual(
      ['calculate', 'collection-deadline', 'correction-limit', 'due-date', 'late-charge', 'plate-compensation', 'reduction-eligibility'].map((p) => `/api/v1/tax/${p}`),
    );
    const declared: [string, unknown][] = [];
    const bare = Fastify();
    bare.setValidatorCompiler(validatorCompiler);
    bare.setSerializerCompiler(serializerCompiler);
    bare.addHook('onRoute', (route) => {
      declared.push([route.url, route.config?.permission]);
    });
    await bare.register(taxRuleRoutes, { db, config: loadConfig({}), startedAt: new Date(), prefix: '/api/v1' });
    await bare.ready();
    expect([...new Set(declared.map(([url]) => url))].sort()).toEqual(paths);
    expect(declared.filter(([, permission]) => permission !== 'tax.calculate')).toEqual([]);
    await bare.close();
  });
});
