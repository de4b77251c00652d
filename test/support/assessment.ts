import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { AssessmentRunView } from '../../src/assessment/model.js';
import type { TestApp } from './app.js';
import type { SignedIn } from './auth.js';

/** Starts the initial assessment over HTTP (202: it carries on in the background) and polls it until it has ended. */
export async function assessOverHttp(t: Pick<TestApp, 'app'>, who: SignedIn, fiscalYear: number): Promise<AssessmentRunView> {
  const started = await t.app.inject({ method: 'POST', url: '/api/v1/assessments', headers: who.headers, payload: { fiscalYear } });
  expect(started.statusCode, started.body).toBe(202);
  let run = started.json<AssessmentRunView>();
  while (run.status === 'running') {
    await sleep(20);
    run = (await t.app.inject({ method: 'GET', url: `/api/v1/assessments/${run.runId}`, headers: who.headers })).json<AssessmentRunView>();
  }
  return run;
}

/** Runs the checks before mailing, marks every finding reviewed and signs them off, as a supervisor does: the year's notices are released. */
export async function signOffChecksOverHttp(t: Pick<TestApp, 'app'>, supervisor: SignedIn, fiscalYear: number): Promise<void> {
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: supervisor.headers, payload });
  const checks = await post('/mailing-checks', { fiscalYear });
  expect(checks.statusCode, checks.body).toBe(200);
  for (const { findingNo } of checks.json<{ findings: { findingNo: number }[] }>().findings) {
    expect((await post(`/mailing-checks/${fiscalYear}/findings/${findingNo}/review`, { note: '確認した' })).statusCode).toBe(200);
  }
  const signed = await post(`/mailing-checks/${fiscalYear}/sign-off`, {});
  expect(signed.json(), signed.body).toMatchObject({ released: true });
}
